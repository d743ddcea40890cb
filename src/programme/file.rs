//! The programme model: the types a programme file (`programmes/*.json`, or a portal's
//! file given at run time) is read into, and the checks it must pass. Written once:
//! the engine evaluates these very types.
//!
//! This file is compiled twice: by `build.rs`, which refuses a malformed built-in file
//! at build time (naming the file and the field), and in the crate, where the built-in
//! files (embedded as JSON text) are read at first use and a portal's files when it
//! registers them, through the same [`validate`]. It uses only `serde`, `serde_json`
//! and `serde_path_to_error`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::finding::RuleId;

/// A programme file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
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
    pub document: Document,
    pub territory: Territory,
    /// The IAE eligibility criteria, for programmes whose rules count them.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub capacity: Option<Capacity>,
    /// ENT-PROCEDURE: the steps of entry, in order, and the proofs the file holds.
    #[serde(default)]
    pub procedure: Option<Procedure>,
    /// EXIT-*: what makes an exit positive, the proof rule, the targets.
    #[serde(default)]
    pub exits: Option<Exits>,
    /// FU-*: the follow-up obligations.
    #[serde(default)]
    pub follow_up: Option<FollowUpRules>,
    /// `valid_from` and `valid_to` as (year, month, day), set by [`validate`].
    #[serde(skip)]
    pub dates: [(i32, u32, u32); 2],
}

/// The document a programme's rules come from. Every `source` of the file names it by
/// its title or `short` name and section, never by a file number; a passage quoted
/// between « » appears word for word in it (tests/sources.rs checks each quote against
/// the text `seed`, when the folder of source texts sits next to the repository).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
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
pub struct Exits {
    pub source: String,
    /// How "N months after 31 August" ends in a shorter month: `last_day` (28 or 29
    /// February, the French civil-procedure rule, default) or `next_day` (1 March).
    #[serde(default)]
    pub month_end: Option<String>,
    pub routes: Vec<Route>,
    #[serde(default)]
    pub proof: Option<ExitProof>,
    #[serde(default)]
    pub targets: Vec<Target>,
    /// EXIT-COMMITTEE: the source of the rule that exits go to a follow-up committee.
    #[serde(default)]
    pub committee: Option<String>,
}

impl Exits {
    /// Whether 31 August + 6 months is 1 March (`next_day`) rather than 28/29 February.
    pub fn month_end_next_day(&self) -> bool {
        self.month_end.as_deref() == Some("next_day")
    }
}

/// One way an exit is positive.
#[derive(Debug, Deserialize)]
pub struct Route {
    pub id: RuleId,
    pub source: String,
    /// What the exit counts as (POSITIVE_KINDS).
    pub positive_kind: String,
    #[serde(flatten)]
    pub kind: RouteKind,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RouteKind {
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
pub struct ExitProof {
    pub id: RuleId,
    pub max_age_days: u32,
    pub source: String,
}

/// A target rate, in percent of all exits, of positive exits, or of the positive exits
/// of one kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// `positive`, a positive kind, or a contract type (counted among the positive
    /// exits of the kind `share_of` names).
    pub measure: String,
    pub rate: u32,
    /// `exits` (default), `positive_exits`, or a positive kind (for a contract type).
    #[serde(default)]
    pub share_of: Option<String>,
    pub source: String,
}

impl Target {
    /// `exits`, `positive_exits`, or a positive kind.
    pub fn share_of(&self) -> &str {
        self.share_of.as_deref().unwrap_or("exits")
    }
}

/// Follow-up obligations (FU-*).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRules {
    pub source: String,
    pub rules: Vec<FollowUpRule>,
}

#[derive(Debug, Deserialize)]
pub struct FollowUpRule {
    pub id: RuleId,
    pub source: String,
    #[serde(flatten)]
    pub kind: FollowUpKind,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum FollowUpKind {
    /// A physical interview at least every month, the time spent in a step of one of
    /// `exempt` kinds not counted.
    MonthlyInterview { exempt: Vec<String> },
    /// Never `months` months or more without a contact.
    ContactGap { months: u32 },
    /// At least `min` parcours steps before the exit.
    Steps { min: u32 },
    /// An unjustified absence: a letter the week of the absence, a call the week after.
    AbsenceReminders,
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
pub struct Procedure {
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
pub enum Territory {
    /// The whole country: no residence rule.
    National,
    /// A generated file of communes (programmes/territories/ID.json), by its name.
    Communes(CommunesRef),
    /// Whole départements (codes such as "14", "2A", "974").
    Departements(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    pub portfolio_per_full_time: u32,
    pub source: String,
    /// ENT-CAPACITY: the share of a référent's portfolio to renew each year.
    #[serde(default)]
    pub annual_renewal: Option<Renewal>,
}

/// A yearly renewal target of the portfolios, in percent, with its source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    pub rate: u32,
    pub source: String,
}

/// One rule: its identifier (docs/rules.md), its kind and parameters, its source.
/// (Unknown fields are refused by the kind, which receives every field but these.)
#[derive(Debug, Deserialize)]
pub struct Rule {
    pub id: RuleId,
    pub source: String,
    #[serde(flatten)]
    pub kind: RuleKind,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKind {
    /// Domiciled in the territory.
    Residence,
    /// Aged `min` or more and/or `max` or less on the decision date; under `min`, a
    /// derogation may apply.
    Age {
        min: Option<u32>,
        max: Option<u32>,
        derogation: Option<Derogation>,
    },
    /// Every fact listed is true.
    AllOf { facts: Vec<String> },
    /// At least one condition holds.
    AnyOf { conditions: Vec<Condition> },
    /// Priority publics: recorded in the explanation, never decisive.
    Priority { publics: Vec<String> },
    /// IAE-PROOF — each criterion claimed is counted only with a proof recent enough
    /// (or valid) on the hiring date.
    IaeProofs,
    /// IAE-EXCLUSIVE — pairs of criteria a person cannot both meet; `keep` names the
    /// one counted when both are claimed (none when absent).
    IaeExclusive { pairs: Vec<ExclusivePair> },
    /// IAE-THRESHOLD — a diagnosis by the employing structure needs one level-1
    /// criterion or this many level-2 criteria, by structure kind; an authorised
    /// prescriber's needs none.
    IaeThreshold { level_2: BTreeMap<String, u32> },
    /// IAE-VALIDITY — how long a diagnosis stays valid, by who made it.
    IaeValidity {
        prescriber: Duration,
        employer: Duration,
    },
}

/// A duration in calendar months or in days, written `{ "months": 6 }` or
/// `{ "days": 92 }` (exactly one, above 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "DurationFile")]
pub enum Duration {
    Months(u32),
    Days(u32),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DurationFile {
    months: Option<u32>,
    days: Option<u32>,
}

impl TryFrom<DurationFile> for Duration {
    type Error = &'static str;
    fn try_from(d: DurationFile) -> Result<Self, Self::Error> {
        match (d.months, d.days) {
            (Some(n), None) if n > 0 => Ok(Duration::Months(n)),
            (None, Some(n)) if n > 0 => Ok(Duration::Days(n)),
            _ => Err("give months or days, above 0"),
        }
    }
}

/// An IAE eligibility criterion.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    /// 1 or 2.
    pub level: u32,
    pub proof: Proof,
    /// For age criteria: bounds checked against the birth date on the hiring date.
    pub min_age: Option<u32>,
    pub max_age: Option<u32>,
}

/// How recent a criterion's proof must be on the hiring date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum Proof {
    /// Dated at most this many months before hiring (the claim gives the proof's date).
    RecentMonths(u32),
    /// Valid on the hiring date (the claim gives the end of validity).
    ValidAtHiring,
    /// An identity document: no date rule (the claim is `true`).
    Identity,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusivePair {
    pub pair: [String; 2],
    pub keep: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Derogation {
    /// The rule identifier of the derogation (ENT-DEROGATION).
    pub id: RuleId,
    /// Facts any of which opens the derogation (clause_sociale, tos).
    pub routes: Vec<String>,
    /// Who must sign it off.
    pub signed_by: String,
    pub source: String,
}

/// A condition of an `any_of` rule: a yes/no `fact` that holds (for more than
/// `more_than_months` months counted from the date fact `since`, when given), or, with
/// no `fact`, a date fact `since` more than `more_than_months` months before the
/// decision date (a last interview, computed, never asked as yes/no).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default)]
    pub fact: Option<String>,
    /// The fact has held for more than this many months on the decision date,
    /// counted from the date fact `since`.
    pub since: Option<String>,
    pub more_than_months: Option<u32>,
}

impl Condition {
    /// The date fact and the months that must have passed since it, when given.
    pub fn since(&self) -> Option<(&str, u32)> {
        Some((self.since.as_deref()?, self.more_than_months?))
    }
}

impl Territory {
    /// The communes' table, for a territory of communes.
    pub fn table(&self) -> Option<&Table> {
        match self {
            Territory::Communes(r) => r.table.as_ref(),
            Territory::National | Territory::Departements(_) => None,
        }
    }
}

/// A territory of communes named by a programme file; [`validate`] resolves the name
/// into its table.
#[derive(Debug, Deserialize)]
#[serde(from = "String")]
pub struct CommunesRef {
    pub name: String,
    pub table: Option<Table>,
}

impl From<String> for CommunesRef {
    fn from(name: String) -> Self {
        CommunesRef { name, table: None }
    }
}

/// A territory's communes, from the official geographic code of `vintage`, and the
/// communes outside that share one of their postal codes.
#[derive(Debug, Clone)]
pub struct Table {
    pub source: String,
    pub vintage: u32,
    pub communes: Communes,
    pub neighbours: Communes,
}

impl Table {
    /// The table of a generated territory file (scripts/territory.mjs).
    pub fn read(text: &str) -> Result<Table, String> {
        let tree = crate::input::parse_text(text, |_| None).ok_or("syntax error")?;
        Table::from_tree(&tree)
    }

    /// [`Table::read`] of a file already read into a tree.
    pub fn from_tree(tree: &crate::input::Json) -> Result<Table, String> {
        use super::read::FromJson;
        let t = TerritoryCommunesFile::from_json(tree, "").map_err(|e| e.message)?;
        if t.communes.is_empty() {
            return Err("lists no commune".into());
        }
        let table = |list: &[CommuneFile]| {
            let mut s = String::new();
            for c in list {
                s.push_str(&c.insee);
                s.push('\t');
                s.push_str(&c.name);
                s.push('\t');
                s.push_str(&c.postal_codes.join(","));
                s.push('\n');
            }
            Communes(s)
        };
        Ok(Table {
            source: t.source,
            vintage: t.vintage,
            communes: table(&t.communes),
            neighbours: table(&t.neighbours),
        })
    }
}

/// Communes as a text table, a line per commune: INSEE code, name, postal codes
/// (comma-separated), separated by tabs: far fewer allocations than a list of structs.
#[derive(Debug, Clone)]
pub struct Communes(pub String);

/// One commune of a [`Communes`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commune<'a> {
    pub insee: &'a str,
    pub name: &'a str,
    postal_codes: &'a str,
}

impl Commune<'_> {
    pub fn has_postal_code(&self, code: &str) -> bool {
        self.postal_codes.split(',').any(|p| p == code)
    }
}

impl Communes {
    pub fn iter(&self) -> impl Iterator<Item = Commune<'_>> {
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

/// A problem of a programme file: where it is (a JSON path such as `rules[2].facts`,
/// `(file)` for the whole file, and the line and column, from 1, where the value
/// starts) and what it is, in English (the faces translate it: [`Problem::message`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn at(text: &str, path: &str, message: String) -> Problem {
        let (line, column) = locate(text, path);
        Problem {
            path: path.into(),
            line,
            column,
            message,
        }
    }
}

impl core::fmt::Display for Problem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "{}: {} (line {}, column {})",
            self.path, self.message, self.line, self.column
        )
    }
}

/// The largest programme file read: a real one is some tens of KB.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Reads and checks one programme file into the model. `file` names it (its name
/// without `.json` or `@date` must be the programme's id; empty for a file given at
/// run time, which has no name); `territory` finds a territory table by its name.
pub fn validate(
    file: &str,
    text: &str,
    territory: impl Fn(&str) -> Option<Table>,
) -> Result<Programme, Problem> {
    read(file, text, territory, true)
}

/// [`validate`] without the citation check (sources named by title, which reads the
/// file a second time): for the built-in files, which build.rs has validated whole.
pub fn validate_built_in(
    file: &str,
    text: &str,
    territory: impl Fn(&str) -> Option<Table>,
) -> Result<Programme, Problem> {
    read(file, text, territory, false)
}

fn read(
    file: &str,
    text: &str,
    territory: impl Fn(&str) -> Option<Table>,
    check_citations: bool,
) -> Result<Programme, Problem> {
    let err = |field: &str, why: String| Err(Problem::at(text, field, why));
    if text.len() > MAX_FILE_BYTES {
        return Err(Problem {
            path: "(file)".into(),
            line: 1,
            column: 1,
            message: format!(
                "file too large ({} bytes; at most {MAX_FILE_BYTES})",
                text.len()
            ),
        });
    }
    if text.starts_with('\u{feff}') {
        return Err(Problem {
            path: "(file)".into(),
            line: 1,
            column: 1,
            message: "the file starts with a byte order mark (BOM): save it as UTF-8 without BOM"
                .into(),
        });
    }
    let start = text.trim_start();
    if !start.is_empty() && !start.starts_with('{') {
        return err(
            "(file)",
            "a programme file is one JSON object: { … }".into(),
        );
    }
    let Some(tree) = crate::input::parse_text(text, |_| None) else {
        return err("(file)", "not a valid programme file: syntax error".into());
    };
    read_tree(file, &tree, text, &territory, check_citations)
}

/// [`validate`] of a file already read into a tree (`text` locates its problems).
pub fn read_tree(
    file: &str,
    tree: &crate::input::Json,
    text: &str,
    territory: &dyn Fn(&str) -> Option<Table>,
    check_citations: bool,
) -> Result<Programme, Problem> {
    use super::read::FromJson;
    let err = |field: &str, why: String| Err(Problem::at(text, field, why));
    let mut programme = match Programme::from_json(tree, "") {
        Ok(p) => p,
        Err(e) => {
            return err(
                &e.path,
                format!("not a valid programme file: {}", e.message),
            )
        }
    };
    if check_citations {
        if let Err((field, why)) = cites_by_title(tree, "") {
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
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json");
    if programme.id.is_empty()
        || programme.id.len() > 60
        || !programme
            .id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
    {
        return err(
            "id",
            "1 to 60 characters: lower-case letters, digits, hyphens".into(),
        );
    }
    if !file.is_empty() && stem.split('@').next() != Some(programme.id.as_str()) {
        return err(
            "id",
            format!("\"{}\" does not match the file name", programme.id),
        );
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
    for (i, rule) in programme.rules.iter().enumerate() {
        let at = |field: &str| format!("rules[{i}].{field}");
        if !RULE_IDS.contains(&rule.id) {
            return err(
                &at("id"),
                format!("unknown rule identifier \"{}\"", rule.id.as_str()),
            );
        }
        if rule.source.trim().is_empty() {
            return err(&at("source"), "every rule cites its source".into());
        }
        match &rule.kind {
            RuleKind::Residence => {}
            RuleKind::Age {
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
                    if d.id != RuleId::EntDerogation {
                        return err(
                            &at("derogation.id"),
                            format!("unknown rule identifier \"{}\"", d.id.as_str()),
                        );
                    }
                    if d.routes.is_empty() && d.signed_by.trim().is_empty() {
                        return err(&at("derogation.routes"), "no route and no signatory".into());
                    }
                    for r in &d.routes {
                        if fact_type(r) != Some(FactType::Bool) {
                            return err(
                                &at("derogation.routes"),
                                format!("\"{r}\" is not a yes/no fact"),
                            );
                        }
                    }
                }
            }
            RuleKind::AllOf { facts } => {
                if facts.is_empty() {
                    return err(&at("facts"), "empty".into());
                }
                for f in facts {
                    if fact_type(f) != Some(FactType::Bool) {
                        return err(&at("facts"), format!("\"{f}\" is not a yes/no fact"));
                    }
                }
            }
            RuleKind::AnyOf { conditions } => {
                if conditions.is_empty() {
                    return err(&at("conditions"), "empty".into());
                }
                for (j, c) in conditions.iter().enumerate() {
                    match &c.fact {
                        Some(f) if fact_type(f) != Some(FactType::Bool) => {
                            return err(
                                &at(&format!("conditions[{j}].fact")),
                                format!("\"{f}\" is not a yes/no fact"),
                            );
                        }
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
            RuleKind::IaeProofs => {
                if programme.criteria.is_empty() {
                    return err(&at("kind"), "iae_proofs needs the file's criteria".into());
                }
            }
            RuleKind::IaeExclusive { pairs } => {
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
            RuleKind::IaeThreshold { level_2 } => {
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
            RuleKind::IaeValidity { .. } => {}
            RuleKind::Priority { publics } => {
                for p in publics {
                    if !PUBLICS.contains(&p.as_str()) {
                        return err(&at("publics"), format!("unknown public \"{p}\""));
                    }
                }
            }
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
    match &mut programme.territory {
        Territory::National => {}
        Territory::Departements(list) => {
            if list.is_empty() {
                return err("territory.departements", "empty".into());
            }
            if let Some((i, code)) = list.iter().enumerate().find(|(_, c)| !departement(c)) {
                return err(
                    &format!("territory.departements[{i}]"),
                    format!("unknown département code \"{code}\""),
                );
            }
        }
        Territory::Communes(r) => match territory(&r.name) {
            Some(table) => r.table = Some(table),
            None => {
                return err(
                    "territory.communes",
                    format!("no territory file \"{}\"", r.name),
                )
            }
        },
    }
    programme.dates = [from.unwrap_or_default(), to.unwrap_or_default()];
    Ok(programme)
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

/// The position after the value starting at `at` (strings and nesting followed).
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
fn cites_by_title(value: &crate::input::Json, path: &str) -> Result<(), (String, String)> {
    match value {
        crate::input::Json::String(s) if path != "document.seed" => {
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
        crate::input::Json::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| cites_by_title(v, &format!("{path}[{i}]"))),
        crate::input::Json::Object(map) => map.iter().try_for_each(|(k, v)| {
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
pub fn check_versions(programmes: &[(String, Programme)]) -> Result<(), String> {
    let mut by_id: BTreeMap<&str, Vec<(&str, &Programme)>> = BTreeMap::new();
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

fn validate_exits(exits: &Exits) -> Result<(), (String, String)> {
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
        if !EXIT_RULE_IDS.contains(&r.id) {
            return Err((
                at("id"),
                format!("unknown rule identifier \"{}\"", r.id.as_str()),
            ));
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
            RouteKind::Contract {
                contract_types,
                except,
                ..
            } => {
                known(contract_types, CONTRACT_TYPES, &at("contract_types"))?;
                known(except, CONTRACT_TYPES, &at("except"))?;
            }
            RouteKind::Interim {
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
            RouteKind::Aided { contract_types, .. } => {
                if contract_types.is_empty() {
                    return Err((at("contract_types"), "empty".into()));
                }
                known(contract_types, CONTRACT_TYPES, &at("contract_types"))?;
            }
            RouteKind::Training { certifications } => {
                known(certifications, CERTIFICATIONS, &at("certifications"))?;
            }
            RouteKind::Business { more_than_months } => {
                if *more_than_months == 0 {
                    return Err((at("more_than_months"), "above 0".into()));
                }
            }
        }
    }
    if let Some(p) = &exits.proof {
        if p.id != RuleId::ExitProofAtDate {
            return Err((
                "proof.id".into(),
                format!("unknown rule identifier \"{}\"", p.id.as_str()),
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

fn validate_follow_up(f: &FollowUpRules) -> Result<(), (String, String)> {
    if f.source.trim().is_empty() {
        return Err((
            "source".into(),
            "the follow-up rules cite their source".into(),
        ));
    }
    for (i, r) in f.rules.iter().enumerate() {
        let at = |x: &str| format!("rules[{i}].{x}");
        if !FOLLOW_UP_RULE_IDS.contains(&r.id) {
            return Err((
                at("id"),
                format!("unknown rule identifier \"{}\"", r.id.as_str()),
            ));
        }
        if r.source.trim().is_empty() {
            return Err((at("source"), "every rule cites its source".into()));
        }
        match &r.kind {
            FollowUpKind::MonthlyInterview { exempt } => known(exempt, STEP_KINDS, &at("exempt"))?,
            FollowUpKind::ContactGap { months: 0 }
            | FollowUpKind::Steps { min: 0 }
            | FollowUpKind::InJob { months: 0, .. } => {
                return Err((at("kind"), "a threshold of 0".into()))
            }
            FollowUpKind::CrePlacement {
                feedback_days,
                call_days,
            } if *feedback_days == 0 || *call_days == 0 => {
                return Err((at("kind"), "a threshold of 0".into()))
            }
            FollowUpKind::InJob {
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
