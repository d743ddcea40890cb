//! FSE-HOUSEHOLD — A single adult with children has a child under 18; an employed
//! participant's household is not jobless (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::F::{
    ChildrenUnder18, Employed, JoblessHousehold, SingleAdultWithChildren,
};
use crate::questionnaire::{Answer, Ctx};

/// FSE-HOUSEHOLD — a single adult with dependent children has at least one child.
pub(super) fn single_adult_children(c: &Ctx, out: &mut Vec<Finding>) {
    if c.answer(SingleAdultWithChildren) == Some(Answer::Yes) && c.count(ChildrenUnder18) == Some(0)
    {
        out.push(
            at(
                Code::SingleAdultWithoutChildren,
                ChildrenUnder18,
                RuleId::FseHousehold,
            )
            .related(&[SingleAdultWithChildren.path()]),
        );
    }
}

/// FSE-HOUSEHOLD — an employed participant's household is not jobless.
pub(super) fn jobless_household(c: &Ctx, out: &mut Vec<Finding>) {
    if c.answer(JoblessHousehold) == Some(Answer::Yes) && c.is_true(Employed) {
        out.push(
            at(
                Code::JoblessHouseholdButEmployed,
                JoblessHousehold,
                RuleId::FseHousehold,
            )
            .related(&[Employed.path()]),
        );
    }
}
