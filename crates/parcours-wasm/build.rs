//! Writes the package's TypeScript declarations from the core's Rust types (ts-rs
//! derives, the core's `ts` feature): the answers (`Report`, `Diff`, `Schema`…), the
//! requests (src/requests.rs), and every type they name, found by walking the types'
//! dependencies. src/lib.rs puts the text into the generated `.d.ts` (wasm-bindgen's
//! `typescript_custom_section`). Nothing of this enters the `.wasm`: the build
//! dependency is compiled for the host.

use std::any::TypeId;
use std::collections::HashSet;
use std::fmt::Write as _;

use ts_rs::{Config, TypeVisitor, TS};

use parcours::requests::{self, lot_answers};

/// Collects the declaration of each type reached, once, in the order reached.
struct Declarations {
    cfg: Config,
    seen: HashSet<TypeId>,
    text: String,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        T::visit_generics(self);
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if let Some(docs) = T::docs() {
            self.text.push_str(&docs);
        }
        let decl = T::decl(&self.cfg);
        let _ = writeln!(self.text, "export {decl}");
        T::visit_dependencies(self);
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let exits = std::env::var_os("CARGO_FEATURE_EXITS").is_some();
    let lot = std::env::var_os("CARGO_FEATURE_LOT").is_some();
    let register = std::env::var_os("CARGO_FEATURE_REGISTER").is_some();
    // Every number the answers hold fits a JavaScript number (counts, days, lines).
    let mut d = Declarations {
        cfg: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        text: String::new(),
    };
    d.visit::<parcours::Report>();
    d.visit::<parcours::Diff>();
    d.visit::<parcours::Schema>();
    d.visit::<parcours::ProgrammeSummary>();
    d.visit::<requests::Labels>();
    d.visit::<requests::LocaleName>();
    d.visit::<parcours::questionnaire::Options>();
    d.visit::<requests::FormSettings>();
    // Every request this module answers, as one union.
    let mut requests = vec![
        name::<requests::CheckRequest>(&mut d),
        name::<requests::EligibilityRequest>(&mut d),
        name::<requests::EntryFileRequest>(&mut d),
    ];
    if exits {
        requests.push(name::<requests::ExitRequest>(&mut d));
        requests.push(name::<requests::FollowUpRequest>(&mut d));
        requests.push(name::<requests::PortfolioRequest>(&mut d));
    }
    let _ = writeln!(
        d.text,
        "/** Every request this module answers. */\nexport type AnyRequest = {};",
        requests.join(" | ")
    );
    if register {
        // registerProgramme's and checkProgramme's answers (src/programme/registry.rs).
        d.visit::<parcours::Registration>();
        d.visit::<parcours::FileProblem>();
    }
    if lot {
        d.visit::<requests::LotSettings>();
        d.visit::<lot_answers::LotError>();
        d.visit::<lot_answers::LotProgress>();
        d.visit::<lot_answers::LotResult>();
    }
    // The questionnaire's data and the facts of an eligibility decision: written by
    // the core from its catalogues (src/questionnaire/fields.rs, src/programme/file.rs).
    d.text.push_str(parcours::questionnaire::TYPESCRIPT);
    d.text.push_str(parcours::programme::file::FACTS_TYPESCRIPT);
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(out.join("types.d.ts"), d.text) {
        panic!("cannot write the TypeScript declarations: {e}");
    }
}

/// Declares `T` (and what it names) and gives its name.
fn name<T: TS + 'static>(d: &mut Declarations) -> String {
    d.visit::<T>();
    T::name(&d.cfg)
}
