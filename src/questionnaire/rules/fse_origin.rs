//! FSE-ORIGIN — A third-country national has a foreign background (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::F::{ForeignBackground, ThirdCountryNational};
use crate::questionnaire::{Answer, Ctx};

/// FSE-ORIGIN — a third-country national has a foreign background.
pub(super) fn origin(c: &Ctx, out: &mut Vec<Finding>) {
    if c.answer(ThirdCountryNational) == Some(Answer::Yes)
        && c.answer(ForeignBackground) == Some(Answer::No)
    {
        out.push(
            at(
                Code::ThirdCountryWithoutForeignBackground,
                ForeignBackground,
                RuleId::FseOrigin,
            )
            .related(&[ThirdCountryNational.path()]),
        );
    }
}
