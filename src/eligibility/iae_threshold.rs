//! IAE-THRESHOLD — an authorised prescriber's diagnosis needs no count; an employer's
//! needs one level-1 criterion or the structure kind's count of level-2 (arrêté du
//! 1er septembre 2021).

use chrono::NaiveDate;

use super::iae_exclusive::counted;
use super::{Eval, Facts, Status};
use crate::programme::Programme;

/// IAE-THRESHOLD — an authorised prescriber's diagnosis needs no minimum; an
/// employer's needs one level-1 criterion or the structure kind's count of level-2.
pub(super) fn threshold(
    programme: &'static Programme,
    thresholds: &'static [(&'static str, u32)],
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
        .and_then(|k| thresholds.iter().find(|(name, _)| *name == k))
    else {
        // Without the structure kind, the count decides when every kind agrees.
        if !none_claimed {
            let level_2 = counted(programme, facts, hiring)
                .iter()
                .filter(|c| c.level == 2)
                .count() as u32;
            let counts = thresholds.iter().map(|(_, n)| *n);
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
        .param("structure", *kind)
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
