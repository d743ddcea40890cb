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

mod exit_aided;
mod exit_business;
mod exit_contract;
mod exit_interim;
mod exit_proof_at_date;
mod exit_training;

use exit_proof_at_date::proof_rule;

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

pub use exit_interim::InterimSummary;

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
    pub missions: exit_interim::Missions,
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
                    .param("from", crate::calendar::iso_tuple(p.valid_from))
                    .param("to", crate::calendar::iso_tuple(p.valid_to)),
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
        missions: exit_interim::Missions::default(),
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
    p.missions = exit_interim::Missions::read(list, &missions_at, exit_date, entry_date, &mut r);
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
    fn new(route: &Route, status: Status, key: &'static str) -> Eval {
        Eval {
            positive_kind: route.positive_kind,
            ..Eval::of(route.id, route.source, status, key)
        }
    }
    fn param(mut self, name: &'static str, value: impl Into<Param>) -> Eval {
        self.params.0.push((name, value.into()));
        self
    }
    fn unknown(route: &Route, key: &'static str, missing: &[&'static str]) -> Eval {
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
    route: &Route,
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
fn evaluate(route: &Route, p: &Proposal, exit: NaiveDate, next_day: bool) -> Eval {
    match &route.kind {
        RouteKind::Contract {
            more_than_months, ..
        } => exit_contract::contract(route, p, exit, next_day, more_than_months),
        RouteKind::Aided { except_aci, .. } => exit_aided::aided(route, p, exit, except_aci),
        RouteKind::Interim {
            min_hours,
            window_months,
            ..
        } => exit_interim::interim(route, p, min_hours, window_months),
        RouteKind::Training { certifications } => {
            exit_training::training(route, p, exit, certifications)
        }
        RouteKind::Business { more_than_months } => {
            exit_business::business(route, p, exit, next_day, more_than_months)
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
        } => (contract_types.is_empty() || contract_types.contains(&ct)) && !except.contains(&ct),
        RouteKind::Aided { contract_types, .. } => contract_types.contains(&ct),
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
                        || contract_types.contains(&ct)
                        || except.contains(&ct)
                })
        }
        RouteKind::Aided { contract_types, .. } => {
            reason == "employment" && ct.is_none_or(|ct| contract_types.contains(&ct))
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
    let next_day = exits.month_end_next_day;
    let interim = exits.routes.iter().find_map(|r| match r.kind {
        RouteKind::Interim {
            window_months,
            prorate,
            min_hours,
        } => Some((window_months, prorate, min_hours)),
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
    if let Some(source) = exits.committee {
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
        assert_eq!(exit_interim::hours_text(121_500), "1215");
        assert_eq!(exit_interim::hours_text(121_450), "1214.5");
        assert_eq!(exit_interim::hours_text(121_499), "1214.99");
        assert_eq!(exit_interim::hours_text(5), "0.05");
    }
}
