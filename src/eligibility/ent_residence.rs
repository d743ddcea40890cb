//! ENT-RESIDENCE — the person is domiciled in the programme's territory, by INSEE code
//! or postal code (cahier des charges PLIE Flandre Lys 2017, §I.2.1; lauréats des appels
//! à projets du PIC en Normandie; the territories in docs/eligibility.md).

use alloc::string::String;
use alloc::vec::Vec;

use super::{Eval, Facts, Status};
use crate::finding::{Code, Finding, RuleId};
use crate::programme::{self, Territory};
use crate::territory::{insee_department, postal_department};

/// ENT-RESIDENCE — by INSEE code, or by postal code (and the commune's name when the
/// postal code is shared by communes inside and outside the territory).
pub(super) fn residence(territory: &Territory, facts: &Facts, findings: &mut Vec<Finding>) -> Eval {
    let verdict =
        |inside: bool, key_in: &'static str, key_out: &'static str, used: Vec<&'static str>| {
            let mut e = Eval::new(
                if inside {
                    Status::Passed
                } else {
                    Status::Failed
                },
                if inside { key_in } else { key_out },
            );
            e.facts = used;
            e
        };
    if let Some(code) = facts.text("commune_insee") {
        let inside = match territory {
            Territory::Communes { communes, .. } => communes.iter().any(|c| c.insee == code),
            Territory::Departements(list) => {
                insee_department(code).is_some_and(|d| list.contains(&d))
            }
            Territory::National => true,
        };
        if let (
            Territory::Communes {
                communes,
                neighbours,
                ..
            },
            Some(postal),
        ) = (territory, facts.text("postal_code"))
        {
            let known = communes
                .iter()
                .chain(neighbours.iter())
                .find(|c| c.insee == code);
            if known.is_some_and(|c| !c.has_postal_code(postal)) {
                findings.push(
                    Finding::new(
                        Code::ContradictoryFacts,
                        "facts.postal_code",
                        RuleId::EntResidence,
                    )
                    .param("with", "commune_insee"),
                );
            }
        }
        return verdict(
            inside,
            "residence.passed",
            "residence.failed",
            vec!["commune_insee"],
        );
    }
    let Some(postal) = facts.text("postal_code") else {
        let mut e = Eval::new(Status::Unknown, "residence.unknown");
        e.missing.push(("postal_code", true));
        return e;
    };
    match territory {
        Territory::National => verdict(
            true,
            "residence.passed",
            "residence.failed",
            vec!["postal_code"],
        ),
        Territory::Departements(list) => {
            let inside = postal_department(postal).is_some_and(|d| list.contains(&d));
            verdict(
                inside,
                "residence.passed",
                "residence.failed",
                vec!["postal_code"],
            )
        }
        Territory::Communes {
            communes,
            neighbours,
            ..
        } => {
            let has = |c: &programme::Commune| c.has_postal_code(postal);
            let inside: Vec<programme::Commune> = communes.iter().filter(has).collect();
            let outside: Vec<programme::Commune> = neighbours.iter().filter(has).collect();
            if inside.is_empty() || outside.is_empty() {
                return verdict(
                    !inside.is_empty(),
                    "residence.passed",
                    "residence.failed",
                    vec!["postal_code"],
                );
            }
            let named = facts.text("commune_name").map(normalise);
            if let Some(name) = &named {
                if inside.iter().any(|c| normalise(c.name) == *name) {
                    return verdict(
                        true,
                        "residence.passed",
                        "residence.failed",
                        vec!["postal_code", "commune_name"],
                    );
                }
                if outside.iter().any(|c| normalise(c.name) == *name) {
                    return verdict(
                        false,
                        "residence.passed",
                        "residence.failed",
                        vec!["postal_code", "commune_name"],
                    );
                }
            }
            // Shared postal code: ask which commune, never guess.
            let mut names: Vec<&str> = inside
                .iter()
                .chain(outside.iter())
                .map(|c| c.name)
                .collect();
            crate::sort::sort_by_key(&mut names, |n| *n);
            findings.push(
                Finding::new(
                    Code::WhichCommune,
                    "facts.commune_name",
                    RuleId::EntResidence,
                )
                .param("communes", names.join(", ")),
            );
            let mut e = Eval::new(Status::Unknown, "residence.which_commune");
            e.facts = vec!["postal_code"];
            e.missing.push(("commune_name", true));
            e
        }
    }
}

/// Lower case, accents and punctuation folded: "Prémesques" = "premesques",
/// "La Chapelle-d'Armentières" = "la chapelle d armentieres".
pub(super) fn normalise(name: &str) -> String {
    // French letters are folded by hand: `char::to_lowercase` would bring Unicode's
    // case tables into the module for a handful of accents.
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let folded = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' => c,
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ÿ' | 'Ÿ' => 'y',
            'œ' | 'Œ' => {
                out.push_str("oe");
                continue;
            }
            'æ' | 'Æ' => {
                out.push_str("ae");
                continue;
            }
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if folded != ' ' || !out.ends_with(' ') {
            out.push(folded);
        }
    }
    let trimmed = out.trim();
    let trimmed = trimmed
        .strip_prefix("saint ")
        .map_or(trimmed.to_string(), |rest| ["st ", rest].concat());
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_accents_case_and_punctuation() {
        assert_eq!(
            normalise("La Chapelle-d'Armentières"),
            "la chapelle d armentieres"
        );
        assert_eq!(normalise("  PRÉMESQUES "), "premesques");
        assert_eq!(normalise("Saint-Omer"), normalise("St Omer"));
        assert_eq!(normalise("Œuilly"), "oeuilly");
    }
}
