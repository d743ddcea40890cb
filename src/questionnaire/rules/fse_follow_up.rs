//! FSE-FOLLOW-UP — The situation 6 months after leaving; an improved situation and its
//! kind (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::calendar::add_months;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{
    Employed, ExitDate, FollowUpDate, FollowUpInEmployment, ImprovedSituation, ImprovementKind,
};

/// FSE-FOLLOW-UP — the follow-up situation is taken six months after leaving, not
/// earlier, and not long after.
pub(super) fn follow_up_timing(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(date), Some(exit)) = (c.date(FollowUpDate), c.date(ExitDate)) else {
        return;
    };
    let o = c.options;
    let Some(due) = add_months(exit, o.follow_up_months) else {
        return;
    };
    if date < due {
        out.push(
            at(Code::FollowUpTooEarly, FollowUpDate, RuleId::FseFollowUp)
                .param("months", o.follow_up_months)
                .related(&[ExitDate.path()]),
        );
    } else if add_months(due, o.follow_up_tolerance_months).is_some_and(|late| date > late) {
        out.push(
            at(Code::FollowUpLate, FollowUpDate, RuleId::FseFollowUp)
                .param("months", o.follow_up_months + o.follow_up_tolerance_months)
                .related(&[ExitDate.path()]),
        );
    }
}

/// FSE-FOLLOW-UP — an improved labour-market situation is measured for participants
/// employed at entry and in employment six months after leaving.
pub(super) fn improved_situation(c: &Ctx, out: &mut Vec<Finding>) {
    if c.is_true(ImprovedSituation) {
        if c.is_false(FollowUpInEmployment) {
            out.push(
                at(
                    Code::ImprovedWithoutEmployment,
                    ImprovedSituation,
                    RuleId::FseFollowUp,
                )
                .related(&[FollowUpInEmployment.path()]),
            );
        }
        if c.is_false(Employed) {
            out.push(
                at(
                    Code::ImprovedRequiresEmployedAtEntry,
                    ImprovedSituation,
                    RuleId::FseFollowUp,
                )
                .related(&[Employed.path()]),
            );
        }
    } else if c.is_false(ImprovedSituation) && c.choice(ImprovementKind).is_some() {
        out.push(
            at(
                Code::ImprovementKindWithoutImprovement,
                ImprovementKind,
                RuleId::FseFollowUp,
            )
            .related(&[ImprovedSituation.path()]),
        );
    }
}
