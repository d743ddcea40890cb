//! The FSE+ common indicators for participants (Regulation (EU) 2021/1057, Annex I),
//! each defined from the questionnaire fields it reads, and the [`Tally`] that adds
//! rows up. docs/lot.md gives the same definitions for readers.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use serde::Serialize;

use super::{RowCode, RowOutcome};
use crate::finding::Severity;
use crate::questionnaire::{Answer, Derived, Form, Phase, Val, F};

/// One indicator: what it counts, from which fields, from which phase on.
pub struct Indicator {
    /// Stable identifier, in the outputs.
    pub id: &'static str,
    pub label_fr: &'static str,
    pub label_en: &'static str,
    /// Output indicators are counted in every phase (the entry items are in every
    /// questionnaire); results at exit from the exit phase; six months after leaving
    /// in the follow-up phase only.
    pub from: Phase,
    /// The fields it reads, as docs/lot.md lists them.
    pub reads: &'static [F],
    holds: fn(&Form, Option<&Derived>) -> bool,
}

fn yes(form: &Form, f: F) -> bool {
    matches!(form.value(f), Val::Bool(true) | Val::Answer(Answer::Yes))
}

fn age(derived: Option<&Derived>, bracket: &str) -> bool {
    derived.and_then(|d| d.age_bracket) == Some(bracket)
}

fn isced(derived: Option<&Derived>, bracket: &str) -> bool {
    derived.and_then(|d| d.isced_bracket) == Some(bracket)
}

/// Every indicator, in the order of Annex I; a row's indicators are a bit each, in
/// this order.
pub static INDICATORS: &[Indicator] = &[
    Indicator {
        id: "unemployed",
        label_fr: "Chômeurs, y compris de longue durée",
        label_en: "Unemployed, including long-term unemployed",
        from: Phase::Entry,
        reads: &[F::Unemployed],
        holds: |f, _| yes(f, F::Unemployed),
    },
    Indicator {
        id: "long_term_unemployed",
        label_fr: "Chômeurs de longue durée",
        label_en: "Long-term unemployed",
        from: Phase::Entry,
        reads: &[F::LongTermUnemployed],
        holds: |f, _| yes(f, F::LongTermUnemployed),
    },
    Indicator {
        id: "inactive",
        label_fr: "Inactifs",
        label_en: "Inactive",
        from: Phase::Entry,
        reads: &[F::Inactive],
        holds: |f, _| yes(f, F::Inactive),
    },
    Indicator {
        id: "employed",
        label_fr: "Personnes en emploi, y compris les indépendants",
        label_en: "Employed, including self-employed",
        from: Phase::Entry,
        reads: &[F::Employed, F::SelfEmployed],
        holds: |f, _| yes(f, F::Employed) || yes(f, F::SelfEmployed),
    },
    Indicator {
        id: "below_18",
        label_fr: "Moins de 18 ans",
        label_en: "Below 18 years of age",
        from: Phase::Entry,
        reads: &[F::BirthDate, F::EntryDate],
        holds: |_, d| age(d, "under_18"),
    },
    Indicator {
        id: "age_18_29",
        label_fr: "18 à 29 ans",
        label_en: "18 to 29 years of age",
        from: Phase::Entry,
        reads: &[F::BirthDate, F::EntryDate],
        holds: |_, d| age(d, "18_29"),
    },
    Indicator {
        id: "age_55_plus",
        label_fr: "55 ans et plus",
        label_en: "55 years of age and over",
        from: Phase::Entry,
        reads: &[F::BirthDate, F::EntryDate],
        holds: |_, d| age(d, "55_plus"),
    },
    Indicator {
        id: "isced_0_2",
        label_fr: "Niveau CITE 0 à 2",
        label_en: "ISCED 0 to 2",
        from: Phase::Entry,
        reads: &[F::Diploma],
        holds: |_, d| isced(d, "isced_0_2"),
    },
    Indicator {
        id: "isced_3_4",
        label_fr: "Niveau CITE 3 ou 4",
        label_en: "ISCED 3 or 4",
        from: Phase::Entry,
        reads: &[F::Diploma],
        holds: |_, d| isced(d, "isced_3_4"),
    },
    Indicator {
        id: "isced_5_8",
        label_fr: "Niveau CITE 5 à 8",
        label_en: "ISCED 5 to 8",
        from: Phase::Entry,
        reads: &[F::Diploma],
        holds: |_, d| isced(d, "isced_5_8"),
    },
    Indicator {
        id: "disability",
        label_fr: "Participants handicapés",
        label_en: "Participants with disabilities",
        from: Phase::Entry,
        reads: &[F::Disability],
        holds: |f, _| yes(f, F::Disability),
    },
    Indicator {
        id: "third_country_national",
        label_fr: "Ressortissants de pays tiers",
        label_en: "Third-country nationals",
        from: Phase::Entry,
        reads: &[F::ThirdCountryNational],
        holds: |f, _| yes(f, F::ThirdCountryNational),
    },
    Indicator {
        id: "foreign_background",
        label_fr: "Participants d'origine étrangère",
        label_en: "Participants with a foreign background",
        from: Phase::Entry,
        reads: &[F::ForeignBackground],
        holds: |f, _| yes(f, F::ForeignBackground),
    },
    Indicator {
        id: "minority",
        label_fr: "Minorités",
        label_en: "Minorities",
        from: Phase::Entry,
        reads: &[F::Minority],
        holds: |f, _| yes(f, F::Minority),
    },
    Indicator {
        id: "homeless",
        label_fr: "Sans domicile ou exclus du logement",
        label_en: "Homeless or affected by housing exclusion",
        from: Phase::Entry,
        reads: &[F::Homeless],
        holds: |f, _| yes(f, F::Homeless),
    },
    Indicator {
        id: "rural_area",
        label_fr: "Participants des zones rurales",
        label_en: "Participants from rural areas",
        from: Phase::Entry,
        reads: &[F::RuralArea],
        holds: |f, _| yes(f, F::RuralArea),
    },
    Indicator {
        id: "total",
        label_fr: "Nombre total de participants",
        label_en: "Total number of participants",
        from: Phase::Entry,
        reads: &[],
        holds: |_, _| true,
    },
    Indicator {
        id: "exit_job_searching",
        label_fr: "En recherche d'emploi à la sortie",
        label_en: "Job searching upon leaving",
        from: Phase::Exit,
        reads: &[F::ExitJobSearching],
        holds: |f, _| yes(f, F::ExitJobSearching),
    },
    Indicator {
        id: "exit_in_education_or_training",
        label_fr: "Suivant un enseignement ou une formation à la sortie",
        label_en: "In education or training upon leaving",
        from: Phase::Exit,
        reads: &[F::ExitInEducation],
        holds: |f, _| yes(f, F::ExitInEducation),
    },
    Indicator {
        id: "exit_qualification",
        label_fr: "Ayant obtenu une qualification à la sortie",
        label_en: "Gaining a qualification upon leaving",
        from: Phase::Exit,
        reads: &[F::ExitQualification],
        holds: |f, _| yes(f, F::ExitQualification),
    },
    Indicator {
        id: "exit_in_employment",
        label_fr: "En emploi, y compris indépendant, à la sortie",
        label_en: "In employment, including self-employed, upon leaving",
        from: Phase::Exit,
        reads: &[F::ExitInEmployment, F::ExitSelfEmployed],
        holds: |f, _| yes(f, F::ExitInEmployment) || yes(f, F::ExitSelfEmployed),
    },
    Indicator {
        id: "six_months_in_employment",
        label_fr: "En emploi, y compris indépendant, six mois après la sortie",
        label_en: "In employment, including self-employed, six months after leaving",
        from: Phase::FollowUp,
        reads: &[F::FollowUpInEmployment, F::FollowUpSelfEmployed],
        holds: |f, _| yes(f, F::FollowUpInEmployment) || yes(f, F::FollowUpSelfEmployed),
    },
    Indicator {
        id: "six_months_improved_situation",
        label_fr: "Situation améliorée sur le marché du travail six mois après la sortie",
        label_en: "With an improved labour market situation six months after leaving",
        from: Phase::FollowUp,
        reads: &[F::ImprovedSituation],
        holds: |f, _| yes(f, F::ImprovedSituation),
    },
];

// A row's indicators are one `u32`.
const _: () = assert!(INDICATORS.len() <= 32);

/// The indicators a checked record counts in, as bits of [`INDICATORS`].
pub fn of(form: &Form, derived: Option<&Derived>, phase: Phase) -> u32 {
    INDICATORS
        .iter()
        .enumerate()
        .filter(|(_, i)| i.from <= phase && (i.holds)(form, derived))
        .fold(0, |bits, (n, _)| bits | (1 << n))
}

/// The gender breakdown's columns: women, men, non-binary.
pub const GENDERS: [&str; 3] = ["women", "men", "non_binary"];

/// The sums of rows: mergeable, so chunks checked apart add up to the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Lines read after the header.
    pub rows: u64,
    /// Rows counted in the indicators.
    pub counted: u64,
    /// Rows not counted: an error, something required missing, a line not read, or
    /// a participation of one day or less.
    pub excluded: u64,
    /// Rows not counted, by each code that kept them out (a row with two such codes
    /// counts under both).
    pub excluded_by_code: BTreeMap<&'static str, u64>,
    /// Findings of every row, by code.
    pub findings_by_code: BTreeMap<&'static str, u64>,
    pub errors: u64,
    pub warnings: u64,
    /// Counted rows per indicator (order of [`INDICATORS`]) and gender (women, men,
    /// non-binary).
    pub by_indicator: Vec<[u64; 3]>,
    /// Rows by completeness, in tenths (0 to 10).
    pub completeness: [u64; 11],
    /// Rows by month of entry (`YYYY-MM`), when the entry date reads.
    pub entries_by_month: BTreeMap<(i32, u32), u64>,
    /// The programme dashboards' sums (the summary writes them as tables).
    #[serde(skip)]
    pub dashboards: super::dashboards::Dashboards,
}

impl Tally {
    pub fn new() -> Tally {
        Tally {
            by_indicator: alloc::vec![[0; 3]; INDICATORS.len()],
            dashboards: super::dashboards::Dashboards::new(),
            ..Tally::default()
        }
    }

    pub fn add(&mut self, row: &RowOutcome) {
        if self.by_indicator.len() != INDICATORS.len() {
            self.by_indicator.resize(INDICATORS.len(), [0; 3]);
        }
        self.rows += 1;
        for f in &row.findings {
            *self.findings_by_code.entry(f.code.as_str()).or_default() += 1;
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
        if row.counted {
            self.counted += 1;
            for (n, slot) in self.by_indicator.iter_mut().enumerate() {
                if row.indicators & (1 << n) != 0 {
                    if let Some(cell) = slot.get_mut(usize::from(row.gender)) {
                        *cell += 1;
                    }
                }
            }
        } else {
            self.excluded += 1;
            let mut why: Vec<&'static str> = row
                .findings
                .iter()
                .filter(|f| {
                    f.severity == Severity::Error
                        || f.code
                            == RowCode::Questionnaire(
                                crate::finding::Code::ParticipationOneDayOrLess,
                            )
                })
                .map(|f| f.code.as_str())
                .collect();
            why.sort_unstable();
            why.dedup();
            for code in why {
                *self.excluded_by_code.entry(code).or_default() += 1;
            }
        }
        let tenth = (row.completeness * 10.0).floor().clamp(0.0, 10.0) as usize;
        if let Some(slot) = self.completeness.get_mut(tenth) {
            *slot += 1;
        }
        if let Some(month) = row.entry_month {
            *self.entries_by_month.entry(month).or_default() += 1;
        }
        self.dashboards.add(&row.programme, row.counted);
    }

    pub fn merge(&mut self, other: Tally) {
        self.rows += other.rows;
        self.counted += other.counted;
        self.excluded += other.excluded;
        self.errors += other.errors;
        self.warnings += other.warnings;
        for (k, v) in other.excluded_by_code {
            *self.excluded_by_code.entry(k).or_default() += v;
        }
        for (k, v) in other.findings_by_code {
            *self.findings_by_code.entry(k).or_default() += v;
        }
        if self.by_indicator.len() < other.by_indicator.len() {
            self.by_indicator.resize(other.by_indicator.len(), [0; 3]);
        }
        for (mine, theirs) in self.by_indicator.iter_mut().zip(other.by_indicator) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        for (a, b) in self.completeness.iter_mut().zip(other.completeness) {
            *a += b;
        }
        for (k, v) in other.entries_by_month {
            *self.entries_by_month.entry(k).or_default() += v;
        }
        self.dashboards.merge(other.dashboards);
    }

    /// The count of an indicator: (women, men, non-binary), total.
    pub fn count(&self, id: &str) -> Option<([u64; 3], u64)> {
        let n = INDICATORS.iter().position(|i| i.id == id)?;
        let split = self.by_indicator.get(n).copied().unwrap_or([0; 3]);
        Some((split, split.iter().sum()))
    }
}
