//! The IAE eligibility diagnosis (docs/eligibility.md, "The IAE eligibility diagnosis"): criteria of
//! level 1 and 2 claimed with their proofs, counted against the structure kind's
//! threshold, and a diagnosis valid for a time that depends on who made it. The
//! decision date is the hiring date. Every number comes from the dated programme file
//! (programmes/iae-diagnostic*.json).
//!
//! Decisions (docs/eligibility.md): a proof "under N months" is accepted up to exactly
//! N months before hiring (one day older is too old); a diagnosis valid "6 months" or
//! "92 days" is valid up to and including that day after the diagnosis.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{Eval, Facts, Status};
use crate::calendar::{add_months, age_on, sub_months};
use crate::finding::{Code, Finding, Param, RuleId};
use crate::programme::{Criterion, Duration, ExclusivePair, Programme, Proof};

/// The criteria claimed whose proof holds on the hiring date, and the rejected ones
/// with the reason, as findings.
fn accepted(
    programme: &'static Programme,
    facts: &Facts,
    hiring: NaiveDate,
) -> (Vec<&'static Criterion>, Vec<Finding>) {
    let mut ok = Vec::new();
    let mut rejected = Vec::new();
    for (id, date) in facts.criteria() {
        let path = || {
            let mut p = String::from("facts.iae_criteria.");
            p.extend(id.chars().take(64));
            Cow::Owned(p)
        };
        let Some(criterion) = programme.criteria.iter().find(|c| c.id == *id) else {
            rejected.push(Finding::new(Code::UnknownField, path(), RuleId::IaeProof));
            continue;
        };
        let proof_ok = match (criterion.proof, date) {
            (Proof::Identity, _) => true,
            (Proof::RecentMonths(_), Some(d)) if *d > hiring => {
                rejected.push(Finding::new(
                    Code::DateAfterReference,
                    path(),
                    RuleId::IaeProof,
                ));
                false
            }
            (Proof::RecentMonths(months), Some(d)) => {
                let fresh = sub_months(hiring, months).is_some_and(|oldest| *d >= oldest);
                if !fresh {
                    rejected.push(
                        Finding::new(Code::ProofTooOld, path(), RuleId::IaeProof)
                            .param("months", months),
                    );
                }
                fresh
            }
            (Proof::ValidAtHiring, Some(end)) => {
                let valid = *end >= hiring;
                if !valid {
                    rejected.push(Finding::new(Code::ProofExpired, path(), RuleId::IaeProof));
                }
                valid
            }
            (Proof::RecentMonths(_) | Proof::ValidAtHiring, None) => {
                rejected.push(Finding::new(
                    Code::ProofDateRequired,
                    path(),
                    RuleId::IaeProof,
                ));
                false
            }
        };
        let age_ok = match facts.date("birth_date") {
            Some(birth) if birth <= hiring => {
                let age = age_on(birth, hiring);
                let fits = criterion.min_age.is_none_or(|m| age >= m as i32)
                    && criterion.max_age.is_none_or(|m| age <= m as i32);
                if !fits {
                    rejected.push(Finding::new(
                        Code::CriterionAgeMismatch,
                        path(),
                        RuleId::IaeProof,
                    ));
                }
                fits
            }
            _ => true,
        };
        if proof_ok && age_ok {
            ok.push(criterion);
        }
    }
    (ok, rejected)
}

/// The criteria that count, once exclusive pairs are resolved.
fn counted(
    programme: &'static Programme,
    facts: &Facts,
    hiring: NaiveDate,
) -> Vec<&'static Criterion> {
    let (mut ok, _) = accepted(programme, facts, hiring);
    for rule in &programme.rules {
        if let crate::programme::RuleKind::IaeExclusive { pairs } = &rule.kind {
            for p in pairs {
                let both = p.pair.iter().all(|id| ok.iter().any(|c| c.id == *id));
                if both {
                    ok.retain(|c| !p.pair.contains(&c.id) || p.keep.as_ref() == Some(&c.id));
                }
            }
        }
    }
    ok
}

fn ids(list: &[&'static Criterion]) -> String {
    if list.is_empty() {
        return String::from("—");
    }
    list.iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// IAE-PROOF (with IAE-L1, IAE-L2) — which criteria are accepted, and why others are
/// not. Explained, never decisive by itself: the threshold decides.
pub(super) fn proofs(
    programme: &'static Programme,
    facts: &Facts,
    hiring: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Eval {
    let (ok, rejected) = accepted(programme, facts, hiring);
    findings.extend(rejected);
    let mut e = Eval::new(
        Status::Information,
        if ok.is_empty() {
            "iae_proofs.none"
        } else {
            "iae_proofs.some"
        },
    );
    e.facts = alloc::vec!["iae_criteria", "birth_date"];
    let level = |n: u32| {
        ok.iter()
            .filter(|c| c.level == n)
            .copied()
            .collect::<Vec<_>>()
    };
    e.params
        .0
        .push(("level_1", Param::Text(Cow::Owned(ids(&level(1))))));
    e.params
        .0
        .push(("level_2", Param::Text(Cow::Owned(ids(&level(2))))));
    e
}

/// IAE-EXCLUSIVE — a person cannot be both senior and young, nor both very long-term
/// and long-term job seeker: when both are claimed, only `keep` counts.
pub(super) fn exclusive(
    programme: &'static Programme,
    pairs: &'static [ExclusivePair],
    facts: &Facts,
    hiring: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Eval {
    let (ok, _) = accepted(programme, facts, hiring);
    let mut e = Eval::new(Status::Information, "iae_exclusive.none");
    e.facts = alloc::vec!["iae_criteria"];
    for p in pairs {
        if p.pair.iter().all(|id| ok.iter().any(|c| c.id == *id)) {
            let pair = p.pair.join(", ");
            findings.push(
                Finding::new(
                    Code::ContradictoryFacts,
                    "facts.iae_criteria",
                    RuleId::IaeExclusive,
                )
                .param("with", pair.clone()),
            );
            e.key = "iae_exclusive.conflict";
            e.params.0.push(("pair", Param::Text(Cow::Owned(pair))));
        }
    }
    e
}

/// IAE-THRESHOLD — an authorised prescriber's diagnosis needs no minimum; an
/// employer's needs one level-1 criterion or the structure kind's count of level-2.
pub(super) fn threshold(
    programme: &'static Programme,
    thresholds: &'static alloc::collections::BTreeMap<String, u32>,
    facts: &Facts,
    hiring: NaiveDate,
) -> Eval {
    let mut e = Eval::new(Status::Unknown, "iae_threshold.unknown");
    e.facts = alloc::vec!["diagnosed_by", "structure_kind", "iae_criteria"];
    // No criterion claimed at all: the criteria are asked, not refused.
    let none_claimed = facts.criteria().is_empty();
    let who = facts.text("diagnosed_by");
    if who == Some("prescriber") {
        e.status = Status::Passed;
        e.key = "iae_threshold.prescriber";
        return e;
    }
    // An employer's diagnosis (or one whose author is unknown: asked only when the
    // employer's count would not pass, as a prescriber's always does). A level-1
    // criterion suffices whatever the structure.
    if !none_claimed
        && counted(programme, facts, hiring)
            .iter()
            .any(|c| c.level == 1)
    {
        e.status = Status::Passed;
        e.key = "iae_threshold.level_1_any";
        return e;
    }
    let Some((kind, needed)) = facts
        .text("structure_kind")
        .and_then(|k| thresholds.get_key_value(k))
    else {
        // Without the structure kind, the count decides when every kind agrees.
        if !none_claimed {
            let level_2 = counted(programme, facts, hiring)
                .iter()
                .filter(|c| c.level == 2)
                .count() as u32;
            let counts = thresholds.values().copied();
            let (least, most) = (counts.clone().min(), counts.max());
            if most.is_some_and(|m| level_2 >= m) {
                e.status = Status::Passed;
                e.key = "iae_threshold.level_2_any";
                return e.param("level_2", level_2);
            }
            if who.is_some() && least.is_some_and(|m| level_2 < m) {
                e.status = Status::Failed;
                e.key = "iae_threshold.failed_any";
                return e
                    .param("needed", least.unwrap_or(0))
                    .param("level_2", level_2);
            }
        }
        e.missing.push((
            if who.is_none() {
                "diagnosed_by"
            } else {
                "structure_kind"
            },
            true,
        ));
        return e;
    };
    // No criterion claimed at all: the criteria are asked, not refused.
    if none_claimed {
        e.missing.push((
            if who.is_none() {
                "diagnosed_by"
            } else {
                "iae_criteria"
            },
            true,
        ));
        return e;
    }
    let ok = counted(programme, facts, hiring);
    let level_1 = ok.iter().filter(|c| c.level == 1).count();
    let level_2 = ok.iter().filter(|c| c.level == 2).count() as u32;
    e = e
        .param("structure", kind.as_str())
        .param("needed", *needed)
        .param("level_2", level_2);
    if level_1 > 0 {
        e.status = Status::Passed;
        e.key = "iae_threshold.level_1";
    } else if level_2 >= *needed {
        e.status = Status::Passed;
        e.key = "iae_threshold.level_2";
    } else if who.is_none() {
        e.missing.push(("diagnosed_by", true));
    } else {
        e.status = Status::Failed;
        e.key = "iae_threshold.failed";
    }
    e
}

/// IAE-VALIDITY — a diagnosis is valid for a duration that depends on who made it; a
/// running PASS IAE keeps it valid.
pub(super) fn validity(
    prescriber: Duration,
    employer: Duration,
    facts: &Facts,
    hiring: NaiveDate,
) -> Eval {
    let mut e = Eval::new(Status::Unknown, "iae_validity.unknown");
    e.facts = alloc::vec!["diagnosed_by", "diagnosis_date", "pass_iae_running"];
    let who = facts.text("diagnosed_by");
    let Some(diagnosis) = facts.date("diagnosis_date") else {
        // A running PASS IAE keeps the diagnosis valid whatever its date: not asked.
        if facts.flag("pass_iae_running") == Some(true) {
            e.status = Status::Passed;
            e.key = "iae_validity.pass_running";
        } else if who.is_none() && prescriber != employer {
            e.missing.push(("diagnosed_by", true));
        } else {
            // Who made it does not matter when both are valid as long.
            e.missing.push(("diagnosis_date", true));
        }
        return e;
    };
    let end = |d: Duration| match d {
        Duration::Months(m) => add_months(diagnosis, m),
        Duration::Days(d) => diagnosis.checked_add_days(chrono::Days::new(u64::from(d))),
    };
    let until = match who {
        Some("prescriber") => end(prescriber),
        Some(_) => end(employer),
        // Who made it matters only when the two durations disagree on the hiring date.
        None => match (end(prescriber), end(employer)) {
            (Some(p), Some(m)) if (hiring <= p) == (hiring <= m) => Some(p.max(m)),
            // A running PASS IAE keeps either valid: who made it does not matter.
            _ if facts.flag("pass_iae_running") == Some(true) => {
                e.status = Status::Passed;
                e.key = "iae_validity.pass_running";
                return e;
            }
            _ => {
                e.missing.push(("diagnosed_by", true));
                return e;
            }
        },
    };
    let Some(until) = until else { return e };
    e = e.param("until", crate::calendar::iso(until));
    if hiring <= until {
        e.status = Status::Passed;
        e.key = "iae_validity.passed";
    } else {
        match facts.flag("pass_iae_running") {
            Some(true) => {
                e.status = Status::Passed;
                e.key = "iae_validity.pass";
            }
            Some(false) => {
                e.status = Status::Failed;
                e.key = "iae_validity.failed";
            }
            None => {
                e.key = "iae_validity.expired_pass_unknown";
                e.missing.push(("pass_iae_running", true));
            }
        }
    }
    e
}
