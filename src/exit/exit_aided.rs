//! EXIT-AIDED — an aided contract outside an ACI, matching the professional project, with
//! the participant's agreement (cahier des charges PLIE Flandre Lys 2017, §1.2.3).

use chrono::NaiveDate;

use super::{applies, not_at_exit, Eval, Proposal};
use crate::explanation::Status;
use crate::programme::Route;

pub(super) fn aided(route: &Route, p: &Proposal, exit: NaiveDate, except_aci: &bool) -> Eval {
    if let Some(ct) = p.contract_type {
        if !applies(route, ct) {
            return Eval::new(route, Status::Failed, "aided.not_aided").param("contract_type", ct);
        }
    }
    // A condition known to fail decides, whatever the others are.
    if *except_aci && p.employer_is_aci == Some(true) {
        return Eval::new(route, Status::Failed, "aided.aci");
    }
    if p.matches_project == Some(false) {
        return Eval::new(route, Status::Failed, "aided.not_project");
    }
    if p.participant_agrees == Some(false) {
        return Eval::new(route, Status::Failed, "aided.not_agreed");
    }
    if let Some(e) = not_at_exit(route, p.contract_start, p.contract_end, exit) {
        return e;
    }
    let Some(ct) = p.contract_type else {
        return Eval::unknown(route, "contract.type_unknown", &["contract_type"]);
    };
    // Asked in order: whether the employer is an ACI, then the project and the
    // agreement.
    if *except_aci && p.employer_is_aci.is_none() {
        return Eval::unknown(route, "aided.aci_unknown", &["employer_is_aci"]);
    }
    match (p.matches_project, p.participant_agrees) {
        (None, None) => {
            return Eval::unknown(
                route,
                "aided.unknown",
                &["matches_project", "participant_agrees"],
            )
        }
        (None, _) => return Eval::unknown(route, "aided.unknown", &["matches_project"]),
        (_, None) => return Eval::unknown(route, "aided.unknown", &["participant_agrees"]),
        _ => {}
    }
    if p.contract_start.is_none() {
        return Eval::unknown(route, "route.start_unknown", &["contract_start"]);
    }
    Eval::new(route, Status::Passed, "aided.passed").param("contract_type", ct)
}
