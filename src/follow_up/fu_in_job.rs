//! FU-IN-JOB — follow-up in employment for 6 months after hiring (6 months and a day in
//! the Boulonnais), and after a training start where the programme says so (cahier des
//! charges PLIE Flandre Lys 2017, Fiche action 2; cahier des charges PLIE du
//! Boulonnais; opérations FSE+ de la Mission Locale Val de Marque).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use super::{pending, plus_days, Event, ObligationStatus, Pending, Timeline};
use crate::calendar::{add_months, iso, sub_months};
use crate::finding::Param;
use crate::programme::FollowUpRule;
use crate::read::{item, path};

/// FU-IN-JOB's terms, as the programme file gives them.
pub(super) struct Terms {
    pub months: u32,
    pub extra_days: u32,
    /// What starts a follow-up (IN_JOB_TRIGGERS).
    pub triggers: &'static [String],
    /// After a training start: followed until the training ends.
    pub until_training_end: bool,
}

impl Timeline {
    /// FU-IN-JOB: for each starting event, a contact in the last month of the follow-up
    /// (`months` and `extra_days` after it, or the training's end); cut short by an exit.
    pub(super) fn fu_in_job(
        &self,
        rule: &'static FollowUpRule,
        terms: Terms,
        out: &mut Vec<Pending>,
        missing: &mut Vec<Cow<'static, str>>,
    ) {
        let contacts = self.dates(Self::is_contact);
        for (h, training) in self.in_job_triggers(terms.triggers, missing) {
            let end = if training && terms.until_training_end {
                h.end
            } else {
                add_months(h.date, terms.months).map(|d| plus_days(d, u64::from(terms.extra_days)))
            };
            let obligation = if training {
                "in_training_follow_up"
            } else {
                "in_job_follow_up"
            };
            let Some(end) = end else {
                // A training with no end yet, followed until it ends: nothing
                // is due before its end is known.
                out.push(pending(
                    rule,
                    obligation,
                    ObligationStatus::Due,
                    None,
                    None,
                    Some(h.index),
                ));
                continue;
            };
            let last_month = sub_months(end, 1).unwrap_or(h.date).max(h.date);
            let contact = contacts.iter().find(|c| **c >= last_month && **c <= end);
            let after = contacts.iter().find(|c| **c > end);
            let cut_short = self.exited && self.until < end;
            let (status, done_on) = match (contact, after) {
                (Some(c), _) => (ObligationStatus::Done, Some(*c)),
                (None, _) if cut_short => (ObligationStatus::Late, None),
                (None, Some(c)) => (ObligationStatus::DoneLate, Some(*c)),
                (None, None) => (self.open(end), None),
            };
            let mut p = pending(rule, obligation, status, Some(end), done_on, Some(h.index));
            p.from = Some(last_month);
            if training && terms.until_training_end {
                p.params.0.push(("until", Param::from("training_end")));
            } else {
                p.params.0.push(("months", Param::from(terms.months)));
                p.params
                    .0
                    .push(("extra_days", Param::from(terms.extra_days)));
            }
            if cut_short {
                p.params.0.push(("exit", Param::from(iso(self.until))));
            }
            out.push(p);
        }
    }

    /// FU-IN-JOB's starting events, in date order, each with whether it is a training:
    /// hirings, training steps, or training steps sanctioned by a certification (a
    /// step whose certification is not given is asked for, when that decides).
    fn in_job_triggers(
        &self,
        triggers: &[String],
        missing: &mut Vec<Cow<'static, str>>,
    ) -> Vec<(&Event, bool)> {
        let mut out = Vec::new();
        // No trigger written: a hiring.
        let has = |t: &str| {
            triggers.iter().any(|x| x == t) || (triggers.is_empty() && t == "employment_start")
        };
        for e in &self.events {
            match (e.kind, e.detail) {
                ("employment_start", _) if has("employment_start") => out.push((e, false)),
                ("step", Some("training")) if has("training_start") => out.push((e, true)),
                ("step", Some("training")) if has("qualifying_training_start") => {
                    match e.certification {
                        Some("no_certification") => {}
                        Some(_) => out.push((e, true)),
                        None => missing.push(path(&item("events", e.index), "certification")),
                    }
                }
                _ => {}
            }
        }
        out
    }
}
