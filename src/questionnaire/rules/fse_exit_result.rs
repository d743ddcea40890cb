//! FSE-EXIT-RESULT — The situation upon leaving: coherent, recorded, within 4 weeks of
//! the exit (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::calendar::days_between;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{
    ExitDate, ExitInEducation, ExitInEmployment, ExitInactive, ExitJobSearching, ExitOther,
    ExitQualification, ExitSituationDate,
};

/// FSE-EXIT-RESULT — upon leaving, in employment excludes job searching and inactive;
/// a situation must be recorded.
pub(super) fn exit_result(c: &Ctx, out: &mut Vec<Finding>) {
    let related = [
        ExitInEmployment.path(),
        ExitJobSearching.path(),
        ExitInactive.path(),
    ];
    if c.is_true(ExitInEmployment) && c.is_true(ExitJobSearching) {
        out.push(
            Finding::new(
                Code::ExitEmploymentAndJobSearching,
                "exit",
                RuleId::FseExitResult,
            )
            .related(&related),
        );
    }
    if c.is_true(ExitInEmployment) && c.is_true(ExitInactive) {
        out.push(
            Finding::new(
                Code::ExitEmploymentAndInactive,
                "exit",
                RuleId::FseExitResult,
            )
            .related(&related),
        );
    }
    let all_no = [
        ExitInEmployment,
        ExitJobSearching,
        ExitInEducation,
        ExitQualification,
    ]
    .iter()
    .all(|f| c.is_false(*f));
    if all_no && !c.is_true(ExitInactive) && !c.is_true(ExitOther) {
        out.push(Finding::new(
            Code::ExitSituationUnspecified,
            "exit",
            RuleId::FseExitResult,
        ));
    }
}

/// FSE-EXIT-RESULT — the situation upon leaving is the one within 4 weeks after exit.
pub(super) fn exit_window(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(date), Some(exit)) = (c.date(ExitSituationDate), c.date(ExitDate)) else {
        return;
    };
    let days = days_between(exit, date);
    if days < 0 || days > i64::from(c.options.exit_window_days) {
        out.push(
            at(
                Code::ExitSituationOutsideWindow,
                ExitSituationDate,
                RuleId::FseExitResult,
            )
            .param("days", c.options.exit_window_days)
            .related(&[ExitDate.path()]),
        );
    }
}
