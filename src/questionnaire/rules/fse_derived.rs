//! FSE-DERIVED — Age and ISCED brackets derived, never typed twice; matching when
//! exported (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::F::{AgeBracketGiven, BirthDate, Diploma, EntryDate, IscedBracketGiven};
use crate::questionnaire::{age_bracket, isced_of_diploma, Ctx};

/// FSE-DERIVED — an age bracket given by another system matches the one derived from
/// the birth and entry dates.
pub(super) fn age_bracket_given(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(given), Some(age)) = (c.choice(AgeBracketGiven), c.age_at_entry()) else {
        return;
    };
    if given != age_bracket(age) {
        out.push(
            at(
                Code::AgeBracketMismatch,
                AgeBracketGiven,
                RuleId::FseDerived,
            )
            .related(&[BirthDate.path(), EntryDate.path()]),
        );
    }
}

/// FSE-DERIVED — an ISCED bracket given by another system matches the diploma.
pub(super) fn isced_bracket_given(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(given), Some((_, bracket))) = (
        c.choice(IscedBracketGiven),
        c.choice(Diploma).and_then(isced_of_diploma),
    ) else {
        return;
    };
    if given != bracket {
        out.push(
            at(
                Code::IscedBracketMismatch,
                IscedBracketGiven,
                RuleId::FseDerived,
            )
            .related(&[Diploma.path()]),
        );
    }
}
