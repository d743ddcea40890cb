//! FU-CRE — after a placement by the chargé de relations entreprises: feedback within
//! 15 days, a call in the first week, a visit before the trial period ends (cahier des
//! charges PLIE Flandre Lys 2017, Fiche action 5).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{minus_days, plus_days, Event, Pending, Timeline};
use crate::programme::FollowUpRule;
use crate::read::{item, path};

impl Timeline {
    /// FU-CRE: for each hiring placed by the CRE, from its theoretical start: the
    /// feedback within `feedback_days`, the employer call within `call_days`, the visit
    /// before the trial period ends.
    pub(super) fn fu_cre(
        &self,
        rule: &'static FollowUpRule,
        feedback_days: u32,
        call_days: u32,
        out: &mut Vec<Pending>,
        missing: &mut Vec<Cow<'static, str>>,
    ) {
        let hires: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.kind == "employment_start")
            .collect();
        for h in &hires {
            if !h.placed_by_cre {
                continue;
            }
            let here = item("events", h.index);
            for (name, absent) in [
                ("theoretical_start", h.theoretical_start.is_none()),
                ("trial_period_end", h.trial_period_end.is_none()),
            ] {
                if absent {
                    missing.push(path(&here, name));
                }
            }
            let Some(t) = h.theoretical_start else {
                continue;
            };
            // The CRE's events up to the next hiring on a later day: two hirings
            // on the same day share them, whatever their order in the list.
            let next = hires.iter().map(|n| n.date).find(|d| *d > h.date);
            let of = |kind: &str| -> Vec<NaiveDate> {
                self.dates(|e| e.kind == kind && next.is_none_or(|x| e.date < x))
            };
            let feedback_due = plus_days(t, u64::from(feedback_days));
            out.push(self.window(
                rule,
                "cre_feedback",
                &of("cre_feedback"),
                minus_days(t, 31),
                feedback_due,
                h.index,
            ));
            let call_due = plus_days(t, u64::from(call_days.saturating_sub(1)));
            out.push(self.window(rule, "cre_call", &of("employer_call"), t, call_due, h.index));
            if let Some(end) = h.trial_period_end {
                out.push(self.window(rule, "cre_visit", &of("employer_visit"), t, end, h.index));
            }
        }
    }
}
