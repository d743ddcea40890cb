//! FSE-UNEMPLOYMENT-START — The unemployment start is not after entry and belongs to an
//! unemployed person (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{EntryDate, Unemployed, UnemploymentStartDate};

/// FSE-UNEMPLOYMENT-START — the unemployment start is before entry, and belongs to an
/// unemployed participant.
pub(super) fn unemployment_start(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(start) = c.date(UnemploymentStartDate) else {
        return;
    };
    if c.date(EntryDate).is_some_and(|entry| start > entry) {
        out.push(
            at(
                Code::UnemploymentStartAfterEntry,
                UnemploymentStartDate,
                RuleId::FseUnemploymentStart,
            )
            .related(&[EntryDate.path()]),
        );
    }
    if c.is_false(Unemployed) {
        out.push(
            at(
                Code::UnemploymentStartWithoutUnemployment,
                UnemploymentStartDate,
                RuleId::FseUnemploymentStart,
            )
            .related(&[Unemployed.path()]),
        );
    }
}
