//! The cells `parcours lot` reads from an export, as JSON lines: the header, then each
//! row's line number and cells (`src/lot/read.rs`, calamine for a workbook). For the
//! tests of the page's own workbook reader (www/lot-xlsx.js): both must read every
//! cell alike. Prints `{"error": …}` when the file does not open.
//!
//! cargo run -p parcours-cli --example xlsx-cells -- FILE.xlsx

use parcours::lot::read::{Chunk, Export, Progress};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: xlsx-cells FILE");
        std::process::exit(2);
    };
    let mut export = match Export::open(std::path::Path::new(&path), Progress::default()) {
        Ok(export) => export,
        Err(e) => {
            println!("{}", serde_json::json!({ "error": e.message() }));
            return;
        }
    };
    println!("{}", serde_json::json!({ "header": export.header }));
    let mut rows = Chunk::default();
    loop {
        if let Err(e) = export.next_rows(1024, &mut rows) {
            println!("{}", serde_json::json!({ "error": e.message() }));
            return;
        }
        if rows.is_empty() {
            break;
        }
        for row in rows.iter() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            println!(
                "{}",
                serde_json::json!({ "line": row.line, "cells": cells })
            );
        }
    }
}
