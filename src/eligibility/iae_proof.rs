//! IAE-PROOF — each criterion counts only with a proof recent enough (or valid) on the
//! hiring date (arrêté du 1er septembre 2021, annexe 2, pièces justificatives et conditions
//! de validité); the criteria of level 1 and 2 (IAE-L1, IAE-L2) are the programme file's.
//!
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
use crate::calendar::{age_on, sub_months};
use crate::finding::{Code, Finding, Param, RuleId};
use crate::programme::{Criterion, Programme, Proof};

/// The criteria claimed whose proof holds on the hiring date, and the rejected ones
/// with the reason, as findings.
pub(super) fn accepted(
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
        let Some(criterion) = programme.criteria.iter().find(|c| c.id == id) else {
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

fn ids(list: &[&'static Criterion]) -> String {
    if list.is_empty() {
        return String::from("—");
    }
    list.iter().map(|c| c.id).collect::<Vec<_>>().join(", ")
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
