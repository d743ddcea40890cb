//! FSE-NIR — The NIR's sex digit and birth year and month agree with gender and birth
//! date (docs/rules.md).

use alloc::vec::Vec;

use super::at;
use crate::finding::{Code, Finding, RuleId};
use crate::questionnaire::Ctx;
use crate::questionnaire::F::{BirthDate, Gender, Nir};

/// FSE-NIR — the NIR's sex digit and birth year/month agree with the identity.
pub(super) fn nir_identity(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(nir) = c
        .text(Nir)
        .and_then(crate::questionnaire::value::nir_digits)
    else {
        return;
    };
    let expected_sex = match c.choice(Gender) {
        Some("man") => Some([1, 3, 7]),
        Some("woman") => Some([2, 4, 8]),
        _ => None,
    };
    if expected_sex.is_some_and(|s| !s.contains(&nir.sex)) {
        out.push(at(Code::NirGenderMismatch, Nir, RuleId::FseNir).related(&[Gender.path()]));
    }
    if let Some(birth) = c.date(BirthDate) {
        use chrono::Datelike;
        let year_ok = (birth.year() % 100) as u8 == nir.year;
        let month_ok = nir.month > 12 || birth.month() as u8 == nir.month;
        if !year_ok || !month_ok {
            out.push(
                at(Code::NirBirthDateMismatch, Nir, RuleId::FseNir).related(&[BirthDate.path()]),
            );
        }
    }
}
