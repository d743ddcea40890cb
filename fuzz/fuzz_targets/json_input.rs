//! JSON text → `Json`, the deserialisation the command-line program uses (and every
//! target below it): never a panic, the depth and width bounds always hold, and
//! whatever serde_json reads as a `Value` reads as the same `Json` within the bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::input::MAX_DEPTH;
use parcours::Json;
use parcours_fuzz::{bounded, parse, shape, MAX_WIDTH};

fuzz_target!(|bytes: &[u8]| {
    let parsed = parse(bytes);
    if let Some(json) = &parsed {
        let (depth, width) = shape(json);
        assert!(depth <= MAX_DEPTH + 1, "{depth} levels kept");
        assert!(width <= MAX_WIDTH, "{width} entries kept");
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        let json = parsed.expect("text serde_json reads must read as Json");
        if shape(&json).1 < MAX_WIDTH - 1 {
            assert_eq!(normalise(json), normalise(bounded(&value, 0)));
        }
    }
});

/// Objects as `JSON.parse` sees them: the last of repeated keys, in key order.
fn normalise(json: Json) -> Json {
    match json {
        Json::Array(items) => Json::Array(items.into_iter().map(normalise).collect()),
        Json::Object(entries) => {
            let mut map = std::collections::BTreeMap::new();
            for (k, v) in entries {
                map.insert(k, normalise(v));
            }
            Json::Object(map.into_iter().collect())
        }
        Json::Number(n) if n.is_nan() => Json::Null,
        other => other,
    }
}
