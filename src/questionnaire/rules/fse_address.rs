//! FSE-ADDRESS — Postal code and INSEE code in the same département (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{CommuneInsee, PostalCode};

/// FSE-ADDRESS — the postal code and the INSEE code point to the same department.
pub(super) fn address(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(postal), Some(insee)) = (c.text(PostalCode), c.text(CommuneInsee)) else {
        return;
    };
    let (Some(pd), Some(id)) = (
        crate::territory::postal_department(postal),
        crate::territory::insee_department(insee),
    ) else {
        return;
    };
    let same = pd == id || (pd == "20" && (id == "2A" || id == "2B"));
    if !same {
        out.push(
            at(Code::PostalInseeMismatch, CommuneInsee, RuleId::FseAddress)
                .related(&[PostalCode.path()]),
        );
    }
}
