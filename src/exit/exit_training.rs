//! EXIT-TRAINING — a qualifying training sanctioned by a diploma, a registered title or a
//! professional certificate; Mission Locale: any training (cahier des charges PLIE Flandre
//! Lys 2017, §1.2.3; opération 202200774).

use chrono::NaiveDate;

use super::{not_at_exit, Eval, Proposal};
use crate::explanation::Status;
use crate::programme::Route;

pub(super) fn training(
    route: &Route,
    p: &Proposal,
    exit: NaiveDate,
    certifications: &[&'static str],
) -> Eval {
    match p.certification {
        Some(c) if c == "no_certification" && !certifications.is_empty() => {
            return Eval::new(route, Status::Failed, "training.not_qualifying")
        }
        Some(c) if !certifications.is_empty() && !certifications.contains(&c) => {
            return Eval::new(route, Status::Failed, "training.not_qualifying")
        }
        _ => {}
    }
    if let Some(e) = not_at_exit(route, p.training_start, p.training_end, exit) {
        return e;
    }
    // Asked only where it decides: a route that counts any training does not.
    if p.certification.is_none() && !certifications.is_empty() {
        return Eval::unknown(route, "training.unknown", &["certification"]);
    }
    if p.training_start.is_none() {
        return Eval::unknown(route, "route.start_unknown", &["training_start"]);
    }
    Eval::new(route, Status::Passed, "training.passed")
}
