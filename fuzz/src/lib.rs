//! What the fuzz targets share: inputs built the way the faces build them (JSON text →
//! serde_json → [`Json`], as the command-line program does), structured generators
//! that reach the coherence rules, and the invariants every answer must keep.
//!
//! A target is a few lines: generate, call one entry point, call the invariants here.
//! A new entry point (eligibility, exit…) adds a generator for its request here if it
//! needs one, and a file in `fuzz_targets/`.

pub mod exits;

use std::collections::BTreeMap;

use arbitrary::{Arbitrary, Result, Unstructured};
use parcours::input::{MAX_DEPTH, MAX_ITEMS};
use parcours::programme::file::{FactType, FACTS};
use parcours::questionnaire::{FieldSpec, Kind, FIELDS, SECTIONS};
use parcours::{Code, Diff, Finding, Json, Report, Severity};

// ---------------------------------------------------------------------------------
// Parsing, as the faces do it

/// JSON text → [`Json`], exactly as the command-line program reads its input.
pub fn parse(bytes: &[u8]) -> Option<Json> {
    serde_json::from_slice(bytes).ok()
}

/// A generated value written as JSON text and read back like the command-line
/// program's input, so the core receives what a face would give it.
pub fn through_text(value: &serde_json::Value) -> Json {
    let text = serde_json::to_string(value).expect("a serde_json::Value always serialises");
    serde_json::from_str(&text).expect("serde_json's own output reads back")
}

/// The reference conversion of a `serde_json::Value` within the input bounds: what
/// [`Json`]'s deserialiser must produce for the same text (used by `json_input`).
pub fn bounded(value: &serde_json::Value, depth: usize) -> Json {
    if depth > MAX_DEPTH {
        return Json::Truncated;
    }
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Json::String(s.clone()),
        serde_json::Value::Array(items) => {
            Json::Array(items.iter().map(|v| bounded(v, depth + 1)).collect())
        }
        serde_json::Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), bounded(v, depth + 1)))
                .collect(),
        ),
    }
}

/// Deepest nesting and widest container of a [`Json`] tree.
pub fn shape(value: &Json) -> (usize, usize) {
    match value {
        Json::Array(items) => items
            .iter()
            .map(shape)
            .fold((1, items.len()), |(d, w), (cd, cw)| {
                (d.max(cd + 1), w.max(cw))
            }),
        Json::Object(entries) => entries
            .iter()
            .map(|(_, v)| shape(v))
            .fold((1, entries.len()), |(d, w), (cd, cw)| {
                (d.max(cd + 1), w.max(cw))
            }),
        _ => (0, 0),
    }
}

// ---------------------------------------------------------------------------------
// Structured generators

/// Texts that reach the formats and the rules: valid and invalid values of every kind
/// of field, blanks, the yes/no spellings forms send, and a marker that must never be
/// echoed back ([`PERSONAL_MARKER`]).
const TEXTS: &[&str] = &[
    "",
    " ",
    "\t",
    "Zqxmarker",
    "Zqx 1985-05-14",
    "Durand",
    "Karim",
    "1985-05-14",
    "2003-05-10",
    "2026-03-02",
    "2026-01-15",
    "2024-09-01",
    "2025-03-02",
    "2026-10-15",
    "2026-10-20",
    "2027-04-20",
    "2026-11-23",
    "2000-02-29",
    "2023-02-29",
    "2023-02-30",
    "2026-13-01",
    "1900-01-01",
    "0000-01-01",
    "9999-12-31",
    "26-03-02",
    "2026/03/02",
    " 2026-03-02 ",
    "2026-3-2",
    "woman",
    "man",
    "non_binary",
    "none",
    "brevet",
    "cap_bep",
    "bac",
    "bac_2",
    "licence",
    "master",
    "doctorat",
    "under_18",
    "18_29",
    "30_54",
    "55_plus",
    "isced_0_2",
    "isced_3_4",
    "isced_5_8",
    "precarious_to_stable",
    "promotion",
    "yes",
    "no",
    "refused",
    "oui",
    "NON",
    "True",
    "false",
    "0",
    "12",
    "31",
    "999999",
    "1e3",
    "-1",
    "185057800608491",
    "1 85 05 78 006 084 91",
    "185052A12345699",
    "285052B123456",
    "385057800608491",
    "185057800608400",
    "59280",
    "59017",
    "20000",
    "2A004",
    "2B033",
    "97411",
    "98611",
    "97100",
    "00100",
    "96000",
    "62017",
    "karim.durand@exemple.fr",
    "a@b",
    "a..b@c.fr",
    "06 12 34 56 78",
    "+33 6 12 34 56 78",
    "0033612345678",
    "+262 692 12 34 56",
    "+44 20 7946 0958",
    "202303872",
    "op-2026/01.x",
    "op id",
    "\u{0}",
    "é\u{301}",
    "\u{feff}",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "__proto__",
    "constructor",
];

/// Text of a personal field that must never come back in a report.
pub const PERSONAL_MARKER: &str = "Zqx";

/// A value as a JSON document could hold it, biased towards what the fields read.
#[derive(Debug, Clone)]
pub struct Value(pub serde_json::Value);

impl<'a> Arbitrary<'a> for Value {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(Value(value(u, 0)?))
    }
}

fn value(u: &mut Unstructured<'_>, depth: usize) -> Result<serde_json::Value> {
    use serde_json::Value as V;
    Ok(match u.int_in_range(0..=15u8)? {
        0..=6 => V::String(u.choose(TEXTS)?.to_string()),
        7 => V::String(String::arbitrary(u)?),
        8 => V::Bool(bool::arbitrary(u)?),
        9 => V::Null,
        10 => V::from(u.int_in_range(-2i64..=40)?),
        11 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(V::Null, V::Number),
        12 => V::from(i64::arbitrary(u)?),
        13 if depth < 4 => {
            let n = u.int_in_range(0..=3usize)?;
            V::Array((0..n).map(|_| value(u, depth + 1)).collect::<Result<_>>()?)
        }
        14 if depth < 4 => {
            let n = u.int_in_range(0..=3usize)?;
            let mut map = serde_json::Map::new();
            for _ in 0..n {
                map.insert(key(u)?, value(u, depth + 1)?);
            }
            V::Object(map)
        }
        _ => V::String(u.choose(TEXTS)?.to_string()),
    })
}

fn key(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=3u8)? {
        0 => u.choose(SECTIONS)?.to_string(),
        1 => u.choose(FIELDS)?.name.to_string(),
        2 => u.choose(TEXTS)?.to_string(),
        _ => String::arbitrary(u)?,
    })
}

/// Where a generated value goes in the data.
#[derive(Debug, Clone)]
pub enum Place {
    /// A field of the catalogue.
    Field(&'static FieldSpec),
    /// A key no field has, in a known or unknown section.
    Unknown(String, String),
    /// A whole section replaced by the value (a section that is not an object).
    Section(&'static str),
}

impl<'a> Arbitrary<'a> for Place {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        Ok(match u.int_in_range(0..=19u8)? {
            0 => Place::Unknown(key(u)?, key(u)?),
            1 => Place::Section(u.choose(SECTIONS)?),
            _ => Place::Field(u.choose(FIELDS)?),
        })
    }
}

impl Place {
    /// The path a form's `set` receives for this place.
    pub fn path(&self) -> String {
        match self {
            Place::Field(spec) => spec.path.to_string(),
            Place::Unknown(section, name) => format!("{section}.{name}"),
            Place::Section(section) => section.to_string(),
        }
    }
}

/// Questionnaire data: places and values, written into sections in order.
#[derive(Debug, Clone, Arbitrary)]
pub struct Data {
    /// Start from a valid record (entry, exit or follow-up) or from nothing.
    pub base: Option<Base>,
    pub entries: Vec<(Place, Value)>,
}

/// The valid records of tests/cases/questionnaire/_bases.json.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum Base {
    Entry,
    Exit,
    FollowUp,
}

/// The valid base records, as the case files use them.
pub fn bases() -> &'static serde_json::Value {
    static BASES: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    BASES.get_or_init(|| {
        serde_json::from_str(include_str!("../../tests/cases/questionnaire/_bases.json"))
            .expect("_bases.json is JSON")
    })
}

impl Base {
    pub fn name(self) -> &'static str {
        match self {
            Base::Entry => "entry",
            Base::Exit => "exit",
            Base::FollowUp => "follow_up",
        }
    }
}

impl Data {
    pub fn to_value(&self) -> serde_json::Value {
        let mut data = match self.base {
            Some(base) => bases()[base.name()]["data"].clone(),
            None => serde_json::json!({}),
        };
        for (place, Value(v)) in &self.entries {
            let root = data.as_object_mut().expect("data stays an object");
            match place {
                Place::Field(spec) => {
                    section_of(root, spec.section).insert(spec.name.into(), v.clone())
                }
                Place::Unknown(section, name) => {
                    section_of(root, section).insert(name.clone(), v.clone())
                }
                Place::Section(section) => root.insert(section.to_string(), v.clone()),
            };
        }
        data
    }
}

/// The section object `name` of `root`, made an object if it was not one.
fn section_of<'m>(
    root: &'m mut serde_json::Map<String, serde_json::Value>,
    name: &str,
) -> &'m mut serde_json::Map<String, serde_json::Value> {
    let slot = root
        .entry(name.to_string())
        .or_insert_with(|| serde_json::json!({}));
    if !slot.is_object() {
        *slot = serde_json::json!({});
    }
    slot.as_object_mut().expect("just made an object")
}

/// A setting as a request or a form may give it: a usual value, an odd one, or none.
#[derive(Debug, Clone)]
pub struct Setting(pub Option<serde_json::Value>);

fn setting(u: &mut Unstructured<'_>, usual: &[&str]) -> Result<Setting> {
    Ok(Setting(match u.int_in_range(0..=9u8)? {
        0 => None,
        1 => Some(value(u, 3)?),
        _ => Some(serde_json::Value::String(u.choose(usual)?.to_string())),
    }))
}

/// The settings of a request or form: phase, reference date, locale, options.
#[derive(Debug, Clone)]
pub struct Settings {
    pub phase: Setting,
    pub reference_date: Setting,
    pub locale: Setting,
    pub options: Vec<(String, Value)>,
}

const OPTION_NAMES: &[&str] = &[
    "min_age",
    "max_age",
    "long_term_months",
    "long_term_months_young",
    "young_age",
    "short_participation_days",
    "exit_window_days",
    "follow_up_months",
    "follow_up_tolerance_months",
    "unknown_option",
];

impl<'a> Arbitrary<'a> for Settings {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let options = if u.ratio(1, 4)? {
            let n = u.int_in_range(1..=3usize)?;
            (0..n)
                .map(|_| {
                    let v = match u.int_in_range(0..=2u8)? {
                        0 => serde_json::Value::from(u.int_in_range(0u32..=130)?),
                        _ => value(u, 3)?,
                    };
                    Ok((u.choose(OPTION_NAMES)?.to_string(), Value(v)))
                })
                .collect::<Result<_>>()?
        } else {
            Vec::new()
        };
        Ok(Settings {
            phase: setting(u, &["entry", "exit", "follow_up", "follow-up"])?,
            reference_date: setting(u, &["2026-11-23", "2027-05-10", "2026-02-30", "2020-01-01"])?,
            locale: setting(u, &["fr", "en", "en-GB", "de"])?,
            options,
        })
    }
}

impl Settings {
    pub fn to_value(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (name, Setting(v)) in [
            ("phase", &self.phase),
            ("reference_date", &self.reference_date),
            ("locale", &self.locale),
        ] {
            if let Some(v) = v {
                map.insert(name.into(), v.clone());
            }
        }
        if !self.options.is_empty() {
            let options = self
                .options
                .iter()
                .map(|(k, Value(v))| (k.clone(), v.clone()));
            map.insert(
                "options".into(),
                serde_json::Value::Object(options.collect()),
            );
        }
        serde_json::Value::Object(map)
    }
}

/// A whole check request.
#[derive(Debug, Clone, Arbitrary)]
pub struct Request {
    pub settings: Settings,
    pub data: Data,
    /// `check`: absent, "questionnaire", or something else.
    pub check: Option<Option<Value>>,
}

impl Request {
    pub fn to_value(&self) -> serde_json::Value {
        let mut request = self.settings.to_value();
        let map = request.as_object_mut().expect("settings are an object");
        match &self.check {
            None => {}
            Some(None) => {
                map.insert("check".into(), "questionnaire".into());
            }
            Some(Some(Value(v))) => {
                map.insert("check".into(), v.clone());
            }
        }
        map.insert("data".into(), self.data.to_value());
        request
    }
}

// ---------------------------------------------------------------------------------
// Invariants

/// Longest path a finding may carry: an unknown key is cut to 64 characters.
const MAX_PATH_CHARS: usize = 64 + 1 + 64;

/// The facts the built-in programme files declare, by name.
fn declared_facts() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        parcours::programmes(parcours::Locale::Fr)
            .into_iter()
            .flat_map(|p| p.facts.into_iter().map(|f| f.name))
            .collect()
    })
}

/// What every report must satisfy, whatever the input.
pub fn check_report(report: &Report) {
    let errors = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid,
        !errors && report.missing.is_empty(),
        "valid must mean no error and nothing missing"
    );
    assert!(
        (0.0..=1.0).contains(&report.completeness),
        "completeness {} out of [0, 1]",
        report.completeness
    );
    for finding in &report.findings {
        check_finding(finding);
    }
    let mut seen: Vec<&str> = Vec::new();
    for path in &report.missing {
        let path: &str = path.as_ref();
        // A module fact, or a fact a programme file declares (its `facts`).
        let fact = path.strip_prefix("facts.").is_some_and(|f| {
            FACTS.iter().any(|(name, _)| *name == f) || declared_facts().contains(&f)
        });
        assert!(
            fact || FIELDS.iter().any(|s| s.path == path),
            "missing names no field and no fact: {path}"
        );
        assert!(!seen.contains(&path), "missing lists {path} twice");
        seen.push(path);
    }
    serde_json::to_string(report).expect("a report serialises");
}

pub fn check_finding(finding: &Finding) {
    assert_eq!(
        finding.severity,
        finding.code.severity(),
        "{:?}",
        finding.code
    );
    assert!(
        !finding.message.is_empty(),
        "{:?} has no message",
        finding.code
    );
    assert!(
        !finding.message.contains('{'),
        "{:?}: unfilled template",
        finding.code
    );
    // An unknown key may be empty (`{"": 1}`); its path is then that key.
    assert!(
        !finding.path.is_empty() || finding.code == Code::UnknownField,
        "{:?} has no path",
        finding.code
    );
    assert!(
        finding.path.chars().count() <= MAX_PATH_CHARS,
        "{:?}: a path of {} characters travels back",
        finding.code,
        finding.path.chars().count()
    );
    assert!(!finding.rule.as_str().is_empty());
}

/// Every diff keeps the same invariants, and agrees with the form's report after it.
pub fn check_diff(diff: &Diff, after: &Report) {
    for finding in diff.added.iter().chain(&diff.removed) {
        check_finding(finding);
    }
    assert_eq!(
        diff.valid, after.valid,
        "diff.valid disagrees with the report"
    );
    assert_eq!(
        diff.completeness, after.completeness,
        "diff.completeness disagrees"
    );
    assert_eq!(
        Some(&diff.derived),
        after.derived.as_ref(),
        "diff.derived disagrees"
    );
}

/// No personal value typed in the request comes back (docs/questionnaire.md: "A value
/// is never repeated in a message or a parameter"). Keys may come back, as paths.
pub fn check_no_echo(request: &serde_json::Value, report_text: &str) {
    fn keys_contain(v: &serde_json::Value, needle: &str) -> bool {
        match v {
            serde_json::Value::Object(m) => m
                .iter()
                .any(|(k, v)| k.contains(needle) || keys_contain(v, needle)),
            serde_json::Value::Array(items) => items.iter().any(|v| keys_contain(v, needle)),
            _ => false,
        }
    }
    if !keys_contain(request, PERSONAL_MARKER) {
        assert!(
            !report_text.contains(PERSONAL_MARKER),
            "a typed value came back in the report"
        );
    }
}

/// Findings about the data's shape, which only a whole-record load produces.
pub fn is_shape(finding: &Finding) -> bool {
    match finding.code {
        Code::UnknownField | Code::TooManyUnknownFields => true,
        Code::InvalidStructure => finding.path != "options",
        _ => false,
    }
}

/// A finding as a sortable key (its whole serialised form).
pub fn key_of(finding: &Finding) -> String {
    serde_json::to_string(finding).expect("a finding serialises")
}

/// The value each catalogue field holds in `data`, as `Form::load` reads it (the last
/// of repeated keys; nothing from a section that is not an object).
pub fn fields_of(data: &Json) -> BTreeMap<&'static str, Json> {
    let mut out = BTreeMap::new();
    for spec in FIELDS {
        if let Some(v) = data.get(spec.section).and_then(|s| s.get(spec.name)) {
            out.insert(spec.path, v.clone());
        }
    }
    out
}

/// Data holding exactly `fields`, in sections.
pub fn data_of(fields: &BTreeMap<&'static str, Json>) -> Json {
    let mut sections: Vec<(String, Json)> = Vec::new();
    for spec in FIELDS {
        let Some(v) = fields.get(spec.path) else {
            continue;
        };
        let at = match sections.iter().position(|(s, _)| s == spec.section) {
            Some(i) => i,
            None => {
                sections.push((spec.section.to_string(), Json::Object(Vec::new())));
                sections.len() - 1
            }
        };
        if let Json::Object(entries) = &mut sections[at].1 {
            entries.push((spec.name.to_string(), v.clone()));
        }
    }
    Json::Object(sections)
}

/// A request made of `settings` (a JSON object) and `data`.
pub fn request_of(settings: &Json, data: Json) -> Json {
    let mut entries = match settings {
        Json::Object(entries) => entries.clone(),
        _ => Vec::new(),
    };
    entries.push(("data".to_string(), data));
    Json::Object(entries)
}

/// The kinds of field, for targets that go through every format once.
pub fn kinds() -> Vec<&'static FieldSpec> {
    let mut out: Vec<&'static FieldSpec> = Vec::new();
    for spec in FIELDS {
        if !out.iter().any(|s| same_kind(s.kind, spec.kind)) {
            out.push(spec);
        }
    }
    out
}

fn same_kind(a: Kind, b: Kind) -> bool {
    core::mem::discriminant(&a) == core::mem::discriminant(&b)
}

/// Widest container the deserialiser may keep: the entries plus one truncation mark.
pub const MAX_WIDTH: usize = MAX_ITEMS + 1;

// ---------------------------------------------------------------------------------
// Eligibility requests

/// Values a fact may take: of its type most of the time, sometimes anything.
fn fact_value(u: &mut Unstructured<'_>, kind: FactType) -> Result<serde_json::Value> {
    use serde_json::Value as V;
    if u.ratio(1, 6)? {
        return value(u, 2);
    }
    Ok(match kind {
        FactType::Bool => V::Bool(bool::arbitrary(u)?),
        FactType::Date => V::String(
            u.choose(&[
                "1960-01-01",
                "1990-06-15",
                "2000-02-29",
                "2004-05-31",
                "2005-06-01",
                "2019-11-30",
                "2019-12-01",
                "2020-06-01",
                "2021-01-01",
                "2023-02-30",
                "2026-11-23",
                "9999-12-31",
                "0000-01-01",
                "01/06/2020",
            ])?
            .to_string(),
        ),
        // Text, and any kind a later programme file adds.
        #[allow(unreachable_patterns)]
        _ => V::String(
            u.choose(&[
                "14000", "14118", "76000", "50100", "27000", "61000", "59280", "75001", "94000",
                "97411", "2A004", "Caen", "", "00000", "1400",
            ])?
            .to_string(),
        ),
    })
}

/// An eligibility request: a programme (known or not), a decision date, facts.
#[derive(Debug, Clone)]
pub struct Eligibility(pub serde_json::Value);

impl<'a> Arbitrary<'a> for Eligibility {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let ids: Vec<&str> = parcours::programmes(parcours::Locale::Fr)
            .iter()
            .map(|p| p.id)
            .collect();
        let mut request = serde_json::Map::new();
        request.insert("check".into(), "eligibility".into());
        let programme = match u.int_in_range(0..=9u8)? {
            0 => value(u, 3)?,
            1 => serde_json::Value::String("no-such-programme".into()),
            _ => serde_json::Value::String(u.choose(&ids)?.to_string()),
        };
        if !u.ratio(1, 20)? {
            request.insert("programme".into(), programme);
        }
        let date = setting(
            u,
            &[
                "2020-06-01",
                "2021-03-15",
                "2023-09-01",
                "2026-11-23",
                "2018-01-01",
                "2026-02-30",
            ],
        )?;
        if let Setting(Some(d)) = date {
            request.insert("decision_date".into(), d);
        }
        if let Setting(Some(l)) = setting(u, &["fr", "en", "de"])? {
            request.insert("locale".into(), l);
        }
        let mut facts = serde_json::Map::new();
        for _ in 0..u.int_in_range(0..=12usize)? {
            if u.ratio(1, 12)? {
                facts.insert(key(u)?, value(u, 2)?);
            } else {
                let (name, kind) = *u.choose(FACTS)?;
                facts.insert(name.to_string(), fact_value(u, kind)?);
            }
        }
        request.insert(
            "facts".into(),
            if u.ratio(1, 30)? {
                value(u, 2)?
            } else {
                serde_json::Value::Object(facts)
            },
        );
        Ok(Eligibility(serde_json::Value::Object(request)))
    }
}
