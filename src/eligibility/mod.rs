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

use crate::calendar::{age_on, iso, iso_tuple, parse_iso_date, DateError};
use crate::finding::{Checked, Code, Finding, Param, Params, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme::file::{FactType, FACTS};
use crate::programme::{
    self, Condition, DeclaredFact, Expect, Label, Programme, RuleKind, Territory,
};
use crate::territory::{insee_department, postal_department};

mod ent_age;
mod ent_difficulties;
mod ent_facts;
mod ent_priority;
mod ent_public;
mod ent_residence;
mod iae_exclusive;
mod iae_proof;
mod iae_threshold;
mod iae_validity;

use ent_age::age;
use ent_difficulties::all_of;
use ent_facts::contradictions;
use ent_priority::priority;
use ent_public::any_of;
use ent_residence::residence;

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
    /// A declared fact's help, in the requested language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub help: Option<&'static str>,
    /// The rules that read it.
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub rules: Vec<RuleId>,
    /// The values a text fact takes, or the IAE criteria (`rsa:1` = criterion `rsa`,
    /// level 1) a `criteria` fact may claim.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub choices: Vec<String>,
    /// A declared choice fact's values in words, in the order of `choices`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub choice_labels: Vec<&'static str>,
}

/// A declared text in the requested language.
fn said(label: &Label, locale: Locale) -> &'static str {
    match locale {
        Locale::En => label.en,
        _ => label.fr,
    }
}

/// A declared fact as a form asks it: a yes/no, a date, or a choice (a text
/// with its values, as the module's choices are).
fn declared_summary(d: &DeclaredFact, locale: Locale, rule: RuleId) -> FactSummary {
    FactSummary {
        name: d.id,
        label: said(&d.label, locale),
        kind: match d.kind {
            FactType::Bool => "boolean",
            FactType::Date => "date",
            _ => "text",
        },
        help: d.help.as_ref().map(|h| said(h, locale)),
        rules: alloc::vec![rule],
        choices: d.values.iter().map(|c| String::from(c.id)).collect(),
        choice_labels: d.values.iter().map(|c| said(&c.label, locale)).collect(),
    }
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
                    if let Some(d) = p.declared(name) {
                        facts.push(declared_summary(d, locale, rule));
                        return;
                    }
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
                        help: None,
                        rules: alloc::vec![rule],
                        choices,
                        choice_labels: Vec::new(),
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
                    RuleKind::AllOf(conditions) | RuleKind::AnyOf(conditions) => {
                        conditions.iter().for_each(|c| {
                            if let Some(f) = c.fact {
                                add(f, rule.id);
                            }
                            if let Some((since, _)) = c.since {
                                add(since, rule.id);
                            }
                        })
                    }
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
                            fact => add(fact, rule.id),
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
    /// Whether a condition's fact is what it must be (a condition with no fact: yes);
    /// `None` while the fact is not known.
    pub(crate) fn holds(&self, c: &Condition) -> Option<bool> {
        let Some(f) = c.fact else {
            return Some(true);
        };
        match c.expect {
            Expect::Yes => self.flag(f),
            Expect::No => self.flag(f).map(|b| !b),
            Expect::In(values) => self.text(f).map(|t| values.contains(&t)),
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
        return finish(findings, locale, None, Vec::new(), 0.0, None);
    };
    let Some(date) = decision_date else {
        return finish(findings, locale, None, Vec::new(), 0.0, Some(programme));
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
        programme,
        &mut findings,
    );
    let (decision, missing, completeness) = decide(programme, &facts, date, locale, &mut findings);
    finish(
        findings,
        locale,
        Some(decision),
        missing,
        completeness,
        Some(programme),
    )
}

fn finish(
    mut findings: Vec<Finding>,
    locale: Locale,
    decision: Option<Decision>,
    missing: Vec<Cow<'static, str>>,
    completeness: f64,
    programme: Option<&Programme>,
) -> Checked<Decision> {
    for f in findings.iter_mut() {
        let shown = labelled(&f.params, locale, programme);
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

fn read_facts(
    json: &Json,
    date: NaiveDate,
    programme: &Programme,
    findings: &mut Vec<Finding>,
) -> Facts {
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
        // The module's facts, then those the programme's file declares.
        let declared = programme.declared(name);
        let found = FACTS
            .iter()
            .find(|(n, _)| n == name)
            .copied()
            .or_else(|| declared.map(|d| (d.id, d.kind)));
        let Some((fact, kind)) = found else {
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
                (FactType::Choice, _, Some(t)) => {
                    let values = declared.map_or(&[][..], |d| d.values);
                    if values.iter().any(|v| v.id == t) {
                        Ok(Fact::Text(t.into()))
                    } else {
                        let allowed: Vec<&str> = values.iter().map(|v| v.id).collect();
                        Err(
                            Finding::new(Code::InvalidChoice, path.clone(), RULE_REQUEST)
                                .param("allowed", allowed.join(", ")),
                        )
                    }
                }
                (FactType::Choice, _, None) => Err(wrong("string")),
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
            message: locale.explain(e.key, &labelled(&e.params, locale, Some(programme))),
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
fn labelled(params: &Params, locale: Locale, programme: Option<&Programme>) -> Params {
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
            (_, None) => match programme.and_then(|p| p.declared(code)) {
                Some(d) => String::from(said(&d.label, locale)),
                None => String::from(code),
            },
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
        RuleKind::AllOf(conditions) => all_of(conditions, facts),
        RuleKind::AnyOf(conditions) => any_of(conditions, facts, date),
        RuleKind::Priority(publics) => priority(publics, facts, date),
        RuleKind::IaeProofs => iae_proof::proofs(programme, facts, date, findings),
        RuleKind::IaeExclusive(pairs) => {
            iae_exclusive::exclusive(programme, pairs, facts, date, findings)
        }
        RuleKind::IaeThreshold(thresholds) => {
            iae_threshold::threshold(programme, thresholds, facts, date)
        }
        RuleKind::IaeValidity {
            prescriber,
            employer,
        } => iae_validity::validity(*prescriber, *employer, facts, date),
    }
}
