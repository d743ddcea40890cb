//! Entry eligibility: a person's facts against a programme's rules, on a decision date.
//!
//! Every rule of the programme file is evaluated three-valued — passed, failed, or
//! unknown for want of a fact — and the decision follows: `not_eligible` as soon as one
//! rule fails (then nothing more is asked: no fact can change it), `incomplete` while a
//! rule is unknown (with the facts still needed, those that could decide on their own
//! first), `eligible_by_derogation` when the age rule passes only by derogation, else
//! `eligible`. Priority publics are explained, never decisive (ENT-STATUS-NOT-ENOUGH).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{add_months, age_on, iso, iso_tuple, parse_iso_date, DateError};
use crate::finding::{Checked, Code, Finding, Param, Params, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme::file::{FactType, FACTS};
use crate::programme::{self, Programme, RuleKind, Territory};
use crate::territory::{insee_department, postal_department};

mod iae;

pub use crate::explanation::{ProgrammeRef, Status};

/// What the engine decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Eligible,
    EligibleByDerogation,
    NotEligible,
    Incomplete,
}

/// The decision and its explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decision {
    pub outcome: Outcome,
    /// The outcome in words, in the requested language.
    pub summary: String,
    pub programme: ProgrammeRef,
    /// The decision date every date rule used.
    pub decision_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub derogation: Option<DerogationOutcome>,
    /// Every rule of the programme, in the file's order.
    pub rules: Vec<RuleOutcome>,
    /// Priority publics the person belongs to (never decisive).
    pub priority_publics: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DerogationOutcome {
    /// ENT-DEROGATION.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: RuleId,
    /// The fact that opens it (clause_sociale…).
    pub route: &'static str,
    /// Who must sign it off.
    pub signed_by: &'static str,
    /// Whether the sign-off is recorded (`facts.derogation_signed_off`).
    pub recorded: bool,
    pub source: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleOutcome {
    /// The rule identifier (docs/rules.md).
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: RuleId,
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "\"residence\" | \"age\" | \"all_of\" | \"any_of\" | \"priority\" | \"iae_proofs\" | \"iae_exclusive\" | \"iae_threshold\" | \"iae_validity\""
        )
    )]
    pub kind: &'static str,
    pub status: Status,
    /// What the rule found, in the requested language, without personal values.
    pub message: String,
    /// The source the rule comes from: the document's title and section.
    pub source: &'static str,
    /// The facts it read.
    pub facts: Vec<&'static str>,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string | number>"))]
    pub params: Params,
}

/// A programme as a form needs it: what it is, when it applies, and the facts its
/// rules read, in the order they matter.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProgrammeSummary {
    pub id: &'static str,
    pub name: &'static str,
    /// The latest version's validity and source (`versions` lists them all).
    pub valid_from: String,
    pub valid_to: String,
    pub source: &'static str,
    /// Every dated version of the programme, oldest first.
    pub versions: Vec<VersionSummary>,
    /// The facts the latest version's rules read.
    pub facts: Vec<FactSummary>,
    /// The latest version's exit rules (EXIT-CONTRACT…, EXIT-PROOF-AT-DATE): empty when
    /// the programme has none, so an exit page can offer only those that do.
    #[cfg(feature = "exits")]
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub exit_rules: Vec<RuleId>,
    /// The latest version's follow-up rules (FU-MONTHLY…).
    #[cfg(feature = "exits")]
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub follow_up_rules: Vec<RuleId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionSummary {
    pub valid_from: String,
    pub valid_to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FactSummary {
    pub name: &'static str,
    pub label: &'static str,
    #[cfg_attr(
        feature = "ts",
        ts(type = "\"boolean\" | \"date\" | \"text\" | \"criteria\"")
    )]
    pub kind: &'static str,
    /// The rules that read it.
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub rules: Vec<RuleId>,
    /// The values a text fact takes, or the IAE criteria (`rsa:1` = criterion `rsa`,
    /// level 1) a `criteria` fact may claim.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub choices: Vec<String>,
}

/// Every programme, with the facts its rules read (residence first, then in rule
/// order), labelled in `locale`.
pub fn programmes(locale: Locale) -> Vec<ProgrammeSummary> {
    let mut ids: Vec<&'static str> = Vec::new();
    for p in programme::all() {
        if !ids.contains(&p.id) {
            ids.push(p.id);
        }
    }
    ids.into_iter()
        .filter_map(|id| programme::find(id, None))
        .map(|p| {
            // build.rs lists the versions of a programme together, oldest first.
            let versions: Vec<&Programme> = programme::all().filter(|v| v.id == p.id).collect();
            let mut facts: Vec<FactSummary> = Vec::new();
            let mut add = |name: &'static str, rule: RuleId| match facts
                .iter_mut()
                .find(|f| f.name == name)
            {
                Some(f) if !f.rules.contains(&rule) => f.rules.push(rule),
                Some(_) => {}
                None => {
                    let kind = match FACTS.iter().find(|(n, _)| *n == name).map(|(_, k)| *k) {
                        Some(FactType::Bool) => "boolean",
                        Some(FactType::Date) => "date",
                        Some(FactType::Criteria) => "criteria",
                        _ => "text",
                    };
                    let label = locale.fact_label(name).unwrap_or(name);
                    let choices = match name {
                        "diagnosed_by" => DIAGNOSED_BY.iter().map(|c| String::from(*c)).collect(),
                        "structure_kind" => {
                            STRUCTURE_KINDS.iter().map(|c| String::from(*c)).collect()
                        }
                        "iae_criteria" => p
                            .criteria
                            .iter()
                            .map(|c| {
                                let mut s = String::from(c.id);
                                s.push_str(if c.level == 1 { ":1" } else { ":2" });
                                s
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    facts.push(FactSummary {
                        name,
                        label,
                        kind,
                        rules: alloc::vec![rule],
                        choices,
                    });
                }
            };
            for rule in p.rules {
                match &rule.kind {
                    RuleKind::Residence => ["postal_code", "commune_name", "commune_insee"]
                        .into_iter()
                        .for_each(|f| add(f, rule.id)),
                    RuleKind::Age { derogation, .. } => {
                        add("birth_date", rule.id);
                        if let Some(d) = derogation {
                            d.routes.iter().for_each(|r| add(r, d.id));
                            add("derogation_signed_off", d.id);
                        }
                    }
                    RuleKind::AllOf(list) => list.iter().for_each(|f| add(f, rule.id)),
                    RuleKind::AnyOf(conditions) => conditions.iter().for_each(|c| {
                        if let Some(f) = c.fact {
                            add(f, rule.id);
                        }
                        if let Some((since, _)) = c.since {
                            add(since, rule.id);
                        }
                    }),
                    RuleKind::IaeProofs => {
                        add("iae_criteria", rule.id);
                        add("birth_date", rule.id);
                    }
                    RuleKind::IaeExclusive(_) => add("iae_criteria", rule.id),
                    RuleKind::IaeThreshold(_) => {
                        add("diagnosed_by", rule.id);
                        add("structure_kind", rule.id);
                        add("iae_criteria", rule.id);
                    }
                    RuleKind::IaeValidity { .. } => {
                        add("diagnosed_by", rule.id);
                        add("diagnosis_date", rule.id);
                        add("pass_iae_running", rule.id);
                    }
                    RuleKind::Priority(publics) => {
                        publics.iter().for_each(|public| match *public {
                            "rqth_valid" => {
                                add("rqth", rule.id);
                                add("rqth_end_date", rule.id);
                            }
                            "under_25" => add("birth_date", rule.id),
                            fact => {
                                if let Some((name, _)) = FACTS.iter().find(|(n, _)| *n == fact) {
                                    add(name, rule.id);
                                }
                            }
                        })
                    }
                }
            }
            ProgrammeSummary {
                id: p.id,
                name: p.name,
                valid_from: iso_tuple(p.valid_from),
                valid_to: iso_tuple(p.valid_to),
                source: p.source,
                versions: versions
                    .iter()
                    .map(|v| VersionSummary {
                        valid_from: iso_tuple(v.valid_from),
                        valid_to: iso_tuple(v.valid_to),
                    })
                    .collect(),
                facts,
                #[cfg(feature = "exits")]
                exit_rules: p
                    .exits
                    .iter()
                    .flat_map(|e| {
                        e.routes
                            .iter()
                            .map(|r| r.id)
                            .chain(e.proof.iter().map(|p| p.id))
                    })
                    .collect(),
                #[cfg(feature = "exits")]
                follow_up_rules: p
                    .follow_up
                    .iter()
                    .flat_map(|f| f.rules.iter().map(|r| r.id))
                    .collect(),
            }
        })
        .collect()
}

/// A fact as read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Fact {
    Bool(bool),
    Date(NaiveDate),
    Text(String),
    /// IAE criteria claimed, each with its proof's date, its end of validity, or none
    /// (an identity document).
    Criteria(Vec<(String, Option<NaiveDate>)>),
}

/// The person's facts, by name.
pub(crate) struct Facts(Vec<(&'static str, Fact)>);

impl Facts {
    pub(crate) fn get(&self, name: &str) -> Option<&Fact> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, f)| f)
    }
    pub(crate) fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Fact::Bool(b)) => Some(*b),
            _ => None,
        }
    }
    pub(crate) fn date(&self, name: &str) -> Option<NaiveDate> {
        match self.get(name) {
            Some(Fact::Date(d)) => Some(*d),
            _ => None,
        }
    }
    pub(crate) fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Fact::Text(t)) => Some(t),
            _ => None,
        }
    }
    pub(crate) fn criteria(&self) -> &[(String, Option<NaiveDate>)] {
        match self.get("iae_criteria") {
            Some(Fact::Criteria(c)) => c,
            _ => &[],
        }
    }
}

/// One rule's evaluation, before rendering.
pub(crate) struct Eval {
    pub(crate) status: Status,
    pub(crate) facts: Vec<&'static str>,
    /// Facts still needed, with whether each could decide on its own.
    pub(crate) missing: Vec<(&'static str, bool)>,
    pub(crate) params: Params,
    pub(crate) key: &'static str,
    derogation: Option<DerogationOutcome>,
    publics: Vec<&'static str>,
}

impl Eval {
    pub(crate) fn new(status: Status, key: &'static str) -> Eval {
        Eval {
            status,
            facts: Vec::new(),
            missing: Vec::new(),
            params: Params::default(),
            key,
            derogation: None,
            publics: Vec::new(),
        }
    }
    pub(crate) fn param(mut self, name: &'static str, value: impl Into<Param>) -> Eval {
        self.params.0.push((name, value.into()));
        self
    }
}

const RULE_REQUEST: RuleId = RuleId::Request;

/// The oldest age a birth date may give on the decision date.
const MAX_AGE: i32 = 120;

/// Answers an eligibility request: `{ check: "eligibility", programme, decision_date,
/// locale, facts }`.
pub fn run(request: &Json, locale: Locale, mut findings: Vec<Finding>) -> Checked<Decision> {
    let decision_date = match request.get("decision_date") {
        Some(Json::String(t)) => match parse_iso_date(t.trim()) {
            Ok(d) => Some(d),
            Err(e) => {
                let code = if e == DateError::Format {
                    Code::InvalidDateFormat
                } else {
                    Code::NonexistentDate
                };
                findings.push(Finding::new(code, "decision_date", RULE_REQUEST));
                None
            }
        },
        _ => {
            findings.push(Finding::new(
                Code::DecisionDateRequired,
                "decision_date",
                RULE_REQUEST,
            ));
            None
        }
    };
    let id = request
        .get("programme")
        .and_then(Json::as_str)
        .unwrap_or("");
    let Some(programme) = programme::find(id, decision_date) else {
        findings.push(programme::unknown(|_| true));
        return finish(findings, locale, None, Vec::new(), 0.0);
    };
    let Some(date) = decision_date else {
        return finish(findings, locale, None, Vec::new(), 0.0);
    };
    if !programme.in_force(date) {
        findings.push(
            Finding::new(Code::ProgrammeNotInForce, "decision_date", RULE_REQUEST)
                .param("from", iso_tuple(programme.valid_from))
                .param("to", iso_tuple(programme.valid_to)),
        );
    }
    let facts = read_facts(
        request.get("facts").unwrap_or(&Json::Null),
        date,
        &mut findings,
    );
    let (decision, missing, completeness) = decide(programme, &facts, date, locale, &mut findings);
    finish(findings, locale, Some(decision), missing, completeness)
}

fn finish(
    mut findings: Vec<Finding>,
    locale: Locale,
    decision: Option<Decision>,
    missing: Vec<Cow<'static, str>>,
    completeness: f64,
) -> Checked<Decision> {
    for f in findings.iter_mut() {
        let shown = labelled(&f.params, locale);
        locale.render_with(f, &shown);
    }
    let decided = decision
        .as_ref()
        .is_some_and(|d| d.outcome != Outcome::Incomplete);
    Checked {
        part: decision,
        ..Checked::new(
            decided && missing.is_empty() && !findings.iter().any(Finding::is_error),
            findings,
            missing,
            completeness,
        )
    }
}

fn fact_path(name: &str) -> Cow<'static, str> {
    let mut p = String::from("facts.");
    p.extend(name.chars().take(64));
    Cow::Owned(p)
}

fn read_facts(json: &Json, date: NaiveDate, findings: &mut Vec<Finding>) -> Facts {
    let mut facts = Vec::new();
    let entries = match json {
        Json::Object(e) => e.as_slice(),
        Json::Null => &[],
        other => {
            findings.push(
                Finding::new(Code::InvalidStructure, "facts", RULE_REQUEST)
                    .param("expected", "object")
                    .param("received", other.kind().as_str()),
            );
            &[]
        }
    };
    let mut unknown = 0;
    for (name, raw) in entries {
        let Some(&(fact, kind)) = FACTS.iter().find(|(n, _)| n == name) else {
            unknown += 1;
            if unknown <= 20 {
                findings.push(Finding::new(
                    Code::UnknownField,
                    fact_path(name),
                    RULE_REQUEST,
                ));
            }
            continue;
        };
        let path = fact_path(fact);
        let wrong = |expected: &'static str| {
            Finding::new(Code::InvalidType, path.clone(), RULE_REQUEST)
                .param("expected", expected)
                .param("received", raw.kind().as_str())
        };
        let text = match raw {
            Json::Null => continue,
            Json::String(s) if s.trim().is_empty() => continue,
            Json::String(s) => Some(s.trim()),
            _ => None,
        };
        let value =
            match (kind, raw, text) {
                (FactType::Bool, Json::Bool(b), _) => Ok(Fact::Bool(*b)),
                (FactType::Bool, _, Some(t)) => match t {
                    "true" | "oui" | "yes" => Ok(Fact::Bool(true)),
                    "false" | "non" | "no" => Ok(Fact::Bool(false)),
                    _ => Err(Finding::new(
                        Code::InvalidBoolean,
                        path.clone(),
                        RULE_REQUEST,
                    )),
                },
                (FactType::Bool, _, None) => Err(wrong("boolean")),
                (FactType::Date, _, Some(t)) => match parse_iso_date(t) {
                    // Dates of past events only: an RQTH may end after the decision.
                    Ok(d) if d > date && fact != "rqth_end_date" => Err(Finding::new(
                        Code::DateAfterReference,
                        path.clone(),
                        RULE_REQUEST,
                    )),
                    // No age rule reads an age no one reaches: the birth date is refused
                    // and asked again, for every programme (ENT-AGE, the IAE age criteria).
                    Ok(d) if fact == "birth_date" && age_on(d, date) > MAX_AGE => Err(
                        Finding::new(Code::BirthDateImplausible, path.clone(), RuleId::EntFacts)
                            .param("max", i64::from(MAX_AGE)),
                    ),
                    Ok(d) => Ok(Fact::Date(d)),
                    Err(DateError::Format) => Err(Finding::new(
                        Code::InvalidDateFormat,
                        path.clone(),
                        RULE_REQUEST,
                    )),
                    Err(DateError::Nonexistent) => Err(Finding::new(
                        Code::NonexistentDate,
                        path.clone(),
                        RULE_REQUEST,
                    )),
                },
                (FactType::Date, _, None) => Err(wrong("string")),
                (FactType::Text, _, Some(t)) => read_place(fact, t, path.clone()),
                (FactType::Text, _, None) => Err(wrong("string")),
                (FactType::Criteria, Json::Object(claims), _) => {
                    Ok(Fact::Criteria(read_claims(claims, findings)))
                }
                (FactType::Criteria, _, _) => Err(wrong("object")),
            };
        match value {
            Ok(v) => facts.push((fact, v)),
            Err(f) => findings.push(f),
        }
    }
    if unknown > 20 {
        findings.push(
            Finding::new(Code::TooManyUnknownFields, "facts", RULE_REQUEST).param("max", 20i64),
        );
    }
    let facts = Facts(facts);
    contradictions(&facts, findings);
    facts
}

/// IAE criteria claimed: `{ "rsa": "2026-10-01", "senior": true }` — a proof's date
/// (or end of validity), or `true` for a criterion proven by an identity document.
/// `false` and `null` claim nothing.
fn read_claims(
    claims: &[(String, Json)],
    findings: &mut Vec<Finding>,
) -> Vec<(String, Option<NaiveDate>)> {
    let mut out = Vec::new();
    for (id, value) in claims.iter().take(64) {
        let mut path = String::from("facts.iae_criteria.");
        path.extend(id.chars().take(64));
        match value {
            Json::Bool(true) => out.push((id.clone(), None)),
            Json::Bool(false) | Json::Null => {}
            Json::String(t) => match parse_iso_date(t.trim()) {
                Ok(d) => out.push((id.clone(), Some(d))),
                Err(DateError::Format) => findings.push(Finding::new(
                    Code::InvalidDateFormat,
                    path,
                    RuleId::IaeProof,
                )),
                Err(DateError::Nonexistent) => {
                    findings.push(Finding::new(Code::NonexistentDate, path, RuleId::IaeProof))
                }
            },
            other => findings.push(
                Finding::new(Code::InvalidType, path, RuleId::IaeProof)
                    .param("expected", "string")
                    .param("received", other.kind().as_str()),
            ),
        }
    }
    out
}

/// The text facts: where the person lives, and the IAE diagnosis' words.
/// Who makes an IAE diagnosis.
const DIAGNOSED_BY: &[&str] = &["prescriber", "employer"];
/// The kinds of IAE structure.
const STRUCTURE_KINDS: &[&str] = &["ACI", "EI", "EITI", "ETTI", "AI"];

fn read_place(fact: &'static str, t: &str, path: Cow<'static, str>) -> Result<Fact, Finding> {
    let choice = |allowed: &'static [&'static str]| {
        if allowed.contains(&t) {
            Ok(Fact::Text(t.into()))
        } else {
            Err(
                Finding::new(Code::InvalidChoice, path.clone(), RULE_REQUEST)
                    .param("allowed", allowed.join(", ")),
            )
        }
    };
    let (ok, code) = match fact {
        "diagnosed_by" => return choice(DIAGNOSED_BY),
        "structure_kind" => return choice(STRUCTURE_KINDS),
        "commune_insee" => (insee_department(t).is_some(), Code::InvalidInseeCode),
        "postal_code" => (
            t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) && postal_department(t).is_some(),
            Code::InvalidPostalCode,
        ),
        _ => (
            t.chars().count() <= 100 && !t.chars().any(char::is_control),
            Code::InvalidCharacters,
        ),
    };
    if ok {
        Ok(Fact::Text(t.into()))
    } else {
        Err(Finding::new(code, path, RULE_REQUEST))
    }
}

/// ENT-FACTS — facts that cannot all be true: reported, and the engine goes on with
/// what it has.
fn contradictions(facts: &Facts, findings: &mut Vec<Finding>) {
    let pairs: [(&str, &str, bool); 3] = [
        ("rqth_end_date", "rqth", false),
        ("asylum_request_date", "asylum_seeker", false),
        (
            "without_job_or_training_since",
            "without_job_or_training",
            false,
        ),
    ];
    for (date, flag, expected) in pairs {
        if facts.date(date).is_some() && facts.flag(flag) == Some(expected) {
            findings.push(
                Finding::new(Code::ContradictoryFacts, fact_path(date), RuleId::EntFacts)
                    .param("with", flag),
            );
        }
    }
    // The RSA socle is an RSA.
    if facts.flag("rsa_socle") == Some(true) && facts.flag("rsa") == Some(false) {
        findings.push(
            Finding::new(
                Code::ContradictoryFacts,
                fact_path("rsa_socle"),
                RuleId::EntFacts,
            )
            .param("with", "rsa"),
        );
    }
    if facts.flag("international_protection") == Some(true)
        && facts.flag("asylum_seeker") == Some(true)
    {
        findings.push(
            Finding::new(
                Code::ContradictoryFacts,
                fact_path("asylum_seeker"),
                RuleId::EntFacts,
            )
            .param("with", "international_protection"),
        );
    }
}

fn decide(
    programme: &'static Programme,
    facts: &Facts,
    date: NaiveDate,
    locale: Locale,
    findings: &mut Vec<Finding>,
) -> (Decision, Vec<Cow<'static, str>>, f64) {
    let evals: Vec<Eval> = programme
        .rules
        .iter()
        .map(|rule| evaluate(programme, rule, facts, date, findings))
        .collect();
    let decisive: Vec<&Eval> = evals
        .iter()
        .filter(|e| e.status != Status::Information)
        .collect();
    let failed = decisive.iter().any(|e| e.status == Status::Failed);
    let unknown = decisive.iter().any(|e| e.status == Status::Unknown);
    let derogation = evals.iter().find_map(|e| e.derogation.clone());
    let outcome = if failed {
        Outcome::NotEligible
    } else if unknown {
        Outcome::Incomplete
    } else if derogation.is_some() {
        Outcome::EligibleByDerogation
    } else {
        Outcome::Eligible
    };
    // Nothing is asked once the outcome is settled; otherwise the facts that could
    // decide on their own come first, then the others, each in the file's order.
    let mut facts_needed: Vec<&'static str> = Vec::new();
    if outcome == Outcome::Incomplete {
        for alone in [true, false] {
            for e in &evals {
                for (fact, decides) in &e.missing {
                    if *decides == alone && !facts_needed.contains(fact) {
                        facts_needed.push(fact);
                    }
                }
            }
        }
    }
    let missing: Vec<Cow<'static, str>> = facts_needed.iter().map(|f| fact_path(f)).collect();
    let settled = decisive
        .iter()
        .filter(|e| e.status != Status::Unknown)
        .count();
    let completeness = if decisive.is_empty() {
        1.0
    } else {
        (settled as f64 * 100.0 / decisive.len() as f64).round() / 100.0
    };
    let territory_source = match programme.territory {
        Territory::Communes { source, .. } => Some(source),
        Territory::Departements(_) | Territory::National => None,
    };
    let rules = programme
        .rules
        .iter()
        .zip(&evals)
        .map(|(rule, e)| RuleOutcome {
            rule: rule.id,
            kind: kind_name(&rule.kind),
            status: e.status,
            message: locale.explain(e.key, &labelled(&e.params, locale)),
            source: rule.source,
            facts: e.facts.clone(),
            params: e.params.clone(),
        })
        .collect();
    let mut summary_params = Params::default();
    summary_params
        .0
        .push(("missing", Param::Int(missing.len() as i64)));
    if let Some(d) = &derogation {
        summary_params
            .0
            .push(("signed_by", Param::Text(Cow::Borrowed(d.signed_by))));
    }
    let summary_key = match outcome {
        Outcome::Eligible => "outcome.eligible",
        Outcome::EligibleByDerogation if derogation.as_ref().is_some_and(|d| d.recorded) => {
            "outcome.derogation_recorded"
        }
        Outcome::EligibleByDerogation => "outcome.derogation",
        Outcome::NotEligible => "outcome.not_eligible",
        Outcome::Incomplete => "outcome.incomplete",
    };
    let decision = Decision {
        outcome,
        summary: locale.explain(summary_key, &summary_params),
        programme: ProgrammeRef {
            id: programme.id,
            name: programme.name,
            valid_from: iso_tuple(programme.valid_from),
            valid_to: iso_tuple(programme.valid_to),
            source: programme.source.into(),
            territory_source,
        },
        decision_date: iso(date),
        derogation,
        rules,
        priority_publics: evals
            .iter()
            .flat_map(|e| e.publics.iter().copied())
            .collect(),
    };
    (decision, missing, completeness)
}

/// Message parameters with fact and public codes replaced by their labels: messages
/// speak the prescripteur's words, `params` keep the codes for programs.
fn labelled(params: &Params, locale: Locale) -> Params {
    let label = |code: &str| -> String {
        let public = match code {
            "rqth_valid" => "rqth",
            "under_25" => "birth_date",
            other => other,
        };
        match (code, locale.fact_label(public)) {
            ("under_25", _) => {
                String::from(locale.choice_label("under_25_public").unwrap_or("under_25"))
            }
            (_, Some(l)) => String::from(l),
            (_, None) => String::from(code),
        }
    };
    let mut out = Params::default();
    for (name, value) in &params.0 {
        let value = match (name, value) {
            (&("facts" | "route" | "publics" | "with"), Param::Text(t)) => {
                // A list of codes joined by ", ".
                let mut joined = String::new();
                for (i, code) in t.split(',').enumerate() {
                    if i > 0 {
                        joined.push_str(", ");
                    }
                    joined.push_str(&label(code.trim()));
                }
                Param::Text(Cow::Owned(joined))
            }
            _ => value.clone(),
        };
        out.0.push((name, value));
    }
    out
}

fn kind_name(kind: &RuleKind) -> &'static str {
    match kind {
        RuleKind::Residence => "residence",
        RuleKind::Age { .. } => "age",
        RuleKind::AllOf(_) => "all_of",
        RuleKind::AnyOf(_) => "any_of",
        RuleKind::Priority(_) => "priority",
        RuleKind::IaeProofs => "iae_proofs",
        RuleKind::IaeExclusive(_) => "iae_exclusive",
        RuleKind::IaeThreshold(_) => "iae_threshold",
        RuleKind::IaeValidity { .. } => "iae_validity",
    }
}

/// Every rule of a programme (ENT-*, IAE-*), by its kind: the kind says which
/// function below checks it.
fn evaluate(
    programme: &'static Programme,
    rule: &programme::Rule,
    facts: &Facts,
    date: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Eval {
    match &rule.kind {
        RuleKind::Residence => residence(&programme.territory, facts, findings),
        RuleKind::Age {
            min,
            max,
            derogation,
        } => age(*min, *max, derogation.as_ref(), facts, date),
        RuleKind::AllOf(list) => all_of(list, facts),
        RuleKind::AnyOf(conditions) => any_of(conditions, facts, date),
        RuleKind::Priority(publics) => priority(publics, facts, date),
        RuleKind::IaeProofs => iae::proofs(programme, facts, date, findings),
        RuleKind::IaeExclusive(pairs) => iae::exclusive(programme, pairs, facts, date, findings),
        RuleKind::IaeThreshold(thresholds) => iae::threshold(programme, thresholds, facts, date),
        RuleKind::IaeValidity {
            prescriber,
            employer,
        } => iae::validity(*prescriber, *employer, facts, date),
    }
}

/// ENT-RESIDENCE — by INSEE code, or by postal code (and the commune's name when the
/// postal code is shared by communes inside and outside the territory).
fn residence(territory: &Territory, facts: &Facts, findings: &mut Vec<Finding>) -> Eval {
    let verdict =
        |inside: bool, key_in: &'static str, key_out: &'static str, used: Vec<&'static str>| {
            let mut e = Eval::new(
                if inside {
                    Status::Passed
                } else {
                    Status::Failed
                },
                if inside { key_in } else { key_out },
            );
            e.facts = used;
            e
        };
    if let Some(code) = facts.text("commune_insee") {
        let inside = match territory {
            Territory::Communes { communes, .. } => communes.iter().any(|c| c.insee == code),
            Territory::Departements(list) => {
                insee_department(code).is_some_and(|d| list.contains(&d))
            }
            Territory::National => true,
        };
        if let (
            Territory::Communes {
                communes,
                neighbours,
                ..
            },
            Some(postal),
        ) = (territory, facts.text("postal_code"))
        {
            let known = communes
                .iter()
                .chain(neighbours.iter())
                .find(|c| c.insee == code);
            if known.is_some_and(|c| !c.has_postal_code(postal)) {
                findings.push(
                    Finding::new(
                        Code::ContradictoryFacts,
                        "facts.postal_code",
                        RuleId::EntResidence,
                    )
                    .param("with", "commune_insee"),
                );
            }
        }
        return verdict(
            inside,
            "residence.passed",
            "residence.failed",
            vec!["commune_insee"],
        );
    }
    let Some(postal) = facts.text("postal_code") else {
        let mut e = Eval::new(Status::Unknown, "residence.unknown");
        e.missing.push(("postal_code", true));
        return e;
    };
    match territory {
        Territory::National => verdict(
            true,
            "residence.passed",
            "residence.failed",
            vec!["postal_code"],
        ),
        Territory::Departements(list) => {
            let inside = postal_department(postal).is_some_and(|d| list.contains(&d));
            verdict(
                inside,
                "residence.passed",
                "residence.failed",
                vec!["postal_code"],
            )
        }
        Territory::Communes {
            communes,
            neighbours,
            ..
        } => {
            let has = |c: &programme::Commune| c.has_postal_code(postal);
            let inside: Vec<programme::Commune> = communes.iter().filter(has).collect();
            let outside: Vec<programme::Commune> = neighbours.iter().filter(has).collect();
            if inside.is_empty() || outside.is_empty() {
                return verdict(
                    !inside.is_empty(),
                    "residence.passed",
                    "residence.failed",
                    vec!["postal_code"],
                );
            }
            let named = facts.text("commune_name").map(normalise);
            if let Some(name) = &named {
                if inside.iter().any(|c| normalise(c.name) == *name) {
                    return verdict(
                        true,
                        "residence.passed",
                        "residence.failed",
                        vec!["postal_code", "commune_name"],
                    );
                }
                if outside.iter().any(|c| normalise(c.name) == *name) {
                    return verdict(
                        false,
                        "residence.passed",
                        "residence.failed",
                        vec!["postal_code", "commune_name"],
                    );
                }
            }
            // Shared postal code: ask which commune, never guess.
            let mut names: Vec<&str> = inside
                .iter()
                .chain(outside.iter())
                .map(|c| c.name)
                .collect();
            crate::sort::sort_by_key(&mut names, |n| *n);
            findings.push(
                Finding::new(
                    Code::WhichCommune,
                    "facts.commune_name",
                    RuleId::EntResidence,
                )
                .param("communes", names.join(", ")),
            );
            let mut e = Eval::new(Status::Unknown, "residence.which_commune");
            e.facts = vec!["postal_code"];
            e.missing.push(("commune_name", true));
            e
        }
    }
}

/// Lower case, accents and punctuation folded: "Prémesques" = "premesques",
/// "La Chapelle-d'Armentières" = "la chapelle d armentieres".
fn normalise(name: &str) -> String {
    // French letters are folded by hand: `char::to_lowercase` would bring Unicode's
    // case tables into the module for a handful of accents.
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let folded = match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' => c,
            'à' | 'â' | 'ä' | 'À' | 'Â' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'î' | 'ï' | 'Î' | 'Ï' => 'i',
            'ô' | 'ö' | 'Ô' | 'Ö' => 'o',
            'ù' | 'û' | 'ü' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ÿ' | 'Ÿ' => 'y',
            'œ' | 'Œ' => {
                out.push_str("oe");
                continue;
            }
            'æ' | 'Æ' => {
                out.push_str("ae");
                continue;
            }
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        if folded != ' ' || !out.ends_with(' ') {
            out.push(folded);
        }
    }
    let trimmed = out.trim();
    let trimmed = trimmed
        .strip_prefix("saint ")
        .map_or(trimmed.to_string(), |rest| ["st ", rest].concat());
    trimmed
}

/// ENT-AGE — full years on the decision date (a person whose 26th birthday is the
/// decision date is 26); under the minimum, the derogation's routes.
fn age(
    min: Option<u32>,
    max: Option<u32>,
    derogation: Option<&programme::Derogation>,
    facts: &Facts,
    date: NaiveDate,
) -> Eval {
    let Some(birth) = facts.date("birth_date") else {
        let mut e = Eval::new(Status::Unknown, "age.unknown");
        e.missing.push(("birth_date", true));
        return e;
    };
    let years = age_on(birth, date);
    let bounds = |mut e: Eval| {
        e.facts.push("birth_date");
        e = e.param("age", i64::from(years));
        if let Some(m) = min {
            e = e.param("min", m);
        }
        if let Some(m) = max {
            e = e.param("max", m);
        }
        e
    };
    if max.is_some_and(|m| years > m as i32) {
        return bounds(Eval::new(Status::Failed, "age.too_old"));
    }
    let Some(min) = min.filter(|m| years < *m as i32) else {
        return bounds(Eval::new(Status::Passed, "age.passed"));
    };
    let Some(d) = derogation else {
        return bounds(Eval::new(Status::Failed, "age.too_young")).param("min", min);
    };
    let mut e = bounds(Eval::new(Status::Failed, "age.too_young_no_route"));
    e.facts.extend(d.routes.iter().copied());
    match d.routes.iter().find(|r| facts.flag(r) == Some(true)) {
        Some(route) => {
            let recorded = facts.flag("derogation_signed_off") == Some(true);
            e.status = Status::Derogation;
            e.key = "age.derogation";
            e.facts.push("derogation_signed_off");
            e.params
                .0
                .push(("route", Param::Text(Cow::Borrowed(route))));
            e.params
                .0
                .push(("signed_by", Param::Text(Cow::Borrowed(d.signed_by))));
            e.derogation = Some(DerogationOutcome {
                rule: d.id,
                route,
                signed_by: d.signed_by,
                recorded,
                source: d.source,
            });
        }
        None => {
            let unknown: Vec<&'static str> = d
                .routes
                .iter()
                .copied()
                .filter(|r| facts.flag(r).is_none())
                .collect();
            if !unknown.is_empty() {
                e.status = Status::Unknown;
                e.key = "age.derogation_unknown";
                let last = unknown.len() == 1;
                e.missing.extend(unknown.into_iter().map(|r| (r, last)));
            }
        }
    }
    e
}

/// ENT-DIFFICULTIES, ENT-STATUS-NOT-ENOUGH, ENT-PUBLIC (`all_of`) — every fact of the
/// list is true: the difficulties and the availability to work on them, the motivation
/// (a status alone is not enough), a public such as living in a QPV.
fn all_of(list: &'static [&'static str], facts: &Facts) -> Eval {
    let mut e = Eval::new(Status::Passed, "all_of.passed");
    e.facts = list.to_vec();
    let mut failed = Vec::new();
    for fact in list {
        match facts.flag(fact) {
            Some(true) => {}
            Some(false) => failed.push(*fact),
            None => e.missing.push((fact, true)),
        }
    }
    if !failed.is_empty() {
        e.status = Status::Failed;
        e.key = "all_of.failed";
        e.missing.clear();
        e.params
            .0
            .push(("facts", Param::Text(Cow::Owned(failed.join(", ")))));
    } else if !e.missing.is_empty() {
        e.status = Status::Unknown;
        e.key = "all_of.unknown";
    }
    e
}

/// ENT-PUBLIC (`any_of`) — at least one condition holds: job seeker, unknown to the
/// public employment service, not seen for more than 4 months, asylum seeker for more
/// than 6 months…
fn any_of(conditions: &'static [programme::Condition], facts: &Facts, date: NaiveDate) -> Eval {
    let mut e = Eval::new(Status::Failed, "any_of.failed");
    let mut open: Vec<Vec<&'static str>> = Vec::new();
    for c in conditions {
        // A condition without a fact is only on its date: as if the fact held.
        let flag = match c.fact {
            Some(fact) => {
                e.facts.push(fact);
                facts.flag(fact)
            }
            None => Some(true),
        };
        let holds = match (flag, c.since) {
            (Some(false), _) => Some(false),
            (Some(true), None) => Some(true),
            (Some(true), Some((since, months))) => {
                e.facts.push(since);
                match facts.date(since) {
                    Some(start) => {
                        e.params.0.push(("months", Param::Int(i64::from(months))));
                        // More than N months since `start`: the decision date is after
                        // `start` + N months, the month's end clamped (31 October + 4
                        // months is 29 February 2024), as the exits count (docs/exits.md).
                        Some(add_months(start, months).is_some_and(|mark| date > mark))
                    }
                    None => None.or_else(|| {
                        open.push(vec![since]);
                        None
                    }),
                }
            }
            (None, since) => {
                let mut needed: Vec<&'static str> = c.fact.into_iter().collect();
                let mut cannot = false;
                if let Some((s, months)) = since {
                    e.facts.push(s);
                    match facts.date(s) {
                        None => needed.push(s),
                        // A date too recent already fails the condition, whatever the
                        // fact: it is not asked.
                        Some(start) => {
                            cannot = add_months(start, months).is_none_or(|mark| date <= mark)
                        }
                    }
                }
                if cannot {
                    Some(false)
                } else {
                    open.push(needed);
                    None
                }
            }
        };
        if holds == Some(true) {
            e.status = Status::Passed;
            e.key = "any_of.passed";
            e.missing.clear();
            return e;
        }
    }
    if !open.is_empty() {
        e.status = Status::Unknown;
        e.key = "any_of.unknown";
        // The last open condition decides on its own: it alone can still pass the rule.
        let alone = open.len() == 1;
        for needed in open {
            e.missing.extend(needed.into_iter().map(|f| (f, alone)));
        }
    }
    e
}

/// ENT-PRIORITY — publics the person belongs to; never decisive, never asked.
fn priority(publics: &'static [&'static str], facts: &Facts, date: NaiveDate) -> Eval {
    let mut e = Eval::new(Status::Information, "priority.none");
    for public in publics {
        let belongs = match *public {
            "rqth_valid" => {
                facts.flag("rqth") == Some(true)
                    && facts.date("rqth_end_date").is_none_or(|end| end >= date)
            }
            "under_25" => facts
                .date("birth_date")
                .is_some_and(|b| age_on(b, date) < 25),
            fact => facts.flag(fact) == Some(true),
        };
        e.facts.push(match *public {
            "rqth_valid" => "rqth",
            "under_25" => "birth_date",
            fact => FACTS
                .iter()
                .find(|(n, _)| *n == fact)
                .map_or("rsa", |(n, _)| n),
        });
        if belongs {
            e.publics.push(public);
        }
    }
    if !e.publics.is_empty() {
        e.key = "priority.some";
        let list = e.publics.join(", ");
        e.params.0.push(("publics", Param::Text(Cow::Owned(list))));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_accents_case_and_punctuation() {
        assert_eq!(
            normalise("La Chapelle-d'Armentières"),
            "la chapelle d armentieres"
        );
        assert_eq!(normalise("  PRÉMESQUES "), "premesques");
        assert_eq!(normalise("Saint-Omer"), normalise("St Omer"));
        assert_eq!(normalise("Œuilly"), "oeuilly");
    }
}
