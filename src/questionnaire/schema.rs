//! The questionnaire described for a page or a portal: every field with its kind,
//! choices, when it is asked and required, and its label in the requested language.
//! A page builds its form from this, so no field list is written twice.

use alloc::vec::Vec;

use serde::Serialize;

use super::{Kind, Requirement, FIELDS, SECTIONS};
use crate::locale::Locale;

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Schema {
    pub sections: Vec<SectionSchema>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionSchema {
    pub name: &'static str,
    pub label: &'static str,
    pub fields: Vec<FieldSchema>,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldSchema {
    pub path: &'static str,
    pub label: &'static str,
    /// How the value is given and checked.
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "\"text\" | \"date\" | \"boolean\" | \"answer\" | \"choice\" | \"count\" | \"postal_code\" | \"insee\" | \"email\" | \"phone\" | \"nir\" | \"operation_id\""
        )
    )]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ChoiceSchema>>", optional))]
    pub choices: Vec<ChoiceSchema>,
    /// Longest text, or largest number.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub max: Option<u32>,
    /// The first phase that asks it.
    #[cfg_attr(feature = "ts", ts(type = "\"entry\" | \"exit\" | \"follow_up\""))]
    pub asked: &'static str,
    /// "required", "optional", or the path of the boolean field that makes it required.
    pub required: &'static str,
    /// Sensitive or household item: optional, "refused" is an answer.
    pub refusable: bool,
}

#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChoiceSchema {
    pub value: &'static str,
    pub label: &'static str,
}

pub fn schema(locale: Locale) -> Schema {
    let choice = |value: &'static str| ChoiceSchema {
        value,
        label: locale.choice_label(value).unwrap_or(value),
    };
    let sections = SECTIONS
        .iter()
        .map(|&name| SectionSchema {
            name,
            label: locale.label(name).unwrap_or(name),
            fields: FIELDS
                .iter()
                .filter(|s| s.section == name)
                .map(|s| {
                    let (kind, choices, max): (&str, Vec<_>, _) = match s.kind {
                        Kind::Text { max } => ("text", Vec::new(), Some(max)),
                        Kind::Date => ("date", Vec::new(), None),
                        Kind::Bool => ("boolean", Vec::new(), None),
                        Kind::Answer => (
                            "answer",
                            ["yes", "no", "refused"].into_iter().map(choice).collect(),
                            None,
                        ),
                        Kind::Choice(values) => {
                            ("choice", values.iter().copied().map(choice).collect(), None)
                        }
                        Kind::Count { max } => ("count", Vec::new(), Some(u32::from(max))),
                        Kind::PostalCode => ("postal_code", Vec::new(), None),
                        Kind::Insee => ("insee", Vec::new(), None),
                        Kind::Email => ("email", Vec::new(), None),
                        Kind::Phone => ("phone", Vec::new(), None),
                        Kind::Nir => ("nir", Vec::new(), None),
                        Kind::OperationId => ("operation_id", Vec::new(), Some(32)),
                    };
                    FieldSchema {
                        path: s.path,
                        label: locale.label(s.path).unwrap_or(s.path),
                        kind,
                        choices,
                        max,
                        asked: s.asked.as_str(),
                        required: match s.requirement {
                            Requirement::Optional => "optional",
                            Requirement::Required => "required",
                            Requirement::When(f) => f.path(),
                        },
                        refusable: s.kind == Kind::Answer,
                    }
                })
                .collect(),
        })
        .collect();
    Schema { sections }
}
