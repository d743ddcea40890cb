//! ENT-PROCEDURE — whether a participant's entry file is complete: the programme's
//! entry steps in order (information meeting, diagnostic, entry committee decision,
//! signed contrat d'engagement), the FSE entry questionnaire valid (through the
//! questionnaire validator), and the proofs the file must hold. Each gap is named.
//!
//! A request: `{ check: "entry_file", programme, decision_date, locale, file: {
//! information_meeting_date, diagnostic_date, committee_date, committee_decision,
//! contract_signed_date, questionnaire: { …FSE data… }, proofs: ["identity", …] } }`.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;

use core::convert::Infallible;

use crate::calendar::{iso, parse_iso_date, DateError};
use crate::finding::{Checked, Code, Finding, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme;
use crate::questionnaire::form::Settings;
use crate::questionnaire::{Form, Options, Phase};

const RULE: RuleId = RuleId::EntProcedure;

/// The date field of each dated step, in the entry file.
fn date_field(step: &str) -> Option<&'static str> {
    Some(match step {
        "information_meeting" => "information_meeting_date",
        "diagnostic" => "diagnostic_date",
        "committee_decision" => "committee_date",
        "contract_signed" => "contract_signed_date",
        _ => return None,
    })
}

fn path(field: &str) -> Cow<'static, str> {
    let mut p = String::from("file.");
    p.extend(field.chars().take(64));
    Cow::Owned(p)
}

/// Answers an entry-file request.
pub fn run(request: &Json, locale: Locale, mut findings: Vec<Finding>) -> Checked<Infallible> {
    let date = match request.get("decision_date") {
        Some(Json::String(t)) => match parse_iso_date(t.trim()) {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if e == DateError::Format {
                    Code::InvalidDateFormat
                } else {
                    Code::NonexistentDate
                };
                findings.push(Finding::new(code, "decision_date", RuleId::Request));
                None
            }
        },
        _ => {
            findings.push(Finding::new(
                Code::DecisionDateRequired,
                "decision_date",
                RuleId::Request,
            ));
            None
        }
    };
    let id = request
        .get("programme")
        .and_then(Json::as_str)
        .unwrap_or("");
    let procedure = programme::find(id, date).and_then(|p| p.procedure.as_ref());
    let (Some(procedure), Some(date)) = (procedure, date) else {
        if procedure.is_none() {
            findings.push(programme::unknown(|p| p.procedure.is_some()));
        }
        return finish(findings, locale, Vec::new(), 0.0);
    };
    let file = request.get("file").unwrap_or(&Json::Null);
    if !matches!(file, Json::Object(_) | Json::Null) {
        findings.push(
            Finding::new(Code::InvalidStructure, "file", RuleId::Request)
                .param("expected", "object")
                .param("received", file.kind().as_str()),
        );
    }
    let mut missing: Vec<Cow<'static, str>> = Vec::new();
    let mut done = 0u32;
    let mut total = 0u32;
    let mut previous: Option<(NaiveDate, &'static str)> = None;
    for step in procedure.steps {
        total += 1;
        if *step == "fse_questionnaire" {
            if questionnaire(
                file.get("questionnaire"),
                date,
                locale,
                &mut findings,
                &mut missing,
            ) {
                done += 1;
            }
            continue;
        }
        if *step == "interviews" {
            if interviews(
                file.get("interview_dates"),
                procedure.min_interviews,
                date,
                &mut findings,
            ) {
                done += 1;
            } else {
                missing.push(Cow::Borrowed("file.interview_dates"));
            }
            continue;
        }
        let Some(field) = date_field(step) else {
            continue;
        };
        let Some(when) = read_date(file.get(field), field, date, &mut findings) else {
            missing.push(path(field));
            // The committee's decision is read even without its date: both are asked
            // at once, and a refusal is said at once.
            if *step == "committee_decision" {
                committee(file, procedure, &mut findings, &mut missing);
            }
            continue;
        };
        if let Some((before, before_field)) = previous {
            if when < before {
                findings.push(
                    Finding::new(Code::ProcedureOutOfOrder, path(field), RULE)
                        .param("step", *step)
                        .related(&[before_field]),
                );
            }
        }
        previous = Some((when, field));
        if *step == "committee_decision" {
            // A dated decision, whatever it is, is a step done; a refusal or a deferral
            // makes the file invalid (committee_not_accepted).
            if committee(file, procedure, &mut findings, &mut missing) {
                done += 1;
            }
        } else {
            done += 1;
        }
    }
    let proofs: Vec<&str> = match file.get("proofs") {
        Some(Json::Array(items)) => items.iter().filter_map(Json::as_str).collect(),
        None | Some(Json::Null) => Vec::new(),
        Some(other) => {
            findings.push(
                Finding::new(Code::InvalidType, "file.proofs", RULE)
                    .param("expected", "array")
                    .param("received", other.kind().as_str()),
            );
            Vec::new()
        }
    };
    for proof in procedure.proofs {
        total += 1;
        if proofs.contains(proof) {
            done += 1;
        } else {
            let mut p = String::from("file.proofs.");
            p.push_str(proof);
            missing.push(Cow::Owned(p));
        }
    }
    let completeness = if total == 0 {
        1.0
    } else {
        (f64::from(done) * 100.0 / f64::from(total)).round() / 100.0
    };
    finish(findings, locale, missing, completeness)
}

/// The entry committee's decision: whether one is recorded; a refusal or a deferral is
/// said (and the route proposed asked, where the programme states it).
fn committee(
    file: &Json,
    procedure: &programme::Procedure,
    findings: &mut Vec<Finding>,
    missing: &mut Vec<Cow<'static, str>>,
) -> bool {
    match file
        .get("committee_decision")
        .and_then(Json::as_str)
        .map(str::trim)
    {
        Some("accepted") => true,
        Some("refused" | "deferred") => {
            findings.push(Finding::new(
                Code::CommitteeNotAccepted,
                "file.committee_decision",
                RULE,
            ));
            if procedure.alternative.is_some() {
                alternative(file.get("alternative_proposed"), findings);
            }
            true
        }
        Some(_) => {
            findings.push(
                Finding::new(Code::InvalidChoice, "file.committee_decision", RULE)
                    .param("allowed", "accepted, refused, deferred"),
            );
            false
        }
        None => {
            missing.push(Cow::Borrowed("file.committee_decision"));
            false
        }
    }
}

/// A committee that does not accept a candidate proposes another route (when the
/// programme states it): the file records it in `alternative_proposed`, a text.
fn alternative(value: Option<&Json>, findings: &mut Vec<Finding>) {
    match value {
        Some(Json::String(t)) if !t.trim().is_empty() => {}
        None | Some(Json::Null) | Some(Json::String(_)) => findings.push(Finding::new(
            Code::AlternativeRequired,
            "file.alternative_proposed",
            RULE,
        )),
        Some(other) => findings.push(
            Finding::new(Code::InvalidType, "file.alternative_proposed", RULE)
                .param("expected", "string")
                .param("received", other.kind().as_str()),
        ),
    }
}

/// The `interviews` step: at least `min` individual interviews on distinct dates, none
/// after the decision date, listed in `file.interview_dates`.
fn interviews(
    value: Option<&Json>,
    min: u32,
    decision: NaiveDate,
    findings: &mut Vec<Finding>,
) -> bool {
    let items = match value {
        None | Some(Json::Null) => return false,
        Some(Json::Array(items)) => items,
        Some(other) => {
            findings.push(
                Finding::new(Code::InvalidType, "file.interview_dates", RULE)
                    .param("expected", "array")
                    .param("received", other.kind().as_str()),
            );
            return false;
        }
    };
    let mut dates: Vec<NaiveDate> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut field = String::from("interview_dates[");
        crate::calendar::push_int(&mut field, i64::try_from(i).unwrap_or(i64::MAX));
        field.push(']');
        if let Some(d) = read_date(Some(item), &field, decision, findings) {
            if !dates.contains(&d) {
                dates.push(d);
            }
        }
    }
    dates.len() >= min as usize
}

fn read_date(
    value: Option<&Json>,
    field: &str,
    decision: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Option<NaiveDate> {
    let text = match value? {
        Json::Null => return None,
        Json::String(t) if t.trim().is_empty() => return None,
        Json::String(t) => t.trim(),
        other => {
            findings.push(
                Finding::new(Code::InvalidType, path(field), RULE)
                    .param("expected", "string")
                    .param("received", other.kind().as_str()),
            );
            return None;
        }
    };
    match parse_iso_date(text) {
        Ok(d) if d > decision => {
            findings.push(Finding::new(Code::DateAfterReference, path(field), RULE));
            None
        }
        Ok(d) => Some(d),
        Err(DateError::Format) => {
            findings.push(Finding::new(Code::InvalidDateFormat, path(field), RULE));
            None
        }
        Err(DateError::Nonexistent) => {
            findings.push(Finding::new(Code::NonexistentDate, path(field), RULE));
            None
        }
    }
}

/// The FSE entry questionnaire, through the questionnaire validator at the decision
/// date: its findings and missing fields come back under `file.questionnaire.`.
fn questionnaire(
    data: Option<&Json>,
    date: NaiveDate,
    locale: Locale,
    findings: &mut Vec<Finding>,
    missing: &mut Vec<Cow<'static, str>>,
) -> bool {
    let Some(data) = data.filter(|d| !matches!(d, Json::Null)) else {
        missing.push(Cow::Borrowed("file.questionnaire"));
        return false;
    };
    let settings = Settings {
        phase: Phase::Entry,
        reference: Some(date),
        locale,
        options: Options::default(),
    };
    let form = Form::with_data(settings, Vec::new(), data);
    let report = form.checked();
    let prefix = |p: &str| {
        let mut s = String::from("file.questionnaire.");
        s.push_str(p);
        Cow::Owned(s)
    };
    for mut f in report.findings {
        f.path = prefix(&f.path);
        findings.push(f);
    }
    missing.extend(report.missing.iter().map(|p| prefix(p)));
    if !report.valid {
        findings.push(
            Finding::new(Code::QuestionnaireInvalid, "file.questionnaire", RULE)
                .param("date", iso(date)),
        );
    }
    report.valid
}

fn finish(
    mut findings: Vec<Finding>,
    locale: Locale,
    missing: Vec<Cow<'static, str>>,
    completeness: f64,
) -> Checked<Infallible> {
    findings.iter_mut().for_each(|f| locale.render(f));
    Checked::new(
        missing.is_empty() && !findings.iter().any(Finding::is_error),
        findings,
        missing,
        completeness,
    )
}
