//! The programme file format (`programmes/*.json`) and its validation.
//!
//! This file is compiled twice: by `build.rs`, which rejects a malformed programme at
//! build time (naming the file and the field) and turns the valid ones into static
//! Rust data, and natively in the crate, so tests can prove the rejections. It uses
//! only `serde` and `serde_json`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::RuleId;

/// A programme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFile {
    /// The address of the file's JSON Schema (schema/programme.schema.json), which an
    /// editor reads to complete and check the file as its author types; not used here.
    #[serde(default, rename = "$schema")]
    pub schema: Option<String>,
    /// Stable identifier, the file's name without `.json` and without a `@date` suffix.
    pub id: String,
    pub name: String,
    /// First and last day the rules apply (YYYY-MM-DD).
    pub valid_from: String,
    pub valid_to: String,
    /// The source document as answers cite it: its title (and date).
    pub source: String,
    /// The document the rules come from, named by its title; `short` is how the rules'
    /// sources name it.
    pub document: DocumentFile,
    pub territory: TerritoryFile,
    /// The facts the file declares beside the module's (FACTS): a new criterion (NEET,
    /// "non accompagné par le service public de l'emploi") is data, not code.
    #[serde(default)]
    pub facts: Vec<FactFile>,
    /// The IAE eligibility criteria, for programmes whose rules count them.
    #[serde(default)]
    pub criteria: Vec<CriterionFile>,
    pub rules: Vec<RuleFile>,
    #[serde(default)]
    pub capacity: Option<CapacityFile>,
    /// ENT-PROCEDURE: the steps of entry, in order, and the proofs the file holds.
    #[serde(default)]
    pub procedure: Option<ProcedureFile>,
    /// EXIT-*: what makes an exit positive, the proof rule, the targets.
    #[serde(default)]
    pub exits: Option<ExitsFile>,
    /// FU-*: the follow-up obligations.
    #[serde(default)]
    pub follow_up: Option<FollowUpFile>,
    /// The file's own version, as its authors number it (free text: "2027.1").
    #[serde(default)]
    pub version: Option<String>,
    /// Who wrote the file: a service or a role (free text).
    #[serde(default)]
    pub author: Option<String>,
    /// Example cases: `parcours programme check` runs each through the eligibility
    /// check against this file's programme ([`validate_examples`]).
    #[serde(default)]
    pub examples: Vec<ExampleFile>,
}

/// An example case of a programme file: a decision date, the person's facts, and the
/// answer the file's rules must give.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleFile {
    pub name: String,
    /// YYYY-MM-DD, within the file's validity dates.
    pub decision_date: String,
    /// The facts, by name, as a form sends them (`{"birth_date": "1990-05-02"}`).
    #[serde(default)]
    pub facts: serde_json::Map<String, serde_json::Value>,
    pub expect: ExpectFile,
}

/// What an example expects: the outcome, and when given, the facts still missing (in
/// any order) and the status of some rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectFile {
    pub outcome: ExampleOutcome,
    #[serde(default)]
    pub missing: Option<Vec<String>>,
    #[serde(default)]
    pub rules: BTreeMap<String, ExampleStatus>,
}

/// An eligibility outcome, as reports name it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExampleOutcome {
    Eligible,
    EligibleByDerogation,
    NotEligible,
    Incomplete,
}

/// A rule's status, as reports name it.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExampleStatus {
    Passed,
    Failed,
    Unknown,
    Derogation,
    Information,
}

/// The most rules one file may give (the built-in ones give at most a dozen).
pub const MAX_RULES: usize = 500;

/// The checks of a file's examples that need no engine: names given and distinct, dates
/// that exist, rule identifiers of the list, fact names given.
fn validate_examples(examples: &[ExampleFile]) -> Result<(), (String, String)> {
    for (i, e) in examples.iter().enumerate() {
        let at = |f: &str| format!("examples[{i}].{f}");
        if e.name.trim().is_empty() {
            return Err((at("name"), "an example needs a name".into()));
        }
        if examples.iter().take(i).any(|o| o.name == e.name) {
            return Err((at("name"), format!("\"{}\" appears twice", e.name)));
        }
        if parse_date(&e.decision_date).is_none() {
            return Err((
                at("decision_date"),
                "not an existing YYYY-MM-DD date".into(),
            ));
        }
        if let Some(id) = e
            .expect
            .rules
            .keys()
            .find(|id| rule_id(id, RULE_IDS).is_none())
        {
            return Err((
                at("expect.rules"),
                format!("unknown rule identifier \"{id}\""),
            ));
        }
        if let Some(m) = &e.expect.missing {
            if m.iter().any(|f| f.trim().is_empty()) {
                return Err((at("expect.missing"), "empty".into()));
            }
        }
    }
    Ok(())
}

/// The document a programme's rules come from. Every `source` of the file names it by
/// its title or `short` name and section, never by a file number; a passage quoted
/// between « » appears word for word in it (tests/sources.rs checks each quote against
/// the text `seed`, when the folder of source texts sits next to the repository).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    pub title: String,
    /// How the rules' sources name the document, shorter than the title.
    pub short: String,
    /// The date the document gives itself (free text: "2020/2021", "non daté…").
    pub date: String,
    /// The name of the document's text among the source texts, when there is one.
    #[serde(default)]
    pub seed: Option<String>,
}

/// Exits: the positive routes (EXIT-CONTRACT…), EXIT-PROOF-AT-DATE, the targets.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitsFile {
    pub source: String,
    /// How "N months after 31 August" ends in a shorter month: `last_day` (28 or 29
    /// February, the French civil-procedure rule, default) or `next_day` (1 March).
    #[serde(default)]
    pub month_end: Option<String>,
    pub routes: Vec<RouteFile>,
    #[serde(default)]
    pub proof: Option<ExitProofFile>,
    #[serde(default)]
    pub targets: Vec<TargetFile>,
    /// EXIT-COMMITTEE: the source of the rule that exits go to a follow-up committee.
    #[serde(default)]
    pub committee: Option<String>,
}

/// One way an exit is positive.
#[derive(Debug, Deserialize)]
pub struct RouteFile {
    pub id: String,
    pub source: String,
    /// What the exit counts as (POSITIVE_KINDS).
    pub positive_kind: String,
    #[serde(flatten)]
    pub kind: RouteKindFile,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RouteKindFile {
    /// An employment contract of one of `contract_types` (all when empty), none of
    /// `except`, lasting more than `more_than_months` (0: any length).
    Contract {
        #[serde(default)]
        contract_types: Vec<String>,
        #[serde(default)]
        except: Vec<String>,
        #[serde(default)]
        more_than_months: u32,
    },
    /// Temporary-work missions totalling `min_hours` within `window_months` months,
    /// date to date; a mission across the window's edge counts in proportion of its
    /// days when `straddling` is `prorate`, not at all when `exclude` (default).
    Interim {
        min_hours: u32,
        window_months: u32,
        #[serde(default)]
        straddling: Option<String>,
    },
    /// An aided contract of `contract_types`, matching the professional project, with
    /// the participant's agreement, outside an ACI when `except_aci`.
    Aided {
        contract_types: Vec<String>,
        #[serde(default)]
        except_aci: bool,
    },
    /// A training sanctioned by one of `certifications` (any training when empty).
    Training {
        #[serde(default)]
        certifications: Vec<String>,
    },
    /// A business whose activity lasts more than `more_than_months`.
    Business { more_than_months: u32 },
}

/// EXIT-PROOF-AT-DATE: a proof attests the situation at the exit date when dated at
/// most `max_age_days` before it (and not after it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitProofFile {
    pub id: String,
    pub max_age_days: u32,
    pub source: String,
}

/// A target rate, in percent of all exits, of positive exits, or of the positive exits
/// of one kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetFile {
    /// `positive`, a positive kind, or a contract type (counted among the positive
    /// exits of the kind `share_of` names).
    pub measure: String,
    pub rate: u32,
    /// `exits` (default), `positive_exits`, or a positive kind (for a contract type).
    #[serde(default)]
    pub share_of: Option<String>,
    pub source: String,
}

/// Follow-up obligations (FU-*).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpFile {
    pub source: String,
    pub rules: Vec<FollowUpRuleFile>,
}

#[derive(Debug, Deserialize)]
pub struct FollowUpRuleFile {
    pub id: String,
    pub source: String,
    #[serde(flatten)]
    pub kind: FollowUpKindFile,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FollowUpKindFile {
    /// A physical interview at least every month, the time spent in a step of one of
    /// `exempt` kinds not counted.
    MonthlyInterview { exempt: Vec<String> },
    /// Never `months` months or more without a contact.
    ContactGap { months: u32 },
    /// At least `min` parcours steps before the exit.
    Steps { min: u32 },
    /// An unjustified absence: a letter the week of the absence, a call the week after.
    AbsenceReminders {},
    /// Follow-up for `months` months (and `extra_days` days) after each event of
    /// `triggers` (IN_JOB_TRIGGERS; a hiring when empty); after a training start, until
    /// the training ends instead when `training_until` is `training_end`.
    InJob {
        months: u32,
        #[serde(default)]
        extra_days: u32,
        #[serde(default)]
        triggers: Vec<String>,
        /// `months` (default) or `training_end`.
        #[serde(default)]
        training_until: Option<String>,
    },
    /// After a placement by the CRE: feedback within `feedback_days` days of the
    /// contract's theoretical start, a call to the employer within its first
    /// `call_days` days, a visit before the trial period ends.
    CrePlacement { feedback_days: u32, call_days: u32 },
}

/// What starts a follow-up in employment or in training (FU-IN-JOB): a hiring, a
/// training step, a training step sanctioned by a certification (a diploma, a
/// registered title, a professional certificate).
pub const IN_JOB_TRIGGERS: &[&str] = &[
    "employment_start",
    "training_start",
    "qualifying_training_start",
];

/// Employment contract types an exit may name.
pub const CONTRACT_TYPES: &[&str] = &[
    "cdi",
    "cdd",
    "apprenticeship",
    "professionalisation",
    "cui_cie",
    "cui_cae",
    "pec",
    "cddi",
    "ctti",
    "ai_usage",
];

/// Certifications that may sanction a training.
pub const CERTIFICATIONS: &[&str] = &[
    "diploma",
    "registered_title",
    "professional_certificate",
    "no_certification",
];

/// What a positive exit counts as.
pub const POSITIVE_KINDS: &[&str] = &[
    "durable_employment",
    "qualifying_training",
    "training",
    "apprenticeship",
    "business_creation",
];

/// Kinds of parcours steps.
pub const STEP_KINDS: &[&str] = &[
    "employment",
    "iae",
    "training",
    "internship",
    "immersion",
    "workshop",
    "veille",
    "other",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcedureFile {
    /// Steps among PROCEDURE_STEPS, in the order they happen.
    pub steps: Vec<String>,
    /// Proofs the file must hold (identity, residence…).
    pub proofs: Vec<String>,
    /// For the `interviews` step: how many individual interviews make the person
    /// taken in charge (dated in the file's `interview_dates`).
    #[serde(default)]
    pub min_interviews: Option<u32>,
    /// When the entry committee does not accept a candidate, it proposes another route:
    /// the source of that rule (the entry file then records `alternative_proposed`).
    #[serde(default)]
    pub alternative: Option<String>,
    pub source: String,
}

/// The entry steps a procedure may list, each read from the entry file.
pub const PROCEDURE_STEPS: &[&str] = &[
    "information_meeting",
    "diagnostic",
    "committee_decision",
    "contract_signed",
    "fse_questionnaire",
    "interviews",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum TerritoryFile {
    /// The whole country: no residence rule.
    National,
    /// A generated file of communes (programmes/territories/ID.json).
    Communes(String),
    /// Whole départements (codes such as "14", "2A", "974").
    Departements(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityFile {
    pub portfolio_per_full_time: u32,
    pub source: String,
    /// ENT-CAPACITY: the share of a référent's portfolio to renew each year.
    #[serde(default)]
    pub annual_renewal: Option<RenewalFile>,
}

/// A yearly renewal target of the portfolios, in percent, with its source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenewalFile {
    pub rate: u32,
    pub source: String,
}

/// One rule: its identifier (docs/rules.md), its kind and parameters, its source.
/// (Unknown fields are refused by the kind, which receives every field but these.)
#[derive(Debug, Deserialize)]
pub struct RuleFile {
    pub id: String,
    pub source: String,
    #[serde(flatten)]
    pub kind: RuleKindFile,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKindFile {
    /// Domiciled in the territory. (A variant with no field is written `{}`, so that
    /// serde refuses an unknown field beside its `kind` as it does for the others.)
    Residence {},
    /// Aged `min` or more and/or `max` or less on the decision date; under `min`, a
    /// derogation may apply.
    Age {
        min: Option<u32>,
        max: Option<u32>,
        derogation: Option<DerogationFile>,
    },
    /// Every fact listed is true, and every condition holds.
    AllOf {
        #[serde(default)]
        facts: Vec<String>,
        #[serde(default)]
        conditions: Vec<ConditionFile>,
    },
    /// At least one condition holds.
    AnyOf { conditions: Vec<ConditionFile> },
    /// Priority publics: recorded in the explanation, never decisive.
    Priority { publics: Vec<String> },
    /// IAE-PROOF — each criterion claimed is counted only with a proof recent enough
    /// (or valid) on the hiring date.
    IaeProofs {},
    /// IAE-EXCLUSIVE — pairs of criteria a person cannot both meet; `keep` names the
    /// one counted when both are claimed (none when absent).
    IaeExclusive { pairs: Vec<ExclusivePairFile> },
    /// IAE-THRESHOLD — a diagnosis by the employing structure needs one level-1
    /// criterion or this many level-2 criteria, by structure kind; an authorised
    /// prescriber's needs none.
    IaeThreshold { level_2: BTreeMap<String, u32> },
    /// IAE-VALIDITY — how long a diagnosis stays valid, by who made it.
    IaeValidity {
        prescriber: DurationFile,
        employer: DurationFile,
    },
}

/// A duration in calendar months or in days (exactly one).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationFile {
    pub months: Option<u32>,
    pub days: Option<u32>,
}

/// An IAE eligibility criterion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionFile {
    pub id: String,
    /// 1 or 2.
    pub level: u32,
    pub proof: ProofFile,
    /// For age criteria: bounds checked against the birth date on the hiring date.
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
}

/// How recent a criterion's proof must be on the hiring date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum ProofFile {
    /// Dated at most this many months before hiring (the claim gives the proof's date).
    RecentMonths(u32),
    /// Valid on the hiring date (the claim gives the end of validity).
    ValidAtHiring,
    /// An identity document: no date rule (the claim is `true`).
    Identity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusivePairFile {
    pub pair: [String; 2],
    pub keep: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DerogationFile {
    /// The rule identifier of the derogation (ENT-DEROGATION).
    pub id: String,
    /// Facts any of which opens the derogation (clause_sociale, tos).
    pub routes: Vec<String>,
    /// Who must sign it off.
    pub signed_by: String,
    pub source: String,
}

/// A condition of an `any_of` or `all_of` rule: a yes/no `fact` that is true (or
/// `is` false), a choice `fact` whose value is `in` a list; in `any_of`, for more than `more_than_months` months counted from
/// the date fact `since`, when given, or, with no `fact`, a date fact `since` more than
/// `more_than_months` months before the decision date (a last interview, computed,
/// never asked as yes/no).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    #[serde(default)]
    pub fact: Option<String>,
    /// The value a yes/no fact must have (true when absent).
    #[serde(default)]
    pub is: Option<bool>,
    /// The values of a choice fact that meet the condition.
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<String>>,
    /// The fact has held for more than this many months on the decision date,
    /// counted from the date fact `since`.
    pub since: Option<String>,
    pub more_than_months: Option<u32>,
}

/// A fact a programme file declares: its identifier, its kind, its label and help
/// in French (English optional: French is shown instead), and for a choice its values.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactFile {
    pub id: String,
    pub kind: FactKindFile,
    /// A choice's values, each with its label (only for `choice`).
    #[serde(default)]
    pub values: Vec<ChoiceFile>,
    pub label: LabelFile,
    #[serde(default)]
    pub help: Option<LabelFile>,
}

/// What a declared fact holds.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FactKindFile {
    /// Oui ou non.
    YesNo,
    /// A date of a past event, YYYY-MM-DD.
    Date,
    /// One of the declared `values`.
    Choice,
}

/// A text in French (required) and English (optional).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelFile {
    #[serde(default)]
    pub fr: String,
    #[serde(default)]
    pub en: Option<String>,
}

/// One value of a choice fact.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub id: String,
    pub label: LabelFile,
}

/// The most facts one file may declare.
pub const MAX_DECLARED_FACTS: usize = 200;
/// The most values one choice fact may have.
pub const MAX_CHOICE_VALUES: usize = 100;

/// The generated territory file (scripts/territory.mjs).
#[derive(Debug, Deserialize)]
pub struct TerritoryCommunesFile {
    pub source: String,
    pub vintage: u32,
    pub communes: Vec<CommuneFile>,
    pub neighbours: Vec<CommuneFile>,
}

#[derive(Debug, Deserialize)]
pub struct CommuneFile {
    pub insee: String,
    pub name: String,
    pub postal_codes: Vec<String>,
}

macro_rules! facts {
    ($($name:ident: $kind:ident;)*) => {
        /// Facts a programme file may name, with their type. The eligibility engine
        /// reads the same names from a request's `facts`.
        pub const FACTS: &[(&str, FactType)] = &[$((stringify!($name), FactType::$kind)),*];

        /// TypeScript declaration of a request's facts, generated from the list above.
        pub const FACTS_TYPESCRIPT: &str = concat!(
            "/** A person's facts for an eligibility decision; dates are YYYY-MM-DD. */\n",
            "export interface EligibilityFacts {\n",
            $("  ", stringify!($name), "?: ", fact_ts!($kind), " | null;\n",)*
            "  /** A fact the programme's file declares (its `facts`). */\n",
            "  [declared: string]: boolean | string | Record<string, string | boolean> | null | undefined;\n",
            "}\n"
        );
    };
}

macro_rules! fact_ts {
    (Bool) => {
        "boolean"
    };
    (Date) => {
        "string"
    };
    (Text) => {
        "string"
    };
    (Criteria) => {
        "Record<string, string | boolean>"
    };
}

facts! {
    birth_date: Date;
    structure_kind: Text;
    diagnosed_by: Text;
    diagnosis_date: Date;
    pass_iae_running: Bool;
    iae_criteria: Criteria;
    commune_insee: Text;
    postal_code: Text;
    commune_name: Text;
    socio_professional_difficulties: Bool;
    available_to_act: Bool;
    motivated: Bool;
    clause_sociale: Bool;
    tos: Bool;
    derogation_signed_off: Bool;
    rsa: Bool;
    rsa_socle: Bool;
    long_term_job_seeker: Bool;
    job_seeker: Bool;
    qpv: Bool;
    rqth: Bool;
    rqth_end_date: Date;
    minimum_benefits: Bool;
    unknown_to_public_employment_service: Bool;
    without_activity: Bool;
    last_individual_interview_date: Date;
    in_education_or_training: Bool;
    international_protection: Bool;
    asylum_seeker: Bool;
    asylum_request_date: Date;
    without_job_or_training: Bool;
    without_job_or_training_since: Date;
}

/// Priority publics a file may list, each read from facts.
pub const PUBLICS: &[&str] = &[
    "rsa",
    "rsa_socle",
    "long_term_job_seeker",
    "qpv",
    "rqth_valid",
    "clause_sociale",
    "minimum_benefits",
    "under_25",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactType {
    Bool,
    Date,
    Text,
    /// IAE criteria claimed: criterion id → proof date, end of validity, or `true`.
    Criteria,
    /// One of a declared fact's values.
    Choice,
}

impl FactKindFile {
    pub fn fact_type(self) -> FactType {
        match self {
            FactKindFile::YesNo => FactType::Bool,
            FactKindFile::Date => FactType::Date,
            FactKindFile::Choice => FactType::Choice,
        }
    }
}

/// Rule identifiers a file's `rules` may use (docs/rules.md).
pub const RULE_IDS: &[RuleId] = &[
    RuleId::EntResidence,
    RuleId::EntAge,
    RuleId::EntDifficulties,
    RuleId::EntPriority,
    RuleId::EntStatusNotEnough,
    RuleId::EntDerogation,
    RuleId::EntPublic,
    RuleId::IaeProof,
    RuleId::IaeExclusive,
    RuleId::IaeThreshold,
    RuleId::IaeValidity,
];

/// Exit routes and proof rules a file may use (docs/rules.md; EXIT-APPRENTICESHIP is the
/// project's, for the Mission Locale: docs/exits.md).
pub const EXIT_RULE_IDS: &[RuleId] = &[
    RuleId::ExitContract,
    RuleId::ExitInterim,
    RuleId::ExitAided,
    RuleId::ExitTraining,
    RuleId::ExitBusiness,
    RuleId::ExitApprenticeship,
];

/// Follow-up rules a file may use (docs/rules.md).
pub const FOLLOW_UP_RULE_IDS: &[RuleId] = &[
    RuleId::FuMonthly,
    RuleId::FuGap,
    RuleId::FuSteps,
    RuleId::FuAbsence,
    RuleId::FuInJob,
    RuleId::FuCre,
];

/// The identifier `id` names, if it is one of `allowed` (a file's identifiers are
/// checked against [`RuleId`], the list of docs/rules.md).
pub fn rule_id(id: &str, allowed: &[RuleId]) -> Option<RuleId> {
    RuleId::from_name(id).filter(|r| allowed.contains(r))
}

fn fact_type(name: &str) -> Option<FactType> {
    FACTS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A date `YYYY-MM-DD` as (year, month, day), if it exists.
pub fn parse_date(text: &str) -> Option<(i32, u32, u32)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<u32>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= days).then_some((y as i32, m, d))
}

/// The day before `date`.
fn day_before((y, m, d): (i32, u32, u32)) -> (i32, u32, u32) {
    if d > 1 {
        return (y, m, d - 1);
    }
    let (y, m) = if m > 1 { (y, m - 1) } else { (y - 1, 12) };
    let last = (28..=31)
        .rev()
        .find(|d| parse_date(&format!("{y:04}-{m:02}-{d:02}")).is_some())
        .unwrap_or(28);
    (y, m, last)
}

fn ymd((y, m, d): (i32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// A value that changes on a date, written where it changes, as OpenFisca dates a
/// parameter: an object whose every key is a date `YYYY-MM-DD`, each giving the value
/// from that day on (`"AI": {"2021-01-01": 3, "2021-09-01": 2}`).
fn dated(value: &serde_json::Value) -> Option<&serde_json::Map<String, serde_json::Value>> {
    match value {
        serde_json::Value::Object(map)
            if !map.is_empty() && map.keys().all(|k| parse_date(k).is_some()) =>
        {
            Some(map)
        }
        _ => None,
    }
}

/// Every date on which a dated value of `value` changes, with the path of the value
/// whose first date is after `from` (it has no value on the first day), if any.
fn change_dates(
    value: &serde_json::Value,
    path: &str,
    from: (i32, u32, u32),
    dates: &mut Vec<(i32, u32, u32)>,
    unset: &mut Option<String>,
) {
    let child = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    if let Some(map) = dated(value) {
        let keys: Vec<(i32, u32, u32)> = map.keys().filter_map(|k| parse_date(k)).collect();
        if keys.iter().min().is_some_and(|first| *first > from) && unset.is_none() {
            *unset = Some(path.into());
        }
        dates.extend(keys);
        for (k, v) in map {
            change_dates(v, &format!("{path}[{k}]"), from, dates, unset);
        }
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                change_dates(v, &format!("{path}[{i}]"), from, dates, unset);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                change_dates(v, &child(k), from, dates, unset);
            }
        }
        _ => {}
    }
}

/// `value` as in force on `day`: each dated value replaced by the one it gives that day.
fn on_day(value: &serde_json::Value, day: (i32, u32, u32)) -> serde_json::Value {
    if let Some(map) = dated(value) {
        let current = map
            .iter()
            .filter_map(|(k, v)| Some((parse_date(k)?, v)))
            .filter(|(d, _)| *d <= day)
            .max_by_key(|(d, _)| *d)
            .map(|(_, v)| on_day(v, day));
        return current.unwrap_or(serde_json::Value::Null);
    }
    match value {
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.iter().map(|v| on_day(v, day)).collect())
        }
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), on_day(v, day)))
                .collect(),
        ),
        v => v.clone(),
    }
}

/// The most versions one file may give (its dated values' distinct dates, plus one).
pub const MAX_VERSIONS: usize = 64;

/// A programme file's versions: one when no value of the file changes on a date,
/// otherwise one from each date a dated value changes on (within `valid_from` to
/// `valid_to`), each with its values of that day and its own validity dates. `None`
/// when the file has no dated value (it is read as written).
fn versions(text: &str) -> Result<Option<Vec<serde_json::Value>>, (String, String)> {
    let Ok(raw) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(None);
    };
    let date = |k: &str| raw.get(k).and_then(|v| v.as_str()).and_then(parse_date);
    for key in ["id", "valid_from", "valid_to", "examples"] {
        if raw.get(key).is_some_and(|v| dated(v).is_some()) {
            return Err((key.into(), "cannot change on a date".into()));
        }
    }
    let (Some(from), Some(to)) = (date("valid_from"), date("valid_to")) else {
        return Ok(None);
    };
    let mut dates = Vec::new();
    let mut unset = None;
    change_dates(&raw, "", from, &mut dates, &mut unset);
    if dates.is_empty() {
        return Ok(None);
    }
    if let Some(path) = unset {
        return Err((
            path,
            "no value on valid_from: its first date is later".into(),
        ));
    }
    if let Some(late) = dates.iter().find(|d| **d > to) {
        return Err((
            "valid_to".into(),
            format!("a value changes on {}, after valid_to", ymd(*late)),
        ));
    }
    let mut starts: Vec<(i32, u32, u32)> = dates.into_iter().filter(|d| *d > from).collect();
    starts.push(from);
    starts.sort();
    starts.dedup();
    // Each version is a copy of the file: a bound keeps a hostile file's cost linear.
    if starts.len() > MAX_VERSIONS {
        return Err((
            "valid_from".into(),
            format!(
                "values change on {} dates; at most {MAX_VERSIONS} versions per file",
                starts.len() - 1
            ),
        ));
    }
    let mut list = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(to, |next| day_before(*next));
        let mut version = on_day(&raw, *start);
        if let serde_json::Value::Object(map) = &mut version {
            map.insert("valid_from".into(), ymd(*start).into());
            map.insert("valid_to".into(), ymd(end).into());
        }
        list.push(version);
    }
    Ok(Some(list))
}

/// A problem of a programme file: the version at fault (its first day, when the file
/// gives several), the path of the value (`rules[2].facts`; `(file)` for the whole
/// file), the line and column where serde_json stopped when it did, and why (English;
/// src/programme/fr.rs has the French).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub version: Option<String>,
    pub path: String,
    pub place: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    fn new(path: &str, message: String) -> FileError {
        FileError {
            version: None,
            path: path.into(),
            place: None,
            message,
        }
    }

    /// `FILE: PATH: MESSAGE`, or `FILE (from DAY): PATH: MESSAGE` for one version.
    pub fn render(&self, file: &str) -> String {
        match &self.version {
            Some(day) => format!("{file} (from {day}): {}: {}", self.path, self.message),
            None => format!("{file}: {}: {}", self.path, self.message),
        }
    }
}

fn serde_error(e: serde_json::Error) -> FileError {
    let mut error = FileError::new("(file)", format!("not a valid programme file: {e}"));
    if e.line() > 0 {
        error.place = Some((e.line(), e.column().max(1)));
    }
    error
}

/// Reads and checks one programme file, answering each of its versions (one unless a
/// value changes on a date: [`versions`]). `file` names it in errors (with the first
/// day of the version at fault when it has several); `territory` reads a generated
/// territory file by its name.
#[allow(clippy::type_complexity)]
pub fn validate(
    file: &str,
    text: &str,
    territory: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(ProgrammeFile, Option<TerritoryCommunesFile>)>, String> {
    validate_document(Some(file), text, territory).map_err(|e| e.render(file))
}

/// [`validate`], its problem kept whole. `file`: the file's path when its name must
/// match the programme's id (the built-in files); `None` for a file given at run time,
/// whose id then needs only to be one a file name could carry.
#[allow(clippy::type_complexity)]
pub fn validate_document(
    file: Option<&str>,
    text: &str,
    territory: impl Fn(&str) -> Option<String>,
) -> Result<Vec<(ProgrammeFile, Option<TerritoryCommunesFile>)>, FileError> {
    match versions(text) {
        Err((field, why)) => Err(FileError::new(&field, why)),
        Ok(None) => {
            let programme = serde_json::from_str(text).map_err(serde_error)?;
            let raw = serde_json::from_str::<serde_json::Value>(text).ok();
            Ok(vec![check(file, None, programme, raw, &territory)?])
        }
        Ok(Some(list)) => list
            .into_iter()
            .map(|version| {
                let from = version["valid_from"].as_str().unwrap_or("").to_string();
                let at = |mut e: FileError| {
                    e.version = Some(from.clone());
                    e
                };
                let programme =
                    serde_json::from_value(version.clone()).map_err(|e| at(serde_error(e)))?;
                check(file, Some(&from), programme, Some(version), &territory).map_err(at)
            })
            .collect(),
    }
}

/// The checks of one version of a programme file.
fn check(
    file: Option<&str>,
    version: Option<&str>,
    programme: ProgrammeFile,
    raw: Option<serde_json::Value>,
    territory: &impl Fn(&str) -> Option<String>,
) -> Result<(ProgrammeFile, Option<TerritoryCommunesFile>), FileError> {
    let err = |field: &str, why: String| {
        let mut e = FileError::new(field, why);
        e.version = version.map(String::from);
        Err(e)
    };
    if let Some(raw) = raw {
        if let Err((field, why)) = cites_by_title(&raw, "") {
            return err(&field, why);
        }
    }
    for (field, value) in [
        ("document.title", &programme.document.title),
        ("document.short", &programme.document.short),
        ("document.date", &programme.document.date),
    ] {
        if value.trim().is_empty() {
            return err(field, "empty".into());
        }
    }
    if let Some(seed) = &programme.document.seed {
        if !seed.ends_with(".txt") || seed.contains(['/', '\\']) || seed.starts_with('.') {
            return err("document.seed", "a text file name (NAME.txt)".into());
        }
    }
    match file {
        Some(file) => {
            let stem = file
                .rsplit('/')
                .next()
                .unwrap_or(file)
                .trim_end_matches(".json");
            if stem.split('@').next() != Some(programme.id.as_str()) {
                return err(
                    "id",
                    format!("\"{}\" does not match the file name", programme.id),
                );
            }
        }
        None => {
            let id = &programme.id;
            let fits = (1..=60).contains(&id.len())
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !fits {
                return err(
                    "id",
                    "1 to 60 characters: lower-case letters, digits, hyphens".into(),
                );
            }
        }
    }
    let from = parse_date(&programme.valid_from);
    let to = parse_date(&programme.valid_to);
    if from.is_none() {
        return err("valid_from", "not an existing YYYY-MM-DD date".into());
    }
    if to.is_none() {
        return err("valid_to", "not an existing YYYY-MM-DD date".into());
    }
    if to < from {
        return err("valid_to", "before valid_from".into());
    }
    if programme.rules.is_empty() {
        return err("rules", "no rule".into());
    }
    if programme.rules.len() > MAX_RULES {
        return err(
            "rules",
            format!(
                "{} rules; at most {MAX_RULES} rules per file",
                programme.rules.len()
            ),
        );
    }
    if let Err((field, why)) = validate_examples(&programme.examples) {
        return err(&field, why);
    }

    if let Err((field, why)) = validate_declared(&programme.facts) {
        return err(&field, why);
    }
    // A fact's type: the module's, or the file's declaration.
    let fact_type = |name: &str| {
        fact_type(name).or_else(|| {
            programme
                .facts
                .iter()
                .find(|f| f.id == name)
                .map(|f| f.kind.fact_type())
        })
    };
    let unknown_fact = |name: &str| {
        format!(
            "unknown fact \"{name}\": declare it in the file's facts, or use one of the module's"
        )
    };
    for (i, rule) in programme.rules.iter().enumerate() {
        let at = |field: &str| format!("rules[{i}].{field}");
        if rule_id(&rule.id, RULE_IDS).is_none() {
            return err(
                &at("id"),
                format!("unknown rule identifier \"{}\"", rule.id),
            );
        }
        if rule.source.trim().is_empty() {
            return err(&at("source"), "every rule cites its source".into());
        }
        match &rule.kind {
            RuleKindFile::Residence {} => {}
            RuleKindFile::Age {
                min,
                max,
                derogation,
            } => {
                if min.is_none() && max.is_none() {
                    return err(&at("min"), "an age rule needs min or max".into());
                }
                if let (Some(a), Some(b)) = (min, max) {
                    if a > b {
                        return err(&at("max"), "below min".into());
                    }
                }
                if let Some(d) = derogation {
                    if min.is_none() {
                        return err(
                            &at("derogation"),
                            "a derogation applies under min: min is missing".into(),
                        );
                    }
                    if rule_id(&d.id, &[RuleId::EntDerogation]).is_none() {
                        return err(
                            &at("derogation.id"),
                            format!("unknown rule identifier \"{}\"", d.id),
                        );
                    }
                    if d.routes.is_empty() && d.signed_by.trim().is_empty() {
                        return err(&at("derogation.routes"), "no route and no signatory".into());
                    }
                    for r in &d.routes {
                        if fact_type(r).is_none() {
                            return err(&at("derogation.routes"), unknown_fact(r));
                        }
                        if fact_type(r) != Some(FactType::Bool) {
                            return err(
                                &at("derogation.routes"),
                                format!("\"{r}\" is not a yes/no fact"),
                            );
                        }
                    }
                }
            }
            RuleKindFile::AllOf { facts, conditions } => {
                if facts.is_empty() && conditions.is_empty() {
                    return err(&at("facts"), "empty".into());
                }
                for f in facts {
                    if fact_type(f).is_none() {
                        return err(&at("facts"), unknown_fact(f));
                    }
                    if fact_type(f) != Some(FactType::Bool) {
                        return err(&at("facts"), format!("\"{f}\" is not a yes/no fact"));
                    }
                }
                for (j, c) in conditions.iter().enumerate() {
                    let at = at(&format!("conditions[{j}]"));
                    if c.since.is_some() || c.more_than_months.is_some() {
                        return err(&at, "since and more_than_months only in any_of".into());
                    }
                    if let Err((field, why)) = check_condition(c, &fact_type, &programme.facts) {
                        return err(&format!("{at}{field}"), why);
                    }
                    if c.fact.is_none() {
                        return err(&at, "a condition of all_of reads a fact".into());
                    }
                }
            }
            RuleKindFile::AnyOf { conditions } => {
                if conditions.is_empty() {
                    return err(&at("conditions"), "empty".into());
                }
                for (j, c) in conditions.iter().enumerate() {
                    if let Err((field, why)) = check_condition(c, &fact_type, &programme.facts) {
                        return err(&at(&format!("conditions[{j}]{field}")), why);
                    }
                    match &c.fact {
                        None if c.since.is_none() => {
                            return err(
                                &at(&format!("conditions[{j}]")),
                                "a condition needs a fact, a date fact (since), or both".into(),
                            );
                        }
                        _ => {}
                    }
                    match (&c.since, c.more_than_months) {
                        (None, None) => {}
                        (Some(s), Some(_)) if fact_type(s) == Some(FactType::Date) => {}
                        (Some(s), Some(_)) if fact_type(s).is_none() => {
                            return err(&at(&format!("conditions[{j}].since")), unknown_fact(s))
                        }
                        (Some(s), Some(_)) => {
                            return err(
                                &at(&format!("conditions[{j}].since")),
                                format!("\"{s}\" is not a date fact"),
                            )
                        }
                        (Some(_), None) => {
                            return err(
                                &at(&format!("conditions[{j}].more_than_months")),
                                "missing threshold".into(),
                            )
                        }
                        (None, Some(_)) => {
                            return err(
                                &at(&format!("conditions[{j}].since")),
                                "a threshold needs its date fact".into(),
                            )
                        }
                    }
                }
            }
            RuleKindFile::IaeProofs {} => {
                if programme.criteria.is_empty() {
                    return err(&at("kind"), "iae_proofs needs the file's criteria".into());
                }
            }
            RuleKindFile::IaeExclusive { pairs } => {
                for (j, p) in pairs.iter().enumerate() {
                    for id in p.pair.iter().chain(p.keep.iter()) {
                        if !programme.criteria.iter().any(|c| &c.id == id) {
                            return err(
                                &at(&format!("pairs[{j}]")),
                                format!("unknown criterion \"{id}\""),
                            );
                        }
                    }
                    if p.keep.as_ref().is_some_and(|k| !p.pair.contains(k)) {
                        return err(
                            &at(&format!("pairs[{j}].keep")),
                            "not one of the pair".into(),
                        );
                    }
                }
            }
            RuleKindFile::IaeThreshold { level_2 } => {
                if level_2.is_empty() {
                    return err(&at("level_2"), "missing threshold".into());
                }
                if let Some((kind, _)) = level_2.iter().find(|(_, n)| **n == 0) {
                    return err(
                        &at(&format!("level_2.{kind}")),
                        "a threshold of 0 criteria".into(),
                    );
                }
            }
            RuleKindFile::IaeValidity {
                prescriber,
                employer,
            } => {
                for (name, d) in [("prescriber", prescriber), ("employer", employer)] {
                    match (d.months, d.days) {
                        (Some(n), None) | (None, Some(n)) if n > 0 => {}
                        _ => return err(&at(name), "give months or days, above 0".into()),
                    }
                }
            }
            RuleKindFile::Priority { publics } => {
                for p in publics {
                    // Any yes/no fact may be a priority public too (the module's, declared).
                    let yes_no = fact_type(p) == Some(FactType::Bool);
                    if !PUBLICS.contains(&p.as_str()) && !yes_no {
                        return err(&at("publics"), format!("unknown public \"{p}\""));
                    }
                }
            }
        }
    }
    for (i, f) in programme.facts.iter().enumerate() {
        if !reads(&programme.rules, &f.id) {
            return err(
                &format!("facts[{i}].id"),
                format!("\"{}\" is declared but no rule reads it", f.id),
            );
        }
    }
    for (i, c) in programme.criteria.iter().enumerate() {
        if c.level != 1 && c.level != 2 {
            return err(&format!("criteria[{i}].level"), "1 or 2".into());
        }
        if programme.criteria.iter().take(i).any(|d| d.id == c.id) {
            return err(
                &format!("criteria[{i}].id"),
                format!("\"{}\" appears twice", c.id),
            );
        }
    }
    if let Some(r) = programme
        .capacity
        .as_ref()
        .and_then(|c| c.annual_renewal.as_ref())
    {
        if r.rate == 0 || r.rate > 100 {
            return err(
                "capacity.annual_renewal.rate",
                "a percentage from 1 to 100".into(),
            );
        }
        if r.source.trim().is_empty() {
            return err(
                "capacity.annual_renewal.source",
                "cite the target's source".into(),
            );
        }
    }
    if let Some(procedure) = &programme.procedure {
        if procedure.steps.is_empty() {
            return err("procedure.steps", "empty".into());
        }
        for step in &procedure.steps {
            if !PROCEDURE_STEPS.contains(&step.as_str()) {
                return err("procedure.steps", format!("unknown step \"{step}\""));
            }
        }
        if let Some(a) = &procedure.alternative {
            if a.trim().is_empty() {
                return err("procedure.alternative", "cite the rule's source".into());
            }
            if !procedure.steps.iter().any(|s| s == "committee_decision") {
                return err(
                    "procedure.alternative",
                    "only with the committee_decision step".into(),
                );
            }
        }
        let interviews = procedure.steps.iter().any(|s| s == "interviews");
        match procedure.min_interviews {
            Some(0) => return err("procedure.min_interviews", "above 0".into()),
            None if interviews => {
                return err(
                    "procedure.min_interviews",
                    "the interviews step needs how many interviews".into(),
                )
            }
            Some(_) if !interviews => {
                return err(
                    "procedure.min_interviews",
                    "only with the interviews step".into(),
                )
            }
            _ => {}
        }
        if procedure
            .proofs
            .iter()
            .any(|p| p.is_empty() || p.len() > 40)
        {
            return err(
                "procedure.proofs",
                "a proof name must have 1 to 40 characters".into(),
            );
        }
    }
    if let Some(exits) = &programme.exits {
        if let Err((field, why)) = validate_exits(exits) {
            return err(&format!("exits.{field}"), why);
        }
    }
    if let Some(follow_up) = &programme.follow_up {
        if let Err((field, why)) = validate_follow_up(follow_up) {
            return err(&format!("follow_up.{field}"), why);
        }
    }
    let communes = match &programme.territory {
        TerritoryFile::National => None,
        TerritoryFile::Departements(list) => {
            if list.is_empty() {
                return err("territory.departements", "empty".into());
            }
            if let Some((i, code)) = list.iter().enumerate().find(|(_, c)| !departement(c)) {
                return err(
                    &format!("territory.departements[{i}]"),
                    format!("unknown département code \"{code}\""),
                );
            }
            None
        }
        TerritoryFile::Communes(name) => {
            let Some(text) = territory(name) else {
                return err(
                    "territory.communes",
                    format!("no territory file \"{name}\""),
                );
            };
            match serde_json::from_str::<TerritoryCommunesFile>(&text) {
                Ok(t) if !t.communes.is_empty() => Some(t),
                Ok(_) => return err("territory.communes", format!("\"{name}\" lists no commune")),
                Err(e) => {
                    return err(
                        "territory.communes",
                        format!("\"{name}\" is malformed: {e}"),
                    )
                }
            }
        }
    };
    Ok((programme, communes))
}

/// Whether a fact id (or a choice value) is well formed: 1 to 40 characters, lower-case
/// letters, digits and underscores, starting with a letter.
fn fact_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The label's French text is there, and no text is longer than a label should be.
fn check_label(label: &LabelFile, at: &str) -> Result<(), (String, String)> {
    if label.fr.trim().is_empty() {
        return Err((format!("{at}.fr"), "the French label is missing".into()));
    }
    for text in core::iter::once(&label.fr).chain(label.en.iter()) {
        if text.chars().count() > 300 {
            return Err((at.into(), "a label of at most 300 characters".into()));
        }
    }
    Ok(())
}

/// The facts a file declares: well-formed ids, once each, none of the module's; a
/// choice has its values (each once), the other kinds have none; French labels.
fn validate_declared(facts: &[FactFile]) -> Result<(), (String, String)> {
    if facts.len() > MAX_DECLARED_FACTS {
        return Err((
            "facts".into(),
            format!(
                "{} facts declared; at most {MAX_DECLARED_FACTS}",
                facts.len()
            ),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, f) in facts.iter().enumerate() {
        let at = |x: &str| format!("facts[{i}].{x}");
        if !fact_id(&f.id) {
            return Err((
                at("id"),
                "1 to 40 characters: lower-case letters, digits, underscores, starting with a letter"
                    .into(),
            ));
        }
        if fact_type(&f.id).is_some() {
            return Err((
                at("id"),
                format!(
                    "\"{}\" is one of the module's facts: use it without declaring it",
                    f.id
                ),
            ));
        }
        if !seen.insert(f.id.as_str()) {
            return Err((at("id"), format!("\"{}\" is declared twice", f.id)));
        }
        check_label(&f.label, &at("label"))?;
        if let Some(help) = &f.help {
            check_label(help, &at("help"))?;
        }
        match (f.kind, f.values.len()) {
            (FactKindFile::Choice, 0) => {
                return Err((at("values"), "a choice fact lists its values".into()))
            }
            (FactKindFile::Choice, n) if n > MAX_CHOICE_VALUES => {
                return Err((
                    at("values"),
                    format!("{n} values; at most {MAX_CHOICE_VALUES}"),
                ))
            }
            (FactKindFile::Choice, _) => {}
            (_, 0) => {}
            _ => return Err((at("values"), "values only for a choice fact".into())),
        }
        let mut values = std::collections::BTreeSet::new();
        for (j, v) in f.values.iter().enumerate() {
            if !fact_id(&v.id) {
                return Err((
                    at(&format!("values[{j}].id")),
                    "1 to 40 characters: lower-case letters, digits, underscores, starting with a letter"
                        .into(),
                ));
            }
            if !values.insert(v.id.as_str()) {
                return Err((
                    at(&format!("values[{j}].id")),
                    format!("\"{}\" appears twice", v.id),
                ));
            }
            check_label(&v.label, &at(&format!("values[{j}].label")))?;
        }
    }
    Ok(())
}

/// What a condition tests fits its fact's kind: `is` a yes/no fact, `in` a choice's
/// values. The field at fault is returned after a dot.
fn check_condition(
    c: &ConditionFile,
    fact_type: &impl Fn(&str) -> Option<FactType>,
    declared: &[FactFile],
) -> Result<(), (String, String)> {
    let Some(f) = &c.fact else {
        if c.is.is_some() || c.one_of.is_some() {
            return Err((".fact".into(), "a value to test needs its fact".into()));
        }
        return Ok(());
    };
    let Some(kind) = fact_type(f) else {
        return Err((
            ".fact".into(),
            format!(
                "unknown fact \"{f}\": declare it in the file's facts, or use one of the module's"
            ),
        ));
    };
    match &c.one_of {
        Some(_) if c.is.is_some() => Err((".in".into(), "in, or is, not both".into())),
        Some(list) => {
            if kind != FactType::Choice {
                return Err((".in".into(), format!("\"{f}\" is not a choice fact")));
            }
            if list.is_empty() {
                return Err((".in".into(), "empty".into()));
            }
            let values = &declared
                .iter()
                .find(|d| d.id == *f)
                .map_or(&[][..], |d| &d.values[..]);
            match list
                .iter()
                .enumerate()
                .find(|(_, v)| !values.iter().any(|x| x.id == **v))
            {
                Some((k, v)) => Err((
                    format!(".in[{k}]"),
                    format!("\"{v}\" is not one of the values of \"{f}\""),
                )),
                None => Ok(()),
            }
        }
        None if kind != FactType::Bool => {
            Err((".fact".into(), format!("\"{f}\" is not a yes/no fact")))
        }
        None => Ok(()),
    }
}

/// Whether a rule of `rules` reads the fact `id` (as a fact, a date, a route, a public).
fn reads(rules: &[RuleFile], id: &str) -> bool {
    let condition =
        |c: &ConditionFile| c.fact.as_deref() == Some(id) || c.since.as_deref() == Some(id);
    rules.iter().any(|r| match &r.kind {
        RuleKindFile::Age {
            derogation: Some(d),
            ..
        } => d.routes.iter().any(|x| x == id),
        RuleKindFile::AllOf { facts, conditions } => {
            facts.iter().any(|x| x == id) || conditions.iter().any(condition)
        }
        RuleKindFile::AnyOf { conditions } => conditions.iter().any(condition),
        RuleKindFile::Priority { publics } => publics.iter().any(|x| x == id),
        _ => false,
    })
}

/// Whether `code` is a département's official code: 01 to 95 (2A and 2B for Corsica,
/// no 20), or 971 to 976 overseas.
fn departement(code: &str) -> bool {
    match code.len() {
        2 => {
            code == "2A"
                || code == "2B"
                || code
                    .parse::<u32>()
                    .is_ok_and(|n| (1..=95).contains(&n) && n != 20)
        }
        3 => code.parse::<u32>().is_ok_and(|n| (971..=976).contains(&n)),
        _ => false,
    }
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The line and column (from 1; the column in characters) where the value at `path`
/// (`rules[2].facts`) starts in `text`, or the deepest part of it that exists. Never
/// fails: on malformed text it stops where it can go no further.
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty() && *k != "(file)") {
            steps.push(Step::Key(key));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                steps.push(Step::Index(i));
            }
        }
    }
    let b = text.as_bytes();
    let mut pos = ws(b, 0);
    'steps: for step in steps {
        let open = b.get(pos).copied();
        match (open, step) {
            (Some(b'{'), Step::Key(key)) => {
                let mut at = ws(b, pos + 1);
                while b.get(at) == Some(&b'"') {
                    let end = skip(b, at);
                    let name = text.get(at + 1..end.saturating_sub(1)).unwrap_or("");
                    at = ws(b, end);
                    if b.get(at) != Some(&b':') {
                        break 'steps;
                    }
                    at = ws(b, at + 1);
                    if name == key {
                        pos = at;
                        continue 'steps;
                    }
                    at = ws(b, skip(b, at));
                    if b.get(at) != Some(&b',') {
                        break 'steps;
                    }
                    at = ws(b, at + 1);
                }
                break;
            }
            (Some(b'['), Step::Index(i)) => {
                let mut at = ws(b, pos + 1);
                for _ in 0..i {
                    at = ws(b, skip(b, at));
                    if b.get(at) != Some(&b',') {
                        break 'steps;
                    }
                    at = ws(b, at + 1);
                }
                pos = at;
            }
            _ => break,
        }
    }
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

fn ws(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

/// Past the value starting at `at` (a string, a container, or a scalar).
fn skip(b: &[u8], mut at: usize) -> usize {
    let mut depth = 0usize;
    loop {
        match b.get(at) {
            None => return at,
            Some(b'"') => {
                at += 1;
                while let Some(&c) = b.get(at) {
                    at += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
                if depth == 0 {
                    return at;
                }
                continue;
            }
            Some(b'{' | b'[') => depth += 1,
            Some(b'}' | b']') if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return at + 1;
                }
            }
            Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') if depth == 0 => return at,
            _ => {}
        }
        at += 1;
    }
}

/// Every text of a programme file names documents by their titles: no file number (a
/// word of three digits starting with 0), and no file of the project either (a référent
/// reads these texts). `document.seed`, the name of the text the quote test reads, is
/// the one exception.
fn cites_by_title(value: &serde_json::Value, path: &str) -> Result<(), (String, String)> {
    match value {
        serde_json::Value::String(s) if path != "document.seed" => {
            let number = s
                .split(|c: char| !c.is_ascii_digit())
                .find(|w| w.len() == 3 && w.starts_with('0'));
            if s.contains("docs/") || s.contains(".md") {
                return Err((
                    path.into(),
                    "a référent reads this text: it names no file of the project".into(),
                ));
            }
            if let Some(n) = number {
                return Err((
                    path.into(),
                    format!("name the document by its title and section, not by a file number (\"{n}\")"),
                ));
            }
            Ok(())
        }
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| cites_by_title(v, &format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            let at = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            cites_by_title(v, &at)
        }),
        _ => Ok(()),
    }
}

/// Checks that no two versions of a programme are in force on the same day.
pub fn check_versions(programmes: &[(String, ProgrammeFile)]) -> Result<(), String> {
    let mut by_id: BTreeMap<&str, Vec<(&str, &ProgrammeFile)>> = BTreeMap::new();
    for (file, p) in programmes {
        by_id.entry(&p.id).or_default().push((file, p));
    }
    for versions in by_id.values() {
        for (i, (fa, a)) in versions.iter().enumerate() {
            for (fb, b) in versions.iter().skip(i + 1) {
                let overlap = parse_date(&a.valid_from) <= parse_date(&b.valid_to)
                    && parse_date(&b.valid_from) <= parse_date(&a.valid_to);
                if overlap {
                    return Err(format!(
                        "{fb}: valid_from: overlaps the validity dates of {fa}"
                    ));
                }
            }
        }
    }
    Ok(())
}

fn known(list: &[String], allowed: &[&str], field: &str) -> Result<(), (String, String)> {
    match list.iter().find(|v| !allowed.contains(&v.as_str())) {
        Some(v) => Err((field.into(), format!("unknown value \"{v}\""))),
        None => Ok(()),
    }
}

fn validate_exits(exits: &ExitsFile) -> Result<(), (String, String)> {
    if exits.source.trim().is_empty() {
        return Err(("source".into(), "the exit rules cite their source".into()));
    }
    if let Some(m) = &exits.month_end {
        known(
            core::slice::from_ref(m),
            &["last_day", "next_day"],
            "month_end",
        )?;
    }
    if exits.routes.is_empty() {
        return Err(("routes".into(), "no route".into()));
    }
    for (i, r) in exits.routes.iter().enumerate() {
        let at = |f: &str| format!("routes[{i}].{f}");
        if rule_id(&r.id, EXIT_RULE_IDS).is_none() {
            return Err((at("id"), format!("unknown rule identifier \"{}\"", r.id)));
        }
        if r.source.trim().is_empty() {
            return Err((at("source"), "every rule cites its source".into()));
        }
        known(
            core::slice::from_ref(&r.positive_kind),
            POSITIVE_KINDS,
            &at("positive_kind"),
        )?;
        match &r.kind {
            RouteKindFile::Contract {
                contract_types,
                except,
                ..
            } => {
                known(contract_types, CONTRACT_TYPES, &at("contract_types"))?;
                known(except, CONTRACT_TYPES, &at("except"))?;
            }
            RouteKindFile::Interim {
                min_hours,
                window_months,
                straddling,
            } => {
                if *min_hours == 0 || *window_months == 0 {
                    return Err((at("min_hours"), "hours and window above 0".into()));
                }
                if let Some(s) = straddling {
                    known(
                        core::slice::from_ref(s),
                        &["exclude", "prorate"],
                        &at("straddling"),
                    )?;
                }
            }
            RouteKindFile::Aided { contract_types, .. } => {
                if contract_types.is_empty() {
                    return Err((at("contract_types"), "empty".into()));
                }
                known(contract_types, CONTRACT_TYPES, &at("contract_types"))?;
            }
            RouteKindFile::Training { certifications } => {
                known(certifications, CERTIFICATIONS, &at("certifications"))?;
            }
            RouteKindFile::Business { more_than_months } => {
                if *more_than_months == 0 {
                    return Err((at("more_than_months"), "above 0".into()));
                }
            }
        }
    }
    if let Some(p) = &exits.proof {
        if rule_id(&p.id, &[RuleId::ExitProofAtDate]).is_none() {
            return Err((
                "proof.id".into(),
                format!("unknown rule identifier \"{}\"", p.id),
            ));
        }
        if p.source.trim().is_empty() {
            return Err(("proof.source".into(), "every rule cites its source".into()));
        }
    }
    for (i, t) in exits.targets.iter().enumerate() {
        // Among the positive exits of a kind, a contract type's share; otherwise a
        // share of all or of positive exits.
        let of_kind = t
            .share_of
            .as_deref()
            .is_some_and(|s| POSITIVE_KINDS.contains(&s));
        let known_measure = if of_kind {
            CONTRACT_TYPES.contains(&t.measure.as_str())
        } else {
            t.measure == "positive" || POSITIVE_KINDS.contains(&t.measure.as_str())
        };
        if !known_measure {
            let expected = if of_kind {
                "a contract type, among the exits of a kind"
            } else {
                "positive or a positive kind"
            };
            return Err((
                format!("targets[{i}].measure"),
                format!("unknown measure \"{}\" ({expected})", t.measure),
            ));
        }
        if t.rate == 0 || t.rate > 100 {
            return Err((
                format!("targets[{i}].rate"),
                "a percentage from 1 to 100".into(),
            ));
        }
        if let Some(s) = &t.share_of {
            if !POSITIVE_KINDS.contains(&s.as_str()) {
                known(
                    core::slice::from_ref(s),
                    &["exits", "positive_exits"],
                    &format!("targets[{i}].share_of"),
                )?;
            }
        }
    }
    Ok(())
}

fn validate_follow_up(f: &FollowUpFile) -> Result<(), (String, String)> {
    if f.source.trim().is_empty() {
        return Err((
            "source".into(),
            "the follow-up rules cite their source".into(),
        ));
    }
    for (i, r) in f.rules.iter().enumerate() {
        let at = |x: &str| format!("rules[{i}].{x}");
        if rule_id(&r.id, FOLLOW_UP_RULE_IDS).is_none() {
            return Err((at("id"), format!("unknown rule identifier \"{}\"", r.id)));
        }
        if r.source.trim().is_empty() {
            return Err((at("source"), "every rule cites its source".into()));
        }
        match &r.kind {
            FollowUpKindFile::MonthlyInterview { exempt } => {
                known(exempt, STEP_KINDS, &at("exempt"))?
            }
            FollowUpKindFile::ContactGap { months: 0 }
            | FollowUpKindFile::Steps { min: 0 }
            | FollowUpKindFile::InJob { months: 0, .. } => {
                return Err((at("kind"), "a threshold of 0".into()))
            }
            FollowUpKindFile::CrePlacement {
                feedback_days,
                call_days,
            } if *feedback_days == 0 || *call_days == 0 => {
                return Err((at("kind"), "a threshold of 0".into()))
            }
            FollowUpKindFile::InJob {
                triggers,
                training_until,
                ..
            } => {
                known(triggers, IN_JOB_TRIGGERS, &at("triggers"))?;
                if let Some((j, t)) = triggers
                    .iter()
                    .enumerate()
                    .find(|(j, t)| triggers[..*j].contains(t))
                {
                    return Err((
                        format!("rules[{i}].triggers[{j}]"),
                        format!("\"{t}\" appears twice"),
                    ));
                }
                if let Some(u) = training_until {
                    known(
                        core::slice::from_ref(u),
                        &["months", "training_end"],
                        &at("training_until"),
                    )?;
                    if !triggers.iter().any(|t| t.contains("training")) {
                        return Err((
                            at("training_until"),
                            "no training trigger to apply it to".into(),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}
