//! ENT-AGE — the age in full years on the decision date lies within the programme's
//! bounds (cahier des charges PLIE Flandre Lys 2017, §1.2.2; code du travail, article
//! L5314-2); under the minimum, ENT-DEROGATION's routes (idem, §1.2.2 and Fiche action 1).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{DerogationOutcome, Eval, Facts, Status};
use crate::calendar::age_on;
use crate::finding::Param;
use crate::programme;

/// ENT-AGE — full years on the decision date (a person whose 26th birthday is the
/// decision date is 26); under the minimum, the derogation's routes.
pub(super) fn age(
    min: Option<u32>,
    max: Option<u32>,
    derogation: Option<&programme::Derogation>,
    facts: &Facts,
    date: NaiveDate,
) -> Eval {
    let Some(birth) = facts.date("birth_date") else {
        let mut e = Eval::new(Status::Unknown, "age.unknown");
        e.missing.push(("birth_date", true));
        return e;
    };
    let years = age_on(birth, date);
    let bounds = |mut e: Eval| {
        e.facts.push("birth_date");
        e = e.param("age", i64::from(years));
        if let Some(m) = min {
            e = e.param("min", m);
        }
        if let Some(m) = max {
            e = e.param("max", m);
        }
        e
    };
    if max.is_some_and(|m| years > m as i32) {
        return bounds(Eval::new(Status::Failed, "age.too_old"));
    }
    let Some(min) = min.filter(|m| years < *m as i32) else {
        return bounds(Eval::new(Status::Passed, "age.passed"));
    };
    let Some(d) = derogation else {
        return bounds(Eval::new(Status::Failed, "age.too_young")).param("min", min);
    };
    let mut e = bounds(Eval::new(Status::Failed, "age.too_young_no_route"));
    e.facts.extend(d.routes.iter().copied());
    match d.routes.iter().find(|r| facts.flag(r) == Some(true)) {
        Some(route) => {
            let recorded = facts.flag("derogation_signed_off") == Some(true);
            e.status = Status::Derogation;
            e.key = "age.derogation";
            e.facts.push("derogation_signed_off");
            e.params
                .0
                .push(("route", Param::Text(Cow::Borrowed(route))));
            e.params
                .0
                .push(("signed_by", Param::Text(Cow::Borrowed(d.signed_by))));
            e.derogation = Some(DerogationOutcome {
                rule: d.id,
                route,
                signed_by: d.signed_by,
                recorded,
                source: d.source,
            });
        }
        None => {
            let unknown: Vec<&'static str> = d
                .routes
                .iter()
                .copied()
                .filter(|r| facts.flag(r).is_none())
                .collect();
            if !unknown.is_empty() {
                e.status = Status::Unknown;
                e.key = "age.derogation_unknown";
                let last = unknown.len() == 1;
                e.missing.extend(unknown.into_iter().map(|r| (r, last)));
            }
        }
    }
    e
}
