//! The core's modules form floors: each uses only the ones below it, never one above,
//! so there is an order of the modules with no circle (docs/architecture.md, "Modules
//! of the core"). This test reads the `crate::` paths of every file under src/ (outside
//! its `#[cfg(test)] mod tests`, which may reach anywhere) and fails on a circle,
//! naming it. `cargo test --test modules -- --nocapture` prints the floors.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module → the top-level modules its code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let module_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&src).ok()?;
        let first = rel.components().next()?.as_os_str().to_str()?;
        // The crate root and the faces (the binding, the command-line program) sit
        // above every module.
        if matches!(first, "lib.rs" | "wasm.rs" | "bin") {
            return None;
        }
        Some(first.trim_end_matches(".rs").to_string())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for path in &files {
        let Some(module) = module_of(path) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("a source file");
        let mut code = String::new();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            let trimmed = line.trim();
            if trimmed == "#[cfg(test)]"
                && lines
                    .peek()
                    .is_some_and(|next| next.trim_start().starts_with("mod tests"))
            {
                break;
            }
            if !trimmed.starts_with("//") {
                code.push_str(line);
                code.push('\n');
            }
        }
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != module && modules.contains(&name) {
                graph.entry(module.clone()).or_default().insert(name);
            }
        }
    }
    graph
}

#[test]
fn the_modules_of_the_core_have_no_circle() {
    let graph = graph();
    assert!(graph.contains_key("finding") && graph.contains_key("report"));
    // Floors: a module's floor is one above the highest floor it uses.
    let mut floor: BTreeMap<&str, usize> = BTreeMap::new();
    while floor.len() < graph.len() {
        let ready: Vec<&str> = graph
            .iter()
            .filter(|(m, _)| !floor.contains_key(m.as_str()))
            .filter(|(_, uses)| uses.iter().all(|u| floor.contains_key(u.as_str())))
            .map(|(m, _)| m.as_str())
            .collect();
        if ready.is_empty() {
            // What is left holds a circle: walk it from any module until one repeats.
            let left: Vec<&str> = graph
                .keys()
                .map(String::as_str)
                .filter(|m| !floor.contains_key(m))
                .collect();
            let mut walk = vec![left[0]];
            loop {
                let last = walk[walk.len() - 1];
                let next = graph[last]
                    .iter()
                    .map(String::as_str)
                    .find(|u| !floor.contains_key(u))
                    .expect("a module left uses another left");
                if let Some(start) = walk.iter().position(|m| *m == next) {
                    walk.push(next);
                    panic!(
                        "a circle of modules: {} (src/; `use crate::` lines)",
                        walk[start..].join(" → ")
                    );
                }
                walk.push(next);
            }
        }
        for m in ready {
            let level = graph[m]
                .iter()
                .map(|u| floor[u.as_str()] + 1)
                .max()
                .unwrap_or(0);
            floor.insert(m, level);
        }
    }
    let top = floor.values().copied().max().unwrap_or(0);
    for level in 0..=top {
        let names: Vec<&str> = floor
            .iter()
            .filter(|(_, l)| **l == level)
            .map(|(m, _)| *m)
            .collect();
        println!("floor {level}: {}", names.join(", "));
    }
    // The result shape is the ground: it uses no other module of the core.
    assert_eq!(floor["finding"], 0, "finding uses {:?}", graph["finding"]);
}
