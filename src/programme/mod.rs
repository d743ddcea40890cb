//! Programmes as data: one file per programme under `programmes/`, validated and
//! embedded at build time (build.rs). The types below are what the files become; the
//! eligibility engine evaluates their typed rule kinds. Adding a programme is adding a
//! file and its cases, not a function.

/// A file checked for its authors: problems with what to do, examples run.
#[cfg(feature = "register")]
pub mod authoring;
/// The file format; also the facts catalogue the engine reads. Its parsing code is
/// only used by build.rs and the tests, so it adds nothing to the .wasm.
pub mod file;
#[cfg(feature = "register")]
mod fr;
/// Programme files given at run time (feature `register`).
#[cfg(feature = "register")]
pub mod registry;

use chrono::NaiveDate;

use crate::finding::RuleId;

/// A programme, in force between two dates.
#[derive(Debug)]
pub struct Programme {
    pub id: &'static str,
    pub name: &'static str,
    pub valid_from: (i32, u32, u32),
    pub valid_to: (i32, u32, u32),
    /// The source document, by its title.
    pub source: &'static str,
    pub territory: Territory,
    /// The facts the file declares beside the module's.
    pub facts: &'static [DeclaredFact],
    /// IAE eligibility criteria, for the rules that count them.
    pub criteria: &'static [Criterion],
    pub rules: &'static [Rule],
    pub capacity: Option<Capacity>,
    /// ENT-PROCEDURE: the entry steps and the proofs an entry file holds.
    pub procedure: Option<Procedure>,
    /// EXIT-*: what makes an exit positive.
    #[cfg(feature = "exits")]
    pub exits: Option<Exits>,
    /// FU-*: the follow-up obligations.
    #[cfg(feature = "exits")]
    pub follow_up: Option<FollowUpRules>,
}

/// A fact a programme file declares (its `facts`): a criterion as data.
#[derive(Debug)]
pub struct DeclaredFact {
    pub id: &'static str,
    /// `Bool`, `Date` or `Choice`.
    pub kind: file::FactType,
    /// A choice's values.
    pub values: &'static [Choice],
    pub label: Label,
    pub help: Option<Label>,
}

/// One value of a declared choice fact.
#[derive(Debug)]
pub struct Choice {
    pub id: &'static str,
    pub label: Label,
}

/// A text in French and English (the French one when the file gives no English).
#[derive(Debug, Clone, Copy)]
pub struct Label {
    pub fr: &'static str,
    pub en: &'static str,
}

impl Programme {
    /// The fact `id` the file declares.
    pub fn declared(&self, id: &str) -> Option<&'static DeclaredFact> {
        self.facts.iter().find(|f| f.id == id)
    }
}

/// How an exit is classified (EXIT-*).
#[derive(Debug)]
pub struct Exits {
    pub source: &'static str,
    /// 31 August + 6 months: 28/29 February (`false`, default) or 1 March (`true`).
    pub month_end_next_day: bool,
    pub routes: &'static [Route],
    pub proof: Option<ExitProof>,
    pub targets: &'static [Target],
    /// EXIT-COMMITTEE's source, when exits go to a follow-up committee.
    pub committee: Option<&'static str>,
}

/// One way an exit is positive.
#[derive(Debug)]
pub struct Route {
    pub id: RuleId,
    pub source: &'static str,
    pub positive_kind: &'static str,
    pub kind: RouteKind,
}

#[derive(Debug)]
pub enum RouteKind {
    Contract {
        /// All types when empty.
        contract_types: &'static [&'static str],
        except: &'static [&'static str],
        /// 0: any length.
        more_than_months: u32,
    },
    Interim {
        min_hours: u32,
        window_months: u32,
        prorate: bool,
    },
    Aided {
        contract_types: &'static [&'static str],
        except_aci: bool,
    },
    Training {
        /// Any training when empty.
        certifications: &'static [&'static str],
    },
    Business {
        more_than_months: u32,
    },
}

/// EXIT-PROOF-AT-DATE.
#[derive(Debug)]
pub struct ExitProof {
    pub id: RuleId,
    pub max_age_days: u32,
    pub source: &'static str,
}

/// A target rate in percent of exits, of positive exits, or of the positive exits of
/// one kind (a contract type's share of the employment exits).
#[derive(Debug)]
pub struct Target {
    /// `positive`, a positive kind, or a contract type.
    pub measure: &'static str,
    pub rate: u32,
    /// `exits`, `positive_exits`, or a positive kind.
    pub share_of: &'static str,
    pub source: &'static str,
}

#[derive(Debug)]
pub struct FollowUpRules {
    pub source: &'static str,
    pub rules: &'static [FollowUpRule],
}

#[derive(Debug)]
pub struct FollowUpRule {
    pub id: RuleId,
    pub source: &'static str,
    pub kind: FollowUpKind,
}

#[derive(Debug)]
pub enum FollowUpKind {
    MonthlyInterview(&'static [&'static str]),
    ContactGap(u32),
    Steps(u32),
    AbsenceReminders,
    /// FU-IN-JOB: `triggers` (IN_JOB_TRIGGERS) start a follow-up of `months` and
    /// `extra_days`, or, after a training start with `until_training_end`, until the
    /// training ends.
    InJob {
        months: u32,
        extra_days: u32,
        triggers: &'static [&'static str],
        until_training_end: bool,
    },
    CrePlacement {
        feedback_days: u32,
        call_days: u32,
    },
}

/// ENT-PROCEDURE — the steps of entry, in order, and the proofs of the entry file.
#[derive(Debug)]
pub struct Procedure {
    pub steps: &'static [&'static str],
    pub proofs: &'static [&'static str],
    /// The `interviews` step: how many individual interviews the file dates (0 when
    /// the procedure has no such step).
    pub min_interviews: u32,
    /// The source of the rule that a committee which does not accept a candidate
    /// proposes another route, when the programme states it.
    pub alternative: Option<&'static str>,
    pub source: &'static str,
}

/// Where participants must live.
#[derive(Debug)]
pub enum Territory {
    /// Communes from the official geographic code of `vintage`, and the communes
    /// outside that share one of their postal codes.
    Communes {
        source: &'static str,
        vintage: u32,
        communes: Communes,
        neighbours: Communes,
    },
    /// Whole départements.
    Departements(&'static [&'static str]),
    /// The whole country: residence is not a rule.
    National,
}

/// An IAE eligibility criterion (IAE-L1, IAE-L2).
#[derive(Debug)]
pub struct Criterion {
    pub id: &'static str,
    pub level: u32,
    pub proof: Proof,
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
}

/// What makes a criterion's proof acceptable on the hiring date (IAE-PROOF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proof {
    /// Dated at most this many months before hiring.
    RecentMonths(u32),
    /// Still valid on the hiring date.
    ValidAtHiring,
    /// An identity document: no date rule.
    Identity,
}

/// Criteria a person cannot both meet; `keep` is the one counted when both are claimed.
#[derive(Debug)]
pub struct ExclusivePair {
    pub pair: (&'static str, &'static str),
    pub keep: Option<&'static str>,
}

/// A duration in calendar months or in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Months(u32),
    Days(u32),
}

/// Communes as a text table, a line per commune: INSEE code, name, postal codes
/// (comma-separated), separated by tabs.
#[derive(Debug, Clone, Copy)]
pub struct Communes(pub &'static str);

/// One commune of a [`Communes`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commune {
    pub insee: &'static str,
    pub name: &'static str,
    postal_codes: &'static str,
}

impl Commune {
    pub fn has_postal_code(&self, code: &str) -> bool {
        self.postal_codes.split(',').any(|p| p == code)
    }
}

impl Communes {
    pub fn iter(&self) -> impl Iterator<Item = Commune> {
        self.0.lines().filter_map(|line| {
            let mut parts = line.split('\t');
            Some(Commune {
                insee: parts.next()?,
                name: parts.next()?,
                postal_codes: parts.next()?,
            })
        })
    }
}

/// A rule of a programme: its identifier (docs/rules.md), its source, its kind.
#[derive(Debug)]
pub struct Rule {
    pub id: RuleId,
    pub source: &'static str,
    pub kind: RuleKind,
}

/// The typed rule kinds programme files parameterise.
#[derive(Debug)]
pub enum RuleKind {
    /// Domiciled in the territory.
    Residence,
    /// Aged `min` or more and `max` or less on the decision date (full years).
    Age {
        min: Option<u32>,
        max: Option<u32>,
        derogation: Option<Derogation>,
    },
    /// Every condition holds (a yes/no fact true, by default).
    AllOf(&'static [Condition]),
    /// At least one condition holds.
    AnyOf(&'static [Condition]),
    /// Priority publics: explained, never decisive (ENT-STATUS-NOT-ENOUGH).
    Priority(&'static [&'static str]),
    /// IAE-PROOF — the criteria claimed, counted only with an acceptable proof.
    IaeProofs,
    /// IAE-EXCLUSIVE — criteria a person cannot both meet.
    IaeExclusive(&'static [ExclusivePair]),
    /// IAE-THRESHOLD — level-2 criteria needed by structure kind (one level-1
    /// criterion suffices; an authorised prescriber's diagnosis needs none).
    IaeThreshold(&'static [(&'static str, u32)]),
    /// IAE-VALIDITY — how long a diagnosis stays valid, by who made it.
    IaeValidity {
        prescriber: Duration,
        employer: Duration,
    },
}

/// Entry below the minimum age, by derogation.
#[derive(Debug)]
pub struct Derogation {
    pub id: RuleId,
    /// Facts any of which opens the derogation.
    pub routes: &'static [&'static str],
    /// Who must sign it off.
    pub signed_by: &'static str,
    pub source: &'static str,
}

/// A fact that is true, for more than some months when `since` names its start date;
/// or, with no fact, a date more than some months before the decision date.
#[derive(Debug)]
pub struct Condition {
    /// None: the condition is only on the date fact `since` (more than N months before
    /// the decision date).
    pub fact: Option<&'static str>,
    /// What the fact must be.
    pub expect: Expect,
    pub since: Option<(&'static str, u32)>,
}

/// What a condition's fact must be.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    /// A yes/no fact, true.
    Yes,
    /// A yes/no fact, false.
    No,
    /// A choice fact, one of these values.
    In(&'static [&'static str]),
}

#[derive(Debug)]
pub struct Capacity {
    pub portfolio_per_full_time: u32,
    pub source: &'static str,
    /// The share of a référent's portfolio to renew each year, when the file sets one.
    pub annual_renewal: Option<Renewal>,
}

/// A yearly renewal target of the portfolios, in percent.
#[derive(Debug)]
pub struct Renewal {
    pub rate: u32,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/programmes.rs"));

impl Programme {
    pub fn valid_from(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.valid_from;
        NaiveDate::from_ymd_opt(y, m, d)
    }
    pub fn valid_to(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.valid_to;
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
    let mut known: alloc::vec::Vec<&str> = alloc::vec::Vec::new();
    for p in all().filter(|p| keep(p)) {
        if !known.contains(&p.id) {
            known.push(p.id);
        }
    }
    crate::finding::Finding::new(
        crate::finding::Code::UnknownProgramme,
        "programme",
        crate::finding::RuleId::Request,
    )
    .param("allowed", known.join(", "))
}

/// Every programme: the built-in ones (build.rs lists the versions of a programme side
/// by side, oldest first), and those registered at run time (feature `register`).
#[cfg(not(feature = "register"))]
pub fn all() -> core::slice::Iter<'static, Programme> {
    PROGRAMMES.iter()
}

/// Every programme: the built-in ones and those registered at run time, the versions
/// of a programme side by side, oldest first.
#[cfg(feature = "register")]
pub fn all() -> alloc::vec::IntoIter<&'static Programme> {
    registry::snapshot()
        .unwrap_or_else(|| PROGRAMMES.iter().collect())
        .into_iter()
}

/// The version of programme `id` in force on `date`, or its latest version.
pub fn find(id: &str, date: Option<NaiveDate>) -> Option<&'static Programme> {
    #[cfg(feature = "register")]
    if let Some(found) = registry::find(id, date) {
        return found;
    }
    pick(PROGRAMMES.iter(), id, date)
}

/// Among `list`, the version of `id` in force on `date`, or its latest version.
fn pick(
    list: impl Iterator<Item = &'static Programme> + Clone,
    id: &str,
    date: Option<NaiveDate>,
) -> Option<&'static Programme> {
    let versions = || list.clone().filter(move |p| p.id == id);
    date.and_then(|d| versions().find(|p| p.in_force(d)))
        .or_else(|| versions().max_by_key(|p| p.valid_to))
}

#[cfg(test)]
mod tests {
    use super::file::validate;
    use super::*;

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
        assert!(PROGRAMMES.len() >= 6);
        for p in PROGRAMMES {
            assert!(!p.rules.is_empty(), "{}", p.id);
            assert!(p.valid_from() < p.valid_to(), "{}", p.id);
            if let Territory::Communes { communes, .. } = &p.territory {
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
            e.starts_with("programmes/plie-flandre-lys.json: (file): ")
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

    /// IAE-THRESHOLD's AI figure and IAE-VALIDITY's employer duration, as in force.
    fn iae_on(date: (i32, u32, u32)) -> (u32, Duration, &'static str) {
        let day = NaiveDate::from_ymd_opt(date.0, date.1, date.2);
        let p = find("iae-diagnostic", day).unwrap();
        assert!(p.in_force(day.unwrap()));
        let mut ai = 0;
        let mut employer = Duration::Days(0);
        for r in p.rules {
            match &r.kind {
                RuleKind::IaeThreshold(list) => {
                    ai = list.iter().find(|(k, _)| *k == "AI").unwrap().1;
                }
                RuleKind::IaeValidity { employer: e, .. } => employer = *e,
                _ => {}
            }
        }
        (ai, employer, p.source)
    }

    #[test]
    fn values_that_change_on_a_date_are_dated_where_they_are_written() {
        // One file, three versions: the AI threshold 3 → 2 on 1 September 2021, the
        // employer's diagnosis 6 months → 92 days on 9 December 2024.
        let versions = PROGRAMMES
            .iter()
            .filter(|p| p.id == "iae-diagnostic")
            .map(|p| (p.valid_from, p.valid_to))
            .collect::<Vec<_>>();
        assert_eq!(
            versions,
            [
                ((2021, 1, 1), (2021, 8, 31)),
                ((2021, 9, 1), (2024, 12, 8)),
                ((2024, 12, 9), (2026, 12, 31))
            ]
        );
        let (ai, employer, source) = iae_on((2021, 8, 31));
        assert_eq!((ai, employer), (3, Duration::Months(6)));
        assert!(source.contains("version antérieure à septembre 2021"));
        assert_eq!(iae_on((2021, 9, 1)).0, 2);
        assert_eq!(iae_on((2024, 12, 8)).1, Duration::Months(6));
        assert_eq!(iae_on((2024, 12, 9)).1, Duration::Days(92));
        assert_eq!(iae_on((2024, 12, 9)).0, 2);
    }

    #[test]
    fn malformed_dated_values_are_rejected() {
        let text = include_str!("../../programmes/iae-diagnostic.json");
        let e =
            |text: &str| validate("programmes/iae-diagnostic.json", text, territory).unwrap_err();
        let late = e(&text.replace("\"2021-09-01\": 2", "\"2027-01-01\": 2"));
        assert!(
            late.contains(": valid_to: a value changes on 2027-01-01"),
            "{late}"
        );
        let unset = e(&text.replace("\"2021-01-01\": 3", "\"2021-02-01\": 3"));
        assert!(
            unset.contains("rules[2].level_2.AI: no value on valid_from"),
            "{unset}"
        );
        let id = e(&text.replace(
            "\"id\": \"iae-diagnostic\"",
            "\"id\": {\"2021-01-01\": \"iae-diagnostic\"}",
        ));
        assert!(id.contains(": id: cannot change on a date"), "{id}");
        // A version's own problem names the version.
        let bad = e(&text.replace(
            "\"2024-12-09\": {\n          \"days\": 92",
            "\"2024-12-09\": {\n          \"days\": 0",
        ));
        assert!(
            bad.starts_with("programmes/iae-diagnostic.json (from 2024-12-09): rules[3].employer"),
            "{bad}"
        );
        let versions = validate("programmes/iae-diagnostic.json", text, territory).unwrap();
        assert_eq!(versions.len(), 3);
    }

    #[test]
    fn overlapping_versions_are_rejected() {
        let read = |name: &str, text: &str| validate(name, text, territory).unwrap().remove(0).0;
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
