//! JSON text → `Json` without serde (`parcours::input::parse_text`, the WebAssembly
//! binding's way in) against the serde path (serde_json through `Json`'s serde impl,
//! what the command-line program reads): never a panic, the depth and width bounds
//! hold, and the two agree but where `parse_text` documents a difference:
//!
//! - a text serde_json reads reads as the same tree, numbers bit for bit except that
//!   serde_json (without `float_roundtrip`) may be a few units in the last place off
//!   on long or far-exponent numbers: there the two may differ by at most 4 units,
//!   and `parse_text` must be the correctly rounded one (next point);
//! - every number token of the text that `parse_text` reads alone reads bit for bit
//!   as the standard library's correctly rounded `f64` parser reads it;
//! - `parse_text` reads a text serde_json rejects only when the text holds a lone
//!   surrogate escape, an extension (`NaN`, `Infinity`, `?`), or a number serde_json
//!   calls out of range that correctly rounds to a finite `f64`; it rejects a text
//!   serde_json reads only for a number that correctly rounds to infinity and that
//!   serde_json rounds down.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::input::{parse_text, MAX_DEPTH};
use parcours::Json;
use parcours_fuzz::{shape, MAX_WIDTH};

fn std_number(text: &str) -> Option<f64> {
    text.parse().ok()
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let ours = parse_text(text, std_number);
    if let Some(json) = &ours {
        let (depth, width) = shape(json);
        assert!(depth <= MAX_DEPTH + 1, "{depth} levels kept");
        assert!(width <= MAX_WIDTH, "{width} entries kept");
    }

    // Tokens between JSON's separators: every number of the structure is one.
    let tokens: Vec<&str> = text
        .split(|c: char| "[]{},:\" \t\r\n".contains(c))
        .filter(|t| !t.is_empty())
        .collect();
    for token in &tokens {
        if let Some(Json::Number(n)) = parse_text(token, std_number) {
            if !matches!(*token, "NaN" | "Infinity" | "-Infinity") {
                let want = std_number(token).expect("a JSON number is a Rust f64");
                assert_eq!(n.to_bits(), want.to_bits(), "{token}: {n} ≠ {want}");
            }
        }
    }
    // A number token on which serde_json and correct rounding disagree about overflow.
    let overflow_differs = || {
        tokens.iter().any(|t| {
            let serde = serde_json::from_str::<f64>(t).ok();
            let correct = parse_text(t, std_number);
            match (serde, correct) {
                (Some(_), None) => std_number(t).is_some_and(f64::is_infinite),
                (None, Some(Json::Number(n))) => n.is_finite() && n.abs() > 1e307,
                _ => false,
            }
        })
    };

    match (serde_json::from_str::<Json>(text), ours) {
        (Ok(serde), Some(ours)) => assert!(
            close(&ours, &serde),
            "parse_text {ours:?}\n≠ serde {serde:?}"
        ),
        (Ok(serde), None) => assert!(
            overflow_differs(),
            "serde_json reads it ({serde:?}), parse_text does not"
        ),
        (Err(e), Some(ours)) => assert!(
            lone_surrogate(text)
                || text.contains("NaN")
                || text.contains("Infinity")
                || text.contains('?')
                || overflow_differs(),
            "parse_text reads it ({ours:?}), serde_json does not: {e}"
        ),
        (Err(_), None) => {}
    }
});

/// A `\uD800`–`\uDFFF` escape (or what looks like one: `\\uD800` counts too).
fn lone_surrogate(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && (w[2] | 0x20) == b'd'
            && matches!(w[3] | 0x20, b'8' | b'9' | b'a'..=b'f')
    })
}

/// The same tree; numbers bit for bit or, both finite and of one sign, within 4 units
/// in the last place (serde_json's rounding without `float_roundtrip`).
fn close(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => {
            x.to_bits() == y.to_bits()
                || (x.is_finite()
                    && y.is_finite()
                    && x.is_sign_negative() == y.is_sign_negative()
                    && x.to_bits().abs_diff(y.to_bits()) <= 4)
        }
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| close(a, b))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka == kb && close(a, b))
        }
        _ => a == b,
    }
}
