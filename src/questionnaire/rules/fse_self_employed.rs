//! FSE-SELF-EMPLOYED — Self-employed implies employed, at entry, exit and follow-up
//! (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{
    Employed, ExitInEmployment, ExitSelfEmployed, FollowUpInEmployment, FollowUpSelfEmployed,
    SelfEmployed,
};

/// FSE-SELF-EMPLOYED — self-employed is a kind of employment, at entry, upon leaving
/// and six months after.
pub(super) fn self_employed(c: &Ctx, out: &mut Vec<Finding>) {
    for (sub, employed) in [
        (SelfEmployed, Employed),
        (ExitSelfEmployed, ExitInEmployment),
        (FollowUpSelfEmployed, FollowUpInEmployment),
    ] {
        if sub.spec().asked <= c.phase && c.is_true(sub) && c.is_false(employed) {
            out.push(
                at(
                    Code::SelfEmployedRequiresEmployed,
                    sub,
                    RuleId::FseSelfEmployed,
                )
                .related(&[employed.path()]),
            );
        }
    }
}
