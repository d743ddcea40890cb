//! Programmes as data: one file per programme under `programmes/`, validated and
//! embedded at build time (build.rs). The types below are what the files become; the
//! eligibility engine evaluates their typed rule kinds. Adding a programme is adding a
//! file and its cases, not a function.

/// The model and its checks; also the facts catalogue the engine reads. build.rs
/// compiles the same file to refuse a malformed built-in programme.
pub mod file;
mod fr;
mod read;

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use std::sync::{OnceLock, RwLock};

use chrono::NaiveDate;

pub use file::{
    Capacity, Commune, Communes, Condition, Criterion, Derogation, Duration, ExclusivePair,
    ExitProof, Exits, FollowUpKind, FollowUpRule, FollowUpRules, Problem, Procedure, Programme,
    Proof, Renewal, Route, RouteKind, Rule, RuleKind, Table, Target, Territory,
};

/// The built-in programmes and their territories, as build.rs assembled them from
/// programmes/*.json (each file checked there): `{"territories": [[name, file], …],
/// "programmes": [[file name, programme], …]}`, read at first use.
const BUILT_IN: &str = include_str!(concat!(env!("OUT_DIR"), "/programmes.json"));

/// Every programme known: the built-in ones, then those registered at run time; the
/// versions of one programme side by side, oldest first. A programme lives as long as
/// the module (they are few and small; a registered version replaced by a corrected
/// file stays allocated).
static REGISTRY: RwLock<Vec<&'static Programme>> = RwLock::new(Vec::new());
static TERRITORIES: OnceLock<Vec<(String, Table)>> = OnceLock::new();

/// Reads the built-in programmes once, through the same checks as a portal's file (but
/// the citation check, which build.rs ran on them).
fn built_in() -> &'static [(String, Table)] {
    TERRITORIES.get_or_init(|| {
        use crate::input::Json;
        let Some(all) = crate::input::parse_text(BUILT_IN, |_| None) else {
            return Vec::new();
        };
        let pairs = |key: &str| -> Vec<(&str, &Json)> {
            match all.get(key) {
                Some(Json::Array(items)) => items
                    .iter()
                    .filter_map(|pair| match pair {
                        Json::Array(p) => Some((p.first()?.as_str()?, p.get(1)?)),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            }
        };
        let territories: Vec<(String, Table)> = pairs("territories")
            .into_iter()
            .filter_map(|(name, tree)| Some((name.into(), Table::from_tree(tree).ok()?)))
            .collect();
        let find = |name: &str| {
            territories
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
        };
        let mut list: Vec<&'static Programme> = pairs("programmes")
            .into_iter()
            .filter_map(|(file, tree)| file::read_tree(file, tree, "", &find, false).ok())
            .map(|p| &*Box::leak(Box::new(p)))
            .collect();
        sort(&mut list);
        if let Ok(mut registry) = REGISTRY.write() {
            let registered = core::mem::take(&mut *registry);
            *registry = list;
            registry.extend(registered);
            sort(&mut registry);
        }
        territories
    })
}

fn sort(list: &mut [&'static Programme]) {
    list.sort_by(|a, b| (&a.id, a.dates[0]).cmp(&(&b.id, b.dates[0])));
}

/// Every programme, built-in and registered (versions side by side, oldest first).
pub fn all() -> Vec<&'static Programme> {
    built_in();
    REGISTRY.read().map(|r| r.clone()).unwrap_or_default()
}

/// What registering a programme did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registered {
    /// A programme id the module did not know.
    New,
    /// A new version of a known programme, beside its others.
    Version,
    /// The version of a known programme with the same dates, replaced.
    Replaced,
}

/// A problem of a programme file, as the faces show it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileProblem {
    /// Always `programme_file_invalid`.
    pub code: &'static str,
    /// The JSON path of the value (`rules[2].facts`), `(file)` for the whole file.
    pub path: String,
    /// Where the value starts, from 1 (the column in characters).
    pub line: u32,
    pub column: u32,
    /// In the locale asked for (French by default).
    pub message: String,
}

/// The answer to registering a programme file: the programme registered, or the file's
/// problems (then nothing changed).
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Registration {
    pub registered: bool,
    /// The programme's id, when registered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<String>,
    /// `new` (an id the module did not know), `version` (a new version of a known
    /// programme), `replaced` (the version with the same dates, corrected).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub valid_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub valid_to: Option<String>,
    pub problems: Vec<FileProblem>,
}

impl Problem {
    /// The problem for a face, its message in `locale`.
    pub fn render(&self, locale: crate::Locale) -> FileProblem {
        FileProblem {
            code: "programme_file_invalid",
            path: self.path.clone(),
            line: u32::try_from(self.line).unwrap_or(u32::MAX),
            column: u32::try_from(self.column).unwrap_or(u32::MAX),
            message: match locale {
                crate::Locale::Fr => fr::french(&self.message),
                _ => self.message.clone(),
            },
        }
    }
}

/// [`register`], answered for a face: the programme registered or the file's problems,
/// messages in `locale`.
pub fn registration(text: &str, locale: crate::Locale) -> Registration {
    match register(text) {
        Ok((p, status)) => Registration {
            registered: true,
            id: Some(p.id.clone()),
            status: Some(match status {
                Registered::New => "new",
                Registered::Version => "version",
                Registered::Replaced => "replaced",
            }),
            valid_from: Some(p.valid_from.clone()),
            valid_to: Some(p.valid_to.clone()),
            problems: Vec::new(),
        },
        Err(problem) => Registration {
            registered: false,
            id: None,
            status: None,
            valid_from: None,
            valid_to: None,
            problems: alloc::vec![problem.render(locale)],
        },
    }
}

/// Reads a programme file given at run time and, if it has no problem, adds it to the
/// programmes the module answers with (a new programme, a new version of one, or a
/// corrected version with the same dates). On a problem nothing changes. Its territory
/// is national, whole départements, or one of the built-in territories by name.
pub fn register(text: &str) -> Result<(&'static Programme, Registered), Problem> {
    let territories = built_in();
    let find = |name: &str| {
        territories
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
    };
    let programme = file::validate("", text, find)?;
    let Ok(mut registry) = REGISTRY.write() else {
        return Err(Problem {
            path: "(file)".into(),
            line: 1,
            column: 1,
            message: "the registry is unavailable".into(),
        });
    };
    let same = |p: &&Programme| p.id == programme.id;
    let replaced = registry
        .iter()
        .position(|p| same(p) && p.dates == programme.dates);
    if let Some(other) = registry.iter().enumerate().find(|(i, p)| {
        same(p)
            && Some(*i) != replaced
            && p.dates[0] <= programme.dates[1]
            && programme.dates[0] <= p.dates[1]
    }) {
        let other = other.1;
        return Err(Problem::at(
            text,
            "valid_from",
            format!(
                "overlaps the validity dates of the version of \"{}\" in force from {} to {}",
                other.id, other.valid_from, other.valid_to
            ),
        ));
    }
    let kind = match replaced {
        Some(_) => Registered::Replaced,
        None if registry.iter().any(same) => Registered::Version,
        None => Registered::New,
    };
    let programme: &'static Programme = Box::leak(Box::new(programme));
    match replaced {
        Some(i) => {
            if let Some(slot) = registry.get_mut(i) {
                *slot = programme;
            }
        }
        None => registry.push(programme),
    }
    sort(&mut registry);
    Ok((programme, kind))
}

impl Programme {
    pub fn valid_from(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.dates[0];
        NaiveDate::from_ymd_opt(y, m, d)
    }
    pub fn valid_to(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.dates[1];
        NaiveDate::from_ymd_opt(y, m, d)
    }
    /// Whether the programme's rules are in force on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.valid_from().is_some_and(|f| f <= date) && self.valid_to().is_some_and(|t| date <= t)
    }
}

/// The `unknown_programme` finding (rule REQUEST), its `allowed` parameter listing each
/// programme `keep` accepts once, however many dated versions it has.
pub fn unknown(keep: impl Fn(&Programme) -> bool) -> crate::finding::Finding {
    let mut known: Vec<&str> = Vec::new();
    for p in all().into_iter().filter(|p| keep(p)) {
        if !known.contains(&p.id.as_str()) {
            known.push(&p.id);
        }
    }
    crate::finding::Finding::new(
        crate::finding::Code::UnknownProgramme,
        "programme",
        crate::finding::RuleId::Request,
    )
    .param("allowed", known.join(", "))
}

/// The version of programme `id` in force on `date`, or its latest version.
pub fn find(id: &str, date: Option<NaiveDate>) -> Option<&'static Programme> {
    built_in();
    let registry = REGISTRY.read().ok()?;
    let versions = || registry.iter().copied().filter(|p| p.id == id);
    date.and_then(|d| versions().find(|p| p.in_force(d)))
        .or_else(|| versions().max_by_key(|p| p.dates[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checks as build.rs reports them: `FILE: PATH: MESSAGE`.
    fn validate(
        file: &str,
        text: &str,
        territory: impl Fn(&str) -> Option<String>,
    ) -> Result<(Programme, ()), String> {
        file::validate(file, text, |n| {
            territory(n).and_then(|t| Table::read(&t).ok())
        })
        .map(|p| (p, ()))
        .map_err(|e| format!("{file}: {}: {}", e.path, e.message))
    }

    fn territory(name: &str) -> Option<String> {
        (name != "nowhere").then(|| r#"{"source":"test","vintage":2019,"communes":[{"insee":"59017","name":"Armentières","postal_codes":["59280"]}],"neighbours":[]}"#.into())
    }

    fn base() -> serde_json::Value {
        serde_json::from_str(include_str!("../../programmes/plie-flandre-lys.json")).unwrap()
    }

    fn rejected(mutate: impl Fn(&mut serde_json::Value)) -> String {
        let mut v = base();
        mutate(&mut v);
        validate(
            "programmes/plie-flandre-lys.json",
            &v.to_string(),
            territory,
        )
        .expect_err("must be rejected")
    }

    #[test]
    fn every_embedded_programme_has_rules_and_a_territory() {
        assert!(all().len() >= 6);
        for p in all() {
            assert!(!p.rules.is_empty(), "{}", p.id);
            assert!(p.valid_from() < p.valid_to(), "{}", p.id);
            if let Territory::Communes(r) = &p.territory {
                let communes = &r.table.as_ref().unwrap().communes;
                assert!(communes.iter().count() > 0, "{}", p.id);
                assert!(
                    communes
                        .iter()
                        .all(|c| c.insee.len() == 5 && !c.name.is_empty()),
                    "{}",
                    p.id
                );
            }
        }
    }

    #[test]
    fn malformed_files_are_rejected_naming_file_and_field() {
        let e = rejected(|v| v["rules"][1]["kind"] = "age_between".into());
        assert!(
            e.starts_with("programmes/plie-flandre-lys.json: rules[1]: ")
                && e.contains("age_between"),
            "{e}"
        );
        let e = rejected(|v| {
            let o = v["rules"][1].as_object_mut().unwrap();
            o.remove("min");
            o.insert("max".into(), 60.into());
        });
        assert!(
            e.contains("programmes/plie-flandre-lys.json: rules[1].derogation:"),
            "{e}"
        );
        let e = rejected(|v| {
            let o = v["rules"][1].as_object_mut().unwrap();
            o.remove("min");
            o.remove("derogation");
        });
        assert!(
            e.contains("rules[1].min: an age rule needs min or max"),
            "{e}"
        );
        let e = rejected(|v| v["valid_to"] = "2016-12-31".into());
        assert!(e.contains("valid_to: before valid_from"), "{e}");
        let e = rejected(|v| v["valid_from"] = "2017-02-30".into());
        assert!(e.contains("valid_from: not an existing"), "{e}");
        let e = rejected(|v| v["rules"][2]["facts"][0] = "birth_date".into());
        assert!(
            e.contains("rules[2].facts: \"birth_date\" is not a yes/no fact"),
            "{e}"
        );
        let e = rejected(|v| v["rules"][0]["id"] = "ENT-NOPE".into());
        assert!(e.contains("rules[0].id: unknown rule identifier"), "{e}");
        let e = rejected(|v| v["rules"][0]["source"] = "".into());
        assert!(e.contains("rules[0].source"), "{e}");
        let e = rejected(|v| v["id"] = "plie-autre".into());
        assert!(e.contains(": id: "), "{e}");
        let e = rejected(|v| v["territory"] = serde_json::json!({ "communes": "nowhere" }));
        assert!(e.contains("territory.communes"), "{e}");
    }

    #[test]
    fn sources_name_documents_by_title_not_by_file_number() {
        let e = rejected(|v| v["rules"][1]["source"] = "007 §1.2.2".into());
        assert!(
            e.contains("rules[1].source: name the document by its title and section, not by a file number (\"007\")"),
            "{e}"
        );
        let e = rejected(|v| v["exits"]["targets"][0]["source"] = "Fiche action 6 (012)".into());
        assert!(
            e.contains("exits.targets[0].source: name the document by its title"),
            "{e}"
        );
        let e = rejected(|v| v["document"]["short"] = " ".into());
        assert!(e.contains("document.short: empty"), "{e}");
        let e = rejected(|v| v["document"]["seed"] = "../001.txt".into());
        assert!(e.contains("document.seed"), "{e}");
        let e = rejected(|v| {
            v.as_object_mut().unwrap().remove("document");
        });
        assert!(e.contains("missing field `document`"), "{e}");
        let e = rejected(|v| v["rules"][0]["source"] = "decision (docs/eligibility.md)".into());
        assert!(
            e.contains("rules[0].source: a référent reads this text"),
            "{e}"
        );
        let e = rejected(|v| v["capacity"]["annual_renewal"]["rate"] = 0.into());
        assert!(
            e.contains("capacity.annual_renewal.rate: a percentage"),
            "{e}"
        );
        let e = rejected(|v| v["procedure"]["steps"][0] = "interviews".into());
        assert!(
            e.contains("procedure.min_interviews: the interviews step needs how many"),
            "{e}"
        );
        let e = rejected(|v| v["procedure"]["min_interviews"] = 2.into());
        assert!(
            e.contains("procedure.min_interviews: only with the interviews step"),
            "{e}"
        );
        let e = rejected(
            |v| v["rules"][2] = serde_json::json!({ "id": "ENT-PUBLIC", "kind": "any_of", "source": "s", "conditions": [{ "more_than_months": 4 }] }),
        );
        assert!(
            e.contains("rules[2].conditions[0]: a condition needs a fact"),
            "{e}"
        );
        // The seed's name is the one text allowed a file number; years and article
        // numbers are not file numbers.
        let mut v = base();
        v["rules"][1]["source"] = "JORF n°0204 du 2 septembre 2021, article R5132-1-7".into();
        assert!(validate(
            "programmes/plie-flandre-lys.json",
            &v.to_string(),
            territory
        )
        .is_ok());
    }

    #[test]
    fn malformed_exit_and_follow_up_rules_are_rejected() {
        let e = rejected(|v| v["exits"]["routes"][0]["except"][0] = "cdd_senior".into());
        assert!(
            e.contains("exits.routes[0].except: unknown value \"cdd_senior\""),
            "{e}"
        );
        let e = rejected(|v| v["exits"]["routes"][1]["min_hours"] = 0.into());
        assert!(e.contains("exits.routes[1].min_hours"), "{e}");
        let e = rejected(|v| v["exits"]["routes"][0]["id"] = "EXIT-DURABLE".into());
        assert!(
            e.contains("exits.routes[0].id: unknown rule identifier"),
            "{e}"
        );
        let e = rejected(|v| v["exits"]["month_end"] = "first_day".into());
        assert!(e.contains("exits.month_end: unknown value"), "{e}");
        let e = rejected(|v| v["exits"]["targets"][1]["measure"] = "cdd".into());
        assert!(
            e.contains(
                "exits.targets[1].measure: unknown measure \"cdd\" (positive or a positive kind)"
            ),
            "{e}"
        );
        let e = rejected(|v| {
            v["exits"]["targets"][1]["share_of"] = "durable_employment".into();
        });
        assert!(
            e.contains(
                "exits.targets[1].measure: unknown measure \"durable_employment\" (a contract type"
            ),
            "{e}"
        );
        let e = rejected(|v| v["exits"]["targets"][1]["share_of"] = "contracts".into());
        assert!(
            e.contains("exits.targets[1].share_of: unknown value"),
            "{e}"
        );
        let e = rejected(|v| v["exits"]["targets"][0]["rate"] = 150.into());
        assert!(e.contains("exits.targets[0].rate"), "{e}");
        let e = rejected(|v| v["follow_up"]["rules"][1]["months"] = 0.into());
        assert!(
            e.contains("follow_up.rules[1].kind: a threshold of 0"),
            "{e}"
        );
        let e = rejected(|v| v["follow_up"]["rules"][0]["exempt"][0] = "holidays".into());
        assert!(
            e.contains("follow_up.rules[0].exempt: unknown value"),
            "{e}"
        );
        let e =
            rejected(|v| v["follow_up"]["rules"][4]["triggers"] = serde_json::json!(["hiring"]));
        assert!(
            e.starts_with("programmes/plie-flandre-lys.json: follow_up.rules[4].triggers: unknown value \"hiring\""),
            "{e}"
        );
        let e = rejected(|v| {
            v["follow_up"]["rules"][4]["triggers"] =
                serde_json::json!(["employment_start", "employment_start"])
        });
        assert!(
            e.contains("follow_up.rules[4].triggers[1]: \"employment_start\" appears twice"),
            "{e}"
        );
        let e = rejected(|v| {
            v["follow_up"]["rules"][4]["triggers"] = serde_json::json!(["employment_start"]);
            v["follow_up"]["rules"][4]["training_until"] = "training_end".into();
        });
        assert!(
            e.contains("follow_up.rules[4].training_until: no training trigger"),
            "{e}"
        );
        let e = rejected(|v| v["follow_up"]["rules"][4]["training_until"] = "qualification".into());
        assert!(
            e.contains("follow_up.rules[4].training_until: unknown value"),
            "{e}"
        );
        let e = rejected(|v| v["follow_up"]["rules"][0]["id"] = "FU-WEEKLY".into());
        assert!(
            e.contains("follow_up.rules[0].id: unknown rule identifier"),
            "{e}"
        );
    }

    #[test]
    fn a_threshold_without_its_date_is_rejected() {
        let text = include_str!("../../programmes/normandie-stare.json")
            .replace("\"since\": \"asylum_request_date\", ", "");
        let e = validate("programmes/normandie-stare.json", &text, territory).unwrap_err();
        assert!(
            e.contains("rules[1].conditions[1].since: a threshold needs its date fact"),
            "{e}"
        );
    }

    #[test]
    fn overlapping_versions_are_rejected() {
        let read = |name: &str, text: &str| validate(name, text, territory).unwrap().0;
        let a = read(
            "programmes/plie-flandre-lys.json",
            include_str!("../../programmes/plie-flandre-lys.json"),
        );
        let b = read(
            "programmes/plie-flandre-lys@2018.json",
            &include_str!("../../programmes/plie-flandre-lys.json")
                .replace("2017-01-01", "2018-06-01")
                .replace("2018-12-31", "2019-12-31"),
        );
        let e = super::file::check_versions(&[
            ("programmes/plie-flandre-lys.json".into(), a),
            ("programmes/plie-flandre-lys@2018.json".into(), b),
        ])
        .unwrap_err();
        assert!(
            e.starts_with("programmes/plie-flandre-lys@2018.json: valid_from: overlaps"),
            "{e}"
        );
    }
}
