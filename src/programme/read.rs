//! The programme model read from the module's own JSON tree ([`crate::input::Json`]):
//! one small [`FromJson`] impl per type of src/programme/file.rs, the struct impls
//! written by [`read_struct!`] from the field lists, so the model stays written once.
//! A problem names the value's path (`rules[2].facts`); its line and column come from
//! the file's re-scan by path (`file::locate`).

use std::collections::BTreeMap;

use super::file::*;
use crate::finding::RuleId;
use crate::input::Json;

/// A value that does not fit the model: where, and why.
#[derive(Debug)]
pub struct Error {
    pub path: String,
    pub message: String,
}

fn error(at: &str, message: String) -> Error {
    Error {
        path: if at.is_empty() {
            "(file)".into()
        } else {
            at.into()
        },
        message,
    }
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
        Json::Truncated => "a value too deep or too wide",
    }
}

fn invalid(v: &Json, at: &str, expected: &str) -> Error {
    error(
        at,
        format!("invalid type: {}, expected {expected}", kind(v)),
    )
}

fn key(at: &str, k: &str) -> String {
    if at.is_empty() {
        k.into()
    } else {
        format!("{at}.{k}")
    }
}

/// A type of the model, read from a [`Json`] value at path `at`.
pub trait FromJson: Sized {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error>;
    /// The value of a missing field, when it may be missing (`Option`: `None`).
    fn missing() -> Option<Self> {
        None
    }
}

impl FromJson for String {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        v.as_str()
            .map(Into::into)
            .ok_or_else(|| invalid(v, at, "a string"))
    }
}

impl FromJson for u32 {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match v {
            Json::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
                Ok(*n as u32)
            }
            _ => Err(invalid(v, at, "u32")),
        }
    }
}

impl FromJson for bool {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match v {
            Json::Bool(b) => Ok(*b),
            _ => Err(invalid(v, at, "a boolean")),
        }
    }
}

impl FromJson for RuleId {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let name = String::from_json(v, at)?;
        RuleId::from_name(&name)
            .ok_or_else(|| error(at, format!("unknown rule identifier \"{name}\"")))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match v {
            Json::Null => Ok(None),
            _ => T::from_json(v, at).map(Some),
        }
    }
    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match v {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| T::from_json(item, &format!("{at}[{i}]")))
                .collect(),
            _ => Err(invalid(v, at, "a sequence")),
        }
    }
}

impl FromJson for [String; 2] {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let list = Vec::<String>::from_json(v, at)?;
        <[String; 2]>::try_from(list)
            .map_err(|l| error(at, format!("invalid length {}, expected 2 items", l.len())))
    }
}

impl FromJson for BTreeMap<String, u32> {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        object(v, at)?
            .iter()
            .map(|(k, x)| Ok((k.clone(), u32::from_json(x, &key(at, k))?)))
            .collect()
    }
}

fn object<'a>(v: &'a Json, at: &str) -> Result<&'a [(String, Json)], Error> {
    match v {
        Json::Object(entries) => Ok(entries),
        _ => Err(invalid(v, at, "an object")),
    }
}

fn get<'a>(e: &'a [(String, Json)], k: &str) -> Option<&'a Json> {
    e.iter().rev().find(|(x, _)| x == k).map(|(_, v)| v)
}

/// A field that must be there (an `Option` may be missing).
fn req<T: FromJson>(e: &[(String, Json)], at: &str, k: &str) -> Result<T, Error> {
    match get(e, k) {
        Some(v) => T::from_json(v, &key(at, k)),
        None => T::missing().ok_or_else(|| error(at, format!("missing field `{k}`"))),
    }
}

/// A field read as its default when missing (`#[serde(default)]`).
fn opt<T: FromJson + Default>(e: &[(String, Json)], at: &str, k: &str) -> Result<T, Error> {
    match get(e, k) {
        Some(v) => T::from_json(v, &key(at, k)),
        None => Ok(T::default()),
    }
}

/// Refuses a field of none of `lists`.
fn only(e: &[(String, Json)], at: &str, lists: &[&[&str]]) -> Result<(), Error> {
    for (k, _) in e {
        if !lists.iter().any(|l| l.contains(&k.as_str())) {
            let expected: Vec<String> = lists
                .iter()
                .flat_map(|l| l.iter())
                .map(|f| format!("`{f}`"))
                .collect();
            return Err(error(
                at,
                format!(
                    "unknown field `{k}`, expected one of {}",
                    expected.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// A struct of the model: the fields that must be there (`Option`s may be missing),
/// those read as their default when missing, and fields set after reading.
macro_rules! read_struct {
    (open $ty:ident [$($req:ident),*] [$($opt:ident),*]) => {
        impl FromJson for $ty {
            fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
                let e = object(v, at)?;
                Ok($ty {
                    $($req: req(e, at, stringify!($req))?,)*
                    $($opt: opt(e, at, stringify!($opt))?,)*
                })
            }
        }
    };
    ($ty:ident [$($req:ident),*] [$($opt:ident),*] $($set:ident = $val:expr),*) => {
        impl FromJson for $ty {
            fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
                let e = object(v, at)?;
                only(e, at, &[&[$(stringify!($req),)* $(stringify!($opt),)*]])?;
                Ok($ty {
                    $($req: req(e, at, stringify!($req))?,)*
                    $($opt: opt(e, at, stringify!($opt))?,)*
                    $($set: $val,)*
                })
            }
        }
    };
}

read_struct!(Programme [id, name, valid_from, valid_to, source, document, territory, rules]
    [criteria, capacity, procedure, exits, follow_up] dates = [(0, 0, 0); 2]);
read_struct!(Document [title, short, date] [seed]);
read_struct!(Exits [source, routes] [proof, targets, committee, month_end]);
read_struct!(ExitProof [id, max_age_days, source] []);
read_struct!(Target [measure, rate, source] [share_of]);
read_struct!(FollowUpRules [source, rules] []);
read_struct!(Procedure [steps, proofs, source] [min_interviews, alternative]);
read_struct!(Capacity [portfolio_per_full_time, source] [annual_renewal]);
read_struct!(Renewal [rate, source] []);
read_struct!(Criterion [id, level, proof, min_age, max_age] []);
read_struct!(ExclusivePair [pair, keep] []);
read_struct!(Derogation [id, routes, signed_by, source] []);
read_struct!(Condition [since, more_than_months] [fact]);
read_struct!(open TerritoryCommunesFile [source, vintage, communes, neighbours] []);
read_struct!(open CommuneFile [insee, name, postal_codes] []);

fn tag(e: &[(String, Json)], at: &str) -> Result<String, Error> {
    req(e, at, "kind")
}

fn unknown_variant(at: &str, tag: &str) -> Error {
    error(&key(at, "kind"), format!("unknown variant `{tag}`"))
}

impl FromJson for Rule {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let e = object(v, at)?;
        const OWN: &[&str] = &["id", "source", "kind"];
        let t = tag(e, at)?;
        let f = |fields: &[&str]| only(e, at, &[OWN, fields]);
        let kind = match t.as_str() {
            "residence" => f(&[]).map(|_| RuleKind::Residence)?,
            "age" => {
                f(&["min", "max", "derogation"])?;
                RuleKind::Age {
                    min: req(e, at, "min")?,
                    max: req(e, at, "max")?,
                    derogation: req(e, at, "derogation")?,
                }
            }
            "all_of" => f(&["facts"]).and_then(|_| {
                Ok(RuleKind::AllOf {
                    facts: req(e, at, "facts")?,
                })
            })?,
            "any_of" => f(&["conditions"]).and_then(|_| {
                Ok(RuleKind::AnyOf {
                    conditions: req(e, at, "conditions")?,
                })
            })?,
            "priority" => f(&["publics"]).and_then(|_| {
                Ok(RuleKind::Priority {
                    publics: req(e, at, "publics")?,
                })
            })?,
            "iae_proofs" => f(&[]).map(|_| RuleKind::IaeProofs)?,
            "iae_exclusive" => f(&["pairs"]).and_then(|_| {
                Ok(RuleKind::IaeExclusive {
                    pairs: req(e, at, "pairs")?,
                })
            })?,
            "iae_threshold" => f(&["level_2"]).and_then(|_| {
                Ok(RuleKind::IaeThreshold {
                    level_2: req(e, at, "level_2")?,
                })
            })?,
            "iae_validity" => {
                f(&["prescriber", "employer"])?;
                RuleKind::IaeValidity {
                    prescriber: req(e, at, "prescriber")?,
                    employer: req(e, at, "employer")?,
                }
            }
            other => return Err(unknown_variant(at, other)),
        };
        Ok(Rule {
            id: req(e, at, "id")?,
            source: req(e, at, "source")?,
            kind,
        })
    }
}

impl FromJson for Route {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let e = object(v, at)?;
        const OWN: &[&str] = &["id", "source", "positive_kind", "kind"];
        let t = tag(e, at)?;
        let f = |fields: &[&str]| only(e, at, &[OWN, fields]);
        let kind = match t.as_str() {
            "contract" => {
                f(&["contract_types", "except", "more_than_months"])?;
                RouteKind::Contract {
                    contract_types: opt(e, at, "contract_types")?,
                    except: opt(e, at, "except")?,
                    more_than_months: opt(e, at, "more_than_months")?,
                }
            }
            "interim" => {
                f(&["min_hours", "window_months", "straddling"])?;
                RouteKind::Interim {
                    min_hours: req(e, at, "min_hours")?,
                    window_months: req(e, at, "window_months")?,
                    straddling: opt(e, at, "straddling")?,
                }
            }
            "aided" => {
                f(&["contract_types", "except_aci"])?;
                RouteKind::Aided {
                    contract_types: req(e, at, "contract_types")?,
                    except_aci: opt(e, at, "except_aci")?,
                }
            }
            "training" => f(&["certifications"]).and_then(|_| {
                Ok(RouteKind::Training {
                    certifications: opt(e, at, "certifications")?,
                })
            })?,
            "business" => f(&["more_than_months"]).and_then(|_| {
                Ok(RouteKind::Business {
                    more_than_months: opt(e, at, "more_than_months")?,
                })
            })?,
            other => return Err(unknown_variant(at, other)),
        };
        Ok(Route {
            id: req(e, at, "id")?,
            source: req(e, at, "source")?,
            positive_kind: req(e, at, "positive_kind")?,
            kind,
        })
    }
}

impl FromJson for FollowUpRule {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let e = object(v, at)?;
        const OWN: &[&str] = &["id", "source", "kind"];
        let t = tag(e, at)?;
        let f = |fields: &[&str]| only(e, at, &[OWN, fields]);
        let kind = match t.as_str() {
            "monthly_interview" => f(&["exempt"]).and_then(|_| {
                Ok(FollowUpKind::MonthlyInterview {
                    exempt: req(e, at, "exempt")?,
                })
            })?,
            "contact_gap" => f(&["months"]).and_then(|_| {
                Ok(FollowUpKind::ContactGap {
                    months: req(e, at, "months")?,
                })
            })?,
            "steps" => f(&["min"]).and_then(|_| {
                Ok(FollowUpKind::Steps {
                    min: req(e, at, "min")?,
                })
            })?,
            "absence_reminders" => f(&[]).map(|_| FollowUpKind::AbsenceReminders)?,
            "in_job" => {
                f(&["months", "extra_days", "triggers", "training_until"])?;
                FollowUpKind::InJob {
                    months: req(e, at, "months")?,
                    extra_days: opt(e, at, "extra_days")?,
                    triggers: opt(e, at, "triggers")?,
                    training_until: opt(e, at, "training_until")?,
                }
            }
            "cre_placement" => {
                f(&["feedback_days", "call_days"])?;
                FollowUpKind::CrePlacement {
                    feedback_days: req(e, at, "feedback_days")?,
                    call_days: req(e, at, "call_days")?,
                }
            }
            other => return Err(unknown_variant(at, other)),
        };
        Ok(FollowUpRule {
            id: req(e, at, "id")?,
            source: req(e, at, "source")?,
            kind,
        })
    }
}

/// An externally tagged value: `"name"` or `{"name": value}`.
fn variant<'a>(v: &'a Json, at: &str) -> Result<(&'a str, Option<&'a Json>), Error> {
    match v {
        Json::String(s) => Ok((s, None)),
        Json::Object(e) if e.len() == 1 => Ok(e
            .first()
            .map(|(k, x)| (k.as_str(), Some(x)))
            .ok_or_else(|| invalid(v, at, "a variant"))?),
        _ => Err(invalid(v, at, "a string or an object of one key")),
    }
}

impl FromJson for Territory {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match variant(v, at)? {
            ("national", None) => Ok(Territory::National),
            ("communes", Some(x)) => Ok(Territory::Communes(CommunesRef {
                name: String::from_json(x, &key(at, "communes"))?,
                table: None,
            })),
            ("departements", Some(x)) => Ok(Territory::Departements(FromJson::from_json(
                x,
                &key(at, "departements"),
            )?)),
            (other, _) => Err(error(at, format!("unknown variant `{other}`"))),
        }
    }
}

impl FromJson for Proof {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        match variant(v, at)? {
            ("valid_at_hiring", None) => Ok(Proof::ValidAtHiring),
            ("identity", None) => Ok(Proof::Identity),
            ("recent_months", Some(x)) => Ok(Proof::RecentMonths(u32::from_json(
                x,
                &key(at, "recent_months"),
            )?)),
            (other, _) => Err(error(at, format!("unknown variant `{other}`"))),
        }
    }
}

impl FromJson for Duration {
    fn from_json(v: &Json, at: &str) -> Result<Self, Error> {
        let e = object(v, at)?;
        only(e, at, &[&["months", "days"]])?;
        match (
            req::<Option<u32>>(e, at, "months")?,
            req::<Option<u32>>(e, at, "days")?,
        ) {
            (Some(n), None) if n > 0 => Ok(Duration::Months(n)),
            (None, Some(n)) if n > 0 => Ok(Duration::Days(n)),
            _ => Err(error(at, "give months or days, above 0".into())),
        }
    }
}
