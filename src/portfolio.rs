//! Portfolio figures: a programme's exit rates against its targets (EXIT-TARGETS), from
//! a list of exits each classified by the exit rules (EXIT-*), and référents' active
//! portfolios against the programme's capacity per full-time référent (ENT-CAPACITY).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::iso;
use crate::exit::{classify, find_programme, finish, required_date, Category, RULE_REQUEST};
use crate::explanation::{programme_ref, ProgrammeRef};
use crate::finding::{Checked, Code, Finding, Param, Params, RuleId};
use crate::input::Json;
use crate::locale::Locale;
use crate::programme;
use crate::read::{item, path, Reader};

/// Exits counted by class.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub positive: u32,
    pub administrative: u32,
    pub other: u32,
    /// Not classified for want of facts: outside every rate.
    pub incomplete: u32,
}

/// EXIT-TARGETS — a rate against its target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rate {
    /// `positive`, a positive kind (durable_employment…), or a contract type (cdd…).
    pub measure: &'static str,
    /// `exits`, `positive_exits`, or the positive kind whose exits a contract type's
    /// share counts (durable_employment).
    pub share_of: &'static str,
    pub count: u32,
    pub of: u32,
    /// From 0 to 1, three decimals; absent when there is nothing to divide by.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rate: Option<f64>,
    /// The target, from 0 to 1.
    pub target: f64,
    pub met: bool,
    pub message: String,
    pub source: &'static str,
}

/// A référent's active portfolio against the capacity target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferentLoad {
    /// The identifier the request gave.
    pub id: String,
    /// Full-time equivalent, above 0 and at most 1.
    pub fte: f64,
    /// Participants entered and not exited on the reference date.
    pub active: u32,
    /// Capacity per full time × fte, when the programme sets one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub target: Option<f64>,
    /// active ÷ target, two decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub load: Option<f64>,
    pub met: bool,
    pub message: String,
    /// ENT-CAPACITY's annual renewal, when the programme sets a target: the
    /// participants who exited in the 12 months up to the reference date (date to date)
    /// over the active portfolio on that date, two decimals; absent for an empty one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub renewal: Option<Renewal>,
}

/// A référent's annual renewal against the programme's target.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Renewal {
    pub exits_12_months: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub rate: Option<f64>,
    /// The target, from 0 to 1.
    pub target: f64,
    pub met: bool,
    pub source: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindCount {
    pub kind: &'static str,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Portfolio {
    pub programme: ProgrammeRef,
    pub reference_date: String,
    /// The period counted (exit dates), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub to: Option<String>,
    /// Exits given, and those outside the period.
    pub exits_given: u32,
    pub outside_period: u32,
    pub by_category: Counts,
    /// Positive exits by kind.
    pub by_kind: Vec<KindCount>,
    pub rates: Vec<Rate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub capacity_per_full_time: Option<u32>,
    pub referents: Vec<ReferentLoad>,
    pub summary: String,
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// Answers `{ check: "portfolio", programme, reference_date, from?, to?, locale,
/// exits: [{ exit_date, entry_date?, exit }], referents: [{ id, fte, participants:
/// [{ entry_date, exit_date? }] }] }`.
pub fn run(request: &Json, locale: Locale, mut findings: Vec<Finding>) -> Checked<Portfolio> {
    let reference = required_date(
        request,
        "reference_date",
        Code::ReferenceDateRequired,
        &mut findings,
    );
    let programme = find_programme(request, reference, "reference_date", &mut findings);
    let (from, to) = {
        let mut r = Reader {
            findings: &mut findings,
            rule: RULE_REQUEST,
        };
        (r.date(request, "", "from"), r.date(request, "", "to"))
    };
    let (Some(programme), Some(reference)) = (programme, reference) else {
        return finish(findings, locale, false, Vec::new(), 0.0);
    };
    let mut counts = Counts::default();
    let mut by_kind: Vec<KindCount> = Vec::new();
    // Positive exits by kind and contract type, for the shares by contract type.
    let mut by_contract: Vec<(&'static str, &'static str, u32)> = Vec::new();
    let mut missing: Vec<Cow<'static, str>> = Vec::new();
    let mut outside = 0u32;
    let exits = Reader {
        findings: &mut findings,
        rule: RULE_REQUEST,
    }
    .list(request.get("exits"), "exits");
    for (i, e) in exits.iter().enumerate() {
        let here = item("exits", i);
        let mut r = Reader {
            findings: &mut findings,
            rule: RULE_REQUEST,
        };
        let Some(obj) = r.entry(e, &here) else {
            continue;
        };
        let date = r.date(obj, &here, "exit_date");
        let entry = r.date(obj, &here, "entry_date");
        let Some(date) = date else {
            if matches!(obj.get("exit_date"), None | Some(Json::Null)) {
                missing.push(path(&here, "exit_date"));
            }
            counts.incomplete += 1;
            continue;
        };
        if date > reference {
            findings.push(Finding::new(
                Code::DateAfterReference,
                path(&here, "exit_date"),
                RULE_REQUEST,
            ));
            continue;
        }
        if from.is_some_and(|f| date < f) || to.is_some_and(|t| date > t) {
            outside += 1;
            continue;
        }
        let version = programme::find(programme.id, Some(date)).unwrap_or(programme);
        let Some(rules) = &version.exits else {
            findings.push(Finding::new(Code::NoExitRules, here, RULE_REQUEST));
            continue;
        };
        let at = path(&here, "exit");
        let mut needed = Vec::new();
        let d = classify(
            version,
            rules,
            obj.get("exit"),
            &at,
            date,
            entry,
            locale,
            &mut findings,
            &mut needed,
        );
        missing.extend(needed);
        match d.category {
            Category::Positive => {
                counts.positive += 1;
                if let Some(kind) = d.positive_kind {
                    match by_kind.iter_mut().find(|k| k.kind == kind) {
                        Some(k) => k.count += 1,
                        None => by_kind.push(KindCount { kind, count: 1 }),
                    }
                    if let Some(ct) = d.contract_type {
                        match by_contract
                            .iter_mut()
                            .find(|(k, c, _)| *k == kind && *c == ct)
                        {
                            Some(entry) => entry.2 += 1,
                            None => by_contract.push((kind, ct, 1)),
                        }
                    }
                }
            }
            Category::Administrative => counts.administrative += 1,
            Category::Other => counts.other += 1,
            Category::Incomplete => counts.incomplete += 1,
        }
    }
    let settled = counts.positive + counts.administrative + counts.other;
    let rates = programme
        .exits
        .as_ref()
        .map(|e| e.targets)
        .unwrap_or(&[])
        .iter()
        .map(|t| {
            let of_kind = |kind: &str| {
                by_kind
                    .iter()
                    .find(|k| k.kind == kind)
                    .map_or(0, |k| k.count)
            };
            let (count, of) = match t.share_of {
                "exits" | "positive_exits" => (
                    if t.measure == "positive" {
                        counts.positive
                    } else {
                        of_kind(t.measure)
                    },
                    if t.share_of == "exits" {
                        settled
                    } else {
                        counts.positive
                    },
                ),
                // A contract type's share of the positive exits of one kind.
                kind => (
                    by_contract
                        .iter()
                        .find(|(k, c, _)| *k == kind && *c == t.measure)
                        .map_or(0, |e| e.2),
                    of_kind(kind),
                ),
            };
            let rate = (of > 0).then(|| round(f64::from(count) / f64::from(of), 3));
            let target = f64::from(t.rate) / 100.0;
            let met = rate.is_some_and(|r| r >= target);
            let mut params = Params::default();
            params.0.push(("measure", Param::from(t.measure)));
            params.0.push(("count", Param::from(count)));
            params.0.push(("of", Param::from(of)));
            params.0.push((
                "rate",
                Param::from(rate.map_or(0, |r| (r * 100.0).round() as u32)),
            ));
            params.0.push(("target", Param::from(t.rate)));
            let key = match (rate, met) {
                (None, _) => "rate.none",
                (_, true) => "rate.met",
                (_, false) => "rate.missed",
            };
            Rate {
                measure: t.measure,
                share_of: t.share_of,
                count,
                of,
                rate,
                target,
                met,
                message: locale.explain(key, &locale.exit_params(&params)),
                source: t.source,
            }
        })
        .collect();
    let capacity = programme
        .capacity
        .as_ref()
        .map(|c| c.portfolio_per_full_time);
    let renewal = programme
        .capacity
        .as_ref()
        .and_then(|c| c.annual_renewal.as_ref());
    let referents = read_referents(
        request,
        reference,
        (capacity, renewal),
        locale,
        &mut findings,
    );
    let mut summary_params = Params::default();
    summary_params.0.push(("exits", Param::from(settled)));
    summary_params
        .0
        .push(("incomplete", Param::from(counts.incomplete)));
    let portfolio = Portfolio {
        programme: programme_ref(programme),
        reference_date: iso(reference),
        from: from.map(iso),
        to: to.map(iso),
        exits_given: exits.len() as u32,
        outside_period: outside,
        by_category: counts,
        by_kind,
        rates,
        capacity_per_full_time: capacity,
        referents,
        summary: locale.explain("portfolio.summary", &summary_params),
    };
    let mut report = finish(findings, locale, true, missing, 1.0);
    report.part = Some(portfolio);
    report
}

fn read_referents(
    request: &Json,
    reference: NaiveDate,
    (capacity, renewal): (Option<u32>, Option<&'static programme::Renewal>),
    locale: Locale,
    findings: &mut Vec<Finding>,
) -> Vec<ReferentLoad> {
    let mut r = Reader {
        findings,
        rule: RuleId::Request,
    };
    let mut out = Vec::new();
    for (i, raw) in r
        .list(request.get("referents"), "referents")
        .iter()
        .enumerate()
    {
        let here = item("referents", i);
        let Some(obj) = r.entry(raw, &here) else {
            continue;
        };
        let id: String = match obj.get("id") {
            Some(Json::String(s)) => s.chars().filter(|c| !c.is_control()).take(64).collect(),
            Some(Json::Number(n)) if n.fract() == 0.0 && n.abs() < 1e15 => {
                let mut s = String::new();
                crate::calendar::push_int(&mut s, *n as i64);
                s
            }
            _ => {
                let mut s = String::from("#");
                crate::calendar::push_int(
                    &mut s,
                    i64::try_from(i).map_or(i64::MAX, |n| n.saturating_add(1)),
                );
                s
            }
        };
        let before = r.findings.len();
        let fte = match r.hundredths(obj, &here, "fte", 1) {
            Some(0) => {
                r.findings.push(
                    Finding::new(Code::NumberOutOfRange, path(&here, "fte"), RuleId::Request)
                        .param("min", "0.01")
                        .param("max", 1i64),
                );
                continue;
            }
            Some(h) => h as f64 / 100.0,
            // Not given (absent, null, blank): full time.
            None if r.findings.len() == before => 1.0,
            None => continue,
        };
        let mut active = 0u32;
        let mut exited = 0u32;
        // The 12 months up to the reference date, date to date.
        let year_before = crate::calendar::sub_months(reference, 12);
        let list_at = path(&here, "participants");
        for (j, p) in r.list(obj.get("participants"), &list_at).iter().enumerate() {
            let at = item(&list_at, j);
            let Some(p) = r.entry(p, &at) else {
                continue;
            };
            let entry = r.date(p, &at, "entry_date");
            let exit = r.date(p, &at, "exit_date");
            if let (Some(e), Some(x)) = (entry, exit) {
                if x < e {
                    r.findings.push(Finding::new(
                        Code::ExitBeforeEntry,
                        path(&at, "exit_date"),
                        RuleId::Request,
                    ));
                    continue;
                }
            }
            if entry.is_some_and(|e| e <= reference) && exit.is_none_or(|x| x > reference) {
                active += 1;
            }
            if exit.is_some_and(|x| x <= reference && year_before.is_some_and(|y| x > y)) {
                exited += 1;
            }
        }
        let target = capacity.map(|c| round(f64::from(c) * fte, 1));
        let load = target
            .filter(|t| *t > 0.0)
            .map(|t| round(f64::from(active) / t, 2));
        let met = load.is_some_and(|l| l >= 1.0);
        let mut params = Params::default();
        params.0.push(("active", Param::from(active)));
        params.0.push((
            "target",
            Param::from(target.map_or(0, |t| t.round() as u32)),
        ));
        let key = match (target, met) {
            (None, _) => "referent.no_target",
            (_, true) => "referent.met",
            (_, false) => "referent.below",
        };
        let renewal = renewal.map(|r| {
            let rate = (active > 0).then(|| round(f64::from(exited) / f64::from(active), 2));
            let target = f64::from(r.rate) / 100.0;
            Renewal {
                exits_12_months: exited,
                rate,
                target,
                met: rate.is_some_and(|v| v >= target),
                source: r.source,
            }
        });
        out.push(ReferentLoad {
            id,
            fte,
            active,
            target,
            load,
            met,
            message: locale.explain(key, &params),
            renewal,
        });
    }
    out
}
