//! FSE-RQTH — An RQTH end date belongs to an RQTH, not before entry; a valid RQTH
//! contradicts "no" to disability (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::F::{Disability, EntryDate, Rqth, RqthEndDate};
use crate::questionnaire::{Answer, Ctx};

/// FSE-RQTH — an RQTH end date belongs to an RQTH, and is not before entry.
pub(super) fn rqth_dates(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(end) = c.date(RqthEndDate) else {
        return;
    };
    if c.is_false(Rqth) {
        out.push(
            at(Code::RqthEndWithoutRqth, RqthEndDate, RuleId::FseRqth).related(&[Rqth.path()]),
        );
    } else if c.is_true(Rqth) && c.date(EntryDate).is_some_and(|entry| end < entry) {
        out.push(
            at(Code::RqthExpiredAtEntry, RqthEndDate, RuleId::FseRqth).related(&[EntryDate.path()]),
        );
    }
}

/// FSE-RQTH — an RQTH valid at entry contradicts a "no" to the disability item (a
/// person who does not wish to say answers "refused"). An RQTH without an end date is
/// permanent (granted without limit since 2019), so valid.
pub(super) fn rqth_disability(c: &Ctx, out: &mut Vec<Finding>) {
    let valid_at_entry = match (c.date(RqthEndDate), c.date(EntryDate)) {
        (Some(end), Some(entry)) => end >= entry,
        _ => true,
    };
    if c.is_true(Rqth) && valid_at_entry && c.answer(Disability) == Some(Answer::No) {
        out.push(
            at(Code::RqthWithoutDisability, Disability, RuleId::FseRqth).related(&[Rqth.path()]),
        );
    }
}
