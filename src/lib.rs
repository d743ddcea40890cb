//! parcours — the rules of French employment-insertion programmes and the FSE+
//! participant questionnaire, for the browser (WebAssembly) and native checks.
//!
//! The core is plain Rust: it knows nothing of JavaScript. Two faces sit on it side by
//! side, each a crate of its own: `parcours-wasm` (crates/parcours-wasm, the
//! JavaScript package) and `parcours-cli` (crates/parcours-cli, the `parcours`
//! command-line program); both turn their input into [`Json`] and call the same
//! functions below.
//!
//! ```
//! let request: parcours::Json = serde_json::from_str(r#"{
//!     "check": "questionnaire", "phase": "entry", "reference_date": "2026-11-23",
//!     "data": { "identity": { "birth_date": "2023-02-30" } }
//! }"#).unwrap();
//! let report = parcours::check(&request);
//! assert!(!report.valid);
//! assert_eq!(report.findings[0].code.as_str(), "nonexistent_date");
//! ```

#![deny(unsafe_code)]

extern crate alloc;

pub mod calendar;
pub mod eligibility;
pub mod entry_file;
#[cfg(feature = "exits")]
pub mod exit;
pub mod explanation;
pub mod finding;
#[cfg(feature = "exits")]
pub mod follow_up;
pub mod input;
pub mod locale;
pub mod lot;
#[cfg(feature = "exits")]
pub mod portfolio;
pub mod programme;
pub mod questionnaire;
#[cfg(feature = "exits")]
pub(crate) mod read;
pub mod report;
pub mod request;
pub mod requests;
mod sort;
pub mod territory;

pub use eligibility::{programmes, ProgrammeSummary};
#[cfg(feature = "register")]
pub use programme::registry::{FileProblem, Registration};

/// Registers a programme file given at run time (its JSON text) beside the built-in
/// programmes, or answers with its problems, messages in `locale`: a file with a
/// problem changes nothing (docs/programmes.md).
#[cfg(feature = "register")]
pub fn register_programme(text: &str, locale: Locale) -> Registration {
    programme::registry::register(text, locale)
}

/// A programme file's problems, in `locale`, without registering it (none: it would
/// register).
#[cfg(feature = "register")]
pub fn check_programme(text: &str, locale: Locale) -> alloc::vec::Vec<FileProblem> {
    programme::registry::check(text, locale)
}
/// Checks a programme file for its authors (`parcours programme check`): its problems
/// with what to do, its warnings, and its example cases run against its programme,
/// which is registered for the process when the file has no problem.
#[cfg(feature = "register")]
pub fn check_programme_file(text: &str, locale: Locale) -> programme::authoring::FileCheck {
    programme::authoring::check_file(text, locale)
}
pub use finding::{Checked, Code, Finding, RuleId, Severity};
pub use input::Json;
pub use locale::Locale;
pub use questionnaire::form::Diff;
pub use questionnaire::schema::{schema, Schema};
pub use questionnaire::Form;
pub use report::Report;

/// Answers a check request (`{ check, phase, reference_date, locale, options, data }`).
pub fn check(request: &Json) -> Report {
    request::run(request)
}

/// A form for incremental validation, set up from `{ phase, reference_date, locale,
/// options }`; findings about those settings stay in its reports.
pub fn form(settings: &Json) -> Form {
    let (settings, findings) = request::settings(settings);
    Form::new(settings, findings)
}
