//! Embeds the programme files (programmes/*.json) in the crate. Each is checked by the
//! model's own [`file::validate`] (src/programme/file.rs) — a malformed file fails the
//! build with the file, the field, its line and column — and the files are assembled,
//! as JSON text, into one blob (`$OUT_DIR/programmes.json`): `{"territories": [[name,
//! file], …], "programmes": [[file name, programme], …]}`. No Rust source is generated: the
//! crate reads the blob at first use through the same types and the same checks as a
//! programme file a portal gives at run time (src/programme/mod.rs).

#[path = "src/programme/file.rs"]
#[allow(dead_code)]
mod file;

#[path = "src/programme/read.rs"]
#[allow(dead_code)]
mod read;

#[path = "src/input.rs"]
#[allow(dead_code)]
mod input;

extern crate alloc;

#[path = "src/finding/rule_id.rs"]
#[allow(dead_code)]
mod rule_id;

/// What src/programme/file.rs reads as `crate::finding::RuleId`.
mod finding {
    pub use super::rule_id::RuleId;
}

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=programmes");
    println!("cargo:rerun-if-changed=src/programme/file.rs");
    let dir = Path::new("programmes");
    let list = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("the folder exists")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        names
    };
    // Territories: each read as the crate reads it, kept as compact JSON text.
    let mut territories = Vec::new();
    for name in list(&dir.join("territories")) {
        let path = dir.join("territories").join(&name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        if let Err(e) = file::Table::read(&text) {
            panic!("\n\nmalformed territory file — {path:?}: {e}\n\n");
        }
        let value: serde_json::Value = serde_json::from_str(&text).expect("read above");
        territories.push(serde_json::json!([name.trim_end_matches(".json"), value]));
    }
    let territory = |name: &str| {
        let text = std::fs::read_to_string(dir.join("territories").join(format!("{name}.json")));
        file::Table::read(&text.ok()?).ok()
    };
    let mut programmes = Vec::new();
    let mut checked = Vec::new();
    for name in list(dir) {
        let path = format!("programmes/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match file::validate(&path, &text, territory) {
            Ok(p) => checked.push((path.clone(), p)),
            Err(problem) => panic!("\n\nmalformed programme file — {path}: {problem}\n\n"),
        }
        let value: serde_json::Value = serde_json::from_str(&text).expect("read above");
        programmes.push(serde_json::json!([path, value]));
    }
    if let Err(error) = file::check_versions(&checked) {
        panic!("\n\nmalformed programme file — {error}\n\n");
    }
    let blob = serde_json::json!({ "territories": territories, "programmes": programmes });
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("programmes.json");
    std::fs::write(out, blob.to_string()).expect("OUT_DIR is writable");
}
