//! Programme files given at run time (docs/programmes.md, feature `register`): a
//! portal's file is read by the same types and checks as the built-in ones; a malformed file is a report with
//! its place (path, line, column), in French by default, never a panic, and never a
//! half-registered programme. Each test registers its own programme ids: the registry
//! is shared by the tests of this file, which run in parallel.

#![cfg(not(target_arch = "wasm32"))]

use parcours::programme::file;
use parcours::{Json, Locale, Registration};
use serde_json::{json, Value};

/// A valid programme file: the Flandre Lys PLIE's, under another id and other dates.
fn programme(id: &str, from: &str, to: &str) -> Value {
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/plie-flandre-lys.json")).unwrap();
    v["id"] = json!(id);
    v["valid_from"] = json!(from);
    v["valid_to"] = json!(to);
    // The built-in file names its schema; these tests place problems by line without it.
    v.as_object_mut().unwrap().shift_remove("$schema");
    v
}

fn register(text: &str) -> Registration {
    parcours::register_programme(text, Locale::Fr)
}

/// The file is refused with one problem at `path`, whose French message contains
/// `words`; returns the problem's line and column.
fn refused(text: &str, path: &str, words: &str) -> (u32, u32) {
    let answer = register(text);
    assert!(!answer.registered, "{text:.200}");
    assert_eq!(answer.problems.len(), 1, "{:?}", answer.problems);
    let p = &answer.problems[0];
    assert_eq!(p.code, "programme_file_invalid");
    assert_eq!(p.path, path, "{p:?}");
    assert!(p.message.contains(words), "{p:?}");
    assert!(p.line >= 1 && p.column >= 1, "{p:?}");
    (p.line, p.column)
}

fn eligibility(id: &str, date: &str) -> Value {
    let request: Json = serde_json::from_value(json!({
        "check": "eligibility", "programme": id, "decision_date": date,
        "facts": { "birth_date": "1980-01-01", "commune_insee": "59017" }
    }))
    .unwrap();
    serde_json::to_value(parcours::check(&request)).unwrap()
}

#[test]
fn a_valid_file_is_registered_and_answers() {
    let text = programme("plie-essai", "2030-01-01", "2030-12-31").to_string();
    assert_eq!(
        eligibility("plie-essai", "2030-06-01")["findings"][0]["code"],
        "unknown_programme"
    );
    let answer = register(&text);
    assert!(answer.registered, "{:?}", answer.problems);
    assert_eq!(answer.id.as_deref(), Some("plie-essai"));
    assert_eq!(answer.status, Some("new"));
    assert_eq!(answer.versions, ["2030-01-01"]);
    let report = eligibility("plie-essai", "2030-06-01");
    assert_eq!(report["decision"]["programme"]["id"], "plie-essai");
    assert!(parcours::programmes(Locale::Fr)
        .iter()
        .any(|p| p.id == "plie-essai"));
}

#[test]
fn versions_are_added_replaced_and_never_overlap() {
    let a = programme("plie-versions", "2030-01-01", "2030-12-31");
    assert_eq!(register(&a.to_string()).status, Some("new"));
    let overlapping = programme("plie-versions", "2030-06-01", "2031-06-30").to_string();
    refused(
        &overlapping,
        "valid_from",
        "chevauche les dates de validité",
    );
    let next = programme("plie-versions", "2031-01-01", "2031-12-31");
    assert_eq!(register(&next.to_string()).status, Some("version"));
    let mut corrected = a.clone();
    corrected["name"] = json!("PLIE corrigé");
    assert_eq!(register(&corrected.to_string()).status, Some("replaced"));
    let report = eligibility("plie-versions", "2030-03-01");
    assert_eq!(report["decision"]["programme"]["name"], "PLIE corrigé");
    // A built-in programme gets a version too.
    let later = programme("plie-flandre-lys", "2040-01-01", "2040-12-31");
    assert_eq!(register(&later.to_string()).status, Some("version"));
    assert_eq!(
        eligibility("plie-flandre-lys", "2017-06-01")["decision"]["programme"]["valid_to"],
        "2018-12-31"
    );
}

#[test]
fn invalid_json_is_placed_at_its_line_and_column() {
    let text = programme("plie-json", "2030-01-01", "2030-12-31").to_string();
    let unclosed = &text[..text.len() - 1];
    refused(unclosed, "(file)", "une accolade { n'est pas fermée");
    let pretty =
        serde_json::to_string_pretty(&programme("plie-json", "2030-01-01", "2030-12-31")).unwrap();
    let comma = pretty.replacen("\"plie-json\",", "\"plie-json\",,", 1);
    let (line, _) = refused(&comma, "(file)", "une clé doit être un texte");
    assert_eq!(line, 2);
    let trailing = pretty.replacen("\"2030-12-31\"", "\"2030-12-31\",\n}", 1);
    let trailing = &trailing[..trailing.rfind('}').unwrap()];
    refused(trailing, "(file)", "virgule en trop");
    let bom = format!("\u{feff}{text}");
    refused(&bom, "(file)", "BOM");
    refused("", "(file)", "fin du fichier");
    refused("[]", "(file)", "un seul objet JSON");
}

#[test]
fn a_problem_of_the_model_is_placed_at_its_value() {
    let mut v = programme("plie-faits", "2030-01-01", "2030-12-31");
    // A rule reading a fact the vocabulary does not declare.
    v["rules"][2]["facts"] = json!(["motivated", "pas_un_fait"]);
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (line, column) = refused(
        &text,
        "rules[2].facts",
        "fait inconnu \"pas_un_fait\" : déclarez-le dans les faits du fichier (facts), ou prenez l'un de ceux du module",
    );
    let at = text
        .lines()
        .position(|l| l.contains("\"facts\": ["))
        .unwrap();
    assert_eq!(line as usize, at + 1);
    assert_eq!(
        column as usize,
        text.lines().nth(at).unwrap().find('[').unwrap() + 1
    );
    // English on request.
    let en = parcours::register_programme(&text, Locale::En);
    assert_eq!(
        en.problems[0].message,
        "unknown fact \"pas_un_fait\": declare it in the file's facts, or use one of the module's"
    );
}

#[test]
fn hostile_files_are_refused_with_their_place() {
    let base = || programme("plie-hostile", "2030-01-01", "2030-12-31");
    // A field written twice.
    let twice = base().to_string().replacen(
        "\"id\":\"plie-hostile\"",
        "\"id\":\"plie-hostile\",\"id\":\"plie-hostile\"",
        1,
    );
    refused(&twice, "(file)", "champ écrit deux fois");
    // A choice value not in its list.
    let mut v = base();
    v["exits"]["routes"][0]["except"] = json!(["cdd_senior"]);
    refused(
        &v.to_string(),
        "exits.routes[0].except",
        "valeur inconnue \"cdd_senior\"",
    );
    let mut v = base();
    v["rules"][1]["kind"] = json!("age_between");
    refused(&v.to_string(), "(file)", "valeur inconnue `age_between`");
    // An unknown territory, an unknown département code.
    let mut v = base();
    v["territory"] = json!({ "communes": "nulle-part" });
    refused(
        &v.to_string(),
        "territory.communes",
        "aucun territoire nommé \"nulle-part\"",
    );
    let mut v = base();
    v["territory"] = json!({ "departements": ["59", "99"] });
    refused(
        &v.to_string(),
        "territory.departements[1]",
        "code de département inconnu \"99\"",
    );
    // A threshold of the wrong type.
    let mut v = base();
    v["rules"][1]["min"] = json!("vingt-six");
    refused(&v.to_string(), "(file)", "type invalide");
    let mut v = base();
    v["capacity"]["portfolio_per_full_time"] = json!(-3);
    refused(&v.to_string(), "(file)", "valeur invalide");
    // Dates that do not exist, an id a file name cannot carry.
    let mut v = base();
    v["valid_to"] = json!("2030-02-30");
    refused(
        &v.to_string(),
        "valid_to",
        "pas une date AAAA-MM-JJ existante",
    );
    let mut v = base();
    v["id"] = json!("../plie");
    refused(&v.to_string(), "id", "lettres minuscules");
    // None of them was registered.
    assert_eq!(
        eligibility("plie-hostile", "2030-06-01")["findings"][0]["code"],
        "unknown_programme"
    );
}

#[test]
fn an_iae_criterion_declared_twice_and_a_threshold_of_the_wrong_type() {
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/iae-diagnostic.json")).unwrap();
    v["id"] = json!("iae-essai");
    let first = v["criteria"][0].clone();
    v["criteria"].as_array_mut().unwrap().push(first);
    let last = v["criteria"].as_array().unwrap().len() - 1;
    refused(
        &v.to_string(),
        &format!("criteria[{last}].id"),
        "figure deux fois",
    );
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/iae-diagnostic.json")).unwrap();
    v["id"] = json!("iae-essai");
    let threshold = v["rules"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["kind"] == "iae_threshold")
        .unwrap();
    v["rules"][threshold]["level_2"]["AI"] = json!("deux");
    let answer = register(&v.to_string());
    assert!(!answer.registered);
    assert!(
        answer.problems[0].message.contains("type invalide"),
        "{:?}",
        answer.problems
    );
}

#[test]
fn a_file_of_10_mb_is_refused_at_once() {
    let mut text = programme("plie-grand", "2030-01-01", "2030-12-31").to_string();
    text.insert_str(1, &format!("\"_\": \"{}\",", "x".repeat(10 * 1024 * 1024)));
    refused(&text, "(file)", "fichier trop grand");
}

/// A programme has a few rules: 10,000 is a hostile file (issue 15, « Bad input »),
/// refused at its list of rules; 500, the most a file may give, still answers.
#[test]
fn a_file_with_10000_rules_is_refused_and_500_are_read() {
    let mut v = programme("plie-regles", "2030-01-01", "2030-12-31");
    let mut rule = v["rules"][2].clone();
    rule["source"] = json!("Cahier des charges, §1");
    v["rules"] = Value::Array(vec![rule.clone(); 10_000]);
    refused(
        &v.to_string(),
        "rules",
        "10000 règles ; au plus 500 règles par fichier",
    );
    v["rules"] = Value::Array(vec![rule; file::MAX_RULES]);
    let answer = register(&v.to_string());
    assert!(answer.registered, "{:?}", answer.problems);
    let report = eligibility("plie-regles", "2030-06-01");
    assert_eq!(
        report["decision"]["rules"].as_array().unwrap().len(),
        file::MAX_RULES
    );
}

#[test]
fn a_problem_of_serde_is_placed_where_it_stopped() {
    let mut v = programme("plie-serde", "2030-01-01", "2030-12-31");
    v["rules"][1]["kind"] = json!("age_between");
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (line, _) = refused(&text, "(file)", "valeur inconnue `age_between`");
    let at = text
        .lines()
        .position(|l| l.contains("age_between"))
        .unwrap();
    assert_eq!(line as usize, at + 1);
}

#[test]
fn values_dated_in_a_registered_file_give_its_versions() {
    let mut v = programme("plie-date", "2030-01-01", "2031-12-31");
    v["capacity"]["portfolio_per_full_time"] = json!({ "2030-01-01": 80, "2031-01-01": 60 });
    let answer = register(&v.to_string());
    assert!(answer.registered, "{:?}", answer.problems);
    assert_eq!(answer.versions, ["2030-01-01", "2031-01-01"]);
    let summary = parcours::programmes(Locale::Fr);
    assert!(summary.iter().any(|p| p.id == "plie-date"));
    // Registered again, corrected: the same versions are replaced.
    v["name"] = json!("PLIE daté, corrigé");
    assert_eq!(register(&v.to_string()).status, Some("replaced"));
    assert_eq!(
        eligibility("plie-date", "2031-06-01")["decision"]["programme"]["name"],
        "PLIE daté, corrigé"
    );
    // A date after valid_to, in French with its place.
    v["capacity"]["portfolio_per_full_time"] = json!({ "2030-01-01": 80, "2032-01-01": 60 });
    refused(
        &v.to_string(),
        "valid_to",
        "une valeur change le 2032-01-01",
    );
}

#[test]
fn a_built_in_version_is_corrected_by_a_file_with_its_dates() {
    // The STARE file, renamed: same id and dates, so it replaces the built-in version.
    let mut v: Value =
        serde_json::from_str(include_str!("../programmes/normandie-stare.json")).unwrap();
    v["name"] = json!("STARE, corrigé");
    let answer = register(&v.to_string());
    assert!(answer.registered, "{:?}", answer.problems);
    assert_eq!(answer.status, Some("replaced"));
    let from = v["valid_from"].as_str().unwrap();
    let report = eligibility("normandie-stare", from);
    assert_eq!(report["decision"]["programme"]["name"], "STARE, corrigé");
}

#[test]
fn checking_a_file_keeps_nothing() {
    let text = programme("plie-verifie", "2030-01-01", "2030-12-31").to_string();
    assert_eq!(parcours::check_programme(&text, Locale::Fr), []);
    assert_eq!(
        eligibility("plie-verifie", "2030-06-01")["findings"][0]["code"],
        "unknown_programme"
    );
    let problems = parcours::check_programme("{", Locale::En);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("EOF"), "{problems:?}");
}

#[test]
fn random_bytes_and_truncations_are_reports_never_panics() {
    let text =
        serde_json::to_string_pretty(&programme("plie-coupe", "2030-01-01", "2030-12-31")).unwrap();
    // Every prefix of a valid file, cut at a character boundary.
    let mut cuts = 0;
    for (i, _) in text.char_indices().step_by(7) {
        let answer = register(&text[..i]);
        assert!(!answer.registered);
        assert_eq!(answer.problems.len(), 1);
        cuts += 1;
    }
    assert!(cuts > 100);
    for bad in [
        "{}",
        "{\"id\": 1}",
        "null",
        "\u{0}",
        "{\"id\": \"x\", \"id\": \"y\"}",
    ] {
        assert!(!register(bad).registered, "{bad}");
    }
}

#[test]
fn unknown_fields_are_refused_at_their_place() {
    let mut v = programme("plie-champs", "2030-01-01", "2030-12-31");
    v["titre"] = json!("PLIE");
    let text = serde_json::to_string_pretty(&v).unwrap();
    let (line, _) = refused(&text, "(file)", "champ inconnu `titre`");
    let at = text.lines().position(|l| l.contains("\"titre\"")).unwrap();
    assert_eq!(line as usize, at + 1);
    let mut v = programme("plie-champs", "2030-01-01", "2030-12-31");
    v["rules"][1]["maximum"] = json!(60);
    refused(&v.to_string(), "(file)", "champ inconnu `maximum`");
    let en = parcours::register_programme(&v.to_string(), Locale::En);
    assert!(
        en.problems[0]
            .message
            .starts_with("not a valid programme file: unknown field `maximum`"),
        "{:?}",
        en.problems
    );
}

#[test]
fn a_file_dated_on_too_many_days_is_refused_at_once() {
    let mut v = programme("plie-jours", "2030-01-01", "2030-12-31");
    let days: serde_json::Map<String, Value> = (0..300)
        .map(|i| {
            let (m, d) = (1 + i / 28, 1 + i % 28);
            (format!("2030-{m:02}-{d:02}"), json!(60 + i))
        })
        .collect();
    v["capacity"]["portfolio_per_full_time"] = Value::Object(days);
    refused(
        &v.to_string(),
        "valid_from",
        "au plus 64 versions par fichier",
    );
}

/// An editor finds the file's JSON Schema by its `$schema` key (docs/programmes.md):
/// the reader accepts that key at the top of the file and nowhere else, and every
/// built-in file names the published schema.
#[test]
fn the_schema_key_is_accepted_at_the_top_only() {
    let mut v = programme("plie-schema", "2030-01-01", "2030-12-31");
    v["$schema"] = json!("../schema/programme.schema.json");
    let answer = register(&v.to_string());
    assert!(answer.registered, "{:?}", answer.problems);
    let mut v = programme("plie-schema-regle", "2030-01-01", "2030-12-31");
    v["rules"][1]["$schema"] = json!("../schema/programme.schema.json");
    refused(&v.to_string(), "(file)", "champ inconnu `$schema`");
    // A rule kind with no parameter refuses an unknown field too (it used to be dropped).
    let mut v = programme("plie-schema-residence", "2030-01-01", "2030-12-31");
    v["rules"][0]["rayon"] = json!(10);
    refused(&v.to_string(), "(file)", "champ inconnu `rayon`");
    let mut v = programme("plie-schema-type", "2030-01-01", "2030-12-31");
    v["$schema"] = json!(3);
    assert!(!register(&v.to_string()).registered);
    for file in std::fs::read_dir("programmes").unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            assert_eq!(
                v["$schema"],
                "../schema/programme.schema.json",
                "{}",
                path.display()
            );
        }
    }
}

/// A file that declares its own facts (docs/programmes.md, « Faits déclarés »): two
/// yes/no facts and a choice; `all_of`, `any_of` and `priority` read them.
fn declaring(id: &str) -> Value {
    let mut v = programme(id, "2030-01-01", "2030-12-31");
    v["facts"] = json!([
        { "id": "accompagne_spe", "kind": "yes_no",
          "label": { "fr": "Accompagné par le service public de l'emploi", "en": "Followed by the public employment service" },
          "help": { "fr": "Pôle emploi, la Mission Locale, Cap emploi" } },
        { "id": "neet", "kind": "yes_no", "label": { "fr": "Ni en emploi, ni en formation, ni en études" } },
        { "id": "niveau", "kind": "choice", "label": { "fr": "Niveau de qualification", "en": "Qualification level" },
          "values": [
            { "id": "sans_diplome", "label": { "fr": "Sans diplôme", "en": "No diploma" } },
            { "id": "cap_bep", "label": { "fr": "CAP ou BEP" } },
            { "id": "bac", "label": { "fr": "Baccalauréat" } }
          ] }
    ]);
    v["rules"][2] = json!({ "id": "ENT-PUBLIC", "kind": "all_of", "source": "Appel à projets, §2",
        "conditions": [{ "fact": "accompagne_spe", "is": false }] });
    v["rules"].as_array_mut().unwrap().push(
        json!({ "id": "ENT-PUBLIC", "kind": "any_of", "source": "Appel à projets, §2",
            "conditions": [{ "fact": "niveau", "in": ["sans_diplome", "cap_bep"] }] }),
    );
    v["rules"][4]["publics"] = json!(["rsa", "neet"]);
    v
}

fn decide(id: &str, facts: Value) -> Value {
    let mut all = json!({ "birth_date": "1980-01-01", "commune_insee": "59017" });
    for (k, f) in facts.as_object().unwrap() {
        all[k] = f.clone();
    }
    let request: Json = serde_json::from_value(json!({
        "check": "eligibility", "programme": id, "decision_date": "2030-06-01", "facts": all
    }))
    .unwrap();
    serde_json::to_value(parcours::check(&request)).unwrap()
}

#[test]
fn declared_facts_are_read_decided_and_asked() {
    let answer = register(&declaring("plie-declare").to_string());
    assert!(answer.registered, "{:?}", answer.problems);
    // Asked: the form's list gives them with their kind, values and labels.
    let list = parcours::programmes(Locale::En);
    let p = list.iter().find(|p| p.id == "plie-declare").unwrap();
    let niveau = p.facts.iter().find(|f| f.name == "niveau").unwrap();
    assert_eq!((niveau.kind, niveau.label), ("text", "Qualification level"));
    assert_eq!(niveau.choices, ["sans_diplome", "cap_bep", "bac"]);
    assert_eq!(
        niveau.choice_labels,
        ["No diploma", "CAP ou BEP", "Baccalauréat"]
    );
    let spe = p.facts.iter().find(|f| f.name == "accompagne_spe").unwrap();
    assert_eq!(spe.kind, "boolean");
    assert_eq!(spe.help, Some("Pôle emploi, la Mission Locale, Cap emploi"));
    assert!(p.facts.iter().any(|f| f.name == "neet"));
    // Missing facts are asked, the one that decides alone first.
    let base = json!({ "socio_professional_difficulties": true, "available_to_act": true, "motivated": true });
    let r = decide("plie-declare", base.clone());
    assert_eq!(r["decision"]["outcome"], "incomplete");
    assert_eq!(
        r["missing"],
        json!(["facts.accompagne_spe", "facts.niveau"])
    );
    // A yes/no that must be false, a choice in a list.
    let mut f = base.clone();
    f["accompagne_spe"] = json!(false);
    f["niveau"] = json!("cap_bep");
    f["neet"] = json!("oui");
    let r = decide("plie-declare", f.clone());
    assert_eq!(r["decision"]["outcome"], "eligible", "{r}");
    assert_eq!(r["decision"]["priority_publics"], json!(["neet"]));
    f["accompagne_spe"] = json!(true);
    let r = decide("plie-declare", f.clone());
    assert_eq!(r["decision"]["outcome"], "not_eligible");
    let message = r["decision"]["rules"][2]["message"].as_str().unwrap();
    assert!(
        message.contains("Accompagné par le service public"),
        "{message}"
    );
    // A choice out of the condition's list.
    f["accompagne_spe"] = json!(false);
    f["niveau"] = json!("bac");
    assert_eq!(
        decide("plie-declare", f.clone())["decision"]["outcome"],
        "not_eligible"
    );
    // Wrong values are findings at their path, with the same codes as the module's.
    f["niveau"] = json!("licence");
    f["accompagne_spe"] = json!(3);
    f["neet"] = json!("peut-être");
    let r = decide("plie-declare", f);
    let codes: Vec<(&str, &str)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["code"].as_str().unwrap(), x["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            ("invalid_type", "facts.accompagne_spe"),
            ("invalid_choice", "facts.niveau"),
            ("invalid_boolean", "facts.neet")
        ]
    );
    // Another programme does not know them.
    let r = eligibility("plie-flandre-lys", "2018-06-01");
    assert!(r["findings"].as_array().unwrap().is_empty(), "{r}");
}

#[test]
fn declared_facts_hostile_files_are_refused_with_their_place() {
    let refuse = |change: &dyn Fn(&mut Value), path: &str, words: &str| {
        let mut v = declaring("plie-declare-hostile");
        change(&mut v);
        refused(&serde_json::to_string_pretty(&v).unwrap(), path, words);
    };
    refuse(
        &|v| v["facts"][1]["id"] = json!("accompagne_spe"),
        "facts[1].id",
        "\"accompagne_spe\" est déclaré deux fois",
    );
    refuse(
        &|v| v["facts"][1]["id"] = json!("rsa"),
        "facts[1].id",
        "est l'un des faits du module",
    );
    refuse(
        &|v| v["rules"][2]["conditions"][0]["fact"] = json!("suivi_spe"),
        "rules[2].conditions[0].fact",
        "fait inconnu \"suivi_spe\"",
    );
    refuse(
        &|v| v["rules"][5]["conditions"][0]["in"][1] = json!("licence"),
        "rules[5].conditions[0].in[1]",
        "\"licence\" n'est pas l'une des valeurs de \"niveau\"",
    );
    refuse(
        &|v| v["rules"][5]["conditions"][0]["fact"] = json!("neet"),
        "rules[5].conditions[0].in",
        "\"neet\" n'est pas un fait à choix",
    );
    refuse(
        &|v| v["rules"][2]["conditions"][0]["fact"] = json!("niveau"),
        "rules[2].conditions[0].fact",
        "\"niveau\" n'est pas un fait oui/non",
    );
    refuse(
        &|v| v["facts"][0]["label"] = json!({ "en": "Followed" }),
        "facts[0].label.fr",
        "le libellé en français manque",
    );
    refuse(
        &|v| v["facts"][0]["kind"] = json!("texte"),
        "(file)",
        "valeur inconnue",
    );
    refuse(
        &|v| v["facts"][2]["values"] = json!([]),
        "facts[2].values",
        "un fait à choix liste ses valeurs",
    );
    refuse(
        &|v| v["facts"][0]["id"] = json!("Suivi SPE"),
        "facts[0].id",
        "lettres minuscules",
    );
    refuse(
        &|v| {
            v["facts"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "id": "jamais_lu", "kind": "date", "label": { "fr": "Une date" } }))
        },
        "facts[3].id",
        "aucune règle ne le lit",
    );
    refuse(
        &|v| v["facts"][0]["kind"] = json!("number"),
        "(file)",
        "valeur inconnue",
    );
}

#[test]
fn ten_thousand_declared_facts_are_refused_at_once() {
    let mut v = declaring("plie-declare-many");
    let many: Vec<Value> = (0..10_000)
        .map(|i| json!({ "id": format!("fait_{i}"), "kind": "yes_no", "label": { "fr": "Un fait" } }))
        .collect();
    v["facts"] = json!(many);
    let text = v.to_string();
    refused(&text, "facts", "10000 faits déclarés ; au plus 200");
    // Duplicates among many are found too, and no declaration is half-registered.
    let mut v = declaring("plie-declare-many");
    let mut twice: Vec<Value> = (0..199)
        .map(|i| json!({ "id": format!("fait_{i}"), "kind": "yes_no", "label": { "fr": "Un fait" } }))
        .collect();
    twice.push(json!({ "id": "fait_7", "kind": "yes_no", "label": { "fr": "Un fait" } }));
    v["facts"] = json!(twice);
    refused(&v.to_string(), "facts[199].id", "déclaré deux fois");
    assert!(!parcours::programmes(Locale::Fr)
        .iter()
        .any(|p| p.id == "plie-declare-many"));
}
