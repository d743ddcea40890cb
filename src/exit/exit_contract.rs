//! EXIT-CONTRACT — an employment contract of more than 6 months, attested, except CUI-CAE
//! (PEC), CDDI, CTTI, contrat d'usage en AI; Mission Locale: a CDD of more than 6 months or
//! a CDI (cahier des charges PLIE Flandre Lys 2017, §1.2.3; opérations FSE+ de la Mission
//! Locale Val de Marque, opération 202200774). The same route, with the apprenticeship
//! contract, checks EXIT-APPRENTICESHIP (idem, opération 202200774).

use chrono::NaiveDate;

use super::{applies, months_after, not_at_exit, Eval, Proposal};
use crate::calendar::iso;
use crate::explanation::Status;
use crate::programme::Route;

pub(super) fn contract(
    route: &Route,
    p: &Proposal,
    exit: NaiveDate,
    next_day: bool,
    more_than_months: &u32,
) -> Eval {
    if let Some(ct) = p.contract_type {
        if !applies(route, ct) {
            return Eval::new(route, Status::Failed, "contract.excluded")
                .param("contract_type", ct);
        }
    }
    if let Some(e) = not_at_exit(route, p.contract_start, p.contract_end, exit) {
        return e;
    }
    // Too short, whatever its type: a contract with both dates known.
    if let (Some(start), Some(end), true) =
        (p.contract_start, p.contract_end, *more_than_months > 0)
    {
        if let Some(mark) = months_after(start, *more_than_months, next_day) {
            if end < mark {
                return Eval::new(route, Status::Failed, "contract.too_short")
                    .param("months", *more_than_months)
                    .param("mark", iso(mark));
            }
        }
    }
    let Some(ct) = p.contract_type else {
        return Eval::unknown(route, "contract.type_unknown", &["contract_type"]);
    };
    let Some(start) = p.contract_start else {
        // Long enough from any start on or before the exit date: it passes
        // exactly when the contract has started by then.
        let mut e = Eval::unknown(route, "route.start_unknown", &["contract_start"]);
        e.passes_if_running = match p.contract_end {
            None => ct == "cdi" || *more_than_months == 0,
            Some(end) => months_after(exit, *more_than_months, next_day).is_some_and(|m| m <= end),
        };
        return e;
    };
    if *more_than_months == 0 {
        return Eval::new(route, Status::Passed, "contract.passed_any").param("contract_type", ct);
    }
    let Some(mark) = months_after(start, *more_than_months, next_day) else {
        return Eval::unknown(route, "route.start_unknown", &["contract_start"]);
    };
    match (ct, p.contract_end) {
        ("cdi", None) => Eval::new(route, Status::Passed, "contract.open_ended")
            .param("months", *more_than_months),
        (_, None) => {
            let mut e = Eval::unknown(route, "contract.end_unknown", &["contract_end"])
                .param("months", *more_than_months);
            e.passes_if_running = mark <= exit;
            e
        }
        (_, Some(end)) if end >= mark => Eval::new(route, Status::Passed, "contract.passed")
            .param("months", *more_than_months)
            .param("mark", iso(mark)),
        (_, Some(_)) => Eval::new(route, Status::Failed, "contract.too_short")
            .param("months", *more_than_months)
            .param("mark", iso(mark)),
    }
}
