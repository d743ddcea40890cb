//! The JavaScript face: converts JavaScript values to [`Json`] and results back, and
//! calls the core. No rule lives here.
//!
//! A value crosses into the module as one JSON text: `src/encode.js` walks it in
//! JavaScript (far faster than the module reaching into it one property at a time),
//! and [`parse_text`] reads the text. Nothing a page passes in can throw or trap: the
//! walk catches every getter and proxy trap and is bounded in depth and size, so
//! cycles and 10,000-deep nesting end as [`Json::Truncated`], which the core reports
//! as a finding. Results cross back as one JSON text too ([`output`]).
//!
//! This crate is the package's module (scripts/build.sh builds it five times: four
//! browser modules and Node's, with the core's features `exits`, `lot` and `register`
//! forwarded); the core (`parcours`, the top of the repository) knows nothing of
//! JavaScript.

#![deny(unsafe_code)]

extern crate alloc;

pub mod output;

use alloc::vec::Vec;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use parcours::input::{parse_text, Json};
use parcours::locale::Locale;
use parcours::questionnaire::Form;

/// The module's allocator: a free list, far smaller than dlmalloc. (The crate builds
/// natively too, for `cargo test` and clippy at the top; there it keeps the system's.)
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: wasm32-unknown-unknown without the atomics feature runs one thread, so the
// allocator is never entered from two threads.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

/// The declarations of the types the functions below take and give, written by
/// build.rs from the core's Rust types.
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/types.d.ts"));

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
    to_js(&parcours::check(&from_js(&request)))
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
    to_js(&parcours::schema(locale))
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
    to_js(&parcours::programmes(locale))
}

/// Registers a programme file (its JSON text) beside the built-in programmes, or
/// answers with its problems (path, line, column; messages in `locale`, French by
/// default). A file with a problem changes nothing: the module keeps the programmes
/// it had. Feature `register`: the package's `parcours_programmes` module and Node's
/// build; the other browser modules leave out serde_json's reading of the file (its
/// size: docs/programmes.md).
#[cfg(feature = "register")]
#[wasm_bindgen(js_name = registerProgramme, unchecked_return_type = "Registration")]
pub fn register_programme(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> JsValue {
    // Anything but a text is read as an empty file: its problem says so.
    let text = text.as_string().unwrap_or_default();
    to_js(&parcours::register_programme(&text, locale_of(&locale)))
}

/// A programme file's problems (none: it would register), messages in `locale`,
/// French by default; keeps nothing. What an authoring page calls as its author types.
#[cfg(feature = "register")]
#[wasm_bindgen(js_name = checkProgramme, unchecked_return_type = "FileProblem[]")]
pub fn check_programme(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Locale")] locale: JsValue,
) -> JsValue {
    let text = text.as_string().unwrap_or_default();
    to_js(&parcours::check_programme(&text, locale_of(&locale)))
}

/// `"fr"` or `"en"`; anything else is French.
#[cfg(feature = "register")]
fn locale_of(locale: &JsValue) -> Locale {
    locale
        .as_string()
        .and_then(|l| Locale::from_name(&l))
        .unwrap_or_default()
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
    to_js(&parcours::locale::Labels(locale))
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
            form: parcours::form(&from_js(&settings)),
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
    js_sys::JSON::parse(&output::to_json(value)).unwrap_or(JsValue::NULL)
}

/// Converts a JavaScript value, within the depth and size bounds.
fn from_js(value: &JsValue) -> Json {
    let bytes = encode(value);
    core::str::from_utf8(&bytes)
        .ok()
        .and_then(|text| parse_text(text, |number| Some(parse_float(number))))
        .unwrap_or(Json::Truncated)
}

/// `parcours lot` in the browser: an export fed in slices, checked by the same code as
/// the command-line program (src/lot/feed.rs, src/lot/report.rs), with the same files
/// at the end. Nothing it returns holds a value of a row but the line number and the
/// participant identifier.
#[cfg(feature = "lot")]
#[wasm_bindgen]
pub struct Lot {
    feed: Option<parcours::lot::feed::Feed>,
    settings: Option<(parcours::questionnaire::Phase, chrono::NaiveDate)>,
    locale: Locale,
    error: Option<(&'static str, alloc::string::String)>,
    tally: parcours::lot::Tally,
    lines: alloc::string::String,
    out: Vec<parcours::lot::RowOutcome>,
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
    severity: parcours::finding::Severity,
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
            tally: parcours::lot::Tally::new(),
            lines: String::new(),
            out: Vec::new(),
        };
        let phase = settings
            .get("phase")
            .and_then(Json::as_str)
            .and_then(parcours::questionnaire::Phase::from_name);
        let reference = settings
            .get("reference_date")
            .and_then(Json::as_str)
            .and_then(|d| parcours::calendar::parse_iso_date(d.trim()).ok());
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
                lot.feed = Some(parcours::lot::feed::Feed::new(
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
        use parcours::lot::report::{error_header, Summary};
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
        let with_id = mapping
            .columns
            .contains(&parcours::lot::Column::ParticipantId);
        let summary = Summary::new(&self.tally, phase, reference, mapping, self.locale);
        let mut errors_csv = alloc::string::String::from("\u{feff}");
        errors_csv.push_str(&error_header(with_id));
        errors_csv.push_str(&self.lines);
        #[derive(Serialize)]
        struct Done<'a> {
            errors_csv: &'a str,
            indicators_csv: alloc::string::String,
            indicators_json: alloc::string::String,
        }
        // One serialiser for the summary (not serde_json's too): the file is the
        // compact text laid out as serde_json's pretty printer does (src/lot/report.rs).
        let compact = crate::output::to_json(&summary);
        let done = to_js(&Done {
            errors_csv: &errors_csv,
            indicators_csv: summary.indicators_csv(),
            indicators_json: parcours::lot::report::pretty_json(&compact) + "\n",
        });
        let parsed = js_sys::JSON::parse(&compact).unwrap_or(JsValue::NULL);
        let _ = js_sys::Reflect::set(&done, &JsValue::from_str("summary"), &parsed);
        done
    }

    /// Tallies the rows, keeps their error lines, and says what they found.
    fn take(
        &mut self,
        result: Result<(), parcours::lot::feed::FeedError>,
        out: &[parcours::lot::RowOutcome],
    ) -> JsValue {
        use parcours::lot::report::error_lines;
        if let Err(error) = result {
            if self.error.is_none() {
                self.error = Some((error.code(), error.message(self.locale)));
            }
        }
        if let Some(error) = self.error_value() {
            return error;
        }
        let Some(checker) = self.feed.as_ref().and_then(|f| f.checker()) else {
            return js_sys::JSON::parse(r#"{"rows":0,"findings":[]}"#).unwrap_or(JsValue::NULL);
        };
        let mapping = checker.mapping();
        let with_id = mapping
            .columns
            .contains(&parcours::lot::Column::ParticipantId);
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
