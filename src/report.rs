//! The answer to every check, in one shape for the faces (the WebAssembly binding, the
//! command-line program): the result shape of [`crate::finding`] and, beside it, the
//! part of whichever capability answered. This module sits above the capabilities; none
//! of them imports it (docs/architecture.md, "Modules of the core").

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::convert::Infallible;

use serde::Serialize;

use crate::eligibility::Decision;
#[cfg(feature = "exits")]
use crate::exit::ExitDecision;
use crate::finding::{Checked, Finding};
#[cfg(feature = "exits")]
use crate::follow_up::FollowUp;
#[cfg(feature = "exits")]
use crate::portfolio::Portfolio;
use crate::questionnaire::{Derived, Form};

/// The answer to every check.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    /// No error finding and nothing missing.
    pub valid: bool,
    pub findings: Vec<Finding>,
    /// Paths of what is still needed: the fields required in this phase and not
    /// answered yet, in form order; for an eligibility decision, the facts that could
    /// still change it, those that could decide on their own first.
    pub missing: Vec<Cow<'static, str>>,
    /// Share of the required fields answered with a valid value, from 0 to 1.
    pub completeness: f64,
    /// Values the module derives (never typed twice): age bracket, ISCED bracket…
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub derived: Option<Derived>,
    /// An eligibility decision and its explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub decision: Option<Decision>,
    /// An exit's classification and its explanation (`check: "exit"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg(feature = "exits")]
    pub exit: Option<ExitDecision>,
    /// A participant's follow-up obligations (`check: "follow_up"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg(feature = "exits")]
    pub follow_up: Option<FollowUp>,
    /// A programme's exit rates and référents' portfolios (`check: "portfolio"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    #[cfg(feature = "exits")]
    pub portfolio: Option<Portfolio>,
}

impl Report {
    /// A report with nothing but the result shape; a check adds its own part.
    pub fn new(
        valid: bool,
        findings: Vec<Finding>,
        missing: Vec<Cow<'static, str>>,
        completeness: f64,
    ) -> Report {
        Report {
            valid,
            findings,
            missing,
            completeness,
            derived: None,
            decision: None,
            #[cfg(feature = "exits")]
            exit: None,
            #[cfg(feature = "exits")]
            follow_up: None,
            #[cfg(feature = "exits")]
            portfolio: None,
        }
    }
}

/// A capability's own part of an answer, and where it goes in the report.
pub trait Part {
    fn place(self, report: &mut Report);
}

impl Part for Derived {
    fn place(self, report: &mut Report) {
        report.derived = Some(self);
    }
}

impl Part for Decision {
    fn place(self, report: &mut Report) {
        report.decision = Some(self);
    }
}

#[cfg(feature = "exits")]
impl Part for ExitDecision {
    fn place(self, report: &mut Report) {
        report.exit = Some(self);
    }
}

#[cfg(feature = "exits")]
impl Part for FollowUp {
    fn place(self, report: &mut Report) {
        report.follow_up = Some(self);
    }
}

#[cfg(feature = "exits")]
impl Part for Portfolio {
    fn place(self, report: &mut Report) {
        report.portfolio = Some(self);
    }
}

/// A check with no part of its own (the entry file).
impl Part for Infallible {
    fn place(self, _: &mut Report) {
        match self {}
    }
}

impl<P: Part> From<Checked<P>> for Report {
    fn from(checked: Checked<P>) -> Report {
        let mut report = Report::new(
            checked.valid,
            checked.findings,
            checked.missing,
            checked.completeness,
        );
        if let Some(part) = checked.part {
            part.place(&mut report);
        }
        report
    }
}

impl Form {
    /// Every current finding, in form order, messages in the form's locale, with the
    /// derived values: [`Form::checked`] in the report's shape.
    pub fn report(&self) -> Report {
        self.checked().into()
    }
}
