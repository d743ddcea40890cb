//! The identifier of every rule, as docs/rules.md lists them: one variant each, with
//! the rule's one-line meaning. Serialised as the identifier (`"FSE-AGE"`), the form
//! findings, explanations, programme files and cases use.
//!
//! This file depends on nothing (build.rs includes it to check the programme files'
//! identifiers against it).

macro_rules! rule_ids {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal; )*) => {
        /// A rule identifier (docs/rules.md). Never renamed once published: findings
        /// cite it, and a portal may switch on it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $( $(#[$doc])* $variant, )*
        }

        impl RuleId {
            /// Every identifier, in the order of docs/rules.md.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The identifier as docs/rules.md writes it (`FSE-AGE`).
            pub const fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $name,)* }
            }

            /// The identifier named `name`, if there is one.
            pub fn from_name(name: &str) -> Option<RuleId> {
                match name { $($name => Some(RuleId::$variant),)* _ => None }
            }

            /// The variant's name in Rust (`FseAge`), for code generated from data.
            pub const fn variant_name(self) -> &'static str {
                match self { $(RuleId::$variant => stringify!($variant),)* }
            }
        }
    };
}

rule_ids! {
    /// REQUEST — The request itself: an object, a known `check`, phase, programme and locale, the reference or decision date given (no implicit today), dates written YYYY-MM-DD, facts of the right type, no unknown field.
    Request = "REQUEST";
    /// FSE-FORMAT — Types and formats of every field (dates, codes, NIR, postal and INSEE codes, answers).
    FseFormat = "FSE-FORMAT";
    /// FSE-AGE — Born before entry, aged 15 to 99 at the entry date, in full years.
    FseAge = "FSE-AGE";
    /// FSE-DATES — No date after the reference date.
    FseDates = "FSE-DATES";
    /// FSE-NIR — The NIR's sex digit and birth year and month agree with gender and birth date.
    FseNir = "FSE-NIR";
    /// FSE-ADDRESS — Postal code and INSEE code in the same département.
    FseAddress = "FSE-ADDRESS";
    /// FSE-LABOUR-STATUS — Exactly one of employed, unemployed, inactive at entry.
    FseLabourStatus = "FSE-LABOUR-STATUS";
    /// FSE-SELF-EMPLOYED — Self-employed implies employed, at entry, exit and follow-up.
    FseSelfEmployed = "FSE-SELF-EMPLOYED";
    /// FSE-LTU — Long-term unemployed: unemployed for more than 12 months (6 under 25) at entry.
    FseLtu = "FSE-LTU";
    /// FSE-UNEMPLOYMENT-START — The unemployment start is not after entry and belongs to an unemployed person.
    FseUnemploymentStart = "FSE-UNEMPLOYMENT-START";
    /// FSE-DERIVED — Age and ISCED brackets derived, never typed twice; matching when exported.
    FseDerived = "FSE-DERIVED";
    /// FSE-HOUSEHOLD — A single adult with children has a child under 18; an employed participant's household is not jobless.
    FseHousehold = "FSE-HOUSEHOLD";
    /// FSE-ORIGIN — A third-country national has a foreign background.
    FseOrigin = "FSE-ORIGIN";
    /// FSE-RQTH — An RQTH end date belongs to an RQTH, not before entry; a valid RQTH contradicts "no" to disability.
    FseRqth = "FSE-RQTH";
    /// FSE-BENEFITS — RSA before 25 is an exception worth checking.
    FseBenefits = "FSE-BENEFITS";
    /// FSE-DURATION — Exit not before entry; a participation of one day or less creates no participant.
    FseDuration = "FSE-DURATION";
    /// FSE-EXIT-RESULT — The situation upon leaving: coherent, recorded, within 4 weeks of the exit.
    FseExitResult = "FSE-EXIT-RESULT";
    /// FSE-FOLLOW-UP — The situation 6 months after leaving; an improved situation and its kind.
    FseFollowUp = "FSE-FOLLOW-UP";
    /// FSE-PHASE — Items answered in the phase that asks them.
    FsePhase = "FSE-PHASE";
    /// ENT-RESIDENCE — Domiciled in the programme's territory, by INSEE code or postal code (and commune name when a postal code is shared across the edge).
    EntResidence = "ENT-RESIDENCE";
    /// ENT-AGE — The age in full years on the decision date within the programme's bounds.
    EntAge = "ENT-AGE";
    /// ENT-DEROGATION — Under the minimum age, entry by derogation on a stated ground, signed off by the PLIE Direction.
    EntDerogation = "ENT-DEROGATION";
    /// ENT-DIFFICULTIES — Socio-professional difficulties, and available to work on them.
    EntDifficulties = "ENT-DIFFICULTIES";
    /// ENT-STATUS-NOT-ENOUGH — Motivation: a status (RSA…) never makes a person eligible by itself.
    EntStatusNotEnough = "ENT-STATUS-NOT-ENOUGH";
    /// ENT-PRIORITY — The priority publics the person belongs to: explained, never decisive.
    EntPriority = "ENT-PRIORITY";
    /// ENT-PUBLIC — The programme's public: job seekers (Cotentin); young people of the QPV unknown to the public employment service, without activity, or not seen in an individual interview for more than 4 months (Mission Locale); refugees and asylum seekers of more than 6 months (STARE); without employment or training for more than 6 months (Activateur).
    EntPublic = "ENT-PUBLIC";
    /// ENT-FACTS — Facts that cannot all hold (an RQTH end date without RQTH, an asylum seeker already protected, an RSA socle without RSA) and a birth date giving an age over 120.
    EntFacts = "ENT-FACTS";
    /// ENT-PROCEDURE — The entry file: the programme's steps in order (information meeting, diagnostic, committee, contract, interviews), the FSE entry questionnaire valid, the proofs, the route proposed after a refusal.
    EntProcedure = "ENT-PROCEDURE";
    /// ENT-CAPACITY — A full-time référent's active portfolio against 95 participants, and its annual renewal (exits of the last 12 months over the active portfolio) against 50 %.
    EntCapacity = "ENT-CAPACITY";
    /// IAE-L1 — Level-1 criteria (RSA, ASS, AAH, very long-term job seeker): one suffices for an employer's diagnosis.
    IaeL1 = "IAE-L1";
    /// IAE-L2 — Level-2 criteria (education level, age, ASE, long-term job seeker, disability, single parent, housing, protection, ZRR, QPV, justice, French level, mobility).
    IaeL2 = "IAE-L2";
    /// IAE-PROOF — Each criterion counted only with a proof recent enough (or valid) on the hiring date, age criteria checked against the birth date.
    IaeProof = "IAE-PROOF";
    /// IAE-EXCLUSIVE — Senior and young cannot both count; of very long-term and long-term job seeker, the first counts.
    IaeExclusive = "IAE-EXCLUSIVE";
    /// IAE-THRESHOLD — An authorised prescriber's diagnosis needs no count; an employer's one level-1 or 3 level-2 criteria (ACI, EI, EITI), 2 (ETTI, AI; 3 for AI before September 2021); no criterion claimed asks the criteria.
    IaeThreshold = "IAE-THRESHOLD";
    /// IAE-VALIDITY — A prescriber's diagnosis valid 6 months, an employer's 92 days since 9 December 2024 (6 months before); a running PASS IAE keeps it valid.
    IaeValidity = "IAE-VALIDITY";
    /// EXIT-CONTRACT — An employment contract of more than 6 months, attested, except CUI-CAE (PEC), CDDI, CTTI, contrat d'usage en AI (Mission Locale: CDD of more than 6 months or CDI).
    ExitContract = "EXIT-CONTRACT";
    /// EXIT-INTERIM — Temporary work of at least 1,215 hours over 12 months date to date.
    ExitInterim = "EXIT-INTERIM";
    /// EXIT-AIDED — An aided contract outside an ACI, matching the professional project, with the participant's agreement.
    ExitAided = "EXIT-AIDED";
    /// EXIT-TRAINING — A qualifying training sanctioned by a diploma, a registered title or a professional certificate (Mission Locale: any training).
    ExitTraining = "EXIT-TRAINING";
    /// EXIT-BUSINESS — A business whose activity lasts more than 6 months.
    ExitBusiness = "EXIT-BUSINESS";
    /// EXIT-APPRENTICESHIP — An apprenticeship, a positive exit of the Mission Locale.
    ExitApprenticeship = "EXIT-APPRENTICESHIP";
    /// EXIT-PROOF-AT-DATE — Proofs attest the situation on the exit date: dated at most 31 days before it, not after.
    ExitProofAtDate = "EXIT-PROOF-AT-DATE";
    /// EXIT-COMMITTEE — Information: the exit goes to the follow-up committee with a table, an argument and the proofs.
    ExitCommittee = "EXIT-COMMITTEE";
    /// EXIT-OTHER — Administrative exits (moving, death, retirement) and exits at the programme's or participant's initiative: not positive.
    ExitOther = "EXIT-OTHER";
    /// EXIT-TARGETS — Exit rates against the programme's targets (positive, durable employment, qualifying training…).
    ExitTargets = "EXIT-TARGETS";
    /// FU-MONTHLY — At least one physical interview a month, outside steps of employment, training, internship, veille.
    FuMonthly = "FU-MONTHLY";
    /// FU-GAP — Never 2 months or more without contact.
    FuGap = "FU-GAP";
    /// FU-STEPS — At least 2 parcours steps.
    FuSteps = "FU-STEPS";
    /// FU-ABSENCE — An unjustified absence gets a letter the same week and a call the week after.
    FuAbsence = "FU-ABSENCE";
    /// FU-IN-JOB — Follow-up in employment for 6 months after hiring (6 months and a day in the Boulonnais).
    FuInJob = "FU-IN-JOB";
    /// FU-CRE — After a placement by the chargé de relations entreprises: feedback within 15 days, a call in the first week, a visit before the trial period ends.
    FuCre = "FU-CRE";
}

/// Read from a programme file: an identifier of docs/rules.md, or the problem
/// `unknown rule identifier "X"` at the value's path (src/programme/file.rs).
impl<'de> serde::Deserialize<'de> for RuleId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = RuleId;
            fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
                f.write_str("a rule identifier")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RuleId, E> {
                RuleId::from_name(v)
                    .ok_or_else(|| E::custom(format_args!("unknown rule identifier \"{v}\"")))
            }
        }
        d.deserialize_str(Name)
    }
}
