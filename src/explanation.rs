//! What every capability's explanation shares: how a rule came out ([`Status`]) and
//! the programme as answers name it ([`ProgrammeRef`]). Below eligibility, exit,
//! follow-up and portfolio, which all explain their rules this way.

use alloc::string::String;

use serde::Serialize;

#[cfg(feature = "exits")]
use crate::calendar::iso_tuple;
#[cfg(feature = "exits")]
use crate::programme::Programme;

/// How one rule came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    Failed,
    /// A fact it needs is missing.
    Unknown,
    /// Passed only by derogation.
    Derogation,
    /// Explained, not decisive (priority publics).
    Information,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProgrammeRef {
    pub id: &'static str,
    pub name: &'static str,
    pub valid_from: String,
    pub valid_to: String,
    pub source: String,
    /// Where the territory comes from (data version and vintage), for communes.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub territory_source: Option<&'static str>,
}

/// A programme as answers name it (no territory source).
#[cfg(feature = "exits")]
pub fn programme_ref(p: &'static Programme) -> ProgrammeRef {
    ProgrammeRef {
        id: &p.id,
        name: &p.name,
        valid_from: iso_tuple(p.dates[0]),
        valid_to: iso_tuple(p.dates[1]),
        source: p.source.as_str().into(),
        territory_source: None,
    }
}
