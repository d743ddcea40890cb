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

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    /// Own enumerable string keys, as `JSON.stringify` sees an object.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;
}

/// Checks a request (a questionnaire or an eligibility decision) and returns its report.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "CheckRequest | EligibilityRequest")] request: JsValue,
) -> JsValue {
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
