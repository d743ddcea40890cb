//! FSE-DURATION — Exit not before entry; a participation of one day or less creates no
//! participant (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::calendar::days_between;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{EntryDate, ExitDate};

/// FSE-DURATION — exit not before entry; a participation of one day or less creates
/// no FSE participant (DREETS guidance).
pub(super) fn participation(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(entry), Some(exit)) = (c.date(EntryDate), c.date(ExitDate)) else {
        return;
    };
    // Participation days count the entry and the exit day: same day = 1.
    let days = days_between(entry, exit) + 1;
    if exit < entry {
        out.push(
            at(Code::ExitBeforeEntry, ExitDate, RuleId::FseDuration).related(&[EntryDate.path()]),
        );
    } else if days <= i64::from(c.options.short_participation_days) {
        out.push(
            at(
                Code::ParticipationOneDayOrLess,
                ExitDate,
                RuleId::FseDuration,
            )
            .param("days", c.options.short_participation_days)
            .related(&[EntryDate.path()]),
        );
    }
}
