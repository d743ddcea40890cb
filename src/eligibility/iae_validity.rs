//! IAE-VALIDITY — a prescriber's diagnosis is valid 6 months, an employer's 92 days since
//! 9 December 2024; a running PASS IAE keeps it valid (règles de la plateforme les
//! emplois de l'inclusion).

use chrono::NaiveDate;

use super::{Eval, Facts, Status};
use crate::calendar::add_months;
use crate::programme::Duration;

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
