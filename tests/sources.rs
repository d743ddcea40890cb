//! Every passage a programme file quotes between « » appears word for word in the
//! document it cites.
//!
//! Each programme file names its document (`document`: title, the `short` name its
//! sources use, date, and `seed`, the name of the document's text among the source
//! texts). A `source` that names another programme's document by its `short` name
//! quotes that document; any other quotes the file's own. The texts are read from the
//! folder of source texts next to the repository (`../shared/seeds`, or the folder
//! `PARCOURS_SEEDS` names); where it is absent the test says loudly that it skipped.
//!
//! Comparison: word for word, after normalising only whitespace (every run of spaces,
//! tabs, line breaks, non-breaking spaces becomes one space) and typographic
//! apostrophes and quotation marks (’ ‘ ʼ become ', “ ” become "). Case, accents,
//! punctuation and elisions are not normalised: a quote with "…" for an omitted
//! passage does not match, quote the whole passage or two passages.
//!
//! A document with no text here (the regulatory texts of the IAE diagnosis) may be
//! cited by title, never quoted between « ».

#![cfg(not(target_arch = "wasm32"))]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

struct Document {
    short: String,
    seed: Option<String>,
}

struct Programme {
    file: String,
    json: Value,
    document: Document,
}

fn programmes() -> Vec<Programme> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("programmes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{file}: {e}"));
            let d = latest(&json["document"]);
            let document = Document {
                short: latest(&d["short"])
                    .as_str()
                    .unwrap_or_else(|| panic!("{file}: document.short"))
                    .into(),
                seed: latest(&d["seed"]).as_str().map(String::from),
            };
            Programme {
                file,
                json,
                document,
            }
        })
        .collect()
}

/// A value that changes on a date (an object whose keys are all dates `YYYY-MM-DD`,
/// docs/programmes.md): its latest value; any other value as it is. The IAE file's
/// dated documents have no text here, so none is quoted.
fn latest(value: &Value) -> &Value {
    match value {
        Value::Object(map)
            if !map.is_empty()
                && map
                    .keys()
                    .all(|k| k.len() == 10 && k.bytes().filter(|b| *b == b'-').count() == 2) =>
        {
            map.values().next_back().map_or(value, latest)
        }
        _ => value,
    }
}

/// Whitespace and typographic apostrophes and quotation marks, nothing else.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// The outermost passages between « and » (a quote may hold a quote).
fn quotes(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '«' => {
                if depth > 0 {
                    current.push(c);
                }
                depth += 1;
            }
            '»' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    found.push(std::mem::take(&mut current).trim().to_string());
                } else {
                    current.push(c);
                }
            }
            c if depth > 0 => current.push(c),
            _ => {}
        }
    }
    assert_eq!(depth, 0, "an unclosed « in: {text}");
    found
}

/// Every text of a JSON value with its path, the `document` block aside.
fn texts<'a>(value: &'a Value, path: &str, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(s) => out.push((path.to_string(), s)),
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                texts(v, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                if path.is_empty() && k == "document" {
                    continue;
                }
                let at = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                texts(v, &at, out);
            }
        }
        _ => {}
    }
}

fn seeds_dir() -> PathBuf {
    match std::env::var_os("PARCOURS_SEEDS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"),
    }
}

#[test]
fn quotes_appear_word_for_word_in_their_documents() {
    let programmes = programmes();
    let documents: Vec<&Document> = programmes.iter().map(|p| &p.document).collect();
    let dir = seeds_dir();
    let available = dir.is_dir();
    if !available {
        // Straight to the standard error, past the test harness' capture: a skip must
        // be seen even when the test passes.
        let banner = format!(
            "\n==================================================================\n \
             SKIPPED: quotes_appear_word_for_word_in_their_documents\n \
             no folder of source texts at {}\n \
             (set PARCOURS_SEEDS to it): no quote was checked against a text.\n\
             ==================================================================\n\n",
            dir.display()
        );
        let _ = std::io::stderr().write_all(banner.as_bytes());
    }
    let read = |seed: &str| -> String {
        let path = dir.join(seed);
        normalise(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for p in &programmes {
        let mut all = Vec::new();
        texts(&p.json, "", &mut all);
        for (path, text) in all {
            let found = quotes(text);
            if found.is_empty() {
                continue;
            }
            let mut cited: Vec<&Document> = documents
                .iter()
                .copied()
                .filter(|d| text.contains(d.short.as_str()))
                .collect();
            if cited.is_empty() {
                cited.push(&p.document);
            }
            for quote in found {
                let Some(seeds) = cited
                    .iter()
                    .map(|d| d.seed.as_deref())
                    .collect::<Option<Vec<&str>>>()
                else {
                    failures.push(format!(
                        "{}: {path}: « {quote} » quotes a document with no text to check it against",
                        p.file
                    ));
                    continue;
                };
                if !available {
                    continue;
                }
                let wanted = normalise(&quote);
                if wanted.is_empty() {
                    failures.push(format!("{}: {path}: an empty quote", p.file));
                    continue;
                }
                checked += 1;
                if !seeds.iter().any(|s| read(s).contains(&wanted)) {
                    failures.push(format!(
                        "{}: {path}: « {quote} » is not word for word in {}",
                        p.file,
                        seeds.join(" or ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
    if available {
        assert!(checked >= 50, "only {checked} quotes checked");
        let _ = writeln!(
            std::io::stderr(),
            "sources: {checked} quotes found word for word in their documents"
        );
    }
}

#[test]
fn every_programme_names_its_document_and_each_seed_exists() {
    let dir = seeds_dir();
    for p in programmes() {
        assert!(
            latest(&latest(&p.json["document"])["title"])
                .as_str()
                .is_some_and(|t| !t.is_empty()),
            "{}: document.title",
            p.file
        );
        if let (Some(seed), true) = (&p.document.seed, dir.is_dir()) {
            assert!(dir.join(seed).is_file(), "{}: no text {seed}", p.file);
        }
    }
}

#[test]
fn normalising_touches_only_whitespace_and_typographic_marks() {
    assert_eq!(normalise("l’emploi  \n de\u{a0}date"), "l'emploi de date");
    assert_eq!(normalise("“oui”"), "\"oui\"");
    assert_ne!(normalise("Emploi"), normalise("emploi"));
    assert_ne!(normalise("emploi…"), normalise("emploi..."));
    assert_eq!(
        quotes("a « b « c » d » e « f »"),
        vec!["b « c » d".to_string(), "f".to_string()]
    );
}

/// The texts of the project refer only to documents it holds or names by title: not to
/// the digest it was planned from, nor to source texts by file number (three digits).
/// The programme files' `seed` lines, which name the texts the quote test reads, are
/// the exception.
#[test]
fn no_text_refers_to_a_document_the_project_does_not_hold() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let digest = ["DOMAIN", ".md"].concat();
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = [
        "src",
        "docs",
        "tests",
        "programmes",
        "scripts",
        "www",
        "js",
        "bench",
        "fuzz",
    ]
    .iter()
    .map(|d| root.join(d))
    .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if ![
                    "target",
                    "node_modules",
                    "corpus",
                    "artifacts",
                    "pkg",
                    "territories",
                ]
                .contains(&name.as_str())
                {
                    stack.push(path);
                }
            } else if [
                ".rs", ".md", ".json", ".mjs", ".js", ".html", ".sh", ".toml",
            ]
            .iter()
            .any(|e| name.ends_with(e))
            {
                files.push(path);
            }
        }
    }
    for name in [
        "README.md",
        "CHANGELOG.md",
        "BENCHMARKS.md",
        "build.rs",
        "Cargo.toml",
    ] {
        files.push(root.join(name));
    }
    let mut found = Vec::new();
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let shown = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            if line.contains(&digest)
                || line
                    .to_lowercase()
                    .contains(&["domain", " digest"].concat())
            {
                found.push(format!("{shown}:{}: {}", n + 1, line.trim()));
            }
            if line.contains("\"seed\":") {
                continue;
            }
            // A word of three digits 000-004 standing alone (not in 0.001, 10,000,
            // 2023-004 or 000_…): a source text's file number.
            let b = line.as_bytes();
            for i in 0..b.len().saturating_sub(2) {
                let word = &b[i..i + 3];
                let before = i.checked_sub(1).map(|j| b[j]);
                let after = b.get(i + 3).copied();
                let edge = |c: Option<u8>| {
                    c.is_none_or(|c| !(c.is_ascii_alphanumeric() || b"._,-/'".contains(&c)))
                };
                if word[0] == b'0'
                    && word[1] == b'0'
                    && (b'0'..=b'4').contains(&word[2])
                    && edge(before)
                    && (edge(after) || after == Some(b'\''))
                {
                    found.push(format!("{shown}:{}: {}", n + 1, line.trim()));
                    break;
                }
            }
        }
    }
    assert!(found.is_empty(), "\n{}\n", found.join("\n"));
}

/// docs/rules.md quotes word for word too: each line's quotes appear in one of the
/// documents it names (by the short names the programme files use, in any case).
#[test]
fn the_rule_reference_quotes_word_for_word() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        let _ = writeln!(
            std::io::stderr(),
            "\nSKIPPED: the_rule_reference_quotes_word_for_word (no folder of source texts at {})\n",
            dir.display()
        );
        return;
    }
    let programmes = programmes();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .expect("docs/rules.md");
    let mut failures = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let found = quotes(line);
        if found.is_empty() {
            continue;
        }
        let lower = line.to_lowercase();
        let seeds: Vec<String> = programmes
            .iter()
            .filter(|p| lower.contains(&p.document.short.to_lowercase()))
            .filter_map(|p| p.document.seed.clone())
            .collect();
        let texts: Vec<String> = seeds
            .iter()
            .map(|s| normalise(&std::fs::read_to_string(dir.join(s)).expect("a seed")))
            .collect();
        for quote in found {
            let wanted = normalise(&quote);
            if !texts.iter().any(|t| t.contains(&wanted)) {
                failures.push(format!(
                    "docs/rules.md:{}: « {quote} » in none of {seeds:?}",
                    n + 1
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// docs/rules.md lists every rule identifier once: those the code cites, the programme
/// files use and the cases test.
#[test]
fn the_rule_reference_lists_every_identifier_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/rules.md")).expect("docs/rules.md");
    let mut ids = std::collections::BTreeSet::new();
    let scan = |text: &str, ids: &mut std::collections::BTreeSet<String>| {
        for (i, _) in text.match_indices('"') {
            let rest = &text[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let word = &rest[..end];
            let family = ["FSE-", "ENT-", "IAE-", "EXIT-", "FU-"]
                .iter()
                .any(|f| word.starts_with(f));
            if (family || word == "REQUEST")
                && word
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
            {
                ids.insert(word.to_string());
            }
        }
    };
    // The code names a rule by its `RuleId` variant; the enum's own file, which lists
    // them all, does not count as a use.
    let variants: Vec<(&str, &str)> = parcours::RuleId::ALL
        .iter()
        .map(|r| (r.variant_name(), r.as_str()))
        .collect();
    let enum_file = root.join("src/finding/rule_id.rs");
    let mut stack = vec![
        root.join("src"),
        root.join("programmes"),
        root.join("tests/cases"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path == enum_file {
                continue;
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                scan(&text, &mut ids);
                for (variant, id) in &variants {
                    let used = text
                        .match_indices(&format!("RuleId::{variant}"))
                        .any(|(i, m)| {
                            !text[i + m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                        });
                    if used {
                        ids.insert(id.to_string());
                    }
                }
            }
        }
    }
    // Identifiers that only unit tests use to prove a rejection.
    for invented in ["ENT-NOPE", "EXIT-DURABLE", "FU-WEEKLY"] {
        ids.remove(invented);
    }
    assert!(ids.len() >= 45, "{ids:?}");
    for id in &ids {
        let rows = page.matches(&format!("| **{id}** |")).count();
        assert_eq!(rows, 1, "docs/rules.md lists {id} {rows} times");
    }
    for row in page.lines().filter(|l| l.starts_with("| **")) {
        let id = row
            .trim_start_matches("| **")
            .split("**")
            .next()
            .unwrap_or("");
        assert!(
            ids.contains(id) || ["IAE-L1", "IAE-L2", "ENT-CAPACITY"].contains(&id),
            "docs/rules.md lists {id}, which nothing uses"
        );
    }
}

/// The `RuleId` enum and docs/rules.md list the same identifiers in the same order, and
/// each variant's doc comment gives the identifier and the page's one-line meaning.
#[test]
fn the_rule_id_enum_follows_the_rule_reference() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/rules.md")).expect("docs/rules.md");
    let code = std::fs::read_to_string(root.join("src/finding/rule_id.rs")).expect("rule_id.rs");
    let rows: Vec<(&str, &str)> = page
        .lines()
        .filter_map(|l| l.strip_prefix("| **"))
        .filter_map(|l| {
            let (id, rest) = l.split_once("** | ")?;
            Some((id, rest.split(" |").next()?.trim()))
        })
        .collect();
    let ids: Vec<&str> = parcours::RuleId::ALL.iter().map(|r| r.as_str()).collect();
    let listed: Vec<&str> = rows.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids, listed,
        "RuleId (src/finding/rule_id.rs) and docs/rules.md differ"
    );
    for (rule, (id, meaning)) in parcours::RuleId::ALL.iter().zip(&rows) {
        assert_eq!(parcours::RuleId::from_name(id), Some(*rule));
        let mut chars = meaning.chars();
        let first: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .collect();
        let doc = format!(
            "/// {id} — {first}{}.\n    {} = \"{id}\";",
            chars.as_str(),
            rule.variant_name()
        );
        assert!(
            code.contains(&doc),
            "src/finding/rule_id.rs: {id} should read\n{doc}\n(its docs/rules.md meaning)"
        );
    }
}

/// A search for any rule identifier lands on its code: each one is written out (in a
/// doc comment, a module's name or a comment) in a source file of src/ other than the
/// list of identifiers and the message tables.
#[test]
fn every_rule_identifier_is_written_in_its_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut texts = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder").flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(&src).expect("under src").to_path_buf();
            if path.is_dir() {
                if rel != Path::new("locale") {
                    stack.push(path);
                }
            } else if rel != Path::new("finding/rule_id.rs") {
                let name = rel.to_string_lossy().replace('-', "_");
                texts.push((name, std::fs::read_to_string(&path).unwrap_or_default()));
            }
        }
    }
    for rule in parcours::RuleId::ALL {
        let id = rule.as_str();
        let module = id.to_ascii_lowercase().replace('-', "_");
        let found = texts.iter().any(|(name, text)| {
            text.match_indices(id).any(|(i, _)| {
                !text[i + id.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
            }) || name.contains(&format!("{module}.rs"))
        });
        assert!(
            found,
            "{id}: no source file of src/ names it (docs/rules.md)"
        );
    }
}

/// The rules of docs/rules.md that have no module of their own, each with the reason
/// and where its code is.
const WITHOUT_MODULE: &[(&str, &str)] = &[
    ("FSE-FORMAT", "every field's type and format: questionnaire/value.rs reads them"),
    ("FSE-PHASE", "which items a phase asks: questionnaire/fields.rs and form.rs"),
    ("ENT-DEROGATION", "the age rule's second route: eligibility/ent_age.rs"),
    (
        "ENT-STATUS-NOT-ENOUGH",
        "a list of the programme file checked by the `all_of` kind: eligibility/ent_difficulties.rs",
    ),
    ("ENT-PROCEDURE", "a capability of its own: entry_file.rs"),
    ("ENT-CAPACITY", "figures of the portfolio: portfolio.rs"),
    ("IAE-L1", "data: the level-1 criteria of the programme file, read in eligibility/iae_proof.rs"),
    ("IAE-L2", "data: the level-2 criteria of the programme file, read in eligibility/iae_proof.rs"),
    ("EXIT-APPRENTICESHIP", "a contract route of the programme file: exit/exit_contract.rs"),
    ("EXIT-COMMITTEE", "information added to the explanation: exit/mod.rs"),
    ("EXIT-OTHER", "the classes of exit no route counts: exit/mod.rs"),
    ("EXIT-TARGETS", "figures of the portfolio: portfolio.rs"),
];

/// One module per rule: every FSE-, ENT-, IAE-, EXIT- and FU- identifier has a file of
/// src/ named after it (ENT-AGE → `ent_age.rs`) whose doc comment begins with the
/// identifier, but for the rules of `WITHOUT_MODULE`, each with its reason.
#[test]
fn every_rule_has_a_module_named_after_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                files.push((name.to_string(), text));
            }
        }
    }
    let families = ["FSE-", "ENT-", "IAE-", "EXIT-", "FU-"];
    for rule in parcours::RuleId::ALL {
        let id = rule.as_str();
        if !families.iter().any(|f| id.starts_with(f)) {
            continue;
        }
        let file = format!("{}.rs", id.to_ascii_lowercase().replace('-', "_"));
        let module = files.iter().find(|(name, _)| *name == file);
        let excepted = WITHOUT_MODULE.iter().any(|(r, _)| *r == id);
        match module {
            Some((_, text)) => {
                assert!(!excepted, "{id} has {file}: take it off WITHOUT_MODULE");
                assert!(
                    text.starts_with(&format!("//! {id} — ")),
                    "{file} does not begin with `//! {id} — `"
                );
            }
            None => assert!(
                excepted,
                "{id}: no module {file} under src/ (docs/rules.md)"
            ),
        }
    }
    for (id, reason) in WITHOUT_MODULE {
        assert!(
            parcours::RuleId::ALL.iter().any(|r| r.as_str() == *id) && !reason.is_empty(),
            "WITHOUT_MODULE names {id}, which is no rule"
        );
    }
}
