//! FSE-AGE — Born before entry, aged 15 to 99 at the entry date, in full years
//! (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{BirthDate, EntryDate};

/// FSE-AGE — born before the entry date, aged `min_age` to `max_age` at entry.
pub(super) fn age(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(birth), Some(entry)) = (c.date(BirthDate), c.date(EntryDate)) else {
        return;
    };
    if birth > entry {
        out.push(at(Code::BirthAfterEntry, BirthDate, RuleId::FseAge).related(&[EntryDate.path()]));
        return;
    }
    let years = crate::calendar::age_on(birth, entry);
    let (min, max) = (c.options.min_age, c.options.max_age);
    if years < min as i32 || years > max as i32 {
        out.push(
            at(Code::AgeOutOfRange, BirthDate, RuleId::FseAge)
                .param("min", min)
                .param("max", max)
                .related(&[EntryDate.path()]),
        );
    }
}
