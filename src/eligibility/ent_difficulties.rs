//! ENT-DIFFICULTIES — socio-professional difficulties, and available to work on them
//! (cahier des charges PLIE Flandre Lys 2017, §I.2.1; cahier des charges PLIE du
//! Boulonnais). The same `all_of` kind checks ENT-STATUS-NOT-ENOUGH (idem, Fiche action 1)
//! and the ENT-PUBLIC lists that need every fact.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::{Eval, Facts, Status};
use crate::finding::Param;
use crate::programme;

/// ENT-DIFFICULTIES, ENT-STATUS-NOT-ENOUGH, ENT-PUBLIC (`all_of`) — every condition
/// holds: the difficulties and the availability to work on them, the motivation (a
/// status alone is not enough), a public such as living in a QPV, a declared fact that
/// must be false (not followed by the public employment service).
pub(super) fn all_of(conditions: &'static [programme::Condition], facts: &Facts) -> Eval {
    let mut e = Eval::new(Status::Passed, "all_of.passed");
    let mut failed = Vec::new();
    for c in conditions {
        let Some(fact) = c.fact else { continue };
        e.facts.push(fact);
        match facts.holds(c) {
            Some(true) => {}
            Some(false) => failed.push(fact),
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
