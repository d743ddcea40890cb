//! IAE-EXCLUSIVE — senior and young cannot both count; of very long-term and long-term
//! job seeker, the first counts (règles de la plateforme les emplois de l'inclusion).

use alloc::borrow::Cow;
use alloc::vec::Vec;

use chrono::NaiveDate;

use super::iae_proof::accepted;
use super::{Eval, Facts, Status};
use crate::finding::{Code, Finding, Param, RuleId};
use crate::programme::{Criterion, ExclusivePair, Programme};

/// The criteria that count, once exclusive pairs are resolved.
pub(super) fn counted(
    programme: &'static Programme,
    facts: &Facts,
    hiring: NaiveDate,
) -> Vec<&'static Criterion> {
    let (mut ok, _) = accepted(programme, facts, hiring);
    for rule in programme.rules {
        if let crate::programme::RuleKind::IaeExclusive(pairs) = rule.kind {
            for p in pairs {
                let both = [p.pair.0, p.pair.1]
                    .iter()
                    .all(|id| ok.iter().any(|c| c.id == *id));
                if both {
                    ok.retain(|c| (c.id != p.pair.0 && c.id != p.pair.1) || Some(c.id) == p.keep);
                }
            }
        }
    }
    ok
}

/// IAE-EXCLUSIVE — a person cannot be both senior and young, nor both very long-term
/// and long-term job seeker: when both are claimed, only `keep` counts.
pub(super) fn exclusive(
    programme: &'static Programme,
    pairs: &'static [ExclusivePair],
    facts: &Facts,
    hiring: NaiveDate,
    findings: &mut Vec<Finding>,
) -> Eval {
    let (ok, _) = accepted(programme, facts, hiring);
    let mut e = Eval::new(Status::Information, "iae_exclusive.none");
    e.facts = alloc::vec!["iae_criteria"];
    for p in pairs {
        if ok.iter().any(|c| c.id == p.pair.0) && ok.iter().any(|c| c.id == p.pair.1) {
            let mut pair = String::from(p.pair.0);
            pair.push_str(", ");
            pair.push_str(p.pair.1);
            findings.push(
                Finding::new(
                    Code::ContradictoryFacts,
                    "facts.iae_criteria",
                    RuleId::IaeExclusive,
                )
                .param("with", pair.clone()),
            );
            e.key = "iae_exclusive.conflict";
            e.params.0.push(("pair", Param::Text(Cow::Owned(pair))));
        }
    }
    e
}
