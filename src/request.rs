//! A check request, as both faces receive it: `{ check, phase, reference_date, locale,
//! options, data }`. Every mistake in it becomes a finding of the report; nothing here
//! fails.

use alloc::vec::Vec;

use crate::calendar::{parse_iso_date, DateError};
use crate::finding::{Code, Finding, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::questionnaire::form::Settings;
use crate::questionnaire::{Form, Options, Phase};
use crate::report::Report;

/// The checks this module answers.
#[cfg(feature = "exits")]
pub const CHECKS: &[&str] = &[
    "questionnaire",
    "eligibility",
    "entry_file",
    "exit",
    "follow_up",
    "portfolio",
];
/// The checks this module answers.
#[cfg(not(feature = "exits"))]
pub const CHECKS: &[&str] = &["questionnaire", "eligibility", "entry_file"];

/// Answers a request.
pub fn run(request: &Json) -> Report {
    let (settings, findings) = settings(request);
    match request.get("check").map(|c| (c, c.as_str())) {
        Some((_, Some("questionnaire"))) | None => {}
        Some((_, Some("eligibility"))) if matches!(request, Json::Object(_)) => {
            let (settings, findings) = eligibility_settings(request);
            return crate::eligibility::run(request, settings, findings).into();
        }
        Some((_, Some("entry_file"))) if matches!(request, Json::Object(_)) => {
            let (settings, findings) = eligibility_settings(request);
            return crate::entry_file::run(request, settings, findings).into();
        }
        #[cfg(feature = "exits")]
        Some((_, Some(check @ ("exit" | "follow_up" | "portfolio"))))
            if matches!(request, Json::Object(_)) =>
        {
            let (locale, findings) = eligibility_settings(request);
            return match check {
                "exit" => crate::exit::run(request, locale, findings).into(),
                "follow_up" => crate::follow_up::run(request, locale, findings).into(),
                _ => crate::portfolio::run(request, locale, findings).into(),
            };
        }
        Some(_) => {
            return failed(
                settings.locale,
                Finding::new(Code::UnknownCheck, "check", RuleId::Request)
                    .param("allowed", CHECKS.join(", ")),
            );
        }
    }
    if !matches!(request, Json::Object(_)) {
        return failed(
            settings.locale,
            Finding::new(Code::InvalidRequest, "request", RuleId::Request),
        );
    }
    Form::with_data(
        settings,
        findings,
        request.get("data").unwrap_or(&Json::Null),
    )
    .report()
}

/// A report of a request that could not be checked at all.
fn failed(locale: Locale, mut finding: Finding) -> Report {
    locale.render(&mut finding);
    Report::new(false, alloc::vec![finding], Vec::new(), 0.0)
}

/// The locale of an eligibility request, and what was wrong with it.
fn eligibility_settings(request: &Json) -> (Locale, Vec<Finding>) {
    let mut findings = Vec::new();
    let locale = locale(request, &mut findings);
    (locale, findings)
}

/// A request's `locale`: French when absent; an unsupported one is a finding, and
/// French is used.
fn locale(request: &Json, findings: &mut Vec<Finding>) -> Locale {
    match request.get("locale") {
        None | Some(Json::Null) => Locale::default(),
        Some(value) => value
            .as_str()
            .and_then(Locale::from_name)
            .unwrap_or_else(|| {
                findings.push(Finding::new(
                    Code::UnsupportedLocale,
                    "locale",
                    RuleId::Request,
                ));
                Locale::default()
            }),
    }
}

/// Reads the settings of a form (phase, reference date, locale, options) from a
/// request or from the options given to an incremental form.
pub fn settings(request: &Json) -> (Settings, Vec<Finding>) {
    let mut findings = Vec::new();
    let locale = locale(request, &mut findings);
    let phase = match request.get("phase") {
        None | Some(Json::Null) => Phase::Entry,
        Some(value) => value
            .as_str()
            .and_then(Phase::from_name)
            .unwrap_or_else(|| {
                findings.push(Finding::new(Code::InvalidPhase, "phase", RuleId::Request));
                Phase::Entry
            }),
    };
    let reference = match request.get("reference_date") {
        Some(Json::String(text)) => match parse_iso_date(text.trim()) {
            Ok(date) => Some(date),
            Err(error) => {
                let code = match error {
                    DateError::Format => Code::InvalidDateFormat,
                    DateError::Nonexistent => Code::NonexistentDate,
                };
                findings.push(Finding::new(code, "reference_date", RuleId::Request));
                None
            }
        },
        _ => {
            findings.push(Finding::new(
                Code::ReferenceDateRequired,
                "reference_date",
                RuleId::Request,
            ));
            None
        }
    };
    let mut options = Options::default();
    match request.get("options") {
        None | Some(Json::Null) => {}
        Some(Json::Object(entries)) => {
            for (name, value) in entries {
                let bounds = Options::NAMES.iter().find(|(n, _, _)| n == name);
                let number = match value {
                    Json::Number(n) if n.fract() == 0.0 => Some(*n),
                    _ => None,
                };
                let accepted = match (bounds, number) {
                    (Some((_, min, max)), Some(n))
                        if n >= f64::from(*min) && n <= f64::from(*max) =>
                    {
                        options.set(name, n as u32)
                    }
                    _ => false,
                };
                if !accepted {
                    let (min, max) = bounds.map_or((0, 0), |(_, a, b)| (*a, *b));
                    let mut path = alloc::string::String::from("options.");
                    path.extend(name.chars().take(64));
                    findings.push(
                        Finding::new(Code::InvalidOption, path, RuleId::Request)
                            .param("min", min)
                            .param("max", max),
                    );
                }
            }
        }
        Some(other) => findings.push(
            Finding::new(Code::InvalidStructure, "options", RuleId::Request)
                .param("expected", "object")
                .param("received", other.kind().as_str()),
        ),
    }
    (
        Settings {
            phase,
            reference,
            locale,
            options,
        },
        findings,
    )
}
