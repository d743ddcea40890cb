//! ENT-PRIORITY — the priority publics the person belongs to: explained, never decisive
//! (cahier des charges PLIE Flandre Lys 2017, Fiche action 1; actions du PLIE du Cotentin
//! 2020/2021; lauréats des appels à projets du PIC en Normandie).

use alloc::borrow::Cow;

use chrono::NaiveDate;

use super::{Eval, Facts, Status};
use crate::calendar::age_on;
use crate::finding::Param;

/// ENT-PRIORITY — publics the person belongs to; never decisive, never asked.
pub(super) fn priority(publics: &'static [&'static str], facts: &Facts, date: NaiveDate) -> Eval {
    let mut e = Eval::new(Status::Information, "priority.none");
    for public in publics {
        let belongs = match *public {
            "rqth_valid" => {
                facts.flag("rqth") == Some(true)
                    && facts.date("rqth_end_date").is_none_or(|end| end >= date)
            }
            "under_25" => facts
                .date("birth_date")
                .is_some_and(|b| age_on(b, date) < 25),
            fact => facts.flag(fact) == Some(true),
        };
        e.facts.push(match *public {
            "rqth_valid" => "rqth",
            "under_25" => "birth_date",
            fact => fact,
        });
        if belongs {
            e.publics.push(public);
        }
    }
    if !e.publics.is_empty() {
        e.key = "priority.some";
        let list = e.publics.join(", ");
        e.params.0.push(("publics", Param::Text(Cow::Owned(list))));
    }
    e
}
