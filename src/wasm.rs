//! The JavaScript face: converts JavaScript values to [`Json`] and results back, and
//! calls the core. No rule lives here.
//!
//! A value crosses into the module as one JSON text: `src/encode.js` walks it in
//! JavaScript (far faster than the module reaching into it one property at a time),
//! and [`parse_text`] reads the text. Nothing a page passes in can throw or trap: the
//! walk catches every getter and proxy trap and is bounded in depth and size, so
//! cycles and 10,000-deep nesting end as [`Json::Truncated`], which the core reports
//! as a finding. Results cross back as one JSON text too (src/output.rs).

use alloc::vec::Vec;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{parse_text, Json};
use crate::locale::Locale;
use crate::questionnaire::Form;

/// The module's allocator: a free list, far smaller than dlmalloc.
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the
// allocator is never entered from two threads.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[wasm_bindgen(typescript_custom_section)]
const TS_QUESTIONNAIRE: &str = crate::questionnaire::TYPESCRIPT;

#[wasm_bindgen(typescript_custom_section)]
const TS_FACTS: &str = crate::programme::file::FACTS_TYPESCRIPT;

#[wasm_bindgen(typescript_custom_section)]
const TS_REQUEST: &str = r#"
/** An eligibility request: a person's facts against a programme on a date. */
export interface EligibilityRequest {
  check: "eligibility";
  /** A programme id, as `programmes()` lists them. */
  programme: string;
  /** YYYY-MM-DD: every date rule is relative to it; there is no implicit today. */
  decision_date: string;
  locale?: Locale;
  facts?: EligibilityFacts;
}
/** ENT-PROCEDURE: whether a participant's entry file is complete. */
export interface EntryFileRequest {
  check: "entry_file";
  programme: string;
  decision_date: string;
  locale?: Locale;
  file?: {
    information_meeting_date?: string;
    diagnostic_date?: string;
    committee_date?: string;
    committee_decision?: "accepted" | "refused" | "deferred";
    contract_signed_date?: string;
    questionnaire?: QuestionnaireData;
    proofs?: string[];
  };
}
/** Language of messages and labels; French by default. */
export type Locale = "fr" | "en";
/** What a page shows instead of codes: rule identifier → title, IAE term → label. */
export interface Labels {
  rules: Record<string, string>;
  /** `iae_criteria.<id>`, `diagnosed_by.<who>`, `structure_kind.<kind>`. */
  iae: Record<string, string>;
}
/** How a questionnaire is checked: which phase, against which date "today" is. */
export interface FormSettings {
  /** entry (default), exit, or follow_up (six months after leaving). */
  phase?: Phase;
  /** YYYY-MM-DD: every date rule is relative to it; there is no implicit today. */
  reference_date: string;
  locale?: Locale;
  /** Thresholds of the rules; docs/questionnaire.md says why each default. */
  options?: Partial<Options>;
}
/** A check request: the settings and the data. */
export interface CheckRequest extends FormSettings {
  check?: "questionnaire";
  data?: QuestionnaireData;
}
"#;

#[cfg(not(feature = "exits"))]
#[wasm_bindgen(typescript_custom_section)]
const TS_ANY_REQUEST: &str = r#"
/** Every request this module answers. */
export type AnyRequest = CheckRequest | EligibilityRequest | EntryFileRequest;
"#;

#[cfg(feature = "exits")]
#[wasm_bindgen(typescript_custom_section)]
const TS_EXIT_REQUESTS: &str = r#"
/** Every request this module answers. */
export type AnyRequest = CheckRequest | EligibilityRequest | EntryFileRequest | ExitRequest | FollowUpRequest | PortfolioRequest;
/** What the person does at exit. */
export type ExitReason = "employment" | "temporary_work" | "training" | "business_creation" | "moving_out" | "death" | "retirement" | "abandonment" | "interruption" | "breach_of_commitment";
export type ContractType = "cdi" | "cdd" | "apprenticeship" | "professionalisation" | "cui_cie" | "cui_cae" | "pec" | "cddi" | "ctti" | "ai_usage";
export type ProofKind = "employment_contract" | "payslip" | "employer_certificate" | "mission_statement" | "training_certificate" | "business_registration" | "activity_proof";
/** A temporary-work mission: first and last day, hours worked (two decimals at most). */
export interface Mission { start: string; end: string; hours: number | string; }
/** An exit proposal; dates are YYYY-MM-DD. */
export interface ExitProposal {
  reason?: ExitReason;
  contract_type?: ContractType;
  contract_start?: string;
  /** Absent for a CDI. */
  contract_end?: string;
  employer_is_aci?: boolean;
  matches_project?: boolean;
  participant_agrees?: boolean;
  missions?: Mission[];
  certification?: "diploma" | "registered_title" | "professional_certificate" | "no_certification";
  training_start?: string;
  training_end?: string;
  activity_start?: string;
  activity_end?: string;
  /** Each proof's kind and the date of the situation it attests. */
  proofs?: { kind: ProofKind; date: string }[];
}
/** Classifies an exit (EXIT-*) on the date it is pronounced. */
export interface ExitRequest {
  check: "exit";
  programme: string;
  /** YYYY-MM-DD: the date the exit is pronounced; there is no implicit today. */
  exit_date: string;
  /** YYYY-MM-DD: missions before it are not counted. */
  entry_date?: string;
  locale?: Locale;
  exit?: ExitProposal;
}
/** One event of a participant's timeline. */
export type TimelineEvent =
  | { type: "interview"; date: string; mode?: "physical" | "tripartite" | "phone" | "video" }
  | { type: "contact" | "cre_feedback" | "employer_call" | "employer_visit" | "exit"; date: string }
  | { type: "absence"; date: string; justified: boolean }
  | { type: "reminder"; date: string; channel: "letter" | "phone" }
  | { type: "step"; start: string; end?: string; kind: "employment" | "iae" | "training" | "internship" | "immersion" | "workshop" | "veille" | "other";
      /** What sanctions a training: a qualifying one may start a follow-up (FU-IN-JOB). */
      certification?: "diploma" | "registered_title" | "professional_certificate" | "no_certification" }
  | { type: "employment_start"; date: string; placed_by_cre?: boolean; theoretical_start?: string; trial_period_end?: string };
/** Follow-up obligations (FU-*) of one participant on a reference date. */
export interface FollowUpRequest {
  check: "follow_up";
  programme: string;
  reference_date: string;
  entry_date: string;
  locale?: Locale;
  events?: TimelineEvent[];
}
/** Exit rates against the programme's targets, and référents' active portfolios. */
export interface PortfolioRequest {
  check: "portfolio";
  programme: string;
  reference_date: string;
  /** Exit dates counted: from and to, included. */
  from?: string;
  to?: string;
  locale?: Locale;
  exits?: { exit_date: string; entry_date?: string; exit: ExitProposal }[];
  referents?: { id: string; fte?: number; participants: { entry_date: string; exit_date?: string }[] }[];
}
"#;

#[wasm_bindgen(module = "/src/encode.js")]
extern "C" {
    /// Any JavaScript value as one JSON text in UTF-8, with `NaN`, `Infinity`,
    /// `-Infinity` and `?` (a value JavaScript cannot give) added; never throws.
    fn encode(value: &JsValue) -> Vec<u8>;
}

#[wasm_bindgen]
extern "C" {
    /// JavaScript's own number reading, for the rare number the module's reader
    /// cannot convert exactly by itself (the module carries no float parser).
    #[wasm_bindgen(js_name = parseFloat)]
    fn parse_float(text: &str) -> f64;
}

/// Checks a request (a questionnaire, an eligibility decision, an entry file; in the
/// full module also an exit, a follow-up, a portfolio) and returns its report.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(#[wasm_bindgen(unchecked_param_type = "AnyRequest")] request: JsValue) -> JsValue {
    to_js(&crate::check(&from_js(&request)))
}

/// The questionnaire's sections and fields, with labels in `locale` (fr by default),
/// for building a form.
#[wasm_bindgen(unchecked_return_type = "Schema")]
pub fn schema(
    #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
) -> JsValue {
    let locale = locale
        .as_string()
        .and_then(|l| Locale::from_name(&l))
        .unwrap_or_default();
    to_js(&crate::schema(locale))
}

/// Every programme, with the facts its rules read, labelled in `locale` (fr by
/// default), for building an orientation form.
#[wasm_bindgen(unchecked_return_type = "ProgrammeSummary[]")]
pub fn programmes(
    #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
) -> JsValue {
    let locale = locale
        .as_string()
        .and_then(|l| Locale::from_name(&l))
        .unwrap_or_default();
    to_js(&crate::programmes(locale))
}

/// Registers a programme file (its JSON text) beside the built-in programmes, or
/// answers with its problems (path, line, column; messages in `locale`, French by
/// default). A file with a problem changes nothing: the module keeps the programmes
/// it had.
#[wasm_bindgen(js_name = registerProgramme, unchecked_return_type = "Registration")]
pub fn register_programme(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
) -> JsValue {
    let locale = locale
        .as_string()
        .and_then(|l| Locale::from_name(&l))
        .unwrap_or_default();
    // Anything but a text is read as an empty file: its problem says so.
    let text = text.as_string().unwrap_or_default();
    to_js(&crate::register_programme(&text, locale))
}

/// The titles of the rules and the labels of the IAE terms in `locale` (fr by
/// default): what a page shows instead of identifiers and codes.
#[wasm_bindgen(unchecked_return_type = "Labels")]
pub fn labels(
    #[wasm_bindgen(unchecked_param_type = "Locale | undefined")] locale: JsValue,
) -> JsValue {
    let locale = locale
        .as_string()
        .and_then(|l| Locale::from_name(&l))
        .unwrap_or_default();
    to_js(&crate::locale::Labels(locale))
}

/// A questionnaire held in the module: each `set` re-checks only the rules that read
/// the field and returns the findings that changed.
#[wasm_bindgen]
pub struct QuestionnaireForm {
    form: Form,
}

#[wasm_bindgen]
impl QuestionnaireForm {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormSettings")] settings: JsValue,
    ) -> QuestionnaireForm {
        QuestionnaireForm {
            form: crate::form(&from_js(&settings)),
        }
    }

    /// Sets one field (`"identity.birth_date"`); `null`, `undefined` or `""` clear it.
    /// Returns what changed since the last diff was read.
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    pub fn set(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "QuestionnairePath")] path: JsValue,
        value: JsValue,
    ) -> JsValue {
        self.update(path, value);
        self.changes()
    }

    /// Sets one field as `set` does, and only says whether anything a diff reports
    /// changed: call `changes()` when it returns `true`. Most keystrokes change
    /// nothing, and then nothing crosses back but the answer.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "QuestionnairePath")] path: JsValue,
        value: JsValue,
    ) -> bool {
        let path = path.as_string().unwrap_or_default();
        // A keystroke's value is text: it crosses as it is, without the JSON walk.
        let value = match value.as_string() {
            Some(text) => Json::String(text),
            None => from_js(&value),
        };
        self.form.update(&path, &value)
    }

    /// What changed since the last diff was read (by `set` or `changes`) or the
    /// record was loaded; reading it empties it.
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    pub fn changes(&mut self) -> JsValue {
        to_js(&self.form.changes())
    }

    /// Replaces the whole record and returns the full report.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn load(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "QuestionnaireData")] data: JsValue,
    ) -> JsValue {
        self.form.load(&from_js(&data));
        to_js(&self.form.report())
    }

    /// Every current finding.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> JsValue {
        to_js(&self.form.report())
    }
}

/// A result crosses as one JSON string that `JSON.parse` turns into objects: far
/// less code in the module than building objects property by property, and fewer
/// crossings of the boundary.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    js_sys::JSON::parse(&crate::output::to_json(value)).unwrap_or(JsValue::NULL)
}

/// Converts a JavaScript value, within the depth and size bounds.
fn from_js(value: &JsValue) -> Json {
    let bytes = encode(value);
    core::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| parse_text(text, |number| Some(parse_float(number))))
        .unwrap_or(Json::Truncated)
}

#[cfg(feature = "lot")]
#[wasm_bindgen(typescript_custom_section)]
const TS_LOT: &str = r#"
/** How an export is checked (`parcours lot`'s arguments). */
export interface LotSettings {
  /** The questionnaire's phase of every row. */
  phase: Phase;
  /** YYYY-MM-DD: every date rule is relative to it; there is no implicit today. */
  reference_date: string;
  /** Header → field path, `participant_id`, or "" (not read); docs/lot.md. */
  mapping?: Record<string, string>;
  locale?: Locale;
}
/** Why an export cannot be checked. */
export interface LotError { error: { code: string; message: string } }
/** One line of the error file. */
export interface LotFinding {
  line: number; id?: string; column: string; field: string; code: string;
  severity: "error" | "warning"; message: string;
}
/** What a slice of the file completed. */
export interface LotProgress { rows: number; findings: LotFinding[] }
/** The end of a run: the same files as `parcours lot` writes. */
export interface LotResult {
  summary: any;
  errors_csv: string;
  indicators_csv: string;
  indicators_json: string;
}
"#;

/// `parcours lot` in the browser: an export fed in slices, checked by the same code as
/// the command-line program (src/lot/feed.rs, src/lot/report.rs), with the same files
/// at the end. Nothing it returns holds a value of a row but the line number and the
/// participant identifier.
#[cfg(feature = "lot")]
#[wasm_bindgen]
pub struct Lot {
    feed: Option<crate::lot::feed::Feed>,
    settings: Option<(crate::questionnaire::Phase, chrono::NaiveDate)>,
    locale: Locale,
    error: Option<(&'static str, alloc::string::String)>,
    tally: crate::lot::Tally,
    lines: alloc::string::String,
    out: Vec<crate::lot::RowOutcome>,
}

#[cfg(feature = "lot")]
#[derive(Serialize)]
struct LotFinding<'a> {
    line: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    column: &'a str,
    field: &'a str,
    code: &'static str,
    severity: crate::finding::Severity,
    message: &'a str,
}

#[cfg(feature = "lot")]
#[wasm_bindgen]
impl Lot {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "LotSettings")] settings: JsValue) -> Lot {
        use alloc::string::String;
        let settings = from_js(&settings);
        let locale = settings
            .get("locale")
            .and_then(Json::as_str)
            .and_then(Locale::from_name)
            .unwrap_or_default();
        let fr = locale == Locale::Fr;
        let mut lot = Lot {
            feed: None,
            settings: None,
            locale,
            error: None,
            tally: crate::lot::Tally::new(),
            lines: String::new(),
            out: Vec::new(),
        };
        let phase = settings
            .get("phase")
            .and_then(Json::as_str)
            .and_then(crate::questionnaire::Phase::from_name);
        let reference = settings
            .get("reference_date")
            .and_then(Json::as_str)
            .and_then(|d| crate::calendar::parse_iso_date(d.trim()).ok());
        let mut custom = Vec::new();
        if let Some(Json::Object(entries)) = settings.get("mapping") {
            for (header, target) in entries {
                custom.push((
                    header.clone(),
                    String::from(target.as_str().unwrap_or("\u{0}")),
                ));
            }
        }
        match (phase, reference) {
            (None, _) => {
                lot.error = Some((
                    "invalid_phase",
                    String::from(if fr {
                        "la phase doit être entry, exit ou follow_up"
                    } else {
                        "the phase must be entry, exit or follow_up"
                    }),
                ))
            }
            (_, None) => {
                lot.error = Some((
                    "invalid_reference_date",
                    String::from(if fr {
                        "la date de référence doit être une date qui existe, écrite AAAA-MM-JJ"
                    } else {
                        "the reference date must be a date that exists, written YYYY-MM-DD"
                    }),
                ))
            }
            (Some(phase), Some(reference)) => {
                lot.settings = Some((phase, reference));
                lot.feed = Some(crate::lot::feed::Feed::new(
                    phase, reference, custom, locale,
                ));
            }
        }
        lot
    }

    /// The next bytes of the file: the rows they complete and their findings.
    #[wasm_bindgen(unchecked_return_type = "LotProgress | LotError")]
    pub fn push(&mut self, bytes: &[u8]) -> JsValue {
        let mut out = core::mem::take(&mut self.out);
        out.clear();
        let result = match self.feed.as_mut() {
            Some(feed) => feed.push(bytes, &mut out),
            None => Ok(()),
        };
        let reply = self.take(result, &out);
        self.out = out;
        reply
    }

    /// The end of the file: the last rows and their findings (then [`Lot::files`]).
    #[wasm_bindgen(unchecked_return_type = "LotProgress | LotError")]
    pub fn finish(&mut self) -> JsValue {
        let mut out = Vec::new();
        let result = match self.feed.as_mut() {
            Some(feed) => feed.finish(&mut out),
            None => Ok(()),
        };
        self.take(result, &out)
    }

    /// After [`Lot::finish`]: the files `parcours lot` writes, byte for byte.
    #[wasm_bindgen(unchecked_return_type = "LotResult | LotError")]
    pub fn files(&self) -> JsValue {
        use crate::lot::report::{error_header, Summary};
        if let Some(error) = self.error_value() {
            return error;
        }
        let (Some(feed), Some((phase, reference))) = (self.feed.as_ref(), self.settings) else {
            return JsValue::NULL;
        };
        let Some(checker) = feed.checker() else {
            return JsValue::NULL;
        };
        let mapping = checker.mapping();
        let with_id = mapping.columns.contains(&crate::lot::Column::ParticipantId);
        let summary = Summary::new(&self.tally, phase, reference, mapping, self.locale);
        let mut errors_csv = alloc::string::String::from("\u{feff}");
        errors_csv.push_str(&error_header(with_id));
        errors_csv.push_str(&self.lines);
        #[derive(Serialize)]
        struct Done<'a> {
            summary: &'a Summary,
            errors_csv: &'a str,
            indicators_csv: alloc::string::String,
            indicators_json: alloc::string::String,
        }
        let indicators_json = serde_json::to_string_pretty(&summary).unwrap_or_default() + "\n";
        to_js(&Done {
            summary: &summary,
            errors_csv: &errors_csv,
            indicators_csv: summary.indicators_csv(),
            indicators_json,
        })
    }

    /// Tallies the rows, keeps their error lines, and says what they found.
    fn take(
        &mut self,
        result: Result<(), crate::lot::feed::FeedError>,
        out: &[crate::lot::RowOutcome],
    ) -> JsValue {
        use crate::lot::report::error_lines;
        if let Err(error) = result {
            if self.error.is_none() {
                self.error = Some((error.code(), error.message(self.locale)));
            }
        }
        if let Some(error) = self.error_value() {
            return error;
        }
        let Some(checker) = self.feed.as_ref().and_then(|f| f.checker()) else {
            return to_js(&serde_json::json!({ "rows": 0, "findings": [] }));
        };
        let mapping = checker.mapping();
        let with_id = mapping.columns.contains(&crate::lot::Column::ParticipantId);
        let mut findings = Vec::new();
        for row in out {
            self.tally.add(row);
            error_lines(&mut self.lines, row, mapping, with_id);
            for f in &row.findings {
                findings.push(LotFinding {
                    line: row.line,
                    id: row.id.as_deref(),
                    column: f
                        .column
                        .and_then(|c| mapping.headers.get(c))
                        .map_or("", alloc::string::String::as_str),
                    field: &f.field,
                    code: f.code.as_str(),
                    severity: f.severity,
                    message: &f.message,
                });
            }
        }
        #[derive(Serialize)]
        struct Step<'a> {
            rows: u64,
            findings: Vec<LotFinding<'a>>,
        }
        to_js(&Step {
            rows: self.tally.rows,
            findings,
        })
    }

    fn error_value(&self) -> Option<JsValue> {
        #[derive(Serialize)]
        struct Failure<'a> {
            code: &'a str,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct Reply<'a> {
            error: Failure<'a>,
        }
        self.error.as_ref().map(|(code, message)| {
            to_js(&Reply {
                error: Failure { code, message },
            })
        })
    }
}
