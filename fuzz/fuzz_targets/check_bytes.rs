//! `parcours::check` on any text, read as the command-line program reads it (a single
//! request, or an array of them as a batch): never a panic, every report consistent,
//! the same answer twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use parcours::Json;
use parcours_fuzz::{check_report, parse};

fuzz_target!(|bytes: &[u8]| {
    let Some(json) = parse(bytes) else { return };
    match &json {
        Json::Array(requests) => requests.iter().for_each(one),
        request => one(request),
    }
});

fn one(request: &Json) {
    let report = parcours::check(request);
    check_report(&report);
    assert_eq!(
        report,
        parcours::check(request),
        "the same request, another answer"
    );
}
