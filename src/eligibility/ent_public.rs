//! ENT-PUBLIC — the person belongs to the programme's public (actions du PLIE du Cotentin
//! 2020/2021; opérations FSE+ de la Mission Locale Val de Marque, opération 202200774;
//! lauréats des appels à projets du PIC en Normandie).

use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{Eval, Facts, Status};
use crate::calendar::add_months;
use crate::finding::Param;
use crate::programme;

/// ENT-PUBLIC (`any_of`) — at least one condition holds: job seeker, unknown to the
/// public employment service, not seen for more than 4 months, asylum seeker for more
/// than 6 months…
pub(super) fn any_of(
    conditions: &'static [programme::Condition],
    facts: &Facts,
    date: NaiveDate,
) -> Eval {
    let mut e = Eval::new(Status::Failed, "any_of.failed");
    let mut open: Vec<Vec<&'static str>> = Vec::new();
    for c in conditions {
        // A condition without a fact is only on its date: as if the fact held.
        if let Some(fact) = c.fact {
            e.facts.push(fact);
        }
        let flag = facts.holds(c);
        let holds = match (flag, c.since) {
            (Some(false), _) => Some(false),
            (Some(true), None) => Some(true),
            (Some(true), Some((since, months))) => {
                e.facts.push(since);
                match facts.date(since) {
                    Some(start) => {
                        e.params.0.push(("months", Param::Int(i64::from(months))));
                        // More than N months since `start`: the decision date is after
                        // `start` + N months, the month's end clamped (31 October + 4
                        // months is 29 February 2024), as the exits count (docs/exits.md).
                        Some(add_months(start, months).is_some_and(|mark| date > mark))
                    }
                    None => None.or_else(|| {
                        open.push(vec![since]);
                        None
                    }),
                }
            }
            (None, since) => {
                let mut needed: Vec<&'static str> = c.fact.into_iter().collect();
                let mut cannot = false;
                if let Some((s, months)) = since {
                    e.facts.push(s);
                    match facts.date(s) {
                        None => needed.push(s),
                        // A date too recent already fails the condition, whatever the
                        // fact: it is not asked.
                        Some(start) => {
                            cannot = add_months(start, months).is_none_or(|mark| date <= mark)
                        }
                    }
                }
                if cannot {
                    Some(false)
                } else {
                    open.push(needed);
                    None
                }
            }
        };
        if holds == Some(true) {
            e.status = Status::Passed;
            e.key = "any_of.passed";
            e.missing.clear();
            return e;
        }
    }
    if !open.is_empty() {
        e.status = Status::Unknown;
        e.key = "any_of.unknown";
        // The last open condition decides on its own: it alone can still pass the rule.
        let alone = open.len() == 1;
        for needed in open {
            e.missing.extend(needed.into_iter().map(|f| (f, alone)));
        }
    }
    e
}
