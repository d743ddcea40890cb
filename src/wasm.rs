//! The JavaScript face: converts JavaScript values to [`Json`] and results back, and
//! calls the core. No rule lives here.
//!
//! Nothing a page passes in can throw or trap: every JavaScript operation that could
//! throw (a getter, a proxy trap) is called through a catching import, and the
//! conversion is bounded in depth and size, so cycles and 10,000-deep nesting end as
//! [`Json::Truncated`], which the core reports as a finding.

use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::input::{Json, MAX_ITEMS};
use crate::locale::Locale;
use crate::questionnaire::Form;

/// The module's allocator: a free list, far smaller than dlmalloc.
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the
// allocator is never entered from two threads.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// Levels of a JavaScript value converted; a questionnaire needs 3.
const JS_MAX_DEPTH: usize = 8;
/// Values converted in one call; the rest are truncated.
const JS_MAX_NODES: usize = 20_000;

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
  | { type: "step"; start: string; end?: string; kind: "employment" | "iae" | "training" | "internship" | "immersion" | "workshop" | "veille" | "other" }
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

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// Own enumerable string keys, as `JSON.stringify` sees an object.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
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
    #[wasm_bindgen(unchecked_return_type = "Diff")]
    pub fn set(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "QuestionnairePath")] path: JsValue,
        value: JsValue,
    ) -> JsValue {
        let path = path.as_string().unwrap_or_default();
        to_js(&self.form.set(&path, &from_js(&value)))
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
    let mut budget = JS_MAX_NODES;
    convert(value, 0, &mut budget)
}

fn convert(value: &JsValue, depth: usize, budget: &mut usize) -> Json {
    if *budget == 0 {
        return Json::Truncated;
    }
    *budget -= 1;
    if value.is_null() || value.is_undefined() {
        return Json::Null;
    }
    if let Some(b) = value.as_bool() {
        return Json::Bool(b);
    }
    if let Some(n) = value.as_f64() {
        return Json::Number(n);
    }
    if let Some(s) = value.as_string() {
        return Json::String(s);
    }
    if !value.is_object() || value.is_function() || depth >= JS_MAX_DEPTH {
        return Json::Truncated;
    }
    match is_array(value) {
        Ok(true) => {
            let length = Reflect::get(value, &JsValue::from_str("length"))
                .ok()
                .and_then(|l| l.as_f64())
                .unwrap_or(0.0);
            let kept = (length.max(0.0) as usize).min(MAX_ITEMS);
            let mut items = Vec::with_capacity(kept.min(*budget));
            for i in 0..kept {
                if *budget == 0 {
                    items.push(Json::Truncated);
                    break;
                }
                let item = Reflect::get_u32(value, i as u32)
                    .map_or(Json::Truncated, |v| convert(&v, depth + 1, budget));
                items.push(item);
            }
            if kept < length as usize {
                items.push(Json::Truncated);
            }
            Json::Array(items)
        }
        Ok(false) => {
            let Ok(keys) = object_keys(value) else {
                return Json::Truncated;
            };
            let mut entries: Vec<(String, Json)> = Vec::new();
            for key in keys.iter() {
                let Some(name) = key.as_string() else {
                    continue;
                };
                if entries.len() >= MAX_ITEMS || *budget == 0 {
                    entries.push((String::from("…"), Json::Truncated));
                    break;
                }
                let item = Reflect::get(value, &key)
                    .map_or(Json::Truncated, |v| convert(&v, depth + 1, budget));
                entries.push((name, item));
            }
            Json::Object(entries)
        }
        Err(_) => Json::Truncated,
    }
}
