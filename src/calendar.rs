//! Calendar arithmetic shared by every date rule. No function here reads a clock: the
//! reference date is always an argument.
//!
//! Decisions (docs/questionnaire.md, "Dates"):
//! - a person's age on a date counts full years; someone born on 29 February turns a
//!   year older on 1 March in common years (their birthday has not come on 28 February);
//! - adding months keeps the day of the month and clamps it to the month's last day:
//!   31 August + 6 months = 28 February (29 in a leap year);
//! - "more than N months before D" means strictly before D minus N months.

use chrono::{Datelike, Months, NaiveDate};

/// Parses a date written `YYYY-MM-DD` that exists in the calendar.
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, DateError> {
    let b = text.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(DateError::Format);
    }
    let year = digits(b, 0, 4).ok_or(DateError::Format)?;
    let month = digits(b, 5, 7).ok_or(DateError::Format)?;
    let day = digits(b, 8, 10).ok_or(DateError::Format)?;
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateError::Nonexistent)
}

fn digits(b: &[u8], from: usize, to: usize) -> Option<u32> {
    let mut n = 0u32;
    for &c in b.get(from..to)? {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

/// Why a text is not a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not written `YYYY-MM-DD`.
    Format,
    /// Well written but not in the calendar (2023-02-30).
    Nonexistent,
}

/// Full years between `birth` and `on`; meaningful when `on` is not before `birth`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// `date` plus `months` calendar months, the day clamped to the target month's end.
/// `None` only past chrono's range (year ±262,143), which no valid input reaches.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// `date` minus `months` calendar months, clamped like [`add_months`].
pub fn sub_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_sub_months(Months::new(months))
}

/// Whether `earlier` is more than `months` months before `later`.
pub fn more_than_months_before(earlier: NaiveDate, later: NaiveDate, months: u32) -> bool {
    match sub_months(later, months) {
        Some(limit) => earlier < limit,
        None => false,
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// ISO text of a date, `YYYY-MM-DD`, for derived values and parameters that are not
/// personal (never a birth date).
pub fn iso(date: NaiveDate) -> alloc::string::String {
    let mut s = alloc::string::String::with_capacity(10);
    let y = date.year().clamp(0, 9999) as u32;
    for n in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(char::from(b'0' + n as u8));
    }
    for part in [date.month(), date.day()] {
        s.push('-');
        s.push(char::from(b'0' + (part / 10) as u8));
        s.push(char::from(b'0' + (part % 10) as u8));
    }
    s
}

/// `v` in decimal, as `format!("{v}")` writes it, without core::fmt's machinery (the
/// small module would carry it for this alone): message parameters, item paths.
pub fn push_int(out: &mut alloc::string::String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut n = v.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (n % 10) as u8;
        start = start.saturating_sub(1);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits.get(start..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// A (year, month, day) triple as `YYYY-MM-DD`; empty if the day does not exist.
pub fn iso_tuple((y, m, d): (i32, u32, u32)) -> String {
    NaiveDate::from_ymd_opt(y, m, d)
        .map(iso)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn integers_are_written_as_format_writes_them() {
        for v in [0, 7, -7, 10, 1_214, -90_061, i64::MAX, i64::MIN] {
            let mut out = alloc::string::String::new();
            push_int(&mut out, v);
            assert_eq!(out, alloc::format!("{v}"));
        }
    }

    #[test]
    fn parses_only_existing_iso_dates() {
        assert_eq!(parse_iso_date("2024-02-29"), Ok(d("2024-02-29")));
        assert_eq!(parse_iso_date("2023-02-29"), Err(DateError::Nonexistent));
        assert_eq!(parse_iso_date("2023-02-30"), Err(DateError::Nonexistent));
        assert_eq!(parse_iso_date("2023-13-01"), Err(DateError::Nonexistent));
        assert_eq!(parse_iso_date("2023-00-10"), Err(DateError::Nonexistent));
        for bad in [
            "",
            "2023-2-3",
            "23-02-2023",
            "2023/02/03",
            "2023-02-03T00:00",
            "２０２３-02-03",
            "+023-02-03",
        ] {
            assert_eq!(parse_iso_date(bad), Err(DateError::Format), "{bad}");
        }
    }

    #[test]
    fn age_turns_on_the_birthday_itself() {
        let birth = d("2000-11-23");
        assert_eq!(age_on(birth, d("2026-11-22")), 25);
        assert_eq!(age_on(birth, d("2026-11-23")), 26);
        assert_eq!(age_on(birth, birth), 0);
    }

    #[test]
    fn leap_day_birthdays_turn_on_first_of_march_in_common_years() {
        let birth = d("2004-02-29");
        assert_eq!(age_on(birth, d("2022-02-28")), 17);
        assert_eq!(age_on(birth, d("2022-03-01")), 18);
        assert_eq!(age_on(birth, d("2024-02-29")), 20);
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        assert_eq!(add_months(d("2025-08-31"), 6), Some(d("2026-02-28")));
        assert_eq!(add_months(d("2023-08-31"), 6), Some(d("2024-02-29")));
        assert_eq!(sub_months(d("2026-03-31"), 1), Some(d("2026-02-28")));
        assert!(more_than_months_before(
            d("2025-01-14"),
            d("2026-01-15"),
            12
        ));
        assert!(!more_than_months_before(
            d("2025-01-15"),
            d("2026-01-15"),
            12
        ));
    }

    #[test]
    fn iso_round_trips() {
        assert_eq!(iso(d("0987-03-04")), "0987-03-04");
        assert_eq!(iso(d("2026-11-23")), "2026-11-23");
    }
}
