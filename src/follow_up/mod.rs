//! Follow-up obligations (FU-*): from a participant's timeline and a reference date,
//! each obligation of the programme with its due date and whether it was met, met
//! late, is still due, or is late. Decisions are in docs/exits.md.
//!
//! Dates are days; "within a month" and "2 months" are calendar months from a date
//! (31 January + 1 month = 28 or 29 February). Weeks are ISO weeks, Monday to Sunday.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::calendar::{days_between, iso};
use crate::exit::{find_programme, finish, required_date, RULE_REQUEST};
use crate::explanation::{programme_ref, ProgrammeRef};
use crate::finding::{Checked, Code, Finding, Param, Params, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme::file::{CERTIFICATIONS, STEP_KINDS};
use crate::programme::{FollowUpKind, FollowUpRule, Programme};
use crate::read::{item, path, Reader};

// One module per rule, named by its identifier (docs/rules.md).
mod fu_absence;
mod fu_cre;
mod fu_gap;
mod fu_in_job;
mod fu_monthly;
mod fu_steps;

/// Kinds of timeline events.
pub const EVENT_TYPES: &[&str] = &[
    "interview",
    "contact",
    "absence",
    "reminder",
    "step",
    "employment_start",
    "cre_feedback",
    "employer_call",
    "employer_visit",
    "exit",
];

/// What follow-up obligations owe.
pub const OBLIGATIONS: &[&str] = &[
    "monthly_interview",
    "contact",
    "steps",
    "absence_letter",
    "absence_call",
    "in_job_follow_up",
    "in_training_follow_up",
    "cre_feedback",
    "cre_call",
    "cre_visit",
];

const INTERVIEW_MODES: &[&str] = &["physical", "tripartite", "phone", "video"];
const CHANNELS: &[&str] = &["letter", "phone"];

/// Where an obligation stands on the reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    /// Met in time.
    Done,
    /// Met, after its due date.
    DoneLate,
    /// Not met yet, due date not passed (or no date yet).
    Due,
    /// Not met and its due date has passed.
    Late,
}

/// One obligation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Obligation {
    /// FU-MONTHLY, FU-GAP…
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub rule: RuleId,
    /// What is owed: monthly_interview, contact, steps, absence_letter, absence_call,
    /// in_job_follow_up, in_training_follow_up, cre_feedback, cre_call, cre_visit.
    pub obligation: &'static str,
    pub status: ObligationStatus,
    /// The first day it may be met, when that matters (the week after an absence).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from: Option<String>,
    /// The last day it may be met in time.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub due: Option<String>,
    /// When it was met.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub done_on: Option<String>,
    /// The timeline event it is about (an absence, a hiring), by its index.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub event: Option<u32>,
    /// In the requested language, without personal values.
    pub message: String,
    pub source: &'static str,
    #[cfg_attr(feature = "ts", ts(type = "Record<string, string | number>"))]
    pub params: Params,
}

/// A timeline event as read, for drawing the timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineEntry {
    /// Its index in the request's `events`.
    pub index: u32,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub end: Option<String>,
    /// Step kind, interview mode or reminder channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub detail: Option<&'static str>,
    /// Whether the event counts (not before the entry, after the exit or after the
    /// reference date).
    pub counted: bool,
}

/// The follow-up of one participant.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUp {
    pub programme: ProgrammeRef,
    pub reference_date: String,
    pub entry_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub exit_date: Option<String>,
    /// Obligations not met in time and past due.
    pub late: u32,
    /// Obligations met after their due date.
    pub done_late: u32,
    /// Obligations still to meet.
    pub due: u32,
    pub summary: String,
    /// Every obligation, by due date; a periodic one (FU-MONTHLY, FU-GAP) is listed
    /// when it was missed and for its current period.
    pub obligations: Vec<Obligation>,
    /// The events in date order.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Clone, Copy)]
struct Event {
    index: usize,
    kind: &'static str,
    date: NaiveDate,
    end: Option<NaiveDate>,
    detail: Option<&'static str>,
    /// A step's certification (CERTIFICATIONS), for FU-IN-JOB's training triggers.
    certification: Option<&'static str>,
    justified: Option<bool>,
    placed_by_cre: bool,
    theoretical_start: Option<NaiveDate>,
    trial_period_end: Option<NaiveDate>,
    /// A detail a rule reads and the event lacks, asked if the event is counted.
    lacks: Option<&'static str>,
}

/// Answers `{ check: "follow_up", programme, reference_date, entry_date, locale,
/// events }`.
pub fn run(request: &Json, locale: Locale, mut findings: Vec<Finding>) -> Checked<FollowUp> {
    let reference = required_date(
        request,
        "reference_date",
        Code::ReferenceDateRequired,
        &mut findings,
    );
    let entry = required_date(
        request,
        "entry_date",
        Code::EntryDateRequired,
        &mut findings,
    );
    let programme = find_programme(request, reference, "reference_date", &mut findings);
    let (Some(programme), Some(reference), Some(entry)) = (programme, reference, entry) else {
        return finish(findings, locale, false, Vec::new(), 0.0);
    };
    let Some(rules) = &programme.follow_up else {
        findings.push(Finding::new(
            Code::NoFollowUpRules,
            "programme",
            RULE_REQUEST,
        ));
        return finish(findings, locale, false, Vec::new(), 0.0);
    };
    if entry > reference {
        findings.push(Finding::new(
            Code::DateAfterReference,
            "entry_date",
            RULE_REQUEST,
        ));
        return finish(findings, locale, false, Vec::new(), 0.0);
    }
    let mut missing = Vec::new();
    let asks = Asks::of(&rules.rules);
    let (events, timeline, exit) =
        read_events(request, entry, reference, asks, &mut findings, &mut missing);
    let t = Timeline {
        programme,
        events,
        entry,
        until: exit.map_or(reference, |e| e.min(reference)),
        exited: exit.is_some(),
    };
    let mut obligations = Vec::new();
    for rule in &rules.rules {
        t.evaluate(rule, &mut obligations, &mut missing);
    }
    crate::sort::sort_by_key(&mut obligations, |o: &Pending| {
        (o.due.is_none(), o.due, o.event)
    });
    let mut rendered = Vec::new();
    let (mut late, mut done_late, mut due) = (0, 0, 0);
    for o in obligations {
        let at: Cow<'static, str> = match o.event {
            Some(i) => Cow::Owned(item("events", i)),
            None => Cow::Borrowed("events"),
        };
        let mut params = o.params;
        params
            .0
            .insert(0, ("obligation", Param::from(o.obligation)));
        if let Some(d) = o.due {
            params.0.push(("due", Param::from(iso(d))));
        }
        match o.status {
            ObligationStatus::Late => {
                late += 1;
                let mut f = Finding::new(Code::ObligationOverdue, at, o.rule.id);
                f.params = params.clone();
                findings.push(f);
            }
            ObligationStatus::DoneLate => {
                done_late += 1;
                let mut f = Finding::new(Code::ObligationDoneLate, at, o.rule.id);
                f.params = params.clone();
                findings.push(f);
            }
            ObligationStatus::Due => due += 1,
            ObligationStatus::Done => {}
        }
        if let Some(f) = o.from {
            params.0.push(("from", Param::from(iso(f))));
        }
        let key = match (o.obligation, o.status) {
            ("steps", ObligationStatus::Done) => "steps.done",
            ("steps", ObligationStatus::Due) => "steps.due",
            ("steps", _) => "steps.late",
            ("in_job_follow_up", ObligationStatus::Late) if params.get("exit").is_some() => {
                "in_job_follow_up.exited"
            }
            ("in_job_follow_up", ObligationStatus::Late) => "in_job_follow_up.late",
            ("in_training_follow_up", ObligationStatus::Late) if params.get("exit").is_some() => {
                "in_training_follow_up.exited"
            }
            ("in_training_follow_up", ObligationStatus::Late) => "in_training_follow_up.late",
            ("in_training_follow_up", ObligationStatus::Due) if o.due.is_none() => {
                "in_training_follow_up.until_end"
            }
            (_, ObligationStatus::Late | ObligationStatus::Due)
                if params.get("too_early").is_some() =>
            {
                "obligation.too_early"
            }
            (_, ObligationStatus::Done) => "obligation.done",
            (_, ObligationStatus::DoneLate) => "obligation.done_late",
            (_, ObligationStatus::Due) => "obligation.due",
            (_, ObligationStatus::Late) => "obligation.late",
        };
        rendered.push(Obligation {
            rule: o.rule.id,
            obligation: o.obligation,
            status: o.status,
            from: o.from.map(iso),
            due: o.due.map(iso),
            done_on: o.done_on.map(iso),
            event: o.event.map(|i| i as u32),
            message: locale.explain(key, &locale.exit_params(&params)),
            source: &o.rule.source,
            params,
        });
    }
    let mut summary_params = Params::default();
    summary_params.0.push(("late", Param::Int(late)));
    summary_params.0.push(("done_late", Param::Int(done_late)));
    summary_params.0.push(("due", Param::Int(due)));
    let follow_up = FollowUp {
        programme: programme_ref(programme),
        reference_date: iso(reference),
        entry_date: iso(entry),
        exit_date: exit.map(iso),
        late: late as u32,
        done_late: done_late as u32,
        due: due as u32,
        summary: locale.explain(
            if late > 0 {
                "follow_up.late"
            } else {
                "follow_up.on_time"
            },
            &summary_params,
        ),
        obligations: rendered,
        timeline,
    };
    let mut report = finish(findings, locale, true, missing, 1.0);
    report.part = Some(follow_up);
    report
}

/// Which details of the events a programme's rules read, so that only those are asked
/// for when absent (a question whose answer changes nothing is not asked).
#[derive(Clone, Copy)]
struct Asks {
    /// Whether an absence was justified, a reminder's channel: FU-ABSENCE.
    absence: bool,
    /// A step's kind: FU-MONTHLY's exempt kinds, FU-IN-JOB's training triggers.
    step_kind: bool,
}

impl Asks {
    fn of(rules: &[FollowUpRule]) -> Asks {
        let mut asks = Asks {
            absence: false,
            step_kind: false,
        };
        for rule in rules {
            match &rule.kind {
                FollowUpKind::AbsenceReminders => asks.absence = true,
                FollowUpKind::MonthlyInterview { exempt } if !exempt.is_empty() => {
                    asks.step_kind = true
                }
                FollowUpKind::InJob { triggers, .. }
                    if triggers.iter().any(|t| t.contains("training")) =>
                {
                    asks.step_kind = true
                }
                _ => {}
            }
        }
        asks
    }
}

fn read_events(
    request: &Json,
    entry: NaiveDate,
    reference: NaiveDate,
    asks: Asks,
    findings: &mut Vec<Finding>,
    missing: &mut Vec<Cow<'static, str>>,
) -> (Vec<Event>, Vec<TimelineEntry>, Option<NaiveDate>) {
    let mut r = Reader {
        findings,
        rule: RULE_REQUEST,
    };
    let list = r.list(request.get("events"), "events");
    let mut events: Vec<Event> = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    let mut out_of_order = false;
    for (i, raw) in list.iter().enumerate() {
        let here = item("events", i);
        let Some(obj) = r.entry(raw, &here) else {
            continue;
        };
        let Some(kind) = r.choice(obj, &here, "type", EVENT_TYPES) else {
            if obj.get("type").is_none() {
                missing.push(path(&here, "type"));
            }
            continue;
        };
        let (first, end) = if kind == "step" {
            (r.date(obj, &here, "start"), r.date(obj, &here, "end"))
        } else {
            (r.date(obj, &here, "date"), None)
        };
        let Some(date) = first else {
            let name = if kind == "step" { "start" } else { "date" };
            if matches!(obj.get(name), None | Some(Json::Null)) {
                missing.push(path(&here, name));
            }
            continue;
        };
        if end.is_some_and(|e| e < date) {
            r.findings.push(Finding::new(
                Code::EndBeforeStart,
                path(&here, "end"),
                RULE_REQUEST,
            ));
            continue;
        }
        // What the event lacks, asked only if it is counted (not before the entry, after
        // the reference date or after the exit).
        let mut lacks: Option<&'static str> = None;
        let detail = match kind {
            "step" => {
                let k = r.choice(obj, &here, "kind", STEP_KINDS);
                if k.is_none() && obj.get("kind").is_none() && asks.step_kind {
                    lacks = Some("kind");
                }
                k
            }
            "interview" => Some(
                r.choice(obj, &here, "mode", INTERVIEW_MODES)
                    .unwrap_or("physical"),
            ),
            "reminder" => {
                let c = r.choice(obj, &here, "channel", CHANNELS);
                if c.is_none() && obj.get("channel").is_none() && asks.absence {
                    lacks = Some("channel");
                }
                c
            }
            _ => None,
        };
        let certification = if kind == "step" {
            r.choice(obj, &here, "certification", CERTIFICATIONS)
        } else {
            None
        };
        let justified = if kind == "absence" {
            let j = r.flag(obj, &here, "justified");
            if j.is_none() && asks.absence {
                lacks = Some("justified");
            }
            j
        } else {
            None
        };
        let (placed_by_cre, theoretical_start, trial_period_end) = if kind == "employment_start" {
            (
                r.flag(obj, &here, "placed_by_cre").unwrap_or(false),
                r.date(obj, &here, "theoretical_start"),
                r.date(obj, &here, "trial_period_end"),
            )
        } else {
            (false, None, None)
        };
        if previous.is_some_and(|p| date < p) {
            out_of_order = true;
        }
        previous = Some(date);
        events.push(Event {
            index: i,
            kind,
            date,
            end,
            detail,
            certification,
            justified,
            placed_by_cre,
            theoretical_start,
            trial_period_end,
            lacks,
        });
    }
    if out_of_order {
        r.findings.push(Finding::new(
            Code::TimelineNotInOrder,
            "events",
            RULE_REQUEST,
        ));
    }
    crate::sort::sort_by_key(&mut events, |e| (e.date, e.index));
    let mut exit: Option<NaiveDate> = None;
    for e in events.iter().filter(|e| e.kind == "exit") {
        match exit {
            None if e.date <= reference && e.date >= entry => exit = Some(e.date),
            Some(_) => r.findings.push(Finding::new(
                Code::DuplicateExit,
                item("events", e.index),
                RULE_REQUEST,
            )),
            None => {}
        }
    }
    let mut timeline = Vec::new();
    let mut kept = Vec::new();
    for e in events {
        let at = item("events", e.index);
        let code = if e.date < entry {
            Some(Code::EventBeforeEntry)
        } else if e.date > reference {
            Some(Code::EventAfterReference)
        } else if exit.is_some_and(|x| e.date > x) {
            Some(Code::EventAfterExit)
        } else {
            None
        };
        if let Some(code) = code {
            r.findings.push(Finding::new(code, at, RULE_REQUEST));
        }
        timeline.push(TimelineEntry {
            index: e.index as u32,
            kind: e.kind,
            date: iso(e.date),
            end: e.end.map(iso),
            detail: e.detail,
            counted: code.is_none(),
        });
        if code.is_none() {
            if let Some(name) = e.lacks {
                missing.push(path(&item("events", e.index), name));
            }
            kept.push(e);
        }
    }
    (kept, timeline, exit)
}

/// An obligation of `rule`, before it is rendered.
fn pending(
    rule: &'static FollowUpRule,
    obligation: &'static str,
    status: ObligationStatus,
    due: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    event: Option<usize>,
) -> Pending {
    Pending {
        rule,
        obligation,
        status,
        from: None,
        due,
        done_on,
        event,
        params: Params::default(),
    }
}

struct Pending {
    rule: &'static FollowUpRule,
    obligation: &'static str,
    status: ObligationStatus,
    from: Option<NaiveDate>,
    due: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    event: Option<usize>,
    params: Params,
}

struct Timeline {
    programme: &'static Programme,
    events: Vec<Event>,
    entry: NaiveDate,
    /// The last day obligations run: the reference date, or the exit if earlier.
    until: NaiveDate,
    exited: bool,
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

impl Timeline {
    fn dates(&self, pred: impl Fn(&Event) -> bool) -> Vec<NaiveDate> {
        self.events
            .iter()
            .filter(|e| pred(e))
            .map(|e| e.date)
            .collect()
    }

    fn is_contact(e: &Event) -> bool {
        matches!(e.kind, "interview" | "contact")
    }

    /// Where a due date stands when nothing met it: late once passed.
    fn open(&self, due: NaiveDate) -> ObligationStatus {
        if due < self.until {
            ObligationStatus::Late
        } else {
            ObligationStatus::Due
        }
    }

    fn month_end_next_day(&self) -> bool {
        self.programme
            .exits
            .as_ref()
            .is_some_and(|e| e.month_end_next_day())
    }

    /// Exempt periods (steps of the exempt kinds; employment from a hiring on),
    /// merged and in order.
    fn exempt(&self, kinds: &[String]) -> Vec<(NaiveDate, NaiveDate)> {
        let mut periods: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        let exempt = |k: &str| kinds.iter().any(|x| x == k);
        for e in &self.events {
            match (e.kind, e.detail) {
                ("step", Some(k)) if exempt(k) => {
                    periods.push((e.date, e.end.unwrap_or(NaiveDate::MAX)))
                }
                ("employment_start", _) if exempt("employment") => {
                    periods.push((e.date, NaiveDate::MAX))
                }
                _ => {}
            }
        }
        crate::sort::sort_by_key(&mut periods, |p| *p);
        let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        for (s, e) in periods {
            match merged.last_mut() {
                Some(last) if s <= plus_days(last.1, 1) => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// Days of (after, to] inside the exempt periods.
    fn exempt_days(periods: &[(NaiveDate, NaiveDate)], after: NaiveDate, to: NaiveDate) -> u64 {
        let lo = plus_days(after, 1);
        periods
            .iter()
            .map(|&(s, e)| {
                let (a, b) = (s.max(lo), e.min(to));
                if b >= a {
                    days_between(a, b) as u64 + 1
                } else {
                    0
                }
            })
            .sum()
    }

    fn evaluate(
        &self,
        rule: &'static FollowUpRule,
        out: &mut Vec<Pending>,
        missing: &mut Vec<Cow<'static, str>>,
    ) {
        match &rule.kind {
            FollowUpKind::MonthlyInterview { exempt } => self.fu_monthly(rule, exempt, out),
            FollowUpKind::ContactGap { months } => self.fu_gap(rule, *months, out),
            FollowUpKind::Steps { min } => self.fu_steps(rule, *min, out),
            FollowUpKind::AbsenceReminders => self.fu_absence(rule, out),
            FollowUpKind::InJob {
                months,
                extra_days,
                triggers,
                training_until,
            } => self.fu_in_job(
                rule,
                fu_in_job::Terms {
                    months: *months,
                    extra_days: *extra_days,
                    triggers,
                    until_training_end: training_until.as_deref() == Some("training_end"),
                },
                out,
                missing,
            ),
            FollowUpKind::CrePlacement {
                feedback_days,
                call_days,
            } => self.fu_cre(rule, *feedback_days, *call_days, out, missing),
        }
    }

    /// An obligation met by one of `dates` between `from` and `due`; one after `due`
    /// meets it late; one before `from` does not meet it.
    fn window(
        &self,
        rule: &'static FollowUpRule,
        obligation: &'static str,
        dates: &[NaiveDate],
        from: NaiveDate,
        due: NaiveDate,
        event: usize,
    ) -> Pending {
        let inside = dates.iter().find(|d| **d >= from && **d <= due);
        let after = dates.iter().find(|d| **d > due);
        let early = dates.iter().find(|d| **d < from);
        let (status, done_on) = match (inside, after) {
            (Some(d), _) => (ObligationStatus::Done, Some(*d)),
            (None, Some(d)) => (ObligationStatus::DoneLate, Some(*d)),
            (None, None) => (self.open(due), None),
        };
        let mut params = Params::default();
        if let (None, Some(e)) = (inside, early) {
            params.0.push(("too_early", Param::from(iso(*e))));
        }
        Pending {
            rule,
            obligation,
            status,
            from: Some(from),
            due: Some(due),
            done_on,
            event: Some(event),
            params,
        }
    }

    /// A periodic obligation: from the entry, then from each event meeting it, the
    /// next is due by `due_after(anchor)`. Listed: each one met late, and the current.
    fn periodic(
        &self,
        rule: &'static FollowUpRule,
        obligation: &'static str,
        dates: &[NaiveDate],
        due_after: impl Fn(NaiveDate) -> Option<NaiveDate>,
        out: &mut Vec<Pending>,
    ) {
        let mut anchor = self.entry;
        for &d in dates {
            let Some(due) = due_after(anchor) else {
                anchor = d;
                continue;
            };
            if d > due {
                let mut p = self.window(rule, obligation, &[d], anchor, due, 0);
                p.event = None;
                p.from = None;
                out.push(p);
            }
            anchor = d;
        }
        let Some(due) = due_after(anchor) else {
            return;
        };
        if self.exited && due >= self.until {
            return;
        }
        out.push(Pending {
            rule,
            obligation,
            status: self.open(due),
            from: None,
            due: Some(due),
            done_on: None,
            event: None,
            params: Params::default(),
        });
    }
}
