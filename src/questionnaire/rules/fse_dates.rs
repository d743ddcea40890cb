//! FSE-DATES — No date after the reference date (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{
    BirthDate, EntryDate, ExitDate, ExitSituationDate, FollowUpDate, UnemploymentStartDate,
};

/// FSE-DATES — no date of the questionnaire is after the reference date.
pub(super) fn dates_after_reference(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(reference) = c.reference else { return };
    for f in [
        BirthDate,
        EntryDate,
        ExitDate,
        UnemploymentStartDate,
        ExitSituationDate,
        FollowUpDate,
    ] {
        if f.spec().asked <= c.phase && c.date(f).is_some_and(|d| d > reference) {
            out.push(at(Code::DateAfterReference, f, RuleId::FseDates));
        }
    }
}
