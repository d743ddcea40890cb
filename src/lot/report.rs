//! What a checked export gives back: the error file's lines, the indicators (as a
//! table to serialise, and as CSV), and a self-contained HTML report. Nothing here
//! writes a value of a row but its line number and, when one is mapped, the
//! participant identifier.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use serde::Serialize;

use super::dashboards::{reason_label, tables, Dashboard};
use super::indicators::{Tally, INDICATORS};
use super::{Column, Mapping, RowOutcome};
use crate::finding::Severity;
use crate::locale::Locale;
use crate::questionnaire::{Phase, Requirement, FIELDS};

/// The error file's separator: `;`, as a French spreadsheet opens it.
pub const SEPARATOR: char = ';';

/// The error file's header line.
pub fn error_header(with_id: bool) -> String {
    let mut line = String::from("ligne;");
    if with_id {
        line.push_str("identifiant;");
    }
    line.push_str("colonne;champ;code;gravite;message\n");
    line
}

/// Appends a CSV cell, quoted when it must be.
fn cell(out: &mut String, text: &str) {
    if text.contains([SEPARATOR, '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// Appends the error file's lines of one row: one per finding, in the row's order.
pub fn error_lines(out: &mut String, row: &RowOutcome, mapping: &Mapping, with_id: bool) {
    for f in &row.findings {
        let _ = write!(out, "{}", row.line);
        out.push(SEPARATOR);
        if with_id {
            cell(out, row.id.as_deref().unwrap_or(""));
            out.push(SEPARATOR);
        }
        let column = f
            .column
            .and_then(|c| mapping.headers.get(c))
            .map_or("", String::as_str);
        cell(out, column);
        out.push(SEPARATOR);
        cell(out, &f.field);
        out.push(SEPARATOR);
        out.push_str(f.code.as_str());
        out.push(SEPARATOR);
        out.push_str(match f.severity {
            Severity::Error => "erreur",
            Severity::Warning => "avertissement",
        });
        out.push(SEPARATOR);
        cell(out, &f.message);
        out.push('\n');
    }
}

/// One indicator's line of the summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndicatorLine {
    pub id: &'static str,
    pub label: &'static str,
    pub total: u64,
    pub women: u64,
    pub men: u64,
    pub non_binary: u64,
}

/// Everything the indicators file says.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub phase: &'static str,
    pub reference_date: String,
    /// Lines read after the header.
    pub rows: u64,
    /// Rows counted in the indicators.
    pub counted: u64,
    /// Rows not counted, and why (a row under each code that kept it out).
    pub excluded: u64,
    pub excluded_by_code: BTreeMap<&'static str, u64>,
    pub errors: u64,
    pub warnings: u64,
    pub findings_by_code: BTreeMap<&'static str, u64>,
    /// The indicators of the phase, in the order of Annex I.
    pub indicators: Vec<IndicatorLine>,
    /// Rows by completeness of the required fields: `completeness[n]` rows have n
    /// tenths answered (10: all).
    pub completeness: [u64; 11],
    /// Rows by month of entry, `YYYY-MM`.
    pub entries_by_month: BTreeMap<String, u64>,
    /// Columns of the export that give no field.
    pub ignored_columns: Vec<String>,
    /// Fields the phase always requires that no column gives: every row lacks them
    /// (each row's `required_field_missing` findings say so line by line).
    pub required_without_column: Vec<&'static str>,
    /// The programme dashboards the export's columns allow (none without programme
    /// columns), each with the rows it counts apart and why.
    pub dashboards: Vec<Dashboard>,
}

impl Summary {
    pub fn new(
        tally: &Tally,
        phase: Phase,
        reference: chrono::NaiveDate,
        mapping: &Mapping,
        locale: Locale,
    ) -> Summary {
        let indicators = INDICATORS
            .iter()
            .zip(&tally.by_indicator)
            .filter(|(i, _)| i.from <= phase)
            .map(|(i, &[women, men, non_binary])| IndicatorLine {
                id: i.id,
                label: match locale {
                    Locale::Fr => i.label_fr,
                    Locale::En => i.label_en,
                },
                total: women + men + non_binary,
                women,
                men,
                non_binary,
            })
            .collect();
        Summary {
            phase: phase.as_str(),
            reference_date: format!("{reference}"),
            rows: tally.rows,
            counted: tally.counted,
            excluded: tally.excluded,
            excluded_by_code: tally.excluded_by_code.clone(),
            errors: tally.errors,
            warnings: tally.warnings,
            findings_by_code: tally.findings_by_code.clone(),
            indicators,
            completeness: tally.completeness,
            entries_by_month: tally
                .entries_by_month
                .iter()
                .map(|((y, m), n)| (format!("{y:04}-{m:02}"), *n))
                .collect(),
            ignored_columns: mapping.ignored().map(String::from).collect(),
            required_without_column: FIELDS
                .iter()
                .filter(|f| f.asked <= phase && f.requirement == Requirement::Required)
                .filter(|f| !mapping.columns.contains(&Column::Field(f.id)))
                .map(|f| f.path)
                .collect(),
            dashboards: tables(
                &tally.dashboards,
                &mapping
                    .columns
                    .iter()
                    .filter_map(|c| match c {
                        Column::Programme(p) => Some(*p),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            ),
        }
    }

    /// The indicators as CSV (`;`): id, label, total, women, men, non-binary.
    pub fn indicators_csv(&self) -> String {
        let mut out = String::from("indicateur;libelle;total;femmes;hommes;non_binaires\n");
        for i in &self.indicators {
            out.push_str(i.id);
            out.push(SEPARATOR);
            cell(&mut out, i.label);
            let _ = writeln!(out, ";{};{};{};{}", i.total, i.women, i.men, i.non_binary);
        }
        let _ = writeln!(out, "lignes_lues;Lignes lues;{};;;", self.rows);
        let _ = writeln!(out, "lignes_comptees;Lignes comptées;{};;;", self.counted);
        let _ = writeln!(out, "lignes_ecartees;Lignes écartées;{};;;", self.excluded);
        for (code, n) in &self.excluded_by_code {
            let _ = writeln!(out, "ecartees_{code};Lignes écartées : {code};{n};;;");
        }
        // The dashboards: one line per table line and column, then the rows apart.
        for d in &self.dashboards {
            for line in &d.lines {
                for ((column, label), n) in d.columns.iter().zip(d.column_labels).zip(&line.counts)
                {
                    let mut id = format!("{}.{}.", d.id, line.key);
                    id.push_str(column);
                    cell(&mut out, &id);
                    out.push(SEPARATOR);
                    cell(
                        &mut out,
                        &format!("{} — {} — {}", d.title, line.label, label),
                    );
                    let _ = writeln!(out, ";{n};;;");
                }
            }
            for (reason, n) in &d.apart {
                let _ = writeln!(
                    out,
                    "{}.a_part.{reason};{} — à part : {};{n};;;",
                    d.id,
                    d.title,
                    reason_label(reason)
                );
            }
        }
        out
    }

    /// A self-contained HTML report: tables and inline SVG bar charts, no script, no
    /// link to anything outside the file.
    pub fn html(&self) -> String {
        let mut h = String::with_capacity(16_384);
        h.push_str("<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">");
        h.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        h.push_str("<title>Contrôle de l'export des participants</title><style>");
        h.push_str("body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#161616}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}svg{display:block;margin:1rem 0}");
        h.push_str("</style></head><body>\n");
        let _ = write!(
            h,
            "<h1>Contrôle de l'export des participants</h1>\n<p>Phase : {} — date de référence : {}. Lignes lues : {}, comptées dans les indicateurs : {}, écartées : {}. Erreurs : {}, avertissements : {}.</p>\n",
            esc(phase_fr(self.phase)),
            esc(&self.reference_date),
            self.rows,
            self.counted,
            self.excluded,
            self.errors,
            self.warnings
        );
        h.push_str("<h2>Indicateurs communs FSE+</h2>\n<table><thead><tr><th scope=\"col\">Indicateur</th><th scope=\"col\">Total</th><th scope=\"col\">Femmes</th><th scope=\"col\">Hommes</th><th scope=\"col\">Non binaires</th></tr></thead><tbody>\n");
        for i in &self.indicators {
            let _ = writeln!(
                h,
                "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(i.label),
                i.total,
                i.women,
                i.men,
                i.non_binary
            );
        }
        h.push_str("</tbody></table>\n");
        h.push_str("<h2>Lignes écartées des indicateurs, par motif</h2>\n");
        table(
            &mut h,
            "Motif (code)",
            self.excluded_by_code.iter().map(|(k, v)| (*k, *v)),
        );
        h.push_str("<h2>Constats par code</h2>\n");
        let by_code: Vec<(&str, u64)> = self
            .findings_by_code
            .iter()
            .map(|(k, v)| (*k, *v))
            .collect();
        bars(&mut h, "Constats par code", &by_code);
        table(&mut h, "Code", by_code.iter().copied());
        h.push_str("<h2>Complétude des champs obligatoires</h2>\n");
        let labels: [&str; 11] = [
            "0 %", "10 %", "20 %", "30 %", "40 %", "50 %", "60 %", "70 %", "80 %", "90 %", "100 %",
        ];
        let completeness: Vec<(&str, u64)> = labels
            .iter()
            .copied()
            .zip(self.completeness.iter().copied())
            .collect();
        bars(&mut h, "Lignes par complétude", &completeness);
        h.push_str("<h2>Entrées par mois</h2>\n");
        let months: Vec<(&str, u64)> = self
            .entries_by_month
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect();
        bars(&mut h, "Entrées par mois", &months);
        table(&mut h, "Mois", months.iter().copied());
        for d in &self.dashboards {
            dashboard_html(&mut h, d);
        }
        if !self.required_without_column.is_empty() {
            h.push_str("<h2>Champs obligatoires sans colonne</h2>\n<p>Aucune colonne de l'export ne donne ces champs, que la phase demande pour chaque ligne :</p><ul>");
            for c in &self.required_without_column {
                let _ = write!(h, "<li>{}</li>", esc(c));
            }
            h.push_str("</ul>\n");
        }
        if !self.ignored_columns.is_empty() {
            h.push_str("<h2>Colonnes non lues</h2>\n<ul>");
            for c in &self.ignored_columns {
                let _ = write!(h, "<li>{}</li>", esc(c));
            }
            h.push_str("</ul>\n");
        }
        h.push_str("</body></html>\n");
        h
    }
}

/// A dashboard: its table, a bar chart of its first column, the rows apart.
fn dashboard_html(h: &mut String, d: &Dashboard) {
    let _ = writeln!(h, "<h2>{}</h2>", esc(d.title));
    if d.withheld.is_some() {
        h.push_str("<p>Plus de 64 territoires différents : la colonne ne semble pas donner des territoires, le tableau n'est pas donné.</p>\n");
    } else {
        let _ = write!(
            h,
            "<table><thead><tr><th scope=\"col\">{}</th>",
            esc(d.key_label)
        );
        for label in d.column_labels {
            let _ = write!(h, "<th scope=\"col\">{}</th>", esc(label));
        }
        h.push_str("</tr></thead><tbody>");
        for line in &d.lines {
            let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(&line.label));
            for n in &line.counts {
                let _ = write!(h, "<td class=\"n\">{n}</td>");
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>\n");
        let first: Vec<(&str, u64)> = d
            .lines
            .iter()
            .map(|l| (l.label.as_str(), l.counts.first().copied().unwrap_or(0)))
            .collect();
        let title = format!(
            "{} — {}",
            d.title,
            d.column_labels.first().copied().unwrap_or("")
        );
        bars(h, &title, &first);
    }
    if !d.apart.is_empty() {
        h.push_str("<p>Lignes comptées à part, et pourquoi :</p>\n");
        table(
            h,
            "Motif",
            d.apart.iter().map(|(k, v)| (reason_label(k), *v)),
        );
    }
}

fn phase_fr(phase: &str) -> &'static str {
    match phase {
        "exit" => "sortie",
        "follow_up" => "suivi à six mois",
        _ => "entrée",
    }
}

fn table<'a>(h: &mut String, first: &str, rows: impl Iterator<Item = (&'a str, u64)>) {
    let _ = write!(
        h,
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">Lignes</th></tr></thead><tbody>",
        esc(first)
    );
    for (k, v) in rows {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{v}</td></tr>",
            esc(k)
        );
    }
    h.push_str("</tbody></table>\n");
}

/// A horizontal bar chart as inline SVG, with a text title for screen readers.
fn bars(h: &mut String, title: &str, rows: &[(&str, u64)]) {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let height = rows.len() * 22 + 10;
    let _ = write!(
        h,
        "<svg role=\"img\" aria-label=\"{}\" width=\"640\" height=\"{height}\" viewBox=\"0 0 640 {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    for (n, (label, value)) in rows.iter().enumerate() {
        let y = n * 22 + 5;
        let width = (*value as f64 / max as f64 * 360.0).round();
        let _ = write!(
            h,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text><rect x=\"230\" y=\"{y}\" width=\"{width}\" height=\"16\" fill=\"#000091\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{value}</text>",
            y + 12,
            esc(&label.chars().take(34).collect::<String>()),
            236.0 + width,
            y + 12
        );
    }
    h.push_str("</svg>\n");
}

fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Compact JSON text (as [`crate::output::to_json`] writes it) laid out as
/// serde_json's pretty printer does: two spaces a level, `": "`, empty `[]` and `{}`.
/// The browser's module writes `indicateurs.json` with it, byte for byte the command
/// line's, without linking serde_json (tests/lot.rs compares both).
pub fn pretty_json(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                if matches!(chars.peek(), Some('}') | Some(']')) {
                    if let Some(close) = chars.next() {
                        out.push(close);
                    }
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}
