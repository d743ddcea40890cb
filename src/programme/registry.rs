//! Programme files given at run time (feature `register`; docs/programmes.md): a
//! portal's file is read by the same types and checks as the built-in files
//! (src/programme/file.rs, which build.rs runs on those), then added beside them. A file
//! with a problem is a report with its place (path, line, column), in French by
//! default, and changes nothing: the module keeps answering with what it had.
//!
//! A registered programme lives as long as the process: its texts and lists are
//! leaked into `&'static` data, the shape the engine reads the built-in programmes in,
//! so no rule has a second code path. A corrected file registered again replaces the
//! versions it gives; the replaced ones stay allocated (a portal registers a few files,
//! not one per keystroke; an authoring page checks with [`check`], which keeps nothing).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use std::sync::RwLock;

use super::file::{self, FileError, ProgrammeFile, TerritoryCommunesFile};
use super::*;
use crate::Locale;

/// What the file's check reads for a built-in territory (it asks for one commune).
const BUILT_IN_TERRITORY: &str = r#"{"source": "", "vintage": 0, "communes": [{"insee": "00000", "name": "", "postal_codes": []}], "neighbours": []}"#;

/// The largest programme file read, in bytes (the built-in ones are 2 to 11 KB).
pub const MAX_FILE_BYTES: usize = 2_000_000;

/// Every programme known once a file was registered: the built-in ones and the
/// registered ones, the versions of one programme side by side, oldest first. `None`
/// until the first registration (the built-in slice answers alone).
static REGISTRY: RwLock<Option<Vec<&'static Programme>>> = RwLock::new(None);

/// The version of `id` in force on `date` (or its latest) among the registered and
/// built-in programmes; `None` when nothing was registered.
#[allow(clippy::option_option)]
pub(super) fn find(id: &str, date: Option<NaiveDate>) -> Option<Option<&'static Programme>> {
    let registry = REGISTRY.read().ok()?;
    let list = registry.as_ref()?;
    Some(pick(list.iter().copied(), id, date))
}

/// Every programme, when a file was registered.
pub(super) fn snapshot() -> Option<Vec<&'static Programme>> {
    REGISTRY.read().ok()?.clone()
}

/// A problem of a programme file, as the faces show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileProblem {
    /// Always `programme_file_invalid`.
    #[cfg_attr(feature = "ts", ts(type = "\"programme_file_invalid\""))]
    pub code: &'static str,
    /// The JSON path of the value (`rules[2].facts`), `(file)` for the whole file.
    pub path: String,
    /// Where the value starts, from 1 (the column in characters).
    pub line: u32,
    pub column: u32,
    /// In the locale asked for (French by default).
    pub message: String,
}

/// The answer to a programme file: registered (its id, what registering did, its
/// versions' first days), or its problems (then nothing changed).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Registration {
    pub registered: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub id: Option<String>,
    /// `new` (an id the module did not know), `version` (versions beside the known
    /// ones of that id), `replaced` (versions with the same dates as known ones,
    /// corrected: a built-in programme's too).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "ts",
        ts(optional, type = "\"new\" | \"version\" | \"replaced\"")
    )]
    pub status: Option<&'static str>,
    /// The first day of each version the file gives (one unless values are dated).
    pub versions: Vec<String>,
    pub problems: Vec<FileProblem>,
}

fn problem(text: &str, e: &FileError, locale: Locale) -> FileProblem {
    // serde_json's messages end with their place, which has fields of its own.
    let message = match e.message.rfind(" at line ") {
        Some(i) if e.place.is_some() => e.message.get(..i).unwrap_or(&e.message),
        _ => &e.message,
    };
    let message = match &e.version {
        Some(day) => format!("in the version from {day}: {message}"),
        None => message.into(),
    };
    let (mut line, mut column) = e.place.unwrap_or_else(|| file::locate(text, &e.path));
    // serde reads a rule's fields before its kind, and stops at the rule's end: an
    // unknown kind is placed at its first mention instead.
    if let Some(value) = e
        .message
        .split_once("unknown variant `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(value, _)| format!("\"{value}\""))
    {
        if let Some(at) = text.find(&value) {
            let before = text.get(..at).unwrap_or(text);
            line = before.matches('\n').count() + 1;
            column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        }
    }
    FileProblem {
        code: "programme_file_invalid",
        path: e.path.clone(),
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
        message: match locale {
            Locale::Fr => super::fr::french(&message),
            _ => message,
        },
    }
}

/// Reads a programme file and checks it, keeping nothing: its versions, or its problem.
fn read(text: &str) -> Result<Vec<Programme>, FileError> {
    let at_start = |message: &str| {
        Err(FileError {
            version: None,
            path: "(file)".into(),
            place: Some((1, 1)),
            message: message.into(),
        })
    };
    if text.len() > MAX_FILE_BYTES {
        return at_start(&format!(
            "file too large: {} bytes; at most {MAX_FILE_BYTES}",
            text.len()
        ));
    }
    if text.starts_with('\u{feff}') {
        return at_start(
            "the file starts with a byte order mark (BOM): save it as UTF-8 without BOM",
        );
    }
    if !text.trim_start().starts_with('{') && !text.trim().is_empty() {
        return at_start("a programme file is one JSON object: { … }");
    }
    // A territory of communes is one of the built-in territories, by name
    // (`TERRITORIES`): the check needs only to know the name exists, `build` takes the
    // table itself.
    let known = |name: &str| {
        TERRITORIES
            .iter()
            .any(|(n, _)| *n == name)
            .then(|| BUILT_IN_TERRITORY.into())
    };
    let versions = file::validate_document(None, text, known)?;
    versions
        .into_iter()
        .map(|(p, communes)| build(p, communes))
        .collect()
}

/// Checks a programme file without registering it: its problems (none: it would
/// register), messages in `locale`.
pub fn check(text: &str, locale: Locale) -> Vec<FileProblem> {
    match read(text) {
        Ok(_) => Vec::new(),
        Err(e) => alloc::vec![problem(text, &e, locale)],
    }
}

/// Registers a programme file beside the built-in programmes, or answers with its
/// problem, messages in `locale`. Registering is all or nothing: a file whose version
/// overlaps a known version of its id without having its exact dates is refused.
pub fn register(text: &str, locale: Locale) -> Registration {
    let refused = |e: FileError| Registration {
        registered: false,
        id: None,
        status: None,
        versions: Vec::new(),
        problems: alloc::vec![problem(text, &e, locale)],
    };
    let versions = match read(text) {
        Ok(v) => v,
        Err(e) => return refused(e),
    };
    let Ok(mut registry) = REGISTRY.write() else {
        return refused(FileError {
            version: None,
            path: "(file)".into(),
            place: Some((1, 1)),
            message: "the registry is unavailable".into(),
        });
    };
    let mut list = registry
        .take()
        .unwrap_or_else(|| PROGRAMMES.iter().collect());
    let id = versions.first().map(|p| p.id).unwrap_or_default();
    let known = list.iter().any(|p| p.id == id);
    let mut replaced = false;
    for v in &versions {
        let same = |p: &&Programme| p.id == v.id;
        if let Some(other) = list.iter().find(|p| {
            same(p)
                && (p.valid_from, p.valid_to) != (v.valid_from, v.valid_to)
                && p.valid_from <= v.valid_to
                && v.valid_from <= p.valid_to
        }) {
            let day = |(y, m, d): (i32, u32, u32)| format!("{y:04}-{m:02}-{d:02}");
            let e = FileError {
                version: (versions.len() > 1).then(|| day(v.valid_from)),
                path: "valid_from".into(),
                place: None,
                message: format!(
                    "overlaps the validity dates of the version of \"{}\" in force from {} to {}",
                    other.id,
                    day(other.valid_from),
                    day(other.valid_to)
                ),
            };
            *registry = Some(list);
            return refused(e);
        }
        replaced |= list
            .iter()
            .any(|p| same(p) && (p.valid_from, p.valid_to) == (v.valid_from, v.valid_to));
    }
    list.retain(|p| {
        !versions
            .iter()
            .any(|v| p.id == v.id && (p.valid_from, p.valid_to) == (v.valid_from, v.valid_to))
    });
    let days = versions
        .iter()
        .map(|v| {
            let (y, m, d) = v.valid_from;
            format!("{y:04}-{m:02}-{d:02}")
        })
        .collect();
    for v in versions {
        list.push(Box::leak(Box::new(v)));
    }
    // Versions of one programme side by side, oldest first, as build.rs orders them.
    list.sort_by(|a, b| (a.id, a.valid_from).cmp(&(b.id, b.valid_from)));
    *registry = Some(list);
    Registration {
        registered: true,
        id: Some(id.into()),
        status: Some(if replaced {
            "replaced"
        } else if known {
            "version"
        } else {
            "new"
        }),
        versions: days,
        problems: Vec::new(),
    }
}

// ---- a checked file as the engine's `&'static` data

fn text(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn list<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

fn texts(v: Vec<String>) -> &'static [&'static str] {
    list(v.into_iter().map(text).collect())
}

fn rule_id(id: &str) -> Result<RuleId, FileError> {
    RuleId::from_name(id).ok_or_else(|| FileError {
        version: None,
        path: "(file)".into(),
        place: None,
        message: format!("unknown rule identifier \"{id}\""),
    })
}

fn date(s: &str) -> (i32, u32, u32) {
    file::parse_date(s).unwrap_or((0, 1, 1))
}

fn communes(list: Vec<file::CommuneFile>) -> Communes {
    let mut s = String::new();
    for c in list {
        s.push_str(&format!(
            "{}\t{}\t{}\n",
            c.insee,
            c.name,
            c.postal_codes.join(",")
        ));
    }
    Communes(text(s))
}

/// A checked version as the engine reads it (what build.rs writes as Rust source for
/// the built-in files).
fn build(
    p: ProgrammeFile,
    territory: Option<TerritoryCommunesFile>,
) -> Result<Programme, FileError> {
    use file::{ProofFile, RuleKindFile as K, TerritoryFile};
    let territory = match (p.territory, territory) {
        (TerritoryFile::National, _) => Territory::National,
        (TerritoryFile::Departements(list), _) => Territory::Departements(texts(list)),
        (TerritoryFile::Communes(name), territory) => {
            let built_in = TERRITORIES.iter().find(|(n, _)| *n == name);
            match (built_in, territory) {
                (
                    Some((
                        _,
                        Territory::Communes {
                            source,
                            vintage,
                            communes,
                            neighbours,
                        },
                    )),
                    _,
                ) => Territory::Communes {
                    source,
                    vintage: *vintage,
                    communes: *communes,
                    neighbours: *neighbours,
                },
                (_, Some(t)) => Territory::Communes {
                    source: text(t.source),
                    vintage: t.vintage,
                    communes: communes(t.communes),
                    neighbours: communes(t.neighbours),
                },
                (_, None) => {
                    return Err(FileError {
                        version: None,
                        path: "territory.communes".into(),
                        place: None,
                        message: format!("no territory file \"{name}\""),
                    })
                }
            }
        }
    };
    let criteria = p
        .criteria
        .into_iter()
        .map(|c| Criterion {
            id: text(c.id),
            level: c.level,
            proof: match c.proof {
                ProofFile::RecentMonths(n) => Proof::RecentMonths(n),
                ProofFile::ValidAtHiring => Proof::ValidAtHiring,
                ProofFile::Identity => Proof::Identity,
            },
            min_age: c.min_age,
            max_age: c.max_age,
        })
        .collect();
    let mut rules = Vec::new();
    for r in p.rules {
        let kind = match r.kind {
            K::Residence {} => RuleKind::Residence,
            K::Age {
                min,
                max,
                derogation,
            } => RuleKind::Age {
                min,
                max,
                derogation: match derogation {
                    Some(d) => Some(Derogation {
                        id: rule_id(&d.id)?,
                        routes: texts(d.routes),
                        signed_by: text(d.signed_by),
                        source: text(d.source),
                    }),
                    None => None,
                },
            },
            K::AllOf { facts, conditions } => RuleKind::AllOf(list(
                facts
                    .into_iter()
                    .map(|f| Condition {
                        fact: Some(text(f)),
                        expect: Expect::Yes,
                        since: None,
                    })
                    .chain(conditions.into_iter().map(condition))
                    .collect(),
            )),
            K::AnyOf { conditions } => {
                RuleKind::AnyOf(list(conditions.into_iter().map(condition).collect()))
            }
            K::Priority { publics } => RuleKind::Priority(texts(publics)),
            K::IaeProofs {} => RuleKind::IaeProofs,
            K::IaeExclusive { pairs } => RuleKind::IaeExclusive(list(
                pairs
                    .into_iter()
                    .map(|p| {
                        let [a, b] = p.pair;
                        ExclusivePair {
                            pair: (text(a), text(b)),
                            keep: p.keep.map(text),
                        }
                    })
                    .collect(),
            )),
            K::IaeThreshold { level_2 } => RuleKind::IaeThreshold(list(
                level_2.into_iter().map(|(k, n)| (text(k), n)).collect(),
            )),
            K::IaeValidity {
                prescriber,
                employer,
            } => {
                let d = |d: file::DurationFile| match (d.months, d.days) {
                    (Some(m), _) => Duration::Months(m),
                    (_, Some(n)) => Duration::Days(n),
                    _ => Duration::Days(0),
                };
                RuleKind::IaeValidity {
                    prescriber: d(prescriber),
                    employer: d(employer),
                }
            }
        };
        rules.push(Rule {
            id: rule_id(&r.id)?,
            source: text(r.source),
            kind,
        });
    }
    Ok(Programme {
        id: text(p.id),
        name: text(p.name),
        valid_from: date(&p.valid_from),
        valid_to: date(&p.valid_to),
        source: text(p.source),
        territory,
        facts: list(p.facts.into_iter().map(declared).collect()),
        criteria: list(criteria),
        rules: list(rules),
        capacity: p.capacity.map(|c| Capacity {
            portfolio_per_full_time: c.portfolio_per_full_time,
            source: text(c.source),
            annual_renewal: c.annual_renewal.map(|r| Renewal {
                rate: r.rate,
                source: text(r.source),
            }),
        }),
        procedure: p.procedure.map(|pr| Procedure {
            steps: texts(pr.steps),
            proofs: texts(pr.proofs),
            min_interviews: pr.min_interviews.unwrap_or(0),
            alternative: pr.alternative.map(text),
            source: text(pr.source),
        }),
        #[cfg(feature = "exits")]
        exits: match p.exits {
            Some(e) => Some(exits(e)?),
            None => None,
        },
        #[cfg(feature = "exits")]
        follow_up: match p.follow_up {
            Some(f) => Some(follow_up(f)?),
            None => None,
        },
    })
}

fn condition(c: file::ConditionFile) -> Condition {
    let expect = match (c.one_of, c.is) {
        (Some(values), _) => Expect::In(texts(values)),
        (None, Some(false)) => Expect::No,
        (None, _) => Expect::Yes,
    };
    Condition {
        fact: c.fact.map(text),
        expect,
        since: match (c.since, c.more_than_months) {
            (Some(s), Some(m)) => Some((text(s), m)),
            _ => None,
        },
    }
}

fn label(l: file::LabelFile) -> Label {
    let fr = text(l.fr);
    Label {
        fr,
        en: l.en.map_or(fr, text),
    }
}

fn declared(f: file::FactFile) -> DeclaredFact {
    DeclaredFact {
        id: text(f.id),
        kind: f.kind.fact_type(),
        values: list(
            f.values
                .into_iter()
                .map(|v| Choice {
                    id: text(v.id),
                    label: label(v.label),
                })
                .collect(),
        ),
        label: label(f.label),
        help: f.help.map(label),
    }
}

#[cfg(feature = "exits")]
fn exits(e: file::ExitsFile) -> Result<Exits, FileError> {
    use file::RouteKindFile as K;
    let mut routes = Vec::new();
    for r in e.routes {
        let kind = match r.kind {
            K::Contract {
                contract_types,
                except,
                more_than_months,
            } => RouteKind::Contract {
                contract_types: texts(contract_types),
                except: texts(except),
                more_than_months,
            },
            K::Interim {
                min_hours,
                window_months,
                straddling,
            } => RouteKind::Interim {
                min_hours,
                window_months,
                prorate: straddling.as_deref() == Some("prorate"),
            },
            K::Aided {
                contract_types,
                except_aci,
            } => RouteKind::Aided {
                contract_types: texts(contract_types),
                except_aci,
            },
            K::Training { certifications } => RouteKind::Training {
                certifications: texts(certifications),
            },
            K::Business { more_than_months } => RouteKind::Business { more_than_months },
        };
        routes.push(Route {
            id: rule_id(&r.id)?,
            source: text(r.source),
            positive_kind: text(r.positive_kind),
            kind,
        });
    }
    Ok(Exits {
        source: text(e.source),
        month_end_next_day: e.month_end.as_deref() == Some("next_day"),
        routes: list(routes),
        proof: match e.proof {
            Some(p) => Some(ExitProof {
                id: rule_id(&p.id)?,
                max_age_days: p.max_age_days,
                source: text(p.source),
            }),
            None => None,
        },
        targets: list(
            e.targets
                .into_iter()
                .map(|t| Target {
                    measure: text(t.measure),
                    rate: t.rate,
                    share_of: text(t.share_of.unwrap_or_else(|| "exits".into())),
                    source: text(t.source),
                })
                .collect(),
        ),
        committee: e.committee.map(text),
    })
}

#[cfg(feature = "exits")]
fn follow_up(f: file::FollowUpFile) -> Result<FollowUpRules, FileError> {
    use file::FollowUpKindFile as K;
    let mut rules = Vec::new();
    for r in f.rules {
        let kind = match r.kind {
            K::MonthlyInterview { exempt } => FollowUpKind::MonthlyInterview(texts(exempt)),
            K::ContactGap { months } => FollowUpKind::ContactGap(months),
            K::Steps { min } => FollowUpKind::Steps(min),
            K::AbsenceReminders {} => FollowUpKind::AbsenceReminders,
            K::InJob {
                months,
                extra_days,
                triggers,
                training_until,
            } => FollowUpKind::InJob {
                months,
                extra_days,
                triggers: if triggers.is_empty() {
                    &["employment_start"]
                } else {
                    texts(triggers)
                },
                until_training_end: training_until.as_deref() == Some("training_end"),
            },
            K::CrePlacement {
                feedback_days,
                call_days,
            } => FollowUpKind::CrePlacement {
                feedback_days,
                call_days,
            },
        };
        rules.push(FollowUpRule {
            id: rule_id(&r.id)?,
            source: text(r.source),
            kind,
        });
    }
    Ok(FollowUpRules {
        source: text(f.source),
        rules: list(rules),
    })
}
