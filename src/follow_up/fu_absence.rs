//! FU-ABSENCE — an unjustified absence gets a letter the same week and a call the week
//! after (cahier des charges PLIE Flandre Lys 2017, Fiche action 2).

use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};

use super::{plus_days, Event, Pending, Timeline};
use crate::programme::FollowUpRule;

impl Timeline {
    /// FU-ABSENCE: a letter the week of each unjustified absence (from its day to
    /// Sunday), a phone call the week after (Monday to Sunday).
    pub(super) fn fu_absence(&self, rule: &'static FollowUpRule, out: &mut Vec<Pending>) {
        let absences: Vec<&Event> = self
            .events
            .iter()
            .filter(|e| e.kind == "absence" && e.justified != Some(true))
            .collect();
        for (n, a) in absences.iter().enumerate() {
            let next = absences.get(n + 1).map(|x| x.date);
            let reminders = |channel: &str| -> Vec<NaiveDate> {
                self.dates(|e| {
                    e.kind == "reminder"
                        && e.detail == Some(channel)
                        && e.date >= a.date
                        && next.is_none_or(|x| e.date < x)
                })
            };
            let sunday = plus_days(
                a.date,
                u64::from(6 - a.date.weekday().num_days_from_monday()),
            );
            out.push(self.window(
                rule,
                "absence_letter",
                &reminders("letter"),
                a.date,
                sunday,
                a.index,
            ));
            out.push(self.window(
                rule,
                "absence_call",
                &reminders("phone"),
                plus_days(sunday, 1),
                plus_days(sunday, 7),
                a.index,
            ));
        }
    }
}
