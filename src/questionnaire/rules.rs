//! Coherence rules across fields. Each rule names the fields it reads, so the
//! incremental form re-runs only the rules an edit touches; a rule that reads a field
//! not in its `reads` list would go stale, and `tests::reads_are_complete` guards that.
//!
//! A rule stays silent when a field it needs is unknown (absent or invalid): missing
//! answers are reported once, in `missing`, and wrong ones once, by FSE-FORMAT.

use alloc::vec::Vec;

use super::{age_bracket, isced_of_diploma, Answer, Ctx, Phase, F};
use crate::calendar::{add_months, days_between, more_than_months_before};
use crate::finding::{Code, Finding, RuleId};

/// A coherence rule.
pub struct Rule {
    /// Identifier in docs/rules.md (FSE-…).
    pub id: RuleId,
    /// The first phase the rule applies in.
    pub from: Phase,
    /// Every field the check reads.
    pub reads: &'static [F],
    pub check: fn(&Ctx, &mut Vec<Finding>),
}

use F::*;

/// Every coherence rule, in the order findings are listed.
pub static RULES: &[Rule] = &[
    Rule {
        id: RuleId::FseAge,
        from: Phase::Entry,
        reads: &[BirthDate, EntryDate],
        check: age,
    },
    Rule {
        id: RuleId::FseDates,
        from: Phase::Entry,
        reads: &[
            BirthDate,
            EntryDate,
            ExitDate,
            UnemploymentStartDate,
            ExitSituationDate,
            FollowUpDate,
        ],
        check: dates_after_reference,
    },
    Rule {
        id: RuleId::FseNir,
        from: Phase::Entry,
        reads: &[Nir, Gender, BirthDate],
        check: nir_identity,
    },
    Rule {
        id: RuleId::FseAddress,
        from: Phase::Entry,
        reads: &[PostalCode, CommuneInsee],
        check: address,
    },
    Rule {
        id: RuleId::FseLabourStatus,
        from: Phase::Entry,
        reads: &[Employed, Unemployed, Inactive],
        check: labour_status,
    },
    Rule {
        id: RuleId::FseSelfEmployed,
        from: Phase::Entry,
        reads: &[
            SelfEmployed,
            Employed,
            ExitSelfEmployed,
            ExitInEmployment,
            FollowUpSelfEmployed,
            FollowUpInEmployment,
        ],
        check: self_employed,
    },
    Rule {
        id: RuleId::FseLtu,
        from: Phase::Entry,
        reads: &[LongTermUnemployed, Unemployed],
        check: long_term_requires_unemployed,
    },
    Rule {
        id: RuleId::FseLtu,
        from: Phase::Entry,
        reads: &[
            LongTermUnemployed,
            Unemployed,
            UnemploymentStartDate,
            EntryDate,
            BirthDate,
        ],
        check: long_term_duration,
    },
    Rule {
        id: RuleId::FseUnemploymentStart,
        from: Phase::Entry,
        reads: &[UnemploymentStartDate, EntryDate, Unemployed],
        check: unemployment_start,
    },
    Rule {
        id: RuleId::FseDerived,
        from: Phase::Entry,
        reads: &[AgeBracketGiven, BirthDate, EntryDate],
        check: age_bracket_given,
    },
    Rule {
        id: RuleId::FseDerived,
        from: Phase::Entry,
        reads: &[IscedBracketGiven, Diploma],
        check: isced_bracket_given,
    },
    Rule {
        id: RuleId::FseHousehold,
        from: Phase::Entry,
        reads: &[SingleAdultWithChildren, ChildrenUnder18],
        check: single_adult_children,
    },
    Rule {
        id: RuleId::FseHousehold,
        from: Phase::Entry,
        reads: &[JoblessHousehold, Employed],
        check: jobless_household,
    },
    Rule {
        id: RuleId::FseOrigin,
        from: Phase::Entry,
        reads: &[ThirdCountryNational, ForeignBackground],
        check: origin,
    },
    Rule {
        id: RuleId::FseRqth,
        from: Phase::Entry,
        reads: &[Rqth, RqthEndDate, EntryDate],
        check: rqth_dates,
    },
    Rule {
        id: RuleId::FseRqth,
        from: Phase::Entry,
        reads: &[Rqth, RqthEndDate, EntryDate, Disability],
        check: rqth_disability,
    },
    Rule {
        id: RuleId::FseBenefits,
        from: Phase::Entry,
        reads: &[Rsa, BirthDate, EntryDate],
        check: rsa_age,
    },
    Rule {
        id: RuleId::FseDuration,
        from: Phase::Exit,
        reads: &[EntryDate, ExitDate],
        check: participation,
    },
    Rule {
        id: RuleId::FseExitResult,
        from: Phase::Exit,
        reads: &[
            ExitInEmployment,
            ExitJobSearching,
            ExitInactive,
            ExitInEducation,
            ExitQualification,
            ExitOther,
        ],
        check: exit_result,
    },
    Rule {
        id: RuleId::FseExitResult,
        from: Phase::Exit,
        reads: &[ExitSituationDate, ExitDate],
        check: exit_window,
    },
    Rule {
        id: RuleId::FseFollowUp,
        from: Phase::FollowUp,
        reads: &[FollowUpDate, ExitDate],
        check: follow_up_timing,
    },
    Rule {
        id: RuleId::FseFollowUp,
        from: Phase::FollowUp,
        reads: &[
            ImprovedSituation,
            FollowUpInEmployment,
            Employed,
            ImprovementKind,
        ],
        check: improved_situation,
    },
];

fn at(code: Code, f: F, rule: RuleId) -> Finding {
    Finding::new(code, f.path(), rule)
}

/// FSE-AGE — born before the entry date, aged `min_age` to `max_age` at entry.
fn age(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(birth), Some(entry)) = (c.date(BirthDate), c.date(EntryDate)) else {
        return;
    };
    if birth > entry {
        out.push(at(Code::BirthAfterEntry, BirthDate, RuleId::FseAge).related(&[EntryDate.path()]));
        return;
    }
    let years = crate::calendar::age_on(birth, entry);
    let (min, max) = (c.options.min_age, c.options.max_age);
    if years < min as i32 || years > max as i32 {
        out.push(
            at(Code::AgeOutOfRange, BirthDate, RuleId::FseAge)
                .param("min", min)
                .param("max", max)
                .related(&[EntryDate.path()]),
        );
    }
}

/// FSE-DATES — no date of the questionnaire is after the reference date.
fn dates_after_reference(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(reference) = c.reference else { return };
    for f in [
        BirthDate,
        EntryDate,
        ExitDate,
        UnemploymentStartDate,
        ExitSituationDate,
        FollowUpDate,
    ] {
        if f.spec().asked <= c.phase && c.date(f).is_some_and(|d| d > reference) {
            out.push(at(Code::DateAfterReference, f, RuleId::FseDates));
        }
    }
}

/// FSE-NIR — the NIR's sex digit and birth year/month agree with the identity.
fn nir_identity(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(nir) = c.text(Nir).and_then(super::value::nir_digits) else {
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

/// FSE-ADDRESS — the postal code and the INSEE code point to the same department.
fn address(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-LABOUR-STATUS — exactly one of employed, unemployed, inactive at entry.
fn labour_status(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-SELF-EMPLOYED — self-employed is a kind of employment, at entry, upon leaving
/// and six months after.
fn self_employed(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-LTU — a long-term unemployed person is unemployed.
fn long_term_requires_unemployed(c: &Ctx, out: &mut Vec<Finding>) {
    if c.is_true(LongTermUnemployed) && c.is_false(Unemployed) {
        out.push(
            at(
                Code::LongTermRequiresUnemployed,
                LongTermUnemployed,
                RuleId::FseLtu,
            )
            .related(&[Unemployed.path()]),
        );
    }
}

/// FSE-LTU — long-term unemployed: unemployed continuously for more than 12 months
/// before entry, more than 6 months under 25 (ESF monitoring definition).
fn long_term_duration(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(start), Some(entry)) = (c.date(UnemploymentStartDate), c.date(EntryDate)) else {
        return;
    };
    if start > entry {
        return; // FSE-UNEMPLOYMENT-START reports it.
    }
    let o = c.options;
    let young = c.age_at_entry().map(|a| a < o.young_age as i32);
    let over = |months| more_than_months_before(start, entry, months);
    // With the age unknown, only what holds at both thresholds is asserted.
    let (qualifies, short) = match young {
        Some(true) => (
            over(o.long_term_months_young),
            !over(o.long_term_months_young),
        ),
        Some(false) => (over(o.long_term_months), !over(o.long_term_months)),
        None => (
            over(o.long_term_months.max(o.long_term_months_young)),
            !over(o.long_term_months.min(o.long_term_months_young)),
        ),
    };
    let months = match young {
        Some(true) => o.long_term_months_young,
        Some(false) => o.long_term_months,
        // Too short at any age: cite the threshold that holds at any age.
        None if short => o.long_term_months.min(o.long_term_months_young),
        None => o.long_term_months.max(o.long_term_months_young),
    };
    let related = [EntryDate.path(), BirthDate.path()];
    if c.is_true(LongTermUnemployed) && short {
        out.push(
            at(
                Code::LongTermDurationTooShort,
                UnemploymentStartDate,
                RuleId::FseLtu,
            )
            .param("months", months)
            .related(&related),
        );
    } else if c.is_false(LongTermUnemployed) && c.is_true(Unemployed) && qualifies {
        out.push(
            at(Code::LongTermNotFlagged, LongTermUnemployed, RuleId::FseLtu)
                .param("months", months)
                .related(&[UnemploymentStartDate.path(), EntryDate.path()]),
        );
    }
}

/// FSE-UNEMPLOYMENT-START — the unemployment start is before entry, and belongs to an
/// unemployed participant.
fn unemployment_start(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(start) = c.date(UnemploymentStartDate) else {
        return;
    };
    if c.date(EntryDate).is_some_and(|entry| start > entry) {
        out.push(
            at(
                Code::UnemploymentStartAfterEntry,
                UnemploymentStartDate,
                RuleId::FseUnemploymentStart,
            )
            .related(&[EntryDate.path()]),
        );
    }
    if c.is_false(Unemployed) {
        out.push(
            at(
                Code::UnemploymentStartWithoutUnemployment,
                UnemploymentStartDate,
                RuleId::FseUnemploymentStart,
            )
            .related(&[Unemployed.path()]),
        );
    }
}

/// FSE-DERIVED — an age bracket given by another system matches the one derived from
/// the birth and entry dates.
fn age_bracket_given(c: &Ctx, out: &mut Vec<Finding>) {
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
fn isced_bracket_given(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-HOUSEHOLD — a single adult with dependent children has at least one child.
fn single_adult_children(c: &Ctx, out: &mut Vec<Finding>) {
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
fn jobless_household(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-ORIGIN — a third-country national has a foreign background.
fn origin(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-RQTH — an RQTH end date belongs to an RQTH, and is not before entry.
fn rqth_dates(c: &Ctx, out: &mut Vec<Finding>) {
    let Some(end) = c.date(RqthEndDate) else {
        return;
    };
    if c.is_false(Rqth) {
        out.push(
            at(Code::RqthEndWithoutRqth, RqthEndDate, RuleId::FseRqth).related(&[Rqth.path()]),
        );
    } else if c.is_true(Rqth) && c.date(EntryDate).is_some_and(|entry| end < entry) {
        out.push(
            at(Code::RqthExpiredAtEntry, RqthEndDate, RuleId::FseRqth).related(&[EntryDate.path()]),
        );
    }
}

/// FSE-RQTH — an RQTH valid at entry contradicts a "no" to the disability item (a
/// person who does not wish to say answers "refused"). An RQTH without an end date is
/// permanent (granted without limit since 2019), so valid.
fn rqth_disability(c: &Ctx, out: &mut Vec<Finding>) {
    let valid_at_entry = match (c.date(RqthEndDate), c.date(EntryDate)) {
        (Some(end), Some(entry)) => end >= entry,
        _ => true,
    };
    if c.is_true(Rqth) && valid_at_entry && c.answer(Disability) == Some(Answer::No) {
        out.push(
            at(Code::RqthWithoutDisability, Disability, RuleId::FseRqth).related(&[Rqth.path()]),
        );
    }
}

/// FSE-BENEFITS — RSA under 25 is the exception (young parents, "RSA jeune actif"):
/// worth a second look.
fn rsa_age(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-DURATION — exit not before entry; a participation of one day or less creates
/// no FSE participant (DREETS guidance).
fn participation(c: &Ctx, out: &mut Vec<Finding>) {
    let (Some(entry), Some(exit)) = (c.date(EntryDate), c.date(ExitDate)) else {
        return;
    };
    // Participation days count the entry and the exit day: same day = 1.
    let days = days_between(entry, exit) + 1;
    if exit < entry {
        out.push(
            at(Code::ExitBeforeEntry, ExitDate, RuleId::FseDuration).related(&[EntryDate.path()]),
        );
    } else if days <= i64::from(c.options.short_participation_days) {
        out.push(
            at(
                Code::ParticipationOneDayOrLess,
                ExitDate,
                RuleId::FseDuration,
            )
            .param("days", c.options.short_participation_days)
            .related(&[EntryDate.path()]),
        );
    }
}

/// FSE-EXIT-RESULT — upon leaving, in employment excludes job searching and inactive;
/// a situation must be recorded.
fn exit_result(c: &Ctx, out: &mut Vec<Finding>) {
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
fn exit_window(c: &Ctx, out: &mut Vec<Finding>) {
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

/// FSE-FOLLOW-UP — the follow-up situation is taken six months after leaving, not
/// earlier, and not long after.
fn follow_up_timing(c: &Ctx, out: &mut Vec<Finding>) {
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
fn improved_situation(c: &Ctx, out: &mut Vec<Finding>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Options, Val, FIELDS};
    use std::collections::BTreeSet;

    /// A rule's findings change only when a field in its `reads` changes: flipping any
    /// other field, from a record where the rule fires, never changes its output.
    #[test]
    fn reads_are_complete() {
        let samples = crate::questionnaire::form::tests::sample_values();
        let options = Options::default();
        for (i, rule) in RULES.iter().enumerate() {
            for base in &samples {
                let ctx = |values: &[Val]| {
                    let mut out = Vec::new();
                    (rule.check)(
                        &Ctx {
                            values,
                            phase: Phase::FollowUp,
                            reference: crate::calendar::parse_iso_date("2026-11-23").ok(),
                            options: &options,
                        },
                        &mut out,
                    );
                    out
                };
                let before = ctx(base);
                for spec in FIELDS.iter().filter(|s| !rule.reads.contains(&s.id)) {
                    let mut changed = base.clone();
                    if let Some(v) = changed.get_mut(spec.id as usize) {
                        *v = Val::Absent;
                    }
                    assert_eq!(
                        before,
                        ctx(&changed),
                        "rule #{i} {} reads {} undeclared",
                        rule.id,
                        spec.path
                    );
                }
            }
        }
    }

    #[test]
    fn every_rule_id_is_documented() {
        let doc = include_str!("../../docs/questionnaire.md");
        let ids: BTreeSet<_> = RULES.iter().map(|r| r.id).collect();
        for id in ids {
            assert!(
                doc.contains(id.as_str()),
                "{id} missing from docs/questionnaire.md"
            );
        }
    }
}
