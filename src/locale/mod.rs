//! Messages and labels, one file per language. A message is rendered from a finding's
//! code and parameters only, so it can never echo a personal value.

mod en;
mod fr;

use alloc::string::String;

use crate::finding::{Code, Finding, Param};

/// The languages messages are written in. French is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub fn from_name(name: &str) -> Option<Locale> {
        match name {
            "fr" | "fr-FR" => Some(Locale::Fr),
            "en" | "en-GB" | "en-US" => Some(Locale::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// The message template of a code: `{name}` stands for the parameter `name`.
    pub fn template(self, code: Code) -> &'static str {
        match self {
            Locale::Fr => fr::message(code),
            Locale::En => en::message(code),
        }
    }

    /// Fills in `finding.message`.
    pub fn render(self, finding: &mut Finding) {
        finding.message = fill(self.template(finding.code), |name| finding.params.get(name));
    }

    /// Fills in `finding.message` from `shown`, parameters as people read them (labels
    /// for codes); the finding keeps its own parameters for programs.
    pub fn render_with(self, finding: &mut Finding, shown: &crate::finding::Params) {
        finding.message = fill(self.template(finding.code), |name| shown.get(name));
    }

    /// The label of a field (`identity.birth_date`) or section (`identity`).
    pub fn label(self, path: &str) -> Option<&'static str> {
        lookup(self.table(fr::LABELS, en::LABELS), path)
    }

    /// An eligibility explanation (`residence.passed`, `outcome.eligible`…) with its
    /// parameters filled in.
    pub fn explain(self, key: &str, params: &crate::finding::Params) -> String {
        let template = lookup(self.table(fr::EXPLANATIONS, en::EXPLANATIONS), key);
        #[cfg(feature = "exits")]
        let template = template.or_else(|| {
            lookup(
                self.table(fr::EXIT_EXPLANATIONS, en::EXIT_EXPLANATIONS),
                key,
            )
        });
        fill(template.unwrap_or(key), |name| params.get(name))
    }

    /// The label of an eligibility fact (`birth_date`, `clause_sociale`…).
    pub fn fact_label(self, fact: &str) -> Option<&'static str> {
        lookup(self.table(fr::FACT_LABELS, en::FACT_LABELS), fact)
    }

    /// The label of an exit or follow-up term (`cui_cae`, `durable_employment`…).
    #[cfg(feature = "exits")]
    pub fn term(self, code: &str) -> Option<&'static str> {
        lookup(self.table(fr::TERMS, en::TERMS), code)
    }

    /// Message parameters with exit and follow-up codes replaced by their labels.
    #[cfg(feature = "exits")]
    pub fn exit_params(self, params: &crate::finding::Params) -> crate::finding::Params {
        let mut out = crate::finding::Params::default();
        for (name, value) in &params.0 {
            let value = match (*name, value) {
                (
                    "reason" | "kind" | "contract_type" | "measure" | "obligation",
                    Param::Text(t),
                ) => match self.term(t) {
                    Some(label) => Param::Text(alloc::borrow::Cow::Borrowed(label)),
                    None => value.clone(),
                },
                (_, Param::Text(t)) if self == Locale::Fr => match french_date(t) {
                    Some(d) => Param::Text(alloc::borrow::Cow::Owned(d)),
                    None => value.clone(),
                },
                _ => value.clone(),
            };
            out.0.push((name, value));
        }
        out
    }

    /// The label of a choice code (`non_binary`, `cap_bep`, `refused`…).
    pub fn choice_label(self, choice: &str) -> Option<&'static str> {
        lookup(self.table(fr::CHOICES, en::CHOICES), choice)
    }
}

/// An ISO date `YYYY-MM-DD` as French readers write it, `DD/MM/YYYY`.
#[cfg(feature = "exits")]
fn french_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let iso = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !iso {
        return None;
    }
    let (y, m, d) = (text.get(0..4)?, text.get(5..7)?, text.get(8..10)?);
    let mut out = String::with_capacity(10);
    for (i, part) in [d, m, y].iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(part);
    }
    Some(out)
}

/// Texts are tables searched by key: far smaller in WebAssembly than a `match` on
/// strings, and as fast for a few hundred entries.
fn lookup(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

impl Locale {
    fn table<T>(self, fr: T, en: T) -> T {
        match self {
            Locale::Fr => fr,
            Locale::En => en,
        }
    }
}

fn fill<'a>(template: &str, param: impl Fn(&str) -> Option<&'a Param>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or("");
                match param(name) {
                    Some(Param::Int(v)) => {
                        use core::fmt::Write;
                        let _ = write!(out, "{v}");
                    }
                    Some(Param::Text(t)) => out.push_str(t),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Kind, FIELDS, SECTIONS};

    #[test]
    fn every_code_has_a_message_in_each_language() {
        for &code in Code::ALL {
            for locale in [Locale::Fr, Locale::En] {
                let t = locale.template(code);
                assert!(
                    !t.is_empty() && !t.contains("TODO"),
                    "{:?} {code:?}",
                    locale
                );
            }
            assert_ne!(
                Locale::Fr.template(code),
                Locale::En.template(code),
                "{code:?}"
            );
        }
    }

    #[test]
    fn every_field_section_and_choice_has_labels() {
        for locale in [Locale::Fr, Locale::En] {
            for spec in FIELDS {
                assert!(
                    locale.label(spec.path).is_some(),
                    "{locale:?} {}",
                    spec.path
                );
                if let Kind::Choice(choices) = spec.kind {
                    for c in choices {
                        assert!(locale.choice_label(c).is_some(), "{locale:?} {c}");
                    }
                }
            }
            for section in SECTIONS {
                assert!(locale.label(section).is_some(), "{locale:?} {section}");
            }
            for c in ["yes", "no", "refused"] {
                assert!(locale.choice_label(c).is_some());
            }
        }
    }

    #[test]
    #[cfg(feature = "exits")]
    fn every_exit_and_follow_up_term_has_a_label_in_each_language() {
        use crate::programme::file::{CERTIFICATIONS, CONTRACT_TYPES, POSITIVE_KINDS, STEP_KINDS};
        let terms = crate::exit::REASONS
            .iter()
            .chain(CONTRACT_TYPES)
            .chain(CERTIFICATIONS)
            .chain(POSITIVE_KINDS)
            .chain(STEP_KINDS)
            .chain(crate::follow_up::EVENT_TYPES)
            .chain(crate::follow_up::OBLIGATIONS)
            .chain(crate::exit::PROOF_KINDS);
        for t in terms {
            for locale in [Locale::Fr, Locale::En] {
                assert!(locale.term(t).is_some(), "{locale:?} {t}");
            }
        }
    }

    #[test]
    fn every_fact_has_a_label_in_each_language() {
        for (fact, _) in crate::programme::file::FACTS {
            for locale in [Locale::Fr, Locale::En] {
                assert!(locale.fact_label(fact).is_some(), "{locale:?} {fact}");
            }
        }
    }

    #[test]
    fn templates_use_only_parameters_they_are_given() {
        let f = Finding::new(Code::AgeOutOfRange, "identity.birth_date", "FSE-AGE")
            .param("min", 15i64)
            .param("max", 99i64);
        let mut fr = f.clone();
        Locale::Fr.render(&mut fr);
        assert!(
            fr.message.contains("15") && fr.message.contains("99"),
            "{}",
            fr.message
        );
        assert!(!fr.message.contains('{'));
    }
}
