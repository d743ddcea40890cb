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
        finding.message = fill(self, self.template(finding.code), &|name| {
            finding.params.get(name)
        });
    }

    /// Fills in `finding.message` from `shown`, parameters as people read them (labels
    /// for codes); the finding keeps its own parameters for programs.
    pub fn render_with(self, finding: &mut Finding, shown: &crate::finding::Params) {
        finding.message = fill(self, self.template(finding.code), &|name| shown.get(name));
    }

    /// The label of a field (`identity.birth_date`) or section (`identity`).
    pub fn label(self, path: &str) -> Option<&'static str> {
        self.lookup(fr::LABELS, en::LABELS, path)
    }

    /// An eligibility explanation (`residence.passed`, `outcome.eligible`…) with its
    /// parameters filled in.
    pub fn explain(self, key: &str, params: &crate::finding::Params) -> String {
        let template = self.lookup(fr::EXPLANATIONS, en::EXPLANATIONS, key);
        #[cfg(feature = "exits")]
        let template =
            template.or_else(|| self.lookup(fr::EXIT_EXPLANATIONS, en::EXIT_EXPLANATIONS, key));
        fill(self, template.unwrap_or(key), &|name| params.get(name))
    }

    /// The label of an eligibility fact (`birth_date`, `clause_sociale`…).
    pub fn fact_label(self, fact: &str) -> Option<&'static str> {
        self.lookup(fr::FACT_LABELS, en::FACT_LABELS, fact)
    }

    /// The label of an exit or follow-up term (`cui_cae`, `durable_employment`…).
    #[cfg(feature = "exits")]
    pub fn term(self, code: &str) -> Option<&'static str> {
        self.lookup(fr::TERMS, en::TERMS, code)
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
                _ => value.clone(),
            };
            out.0.push((name, value));
        }
        out
    }

    /// The title of a rule, by its identifier (`ENT-AGE` → "Âge"): what a référent
    /// reads instead of the identifier. `None` for an identifier without a title.
    pub fn rule_title(self, rule: &str) -> Option<&'static str> {
        self.lookup(fr::RULE_TITLES, en::RULE_TITLES, rule)
    }

    /// Every rule title, by identifier.
    pub fn rule_titles(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.all(fr::RULE_TITLES, en::RULE_TITLES)
    }

    /// The label of an IAE term: a criterion (`iae_criteria.rsa`), who made the
    /// diagnosis (`diagnosed_by.employer`), a kind of structure (`structure_kind.ACI`).
    pub fn iae_label(self, key: &str) -> Option<&'static str> {
        self.lookup(fr::IAE_TERMS, en::IAE_TERMS, key)
    }

    /// Every IAE term's label, by key.
    pub fn iae_labels(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        self.all(fr::IAE_TERMS, en::IAE_TERMS)
    }

    /// The label of a choice code (`non_binary`, `cap_bep`, `refused`…).
    pub fn choice_label(self, choice: &str) -> Option<&'static str> {
        self.lookup(fr::CHOICES, en::CHOICES, choice)
    }
}

/// What a page shows instead of codes, in one language: `rules` (rule identifier →
/// title) and `iae` (IAE term → label: `iae_criteria.rsa`, `diagnosed_by.employer`,
/// `structure_kind.ACI`). Serialised as `{ rules: {…}, iae: {…} }`.
pub struct Labels(pub Locale);

impl serde::Serialize for Labels {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Table(Locale, fr::Texts, en::Texts);
        impl serde::Serialize for Table {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.all(self.1, self.2))
            }
        }
        let mut out = s.serialize_struct("Labels", 2)?;
        out.serialize_field("rules", &Table(self.0, fr::RULE_TITLES, en::RULE_TITLES))?;
        out.serialize_field("iae", &Table(self.0, fr::IAE_TERMS, en::IAE_TERMS))?;
        out.end()
    }
}

/// An ISO date `YYYY-MM-DD` as French readers write it, `DD/MM/YYYY`.
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
/// strings, and as fast for a few hundred entries. The keys are the French table's;
/// the English table holds the texts alone, in the same order (src/locale/en.rs):
/// 8 bytes less per entry than a second list of pairs.
impl Locale {
    fn lookup(self, fr: fr::Texts, en: en::Texts, key: &str) -> Option<&'static str> {
        let i = fr.iter().position(|(k, _)| *k == key)?;
        match self {
            Locale::Fr => fr.get(i).map(|(_, text)| *text),
            Locale::En => en.get(i).copied(),
        }
    }

    /// Every (key, text) of a table.
    fn all(
        self,
        fr: fr::Texts,
        en: en::Texts,
    ) -> impl Iterator<Item = (&'static str, &'static str)> {
        fr.iter()
            .enumerate()
            .map(move |(i, &(key, text))| match self {
                Locale::Fr => (key, text),
                Locale::En => (key, en.get(i).copied().unwrap_or(key)),
            })
    }
}

/// Fills `{name}` from the parameters, as a reader of `locale` reads them: in French,
/// dates as DD/MM/YYYY and hours as 1 214,5; JSON type names in words.
/// `{name|one|many}` is the word for the count `name`: "{n|information|informations}".
///
/// The parameters come through `&dyn Fn`: one copy of this function in the module for
/// its three callers, not one per closure type.
fn fill<'a>(locale: Locale, template: &str, param: &dyn Fn(&str) -> Option<&'a Param>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        match after.find('}') {
            Some(close) => {
                let inside = after.get(..close).unwrap_or("");
                let mut parts = inside.split('|');
                let name = parts.next().unwrap_or("");
                let forms = (parts.next(), parts.next());
                let count = match param(name) {
                    Some(Param::Int(v)) => Some(*v),
                    Some(Param::Text(t)) => t.parse::<i64>().ok(),
                    None => None,
                };
                match (param(name), forms) {
                    (Some(_), (Some(one), Some(many))) => {
                        let singular = match (locale, count) {
                            (Locale::Fr, Some(v)) => v <= 1,
                            (_, v) => v == Some(1),
                        };
                        out.push_str(if singular { one } else { many });
                    }
                    (Some(Param::Int(v)), _) => {
                        if locale == Locale::Fr && matches!(name, "hours" | "min_hours") {
                            let mut digits = String::new();
                            crate::calendar::push_int(&mut digits, *v);
                            push_french_number(&mut out, &digits);
                        } else {
                            crate::calendar::push_int(&mut out, *v);
                        }
                    }
                    (Some(Param::Text(t)), _) => push_text(&mut out, locale, name, t),
                    (None, _) => {
                        out.push('{');
                        out.push_str(inside);
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

/// A text parameter as a reader of `locale` reads it.
fn push_text(out: &mut String, locale: Locale, name: &str, t: &str) {
    if name == "allowed" {
        // The expected choices by their labels, never their codes; ";" between them,
        // as a label may hold a comma ("CAP, BEP (niveau 3)").
        for (i, code) in t.split(',').map(str::trim).enumerate() {
            if i > 0 {
                out.push_str(if locale == Locale::Fr { " ; " } else { "; " });
            }
            let iae = |prefix: &str| {
                let mut key = String::from(prefix);
                key.push_str(code);
                locale.iae_label(&key)
            };
            let label = locale
                .choice_label(code)
                .or_else(|| iae("diagnosed_by."))
                .or_else(|| iae("structure_kind."));
            out.push_str(label.unwrap_or(code));
        }
        return;
    }
    if locale != Locale::Fr && !matches!(name, "level_1" | "level_2" | "pair" | "with") {
        out.push_str(t);
        return;
    }
    if let Some(d) = french_date(t).filter(|_| locale == Locale::Fr) {
        out.push_str(&d);
    } else if matches!(name, "hours" | "min_hours") {
        push_french_number(out, t);
    } else if matches!(name, "level_1" | "level_2" | "pair" | "with") {
        // A list of IAE criteria, joined by ", ".
        for (i, id) in t.split(',').map(str::trim).enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let mut key = String::from("iae_criteria.");
            key.push_str(id);
            out.push_str(locale.iae_label(&key).unwrap_or(id));
        }
    } else if matches!(name, "expected" | "received") {
        out.push_str(match t {
            "string" => "texte",
            "object" => "objet",
            "array" => "liste",
            "number" => "nombre",
            "boolean" => "oui ou non",
            "null" => "valeur vide",
            other => other,
        });
    } else {
        out.push_str(t);
    }
}

/// "1214.5" as French readers write it, "1 214,5" (a narrow no-break space between
/// thousands, as `Intl.NumberFormat("fr-FR")` writes it); any other text as it is.
fn push_french_number(out: &mut String, t: &str) {
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) {
        out.push_str(t);
        return;
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
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
    fn french_messages_write_dates_numbers_counts_and_types_in_french() {
        let mut p = crate::finding::Params::default();
        p.0.push(("until", Param::Text("2026-03-09".into())));
        p.0.push(("hours", Param::Text("1214.5".into())));
        p.0.push(("n", Param::Int(1)));
        p.0.push(("m", Param::Int(2)));
        p.0.push(("expected", Param::Text("string".into())));
        let t = "{until} {hours} {n} {n|mot|mots} {m|mot|mots} {expected}";
        assert_eq!(
            fill(Locale::Fr, t, &|name| p.get(name)),
            "09/03/2026 1\u{202f}214,5 1 mot mots texte"
        );
        assert_eq!(
            fill(Locale::En, t, &|name| p.get(name)),
            "2026-03-09 1214.5 1 mot mots string"
        );
        let mut choices = crate::finding::Params::default();
        choices
            .0
            .push(("allowed", Param::Text("woman, man, employer".into())));
        assert_eq!(
            fill(Locale::Fr, "{allowed}", &|name| choices.get(name)),
            "Femme ; Homme ; L'employeur (la structure de l'IAE)"
        );
        let mut zero = crate::finding::Params::default();
        zero.0.push(("n", Param::Int(0)));
        assert_eq!(
            fill(Locale::Fr, "{n|mot|mots}", &|name| zero.get(name)),
            "mot"
        );
        assert_eq!(
            fill(Locale::En, "{n|word|words}", &|name| zero.get(name)),
            "words"
        );
    }

    /// The English tables hold texts alone, found by the French key's position: both
    /// files must list the same keys in the same order.
    #[test]
    fn english_tables_follow_the_french_keys() {
        let keys = |t: fr::Texts| t.iter().map(|(k, _)| *k).collect::<alloc::vec::Vec<_>>();
        let tables: &[(fr::Texts, en::Texts, en::Texts)] = &[
            (fr::LABELS, en::LABELS, en::keys::LABELS),
            (fr::CHOICES, en::CHOICES, en::keys::CHOICES),
            (fr::EXPLANATIONS, en::EXPLANATIONS, en::keys::EXPLANATIONS),
            (fr::FACT_LABELS, en::FACT_LABELS, en::keys::FACT_LABELS),
            #[cfg(feature = "exits")]
            (
                fr::EXIT_EXPLANATIONS,
                en::EXIT_EXPLANATIONS,
                en::keys::EXIT_EXPLANATIONS,
            ),
            #[cfg(feature = "exits")]
            (fr::TERMS, en::TERMS, en::keys::TERMS),
            (fr::RULE_TITLES, en::RULE_TITLES, en::keys::RULE_TITLES),
            (fr::IAE_TERMS, en::IAE_TERMS, en::keys::IAE_TERMS),
        ];
        for (fr_table, en_texts, en_keys) in tables {
            assert_eq!(keys(fr_table), en_keys.to_vec());
            assert_eq!(en_texts.len(), en_keys.len());
        }
        assert_eq!(Locale::En.label("identity.gender"), Some("Gender"));
        assert_eq!(Locale::Fr.label("identity.gender"), Some("Sexe"));
    }

    #[test]
    fn every_rule_has_a_title_in_each_language() {
        let mut ids: alloc::vec::Vec<crate::finding::RuleId> = alloc::vec::Vec::new();
        for p in crate::programme::PROGRAMMES {
            for r in p.rules {
                ids.push(r.id);
            }
            #[cfg(feature = "exits")]
            {
                for r in p.exits.iter().flat_map(|e| e.routes) {
                    ids.push(r.id);
                }
                ids.extend(
                    p.exits
                        .iter()
                        .filter_map(|e| e.proof.as_ref().map(|p| p.id)),
                );
                for r in p.follow_up.iter().flat_map(|f| f.rules) {
                    ids.push(r.id);
                }
            }
        }
        for locale in [Locale::Fr, Locale::En] {
            for id in &ids {
                assert!(locale.rule_title(id.as_str()).is_some(), "{locale:?} {id}");
            }
            for (id, title) in locale.rule_titles() {
                assert!(!title.contains(id), "{locale:?} {id}");
            }
        }
        assert_eq!(
            Locale::Fr.rule_titles().count(),
            Locale::En.rule_titles().count()
        );
        assert_eq!(
            Locale::Fr.iae_labels().count(),
            Locale::En.iae_labels().count()
        );
    }

    #[test]
    fn templates_use_only_parameters_they_are_given() {
        let f = Finding::new(
            Code::AgeOutOfRange,
            "identity.birth_date",
            crate::finding::RuleId::FseAge,
        )
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
