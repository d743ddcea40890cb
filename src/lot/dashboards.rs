//! The programme dashboards the PLIE Flandre Lys specifications ask for (Fiche action
//! 1 and 2), computed when the export carries the programme's own columns: entries,
//! deferrals and refusals by territory and by entry criterion, the typology of the
//! publics followed, exits by type, and the participants with no interview for more
//! than two months. docs/lot.md quotes the sentences and defines each table.
//!
//! The columns are optional: a dashboard is computed only when the columns it reads
//! are mapped. A row whose cell is blank or not one of the expected values is counted
//! apart, under the table and the reason, never silently in or out.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use serde::Serialize;

use crate::locale::Locale;

/// A programme column of the export (not a questionnaire field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProgrammeColumn {
    /// The territory of the entry committee (free text, 60 characters at most).
    Territory,
    /// The entry criterion the person was positioned under (one of [`PUBLICS`]).
    Public,
    /// The entry committee's decision (one of [`DECISIONS`]).
    Decision,
    /// The type of exit, blank while the person is followed (one of [`EXIT_TYPES`]).
    ExitType,
    /// The date of the last interview with the référent (AAAA-MM-JJ).
    LastInterview,
}

impl ProgrammeColumn {
    pub const ALL: [ProgrammeColumn; 5] = [
        ProgrammeColumn::Territory,
        ProgrammeColumn::Public,
        ProgrammeColumn::Decision,
        ProgrammeColumn::ExitType,
        ProgrammeColumn::LastInterview,
    ];

    /// The column's name in the default mapping.
    pub fn path(self) -> &'static str {
        match self {
            ProgrammeColumn::Territory => "programme.territory",
            ProgrammeColumn::Public => "programme.entry_criterion",
            ProgrammeColumn::Decision => "programme.decision",
            ProgrammeColumn::ExitType => "programme.exit_type",
            ProgrammeColumn::LastInterview => "programme.last_interview_date",
        }
    }

    pub fn by_path(path: &str) -> Option<ProgrammeColumn> {
        ProgrammeColumn::ALL.into_iter().find(|c| c.path() == path)
    }
}

/// The entry committee's decisions on a positioning.
pub const DECISIONS: [&str; 3] = ["entry", "deferral", "refusal"];

/// The entry criteria: the priority publics of the specifications, §I.2.1 and Fiche
/// action 1 (the identifiers of the programme file's ENT-PRIORITY), and `other`.
pub const PUBLICS: [&str; 7] = [
    "rsa_socle",
    "rsa",
    "long_term_job_seeker",
    "qpv",
    "rqth_valid",
    "clause_sociale",
    "other",
];

/// The types of exit: the positive exits of §1.2.3 (the programme file's positive
/// kinds), administrative exits, and any other.
pub const EXIT_TYPES: [&str; 5] = [
    "durable_employment",
    "qualifying_training",
    "business_creation",
    "administrative",
    "other",
];

/// Longest gap without an interview, in months (Fiche action 2).
pub const INTERVIEW_GAP_MONTHS: u32 = 2;

/// One programme cell of a row, read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Slot<T> {
    /// The export has no such column.
    #[default]
    NoColumn,
    /// The line could not be read as cells.
    NotRead,
    /// Blank.
    Missing,
    /// Not a value the column takes.
    Invalid,
    Value(T),
}

/// The programme cells of one row.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ProgrammeRow {
    pub territory: Slot<String>,
    /// Index into [`PUBLICS`].
    pub public: Slot<u8>,
    /// Index into [`DECISIONS`].
    pub decision: Slot<u8>,
    /// Index into [`EXIT_TYPES`]; `Missing` is "no exit yet".
    pub exit: Slot<u8>,
    /// More than [`INTERVIEW_GAP_MONTHS`] months without an interview at the
    /// reference date.
    pub interview_gap: Slot<bool>,
}

fn index(list: &[&str], cell: &str) -> Option<u8> {
    let cell = cell.trim();
    list.iter()
        .position(|v| v.eq_ignore_ascii_case(cell))
        .and_then(|i| u8::try_from(i).ok())
}

impl ProgrammeRow {
    /// A line not read: every mapped column `NotRead`.
    pub fn not_read(mapped: &[ProgrammeColumn]) -> ProgrammeRow {
        let mut row = ProgrammeRow::default();
        for c in mapped {
            match c {
                ProgrammeColumn::Territory => row.territory = Slot::NotRead,
                ProgrammeColumn::Public => row.public = Slot::NotRead,
                ProgrammeColumn::Decision => row.decision = Slot::NotRead,
                ProgrammeColumn::ExitType => row.exit = Slot::NotRead,
                ProgrammeColumn::LastInterview => row.interview_gap = Slot::NotRead,
            }
        }
        row
    }

    /// Reads one cell of a programme column into the row.
    pub fn read(&mut self, column: ProgrammeColumn, cell: &str, reference: NaiveDate) {
        let cell = cell.trim();
        let blank = cell.is_empty();
        fn slot<T>(blank: bool, value: Option<T>) -> Slot<T> {
            match (blank, value) {
                (true, _) => Slot::Missing,
                (false, Some(v)) => Slot::Value(v),
                (false, None) => Slot::Invalid,
            }
        }
        match column {
            ProgrammeColumn::Territory => {
                let ok = cell.chars().count() <= 60 && !cell.chars().any(char::is_control);
                self.territory = slot(blank, ok.then(|| String::from(cell)));
            }
            ProgrammeColumn::Public => self.public = slot(blank, index(&PUBLICS, cell)),
            ProgrammeColumn::Decision => self.decision = slot(blank, index(&DECISIONS, cell)),
            ProgrammeColumn::ExitType => self.exit = slot(blank, index(&EXIT_TYPES, cell)),
            ProgrammeColumn::LastInterview => {
                let gap = crate::calendar::parse_iso_date(cell)
                    .ok()
                    .filter(|d| *d <= reference)
                    .map(|d| {
                        crate::calendar::more_than_months_before(d, reference, INTERVIEW_GAP_MONTHS)
                    });
                self.interview_gap = slot(blank, gap);
            }
        }
    }
}

/// The most territories a dashboard lists: beyond, the column does not look like
/// territories (a column of names mapped by mistake), and the table is withheld.
pub const MAX_TERRITORIES: usize = 64;

/// The dashboards' sums; mergeable like the [`super::Tally`] that holds them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dashboards {
    /// Decisions (entry, deferral, refusal) by territory.
    pub decisions_by_territory: BTreeMap<String, [u64; 3]>,
    /// More than [`MAX_TERRITORIES`] territories were seen.
    pub territory_overflow: bool,
    /// Decisions by entry criterion (order of [`PUBLICS`]).
    pub decisions_by_public: Vec<[u64; 3]>,
    /// Participants counted in the indicators by public (order of [`PUBLICS`]).
    pub typology: Vec<u64>,
    /// Exits by type (order of [`EXIT_TYPES`]), and rows with no exit yet.
    pub exits_by_type: Vec<u64>,
    pub no_exit: u64,
    /// Followed participants: more than two months without an interview, and not.
    pub interview_gap: [u64; 2],
    /// Rows counted apart: (table, reason) → rows.
    pub apart: BTreeMap<(&'static str, &'static str), u64>,
}

/// The tables, by identifier, in the order the outputs give them.
pub const TABLES: [&str; 5] = [
    "decisions_by_territory",
    "decisions_by_entry_criterion",
    "typology_of_publics",
    "exits_by_type",
    "no_interview_over_2_months",
];

fn why<T>(slot: &Slot<T>, column: &'static str) -> Option<&'static str> {
    match (slot, column) {
        (Slot::Value(_), _) | (Slot::NoColumn, _) => None,
        (Slot::NotRead, _) => Some("line_not_read"),
        (Slot::Missing, "territory") => Some("territory_missing"),
        (Slot::Invalid, "territory") => Some("territory_invalid"),
        (Slot::Missing, "decision") => Some("decision_missing"),
        (Slot::Invalid, "decision") => Some("decision_invalid"),
        (Slot::Missing, "public") => Some("entry_criterion_missing"),
        (Slot::Invalid, "public") => Some("entry_criterion_invalid"),
        (Slot::Missing, "exit") => Some("exit_type_missing"),
        (Slot::Invalid, "exit") => Some("exit_type_invalid"),
        (Slot::Missing, _) => Some("last_interview_date_missing"),
        (Slot::Invalid, _) => Some("last_interview_date_invalid"),
    }
}

impl Dashboards {
    pub fn new() -> Dashboards {
        Dashboards {
            decisions_by_public: alloc::vec![[0; 3]; PUBLICS.len()],
            typology: alloc::vec![0; PUBLICS.len()],
            exits_by_type: alloc::vec![0; EXIT_TYPES.len()],
            ..Dashboards::default()
        }
    }

    fn fit(&mut self) {
        if self.decisions_by_public.len() != PUBLICS.len() {
            self.decisions_by_public.resize(PUBLICS.len(), [0; 3]);
        }
        if self.typology.len() != PUBLICS.len() {
            self.typology.resize(PUBLICS.len(), 0);
        }
        if self.exits_by_type.len() != EXIT_TYPES.len() {
            self.exits_by_type.resize(EXIT_TYPES.len(), 0);
        }
    }

    fn apart(&mut self, table: &'static str, reason: &'static str) {
        *self.apart.entry((table, reason)).or_default() += 1;
    }

    /// Adds one row; `counted`: the row counts in the FSE+ indicators.
    pub fn add(&mut self, row: &ProgrammeRow, counted: bool) {
        self.fit();
        let [territory_table, public_table, typology_table, exit_table, gap_table] = TABLES;
        // A decision's tables.
        let decision = match &row.decision {
            Slot::Value(d) => Some(usize::from(*d)),
            _ => None,
        };
        if !matches!(row.territory, Slot::NoColumn) && !matches!(row.decision, Slot::NoColumn) {
            match (decision, &row.territory) {
                (Some(d), Slot::Value(t)) => {
                    let full = self.decisions_by_territory.len() >= MAX_TERRITORIES;
                    match self.decisions_by_territory.get_mut(t) {
                        Some(counts) => {
                            if let Some(c) = counts.get_mut(d) {
                                *c += 1;
                            }
                        }
                        None if full => {
                            self.territory_overflow = true;
                            self.apart(territory_table, "too_many_territories");
                        }
                        None => {
                            let mut counts = [0; 3];
                            if let Some(c) = counts.get_mut(d) {
                                *c = 1;
                            }
                            self.decisions_by_territory.insert(t.clone(), counts);
                        }
                    }
                }
                _ => {
                    let reason = why(&row.decision, "decision")
                        .or_else(|| why(&row.territory, "territory"))
                        .unwrap_or("line_not_read");
                    self.apart(territory_table, reason);
                }
            }
        }
        if !matches!(row.public, Slot::NoColumn) && !matches!(row.decision, Slot::NoColumn) {
            match (decision, &row.public) {
                (Some(d), Slot::Value(p)) => {
                    if let Some(c) = self
                        .decisions_by_public
                        .get_mut(usize::from(*p))
                        .and_then(|counts| counts.get_mut(d))
                    {
                        *c += 1;
                    }
                }
                _ => {
                    let reason = why(&row.decision, "decision")
                        .or_else(|| why(&row.public, "public"))
                        .unwrap_or("line_not_read");
                    self.apart(public_table, reason);
                }
            }
        }
        // The followed participants: entered (or no decision column).
        let entered = match &row.decision {
            Slot::NoColumn => Ok(()),
            Slot::Value(0) => Ok(()),
            Slot::Value(_) => Err("not_entered"),
            other => Err(why(other, "decision").unwrap_or("line_not_read")),
        };
        if !matches!(row.public, Slot::NoColumn) {
            match (&row.public, entered, counted) {
                (Slot::NotRead, _, _) => self.apart(typology_table, "line_not_read"),
                (_, Err(reason), _) => self.apart(typology_table, reason),
                (_, Ok(()), false) => self.apart(typology_table, "not_counted"),
                (Slot::Value(p), Ok(()), true) => {
                    if let Some(c) = self.typology.get_mut(usize::from(*p)) {
                        *c += 1;
                    }
                }
                (other, Ok(()), true) => {
                    let reason = why(other, "public").unwrap_or("line_not_read");
                    self.apart(typology_table, reason);
                }
            }
        }
        if !matches!(row.exit, Slot::NoColumn) {
            match &row.exit {
                Slot::Value(e) => {
                    if let Some(c) = self.exits_by_type.get_mut(usize::from(*e)) {
                        *c += 1;
                    }
                }
                Slot::Missing => self.no_exit += 1,
                other => {
                    let reason = why(other, "exit").unwrap_or("line_not_read");
                    self.apart(exit_table, reason);
                }
            }
        }
        if !matches!(row.interview_gap, Slot::NoColumn) {
            let exited = matches!(row.exit, Slot::Value(_));
            match (&row.interview_gap, entered, exited) {
                (Slot::NotRead, _, _) => self.apart(gap_table, "line_not_read"),
                (_, Err(reason), _) => self.apart(gap_table, reason),
                (_, Ok(()), true) => self.apart(gap_table, "exited"),
                (Slot::Value(gap), Ok(()), false) => {
                    if let Some(c) = self.interview_gap.get_mut(usize::from(!*gap)) {
                        *c += 1;
                    }
                }
                (other, Ok(()), false) => {
                    let reason = why(other, "interview").unwrap_or("line_not_read");
                    self.apart(gap_table, reason);
                }
            }
        }
    }

    pub fn merge(&mut self, other: Dashboards) {
        self.fit();
        for (t, counts) in other.decisions_by_territory {
            let entry = self.decisions_by_territory.entry(t).or_default();
            for (a, b) in entry.iter_mut().zip(counts) {
                *a += b;
            }
        }
        // Beyond the limit, the table is withheld (rows are in, but not shown).
        self.territory_overflow |=
            other.territory_overflow || self.decisions_by_territory.len() > MAX_TERRITORIES;
        for (mine, theirs) in self
            .decisions_by_public
            .iter_mut()
            .zip(other.decisions_by_public)
        {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        for (a, b) in self.typology.iter_mut().zip(other.typology) {
            *a += b;
        }
        for (a, b) in self.exits_by_type.iter_mut().zip(other.exits_by_type) {
            *a += b;
        }
        self.no_exit += other.no_exit;
        for (a, b) in self.interview_gap.iter_mut().zip(other.interview_gap) {
            *a += b;
        }
        for (k, v) in other.apart {
            *self.apart.entry(k).or_default() += v;
        }
    }
}

/// One line of a dashboard table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DashboardLine {
    /// The value of the row's key (a territory, a criterion's identifier…).
    pub key: String,
    pub label: String,
    /// One count per column of the table.
    pub counts: Vec<u64>,
}

/// One dashboard, as the outputs give it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dashboard {
    pub id: &'static str,
    pub title: &'static str,
    /// What the lines are (the first column's header).
    pub key_label: &'static str,
    /// The columns' identifiers and labels.
    pub columns: Vec<&'static str>,
    pub column_labels: Vec<&'static str>,
    pub lines: Vec<DashboardLine>,
    /// Rows counted apart, by reason.
    pub apart: BTreeMap<&'static str, u64>,
    /// Why the lines are withheld, when they are.
    pub withheld: Option<&'static str>,
}

fn public_label(id: &str, locale: Locale) -> &'static str {
    match (id, locale) {
        ("rsa_socle", Locale::Fr) => "Allocataires du RSA socle",
        ("rsa", Locale::Fr) => "Allocataires du RSA",
        ("long_term_job_seeker", Locale::Fr) => "Demandeurs d'emploi de longue durée",
        ("qpv", Locale::Fr) => "Habitants des quartiers prioritaires",
        ("rqth_valid", Locale::Fr) => "Travailleurs handicapés reconnus",
        ("clause_sociale", Locale::Fr) => "Publics de la clause sociale",
        ("rsa_socle", Locale::En) => "Basic RSA recipients",
        ("rsa", Locale::En) => "RSA recipients",
        ("long_term_job_seeker", Locale::En) => "Long-term job seekers",
        ("qpv", Locale::En) => "Residents of priority neighbourhoods",
        ("rqth_valid", Locale::En) => "Recognised disabled workers",
        ("clause_sociale", Locale::En) => "Social clause publics",
        (_, Locale::Fr) => "Autre",
        (_, Locale::En) => "Other",
    }
}

fn exit_label(id: &str, locale: Locale) -> &'static str {
    match (id, locale) {
        ("durable_employment", Locale::Fr) => "Emploi durable",
        ("qualifying_training", Locale::Fr) => "Formation qualifiante",
        ("business_creation", Locale::Fr) => "Création d'entreprise",
        ("administrative", Locale::Fr) => "Sortie administrative",
        ("durable_employment", Locale::En) => "Durable employment",
        ("qualifying_training", Locale::En) => "Qualifying training",
        ("business_creation", Locale::En) => "Business creation",
        ("administrative", Locale::En) => "Administrative exit",
        ("no_exit", Locale::Fr) => "Pas encore sorti",
        ("no_exit", Locale::En) => "Not exited yet",
        (_, Locale::Fr) => "Autre sortie",
        (_, Locale::En) => "Other exit",
    }
}

/// The reason a row is counted apart, in words.
pub fn reason_label(reason: &str, locale: Locale) -> &'static str {
    match (reason, locale) {
        ("line_not_read", Locale::Fr) => "ligne illisible",
        ("territory_missing", Locale::Fr) => "territoire non renseigné",
        ("territory_invalid", Locale::Fr) => "territoire illisible (plus de 60 caractères)",
        ("too_many_territories", Locale::Fr) => "plus de 64 territoires",
        ("decision_missing", Locale::Fr) => "décision non renseignée",
        ("decision_invalid", Locale::Fr) => "décision inconnue",
        ("entry_criterion_missing", Locale::Fr) => "critère d'entrée non renseigné",
        ("entry_criterion_invalid", Locale::Fr) => "critère d'entrée inconnu",
        ("exit_type_invalid", Locale::Fr) => "type de sortie inconnu",
        ("last_interview_date_missing", Locale::Fr) => "date du dernier entretien non renseignée",
        ("last_interview_date_invalid", Locale::Fr) => {
            "date du dernier entretien illisible ou postérieure à la date de référence"
        }
        ("not_entered", Locale::Fr) => "positionnement reporté ou refusé",
        ("not_counted", Locale::Fr) => "ligne écartée des indicateurs",
        ("exited", Locale::Fr) => "participant sorti",
        ("line_not_read", Locale::En) => "line not read",
        ("territory_missing", Locale::En) => "territory blank",
        ("territory_invalid", Locale::En) => "territory unreadable (over 60 characters)",
        ("too_many_territories", Locale::En) => "more than 64 territories",
        ("decision_missing", Locale::En) => "decision blank",
        ("decision_invalid", Locale::En) => "unknown decision",
        ("entry_criterion_missing", Locale::En) => "entry criterion blank",
        ("entry_criterion_invalid", Locale::En) => "unknown entry criterion",
        ("exit_type_invalid", Locale::En) => "unknown exit type",
        ("last_interview_date_missing", Locale::En) => "last interview date blank",
        ("last_interview_date_invalid", Locale::En) => {
            "last interview date unreadable or after the reference date"
        }
        ("not_entered", Locale::En) => "positioning deferred or refused",
        ("not_counted", Locale::En) => "row kept out of the indicators",
        ("exited", Locale::En) => "participant exited",
        (_, Locale::Fr) => "autre motif",
        (_, Locale::En) => "other reason",
    }
}

fn decision_labels(locale: Locale) -> Vec<&'static str> {
    match locale {
        Locale::Fr => alloc::vec!["Entrées", "Reports", "Refus"],
        Locale::En => alloc::vec!["Entries", "Deferrals", "Refusals"],
    }
}

/// The dashboards whose columns the export has, ready to write.
pub fn tables(d: &Dashboards, mapped: &[ProgrammeColumn], locale: Locale) -> Vec<Dashboard> {
    let has = |c: ProgrammeColumn| mapped.contains(&c);
    let fr = locale == Locale::Fr;
    let apart_of = |table: &str| -> BTreeMap<&'static str, u64> {
        d.apart
            .iter()
            .filter(|((t, _), _)| *t == table)
            .map(|((_, r), n)| (*r, *n))
            .collect()
    };
    let rows_label = "Participants";
    let mut out = Vec::new();
    let [territory_table, public_table, typology_table, exit_table, gap_table] = TABLES;
    if has(ProgrammeColumn::Territory) && has(ProgrammeColumn::Decision) {
        let withheld = d.territory_overflow.then_some("too_many_territories");
        let mut apart = apart_of(territory_table);
        if withheld.is_some() {
            // Which rows came past the limit depends on how the rows were split among
            // cores; all the rows the table would hold are counted apart instead.
            let held: u64 = d.decisions_by_territory.values().flatten().sum();
            *apart.entry("too_many_territories").or_default() += held;
        }
        out.push(Dashboard {
            id: territory_table,
            key_label: if fr { "Territoire" } else { "Territory" },
            title: if fr {
                "Entrées, reports et refus par territoire"
            } else {
                "Entries, deferrals and refusals by territory"
            },
            columns: DECISIONS.to_vec(),
            column_labels: decision_labels(locale),
            lines: if withheld.is_some() {
                Vec::new()
            } else {
                d.decisions_by_territory
                    .iter()
                    .map(|(t, counts)| DashboardLine {
                        key: t.clone(),
                        label: t.clone(),
                        counts: counts.to_vec(),
                    })
                    .collect()
            },
            apart,
            withheld,
        });
    }
    if has(ProgrammeColumn::Public) && has(ProgrammeColumn::Decision) {
        out.push(Dashboard {
            id: public_table,
            key_label: if fr {
                "Critère d'entrée"
            } else {
                "Entry criterion"
            },
            title: if fr {
                "Entrées, reports et refus par critère d'entrée"
            } else {
                "Entries, deferrals and refusals by entry criterion"
            },
            columns: DECISIONS.to_vec(),
            column_labels: decision_labels(locale),
            lines: PUBLICS
                .iter()
                .zip(&d.decisions_by_public)
                .map(|(p, counts)| DashboardLine {
                    key: String::from(*p),
                    label: String::from(public_label(p, locale)),
                    counts: counts.to_vec(),
                })
                .collect(),
            apart: apart_of(public_table),
            withheld: None,
        });
    }
    if has(ProgrammeColumn::Public) {
        out.push(Dashboard {
            id: typology_table,
            key_label: "Public",
            title: if fr {
                "Typologie des publics accompagnés"
            } else {
                "Typology of the publics followed"
            },
            columns: alloc::vec!["participants"],
            column_labels: alloc::vec![rows_label],
            lines: PUBLICS
                .iter()
                .zip(&d.typology)
                .map(|(p, n)| DashboardLine {
                    key: String::from(*p),
                    label: String::from(public_label(p, locale)),
                    counts: alloc::vec![*n],
                })
                .collect(),
            apart: apart_of(typology_table),
            withheld: None,
        });
    }
    if has(ProgrammeColumn::ExitType) {
        let mut lines: Vec<DashboardLine> = EXIT_TYPES
            .iter()
            .zip(&d.exits_by_type)
            .map(|(e, n)| DashboardLine {
                key: String::from(*e),
                label: String::from(exit_label(e, locale)),
                counts: alloc::vec![*n],
            })
            .collect();
        lines.push(DashboardLine {
            key: String::from("no_exit"),
            label: String::from(exit_label("no_exit", locale)),
            counts: alloc::vec![d.no_exit],
        });
        out.push(Dashboard {
            id: exit_table,
            key_label: if fr { "Type de sortie" } else { "Type of exit" },
            title: if fr {
                "Sorties par type"
            } else {
                "Exits by type"
            },
            columns: alloc::vec!["rows"],
            column_labels: alloc::vec![if fr { "Lignes" } else { "Rows" }],
            lines,
            apart: apart_of(exit_table),
            withheld: None,
        });
    }
    if has(ProgrammeColumn::LastInterview) {
        let [over, within] = d.interview_gap;
        out.push(Dashboard {
            id: gap_table,
            key_label: "Situation",
            title: if fr {
                "Participants sans entretien depuis plus de 2 mois"
            } else {
                "Participants with no interview for more than 2 months"
            },
            columns: alloc::vec!["participants"],
            column_labels: alloc::vec![rows_label],
            lines: alloc::vec![
                DashboardLine {
                    key: String::from("over_2_months"),
                    label: String::from(if fr {
                        "Sans entretien depuis plus de 2 mois"
                    } else {
                        "No interview for more than 2 months"
                    }),
                    counts: alloc::vec![over],
                },
                DashboardLine {
                    key: String::from("within_2_months"),
                    label: String::from(if fr {
                        "Entretien dans les 2 derniers mois"
                    } else {
                        "An interview in the last 2 months"
                    }),
                    counts: alloc::vec![within],
                },
            ],
            apart: apart_of(gap_table),
            withheld: None,
        });
    }
    out
}
