//! The FSE+ participant questionnaire: its fields, their formats, the coherence rules
//! across fields, and the incremental form that re-checks only what an edit touches.
//!
//! docs/questionnaire.md lists every field and rule with the regulation item or
//! French practice it follows.

pub mod fields;
pub mod form;
pub mod rules;
pub mod schema;
pub mod value;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use fields::{FieldSpec, Kind, Requirement, F, FIELDS, SECTIONS, TYPESCRIPT};
pub use form::Form;
pub use value::{trim, Answer, Text, Val};

/// Which questionnaire is being filled in. Each phase asks its own items and every
/// item of the phases before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Entry,
    Exit,
    FollowUp,
}

impl Phase {
    pub fn from_name(name: &str) -> Option<Phase> {
        match name {
            "entry" => Some(Phase::Entry),
            "exit" => Some(Phase::Exit),
            "follow_up" => Some(Phase::FollowUp),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Entry => "entry",
            Phase::Exit => "exit",
            Phase::FollowUp => "follow_up",
        }
    }
}

/// The thresholds the rules use, each with its default and the source of the default.
/// A request may change them (`options`); docs/questionnaire.md says why each default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Options {
    /// FSE-AGE: youngest age at entry (15).
    pub min_age: u32,
    /// FSE-AGE: oldest age at entry (99).
    pub max_age: u32,
    /// FSE-LTU: months of unemployment for an adult to be long-term unemployed (12).
    pub long_term_months: u32,
    /// FSE-LTU: the same for a participant under `young_age` at entry (6).
    pub long_term_months_young: u32,
    /// FSE-LTU, FSE-BENEFITS: the age under which the young rules apply (25).
    pub young_age: u32,
    /// FSE-DURATION: participations of this many days or fewer create no FSE
    /// participant (1, counting entry and exit days).
    pub short_participation_days: u32,
    /// FSE-EXIT-RESULT: days after the exit date within which the situation upon
    /// leaving is recorded (28: "within 4 weeks").
    pub exit_window_days: u32,
    /// FSE-FOLLOW-UP: months after the exit for the follow-up questionnaire (6).
    pub follow_up_months: u32,
    /// FSE-FOLLOW-UP: months after that beyond which the follow-up is late (3).
    pub follow_up_tolerance_months: u32,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_age: 15,
            max_age: 99,
            long_term_months: 12,
            long_term_months_young: 6,
            young_age: 25,
            short_participation_days: 1,
            exit_window_days: 28,
            follow_up_months: 6,
            follow_up_tolerance_months: 3,
        }
    }
}

impl Options {
    /// The option names a request may set, with their allowed range.
    pub const NAMES: &'static [(&'static str, u32, u32)] = &[
        ("min_age", 0, 120),
        ("max_age", 0, 120),
        ("long_term_months", 1, 120),
        ("long_term_months_young", 1, 120),
        ("young_age", 0, 120),
        ("short_participation_days", 0, 365),
        ("exit_window_days", 0, 365),
        ("follow_up_months", 0, 60),
        ("follow_up_tolerance_months", 0, 60),
    ];

    pub fn set(&mut self, name: &str, value: u32) -> bool {
        let slot = match name {
            "min_age" => &mut self.min_age,
            "max_age" => &mut self.max_age,
            "long_term_months" => &mut self.long_term_months,
            "long_term_months_young" => &mut self.long_term_months_young,
            "young_age" => &mut self.young_age,
            "short_participation_days" => &mut self.short_participation_days,
            "exit_window_days" => &mut self.exit_window_days,
            "follow_up_months" => &mut self.follow_up_months,
            "follow_up_tolerance_months" => &mut self.follow_up_tolerance_months,
            _ => return false,
        };
        *slot = value;
        true
    }
}

/// The fields [`Ctx::derived`] reads: an edit of any other leaves the derived values
/// as they were (the incremental form relies on it; its property tests check it).
pub const DERIVED_FROM: &[F] = &[F::BirthDate, F::EntryDate, F::ExitDate, F::Diploma];

/// Values derived from the answers, never typed twice (FSE-DERIVED).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Derived {
    /// Age in full years at the entry date.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub age_at_entry: Option<i32>,
    /// FSE+ age bracket at entry: under_18, 18_29, 30_54, 55_plus.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "ts",
        ts(optional, type = "\"under_18\" | \"18_29\" | \"30_54\" | \"55_plus\"")
    )]
    pub age_bracket: Option<&'static str>,
    /// ISCED 2011 level of the highest diploma, where the diploma gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub isced_level: Option<u8>,
    /// FSE+ education bracket: isced_0_2, isced_3_4, isced_5_8.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "ts",
        ts(optional, type = "\"isced_0_2\" | \"isced_3_4\" | \"isced_5_8\"")
    )]
    pub isced_bracket: Option<&'static str>,
    /// Days of participation, entry and exit days included.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub participation_days: Option<i64>,
}

/// FSE+ age bracket (Annex I: below 18, 18 to 29, 55 and over; 30 to 54 completes it).
pub fn age_bracket(age: i32) -> &'static str {
    match age {
        i32::MIN..=17 => "under_18",
        18..=29 => "18_29",
        30..=54 => "30_54",
        _ => "55_plus",
    }
}

/// ISCED level and FSE+ bracket of a French diploma (2019 nomenclature):
/// none / brevet → ISCED 0-2 (no single level), CAP-BEP and baccalauréat → 3,
/// bac+2 (BTS, DUT) → 5, licence → 6, master → 7, doctorat → 8.
pub fn isced_of_diploma(diploma: &str) -> Option<(Option<u8>, &'static str)> {
    Some(match diploma {
        "none" => (None, "isced_0_2"),
        "brevet" => (Some(2), "isced_0_2"),
        "cap_bep" => (Some(3), "isced_3_4"),
        "bac" => (Some(3), "isced_3_4"),
        "bac_2" => (Some(5), "isced_5_8"),
        "licence" => (Some(6), "isced_5_8"),
        "master" => (Some(7), "isced_5_8"),
        "doctorat" => (Some(8), "isced_5_8"),
        _ => return None,
    })
}

/// What every rule reads: the values, the phase, the reference date and the options.
pub struct Ctx<'a> {
    pub values: &'a [Val],
    pub phase: Phase,
    pub reference: Option<NaiveDate>,
    pub options: &'a Options,
}

impl Ctx<'_> {
    pub fn val(&self, f: F) -> &Val {
        self.values.get(f as usize).unwrap_or(&Val::Absent)
    }
    pub fn date(&self, f: F) -> Option<NaiveDate> {
        match self.val(f) {
            Val::Date(d) => Some(*d),
            _ => None,
        }
    }
    pub fn flag(&self, f: F) -> Option<bool> {
        match self.val(f) {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }
    pub fn is_true(&self, f: F) -> bool {
        self.flag(f) == Some(true)
    }
    pub fn is_false(&self, f: F) -> bool {
        self.flag(f) == Some(false)
    }
    pub fn answer(&self, f: F) -> Option<Answer> {
        match self.val(f) {
            Val::Answer(a) => Some(*a),
            _ => None,
        }
    }
    pub fn count(&self, f: F) -> Option<u16> {
        match self.val(f) {
            Val::Count(n) => Some(*n),
            _ => None,
        }
    }
    pub fn text(&self, f: F) -> Option<&str> {
        match self.val(f) {
            Val::Text(t) => Some(t),
            _ => None,
        }
    }
    pub fn choice(&self, f: F) -> Option<&'static str> {
        match (self.val(f), f.spec().kind) {
            (Val::Choice(i), Kind::Choice(choices)) => choices.get(usize::from(*i)).copied(),
            _ => None,
        }
    }
    /// Age in full years at the entry date, when both dates are known and in order.
    pub fn age_at_entry(&self) -> Option<i32> {
        let birth = self.date(F::BirthDate)?;
        let entry = self.date(F::EntryDate)?;
        (birth <= entry).then(|| crate::calendar::age_on(birth, entry))
    }

    /// Reads the fields of [`DERIVED_FROM`] only.
    pub fn derived(&self) -> Derived {
        let age = self.age_at_entry();
        let isced = self.choice(F::Diploma).and_then(isced_of_diploma);
        let participation = match (self.date(F::EntryDate), self.date(F::ExitDate)) {
            (Some(entry), Some(exit)) if exit >= entry => {
                Some(crate::calendar::days_between(entry, exit) + 1)
            }
            _ => None,
        };
        Derived {
            age_at_entry: age,
            age_bracket: age.map(age_bracket),
            isced_level: isced.and_then(|(level, _)| level),
            isced_bracket: isced.map(|(_, bracket)| bracket),
            participation_days: participation,
        }
    }
}
