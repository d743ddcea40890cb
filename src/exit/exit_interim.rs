//! EXIT-INTERIM — temporary-work missions totalling at least N hours over M months,
//! date to date, whatever the missions' order or overlap (cahier des charges PLIE Flandre
//! Lys 2017, §1.2.3).
//!
//! A window of 12 months date to date starting on day S runs from S to the day before
//! S + 12 months. The best window is searched among those starting on a mission's
//! first day (and, when straddling missions are prorated, those ending on a mission's
//! last day): no other window counts more hours. A window counts only the part of the
//! parcours it covers (from the entry date, when given, to the exit date). A mission
//! across a window's edge counts nothing (`exclude`, the default: no hour is counted
//! that the statements do not place inside the window) or in proportion of its days
//! (`prorate`). Hours are counted in hundredths, so 1,214.99 is not 1,215.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use serde::Serialize;

use super::{months_after, Eval, Proposal};
use crate::calendar::{days_between, iso, sub_months};
use crate::explanation::Status;
use crate::finding::{Code, Finding, RuleId};
use crate::input::Json;
use crate::programme::Route;
use crate::read::{item, path, Reader};

/// Most hours one mission may declare.
const MAX_MISSION_HOURS: u32 = 100_000;
/// Overlap findings listed one by one.
const MAX_OVERLAP_FINDINGS: usize = 20;

/// The best window, for the explanation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterimSummary {
    /// Hours in the best window (two decimals at most).
    pub hours: f64,
    /// Hours the programme requires.
    pub required: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub window_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub window_to: Option<String>,
    /// Missions counted in it (prorated ones included).
    pub missions_counted: u32,
    /// Missions given, and those not counted because they are incomplete or wrong.
    pub missions_given: u32,
    pub missions_unreadable: u32,
}

pub(crate) struct Best {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hundredths: i64,
    pub count: u32,
}

/// The missions of a proposal, as read.
#[derive(Default)]
pub(crate) struct Missions {
    /// (first day, last day, hours in hundredths) of each readable mission.
    valid: Vec<(NaiveDate, NaiveDate, i64)>,
    pub read: usize,
    pub unreadable: usize,
    bounds: Option<(Option<NaiveDate>, NaiveDate)>,
    pub best: Option<Best>,
}

impl Missions {
    pub(crate) fn read(
        list: &[Json],
        at: &str,
        exit: NaiveDate,
        entry: Option<NaiveDate>,
        r: &mut Reader,
    ) -> Missions {
        let mut m = Missions {
            read: list.len(),
            bounds: Some((entry, exit)),
            ..Missions::default()
        };
        let mut indexed: Vec<(NaiveDate, NaiveDate, usize)> = Vec::new();
        for (i, mission) in list.iter().enumerate() {
            let here = item(at, i);
            let Some(obj) = r.entry(mission, &here) else {
                m.unreadable += 1;
                continue;
            };
            let start = r.date(obj, &here, "start");
            let end = r.date(obj, &here, "end");
            let hours = r.hundredths(obj, &here, "hours", MAX_MISSION_HOURS);
            let (Some(start), Some(end), Some(hours)) = (start, end, hours) else {
                m.unreadable += 1;
                continue;
            };
            if end < start {
                r.findings.push(Finding::new(
                    Code::EndBeforeStart,
                    path(&here, "end"),
                    RuleId::ExitInterim,
                ));
                m.unreadable += 1;
                continue;
            }
            let days = days_between(start, end) + 1;
            if hours > days * 2400 {
                r.findings.push(
                    Finding::new(
                        Code::HoursExceedDays,
                        path(&here, "hours"),
                        RuleId::ExitInterim,
                    )
                    .param("max", days * 24),
                );
                m.unreadable += 1;
                continue;
            }
            if end > exit || entry.is_some_and(|e| start < e) {
                r.findings.push(Finding::new(
                    Code::MissionOutsideParcours,
                    here.clone(),
                    RuleId::ExitInterim,
                ));
            }
            m.valid.push((start, end, hours));
            indexed.push((start, end, i));
        }
        // Overlaps, found by a sweep in date order.
        crate::sort::sort_by_key(&mut indexed, |m| *m);
        let mut reach: Option<NaiveDate> = None;
        let mut reported = 0;
        for (start, end, i) in indexed {
            if reach.is_some_and(|r| start <= r) && reported < MAX_OVERLAP_FINDINGS {
                reported += 1;
                r.findings.push(Finding::new(
                    Code::MissionsOverlap,
                    item(at, i),
                    RuleId::ExitInterim,
                ));
            }
            reach = Some(reach.map_or(end, |r| r.max(end)));
        }
        m
    }

    /// Finds the best window of `months` months.
    pub(crate) fn compute(&mut self, months: u32, prorate: bool, next_day: bool) {
        let Some((entry, exit)) = self.bounds else {
            return;
        };
        let mut starts: Vec<NaiveDate> = self.valid.iter().map(|m| m.0).collect();
        if prorate {
            for m in &self.valid {
                if let Some(s) = m.1.succ_opt().and_then(|d| sub_months(d, months)) {
                    starts.push(s);
                }
            }
        }
        crate::sort::sort_by_key(&mut starts, |d| *d);
        starts.dedup();
        let mut best: Option<Best> = None;
        for s in starts {
            let Some(to) = months_after(s, months, next_day).and_then(|d| d.pred_opt()) else {
                continue;
            };
            let lo = entry.map_or(s, |e| s.max(e));
            let hi = to.min(exit);
            if hi < lo {
                continue;
            }
            let mut total = 0i64;
            let mut count = 0u32;
            for &(ms, me, h) in &self.valid {
                if ms >= lo && me <= hi {
                    total += h;
                    count += 1;
                } else if prorate {
                    let overlap = days_between(ms.max(lo), me.min(hi)) + 1;
                    if overlap > 0 {
                        let days = days_between(ms, me) + 1;
                        total += h * overlap / days.max(1);
                        count += 1;
                    }
                }
            }
            if best.as_ref().is_none_or(|b| total > b.hundredths) {
                best = Some(Best {
                    from: s,
                    to,
                    hundredths: total,
                    count,
                });
            }
        }
        self.best = best;
    }

    pub(crate) fn summary(&self, required: u32) -> Option<InterimSummary> {
        if self.read == 0 || required == 0 {
            return None;
        }
        let best = self.best.as_ref();
        Some(InterimSummary {
            hours: best.map_or(0, |b| b.hundredths) as f64 / 100.0,
            required,
            window_from: best.map(|b| iso(b.from)),
            window_to: best.map(|b| iso(b.to)),
            missions_counted: best.map_or(0, |b| b.count),
            missions_given: self.read as u32,
            missions_unreadable: self.unreadable as u32,
        })
    }
}

/// Hundredths of hours as text: `1214.5`, `1215`.
pub(crate) fn hours_text(hundredths: i64) -> String {
    use crate::calendar::push_int;
    let mut s = String::new();
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    push_int(&mut s, whole);
    if frac != 0 {
        s.push('.');
        if frac % 10 == 0 {
            push_int(&mut s, frac / 10);
        } else {
            // Two digits, as `{frac:02}` writes them.
            if (0..10).contains(&frac) {
                s.push('0');
            }
            push_int(&mut s, frac);
        }
    }
    s
}

/// EXIT-INTERIM — the route: the best window's hours against the programme's minimum.
pub(super) fn interim(route: &Route, p: &Proposal, min_hours: &u32, window_months: &u32) -> Eval {
    let best = &p.missions.best;
    let hours = hours_text(best.as_ref().map_or(0, |b| b.hundredths));
    let enough = best
        .as_ref()
        .is_some_and(|b| b.hundredths >= i64::from(*min_hours) * 100);
    if enough {
        let b = best.as_ref();
        return Eval::new(route, Status::Passed, "interim.passed")
            .param("months", *window_months)
            .param("hours", hours)
            .param("min_hours", *min_hours)
            .param("from", b.map(|b| iso(b.from)).unwrap_or_default())
            .param("to", b.map(|b| iso(b.to)).unwrap_or_default());
    }
    if p.missions.read == 0 {
        return Eval::unknown(route, "interim.none", &["missions"]);
    }
    if p.missions.unreadable > 0 {
        return Eval::unknown(route, "interim.unreadable", &["missions"])
            .param("hours", hours)
            .param("min_hours", *min_hours)
            .param("count", p.missions.unreadable);
    }
    Eval::new(route, Status::Failed, "interim.too_few")
        .param("months", *window_months)
        .param("hours", hours)
        .param("min_hours", *min_hours)
}

#[cfg(test)]
mod hours_text_tests {
    /// `hours_text` writes what the `format!` it replaced wrote, negative values too.
    #[test]
    fn hours_are_written_as_before() {
        fn before(hundredths: i64) -> alloc::string::String {
            let (whole, frac) = (hundredths / 100, hundredths % 100);
            let mut s = alloc::format!("{whole}");
            if frac != 0 {
                if frac % 10 == 0 {
                    s.push_str(&alloc::format!(".{}", frac / 10));
                } else {
                    s.push_str(&alloc::format!(".{frac:02}"));
                }
            }
            s
        }
        for h in (-25_000..25_000).chain([i64::MAX, i64::MIN, 121_450, 121_405]) {
            assert_eq!(super::hours_text(h), before(h), "{h}");
        }
    }
}
