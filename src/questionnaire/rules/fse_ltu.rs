//! FSE-LTU — Long-term unemployed: unemployed for more than 12 months (6 under 25) at
//! entry (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::calendar::more_than_months_before;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{
    BirthDate, EntryDate, LongTermUnemployed, Unemployed, UnemploymentStartDate,
};

/// FSE-LTU — a long-term unemployed person is unemployed.
pub(super) fn long_term_requires_unemployed(c: &Ctx, out: &mut Vec<Finding>) {
    if c.is_true(LongTermUnemployed) && c.is_false(Unemployed) {
        out.push(
            at(
                Code::LongTermRequiresUnemployed,
                LongTermUnemployed,
                RuleId::FseLtu,
            )
            .related(&[Unemployed.path()]),
        );
    }
}

/// FSE-LTU — long-term unemployed: unemployed continuously for more than 12 months
/// before entry, more than 6 months under 25 (ESF monitoring definition).
pub(super) fn long_term_duration(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(start), Some(entry)) = (c.date(UnemploymentStartDate), c.date(EntryDate)) else {
        return;
    };
    if start > entry {
        return; // FSE-UNEMPLOYMENT-START reports it.
    }
    let o = c.options;
    let young = c.age_at_entry().map(|a| a < o.young_age as i32);
    let over = |months| more_than_months_before(start, entry, months);
    // With the age unknown, only what holds at both thresholds is asserted.
    let (qualifies, short) = match young {
        Some(true) => (
            over(o.long_term_months_young),
            !over(o.long_term_months_young),
        ),
        Some(false) => (over(o.long_term_months), !over(o.long_term_months)),
        None => (
            over(o.long_term_months.max(o.long_term_months_young)),
            !over(o.long_term_months.min(o.long_term_months_young)),
        ),
    };
    let months = match young {
        Some(true) => o.long_term_months_young,
        Some(false) => o.long_term_months,
        // Too short at any age: cite the threshold that holds at any age.
        None if short => o.long_term_months.min(o.long_term_months_young),
        None => o.long_term_months.max(o.long_term_months_young),
    };
    let related = [EntryDate.path(), BirthDate.path()];
    if c.is_true(LongTermUnemployed) && short {
        out.push(
            at(
                Code::LongTermDurationTooShort,
                UnemploymentStartDate,
                RuleId::FseLtu,
            )
            .param("months", months)
            .related(&related),
        );
    } else if c.is_false(LongTermUnemployed) && c.is_true(Unemployed) && qualifies {
        out.push(
            at(Code::LongTermNotFlagged, LongTermUnemployed, RuleId::FseLtu)
                .param("months", months)
                .related(&[UnemploymentStartDate.path(), EntryDate.path()]),
        );
    }
}
