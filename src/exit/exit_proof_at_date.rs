//! EXIT-PROOF-AT-DATE — proofs attest the situation on the exit date: dated at most 31
//! days before it, not after (cahier des charges PLIE du Boulonnais, « SUIVI EN EMPLOI ET
//! SORTIE DU PLIE », applied to every PLIE).

use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{attests, Eval, ProofOutcome, ProofStatus, Proposal};
use crate::calendar::iso;
use crate::explanation::Status;
use crate::finding::{Code, Finding};
use crate::programme;
use crate::read::{item, path};

/// EXIT-PROOF-AT-DATE: at least one proof of a kind that attests the situation,
/// dated at most `max_age_days` before the exit date and not after it. A proof without
/// its kind has its date checked all the same; one whose missing kind or date could
/// still make it attest is asked for by its path (`proofs[2].kind`), in the returned
/// list, when no other proof attests.
pub(super) fn proof_rule(
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
        Eval::of(rule.id, rule.source, Status::Passed, "proof.passed").param("count", attesting)
    } else {
        let key = if too_old > 0 {
            "proof.too_old"
        } else {
            "proof.none"
        };
        let mut e =
            Eval::of(rule.id, rule.source, Status::Unknown, key).param("days", rule.max_age_days);
        if incomplete.is_empty() {
            e.missing.push("proofs");
        }
        e
    };
    (e, outcomes, incomplete)
}
