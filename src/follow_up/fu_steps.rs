//! FU-STEPS — at least 2 parcours steps (cahier des charges PLIE Flandre Lys 2017,
//! Fiche action 2; the number is the programme file's).

use alloc::vec::Vec;

use super::{pending, ObligationStatus, Pending, Timeline};
use crate::finding::Param;
use crate::programme::FollowUpRule;

impl Timeline {
    /// FU-STEPS: met on the day of the `min`-th step; late once the participant has
    /// left without it.
    pub(super) fn fu_steps(&self, rule: &'static FollowUpRule, min: u32, out: &mut Vec<Pending>) {
        let steps = self.dates(|e| e.kind == "step");
        let mut p = match steps.get((min as usize).saturating_sub(1)) {
            Some(d) => pending(rule, "steps", ObligationStatus::Done, None, Some(*d), None),
            None if self.exited => pending(
                rule,
                "steps",
                ObligationStatus::Late,
                Some(self.until),
                None,
                None,
            ),
            None => pending(rule, "steps", ObligationStatus::Due, None, None, None),
        };
        p.params.0.push(("count", Param::from(steps.len())));
        p.params.0.push(("min", Param::from(min)));
        out.push(p);
    }
}
