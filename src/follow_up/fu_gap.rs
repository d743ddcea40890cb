//! FU-GAP — never 2 months or more without contact (cahier des charges PLIE Flandre
//! Lys 2017, Fiche action 2).

use alloc::vec::Vec;

use chrono::NaiveDate;

use super::{Pending, Timeline};
use crate::calendar::add_months;
use crate::programme::FollowUpRule;

impl Timeline {
    /// FU-GAP: from the entry, then from each contact, the next contact is due before
    /// `months` calendar months have passed.
    pub(super) fn fu_gap(&self, rule: &'static FollowUpRule, months: u32, out: &mut Vec<Pending>) {
        let contacts = self.dates(Self::is_contact);
        let limit = |anchor: NaiveDate| add_months(anchor, months)?.pred_opt();
        self.periodic(rule, "contact", &contacts, limit, out);
    }
}
