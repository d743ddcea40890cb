//! EXIT-BUSINESS — a business whose activity lasts more than 6 months (cahier des charges
//! PLIE Flandre Lys 2017, §1.2.3).

use chrono::NaiveDate;

use super::{months_after, Eval, Proposal};
use crate::calendar::iso;
use crate::explanation::Status;
use crate::programme::Route;

pub(super) fn business(
    route: &Route,
    p: &Proposal,
    exit: NaiveDate,
    next_day: bool,
    more_than_months: &u32,
) -> Eval {
    let Some(start) = p.activity_start else {
        if p.activity_end.is_some_and(|end| end < exit) {
            return Eval::new(route, Status::Failed, "route.ended_before_exit");
        }
        return Eval::unknown(route, "route.start_unknown", &["activity_start"]);
    };
    let Some(mark) = months_after(start, *more_than_months, next_day) else {
        return Eval::unknown(route, "route.start_unknown", &["activity_start"]);
    };
    match p.activity_end {
        Some(end) if end < mark => {
            return Eval::new(route, Status::Failed, "business.ended_early")
                .param("months", *more_than_months)
        }
        Some(end) if end < exit => {
            return Eval::new(route, Status::Failed, "route.ended_before_exit")
        }
        _ => {}
    }
    if start > exit || exit < mark {
        let mut e = Eval::new(route, Status::Failed, "business.too_young")
            .param("months", *more_than_months)
            .param("mark", iso(mark));
        e.re_examine_on = Some(mark);
        return e;
    }
    Eval::new(route, Status::Passed, "business.passed").param("months", *more_than_months)
}
