//! FU-MONTHLY — at least one physical interview a month, outside steps of employment,
//! training, internship, veille (cahier des charges PLIE Flandre Lys 2017, Fiche
//! action 2).

use alloc::vec::Vec;

use chrono::{Days, NaiveDate};

use super::{Pending, Timeline};
use crate::programme::FollowUpRule;

impl Timeline {
    /// FU-MONTHLY: from the entry, then from each physical (or tripartite) interview,
    /// the next is due a calendar month later, pushed back by the days spent in an
    /// exempt step; nothing is due inside an exempt period with no end.
    pub(super) fn fu_monthly(
        &self,
        rule: &'static FollowUpRule,
        exempt: &[String],
        out: &mut Vec<Pending>,
    ) {
        let periods = self.exempt(exempt);
        let next_day = self.month_end_next_day();
        let due_after = |anchor: NaiveDate| -> Option<NaiveDate> {
            let mut due = crate::exit::months_after(anchor, 1, next_day)?;
            let mut counted = anchor;
            for _ in 0..64 {
                let extra = Self::exempt_days(&periods, counted, due);
                if extra == 0 {
                    break;
                }
                counted = due;
                due = due.checked_add_days(Days::new(extra))?;
            }
            // In an exempt period with no end (employment, a step not ended),
            // nothing is due.
            let open_ended = periods
                .iter()
                .any(|&(s, e)| e == NaiveDate::MAX && s <= due);
            (!open_ended).then_some(due)
        };
        let physical = self.dates(|e| {
            e.kind == "interview" && matches!(e.detail, Some("physical" | "tripartite"))
        });
        self.periodic(rule, "monthly_interview", &physical, due_after, out);
    }
}
