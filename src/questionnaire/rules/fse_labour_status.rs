//! FSE-LABOUR-STATUS — Exactly one of employed, unemployed, inactive at entry
//! (docs/rules.md).

use alloc::vec::Vec;

use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{Employed, Inactive, Unemployed};

/// FSE-LABOUR-STATUS — exactly one of employed, unemployed, inactive at entry.
pub(super) fn labour_status(c: &Ctx, out: &mut Vec<Finding>) {
    let flags = [c.flag(Employed), c.flag(Unemployed), c.flag(Inactive)];
    let yes = flags.iter().filter(|f| **f == Some(true)).count();
    let related = [Employed.path(), Unemployed.path(), Inactive.path()];
    if yes > 1 {
        out.push(
            Finding::new(
                Code::LabourStatusConflict,
                "situation",
                RuleId::FseLabourStatus,
            )
            .related(&related),
        );
    } else if flags.iter().all(|f| *f == Some(false)) {
        out.push(
            Finding::new(Code::LabourStatusNone, "situation", RuleId::FseLabourStatus)
                .related(&related),
        );
    }
}
