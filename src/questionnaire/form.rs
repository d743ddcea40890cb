//! A questionnaire being filled in: values, and the findings of each field and rule.
//!
//! [`Form::set`] reads one field, re-runs only the rules that read it, and returns
//! what changed ([`Diff`]). A full validation is [`Form::load`] then
//! [`Form::checked`]: the same slots, filled at once, so the incremental and the full
//! answers cannot differ.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{section_fields, section_index};
use super::rules::RULES;
use super::value::{read, read_str, Val};
use super::{Ctx, Derived, Options, Phase, Requirement, DERIVED_FROM, F, FIELDS, SECTIONS};
use crate::finding::{Checked, Code, Finding, RuleId};
use crate::input::Json;
use crate::locale::Locale;

/// What one edit changed, for a form that re-validates as the person types.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diff {
    /// Findings that appeared with this edit.
    pub added: Vec<Finding>,
    /// Findings that went away with this edit (as they were reported).
    pub removed: Vec<Finding>,
    /// Required paths that became missing.
    pub missing_added: Vec<&'static str>,
    /// Required paths that are no longer missing.
    pub missing_removed: Vec<&'static str>,
    /// The record's state after the edit.
    pub valid: bool,
    pub completeness: f64,
    /// The derived values after the edit.
    pub derived: Derived,
}

/// Unknown fields listed one by one before a single "too many" finding.
pub const MAX_UNKNOWN_LISTED: usize = 20;
/// Characters of an unknown key kept in its finding's path.
const MAX_KEY_CHARS: usize = 64;

/// What a form is checked against: set once, when the form is made.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub phase: Phase,
    /// The date "today" means for the date rules; `None` turns those rules off and is
    /// itself reported.
    pub reference: Option<NaiveDate>,
    pub locale: Locale,
    pub options: Options,
}

/// A questionnaire and its current findings.
#[derive(Clone, Debug)]
pub struct Form {
    settings: Settings,
    values: Vec<Val>,
    /// The format (or phase) finding of each field, by field index.
    field_findings: Vec<Option<Finding>>,
    /// The findings of each coherence rule, by rule index.
    rule_findings: Vec<Vec<Finding>>,
    /// Findings about the settings, set once.
    setting_findings: Vec<Finding>,
    /// Findings about the data's shape: unknown fields, sections that are not objects.
    shape_findings: Vec<Finding>,
    /// The record's state after the last edit.
    state: State,
    /// What changed since the page last read a diff ([`Form::changes`]).
    pending: Pending,
    /// The fields other fields' requirement depends on ([`Requirement::When`]).
    conditions: u64,
}

/// What a diff reports besides findings, as it stands after an edit.
#[derive(Clone, Debug, Default, PartialEq)]
struct State {
    missing: u64,
    valid: bool,
    /// Whether any finding is an error.
    errors: bool,
    completeness: f64,
    derived: Derived,
}

/// The changes not read yet: findings as they were before the first of them and after
/// the last, and the missing set the page last received.
#[derive(Clone, Debug, Default)]
struct Pending {
    added: Vec<Finding>,
    removed: Vec<Finding>,
    missing_seen: u64,
}

impl Form {
    /// An empty form. `setting_findings` are findings about how the settings were given
    /// (an unknown phase, no reference date…); they stay in every report.
    pub fn new(settings: Settings, setting_findings: Vec<Finding>) -> Form {
        let mut form = Form::unchecked(settings, setting_findings);
        form.run_all_rules();
        form.settle();
        form
    }

    /// A form checked at once against `data`: [`Form::new`] then [`Form::load`],
    /// without running the rules on the empty record first.
    pub fn with_data(settings: Settings, setting_findings: Vec<Finding>, data: &Json) -> Form {
        let mut form = Form::unchecked(settings, setting_findings);
        form.load(data);
        form
    }

    /// An empty form to be filled by [`Form::load_texts`] or [`Form::load`], which
    /// run the rules: a form reused from row to row of an export.
    pub(crate) fn empty(settings: Settings) -> Form {
        Form::unchecked(settings, Vec::new())
    }

    /// An empty form whose rules have not run yet.
    fn unchecked(settings: Settings, setting_findings: Vec<Finding>) -> Form {
        Form {
            settings,
            values: vec![Val::Absent; FIELDS.len()],
            field_findings: vec![None; FIELDS.len()],
            rule_findings: vec![Vec::new(); RULES.len()],
            setting_findings,
            shape_findings: Vec::new(),
            state: State::default(),
            pending: Pending::default(),
            conditions: FIELDS.iter().fold(0, |set, spec| match spec.requirement {
                Requirement::When(condition) => set | condition.bit(),
                _ => set,
            }),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Empties the record before a whole one is read.
    fn clear(&mut self) {
        self.values.iter_mut().for_each(|v| *v = Val::Absent);
        self.field_findings.iter_mut().for_each(|f| *f = None);
        self.shape_findings.clear();
    }

    /// Replaces the whole record with these fields' texts, as [`Form::load`] does with
    /// an object of sections holding the same texts, without building that object: an
    /// export's row, read cell by cell. A form can be reused from row to row.
    pub fn load_texts<'a>(&mut self, fields: impl IntoIterator<Item = (F, &'a str)>) {
        self.clear();
        for (f, text) in fields {
            self.read_text_field(f, text);
        }
        self.run_all_rules();
        self.settle();
    }

    /// Replaces the whole record with `data` (an object of sections).
    pub fn load(&mut self, data: &Json) {
        self.clear();
        let mut unknown = 0usize;
        let mut report_unknown = |path: String, shape: &mut Vec<Finding>| {
            unknown += 1;
            if unknown <= MAX_UNKNOWN_LISTED {
                shape.push(Finding::new(Code::UnknownField, path, RuleId::FseFormat));
            } else if unknown == MAX_UNKNOWN_LISTED + 1 {
                shape.push(
                    Finding::new(Code::TooManyUnknownFields, "data", RuleId::FseFormat)
                        .param("max", MAX_UNKNOWN_LISTED as i64),
                );
            }
        };
        let sections = match data {
            Json::Object(entries) => entries.as_slice(),
            Json::Null => &[],
            other => {
                self.shape_findings.push(shape_finding("data", other));
                &[]
            }
        };
        for (name, section) in sections {
            let Some(index) = section_index(name) else {
                report_unknown(clip(name).into_owned(), &mut self.shape_findings);
                continue;
            };
            let fields = match section {
                Json::Object(entries) => entries.as_slice(),
                Json::Null => &[],
                other => {
                    let path = SECTIONS.get(index).copied().unwrap_or("data");
                    self.shape_findings.push(shape_finding(path, other));
                    &[]
                }
            };
            let specs = section_fields(index);
            // Records usually list a section's fields in form order: the search starts
            // at the field after the one found last, so it mostly compares one name.
            let mut next = 0;
            for (key, raw) in fields {
                let in_order = specs.iter().enumerate();
                let found = in_order
                    .clone()
                    .skip(next)
                    .chain(in_order.take(next))
                    .find(|(_, s)| s.name == key);
                match found {
                    Some((i, spec)) => {
                        next = i + 1;
                        self.read_field(spec.id, raw);
                    }
                    None => {
                        let mut path = String::with_capacity(
                            name.len() + 1 + key.len().min(MAX_KEY_CHARS * 4),
                        );
                        path.push_str(name);
                        path.push('.');
                        path.push_str(&clip(key));
                        report_unknown(path, &mut self.shape_findings);
                    }
                }
            }
        }
        self.run_all_rules();
        self.settle();
    }

    /// After the whole record was checked: the page is given the full report, so
    /// nothing is pending.
    fn settle(&mut self) {
        self.state = self.current_state();
        self.pending = Pending {
            missing_seen: self.state.missing,
            ..Pending::default()
        };
    }

    fn current_state(&self) -> State {
        let (missing, completeness) = self.requirements();
        let errors = self.has_errors();
        State {
            missing,
            valid: missing == 0 && !errors,
            errors,
            completeness,
            derived: self.ctx().derived(),
        }
    }

    /// Sets one field from its path and raw value, and returns what changed since the
    /// last diff was read: [`Form::update`] then [`Form::changes`]. Setting `null` or
    /// an empty text clears the field. An unknown path changes nothing and says so in
    /// `added`.
    pub fn set(&mut self, path: &str, raw: &Json) -> Diff {
        self.update(path, raw);
        self.changes()
    }

    /// Sets one field, as [`Form::set`] does, and says whether anything a diff reports
    /// changed (findings, missing fields, validity, completeness, derived values),
    /// without building the diff: a page calls [`Form::changes`] only when it did.
    /// Most keystrokes change nothing (the third digit of a year, a name's letters).
    pub fn update(&mut self, path: &str, raw: &Json) -> bool {
        let Some(f) = F::by_path(path) else {
            let finding = Finding::new(Code::UnknownField, clip(path), RuleId::FseFormat);
            // Said once until read, however often a page repeats the unknown path.
            if !self.pending.added.contains(&finding) {
                self.pending.added.push(finding);
            }
            return true;
        };
        let at = f as usize;
        let old_value = self.values.get_mut(at).map(core::mem::take);
        let old_finding = self.field_findings.get_mut(at).and_then(Option::take);
        self.read_field(f, raw);
        let value = self.values.get(at);
        if value == old_value.as_ref() && self.field_findings.get(at) == Some(&old_finding) {
            // The rules and the state read values and findings only: nothing else moved
            // (the next digit of a year still being typed, the same text again).
            return false;
        }
        let answered = |v: Option<&Val>| v.map(|v| (v.is_answered(), *v == Val::Invalid));
        let requirements_moved =
            answered(value) != answered(old_value.as_ref()) || self.conditions & f.bit() != 0;
        let mut old: Vec<Finding> = old_finding.into_iter().collect();
        let mut new: Vec<Finding> = self
            .field_findings
            .get(at)
            .cloned()
            .flatten()
            .into_iter()
            .collect();
        for (i, rule) in RULES.iter().enumerate() {
            if rule.reads.contains(&f) {
                if let Some(slot) = self.rule_findings.get_mut(i) {
                    old.append(slot);
                }
                let fresh = self.run_rule(i);
                new.extend(fresh.iter().cloned());
                if let Some(slot) = self.rule_findings.get_mut(i) {
                    *slot = fresh;
                }
            }
        }
        let mut findings_moved = false;
        for gone in old.iter().filter(|o| !new.contains(o)) {
            findings_moved = true;
            match self.pending.added.iter().position(|a| a == gone) {
                Some(i) => drop(self.pending.added.remove(i)),
                None => self.pending.removed.push(gone.clone()),
            }
        }
        for fresh in new.into_iter().filter(|n| !old.contains(n)) {
            findings_moved = true;
            match self.pending.removed.iter().position(|r| *r == fresh) {
                Some(i) => drop(self.pending.removed.remove(i)),
                None => self.pending.added.push(fresh),
            }
        }
        // The state again, but only the parts this edit can move.
        let (missing, completeness) = if requirements_moved {
            self.requirements()
        } else {
            (self.state.missing, self.state.completeness)
        };
        let errors = if findings_moved {
            self.has_errors()
        } else {
            self.state.errors
        };
        let derived = if DERIVED_FROM.contains(&f) {
            self.ctx().derived()
        } else {
            self.state.derived.clone()
        };
        let state = State {
            missing,
            valid: missing == 0 && !errors,
            errors,
            completeness,
            derived,
        };
        let changed = findings_moved || state != self.state;
        self.state = state;
        changed
    }

    /// What changed since the last diff was read (or the record loaded), messages in
    /// the form's locale; reading it empties it.
    pub fn changes(&mut self) -> Diff {
        let pending = core::mem::take(&mut self.pending);
        self.pending.missing_seen = self.state.missing;
        let (before, after) = (pending.missing_seen, self.state.missing);
        let locale = self.settings.locale;
        let (mut removed, mut added) = (pending.removed, pending.added);
        removed
            .iter_mut()
            .chain(added.iter_mut())
            .for_each(|f| locale.render(f));
        Diff {
            missing_added: paths(after & !before),
            missing_removed: paths(before & !after),
            added,
            removed,
            valid: self.state.valid,
            completeness: self.state.completeness,
            derived: self.state.derived.clone(),
        }
    }

    /// The value of a field as read, for tests and tools.
    pub fn value(&self, f: F) -> &Val {
        self.values.get(f as usize).unwrap_or(&Val::Absent)
    }

    /// Every current finding, in form order, messages in the form's locale, and the
    /// derived values (`Form::report` gives it in the report's shape).
    pub fn checked(&self) -> Checked<Derived> {
        // The state is kept current by every load and update: read, not recomputed.
        let mut findings = self.all_findings();
        findings
            .iter_mut()
            .for_each(|f| self.settings.locale.render(f));
        Checked {
            part: Some(self.state.derived.clone()),
            ..Checked::new(
                self.state.valid,
                findings,
                self.missing().into_iter().map(Cow::Borrowed).collect(),
                self.state.completeness,
            )
        }
    }

    /// Every current finding, in form order, messages in the form's locale: the
    /// findings of [`Form::checked`] without the rest of the answer.
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings = self.all_findings();
        findings
            .iter_mut()
            .for_each(|f| self.settings.locale.render(f));
        findings
    }

    /// The derived values, as [`Form::checked`] gives them.
    pub fn derived(&self) -> &Derived {
        &self.state.derived
    }

    fn all_findings(&self) -> Vec<Finding> {
        let mut all: Vec<Finding> = self
            .setting_findings
            .iter()
            .chain(&self.shape_findings)
            .cloned()
            .collect();
        let mut fields: Vec<Finding> = self
            .field_findings
            .iter()
            .flatten()
            .chain(self.rule_findings.iter().flatten())
            .cloned()
            .collect();
        crate::sort::sort_by_key(&mut fields, |f| (order_of(&f.path), f.code));
        all.extend(fields);
        all
    }

    fn has_errors(&self) -> bool {
        self.all_findings_iter().any(Finding::is_error)
    }

    fn all_findings_iter(&self) -> impl Iterator<Item = &Finding> {
        self.setting_findings
            .iter()
            .chain(&self.shape_findings)
            .chain(self.field_findings.iter().flatten())
            .chain(self.rule_findings.iter().flatten())
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            values: &self.values,
            phase: self.settings.phase,
            reference: self.settings.reference,
            options: &self.settings.options,
        }
    }

    fn read_field(&mut self, f: F, raw: &Json) {
        self.store(f, read(f.spec(), raw));
    }

    fn read_text_field(&mut self, f: F, text: &str) {
        self.store(f, read_str(f.spec(), text));
    }

    /// A field's value as read, and its finding: a format error, or FSE-PHASE.
    fn store(&mut self, f: F, read: Result<Val, Finding>) {
        let spec = f.spec();
        let (value, finding) = match read {
            Ok(v) => {
                let early = v.is_answered() && spec.asked > self.settings.phase;
                // FSE-PHASE: an item answered before the phase that asks it.
                let finding = early.then(|| {
                    Finding::new(Code::NotExpectedInPhase, spec.path, RuleId::FsePhase)
                        .param("phase", spec.asked.as_str())
                });
                (v, finding)
            }
            Err(finding) => (Val::Invalid, Some(finding)),
        };
        if let Some(slot) = self.values.get_mut(f as usize) {
            *slot = value;
        }
        if let Some(slot) = self.field_findings.get_mut(f as usize) {
            *slot = finding;
        }
    }

    fn run_rule(&self, i: usize) -> Vec<Finding> {
        let mut out = Vec::new();
        if let Some(rule) = RULES.get(i) {
            if rule.from <= self.settings.phase {
                (rule.check)(&self.ctx(), &mut out);
            }
        }
        out
    }

    fn run_all_rules(&mut self) {
        for i in 0..RULES.len() {
            let fresh = self.run_rule(i);
            if let Some(slot) = self.rule_findings.get_mut(i) {
                *slot = fresh;
            }
        }
    }

    /// Whether a field must be answered now.
    fn required(&self, f: F) -> bool {
        let spec = f.spec();
        if spec.asked > self.settings.phase {
            return false;
        }
        match spec.requirement {
            Requirement::Optional => false,
            Requirement::Required => true,
            Requirement::When(condition) => matches!(self.value(condition), Val::Bool(true)),
        }
    }

    /// Required fields with no answer at all (a wrong answer has its own finding).
    pub fn missing(&self) -> Vec<&'static str> {
        paths(self.state.missing)
    }

    /// Share of required fields answered with a readable value, rounded to 0.01.
    pub fn completeness(&self) -> f64 {
        self.state.completeness
    }

    /// In one pass over the fields: the set of required fields with no answer at all
    /// ([`F::bit`]), and the share of required fields answered with a readable value,
    /// rounded to 0.01.
    fn requirements(&self) -> (u64, f64) {
        let (mut missing, mut required, mut done) = (0u64, 0u32, 0u32);
        for spec in FIELDS {
            if self.required(spec.id) {
                required += 1;
                match self.value(spec.id) {
                    Val::Absent => missing |= spec.id.bit(),
                    Val::Invalid => {}
                    _ => done += 1,
                }
            }
        }
        let completeness = if required == 0 {
            1.0
        } else {
            (f64::from(done) * 100.0 / f64::from(required)).round() / 100.0
        };
        (missing, completeness)
    }
}

/// The paths of a set of fields, in form order.
fn paths(set: u64) -> Vec<&'static str> {
    FIELDS
        .iter()
        .filter(|s| set & s.id.bit() != 0)
        .map(|s| s.path)
        .collect()
}

/// Position of a path in form order: a field's index, a section's first field; shape
/// and request paths first.
fn order_of(path: &str) -> usize {
    let found = match path.split_once('.') {
        Some(_) => F::by_path(path),
        None => section_index(path).and_then(|i| section_fields(i).first().map(|s| s.id)),
    };
    found.map_or(0, |f| f as usize + 1)
}

fn shape_finding(path: &'static str, value: &Json) -> Finding {
    Finding::new(Code::InvalidStructure, path, RuleId::FseFormat)
        .param("expected", "object")
        .param("received", value.kind().as_str())
}

/// An unknown key, cut to a bounded length so a 1 MB key does not travel back.
fn clip(key: &str) -> Cow<'static, str> {
    Cow::Owned(key.chars().take(MAX_KEY_CHARS).collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::calendar::parse_iso_date;

    pub(crate) fn settings(phase: Phase) -> Settings {
        Settings {
            phase,
            reference: parse_iso_date("2026-11-23").ok(),
            locale: Locale::Fr,
            options: Options::default(),
        }
    }

    fn s(v: &str) -> Json {
        Json::String(v.into())
    }

    /// Records where most rules have something to say, for the rule tests.
    pub(crate) fn sample_values() -> Vec<Vec<Val>> {
        let records: [&[(F, Json)]; 3] = [
            &[
                (F::BirthDate, s("2003-05-10")),
                (F::EntryDate, s("2026-01-15")),
                (F::ExitDate, s("2026-01-15")),
                (F::Gender, s("woman")),
                (F::Nir, s("185057800608491")),
                (F::PostalCode, s("59280")),
                (F::CommuneInsee, s("62017")),
                (F::Employed, Json::Bool(true)),
                (F::Unemployed, Json::Bool(true)),
                (F::Inactive, Json::Bool(false)),
                (F::SelfEmployed, Json::Bool(true)),
                (F::LongTermUnemployed, Json::Bool(true)),
                (F::UnemploymentStartDate, s("2025-10-01")),
                (F::AgeBracketGiven, s("30_54")),
                (F::Diploma, s("bac")),
                (F::IscedBracketGiven, s("isced_5_8")),
                (F::SingleAdultWithChildren, s("yes")),
                (F::ChildrenUnder18, Json::Number(0.0)),
                (F::JoblessHousehold, s("yes")),
                (F::ThirdCountryNational, s("yes")),
                (F::ForeignBackground, s("no")),
                (F::Rqth, Json::Bool(true)),
                (F::RqthEndDate, s("2025-01-01")),
                (F::Disability, s("no")),
                (F::Rsa, Json::Bool(true)),
                (F::ExitInEmployment, Json::Bool(true)),
                (F::ExitJobSearching, Json::Bool(true)),
                (F::ExitInactive, Json::Bool(true)),
                (F::ExitSituationDate, s("2026-03-01")),
                (F::FollowUpDate, s("2026-05-01")),
                (F::ImprovedSituation, Json::Bool(true)),
                (F::FollowUpInEmployment, Json::Bool(false)),
            ],
            &[
                (F::BirthDate, s("2030-01-01")),
                (F::EntryDate, s("2026-01-15")),
                (F::ExitDate, s("2025-01-15")),
                (F::Employed, Json::Bool(false)),
                (F::SelfEmployed, Json::Bool(true)),
                (F::Unemployed, Json::Bool(false)),
                (F::Inactive, Json::Bool(false)),
                (F::LongTermUnemployed, Json::Bool(true)),
                (F::UnemploymentStartDate, s("2026-02-01")),
                (F::Rqth, Json::Bool(false)),
                (F::RqthEndDate, s("2027-01-01")),
                (F::ExitInEmployment, Json::Bool(false)),
                (F::ExitJobSearching, Json::Bool(false)),
                (F::ExitInEducation, Json::Bool(false)),
                (F::ExitQualification, Json::Bool(false)),
                (F::FollowUpDate, s("2027-01-01")),
                (F::ImprovedSituation, Json::Bool(false)),
                (F::ImprovementKind, s("promotion")),
            ],
            &[
                (F::BirthDate, s("1960-01-01")),
                (F::EntryDate, s("2024-01-15")),
                (F::ExitDate, s("2024-06-15")),
                (F::Unemployed, Json::Bool(true)),
                (F::LongTermUnemployed, Json::Bool(false)),
                (F::UnemploymentStartDate, s("2020-01-01")),
                (F::FollowUpDate, s("2025-11-01")),
                (F::Employed, Json::Bool(false)),
                (F::ImprovedSituation, Json::Bool(true)),
                (F::Rqth, Json::Bool(true)),
                (F::Disability, s("no")),
            ],
        ];
        records
            .iter()
            .map(|record| {
                let mut form = Form::new(settings(Phase::FollowUp), Vec::new());
                for (f, raw) in record.iter() {
                    form.read_field(*f, raw);
                }
                form.values.clone()
            })
            .collect()
    }

    #[test]
    fn sample_records_trigger_every_rule() {
        let mut fired = vec![false; RULES.len()];
        for values in sample_values() {
            let mut form = Form::new(settings(Phase::FollowUp), Vec::new());
            form.values = values;
            form.run_all_rules();
            for (i, findings) in form.rule_findings.iter().enumerate() {
                fired[i] |= !findings.is_empty();
            }
        }
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                fired[i],
                "rule #{i} ({}) never fires on the samples",
                rule.id
            );
        }
    }

    #[test]
    fn every_field_is_found_by_its_path_and_in_its_section() {
        for spec in FIELDS {
            assert_eq!(F::by_path(spec.path), Some(spec.id), "{}", spec.path);
            let section = section_index(spec.section).expect(spec.section);
            assert!(section_fields(section).iter().any(|s| s.id == spec.id));
            assert_eq!(order_of(spec.path), spec.id as usize + 1);
        }
        let counted: usize = (0..SECTIONS.len()).map(|i| section_fields(i).len()).sum();
        assert_eq!(counted, FIELDS.len());
        assert_eq!(F::by_path("identity"), None);
        assert_eq!(F::by_path("identity.nope"), None);
        assert_eq!(F::by_path("nope.last_name"), None);
        assert_eq!(order_of("identity"), 1);
        assert_eq!(order_of("reference_date"), 0);
    }

    #[test]
    fn fields_in_any_order_read_as_in_form_order() {
        let mut keys: Vec<(String, Json)> = section_fields(0)
            .iter()
            .map(|spec| (spec.name.into(), s("x")))
            .collect();
        keys.reverse();
        let data = Json::Object(vec![("identity".into(), Json::Object(keys))]);
        let mut form = Form::new(settings(Phase::Entry), Vec::new());
        form.load(&data);
        for spec in section_fields(0) {
            assert_ne!(*form.value(spec.id), Val::Absent, "{}", spec.path);
        }
    }

    #[test]
    fn set_returns_only_what_changed() {
        let mut form = Form::new(settings(Phase::Entry), Vec::new());
        let d = form.set("operation.entry_date", &s("2026-01-15"));
        assert!(d.added.is_empty() && d.removed.is_empty());
        assert_eq!(d.missing_removed, vec!["operation.entry_date"]);
        let d = form.set("identity.birth_date", &s("2026-02-30"));
        assert_eq!(d.added.len(), 1);
        assert_eq!(d.added[0].code, Code::NonexistentDate);
        assert!(!d.added[0].message.is_empty());
        let d = form.set("identity.birth_date", &s("2027-01-01"));
        let added: Vec<_> = d.added.iter().map(|f| f.code).collect();
        assert_eq!(added, vec![Code::BirthAfterEntry, Code::DateAfterReference]);
        assert_eq!(d.removed.len(), 1);
        let d = form.set("identity.birth_date", &Json::Null);
        assert_eq!(d.removed.len(), 2);
        assert_eq!(d.missing_added, vec!["identity.birth_date"]);
    }

    #[test]
    fn updates_gather_until_read_and_an_unknown_path_is_said_once() {
        let mut form = Form::new(settings(Phase::Entry), Vec::new());
        // A date typed digit by digit: the first keystroke adds a finding and answers
        // the field; the next ones change nothing.
        assert!(form.update("identity.birth_date", &s("1")));
        assert!(!form.update("identity.birth_date", &s("19")));
        assert!(!form.update("identity.birth_date", &s("198")));
        // Unknown paths, repeated: said, once, in the next diff.
        for _ in 0..3 {
            assert!(form.update("identity.nickname", &s("x")));
        }
        let d = form.changes();
        let added: Vec<_> = d.added.iter().map(|f| (f.code, f.path.as_ref())).collect();
        assert_eq!(
            added,
            vec![
                (Code::InvalidDateFormat, "identity.birth_date"),
                (Code::UnknownField, "identity.nickname")
            ]
        );
        assert_eq!(d.missing_removed, vec!["identity.birth_date"]);
        // A finding that came and went between two reads is in neither list.
        assert!(form.update("identity.birth_date", &s("1985-05-14")));
        assert!(form.update("identity.birth_date", &s("1985-05-1")));
        assert!(form.update("identity.birth_date", &s("1985-05-14")));
        let d = form.changes();
        let removed: Vec<_> = d.removed.iter().map(|f| f.code).collect();
        assert_eq!(removed, vec![Code::InvalidDateFormat]);
        assert!(d.added.is_empty() && d.missing_added.is_empty() && d.missing_removed.is_empty());
        let d = form.changes();
        assert!(d.added.is_empty() && d.removed.is_empty());
    }

    #[test]
    fn conditional_requirements_follow_their_condition() {
        let mut form = Form::new(settings(Phase::Entry), Vec::new());
        assert!(!form.missing().contains(&"situation.long_term_unemployed"));
        let d = form.set("situation.unemployed", &Json::Bool(true));
        assert_eq!(d.missing_added, vec!["situation.long_term_unemployed"]);
        let d = form.set("situation.long_term_unemployed", &Json::Bool(true));
        assert_eq!(d.missing_added, vec!["situation.unemployment_start_date"]);
        assert_eq!(d.missing_removed, vec!["situation.long_term_unemployed"]);
    }
}
