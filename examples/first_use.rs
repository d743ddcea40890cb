//! How long reading the built-in programmes costs at first use (BENCHMARKS.md): the
//! first `programme::all()` reads and checks every built-in file; later calls only
//! copy the registry's list. `cargo run --release --example first_use`.

use std::time::Instant;

fn main() {
    let start = Instant::now();
    let n = parcours::programme::all().len();
    let first = start.elapsed();
    let start = Instant::now();
    for _ in 0..1000 {
        std::hint::black_box(parcours::programme::all());
    }
    let later = start.elapsed() / 1000;
    println!("{n} programmes; first use {first:?}; each later call {later:?}");
}
