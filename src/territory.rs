//! French territorial codes: the département a postal code or an INSEE commune code
//! belongs to. A ground floor: the questionnaire (FSE-ADDRESS, FSE-FORMAT) and
//! eligibility (ENT-RESIDENCE) both read codes through it.

/// The department a postal code belongs to: 2 digits, 3 overseas (971-976, and
/// 984-989 for the overseas collectivities), "20" for Corsica (2A and 2B share it).
pub fn postal_department(t: &str) -> Option<&str> {
    let two = t.get(0..2)?;
    let third = t.as_bytes().get(2);
    match two {
        "00" | "96" | "99" => None,
        "97" => matches!(third, Some(b'1'..=b'6'))
            .then(|| t.get(0..3))
            .flatten(),
        "98" => matches!(third, Some(b'4'..=b'9'))
            .then(|| t.get(0..3))
            .flatten(),
        _ => Some(two),
    }
}

/// The department an INSEE commune code belongs to, if the code is well formed:
/// 01-19, 21-95, 2A, 2B (+ 3 digits), 971-976 and 984-989 (+ 2 digits).
pub fn insee_department(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    if b.len() != 5 || !b.get(2..)?.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = t.get(0..2)?;
    match two {
        "2A" | "2B" => Some(two),
        "97" => matches!(b.get(2), Some(b'1'..=b'6'))
            .then(|| t.get(0..3))
            .flatten(),
        "98" => matches!(b.get(2), Some(b'4'..=b'9'))
            .then(|| t.get(0..3))
            .flatten(),
        _ if b.iter().take(2).all(u8::is_ascii_digit) => match two {
            "00" | "20" | "96" | "99" => None,
            _ => Some(two),
        },
        _ => None,
    }
}
