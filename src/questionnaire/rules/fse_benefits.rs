//! FSE-BENEFITS — RSA before 25 is an exception worth checking (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{BirthDate, EntryDate, Rsa};

/// FSE-BENEFITS — RSA under 25 is the exception (young parents, "RSA jeune actif"):
/// worth a second look.
pub(super) fn rsa_age(c: &Ctx, out: &mut Vec<Finding>) {
    if c.is_true(Rsa)
        && c.age_at_entry()
            .is_some_and(|a| a < c.options.young_age as i32)
    {
        out.push(
            at(Code::RsaUnder25, Rsa, RuleId::FseBenefits)
                .param("age", c.options.young_age)
                .related(&[BirthDate.path(), EntryDate.path()]),
        );
    }
}
