//! ENT-FACTS — facts that cannot all hold (an RQTH end date without RQTH, an asylum
//! seeker already protected, an RSA socle without RSA) are reported, and the engine goes on
//! with what it has (the project: a fact is never silently dropped).

use alloc::vec::Vec;

use super::{fact_path, Facts};
use crate::finding::{Code, Finding, RuleId};

/// ENT-FACTS — facts that cannot all be true: reported, and the engine goes on with
/// what it has.
pub(super) fn contradictions(facts: &Facts, findings: &mut Vec<Finding>) {
    let pairs: [(&str, &str, bool); 3] = [
        ("rqth_end_date", "rqth", false),
        ("asylum_request_date", "asylum_seeker", false),
        (
            "without_job_or_training_since",
            "without_job_or_training",
            false,
        ),
    ];
    for (date, flag, expected) in pairs {
        if facts.date(date).is_some() && facts.flag(flag) == Some(expected) {
            findings.push(
                Finding::new(Code::ContradictoryFacts, fact_path(date), RuleId::EntFacts)
                    .param("with", flag),
            );
        }
    }
    // The RSA socle is an RSA.
    if facts.flag("rsa_socle") == Some(true) && facts.flag("rsa") == Some(false) {
        findings.push(
            Finding::new(
                Code::ContradictoryFacts,
                fact_path("rsa_socle"),
                RuleId::EntFacts,
            )
            .param("with", "rsa"),
        );
    }
    if facts.flag("international_protection") == Some(true)
        && facts.flag("asylum_seeker") == Some(true)
    {
        findings.push(
            Finding::new(
                Code::ContradictoryFacts,
                fact_path("asylum_seeker"),
                RuleId::EntFacts,
            )
            .param("with", "international_protection"),
        );
    }
}
