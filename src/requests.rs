//! The requests' shapes, as typed structs and enums: what each face receives, field by
//! field. The checks still read the request as a tree ([`crate::input::Json`]); these
//! types are what a typed reading will fill (serde derive), and today they are the
//! source of the package's TypeScript declarations (the `ts` feature derives
//! `ts_rs::TS`; crates/parcours-wasm/build.rs writes the declarations from them).
//!
//! Dates are text, `YYYY-MM-DD`: a date that does not exist is a finding of the
//! report, never a failure to read. Every date rule is relative to the request's own
//! date; there is no implicit today.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde::Deserialize;

use crate::input::Json;
use crate::questionnaire::Phase;

/// The value of a request's `check`, one type per check.
macro_rules! check_tag {
    ($( $(#[$doc:meta])* $name:ident = $value:literal; )*) => { $(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name {
            #[serde(rename = $value)]
            Tag,
        }
    )* };
}

check_tag! {
    /// `check` of a questionnaire request (the default).
    QuestionnaireCheck = "questionnaire";
    /// `check` of an eligibility request.
    EligibilityCheck = "eligibility";
    /// `check` of an entry file request.
    EntryFileCheck = "entry_file";
    /// `check` of an exit request.
    ExitCheck = "exit";
    /// `check` of a follow-up request.
    FollowUpCheck = "follow_up";
    /// `check` of a portfolio request.
    PortfolioCheck = "portfolio";
}

/// Language of messages and labels; French by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Locale"))]
#[serde(rename_all = "lowercase")]
pub enum LocaleName {
    Fr,
    En,
}

/// What a page shows instead of codes: rule identifier → title, IAE term → label.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Labels {
    pub rules: BTreeMap<String, String>,
    /// `iae_criteria.<id>`, `diagnosed_by.<who>`, `structure_kind.<kind>`.
    pub iae: BTreeMap<String, String>,
}

/// How a questionnaire is checked: which phase, against which date "today" is.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct FormSettings {
    /// entry (default), exit, or follow_up (six months after leaving).
    #[serde(default)]
    pub phase: Option<Phase>,
    /// YYYY-MM-DD: every date rule is relative to it; there is no implicit today.
    pub reference_date: String,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    /// Thresholds of the rules; docs/questionnaire.md says why each default.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, type = "Partial<Options>"))]
    pub options: Option<Json>,
}

/// A check request: the settings and the data.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct CheckRequest {
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: Option<QuestionnaireCheck>,
    #[serde(flatten)]
    pub settings: FormSettings,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, type = "QuestionnaireData"))]
    pub data: Option<Json>,
}

/// An eligibility request: a person's facts against a programme on a date.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct EligibilityRequest {
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: EligibilityCheck,
    /// A programme id, as `programmes()` lists them.
    pub programme: String,
    /// YYYY-MM-DD: every date rule is relative to it; there is no implicit today.
    pub decision_date: String,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, type = "EligibilityFacts"))]
    pub facts: Option<Json>,
}

/// The committee's decision on an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CommitteeDecision {
    Accepted,
    Refused,
    Deferred,
}

/// A participant's entry file: the steps of the entry procedure and their dates.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct EntryFile {
    #[serde(default)]
    pub information_meeting_date: Option<String>,
    #[serde(default)]
    pub diagnostic_date: Option<String>,
    #[serde(default)]
    pub committee_date: Option<String>,
    #[serde(default)]
    pub committee_decision: Option<CommitteeDecision>,
    #[serde(default)]
    pub contract_signed_date: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional, type = "QuestionnaireData"))]
    pub questionnaire: Option<Json>,
    #[serde(default)]
    pub proofs: Option<Vec<String>>,
}

/// ENT-PROCEDURE: whether a participant's entry file is complete.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct EntryFileRequest {
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: EntryFileCheck,
    pub programme: String,
    pub decision_date: String,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    #[serde(default)]
    pub file: Option<EntryFile>,
}

/// What the person does at exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    Employment,
    TemporaryWork,
    Training,
    BusinessCreation,
    MovingOut,
    Death,
    Retirement,
    Abandonment,
    Interruption,
    BreachOfCommitment,
}

/// The kind of an employment contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Cdi,
    Cdd,
    Apprenticeship,
    Professionalisation,
    CuiCie,
    CuiCae,
    Pec,
    Cddi,
    Ctti,
    AiUsage,
}

/// What a proof attests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProofKind {
    EmploymentContract,
    Payslip,
    EmployerCertificate,
    MissionStatement,
    TrainingCertificate,
    BusinessRegistration,
    ActivityProof,
}

/// What sanctions a training.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Certification {
    Diploma,
    RegisteredTitle,
    ProfessionalCertificate,
    NoCertification,
}

/// Hours as a number or as text (two decimals at most).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Hours {
    Number(f64),
    Text(String),
}

/// A temporary-work mission: first and last day, hours worked (two decimals at most).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Mission {
    pub start: String,
    pub end: String,
    #[cfg_attr(feature = "ts", ts(inline))]
    pub hours: Hours,
}

/// A proof's kind and the date of the situation it attests.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Proof {
    pub kind: ProofKind,
    pub date: String,
}

/// An exit proposal; dates are YYYY-MM-DD.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ExitProposal {
    #[serde(default)]
    pub reason: Option<ExitReason>,
    #[serde(default)]
    pub contract_type: Option<ContractType>,
    #[serde(default)]
    pub contract_start: Option<String>,
    /// Absent for a CDI.
    #[serde(default)]
    pub contract_end: Option<String>,
    #[serde(default)]
    pub employer_is_aci: Option<bool>,
    #[serde(default)]
    pub matches_project: Option<bool>,
    #[serde(default)]
    pub participant_agrees: Option<bool>,
    #[serde(default)]
    pub missions: Option<Vec<Mission>>,
    #[serde(default)]
    pub certification: Option<Certification>,
    #[serde(default)]
    pub training_start: Option<String>,
    #[serde(default)]
    pub training_end: Option<String>,
    #[serde(default)]
    pub activity_start: Option<String>,
    #[serde(default)]
    pub activity_end: Option<String>,
    /// Each proof's kind and the date of the situation it attests.
    #[serde(default)]
    pub proofs: Option<Vec<Proof>>,
}

/// Classifies an exit (EXIT-*) on the date it is pronounced.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct ExitRequest {
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: ExitCheck,
    pub programme: String,
    /// YYYY-MM-DD: the date the exit is pronounced; there is no implicit today.
    pub exit_date: String,
    /// YYYY-MM-DD: missions before it are not counted.
    #[serde(default)]
    pub entry_date: Option<String>,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    #[serde(default)]
    pub exit: Option<ExitProposal>,
}

/// How an interview took place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InterviewMode {
    Physical,
    Tripartite,
    Phone,
    Video,
}

/// How a reminder was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ReminderChannel {
    Letter,
    Phone,
}

/// What a step of the pathway is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Employment,
    Iae,
    Training,
    Internship,
    Immersion,
    Workshop,
    Veille,
    Other,
}

/// One event of a participant's timeline.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineEvent {
    Interview {
        date: String,
        #[serde(default)]
        mode: Option<InterviewMode>,
    },
    Contact {
        date: String,
    },
    CreFeedback {
        date: String,
    },
    EmployerCall {
        date: String,
    },
    EmployerVisit {
        date: String,
    },
    Exit {
        date: String,
    },
    Absence {
        date: String,
        justified: bool,
    },
    Reminder {
        date: String,
        channel: ReminderChannel,
    },
    Step {
        start: String,
        #[serde(default)]
        end: Option<String>,
        kind: StepKind,
        /// What sanctions a training: a qualifying one may start a follow-up
        /// (FU-IN-JOB).
        #[serde(default)]
        certification: Option<Certification>,
    },
    EmploymentStart {
        date: String,
        #[serde(default)]
        placed_by_cre: Option<bool>,
        #[serde(default)]
        theoretical_start: Option<String>,
        #[serde(default)]
        trial_period_end: Option<String>,
    },
}

/// Follow-up obligations (FU-*) of one participant on a reference date.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct FollowUpRequest {
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: FollowUpCheck,
    pub programme: String,
    pub reference_date: String,
    pub entry_date: String,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    #[serde(default)]
    pub events: Option<Vec<TimelineEvent>>,
}

/// One exit counted by a portfolio.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct PortfolioExit {
    pub exit_date: String,
    #[serde(default)]
    pub entry_date: Option<String>,
    pub exit: ExitProposal,
}

/// One participant of a référent's portfolio.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct PortfolioParticipant {
    pub entry_date: String,
    #[serde(default)]
    pub exit_date: Option<String>,
}

/// A référent, the share of a full-time post they work, and their participants.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct Referent {
    pub id: String,
    #[serde(default)]
    pub fte: Option<f64>,
    pub participants: Vec<PortfolioParticipant>,
}

/// Exit rates against the programme's targets, and référents' active portfolios.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct PortfolioRequest {
    #[cfg_attr(feature = "ts", ts(inline))]
    pub check: PortfolioCheck,
    pub programme: String,
    pub reference_date: String,
    /// Exit dates counted: from and to, included.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub locale: Option<LocaleName>,
    #[serde(default)]
    pub exits: Option<Vec<PortfolioExit>>,
    #[serde(default)]
    pub referents: Option<Vec<Referent>>,
}

/// How an export is checked (`parcours lot`'s arguments).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct LotSettings {
    /// The questionnaire's phase of every row.
    pub phase: Phase,
    /// YYYY-MM-DD: every date rule is relative to it; there is no implicit today.
    pub reference_date: String,
    /// Header → field path, `participant_id`, or "" (not read); docs/lot.md.
    #[serde(default)]
    pub mapping: Option<BTreeMap<String, String>>,
    #[serde(default)]
    pub locale: Option<LocaleName>,
}

/// The answers of the browser's export reader (the binding's `Lot` object, the `lot`
/// feature): the same lines and files as `parcours lot` writes.
pub mod lot_answers {
    use alloc::string::String;
    use alloc::vec::Vec;

    use crate::finding::Severity;

    /// Why an export cannot be checked.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    pub struct LotError {
        #[cfg_attr(feature = "ts", ts(inline))]
        pub error: LotFailure,
    }

    /// A stable code and its message.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    pub struct LotFailure {
        pub code: String,
        pub message: String,
    }

    /// One line of the error file.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
    pub struct LotFinding {
        pub line: u32,
        pub id: Option<String>,
        pub column: String,
        pub field: String,
        pub code: String,
        pub severity: Severity,
        pub message: String,
    }

    /// What a slice of the file completed.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    pub struct LotProgress {
        pub rows: u32,
        pub findings: Vec<LotFinding>,
    }

    /// The end of a run: the same files as `parcours lot` writes.
    #[derive(Clone, Debug, PartialEq)]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    pub struct LotResult {
        /// The run's summary, as indicators.json holds it.
        #[cfg_attr(feature = "ts", ts(type = "any"))]
        pub summary: String,
        pub errors_csv: String,
        pub indicators_csv: String,
        pub indicators_json: String,
    }
}
