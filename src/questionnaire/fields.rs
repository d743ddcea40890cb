//! The FSE+ participant questionnaire's fields, declared once.
//!
//! The one declaration below yields the field identifiers ([`F`]), the catalogue the
//! rules and the page read ([`FIELDS`]), and the TypeScript declaration of the data
//! ([`TYPESCRIPT`]), so the three cannot drift. Items follow Regulation (EU) 2021/1057,
//! Annex I, and the French "Ma démarche FSE" questionnaire; each choice is written
//! down in docs/questionnaire.md.

use super::Phase;

/// What kind of value a field holds, and how it is checked (rule FSE-FORMAT).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text of at most `max` characters, without control characters.
    Text {
        max: u32,
    },
    /// `YYYY-MM-DD`, a date that exists.
    Date,
    /// true / false (also the strings "true", "false", "oui", "non", "yes", "no").
    Bool,
    /// A sensitive or household item: "yes", "no" or "refused" (the person does not
    /// wish to answer); booleans are read as yes / no. Never required.
    Answer,
    /// One of a fixed list of codes.
    Choice(&'static [&'static str]),
    /// A whole number from 0 to `max`.
    Count {
        max: u16,
    },
    /// French postal code: 5 digits.
    PostalCode,
    /// INSEE commune code: 5 characters, Corsica as 2A / 2B.
    Insee,
    Email,
    /// French phone number, national or international form.
    Phone,
    /// Numéro d'inscription au répertoire (social security number), with its key.
    Nir,
    /// Operation identifier (Ma démarche FSE numbers such as 202303872).
    OperationId,
}

/// When a field must be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// Never required.
    Optional,
    /// Required in the phase it is asked in and every later phase.
    Required,
    /// Required when the boolean field named is true.
    When(F),
}

/// One field of the questionnaire.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub id: F,
    pub section: &'static str,
    pub name: &'static str,
    /// `section.name`, the path in the data and in findings.
    pub path: &'static str,
    pub kind: Kind,
    /// The first phase that asks this field; answering it earlier gets a warning.
    pub asked: Phase,
    pub requirement: Requirement,
}

macro_rules! kind {
    (text($max:literal)) => { Kind::Text { max: $max } };
    (date) => { Kind::Date };
    (boolean) => { Kind::Bool };
    (answer) => { Kind::Answer };
    (choice($($c:literal),+)) => { Kind::Choice(&[$($c),+]) };
    (count($max:literal)) => { Kind::Count { max: $max } };
    (postal_code) => { Kind::PostalCode };
    (insee) => { Kind::Insee };
    (email) => { Kind::Email };
    (phone) => { Kind::Phone };
    (nir) => { Kind::Nir };
    (operation_id) => { Kind::OperationId };
}

macro_rules! ts_type {
    (boolean) => { "boolean" };
    (answer) => { "\"yes\" | \"no\" | \"refused\" | boolean" };
    (choice($first:literal $(, $rest:literal)*)) => { concat!("\"", $first, "\"" $(, " | \"", $rest, "\"")*) };
    (count($max:literal)) => { "number" };
    ($other:ident $(($($arg:tt)*))?) => { "string" };
}

macro_rules! phase {
    (entry) => {
        Phase::Entry
    };
    (exit) => {
        Phase::Exit
    };
    (follow_up) => {
        Phase::FollowUp
    };
}

macro_rules! requirement {
    (required) => {
        Requirement::Required
    };
    (optional) => {
        Requirement::Optional
    };
    (when($f:ident)) => {
        Requirement::When(F::$f)
    };
}

macro_rules! questionnaire {
    ($(
        $(#[doc = $sdoc:literal])*
        $section:ident {
            $( $field:ident : $id:ident, $kind:ident $(($($arg:tt)*))?, $asked:ident, $req:ident $(($($rarg:tt)*))? ; )*
        }
    )*) => {
        /// Every field, in form order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum F { $( $( $id, )* )* }

        /// The catalogue, in form order; `FIELDS[f as usize].id == f`.
        pub static FIELDS: &[FieldSpec] = &[ $( $( FieldSpec {
            id: F::$id,
            section: stringify!($section),
            name: stringify!($field),
            path: concat!(stringify!($section), ".", stringify!($field)),
            kind: kind!($kind $(($($arg)*))?),
            asked: phase!($asked),
            requirement: requirement!($req $(($($rarg)*))?),
        }, )* )* ];

        /// The sections, in form order.
        pub static SECTIONS: &[&str] = &[ $( stringify!($section), )* ];

        /// How many fields each section of [`SECTIONS`] has; a section's fields follow
        /// each other in [`FIELDS`].
        static SECTION_SIZES: &[u8] = &[ $( [ $( stringify!($field), )* ].len() as u8, )* ];

        /// How many fields the questionnaire has.
        pub const FIELD_COUNT: usize = [ $( $( stringify!($id), )* )* ].len();

        /// TypeScript declaration of the questionnaire data, generated from the
        /// catalogue above.
        pub const TYPESCRIPT: &str = concat!(
            "/** FSE+ participant questionnaire data. Every section and field may be absent or null. */\n",
            "export interface QuestionnaireData {\n",
            $(
                $( "  /**", $sdoc, " */\n", )*
                "  ", stringify!($section), "?: {\n",
                $( "    ", stringify!($field), "?: ", ts_type!($kind $(($($arg)*))?), " | null;\n", )*
                "  } | null;\n",
            )*
            "}\n",
            "/** A field path of the questionnaire. */\n",
            "export type QuestionnairePath =\n",
            $( $( "  | \"", stringify!($section), ".", stringify!($field), "\"\n", )* )*
            "  ;\n"
        );
    };
}

questionnaire! {
    /// Identity of the participant.
    identity {
        last_name: LastName, text(100), entry, required;
        first_name: FirstName, text(100), entry, required;
        gender: Gender, choice("woman", "man", "non_binary"), entry, required;
        birth_date: BirthDate, date, entry, required;
        nir: Nir, nir, entry, optional;
    }
    /// Postal address and contact.
    contact {
        address: Address, text(200), entry, optional;
        postal_code: PostalCode, postal_code, entry, required;
        commune_insee: CommuneInsee, insee, entry, required;
        email: Email, email, entry, optional;
        phone: Phone, phone, entry, optional;
    }
    /// The operation and the participation dates.
    operation {
        id: OperationId, operation_id, entry, required;
        entry_date: EntryDate, date, entry, required;
        exit_date: ExitDate, date, exit, required;
    }
    /// Labour-market situation at entry.
    situation {
        employed: Employed, boolean, entry, required;
        self_employed: SelfEmployed, boolean, entry, optional;
        unemployed: Unemployed, boolean, entry, required;
        long_term_unemployed: LongTermUnemployed, boolean, entry, when(Unemployed);
        unemployment_start_date: UnemploymentStartDate, date, entry, when(LongTermUnemployed);
        inactive: Inactive, boolean, entry, required;
        in_education_or_training: InEducationOrTraining, boolean, entry, required;
        registered_france_travail: RegisteredFranceTravail, boolean, entry, optional;
    }
    /// Highest education level reached (French 2019 nomenclature).
    education {
        diploma: Diploma, choice("none", "brevet", "cap_bep", "bac", "bac_2", "licence", "master", "doctorat"), entry, required;
    }
    /// Values exported by another system, checked against the derived ones.
    indicators {
        age_bracket: AgeBracketGiven, choice("under_18", "18_29", "30_54", "55_plus"), entry, optional;
        isced_bracket: IscedBracketGiven, choice("isced_0_2", "isced_3_4", "isced_5_8"), entry, optional;
    }
    /// Household situation (optional; "refused" accepted).
    household {
        jobless: JoblessHousehold, answer, entry, optional;
        single_adult_with_children: SingleAdultWithChildren, answer, entry, optional;
        children_under_18: ChildrenUnder18, count(30), entry, optional;
    }
    /// Sensitive items: never required, "refused" recorded as a refusal.
    sensitive {
        disability: Disability, answer, entry, optional;
        third_country_national: ThirdCountryNational, answer, entry, optional;
        foreign_background: ForeignBackground, answer, entry, optional;
        minority: Minority, answer, entry, optional;
        homeless: Homeless, answer, entry, optional;
        rural_area: RuralArea, answer, entry, optional;
    }
    /// Minimum benefits, disability recognition, priority neighbourhood.
    benefits {
        rsa: Rsa, boolean, entry, optional;
        ass: Ass, boolean, entry, optional;
        aah: Aah, boolean, entry, optional;
        rqth: Rqth, boolean, entry, optional;
        rqth_end_date: RqthEndDate, date, entry, optional;
        qpv: Qpv, boolean, entry, optional;
    }
    /// Situation upon leaving (the last event within 4 weeks after the exit date).
    exit {
        situation_date: ExitSituationDate, date, exit, optional;
        in_employment: ExitInEmployment, boolean, exit, required;
        self_employed: ExitSelfEmployed, boolean, exit, optional;
        in_education_or_training: ExitInEducation, boolean, exit, required;
        qualification_gained: ExitQualification, boolean, exit, required;
        job_searching: ExitJobSearching, boolean, exit, required;
        inactive: ExitInactive, boolean, exit, optional;
        other: ExitOther, boolean, exit, optional;
    }
    /// Situation six months after leaving.
    follow_up {
        date: FollowUpDate, date, follow_up, required;
        in_employment: FollowUpInEmployment, boolean, follow_up, required;
        self_employed: FollowUpSelfEmployed, boolean, follow_up, optional;
        improved_situation: ImprovedSituation, boolean, follow_up, when(FollowUpInEmployment);
        improvement_kind: ImprovementKind, choice("precarious_to_stable", "underemployment_to_full", "higher_skills", "promotion"), follow_up, when(ImprovedSituation);
    }
}

impl F {
    pub fn spec(self) -> &'static FieldSpec {
        // `FIELDS` is generated in declaration order, so the index always exists; the
        // fallback only keeps this total.
        FIELDS.get(self as usize).unwrap_or(&FALLBACK)
    }

    pub fn path(self) -> &'static str {
        self.spec().path
    }

    /// The field at `section.name`.
    pub fn by_path(path: &str) -> Option<F> {
        let (section, name) = path.split_once('.')?;
        section_fields(section_index(section)?)
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id)
    }

    /// This field's bit in a set of fields ([`FIELD_COUNT`] fits in 64 bits).
    pub fn bit(self) -> u64 {
        1u64 << (self as u32 % 64)
    }
}

// A set of fields is one `u64` (the missing list of the incremental form).
const _: () = assert!(FIELD_COUNT <= 64);

/// The index of a section in [`SECTIONS`].
pub fn section_index(name: &str) -> Option<usize> {
    SECTIONS.iter().position(|s| *s == name)
}

/// The fields of the section at `index` in [`SECTIONS`], in form order.
pub fn section_fields(index: usize) -> &'static [FieldSpec] {
    let start: usize = SECTION_SIZES
        .iter()
        .take(index)
        .map(|n| usize::from(*n))
        .sum();
    let len = SECTION_SIZES.get(index).map_or(0, |n| usize::from(*n));
    FIELDS.get(start..start + len).unwrap_or(&[])
}

static FALLBACK: FieldSpec = FieldSpec {
    id: F::LastName,
    section: "identity",
    name: "last_name",
    path: "identity.last_name",
    kind: Kind::Text { max: 100 },
    asked: Phase::Entry,
    requirement: Requirement::Optional,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_is_indexed_by_identifier() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.id as usize, i, "{}", spec.path);
            assert_eq!(F::by_path(spec.path), Some(spec.id));
        }
    }

    #[test]
    fn conditional_requirements_name_boolean_fields() {
        for spec in FIELDS {
            if let Requirement::When(f) = spec.requirement {
                assert_eq!(f.spec().kind, Kind::Bool, "{}", spec.path);
                assert!(f.spec().asked <= spec.asked, "{}", spec.path);
            }
        }
    }

    #[test]
    fn sensitive_items_are_never_required() {
        for spec in FIELDS.iter().filter(|s| s.section == "sensitive") {
            assert_eq!(spec.kind, Kind::Answer, "{}", spec.path);
            assert_eq!(spec.requirement, Requirement::Optional, "{}", spec.path);
        }
    }

    #[test]
    fn typescript_lists_every_path() {
        for spec in FIELDS {
            assert!(
                TYPESCRIPT.contains(&format!("\"{}\"", spec.path)),
                "{}",
                spec.path
            );
        }
        assert!(TYPESCRIPT.contains("gender?: \"woman\" | \"man\" | \"non_binary\" | null;"));
    }
}
