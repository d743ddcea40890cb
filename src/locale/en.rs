//! English messages and labels (on request).

use crate::finding::Code;

/// A table of texts, by the position of their keys in the French file's table.
pub type Texts = &'static [&'static str];

pub fn message(code: Code) -> &'static str {
    use Code::*;
    match code {
        InvalidRequest => "The request must be an object.",
        InvalidJson => "The text received is not valid JSON.",
        UnknownCheck => "Unknown check: only {allowed} exist.",
        InvalidPhase => "The phase must be entry, exit or follow_up.",
        ReferenceDateRequired => "Give the reference date (YYYY-MM-DD): the date rules need it.",
        UnsupportedLocale => "Unsupported language: messages are in French.",
        InvalidOption => "Unknown option or out of its bounds ({min} to {max}): the default applies.",
        InvalidStructure => "This part must be an object ({expected}), not {received}.",
        UnknownField => "Unknown field: it is ignored.",
        TooManyUnknownFields => "Too many unknown fields: only the first {max} are reported.",
        NotExpectedInPhase => "This item is only asked from the {phase} phase on.",
        InvalidType => "Wrong type of value: {expected} expected, {received} received.",
        UnreadableValue => "Unreadable value (nested too deeply or of an unsupported type).",
        TextTooLong => "Text too long: {max} characters at most.",
        InvalidCharacters => "The text contains control characters that are not allowed.",
        InvalidDateFormat => "Enter the date as YYYY-MM-DD.",
        NonexistentDate => "This date does not exist in the calendar.",
        InvalidChoice => "Unexpected value: choose among {allowed}.",
        InvalidBoolean => "Answer yes or no.",
        InvalidNumber => "Enter a whole number.",
        NumberOutOfRange => "The number must be between {min} and {max}.",
        InvalidPostalCode => "Invalid postal code: 5 digits of an existing département.",
        InvalidInseeCode => "Invalid INSEE commune code: 5 characters (2A or 2B for Corsica).",
        InvalidEmail => "Invalid email address.",
        InvalidPhone => "Invalid phone number: 10 digits starting with 0, or international form (+33…).",
        InvalidNir => "Invalid social security number: 15 characters, key included.",
        NirKeyMismatch => "The social security number's key does not match the number.",
        InvalidOperationId => "Invalid operation identifier: letters, digits and - _ . / (32 characters at most).",
        LabourStatusConflict => "Only one labour-market situation at entry: employed, unemployed or inactive.",
        LabourStatusNone => "Give the situation at entry: employed, unemployed or inactive.",
        LongTermRequiresUnemployed => "A long-term unemployed person must be recorded as unemployed.",
        LongTermDurationTooShort => "Long-term unemployment: unemployment must have started more than {months} months before entry.",
        LongTermNotFlagged => "Unemployment started more than {months} months before entry: the person is long-term unemployed.",
        UnemploymentStartAfterEntry => "Unemployment cannot start after the entry date.",
        UnemploymentStartWithoutUnemployment => "An unemployment start date is given but the person is not recorded as unemployed.",
        SelfEmployedRequiresEmployed => "A self-employed person is employed: tick \"employed\" too.",
        BirthAfterEntry => "The date of birth is after the entry date.",
        AgeOutOfRange => "The age at the entry date must be between {min} and {max}.",
        DateAfterReference => "This date is after the reference (or decision) date.",
        ExitBeforeEntry => "The exit date cannot be before the entry date.",
        ParticipationOneDayOrLess => "A participation of {days} day or less creates no ESF participant.",
        ExitEmploymentAndJobSearching => "Upon leaving, \"in employment\" and \"job searching\" exclude each other.",
        ExitEmploymentAndInactive => "Upon leaving, \"in employment\" and \"inactive\" exclude each other.",
        ExitSituationUnspecified => "No situation is recorded upon leaving.",
        ExitSituationOutsideWindow => "The situation upon leaving is recorded within {days} days after the exit date.",
        SingleAdultWithoutChildren => "Single adult with dependent children: the number of children under 18 cannot be 0.",
        JoblessHouseholdButEmployed => "The household cannot be jobless when the participant is employed.",
        AgeBracketMismatch => "The age bracket does not match the age computed at the entry date.",
        IscedBracketMismatch => "The ISCED bracket does not match the diploma.",
        RqthExpiredAtEntry => "The RQTH had expired at the entry date.",
        RqthEndWithoutRqth => "An RQTH end date is given without an RQTH.",
        RqthWithoutDisability => "A current RQTH contradicts the \"no\" to the disability item (the person may choose \"does not wish to answer\").",
        ThirdCountryWithoutForeignBackground => "A third-country national has a foreign background: \"no\" is incoherent.",
        NirGenderMismatch => "The social security number's first digit does not match the gender given.",
        NirBirthDateMismatch => "The year or month of birth in the social security number does not match the date of birth.",
        PostalInseeMismatch => "The postal code and the INSEE commune code are not in the same département.",
        FollowUpTooEarly => "The follow-up situation is taken {months} months after leaving, not earlier.",
        FollowUpLate => "Follow-up situation taken more than {months} months after leaving.",
        ImprovedWithoutEmployment => "An improved situation requires being in employment six months after leaving.",
        ImprovedRequiresEmployedAtEntry => "An improved situation only concerns participants employed at entry.",
        ImprovementKindWithoutImprovement => "A kind of improvement is given without an improved situation.",
        RsaUnder25 => "RSA under {age}: check the situation (single parent, young worker RSA).",
        DecisionDateRequired => "Give the decision date (YYYY-MM-DD): eligibility is judged on that date.",
        UnknownProgramme => "Unknown programme: choose among {allowed}.",
        ProgrammeNotInForce => "This date is outside the programme's period ({from} to {to}): its rules are applied as they are.",
        WhichCommune => "This postal code covers several communes, inside and outside the territory: which one ({communes})?",
        ContradictoryFacts => "This fact contradicts another ({with}): check them.",
        ProofTooOld => "Proof too old: it must be less than {months} months old at hiring; the criterion is not counted.",
        ProofExpired => "Proof no longer valid on the hiring date; the criterion is not counted.",
        ProofDateRequired => "Give the proof's date (or end of validity): without it, the criterion is not counted.",
        ProcedureOutOfOrder => "This step is dated before the step that must come first.",
        CommitteeNotAccepted => "The entry committee did not accept the entry (refused or deferred).",
        BirthDateImplausible => "The birth date gives an age over {max} on the decision date: check it.",
        AlternativeRequired => "The committee did not accept the candidate: record the other route proposed to them.",
        QuestionnaireInvalid => "The FSE entry questionnaire is not valid on {date}: see what to correct.",
        #[cfg(feature = "exits")]
        ExitDateRequired => "Give the exit date (YYYY-MM-DD): an exit is judged on the date it is pronounced.",
        #[cfg(feature = "exits")]
        EntryDateRequired => "Give the entry date (YYYY-MM-DD): follow-up obligations run from the entry.",
        #[cfg(feature = "exits")]
        NoExitRules => "This programme defines no exit rules.",
        #[cfg(feature = "exits")]
        NoFollowUpRules => "This programme defines no follow-up obligations.",
        #[cfg(feature = "exits")]
        TooManyItems => "List too long: only the first {max} items are read.",
        #[cfg(feature = "exits")]
        EndBeforeStart => "The end date is before the start date: the period is not counted.",
        #[cfg(feature = "exits")]
        HoursExceedDays => "More hours than the period holds ({max} h at most): the mission is not counted.",
        #[cfg(feature = "exits")]
        MissionsOverlap => "This mission overlaps another: both are counted; remove it if it was entered twice.",
        #[cfg(feature = "exits")]
        MissionOutsideParcours => "Mission outside the parcours (before the entry or after the exit): its hours outside the parcours are not counted.",
        #[cfg(feature = "exits")]
        ExitProofTooOld => "Proof dated more than {days} days before the exit: it does not attest the situation when the exit is pronounced.",
        #[cfg(feature = "exits")]
        ProofAfterExit => "Proof dated after the exit: it must exist when the exit is pronounced.",
        #[cfg(feature = "exits")]
        ProofWrongKind => "This proof ({kind}) does not attest this kind of exit.",
        #[cfg(feature = "exits")]
        EventBeforeEntry => "Event before the entry: it is not counted.",
        #[cfg(feature = "exits")]
        EventAfterReference => "Event after the reference date (planned): not counted yet.",
        #[cfg(feature = "exits")]
        EventAfterExit => "Event after the exit: it is not counted.",
        #[cfg(feature = "exits")]
        TimelineNotInOrder => "The events are not in date order: they are read sorted.",
        #[cfg(feature = "exits")]
        DuplicateExit => "One exit per parcours: this one is extra.",
        #[cfg(feature = "exits")]
        ObligationOverdue => "Follow-up obligation overdue: {obligation} (due {due}).",
        #[cfg(feature = "exits")]
        ObligationDoneLate => "Follow-up obligation met late: {obligation} (due {due}).",
        CriterionAgeMismatch => "The date of birth does not match this age criterion; it is not counted.",
        // Codes of checks this build does not carry.
        #[cfg(not(feature = "exits"))]
        _ => "",
    }
}

/// The tables below are written as (key, text) pairs, in the French file's order with
/// the same keys (a test checks it): the module keeps the texts alone, and finds a
/// key's position in the French table (src/locale/mod.rs, `Locale::lookup`). The keys
/// written here are compiled for that test only.
macro_rules! by_french_keys {
    ($( $(#[$attr:meta])* $name:ident = [ $( $(#[$cfg:meta])* ($key:expr, $text:expr $(,)?) ),* $(,)? ]; )*) => {
        $( $(#[$attr])* pub static $name: &[&str] = &[ $( $(#[$cfg])* $text ),* ]; )*

        /// Each table's keys, as written above.
        #[cfg(test)]
        pub mod keys {
            $( $(#[$attr])* pub static $name: &[&str] = &[ $( $(#[$cfg])* $key ),* ]; )*
        }
    };
}

by_french_keys! {
    /// Labels of fields and sections, by path.
    LABELS = [
        ("identity", "Identity"),
        ("identity.last_name", "Last name at birth"),
        ("identity.first_name", "First name"),
        ("identity.gender", "Gender"),
        ("identity.birth_date", "Date of birth"),
        ("identity.nir", "Social security number (NIR)"),
        ("contact", "Address and contact"),
        ("contact.address", "Address (number and street)"),
        ("contact.postal_code", "Postal code"),
        ("contact.commune_insee", "INSEE commune code"),
        ("contact.email", "Email address"),
        ("contact.phone", "Phone"),
        ("operation", "Operation"),
        ("operation.id", "Operation number"),
        ("operation.entry_date", "Entry date"),
        ("operation.exit_date", "Exit date"),
        ("situation", "Labour-market situation at entry"),
        ("situation.employed", "Employed (including self-employed)"),
        ("situation.self_employed", "Self-employed"),
        ("situation.unemployed", "Unemployed"),
        ("situation.long_term_unemployed", "Long-term unemployed"),
        (
            "situation.unemployment_start_date",
            "Unemployment start date",
        ),
        ("situation.inactive", "Inactive"),
        (
            "situation.in_education_or_training",
            "In education or training",
        ),
        (
            "situation.registered_france_travail",
            "Registered with France Travail",
        ),
        ("education", "Education"),
        ("education.diploma", "Highest diploma"),
        ("indicators", "Transmitted indicators"),
        ("indicators.age_bracket", "Transmitted age bracket"),
        ("indicators.isced_bracket", "Transmitted ISCED bracket"),
        ("household", "Household"),
        ("household.jobless", "Lives in a jobless household"),
        (
            "household.single_adult_with_children",
            "Single adult with dependent children",
        ),
        ("household.children_under_18", "Number of children under 18"),
        ("sensitive", "Sensitive information (optional)"),
        ("sensitive.disability", "Person with a disability"),
        ("sensitive.third_country_national", "Third-country national"),
        (
            "sensitive.foreign_background",
            "Person with a foreign background",
        ),
        (
            "sensitive.minority",
            "Minority (including marginalised communities such as the Roma)",
        ),
        (
            "sensitive.homeless",
            "Homeless or affected by housing exclusion",
        ),
        ("sensitive.rural_area", "Lives in a rural area"),
        ("benefits", "Minimum benefits and recognitions"),
        ("benefits.rsa", "RSA recipient"),
        ("benefits.ass", "ASS recipient"),
        ("benefits.aah", "AAH recipient"),
        ("benefits.rqth", "Recognised disabled worker (RQTH)"),
        ("benefits.rqth_end_date", "RQTH end date"),
        ("benefits.qpv", "Lives in a priority neighbourhood (QPV)"),
        ("exit", "Situation upon leaving"),
        ("exit.situation_date", "Date of the situation"),
        (
            "exit.in_employment",
            "In employment (including self-employed)",
        ),
        ("exit.self_employed", "Self-employed"),
        ("exit.in_education_or_training", "In education or training"),
        ("exit.qualification_gained", "Gained a qualification"),
        ("exit.job_searching", "Job searching"),
        ("exit.inactive", "Inactive"),
        ("exit.other", "Other situation"),
        ("follow_up", "Situation six months after leaving"),
        ("follow_up.date", "Date of the follow-up situation"),
        (
            "follow_up.in_employment",
            "In employment (including self-employed)",
        ),
        ("follow_up.self_employed", "Self-employed"),
        (
            "follow_up.improved_situation",
            "Improved labour-market situation",
        ),
        ("follow_up.improvement_kind", "Kind of improvement"),
    ];

    /// Labels of choice codes.
    CHOICES = [
        ("woman", "Woman"),
        ("man", "Man"),
        ("non_binary", "Non-binary"),
        ("none", "No diploma"),
        ("brevet", "Brevet (lower secondary)"),
        ("cap_bep", "CAP, BEP (level 3)"),
        ("bac", "Baccalauréat (level 4)"),
        ("bac_2", "Two years after the bac: BTS, DUT (level 5)"),
        ("licence", "Licence, BUT (level 6)"),
        ("master", "Master (level 7)"),
        ("doctorat", "Doctorate (level 8)"),
        ("under_18", "Under 18"),
        ("18_29", "18 to 29"),
        ("30_54", "30 to 54"),
        ("55_plus", "55 and over"),
        ("isced_0_2", "ISCED 0 to 2"),
        ("isced_3_4", "ISCED 3 to 4"),
        ("isced_5_8", "ISCED 5 to 8"),
        (
            "precarious_to_stable",
            "From precarious to stable employment",
        ),
        (
            "underemployment_to_full",
            "From underemployment to full employment",
        ),
        ("higher_skills", "A job requiring higher skills"),
        ("promotion", "Promotion"),
        ("yes", "Yes"),
        ("no", "No"),
        ("refused", "Does not wish to answer"),
        ("under_25_public", "Under 25"),
    ];

    /// Eligibility explanations, by rule kind and outcome.
    EXPLANATIONS = [
        ("residence.passed", "Lives in the programme's territory."),
        (
            "residence.failed",
            "Lives outside the programme's territory.",
        ),
        (
            "residence.unknown",
            "Commune of residence needed (postal code, or INSEE code).",
        ),
        (
            "residence.which_commune",
            "This postal code covers communes inside and outside the territory: give the commune.",
        ),
        (
            "age.passed",
            "Age on the decision date within the programme's limits.",
        ),
        ("age.too_old", "Over {max} on the decision date."),
        ("age.too_young", "Under {min} on the decision date."),
        (
            "age.too_young_no_route",
            "Under {min} on the decision date, with no ground for a derogation.",
        ),
        (
            "age.derogation",
            "Under {min}: entry possible by derogation ({route}), to be signed off by {signed_by}.",
        ),
        (
            "age.derogation_unknown",
            "Under {min}: a derogation is possible; give its ground.",
        ),
        ("age.unknown", "Date of birth needed."),
        ("all_of.passed", "Conditions met."),
        ("all_of.failed", "Condition not met: {facts}."),
        ("all_of.unknown", "Conditions to fill in."),
        ("any_of.passed", "Condition met."),
        ("any_of.failed", "None of the conditions is met."),
        ("any_of.unknown", "Conditions to fill in."),
        (
            "priority.none",
            "No priority public recognised (no effect on eligibility).",
        ),
        (
            "priority.some",
            "Priority public: {publics} (status alone is not an entry criterion).",
        ),
        ("iae_proofs.none", "No criterion accepted."),
        (
            "iae_proofs.some",
            "Criteria accepted — level 1: {level_1}; level 2: {level_2}.",
        ),
        ("iae_exclusive.none", "No incompatible criteria."),
        (
            "iae_exclusive.conflict",
            "Incompatible criteria: {pair}; only one can count.",
        ),
        (
            "iae_threshold.unknown",
            "Who makes the diagnosis, and for which kind of structure?",
        ),
        (
            "iae_threshold.prescriber",
            "Diagnosis by an authorised prescriber: no minimum number of criteria.",
        ),
        (
            "iae_threshold.level_1",
            "One level-1 criterion is enough ({structure}).",
        ),
        (
            "iae_threshold.level_2",
            "{level_2} level-2 criteria for {needed} required ({structure}).",
        ),
        (
            "iae_threshold.failed",
            "{level_2} level-2 criteria for {needed} required ({structure}), and none of level 1.",
        ),
        (
            "iae_threshold.level_1_any",
            "One level-1 criterion suffices, whatever the structure.",
        ),
        (
            "iae_threshold.level_2_any",
            "{level_2} level-2 criteria: enough for any structure.",
        ),
        (
            "iae_threshold.failed_any",
            "{level_2} level-2 criteria, fewer than the {needed} any structure requires, and none of level 1.",
        ),
        ("iae_validity.unknown", "Date of the diagnosis needed."),
        (
            "iae_validity.passed",
            "Diagnosis valid on the hiring date (until {until}).",
        ),
        (
            "iae_validity.pass",
            "Diagnosis expired on {until}, kept valid by a running PASS IAE.",
        ),
        (
            "iae_validity.pass_running",
            "A PASS IAE is running: the diagnosis stays valid, whatever its date.",
        ),
        (
            "iae_validity.expired_pass_unknown",
            "Diagnostic expired on {until}: is a PASS IAE running?",
        ),
        (
            "iae_validity.failed",
            "Diagnosis expired on {until}, with no running PASS IAE.",
        ),
        ("outcome.eligible", "Eligible."),
        (
            "outcome.derogation",
            "Eligible by derogation: to be signed off by {signed_by} (sign-off not recorded).",
        ),
        (
            "outcome.derogation_recorded",
            "Eligible by derogation, sign-off recorded ({signed_by}).",
        ),
        ("outcome.not_eligible", "Not eligible."),
        (
            "outcome.incomplete",
            "Incomplete: {missing} {missing|fact|facts} needed to decide.",
        ),
    ];

    /// Labels of the eligibility facts.
    FACT_LABELS = [
        (
            "structure_kind",
            "Kind of structure (ACI, EI, EITI, ETTI, AI)",
        ),
        (
            "diagnosed_by",
            "Diagnosis made by (authorised prescriber or employer)",
        ),
        ("diagnosis_date", "Date of the diagnosis"),
        ("pass_iae_running", "Running PASS IAE"),
        (
            "iae_criteria",
            "IAE eligibility criteria and the date of their proofs",
        ),
        ("birth_date", "Date of birth"),
        ("commune_insee", "INSEE code of the commune of residence"),
        ("postal_code", "Postal code"),
        ("commune_name", "Commune"),
        (
            "socio_professional_difficulties",
            "Has socio-professional difficulties in finding work",
        ),
        ("available_to_act", "Available to work on them"),
        ("motivated", "Motivated for a path to employment"),
        ("clause_sociale", "Hired under a social clause"),
        ("tos", "TOS public"),
        (
            "derogation_signed_off",
            "Derogation signed off by the PLIE Direction",
        ),
        ("rsa", "RSA recipient"),
        ("rsa_socle", "RSA socle recipient (basic RSA)"),
        ("long_term_job_seeker", "Long-term job seeker"),
        (
            "job_seeker",
            "Job seeker (looking for work, registered or not)",
        ),
        ("qpv", "Lives in a priority neighbourhood (QPV)"),
        ("rqth", "Recognised disabled worker (RQTH)"),
        ("rqth_end_date", "RQTH end date"),
        ("minimum_benefits", "Minimum benefit recipient"),
        (
            "unknown_to_public_employment_service",
            "Unknown to the public employment service",
        ),
        (
            "without_activity",
            "Without activity (no employment, training or studies)",
        ),
        (
            "last_individual_interview_date",
            "Date of the last individual interview with the public employment service",
        ),
        ("in_education_or_training", "In education or training"),
        (
            "international_protection",
            "Beneficiary of international protection",
        ),
        ("asylum_seeker", "Asylum seeker"),
        ("asylum_request_date", "Date of the asylum request"),
        ("without_job_or_training", "Without employment or training"),
        (
            "without_job_or_training_since",
            "Without employment or training since",
        ),
    ];

    #[cfg(feature = "exits")]
    EXIT_EXPLANATIONS = [
        ("route.start_unknown", "Start date needed."),
        ("route.not_started", "The situation only starts on {from}: not under way on the exit date."),
        ("route.ended_before_exit", "The situation ended before the exit date: it must be attested when the exit is pronounced."),
        ("contract.type_unknown", "Contract type needed."),
        ("contract.excluded", "{contract_type}: this contract does not count as a positive exit as an employment contract."),
        ("contract.passed_any", "{contract_type} under way on the exit date."),
        ("contract.open_ended", "Permanent contract under way: more than {months} months."),
        ("contract.end_unknown", "Contract end date needed (more than {months} months required)."),
        ("contract.passed", "Contract of more than {months} months (it covers {mark})."),
        ("contract.too_short", "Contract of {months} months or less: it should cover at least {mark}."),
        ("aided.not_aided", "{contract_type} is not a counted aided contract."),
        ("aided.aci_unknown", "Is the aided contract with an ACI (atelier et chantier d'insertion)?"),
        ("aided.aci", "Aided contract in an ACI: excluded from positive exits."),
        ("aided.not_project", "The aided contract does not match the participant's professional project."),
        ("aided.not_agreed", "The participant has not agreed."),
        ("aided.unknown", "Does the contract match the professional project, and does the participant agree?"),
        ("aided.passed", "{contract_type} outside an ACI, matching the professional project, with the participant's agreement."),
        ("interim.passed", "{hours} temporary-work hours from {from} to {to}: at least {min_hours} hours over {months} months date to date."),
        ("interim.none", "List of temporary-work missions needed (dates and hours)."),
        ("interim.unreadable", "{hours} hours counted of {min_hours}; {count} incomplete or wrong {count|mission|missions} to correct."),
        ("interim.too_few", "{hours} hours at best over {months} months date to date: {min_hours} required."),
        ("training.unknown", "The training's certification is needed."),
        ("training.not_qualifying", "Not a qualifying training: it must lead to a diploma, a registered title or a professional certificate."),
        ("training.passed", "Training under way on the exit date, leading to a counted certification."),
        ("business.ended_early", "The activity stopped before {months} months."),
        ("business.too_young", "Activity of {months} months or less: the exit can be examined again from {mark}."),
        ("business.passed", "Activity of more than {months} months, under way on the exit date."),
        ("proof.passed", "Situation attested on the exit date ({count} {count|proof|proofs})."),
        ("proof.too_old", "The proofs are dated more than {days} days before the exit: give one that attests the situation when the exit is pronounced."),
        ("proof.none", "No proof attests the situation on the exit date (dated at most {days} days before it)."),
        ("exit.committee", "Exit to be proposed to the follow-up committee with a table, an argument and the proofs."),
        ("exit.incomplete", "Cannot classify yet: {missing} {missing|item|items} to complete."),
        ("exit.administrative", "Administrative exit ({reason}): it does not count as positive."),
        ("exit.initiative", "Exit at the initiative of the programme or participant ({reason}): it does not count as positive."),
        ("exit.positive", "Positive exit: {kind}."),
        ("exit.proof_needed", "The situation counts as a positive exit, but must be attested on the exit date."),
        ("exit.no_route", "This programme does not count this situation ({reason}) as a positive exit."),
        ("exit.not_positive", "Not a positive exit ({reason}): no positive-exit rule is met."),
        ("exit.not_yet", "Not a positive exit yet: examine again from {re_examine_on}."),
        ("obligation.done", "{obligation}: met in time."),
        ("obligation.done_late", "{obligation}: met after its due date, {due}."),
        ("obligation.due", "{obligation}: due by {due}."),
        ("obligation.late", "{obligation}: late since {due}."),
        ("obligation.too_early", "{obligation}: the event of {too_early} is too early to count; expected from {from} to {due}."),
        ("steps.done", "At least {min} parcours steps ({count})."),
        ("steps.due", "{count} parcours {count|step|steps} of the {min} required before the exit."),
        ("steps.late", "Exit with {count} parcours {count|step|steps} of the {min} required."),
        ("in_job_follow_up.late", "Follow-up in employment: a contact is expected in the last month, until {due}."),
        ("in_job_follow_up.exited", "Follow-up in employment cut short: exit on {exit}, before the follow-up ends on {due}."),
        ("in_training_follow_up.late", "Follow-up in training: a contact is expected in the last month, until {due}."),
        ("in_training_follow_up.exited", "Follow-up in training cut short: exit on {exit}, before the follow-up ends on {due}."),
        ("in_training_follow_up.until_end", "Follow-up in training until the training ends: its end date is not known yet."),
        ("follow_up.late", "{late} follow-up {late|obligation|obligations} late, {done_late} met late, {due} to come."),
        ("follow_up.on_time", "No follow-up obligation late; {done_late} met late, {due} to come."),
        ("rate.none", "{measure}: no exit to count (target {target} %)."),
        ("rate.met", "{measure}: {rate} % ({count} of {of}), target of {target} % met."),
        ("rate.missed", "{measure}: {rate} % ({count} of {of}), below the target of {target} %."),
        ("referent.no_target", "{active} active {active|participant|participants}; the programme sets no target."),
        ("referent.met", "{active} active {active|participant|participants}: target of {target} met."),
        ("referent.below", "{active} active {active|participant|participants}, for a target of {target}."),
        ("portfolio.summary", "{exits} {exits|exit|exits} classified, {incomplete} incomplete and outside the rates."),
    ];

    #[cfg(feature = "exits")]
    TERMS = [
        ("employment", "Employment"),
        ("temporary_work", "Temporary-work missions"),
        ("training", "Training"),
        ("business_creation", "Business creation"),
        ("moving_out", "Moving out of the territory"),
        ("death", "Death"),
        ("retirement", "Retirement"),
        ("abandonment", "Abandonment"),
        ("interruption", "Interruption of support"),
        ("breach_of_commitment", "Breach of the contrat d'engagement"),
        ("cdi", "Permanent contract (CDI)"),
        ("cdd", "Fixed-term contract (CDD)"),
        ("apprenticeship", "Apprenticeship"),
        ("professionalisation", "Professionalisation contract"),
        ("cui_cie", "CUI-CIE"),
        ("cui_cae", "CUI-CAE"),
        ("pec", "PEC (parcours emploi compétences)"),
        ("cddi", "CDDI"),
        ("ctti", "CTTI"),
        (
            "ai_usage",
            "Contrat d'usage with an intermediary association",
        ),
        ("diploma", "Diploma"),
        ("registered_title", "Registered title"),
        ("professional_certificate", "Professional certificate"),
        ("no_certification", "No certification"),
        ("durable_employment", "Durable employment"),
        ("qualifying_training", "Qualifying training"),
        ("iae", "Employment in an insertion structure (IAE)"),
        ("internship", "Internship"),
        ("immersion", "Immersion"),
        ("workshop", "Workshop"),
        ("veille", "Standby (veille)"),
        ("other", "Other"),
        ("interview", "Interview"),
        ("contact", "Contact"),
        ("absence", "Absence"),
        ("reminder", "Reminder"),
        ("step", "Parcours step"),
        ("employment_start", "Hiring"),
        (
            "cre_feedback",
            "Feedback from the business-relations officer",
        ),
        ("employer_call", "Call to the employer"),
        ("employer_visit", "Visit to the employer"),
        ("exit", "Exit"),
        ("monthly_interview", "Monthly physical interview"),
        ("steps", "Parcours steps"),
        ("absence_letter", "Reminder letter"),
        ("absence_call", "Reminder call"),
        ("in_job_follow_up", "Follow-up in employment"),
        ("in_training_follow_up", "Follow-up in training"),
        ("cre_call", "Call to the employer in the first week"),
        ("cre_visit", "Visit before the trial period ends"),
        ("employment_contract", "Employment contract"),
        ("payslip", "Payslip"),
        ("employer_certificate", "Employer certificate"),
        ("mission_statement", "Statement of missions"),
        ("training_certificate", "Training certificate"),
        ("business_registration", "Business registration"),
        ("activity_proof", "Proof of activity"),
        ("positive", "Positive exits"),
    ];

    /// Rule titles, by identifier: what a référent reads instead of the identifier.
    RULE_TITLES = [
        ("ENT-RESIDENCE", "Place of residence"),
        ("ENT-AGE", "Age"),
        ("ENT-DEROGATION", "Derogation"),
        ("ENT-DIFFICULTIES", "Difficulties in finding work"),
        ("ENT-STATUS-NOT-ENOUGH", "A status alone is not enough"),
        ("ENT-PUBLIC", "Target public"),
        ("ENT-PRIORITY", "Priority publics"),
        ("ENT-PROCEDURE", "Entry file"),
        ("ENT-CAPACITY", "Référent's active portfolio"),
        ("ENT-FACTS", "The person's situation"),
        ("IAE-PROOF", "Criteria and proofs"),
        ("IAE-EXCLUSIVE", "Incompatible criteria"),
        ("IAE-THRESHOLD", "Number of criteria needed"),
        ("IAE-VALIDITY", "Validity of the diagnosis"),
        #[cfg(feature = "exits")]
        ("EXIT-CONTRACT", "Employment contract of more than 6 months"),
        #[cfg(feature = "exits")]
        ("EXIT-INTERIM", "Temporary-work missions"),
        #[cfg(feature = "exits")]
        ("EXIT-AIDED", "Aided contract"),
        #[cfg(feature = "exits")]
        ("EXIT-TRAINING", "Qualifying training"),
        #[cfg(feature = "exits")]
        ("EXIT-BUSINESS", "Business creation"),
        #[cfg(feature = "exits")]
        ("EXIT-APPRENTICESHIP", "Apprenticeship"),
        #[cfg(feature = "exits")]
        ("EXIT-DURABLE", "Durable employment"),
        #[cfg(feature = "exits")]
        ("EXIT-PROOF-AT-DATE", "Proofs on the exit date"),
        #[cfg(feature = "exits")]
        ("EXIT-COMMITTEE", "Proposal to the follow-up committee"),
        #[cfg(feature = "exits")]
        ("EXIT-OTHER", "Other exit"),
        #[cfg(feature = "exits")]
        ("FU-MONTHLY", "Monthly interview"),
        #[cfg(feature = "exits")]
        ("FU-WEEKLY", "Weekly interview"),
        #[cfg(feature = "exits")]
        ("FU-GAP", "Never two months without contact"),
        #[cfg(feature = "exits")]
        ("FU-STEPS", "Parcours steps"),
        #[cfg(feature = "exits")]
        ("FU-ABSENCE", "Reminders after an absence"),
        #[cfg(feature = "exits")]
        ("FU-IN-JOB", "In-job follow-up"),
        #[cfg(feature = "exits")]
        ("FU-CRE", "Follow-up of a job placement"),
        ("FSE-FORMAT", "Format of the answers"),
        ("FSE-AGE", "Age at entry"),
        ("FSE-DATES", "Consistent dates"),
        ("FSE-LABOUR-STATUS", "Labour-market status"),
        ("FSE-LTU", "Long-term unemployment"),
        ("FSE-UNEMPLOYMENT-START", "Start of unemployment"),
        ("FSE-SELF-EMPLOYED", "Self-employed"),
        ("FSE-RQTH", "Disabled-worker recognition"),
        ("FSE-NIR", "Social security number"),
        ("FSE-HOUSEHOLD", "Household"),
        ("FSE-BENEFITS", "Minimum benefits"),
        ("FSE-ADDRESS", "Address"),
        ("FSE-ORIGIN", "Origin"),
        ("FSE-DERIVED", "Derived values"),
        ("FSE-DURATION", "Length of participation"),
        ("FSE-PHASE", "Questionnaire phase"),
        ("FSE-EXIT-RESULT", "Situation at exit"),
        ("FSE-FOLLOW-UP", "Situation after 6 months"),
        ("REQUEST", "Request"),
    ];

    /// IAE terms: criteria, who made the diagnosis, kind of structure.
    IAE_TERMS = [
        ("iae_criteria.rsa", "RSA beneficiary"),
        ("iae_criteria.ass", "ASS recipient"),
        ("iae_criteria.aah", "AAH recipient"),
        (
            "iae_criteria.detld",
            "Very long-term job seeker (24 months or more)",
        ),
        (
            "iae_criteria.education_level_3_or_below",
            "Education level 3 (CAP, BEP) or below",
        ),
        ("iae_criteria.senior", "Senior (50 or over)"),
        ("iae_criteria.young", "Young person under 26"),
        ("iae_criteria.ase", "Leaving child welfare (ASE)"),
        (
            "iae_criteria.deld",
            "Long-term job seeker (12 to 24 months)",
        ),
        ("iae_criteria.disabled_worker", "Disabled worker"),
        ("iae_criteria.single_parent", "Single parent"),
        ("iae_criteria.housing", "Homeless or housed by others"),
        ("iae_criteria.refugee", "Refugee or subsidiary protection"),
        (
            "iae_criteria.zrr",
            "Living in a rural revitalisation zone (ZRR)",
        ),
        (
            "iae_criteria.qpv",
            "Living in a priority neighbourhood (QPV)",
        ),
        ("iae_criteria.justice", "Under a court measure"),
        ("iae_criteria.french_below_a1", "French below level A1"),
        ("iae_criteria.mobility", "Mobility problem"),
        ("diagnosed_by.prescriber", "An authorised prescriber"),
        ("diagnosed_by.employer", "The employer (the IAE structure)"),
        ("structure_kind.ACI", "Integration workshop (ACI)"),
        ("structure_kind.EI", "Integration enterprise (EI)"),
        (
            "structure_kind.EITI",
            "Self-employment integration enterprise (EITI)",
        ),
        (
            "structure_kind.ETTI",
            "Temporary-work integration enterprise (ETTI)",
        ),
        ("structure_kind.AI", "Intermediate association (AI)"),
    ];
}
