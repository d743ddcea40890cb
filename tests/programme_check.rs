//! `parcours programme check FILE`: a programme file checked for its authors — each
//! problem with its place, the line and a caret, what to do; the file's examples run
//! against its own programme; exit 0 (all good), 1 (an example failed), 2 (refused).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

/// A folder of its own for each test, under the system's temporary folder.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "parcours-programme-check-{}-{test}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `parcours programme check NAME [ARGS]`, run in `dir` so that the output names the
/// file as given.
fn check(dir: &Path, name: &str, args: &[&str]) -> (Option<i32>, String) {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .current_dir(dir)
        .args(["programme", "check", name])
        .args(args)
        .output()
        .expect("the CLI runs");
    assert!(
        output.stderr.is_empty() || output.status.code() == Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

fn fixture() -> Value {
    serde_json::from_str(include_str!("programme_check/plie-essai.json")).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

fn write_json(dir: &Path, name: &str, value: &Value) {
    write(dir, name, &serde_json::to_string_pretty(value).unwrap());
}

#[test]
fn a_valid_file_whose_examples_pass_exits_zero() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/programme_check");
    let (code, out) = check(&dir, "plie-essai.json", &[]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out,
        "exemple « un demandeur d'emploi de Cherbourg-en-Cotentin est éligible » : réussi\n\
         exemple « Saint-Lô est hors du territoire » : réussi\n\
         exemple « sans réponse sur la recherche d'emploi, le fait manque » : réussi\n\
         bilan : fichier valide (plie-essai, 0 avertissement) ; 3 exemples : 3 réussis, 0 en échec\n"
    );
}

#[test]
fn a_failing_example_exits_one_with_the_difference_and_no_fact_value() {
    let dir = folder("failing");
    let mut file = fixture();
    file["examples"][1]["facts"]["birth_date"] = json!("1990-05-02");
    file["examples"][1]["expect"] = json!({
        "outcome": "eligible",
        "missing": ["birth_date"],
        "rules": { "ENT-RESIDENCE": "passed", "ENT-AGE": "passed" }
    });
    file["examples"][0]["facts"]["chomeur"] = json!(true);
    write_json(&dir, "essai.json", &file);
    let (code, out) = check(&dir, "essai.json", &[]);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(
        out,
        "exemple « un demandeur d'emploi de Cherbourg-en-Cotentin est éligible » : ÉCHEC\n\
         \x20   constat sur les faits : attendu aucun, obtenu unknown_field (facts.chomeur) : Champ inconnu : il est ignoré.\n\
         exemple « Saint-Lô est hors du territoire » : ÉCHEC\n\
         \x20   résultat : attendu eligible, obtenu not_eligible\n\
         \x20   règle ENT-AGE : attendu passed, obtenu absente du programme\n\
         \x20   règle ENT-RESIDENCE : attendu passed, obtenu failed\n\
         \x20   faits manquants : attendu birth_date, obtenu aucun\n\
         exemple « sans réponse sur la recherche d'emploi, le fait manque » : réussi\n\
         bilan : fichier valide (plie-essai, 0 avertissement) ; 3 exemples : 1 réussi, 2 en échec\n"
    );
    assert!(!out.contains("1990"), "a fact's value is never echoed");

    let (code, out) = check(&dir, "essai.json", &["--locale", "en"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("example \"Saint-Lô est hors du territoire\": FAILED\n    outcome: expected eligible, obtained not_eligible\n"), "{out}");
    assert!(
        out.ends_with(
            "summary: valid file (plie-essai, 0 warnings); 3 examples: 1 passed, 2 failed\n"
        ),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_trailing_comma_is_placed_with_its_line_and_a_caret() {
    let dir = folder("trailing");
    write(
        &dir,
        "virgule.json",
        "{\n  \"id\": \"plie-essai\",\n  \"name\": \"PLIE\",\n}\n",
    );
    let (code, out) = check(&dir, "virgule.json", &[]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "erreur : fichier de programme invalide : virgule en trop avant la fermeture\n \
         --> virgule.json:4:1\n  \
         |\n\
         4 | }\n  \
         | ^\n  \
         = chemin : (file)\n  \
         = à faire : Retirez la virgule juste avant la fermeture } ou ] : le dernier élément n'en a pas.\n\
         \n\
         bilan : fichier refusé (1 problème, 0 avertissement) ; les exemples n'ont pas été lancés\n"
    );
    let (code, out) = check(&dir, "virgule.json", &["--locale", "en"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "error: not a valid programme file: trailing comma\n \
         --> virgule.json:4:1\n  \
         |\n\
         4 | }\n  \
         | ^\n  \
         = path: (file)\n  \
         = to do: Remove the comma just before the closing } or ]: the last item has none.\n\
         \n\
         summary: file refused (1 problem, 0 warnings); the examples did not run\n"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_threshold_of_the_wrong_type_is_placed_at_its_value() {
    let dir = folder("threshold");
    let mut file = fixture();
    file["rules"].as_array_mut().unwrap().insert(
        1,
        json!({ "id": "ENT-AGE", "kind": "age", "min": "vingt-six", "source": "Actions, « public »" }),
    );
    write_json(&dir, "seuil.json", &file);
    let text = std::fs::read_to_string(dir.join("seuil.json")).unwrap();
    let line = text.lines().position(|l| l.contains("vingt-six")).unwrap() + 1;
    let (code, out) = check(&dir, "seuil.json", &[]);
    assert_eq!(code, Some(2));
    let pad = " ".repeat(line.to_string().len());
    assert_eq!(
        out,
        format!(
            "erreur : fichier de programme invalide : type invalide : texte \"vingt-six\", attendu : un nombre entier positif, sans guillemets\n\
             {pad}--> seuil.json:{line}:14\n\
             {pad} |\n\
             {line} |       \"min\": \"vingt-six\",\n\
             {pad} |              ^\n\
             {pad} = chemin : (file)\n\
             {pad} = à faire : Donnez une valeur du type attendu : un nombre s'écrit sans guillemets (26), un texte entre guillemets (\"PLIE\").\n\
             \n\
             bilan : fichier refusé (1 problème, 0 avertissement) ; les exemples n'ont pas été lancés\n"
        )
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs a hostile file and returns its output, after the checks every refusal meets:
/// exit 2, a French message, `NAME:LINE:COLUMN`, a caret, what to do.
fn refused(dir: &Path, name: &str, message: &str, place: &str) -> String {
    let (code, out) = check(dir, name, &[]);
    assert_eq!(code, Some(2), "{name}: {out}");
    assert!(
        out.starts_with(&format!("erreur : {message}")),
        "{name}: {out}"
    );
    let place = if place.is_empty() {
        format!("--> {name}:")
    } else {
        format!("--> {name}:{place}\n")
    };
    assert!(out.contains(&place), "{name}: {out}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("| ") && l.trim_end().ends_with('^')),
        "{name}: {out}"
    );
    assert!(out.contains("= à faire : "), "{name}: {out}");
    assert!(
        out.ends_with("les exemples n'ont pas été lancés\n"),
        "{name}: {out}"
    );
    out
}

#[test]
fn each_hostile_file_is_refused_in_french_with_its_place() {
    let dir = folder("hostile");
    write(
        &dir,
        "accolade.json",
        "{\n  \"id\": \"plie-essai\",\n  \"rules\": [\n",
    );
    refused(
        &dir,
        "accolade.json",
        "fichier de programme invalide : fin du fichier dans une liste : un crochet [ n'est pas fermé",
        "4:1",
    );
    write(&dir, "objet.json", "{\n  \"id\": \"plie-essai\"");
    refused(
        &dir,
        "objet.json",
        "fichier de programme invalide : fin du fichier dans un objet : une accolade { n'est pas fermée",
        "2:20",
    );

    let pretty = serde_json::to_string_pretty(&fixture()).unwrap();
    write(&dir, "bom.json", &format!("\u{feff}{pretty}"));
    let out = refused(
        &dir,
        "bom.json",
        "le fichier commence par une marque d'ordre des octets (BOM) : enregistrez-le en UTF-8 sans BOM",
        "1:1",
    );
    assert!(out.contains("\n1 | {\n  | ^\n"), "{out}");

    // Dates that overlap the built-in PLIE du Cotentin's (2020-01-01 to 2021-12-31).
    let mut file = fixture();
    file["id"] = json!("plie-cotentin");
    file["valid_from"] = json!("2021-06-01");
    file["examples"] = json!([]);
    write_json(&dir, "chevauche.json", &file);
    let text = std::fs::read_to_string(dir.join("chevauche.json")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"valid_from\""))
        .unwrap()
        + 1;
    refused(
        &dir,
        "chevauche.json",
        "chevauche les dates de validité de la version de \"plie-cotentin\" en vigueur du 2020-01-01 au 2021-12-31",
        &format!("{line}:17"),
    );

    // 10 MB: refused before it is read.
    let mut file = fixture();
    file["name"] = json!("x".repeat(10 * 1024 * 1024));
    write_json(&dir, "grand.json", &file);
    refused(&dir, "grand.json", "fichier trop grand : ", "1:1");

    // 10,000 rules.
    let mut file = fixture();
    let rule = json!({ "id": "ENT-PUBLIC", "kind": "all_of", "facts": ["job_seeker"], "source": "Actions, « public »" });
    file["rules"] = Value::Array(vec![rule; 10_000]);
    write_json(&dir, "regles.json", &file);
    let text = std::fs::read_to_string(dir.join("regles.json")).unwrap();
    let line = text.lines().position(|l| l.contains("\"rules\"")).unwrap() + 1;
    refused(
        &dir,
        "regles.json",
        "10000 règles ; au plus 500 règles par fichier",
        &format!("{line}:12"),
    );

    // An example dated outside the file's validity dates.
    let mut file = fixture();
    file["examples"][0]["decision_date"] = json!("2029-12-31");
    write_json(&dir, "exemple.json", &file);
    refused(
        &dir,
        "exemple.json",
        "la date de décision de l'exemple est hors des dates de validité du fichier (du 2030-01-01 au 2031-12-31)",
        "",
    );

    // An example whose outcome is not one of the four.
    let mut file = fixture();
    file["examples"][0]["expect"]["outcome"] = json!("oui");
    write_json(&dir, "resultat.json", &file);
    let out = refused(
        &dir,
        "resultat.json",
        "fichier de programme invalide : valeur inconnue `oui`, valeurs possibles :",
        "",
    );
    assert!(out.contains("\"outcome\": \"oui\""), "{out}");

    // Bytes that are not UTF-8, placed where the text stops being text.
    std::fs::write(dir.join("octets.json"), b"{\n  \"id\": \"pl\xffie\"\n}\n").unwrap();
    refused(
        &dir,
        "octets.json",
        "le fichier n'est pas un texte UTF-8",
        "2:12",
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_rule_source_without_a_quote_is_a_warning_with_its_place() {
    let dir = folder("quote");
    let mut file = fixture();
    file["rules"][1]["source"] = json!("Actions du PLIE du Cotentin 2020/2021, public");
    write_json(&dir, "citation.json", &file);
    let text = std::fs::read_to_string(dir.join("citation.json")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("2020/2021, public\""))
        .unwrap()
        + 1;
    let (code, out) = check(&dir, "citation.json", &[]);
    assert_eq!(code, Some(0), "a warning does not refuse the file: {out}");
    assert!(
        out.starts_with(&format!(
            "attention : la source de la règle ne cite entre « » aucune phrase du document\n  --> citation.json:{line}:17\n"
        )),
        "{out}"
    );
    assert!(out.contains("= chemin : rules[1].source\n"), "{out}");
    assert!(
        out.contains("1 avertissement) ; 3 exemples : 3 réussis"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_built_in_programme_file_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../programmes");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 7, "{names:?}");
    for name in names {
        let (code, out) = check(&dir, &name, &[]);
        assert_eq!(code, Some(0), "{name}: {out}");
        assert!(out.contains("bilan : fichier valide ("), "{name}: {out}");
        assert!(out.ends_with(" 0 en échec\n"), "{name}: {out}");
    }
}

#[test]
fn the_help_documents_the_exit_codes_and_a_wrong_argument_exits_two() {
    let output = Command::new(env!("CARGO_BIN_EXE_parcours"))
        .args(["programme", "check", "--help"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Codes de sortie : 0"), "{help}");
    assert!(help.contains("--locale"), "{help}");
    let dir = folder("arguments");
    let (code, _) = check(&dir, "absent.json", &[]);
    assert_eq!(code, Some(2), "a file that does not open");
    let (code, _) = check(&dir, "absent.json", &["--locale", "de"]);
    assert_eq!(code, Some(2), "a language the module does not speak");
    std::fs::remove_dir_all(&dir).ok();
}
