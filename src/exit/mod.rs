//! Exit classification (EXIT-*): whether an exit the référent proposes counts as
//! positive for the programme, on the date it is pronounced.
//!
//! The programme file lists its positive routes (EXIT-CONTRACT, EXIT-INTERIM,
//! EXIT-AIDED, EXIT-TRAINING, EXIT-BUSINESS, EXIT-APPRENTICESHIP). The routes that
//! apply to the proposed situation are evaluated three-valued, like entry rules; the
//! exit is `positive` when one passes and a proof attests the situation at the exit
//! date (EXIT-PROOF-AT-DATE), `incomplete` while a route or the proof is unknown,
//! `administrative` (moving out, death, retirement), or `other` (abandonment,
//! interruption, breach of the contrat d'engagement, or a situation no route counts).
//! Decisions are in docs/exits.md.

mod interim;

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::{add_months, iso, parse_iso_date, DateError};
use crate::explanation::{programme_ref, ProgrammeRef, Status};
use crate::finding::{Checked, Code, Finding, Param, Params, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme::file::{CERTIFICATIONS, CONTRACT_TYPES};
use crate::programme::{self, Exits, Programme, Route, RouteKind};
use crate::read::{item, path, Reader};

pub use interim::InterimSummary;

/// What the person does at exit, as the référent proposes it.
pub const REASONS: &[&str] = &[
    "employment",
    "temporary_work",
    "training",
    "business_creation",
    "moving_out",
    "death",
    "retirement",
    "abandonment",
    "interruption",
    "breach_of_commitment",
];

/// Proof kinds.
pub const PROOF_KINDS: &[&str] = &[
    "employment_contract",
    "payslip",
    "employer_certificate",
    "mission_statement",
    "training_certificate",
    "business_registration",
    "activity_proof",
];

/// Whether a proof of `kind` attests the situation `reason`.
pub fn attests(kind: &str, reason: &str) -> bool {
    matches!(
        (kind, reason),
        ("employment_contract" | "employer_certificate", "employment")
            | ("payslip", "employment" | "temporary_work")
            | ("mission_statement", "temporary_work")
            | ("training_certificate", "training")
            | (
                "business_registration" | "activity_proof",
                "business_creation"
            )
    )
}

/// The classes of exit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Positive,
    Administrative,
    Other,
    Incomplete,
}

/// The classification and its explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExitDecision {
    pub category: Category,
    /// For a positive exit: durable_employment, qualifying_training, training,
    /// apprenticeship or business_creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub positive_kind: Option<&'static str>,
    /// The classification in words, in the requested language.
    pub summary: String,
    pub programme: ProgrammeRef,
    /// The date the exit is pronounced; every date rule used it.
    pub exit_date: String,
    /// The proposed situation (`exit.reason`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<&'static str>,
    /// Each route that applies to the situation, then the proof rule and the
    /// committee, with their outcome.
    pub rules: Vec<ExitRule>,
    /// When a situation not positive yet can be examined again (a business younger
    /// than its threshold, a contract or training not started).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub re_examine_on: Option<String>,
    /// The best window of temporary-work missions.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub interim: Option<InterimSummary>,
    /// Each proof given, and whether it attests the situation at the exit date.
    pub proofs: Vec<ProofOutcome>,
    /// The contract type of a positive exit in employment, for the portfolio's shares
    /// by contract type (not in the answer: `exit.contract_type` says it).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub contract_type: Option<&'static str>,
}

/// One rule's outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExitRule {
    /// EXIT-CONTRACT, EXIT-PROOF-AT-DATE…
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: RuleId,
    pub status: Status,
    /// What the rule found, in the requested language, without personal values.
    pub message: String,
    pub source: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string | number>"))]
    pub params: Params,
}

/// One proof and what it attests.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProofOutcome {
    pub index: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date: Option<String>,
    pub status: ProofStatus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ProofStatus {
    /// Attests the situation at the exit date.
    Attests,
    /// Dated too long before the exit.
    TooOld,
    /// Dated after the exit.
    AfterExit,
    /// Does not attest this situation.
    WrongKind,
    /// Its kind or date is missing or wrong.
    Unreadable,
}

/// The proposed exit, as read.
pub(crate) struct Proposal {
    pub reason: Option<&'static str>,
    pub contract_type: Option<&'static str>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub employer_is_aci: Option<bool>,
    pub matches_project: Option<bool>,
    pub participant_agrees: Option<bool>,
    pub missions: interim::Missions,
    pub certification: Option<&'static str>,
    pub training_start: Option<NaiveDate>,
    pub training_end: Option<NaiveDate>,
    pub activity_start: Option<NaiveDate>,
    pub activity_end: Option<NaiveDate>,
    pub proofs: Vec<(Option<&'static str>, Option<NaiveDate>)>,
}

pub(crate) const RULE_REQUEST: RuleId = RuleId::Request;

/// A date a request must carry (`exit_date`, `entry_date`…).
pub(crate) fn required_date(
    request: &Json,
    name: &'static str,
    missing_code: Code,
    findings: &mut Vec<Finding>,
) -> Option<NaiveDate> {
    match request.get(name) {
        Some(Json::String(t)) if !t.trim().is_empty() => match parse_iso_date(t.trim()) {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if e == DateError::Format {
                    Code::InvalidDateFormat
                } else {
                    Code::NonexistentDate
                };
                findings.push(Finding::new(code, name, RULE_REQUEST));
                None
            }
        },
        None | Some(Json::Null) | Some(Json::String(_)) => {
            findings.push(Finding::new(missing_code, name, RULE_REQUEST));
            None
        }
        Some(other) => {
            findings.push(
                Finding::new(Code::InvalidType, name, RULE_REQUEST)
                    .param("expected", "string")
                    .param("received", other.kind().as_str()),
            );
            None
        }
    }
}

/// The programme a request names, in force on `date`, or a finding.
pub(crate) fn find_programme(
    request: &Json,
    date: Option<NaiveDate>,
    date_field: &'static str,
    findings: &mut Vec<Finding>,
) -> Option<&'static Programme> {
    let id = request
        .get("programme")
        .and_then(Json::as_str)
        .unwrap_or("");
    let found = programme::find(id, date);
    if found.is_none() {
        findings.push(programme::unknown(|_| true));
    }
    if let (Some(p), Some(d)) = (found, date) {
        if !p.in_force(d) {
            findings.push(
                Finding::new(Code::ProgrammeNotInForce, date_field, RULE_REQUEST)
                    .param("from", crate::calendar::iso_tuple(p.dates[0]))
                    .param("to", crate::calendar::iso_tuple(p.dates[1])),
            );
        }
    }
    found
}

/// Renders every finding and builds the report.
pub(crate) fn finish<P>(
    mut findings: Vec<Finding>,
    locale: Locale,
    settled: bool,
    missing: Vec<Cow<'static, str>>,
    completeness: f64,
) -> Checked<P> {
    for f in findings.iter_mut() {
        let shown = locale.exit_params(&f.params);
        locale.render_with(f, &shown);
    }
    let valid = settled && missing.is_empty() && !findings.iter().any(Finding::is_error);
    Checked::new(valid, findings, missing, completeness)
}

/// Answers `{ check: "exit", programme, exit_date, entry_date?, locale, exit }`.
pub fn run(request: &Json, locale: Locale, mut findings: Vec<Finding>) -> Checked<ExitDecision> {
    let exit_date = required_date(request, "exit_date", Code::ExitDateRequired, &mut findings);
    let programme = find_programme(request, exit_date, "exit_date", &mut findings);
    let entry_date = Reader {
        findings: &mut findings,
        rule: RULE_REQUEST,
    }
    .date(request, "", "entry_date");
    let (Some(programme), Some(exit_date)) = (programme, exit_date) else {
        return finish(findings, locale, false, Vec::new(), 0.0);
    };
    if entry_date.is_some_and(|e| e > exit_date) {
        findings.push(Finding::new(
            Code::ExitBeforeEntry,
            "exit_date",
            RULE_REQUEST,
        ));
    }
    let Some(exits) = &programme.exits else {
        findings.push(Finding::new(Code::NoExitRules, "programme", RULE_REQUEST));
        return finish(findings, locale, false, Vec::new(), 0.0);
    };
    let mut missing = Vec::new();
    let decision = classify(
        programme,
        exits,
        request.get("exit"),
        "exit",
        exit_date,
        entry_date,
        locale,
        &mut findings,
        &mut missing,
    );
    let settled = decision.category != Category::Incomplete;
    let completeness = if settled { 1.0 } else { 0.0 };
    let mut report = finish(findings, locale, settled, missing, completeness);
    report.part = Some(decision);
    report
}

/// Reads a proposal at `at` (`exit`, `exits[3].exit`).
pub(crate) fn read_proposal(
    value: Option<&Json>,
    at: &str,
    exit_date: NaiveDate,
    entry_date: Option<NaiveDate>,
    findings: &mut Vec<Finding>,
) -> Proposal {
    let mut r = Reader {
        findings,
        rule: RULE_REQUEST,
    };
    let empty = Json::Object(Vec::new());
    let obj = r.object(value, at).unwrap_or(&empty);
    let mut p = Proposal {
        reason: r.choice(obj, at, "reason", REASONS),
        contract_type: r.choice(obj, at, "contract_type", CONTRACT_TYPES),
        contract_start: r.date(obj, at, "contract_start"),
        contract_end: r.date(obj, at, "contract_end"),
        employer_is_aci: r.flag(obj, at, "employer_is_aci"),
        matches_project: r.flag(obj, at, "matches_project"),
        participant_agrees: r.flag(obj, at, "participant_agrees"),
        missions: interim::Missions::default(),
        certification: r.choice(obj, at, "certification", CERTIFICATIONS),
        training_start: r.date(obj, at, "training_start"),
        training_end: r.date(obj, at, "training_end"),
        activity_start: r.date(obj, at, "activity_start"),
        activity_end: r.date(obj, at, "activity_end"),
        proofs: Vec::new(),
    };
    for (start, end, name) in [
        (p.contract_start, p.contract_end, "contract_end"),
        (p.training_start, p.training_end, "training_end"),
        (p.activity_start, p.activity_end, "activity_end"),
    ] {
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                r.findings.push(Finding::new(
                    Code::EndBeforeStart,
                    path(at, name),
                    RULE_REQUEST,
                ));
            }
        }
    }
    let missions_at = path(at, "missions");
    let list = r.list(obj.get("missions"), &missions_at);
    p.missions = interim::Missions::read(list, &missions_at, exit_date, entry_date, &mut r);
    let proofs_at = path(at, "proofs");
    for (i, proof) in r.list(obj.get("proofs"), &proofs_at).iter().enumerate() {
        let here = item(&proofs_at, i);
        match r.entry(proof, &here) {
            Some(o) => {
                let kind = r.choice(o, &here, "kind", PROOF_KINDS);
                let date = r.date(o, &here, "date");
                p.proofs.push((kind, date));
            }
            None => p.proofs.push((None, None)),
        }
    }
    p
}

/// One route's or rule's evaluation before rendering.
struct Eval {
    rule: RuleId,
    source: &'static str,
    status: Status,
    key: &'static str,
    params: Params,
    missing: Vec<&'static str>,
    re_examine_on: Option<NaiveDate>,
    positive_kind: &'static str,
    /// A contract route waiting only for the contract's start or end that passes
    /// exactly when the contract runs on the exit date, which the aided-contract route
    /// needs too (so its questions cannot change the outcome).
    passes_if_running: bool,
}

impl Eval {
    fn of(rule: RuleId, source: &'static str, status: Status, key: &'static str) -> Eval {
        Eval {
            rule,
            source,
            status,
            key,
            params: Params::default(),
            missing: Vec::new(),
            re_examine_on: None,
            positive_kind: "",
            passes_if_running: false,
        }
    }
    fn new(route: &'static Route, status: Status, key: &'static str) -> Eval {
        Eval {
            positive_kind: &route.positive_kind,
            ..Eval::of(route.id, &route.source, status, key)
        }
    }
    fn param(mut self, name: &'static str, value: impl Into<Param>) -> Eval {
        self.params.0.push((name, value.into()));
        self
    }
    fn unknown(route: &'static Route, key: &'static str, missing: &[&'static str]) -> Eval {
        let mut e = Eval::new(route, Status::Unknown, key);
        e.missing.extend_from_slice(missing);
        e
    }
}

/// `date` plus `months` months under the file's month-end rule: 31 August + 6 months
/// is 28 (29) February, or 1 March with `next_day`.
pub(crate) fn months_after(date: NaiveDate, months: u32, next_day: bool) -> Option<NaiveDate> {
    let r = add_months(date, months)?;
    if next_day && r.day() != date.day() {
        r.succ_opt()
    } else {
        Some(r)
    }
}

/// The situation does not hold on the exit date, whatever else is known: it starts
/// after it, or ended before it. Checked before anything is asked, so that no question
/// is asked whose answer cannot change the outcome (docs/exits.md).
fn not_at_exit(
    route: &'static Route,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    exit: NaiveDate,
) -> Option<Eval> {
    match (start, end) {
        (Some(s), _) if s > exit => {
            let mut e = Eval::new(route, Status::Failed, "route.not_started").param("from", iso(s));
            e.re_examine_on = Some(s);
            Some(e)
        }
        (_, Some(end)) if end < exit => {
            Some(Eval::new(route, Status::Failed, "route.ended_before_exit"))
        }
        _ => None,
    }
}

/// EXIT-CONTRACT, EXIT-APPRENTICESHIP, EXIT-AIDED, EXIT-INTERIM, EXIT-TRAINING,
/// EXIT-BUSINESS — evaluates one route: failed as soon as a known fact fails it
/// (whatever is unknown), unknown with the facts that could still decide it, passed.
fn evaluate(route: &'static Route, p: &Proposal, exit: NaiveDate, next_day: bool) -> Eval {
    match &route.kind {
        // EXIT-CONTRACT, EXIT-APPRENTICESHIP
        RouteKind::Contract {
            more_than_months, ..
        } => {
            if let Some(ct) = p.contract_type {
                if !applies(route, ct) {
                    return Eval::new(route, Status::Failed, "contract.excluded")
                        .param("contract_type", ct);
                }
            }
            if let Some(e) = not_at_exit(route, p.contract_start, p.contract_end, exit) {
                return e;
            }
            // Too short, whatever its type: a contract with both dates known.
            if let (Some(start), Some(end), true) =
                (p.contract_start, p.contract_end, *more_than_months > 0)
            {
                if let Some(mark) = months_after(start, *more_than_months, next_day) {
                    if end < mark {
                        return Eval::new(route, Status::Failed, "contract.too_short")
                            .param("months", *more_than_months)
                            .param("mark", iso(mark));
                    }
                }
            }
            let Some(ct) = p.contract_type else {
                return Eval::unknown(route, "contract.type_unknown", &["contract_type"]);
            };
            let Some(start) = p.contract_start else {
                // Long enough from any start on or before the exit date: it passes
                // exactly when the contract has started by then.
                let mut e = Eval::unknown(route, "route.start_unknown", &["contract_start"]);
                e.passes_if_running = match p.contract_end {
                    None => ct == "cdi" || *more_than_months == 0,
                    Some(end) => {
                        months_after(exit, *more_than_months, next_day).is_some_and(|m| m <= end)
                    }
                };
                return e;
            };
            if *more_than_months == 0 {
                return Eval::new(route, Status::Passed, "contract.passed_any")
                    .param("contract_type", ct);
            }
            let Some(mark) = months_after(start, *more_than_months, next_day) else {
                return Eval::unknown(route, "route.start_unknown", &["contract_start"]);
            };
            match (ct, p.contract_end) {
                ("cdi", None) => Eval::new(route, Status::Passed, "contract.open_ended")
                    .param("months", *more_than_months),
                (_, None) => {
                    let mut e = Eval::unknown(route, "contract.end_unknown", &["contract_end"])
                        .param("months", *more_than_months);
                    e.passes_if_running = mark <= exit;
                    e
                }
                (_, Some(end)) if end >= mark => {
                    Eval::new(route, Status::Passed, "contract.passed")
                        .param("months", *more_than_months)
                        .param("mark", iso(mark))
                }
                (_, Some(_)) => Eval::new(route, Status::Failed, "contract.too_short")
                    .param("months", *more_than_months)
                    .param("mark", iso(mark)),
            }
        }
        // EXIT-AIDED
        RouteKind::Aided { except_aci, .. } => {
            if let Some(ct) = p.contract_type {
                if !applies(route, ct) {
                    return Eval::new(route, Status::Failed, "aided.not_aided")
                        .param("contract_type", ct);
                }
            }
            // A condition known to fail decides, whatever the others are.
            if *except_aci && p.employer_is_aci == Some(true) {
                return Eval::new(route, Status::Failed, "aided.aci");
            }
            if p.matches_project == Some(false) {
                return Eval::new(route, Status::Failed, "aided.not_project");
            }
            if p.participant_agrees == Some(false) {
                return Eval::new(route, Status::Failed, "aided.not_agreed");
            }
            if let Some(e) = not_at_exit(route, p.contract_start, p.contract_end, exit) {
                return e;
            }
            let Some(ct) = p.contract_type else {
                return Eval::unknown(route, "contract.type_unknown", &["contract_type"]);
            };
            // Asked in order: whether the employer is an ACI, then the project and the
            // agreement.
            if *except_aci && p.employer_is_aci.is_none() {
                return Eval::unknown(route, "aided.aci_unknown", &["employer_is_aci"]);
            }
            match (p.matches_project, p.participant_agrees) {
                (None, None) => {
                    return Eval::unknown(
                        route,
                        "aided.unknown",
                        &["matches_project", "participant_agrees"],
                    )
                }
                (None, _) => return Eval::unknown(route, "aided.unknown", &["matches_project"]),
                (_, None) => return Eval::unknown(route, "aided.unknown", &["participant_agrees"]),
                _ => {}
            }
            if p.contract_start.is_none() {
                return Eval::unknown(route, "route.start_unknown", &["contract_start"]);
            }
            Eval::new(route, Status::Passed, "aided.passed").param("contract_type", ct)
        }
        // EXIT-INTERIM (the hours are counted in interim.rs)
        RouteKind::Interim {
            min_hours,
            window_months,
            ..
        } => {
            let best = &p.missions.best;
            let hours = interim::hours_text(best.as_ref().map_or(0, |b| b.hundredths));
            let enough = best
                .as_ref()
                .is_some_and(|b| b.hundredths >= i64::from(*min_hours) * 100);
            if enough {
                let b = best.as_ref();
                return Eval::new(route, Status::Passed, "interim.passed")
                    .param("months", *window_months)
                    .param("hours", hours)
                    .param("min_hours", *min_hours)
                    .param("from", b.map(|b| iso(b.from)).unwrap_or_default())
                    .param("to", b.map(|b| iso(b.to)).unwrap_or_default());
            }
            if p.missions.read == 0 {
                return Eval::unknown(route, "interim.none", &["missions"]);
            }
            if p.missions.unreadable > 0 {
                return Eval::unknown(route, "interim.unreadable", &["missions"])
                    .param("hours", hours)
                    .param("min_hours", *min_hours)
                    .param("count", p.missions.unreadable);
            }
            Eval::new(route, Status::Failed, "interim.too_few")
                .param("months", *window_months)
                .param("hours", hours)
                .param("min_hours", *min_hours)
        }
        // EXIT-TRAINING
        RouteKind::Training { certifications } => {
            match p.certification {
                Some(c) if c == "no_certification" && !certifications.is_empty() => {
                    return Eval::new(route, Status::Failed, "training.not_qualifying")
                }
                Some(c) if !certifications.is_empty() && !certifications.iter().any(|x| x == c) => {
                    return Eval::new(route, Status::Failed, "training.not_qualifying")
                }
                _ => {}
            }
            if let Some(e) = not_at_exit(route, p.training_start, p.training_end, exit) {
                return e;
            }
            // Asked only where it decides: a route that counts any training does not.
            if p.certification.is_none() && !certifications.is_empty() {
                return Eval::unknown(route, "training.unknown", &["certification"]);
            }
            if p.training_start.is_none() {
                return Eval::unknown(route, "route.start_unknown", &["training_start"]);
            }
            Eval::new(route, Status::Passed, "training.passed")
        }
        // EXIT-BUSINESS
        RouteKind::Business { more_than_months } => {
            let Some(start) = p.activity_start else {
                if p.activity_end.is_some_and(|end| end < exit) {
                    return Eval::new(route, Status::Failed, "route.ended_before_exit");
                }
                return Eval::unknown(route, "route.start_unknown", &["activity_start"]);
            };
            let Some(mark) = months_after(start, *more_than_months, next_day) else {
                return Eval::unknown(route, "route.start_unknown", &["activity_start"]);
            };
            match p.activity_end {
                Some(end) if end < mark => {
                    return Eval::new(route, Status::Failed, "business.ended_early")
                        .param("months", *more_than_months)
                }
                Some(end) if end < exit => {
                    return Eval::new(route, Status::Failed, "route.ended_before_exit")
                }
                _ => {}
            }
            if start > exit || exit < mark {
                let mut e = Eval::new(route, Status::Failed, "business.too_young")
                    .param("months", *more_than_months)
                    .param("mark", iso(mark));
                e.re_examine_on = Some(mark);
                return e;
            }
            Eval::new(route, Status::Passed, "business.passed").param("months", *more_than_months)
        }
    }
}

/// Whether a contract route's types include `ct`.
fn applies(route: &Route, ct: &str) -> bool {
    match &route.kind {
        RouteKind::Contract {
            contract_types,
            except,
            ..
        } => {
            (contract_types.is_empty() || contract_types.iter().any(|x| x == ct))
                && !except.iter().any(|x| x == ct)
        }
        RouteKind::Aided { contract_types, .. } => contract_types.iter().any(|x| x == ct),
        _ => true,
    }
}

/// Whether a route is about the proposed situation (a contract route is shown for
/// the types it names or excludes).
fn relevant(route: &Route, reason: &str, ct: Option<&str>) -> bool {
    match &route.kind {
        RouteKind::Contract {
            contract_types,
            except,
            ..
        } => {
            reason == "employment"
                && ct.is_none_or(|ct| {
                    contract_types.is_empty()
                        || contract_types.iter().any(|x| x == ct)
                        || except.iter().any(|x| x == ct)
                })
        }
        RouteKind::Aided { contract_types, .. } => {
            reason == "employment" && ct.is_none_or(|ct| contract_types.iter().any(|x| x == ct))
        }
        RouteKind::Interim { .. } => reason == "temporary_work",
        RouteKind::Training { .. } => reason == "training",
        RouteKind::Business { .. } => reason == "business_creation",
    }
}

/// Classifies a proposal read from `value` at path `at`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn classify(
    programme: &'static Programme,
    exits: &'static Exits,
    value: Option<&Json>,
    at: &str,
    exit_date: NaiveDate,
    entry_date: Option<NaiveDate>,
    locale: Locale,
    findings: &mut Vec<Finding>,
    missing: &mut Vec<Cow<'static, str>>,
) -> ExitDecision {
    let next_day = exits.month_end_next_day();
    let interim = exits.routes.iter().find_map(|r| match &r.kind {
        RouteKind::Interim {
            window_months,
            straddling,
            min_hours,
        } => Some((
            *window_months,
            straddling.as_deref() == Some("prorate"),
            *min_hours,
        )),
        _ => None,
    });
    let mut p = read_proposal(value, at, exit_date, entry_date, findings);
    if let Some((months, prorate, _)) = interim {
        p.missions.compute(months, prorate, next_day);
    }
    let mut rules: Vec<ExitRule> = Vec::new();
    let mut need: Vec<&'static str> = Vec::new();
    let render = |e: &Eval| ExitRule {
        rule: e.rule,
        status: e.status,
        message: locale.explain(e.key, &locale.exit_params(&e.params)),
        source: e.source,
        params: e.params.clone(),
    };
    let category;
    let mut positive_kind = None;
    let mut re_examine_on: Option<NaiveDate> = None;
    let mut proofs = Vec::new();
    let mut summary_params = Params::default();
    let summary_key;
    // Proofs whose kind or date is still to give (`proofs[2].kind`).
    let mut proof_needs: Vec<String> = Vec::new();
    match p.reason {
        None => {
            need.push("reason");
            category = Category::Incomplete;
            summary_key = "exit.incomplete";
        }
        // EXIT-OTHER: administrative exits, and exits at the programme's or the
        // participant's initiative, are not positive.
        Some(reason @ ("moving_out" | "death" | "retirement")) => {
            category = Category::Administrative;
            summary_params.0.push(("reason", Param::from(reason)));
            summary_key = "exit.administrative";
        }
        Some(reason @ ("abandonment" | "interruption" | "breach_of_commitment")) => {
            category = Category::Other;
            summary_params.0.push(("reason", Param::from(reason)));
            summary_key = "exit.initiative";
        }
        Some(reason) => {
            summary_params.0.push(("reason", Param::from(reason)));
            let evals: Vec<Eval> = exits
                .routes
                .iter()
                .filter(|r| relevant(r, reason, p.contract_type))
                .map(|r| evaluate(r, &p, exit_date, next_day))
                .collect();
            let passed = evals.iter().find(|e| e.status == Status::Passed);
            let unknown = evals.iter().any(|e| e.status == Status::Unknown);
            // A contract route that passes exactly when the contract runs on the exit
            // date settles the outcome with its end date alone: the aided-contract
            // conditions cannot change it.
            let decided_by_end = evals
                .iter()
                .position(|e| e.status == Status::Unknown && e.passes_if_running);
            for (i, e) in evals.iter().enumerate() {
                rules.push(render(e));
                let moot =
                    decided_by_end.is_some_and(|first| i > first) && e.rule == RuleId::ExitAided;
                if passed.is_none() && !moot {
                    need.extend(e.missing.iter().copied());
                }
                if let Some(d) = e.re_examine_on {
                    re_examine_on = Some(re_examine_on.map_or(d, |r: NaiveDate| r.min(d)));
                }
            }
            let proof_ok = match &exits.proof {
                None => true,
                Some(rule) => {
                    let (e, outcomes, incomplete) =
                        proof_rule(rule, &p, reason, exit_date, at, findings);
                    proofs = outcomes;
                    let ok = e.status == Status::Passed;
                    if passed.is_some() && !ok {
                        need.extend(e.missing.iter().copied());
                        proof_needs = incomplete;
                    }
                    rules.push(render(&e));
                    ok
                }
            };
            (category, summary_key) = match passed {
                Some(e) if proof_ok => {
                    positive_kind = Some(e.positive_kind);
                    summary_params
                        .0
                        .push(("kind", Param::from(e.positive_kind)));
                    (Category::Positive, "exit.positive")
                }
                Some(_) => (Category::Incomplete, "exit.proof_needed"),
                None if unknown => (Category::Incomplete, "exit.incomplete"),
                None if evals.is_empty() => (Category::Other, "exit.no_route"),
                None => (Category::Other, "exit.not_positive"),
            };
            if category == Category::Positive {
                re_examine_on = None;
            }
        }
    }
    if let Some(source) = exits.committee.as_deref() {
        let e = Eval::of(
            RuleId::ExitCommittee,
            source,
            Status::Information,
            "exit.committee",
        );
        rules.push(render(&e));
    }
    for n in need
        .into_iter()
        .chain(proof_needs.iter().map(String::as_str))
    {
        let m = path(at, n);
        if !missing.contains(&m) {
            missing.push(m);
        }
    }
    if category == Category::Incomplete && missing.is_empty() {
        // Every incomplete answer says what would complete it: here, the proposal.
        missing.push(Cow::Owned(String::from(at)));
    }
    summary_params
        .0
        .push(("missing", Param::Int(missing.len() as i64)));
    if let Some(d) = re_examine_on {
        summary_params
            .0
            .push(("re_examine_on", Param::from(iso(d))));
    }
    let summary_key = if summary_key == "exit.not_positive" && re_examine_on.is_some() {
        "exit.not_yet"
    } else {
        summary_key
    };
    ExitDecision {
        category,
        positive_kind,
        summary: locale.explain(summary_key, &locale.exit_params(&summary_params)),
        programme: programme_ref(programme),
        exit_date: iso(exit_date),
        reason: p.reason,
        rules,
        re_examine_on: re_examine_on.map(iso),
        interim: interim
            .filter(|_| p.reason == Some("temporary_work"))
            .and_then(|(_, _, min_hours)| p.missions.summary(min_hours)),
        proofs,
        contract_type: if category == Category::Positive && p.reason == Some("employment") {
            p.contract_type
        } else {
            None
        },
    }
}

/// EXIT-PROOF-AT-DATE: at least one proof of a kind that attests the situation,
/// dated at most `max_age_days` before the exit date and not after it. A proof without
/// its kind has its date checked all the same; one whose missing kind or date could
/// still make it attest is asked for by its path (`proofs[2].kind`), in the returned
/// list, when no other proof attests.
fn proof_rule(
    rule: &'static programme::ExitProof,
    p: &Proposal,
    reason: &str,
    exit: NaiveDate,
    at: &str,
    findings: &mut Vec<Finding>,
) -> (Eval, Vec<ProofOutcome>, Vec<String>) {
    let proofs_at = path(at, "proofs");
    let mut outcomes = Vec::new();
    let mut attesting = 0usize;
    let mut too_old = 0;
    let mut incomplete: Vec<String> = Vec::new();
    for (i, (kind, date)) in p.proofs.iter().enumerate() {
        let here = item(&proofs_at, i);
        let status = match (kind, date) {
            (Some(k), _) if !attests(k, reason) => {
                findings.push(
                    Finding::new(Code::ProofWrongKind, path(&here, "kind"), rule.id)
                        .param("kind", *k),
                );
                ProofStatus::WrongKind
            }
            (_, Some(d)) if *d > exit => {
                findings.push(Finding::new(
                    Code::ProofAfterExit,
                    path(&here, "date"),
                    rule.id,
                ));
                ProofStatus::AfterExit
            }
            (_, Some(d))
                if crate::calendar::days_between(*d, exit) > i64::from(rule.max_age_days) =>
            {
                too_old += 1;
                findings.push(
                    Finding::new(Code::ExitProofTooOld, path(&here, "date"), rule.id)
                        .param("days", rule.max_age_days),
                );
                ProofStatus::TooOld
            }
            (Some(_), Some(_)) => {
                attesting += 1;
                ProofStatus::Attests
            }
            (None, Some(_)) => {
                incomplete.push(item("proofs", i) + ".kind");
                ProofStatus::Unreadable
            }
            (Some(_), None) => {
                incomplete.push(item("proofs", i) + ".date");
                ProofStatus::Unreadable
            }
            (None, None) => ProofStatus::Unreadable,
        };
        outcomes.push(ProofOutcome {
            index: i as u32,
            kind: *kind,
            date: date.map(iso),
            status,
        });
    }
    let e = if attesting > 0 {
        incomplete.clear();
        Eval::of(rule.id, &rule.source, Status::Passed, "proof.passed").param("count", attesting)
    } else {
        let key = if too_old > 0 {
            "proof.too_old"
        } else {
            "proof.none"
        };
        let mut e =
            Eval::of(rule.id, &rule.source, Status::Unknown, key).param("days", rule.max_age_days);
        if incomplete.is_empty() {
            e.missing.push("proofs");
        }
        e
    };
    (e, outcomes, incomplete)
}

impl From<usize> for Param {
    fn from(v: usize) -> Self {
        Param::Int(v as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_ends_follow_the_file_rule() {
        // last_day (default, article 641 CPC): the month's last day.
        assert_eq!(months_after(d(2018, 8, 31), 6, false), Some(d(2019, 2, 28)));
        assert_eq!(months_after(d(2019, 8, 31), 6, false), Some(d(2020, 2, 29)));
        assert_eq!(months_after(d(2018, 1, 2), 6, false), Some(d(2018, 7, 2)));
        // next_day: the day after the shorter month's end.
        assert_eq!(months_after(d(2018, 8, 31), 6, true), Some(d(2019, 3, 1)));
        assert_eq!(months_after(d(2019, 8, 31), 6, true), Some(d(2020, 3, 1)));
        assert_eq!(months_after(d(2019, 8, 30), 6, true), Some(d(2020, 3, 1)));
        assert_eq!(months_after(d(2018, 1, 2), 6, true), Some(d(2018, 7, 2)));
        assert_eq!(
            months_after(d(2020, 2, 29), 12, false),
            Some(d(2021, 2, 28))
        );
        assert_eq!(months_after(d(2020, 2, 29), 12, true), Some(d(2021, 3, 1)));
    }

    #[test]
    fn hours_are_written_without_float_noise() {
        assert_eq!(interim::hours_text(121_500), "1215");
        assert_eq!(interim::hours_text(121_450), "1214.5");
        assert_eq!(interim::hours_text(121_499), "1214.99");
        assert_eq!(interim::hours_text(5), "0.05");
    }
}
