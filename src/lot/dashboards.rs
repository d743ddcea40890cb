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
    let cell = crate::questionnaire::trim(cell);
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
        let cell = crate::questionnaire::trim(cell);
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
    /// Decisions (entry, deferral, refusal) by territory, sorted by territory (a
    /// vector rather than a map: the browser's module is smaller by a map's code).
    pub decisions_by_territory: Vec<(String, [u64; 3])>,
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
    /// Rows counted apart: by table (order of [`TABLES`]) and reason (order of
    /// [`REASONS`]).
    pub apart: [[u64; REASONS.len()]; TABLES.len()],
}

/// Why a row is counted apart from a table.
pub const REASONS: [&str; 14] = [
    "line_not_read",
    "territory_missing",
    "territory_invalid",
    "too_many_territories",
    "decision_missing",
    "decision_invalid",
    "entry_criterion_missing",
    "entry_criterion_invalid",
    "exit_type_invalid",
    "last_interview_date_missing",
    "last_interview_date_invalid",
    "not_entered",
    "not_counted",
    "exited",
];

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
        let t = TABLES.iter().position(|t| *t == table);
        let r = REASONS.iter().position(|r| *r == reason);
        if let Some(slot) = t
            .and_then(|t| self.apart.get_mut(t))
            .zip(r)
            .and_then(|(row, r)| row.get_mut(r))
        {
            *slot += 1;
        }
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
                    let at = self
                        .decisions_by_territory
                        .binary_search_by(|(name, _)| name.as_str().cmp(t));
                    match at {
                        Ok(i) => {
                            if let Some(c) = self
                                .decisions_by_territory
                                .get_mut(i)
                                .and_then(|(_, counts)| counts.get_mut(d))
                            {
                                *c += 1;
                            }
                        }
                        Err(_) if full => {
                            self.territory_overflow = true;
                            self.apart(territory_table, "too_many_territories");
                        }
                        Err(i) => {
                            let mut counts = [0; 3];
                            if let Some(c) = counts.get_mut(d) {
                                *c = 1;
                            }
                            self.decisions_by_territory.insert(i, (t.clone(), counts));
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
            let at = self
                .decisions_by_territory
                .binary_search_by(|(name, _)| name.as_str().cmp(&t));
            match at {
                Ok(i) => {
                    if let Some((_, mine)) = self.decisions_by_territory.get_mut(i) {
                        for (a, b) in mine.iter_mut().zip(counts) {
                            *a += b;
                        }
                    }
                }
                Err(i) => self.decisions_by_territory.insert(i, (t, counts)),
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
        for (mine, theirs) in self.apart.iter_mut().zip(other.apart) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
    }
}

/// One line of a dashboard table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DashboardLine {
    /// The value of the row's key (a territory, a criterion's identifier…).
    pub key: String,
    /// In French (the page has its own words for both languages).
    pub label: String,
    /// One count per column of the table.
    pub counts: Vec<u64>,
}

/// One dashboard, as the outputs give it; titles and labels in French, as the
/// command line's files are (the page words them in its own language from the
/// identifiers).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dashboard {
    pub id: &'static str,
    pub title: &'static str,
    /// What the lines are (the first column's header).
    pub key_label: &'static str,
    /// The columns' identifiers and labels.
    pub columns: &'static [&'static str],
    pub column_labels: &'static [&'static str],
    pub lines: Vec<DashboardLine>,
    /// Rows counted apart, by reason.
    pub apart: BTreeMap<&'static str, u64>,
    /// Why the lines are withheld, when they are.
    pub withheld: Option<&'static str>,
}

const PUBLIC_LABELS: [&str; 7] = [
    "Allocataires du RSA socle",
    "Allocataires du RSA",
    "Demandeurs d'emploi de longue durée",
    "Habitants des quartiers prioritaires",
    "Travailleurs handicapés reconnus",
    "Publics de la clause sociale",
    "Autre",
];

const EXIT_KEYS: [&str; 6] = [
    "durable_employment",
    "qualifying_training",
    "business_creation",
    "administrative",
    "other",
    "no_exit",
];

const EXIT_LABELS: [&str; 6] = [
    "Emploi durable",
    "Formation qualifiante",
    "Création d'entreprise",
    "Sortie administrative",
    "Autre sortie",
    "Pas encore sorti",
];

const REASON_LABELS: [&str; 14] = [
    "ligne illisible",
    "territoire non renseigné",
    "territoire illisible (plus de 60 caractères)",
    "plus de 64 territoires",
    "décision non renseignée",
    "décision inconnue",
    "critère d'entrée non renseigné",
    "critère d'entrée inconnu",
    "type de sortie inconnu",
    "date du dernier entretien non renseignée",
    "date du dernier entretien illisible ou postérieure à la date de référence",
    "positionnement reporté ou refusé",
    "ligne écartée des indicateurs",
    "participant sorti",
];

/// The reason a row is counted apart, in French words.
pub fn reason_label(reason: &str) -> &'static str {
    REASONS
        .iter()
        .position(|r| *r == reason)
        .and_then(|i| REASON_LABELS.get(i))
        .copied()
        .unwrap_or("autre motif")
}

const DECISION_LABELS: [&str; 3] = ["Entrées", "Reports", "Refus"];
const PARTICIPANTS: [&str; 1] = ["participants"];
const PARTICIPANTS_LABEL: [&str; 1] = ["Participants"];

/// The lines of a table of fixed keys.
fn fixed(keys: &[&str], labels: &[&str], counts: &[&[u64]]) -> Vec<DashboardLine> {
    let mut lines = Vec::with_capacity(keys.len());
    for ((key, label), counts) in keys.iter().zip(labels).zip(counts) {
        lines.push(DashboardLine {
            key: String::from(*key),
            label: String::from(*label),
            counts: counts.to_vec(),
        });
    }
    lines
}

/// The dashboards whose columns the export has, ready to write.
pub fn tables(d: &Dashboards, mapped: &[ProgrammeColumn]) -> Vec<Dashboard> {
    let has = |c: ProgrammeColumn| mapped.contains(&c);
    let mut out = Vec::new();
    for (t, id) in TABLES.iter().enumerate() {
        let mut apart = BTreeMap::new();
        for (reason, n) in REASONS.iter().zip(d.apart.get(t).into_iter().flatten()) {
            if *n > 0 {
                apart.insert(*reason, *n);
            }
        }
        let mut withheld = None;
        let (title, key_label, columns, column_labels, lines) = match t {
            0 if has(ProgrammeColumn::Territory) && has(ProgrammeColumn::Decision) => {
                let mut lines = Vec::new();
                if d.territory_overflow {
                    withheld = Some("too_many_territories");
                    // Which rows came past the limit depends on how the rows were
                    // split among cores; all the rows the table would hold are apart.
                    let held: u64 = d.decisions_by_territory.iter().flat_map(|(_, c)| c).sum();
                    *apart.entry("too_many_territories").or_default() += held;
                } else {
                    for (territory, counts) in &d.decisions_by_territory {
                        lines.push(DashboardLine {
                            key: territory.clone(),
                            label: territory.clone(),
                            counts: counts.to_vec(),
                        });
                    }
                }
                let title = "Entrées, reports et refus par territoire";
                (
                    title,
                    "Territoire",
                    &DECISIONS[..],
                    &DECISION_LABELS[..],
                    lines,
                )
            }
            1 if has(ProgrammeColumn::Public) && has(ProgrammeColumn::Decision) => {
                let counts: Vec<&[u64]> = d.decisions_by_public.iter().map(|c| &c[..]).collect();
                (
                    "Entrées, reports et refus par critère d'entrée",
                    "Critère d'entrée",
                    &DECISIONS[..],
                    &DECISION_LABELS[..],
                    fixed(&PUBLICS, &PUBLIC_LABELS, &counts),
                )
            }
            2 if has(ProgrammeColumn::Public) => {
                let counts: Vec<&[u64]> = d.typology.iter().map(core::slice::from_ref).collect();
                (
                    "Typologie des publics accompagnés",
                    "Public",
                    &PARTICIPANTS[..],
                    &PARTICIPANTS_LABEL[..],
                    fixed(&PUBLICS, &PUBLIC_LABELS, &counts),
                )
            }
            3 if has(ProgrammeColumn::ExitType) => {
                let mut counts: Vec<&[u64]> =
                    d.exits_by_type.iter().map(core::slice::from_ref).collect();
                counts.push(core::slice::from_ref(&d.no_exit));
                (
                    "Sorties par type",
                    "Type de sortie",
                    &["rows"][..],
                    &["Lignes"][..],
                    fixed(&EXIT_KEYS, &EXIT_LABELS, &counts),
                )
            }
            4 if has(ProgrammeColumn::LastInterview) => {
                let [over, within] = &d.interview_gap;
                (
                    "Participants sans entretien depuis plus de 2 mois",
                    "Situation",
                    &PARTICIPANTS[..],
                    &PARTICIPANTS_LABEL[..],
                    fixed(
                        &["over_2_months", "within_2_months"],
                        &[
                            "Sans entretien depuis plus de 2 mois",
                            "Entretien dans les 2 derniers mois",
                        ],
                        &[core::slice::from_ref(over), core::slice::from_ref(within)],
                    ),
                )
            }
            _ => continue,
        };
        out.push(Dashboard {
            id,
            title,
            key_label,
            columns,
            column_labels,
            lines,
            apart,
            withheld,
        });
    }
    out
}
