//! Coherence rules across fields. Each rule names the fields it reads, so the
//! incremental form re-runs only the rules an edit touches; a rule that reads a field
//! not in its `reads` list would go stale, and `tests::reads_are_complete` guards that.
//!
//! A rule stays silent when a field it needs is unknown (absent or invalid): missing
//! answers are reported once, in `missing`, and wrong ones once, by FSE-FORMAT.

use alloc::vec::Vec;

use super::{Ctx, Phase, F};
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

// One module per rule, named by its identifier (docs/rules.md).
mod fse_address;
mod fse_age;
mod fse_benefits;
mod fse_dates;
mod fse_derived;
mod fse_duration;
mod fse_exit_result;
mod fse_follow_up;
mod fse_household;
mod fse_labour_status;
mod fse_ltu;
mod fse_nir;
mod fse_origin;
mod fse_rqth;
mod fse_self_employed;
mod fse_unemployment_start;

/// Every coherence rule, in the order findings are listed.
pub static RULES: &[Rule] = &[
    Rule {
        id: RuleId::FseAge,
        from: Phase::Entry,
        reads: &[BirthDate, EntryDate],
        check: fse_age::age,
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
        check: fse_dates::dates_after_reference,
    },
    Rule {
        id: RuleId::FseNir,
        from: Phase::Entry,
        reads: &[Nir, Gender, BirthDate],
        check: fse_nir::nir_identity,
    },
    Rule {
        id: RuleId::FseAddress,
        from: Phase::Entry,
        reads: &[PostalCode, CommuneInsee],
        check: fse_address::address,
    },
    Rule {
        id: RuleId::FseLabourStatus,
        from: Phase::Entry,
        reads: &[Employed, Unemployed, Inactive],
        check: fse_labour_status::labour_status,
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
        check: fse_self_employed::self_employed,
    },
    Rule {
        id: RuleId::FseLtu,
        from: Phase::Entry,
        reads: &[LongTermUnemployed, Unemployed],
        check: fse_ltu::long_term_requires_unemployed,
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
        check: fse_ltu::long_term_duration,
    },
    Rule {
        id: RuleId::FseUnemploymentStart,
        from: Phase::Entry,
        reads: &[UnemploymentStartDate, EntryDate, Unemployed],
        check: fse_unemployment_start::unemployment_start,
    },
    Rule {
        id: RuleId::FseDerived,
        from: Phase::Entry,
        reads: &[AgeBracketGiven, BirthDate, EntryDate],
        check: fse_derived::age_bracket_given,
    },
    Rule {
        id: RuleId::FseDerived,
        from: Phase::Entry,
        reads: &[IscedBracketGiven, Diploma],
        check: fse_derived::isced_bracket_given,
    },
    Rule {
        id: RuleId::FseHousehold,
        from: Phase::Entry,
        reads: &[SingleAdultWithChildren, ChildrenUnder18],
        check: fse_household::single_adult_children,
    },
    Rule {
        id: RuleId::FseHousehold,
        from: Phase::Entry,
        reads: &[JoblessHousehold, Employed],
        check: fse_household::jobless_household,
    },
    Rule {
        id: RuleId::FseOrigin,
        from: Phase::Entry,
        reads: &[ThirdCountryNational, ForeignBackground],
        check: fse_origin::origin,
    },
    Rule {
        id: RuleId::FseRqth,
        from: Phase::Entry,
        reads: &[Rqth, RqthEndDate, EntryDate],
        check: fse_rqth::rqth_dates,
    },
    Rule {
        id: RuleId::FseRqth,
        from: Phase::Entry,
        reads: &[Rqth, RqthEndDate, EntryDate, Disability],
        check: fse_rqth::rqth_disability,
    },
    Rule {
        id: RuleId::FseBenefits,
        from: Phase::Entry,
        reads: &[Rsa, BirthDate, EntryDate],
        check: fse_benefits::rsa_age,
    },
    Rule {
        id: RuleId::FseDuration,
        from: Phase::Exit,
        reads: &[EntryDate, ExitDate],
        check: fse_duration::participation,
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
        check: fse_exit_result::exit_result,
    },
    Rule {
        id: RuleId::FseExitResult,
        from: Phase::Exit,
        reads: &[ExitSituationDate, ExitDate],
        check: fse_exit_result::exit_window,
    },
    Rule {
        id: RuleId::FseFollowUp,
        from: Phase::FollowUp,
        reads: &[FollowUpDate, ExitDate],
        check: fse_follow_up::follow_up_timing,
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
        check: fse_follow_up::improved_situation,
    },
];

/// A finding of `rule` about the field `f`.
fn at(code: Code, f: F, rule: RuleId) -> Finding {
    Finding::new(code, f.path(), rule)
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
        let doc = include_str!("../../../docs/questionnaire.md");
        let ids: BTreeSet<_> = RULES.iter().map(|r| r.id).collect();
        for id in ids {
            assert!(
                doc.contains(id.as_str()),
                "{id} missing from docs/questionnaire.md"
            );
        }
    }
}
