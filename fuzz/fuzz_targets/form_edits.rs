//! The incremental form (`parcours::form`, `Form::set`, `Form::update`,
//! `Form::changes`, `Form::load`, `Form::report`) under edits in any order: whole-record
//! loads, field sets, clears, unknown paths, updates whose diff is read now or later.
//! `update` says `true` exactly when the report changed; after every diff read, the
//! diff agrees with the report; the diffs add up to the report; and at the end the form
//! reports exactly what `parcours::check` reports for the same final record.
#![no_main]

use std::collections::{BTreeMap, BTreeSet};

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use parcours::questionnaire::F;
use parcours::{Code, Json};
use parcours_fuzz::{
    check_diff, check_report, data_of, fields_of, is_shape, key_of, request_of, through_text, Data,
    Place, Settings, Value,
};

#[derive(Debug, Arbitrary)]
struct Input {
    settings: Settings,
    ops: Vec<Op>,
}

#[derive(Debug, Arbitrary)]
enum Op {
    Set(Place, Value),
    Clear(Place),
    Load(Data),
    /// `update`, then `changes` if the flag says to read the diff now.
    Update(Place, Value, bool),
}

fuzz_target!(|input: Input| {
    let settings = through_text(&input.settings.to_value());
    let mut form = parcours::form(&settings);
    let first = form.report();
    check_report(&first);
    let mut live: Vec<String> = first.findings.iter().map(key_of).collect();
    let mut missing: BTreeSet<String> = first.missing.iter().map(|p| p.to_string()).collect();
    let mut fields: BTreeMap<&'static str, Json> = BTreeMap::new();
    let mut shaped = false;

    // Whether updates left changes unread (a `set` then returns them too).
    let mut unread = false;
    for op in input.ops.iter().take(64) {
        let (place, raw, update) = match op {
            Op::Set(place, Value(v)) => (place, through_text(v), None),
            Op::Clear(place) => (place, Json::Null, None),
            Op::Update(place, Value(v), read) => (place, through_text(v), Some(*read)),
            Op::Load(data) => {
                let data = through_text(&data.to_value());
                form.load(&data);
                let after = form.report();
                check_report(&after);
                live = after.findings.iter().map(key_of).collect();
                missing = after.missing.iter().map(|p| p.to_string()).collect();
                fields = fields_of(&data);
                shaped = after.findings.iter().any(is_shape);
                unread = false;
                continue;
            }
        };
        let path = place.path();
        let known = F::by_path(&path);
        if let Some(f) = known {
            fields.insert(f.path(), raw.clone());
        }
        let diff = match update {
            None => form.set(&path, &raw),
            Some(read) => {
                let before = form.report();
                let changed = form.update(&path, &raw);
                let after = form.report();
                match known {
                    Some(_) => assert_eq!(changed, before != after, "update said {changed}"),
                    None => assert!(changed, "an unknown path is a finding to read"),
                }
                if !read {
                    unread = true;
                    continue;
                }
                form.changes()
            }
        };
        let after = form.report();
        check_report(&after);
        check_diff(&diff, &after);
        if known.is_none() && !unread {
            assert!(
                diff.added.iter().all(|f| f.code == Code::UnknownField) && diff.removed.is_empty(),
                "an unknown path changed findings"
            );
        }
        unread = false;
        apply(&diff, &mut live, &mut missing);
        let now: BTreeSet<String> = after.missing.iter().map(|p| p.to_string()).collect();
        assert_eq!(missing, now, "missing diffs do not add up");
    }
    let last = form.changes();
    check_diff(&last, &form.report());
    apply(&last, &mut live, &mut missing);

    let report = form.report();
    let mut shown: Vec<String> = report.findings.iter().map(key_of).collect();
    shown.sort();
    live.sort();
    assert_eq!(live, shown, "the diffs do not add up to the report");

    let full = parcours::check(&request_of(&settings, data_of(&fields)));
    let kept = |r: &parcours::Report| {
        r.findings
            .iter()
            .filter(|f| !is_shape(f))
            .map(key_of)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        kept(&report),
        kept(&full),
        "incremental and full validation differ"
    );
    assert_eq!(report.missing, full.missing);
    assert_eq!(report.completeness, full.completeness);
    assert_eq!(report.derived, full.derived);
    if !shaped {
        assert_eq!(report.valid, full.valid);
    }
});

/// Applies a diff to the findings and missing paths shown. An unknown path's finding is
/// said once, in the diff, and never kept in the report.
fn apply(diff: &parcours::Diff, live: &mut Vec<String>, missing: &mut BTreeSet<String>) {
    for f in &diff.removed {
        assert!(
            f.code != Code::UnknownField,
            "an unknown path's finding removed"
        );
        let k = key_of(f);
        let at = live.iter().position(|x| *x == k);
        live.swap_remove(at.unwrap_or_else(|| panic!("removed {:?} that was not shown", f.code)));
    }
    live.extend(
        diff.added
            .iter()
            .filter(|f| f.code != Code::UnknownField)
            .map(key_of),
    );
    for p in &diff.missing_removed {
        assert!(
            missing.remove(&p.to_string()),
            "{p} left missing but was not missing"
        );
    }
    for p in &diff.missing_added {
        assert!(missing.insert(p.to_string()), "{p} became missing twice");
    }
}
