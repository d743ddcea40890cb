//! The one result shape for everything the module checks.
//!
//! A [`Finding`] has a stable snake_case [`Code`] that portals may switch on, the
//! `path` of the field it is about, a [`Severity`], the `rule` identifier it enforces
//! (listed in `docs/rules.md`), parameters
//! for the message, and the message itself, rendered per locale from the code and the
//! parameters only: a message never echoes what the person typed.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

mod rule_id;
pub use rule_id::RuleId;

impl core::fmt::Display for RuleId {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule identifier is its name (`"FSE-AGE"`), as docs/rules.md writes it.
impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// Stable identifiers of every finding. Never renamed once published: a portal
        /// may switch on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum Code {
            $( $(#[$doc])* #[cfg_attr(feature = "ts", ts(rename = $name))] $variant, )*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as portals see it.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// How serious the finding is; fixed per code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                match name { $($name => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // The request itself.
    /// The request is not an object.
    InvalidRequest = "invalid_request", Error;
    /// The request text is not JSON (command-line program only).
    InvalidJson = "invalid_json", Error;
    /// `check` names nothing this module checks.
    UnknownCheck = "unknown_check", Error;
    /// `phase` is not one of entry, exit, follow_up (a missing phase means entry).
    InvalidPhase = "invalid_phase", Error;
    /// No `reference_date`: the date rules cannot run (no implicit "today").
    ReferenceDateRequired = "reference_date_required", Error;
    /// `locale` is not fr or en; French is used.
    UnsupportedLocale = "unsupported_locale", Warning;
    /// An `options` entry is unknown or out of its range; the default is used.
    InvalidOption = "invalid_option", Error;

    // Shape of the data.
    /// The data, or one of its sections, is not an object.
    InvalidStructure = "invalid_structure", Error;
    /// A field this questionnaire does not have; it is ignored.
    UnknownField = "unknown_field", Warning;
    /// More unknown fields than are listed one by one.
    TooManyUnknownFields = "too_many_unknown_fields", Warning;
    /// A field answered in a phase that does not ask it yet.
    NotExpectedInPhase = "not_expected_in_phase", Warning;

    // One field's type and format.
    /// The value has the wrong JSON type (a number where text goes…).
    InvalidType = "invalid_type", Error;
    /// The value could not be read (too deeply nested, cyclic, a function…).
    UnreadableValue = "unreadable_value", Error;
    TextTooLong = "text_too_long", Error;
    /// Control characters in a text.
    InvalidCharacters = "invalid_characters", Error;
    /// A date not written YYYY-MM-DD.
    InvalidDateFormat = "invalid_date_format", Error;
    /// A well-written date that does not exist (2023-02-30).
    NonexistentDate = "nonexistent_date", Error;
    InvalidChoice = "invalid_choice", Error;
    InvalidBoolean = "invalid_boolean", Error;
    InvalidNumber = "invalid_number", Error;
    NumberOutOfRange = "number_out_of_range", Error;
    InvalidPostalCode = "invalid_postal_code", Error;
    InvalidInseeCode = "invalid_insee_code", Error;
    InvalidEmail = "invalid_email", Error;
    InvalidPhone = "invalid_phone", Error;
    InvalidNir = "invalid_nir", Error;
    NirKeyMismatch = "nir_key_mismatch", Error;
    InvalidOperationId = "invalid_operation_id", Error;

    // Coherence across fields.
    LabourStatusConflict = "labour_status_conflict", Error;
    LabourStatusNone = "labour_status_none", Error;
    LongTermRequiresUnemployed = "long_term_requires_unemployed", Error;
    LongTermDurationTooShort = "long_term_duration_too_short", Error;
    LongTermNotFlagged = "long_term_not_flagged", Warning;
    UnemploymentStartAfterEntry = "unemployment_start_after_entry", Error;
    UnemploymentStartWithoutUnemployment = "unemployment_start_without_unemployment", Warning;
    SelfEmployedRequiresEmployed = "self_employed_requires_employed", Error;
    BirthAfterEntry = "birth_after_entry", Error;
    AgeOutOfRange = "age_out_of_range", Error;
    DateAfterReference = "date_after_reference", Error;
    ExitBeforeEntry = "exit_before_entry", Error;
    ParticipationOneDayOrLess = "participation_one_day_or_less", Warning;
    ExitEmploymentAndJobSearching = "exit_employment_and_job_searching", Error;
    ExitEmploymentAndInactive = "exit_employment_and_inactive", Error;
    ExitSituationUnspecified = "exit_situation_unspecified", Warning;
    ExitSituationOutsideWindow = "exit_situation_outside_window", Error;
    SingleAdultWithoutChildren = "single_adult_without_children", Error;
    JoblessHouseholdButEmployed = "jobless_household_but_employed", Error;
    AgeBracketMismatch = "age_bracket_mismatch", Error;
    IscedBracketMismatch = "isced_bracket_mismatch", Error;
    RqthExpiredAtEntry = "rqth_expired_at_entry", Warning;
    RqthEndWithoutRqth = "rqth_end_without_rqth", Warning;
    RqthWithoutDisability = "rqth_without_disability", Warning;
    ThirdCountryWithoutForeignBackground = "third_country_without_foreign_background", Error;
    NirGenderMismatch = "nir_gender_mismatch", Warning;
    NirBirthDateMismatch = "nir_birth_date_mismatch", Warning;
    PostalInseeMismatch = "postal_insee_mismatch", Warning;
    FollowUpTooEarly = "follow_up_too_early", Error;
    FollowUpLate = "follow_up_late", Warning;
    ImprovedWithoutEmployment = "improved_without_employment", Error;
    ImprovedRequiresEmployedAtEntry = "improved_requires_employed_at_entry", Error;
    ImprovementKindWithoutImprovement = "improvement_kind_without_improvement", Warning;
    RsaUnder25 = "rsa_under_25", Warning;

    // Eligibility.
    /// No `decision_date`: no eligibility rule runs without it (no implicit today).
    DecisionDateRequired = "decision_date_required", Error;
    /// `programme` names no programme file.
    UnknownProgramme = "unknown_programme", Error;
    /// The decision date is outside the programme's validity dates.
    ProgrammeNotInForce = "programme_not_in_force", Warning;
    /// A postal code shared by communes inside and outside the territory: which one?
    WhichCommune = "which_commune", Warning;
    /// Facts that cannot all be true.
    ContradictoryFacts = "contradictory_facts", Warning;
    /// IAE-PROOF: a criterion's proof is older than its rule allows at hiring.
    ProofTooOld = "proof_too_old", Warning;
    /// IAE-PROOF: a criterion's proof is no longer valid on the hiring date.
    ProofExpired = "proof_expired", Warning;
    /// IAE-PROOF: a criterion that needs a dated proof was claimed without a date.
    ProofDateRequired = "proof_date_required", Warning;
    /// IAE-PROOF: an age criterion the birth date contradicts.
    CriterionAgeMismatch = "criterion_age_mismatch", Warning;

    // Entry file (ENT-PROCEDURE).
    /// An entry step dated before the step that must come first.
    ProcedureOutOfOrder = "procedure_out_of_order", Error;
    /// The entry committee refused or deferred the entry.
    CommitteeNotAccepted = "committee_not_accepted", Error;
    /// The committee did not accept the candidate and the file records no other route
    /// proposed, which the programme requires.
    AlternativeRequired = "alternative_required", Error;
    /// A birth date that gives an age over 120 on the decision date.
    BirthDateImplausible = "birth_date_implausible", Error;
    /// The FSE entry questionnaire of the file is not valid.
    QuestionnaireInvalid = "questionnaire_invalid", Error;

    // Exits (EXIT-*), follow-up (FU-*), portfolio.
    /// No `exit_date`: an exit is judged on the date it is pronounced.
    ExitDateRequired = "exit_date_required", Error;
    /// No `entry_date`: the follow-up obligations run from the entry.
    EntryDateRequired = "entry_date_required", Error;
    /// The programme file has no exit rules.
    NoExitRules = "no_exit_rules", Error;
    /// The programme file has no follow-up rules.
    NoFollowUpRules = "no_follow_up_rules", Error;
    /// A list longer than the module reads; the rest is ignored.
    TooManyItems = "too_many_items", Error;
    /// A period that ends before it starts; it is not counted.
    EndBeforeStart = "end_before_start", Error;
    /// More hours than the mission's days can hold (24 a day); it is not counted.
    HoursExceedDays = "hours_exceed_days", Error;
    /// Two missions overlap: both count (two part-time missions are possible); a
    /// mission entered twice must be removed.
    MissionsOverlap = "missions_overlap", Warning;
    /// A mission outside the parcours (before the entry, after the exit): not counted.
    MissionOutsideParcours = "mission_outside_parcours", Warning;
    /// EXIT-PROOF-AT-DATE: a proof dated too long before the exit.
    ExitProofTooOld = "exit_proof_too_old", Warning;
    /// EXIT-PROOF-AT-DATE: a proof dated after the exit date.
    ProofAfterExit = "proof_after_exit", Error;
    /// EXIT-PROOF-AT-DATE: a proof that does not attest this kind of exit.
    ProofWrongKind = "proof_wrong_kind", Warning;
    /// A timeline event before the entry date: not counted.
    EventBeforeEntry = "event_before_entry", Warning;
    /// A timeline event after the reference date (planned): not counted yet.
    EventAfterReference = "event_after_reference", Warning;
    /// A timeline event after the exit: not counted.
    EventAfterExit = "event_after_exit", Warning;
    /// The timeline is not in date order; it is read sorted.
    TimelineNotInOrder = "timeline_not_in_order", Warning;
    /// A timeline with more than one exit.
    DuplicateExit = "duplicate_exit", Error;
    /// A follow-up obligation not met and past its due date.
    ObligationOverdue = "obligation_overdue", Warning;
    /// A follow-up obligation met after its due date.
    ObligationDoneLate = "obligation_done_late", Warning;
}

/// A code is its name: one string table, not one serialisation arm per code.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How serious a finding is: an error makes the record invalid, a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A message parameter: a number or a short non-personal text (a limit, a field path,
/// an expected type). Never a value the person typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    Int(i64),
    Text(Cow<'static, str>),
}

impl From<i64> for Param {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}
impl From<u32> for Param {
    fn from(v: u32) -> Self {
        Param::Int(v.into())
    }
}
impl From<&'static str> for Param {
    fn from(v: &'static str) -> Self {
        Param::Text(Cow::Borrowed(v))
    }
}
impl From<String> for Param {
    fn from(v: String) -> Self {
        Param::Text(Cow::Owned(v))
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Int(v) => s.serialize_i64(*v),
            Param::Text(v) => s.serialize_str(v),
        }
    }
}

/// Message parameters, serialised as an object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(pub Vec<(&'static str, Param)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<&Param> {
        self.0.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// One thing found wrong or doubtful.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub code: Code,
    /// Where in the data: `section.field` (`identity.birth_date`); a request field
    /// (`phase`, `reference_date`) has no dot.
    pub path: Cow<'static, str>,
    pub severity: Severity,
    /// The message in the requested locale, without any personal value.
    pub message: String,
    /// The rule enforced (`FSE-LTU`, `FSE-FORMAT`…), as listed in docs/rules.md.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: RuleId,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string | number>"))]
    pub params: Params,
    /// Other fields the rule read, where the finding is about several.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<&'static str>>", optional))]
    pub related: Vec<&'static str>,
}

impl Finding {
    pub fn new(code: Code, path: impl Into<Cow<'static, str>>, rule: RuleId) -> Self {
        Finding {
            code,
            path: path.into(),
            severity: code.severity(),
            message: String::new(),
            rule,
            params: Params::default(),
            related: Vec::new(),
        }
    }

    pub fn param(mut self, name: &'static str, value: impl Into<Param>) -> Self {
        self.params.0.push((name, value.into()));
        self
    }

    pub fn related(mut self, paths: &[&'static str]) -> Self {
        self.related.extend_from_slice(paths);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// What a check answers: the one result shape, and the part that belongs to the
/// capability that answers (the questionnaire's derived values, an eligibility
/// decision, an exit's classification…). The part's type lives with its capability;
/// `crate::report::Report` puts the answers of every check in one shape for the faces.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<P> {
    /// No error finding and nothing missing.
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// Paths of what is still needed: the fields required in this phase and not
    /// answered yet, in form order; for an eligibility decision, the facts that could
    /// still change it, those that could decide on their own first.
    pub missing: Vec<Cow<'static, str>>,
    /// Share of the required fields answered with a valid value, from 0 to 1.
    pub completeness: f64,
    /// The capability's own part, when it got that far.
    pub part: Option<P>,
}

impl<P> Checked<P> {
    /// An answer without the capability's part (yet).
    pub fn new(
        valid: bool,
        findings: Vec<Finding>,
        missing: Vec<Cow<'static, str>>,
        completeness: f64,
    ) -> Checked<P> {
        Checked {
            valid,
            findings,
            missing,
            completeness,
            part: None,
        }
    }
}
