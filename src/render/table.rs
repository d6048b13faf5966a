//! `scimlint table`: a mapping drawn as the Okta console's To App attribute-mapping table, each
//! row marked with its findings, and the provisioning features the file states, so that a
//! reviewer sees the setup as the admin does. A file with nothing to draw says why.

use std::io::{self, Write};

use crate::finding::{FileRole, Finding, Report};
use crate::model::{AttributeType, Entry, EntryValue, Features, Mapping, Setup};
use crate::ruleset::{Code, Target};
use crate::source::Span;

pub struct Row {
    pub attribute: String,
    pub attribute_type: &'static str,
    pub value: String,
    pub apply_on: String,
    pub findings: Vec<String>,
}

fn row(report: &Report, mapping: &Mapping, entry: &Entry) -> Row {
    let value = match &entry.value {
        EntryValue::Expression { text, .. } => text.clone(),
        EntryValue::SignOn(_) => "Configured in Sign On settings".into(),
        // `null` in an update body is valid: it deletes the attribute's mapping.
        EntryValue::Remove(_) => "(mapping removed: null)".into(),
        EntryValue::Invalid => "(invalid)".into(),
    };
    let apply_on = match (&entry.value, entry.apply_on) {
        (EntryValue::SignOn(_) | EntryValue::Remove(_), _) => String::new(),
        (_, Some(apply_on)) => apply_on.label().to_owned(),
        (_, None) => "(invalid)".into(),
    };
    let attribute_type = match entry.value {
        EntryValue::Remove(_) => "",
        _ => entry.attribute_type.as_deref().map_or(AttributeType::Personal, |&(kind, _)| kind).label(),
    };
    let inside = |span: crate::source::Span| {
        let whole = entry.removal.unwrap_or(entry.attribute_span);
        span.start >= whole.start.min(entry.attribute_span.start) && span.end <= whole.end.max(entry.attribute_span.end)
    };
    let mut findings: Vec<String> = report
        .findings
        .iter()
        .filter(|finding| {
            finding.file == mapping.file
                && (finding
                    .pointer
                    .as_deref()
                    .is_some_and(|p| p == entry.pointer || p.starts_with(&format!("{}/", entry.pointer)))
                    || inside(finding.span))
        })
        .map(marker)
        .collect();
    findings.dedup();
    Row { attribute: entry.attribute.clone(), attribute_type, value, apply_on, findings }
}

fn marker(finding: &Finding) -> String {
    format!("{} {}", finding.code, finding.severity.as_str())
}

/// The features a file states, each with the findings that point at it.
fn features(report: &Report, target: &Target, features: &Features, out: &mut dyn Write) -> io::Result<()> {
    let inside = |span: Span, of: Span| span.start >= of.start && span.end <= of.end;
    let rows: Vec<[String; 3]> = features
        .flags
        .iter()
        .map(|flag| {
            let label = target.features.get(&flag.key).map_or(flag.key.as_str(), |info| info.label.as_str());
            let mut findings: Vec<String> = report
                .findings
                .iter()
                .filter(|finding| {
                    finding.file == features.file
                        && (finding.pointer.as_deref() == Some(flag.pointer.as_str())
                            || inside(finding.span, flag.span))
                })
                .map(marker)
                .collect();
            findings.dedup();
            let findings = if findings.is_empty() { "ok".to_owned() } else { findings.join(", ") };
            [label.to_owned(), if flag.enabled { "on" } else { "off" }.to_owned(), findings]
        })
        .collect();
    writeln!(out, "{} (Provisioning > To App)", report.files[features.file].name)?;
    draw(&["Feature", "Enabled", "Findings"], &rows, out)?;
    writeln!(out)
}

/// Why a file has nothing to draw: it does not parse, is no document scimlint reads, or holds
/// no attribute mapping.
fn nothing_to_draw(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for file in (0..report.files.len()).filter(|&file| report.role(file) != Some(FileRole::Config)) {
        let name = &report.files[file].name;
        let blocking = report
            .findings
            .iter()
            .find(|finding| finding.file == file && matches!(finding.code, Code::F001 | Code::F002 | Code::F005));
        match blocking {
            Some(finding) => {
                let at = report.files[file].position(finding.span.start);
                writeln!(
                    out,
                    "{name}: nothing to draw: {}:{}: {} {} (`scimlint check {name}` shows it)",
                    at.line, at.column, finding.code, finding.message
                )?;
            }
            None => writeln!(
                out,
                "{name}: nothing to draw: no attribute mapping in it (name a mapping export, a Terraform file with okta_profile_mapping, or a manifest with `mappings:`)"
            )?,
        }
    }
    Ok(())
}

/// Draws each mapping of `setups` as a table, with the findings of `report` on its rows.
pub fn render(report: &Report, setups: &[Setup], target: &Target, out: &mut dyn Write) -> io::Result<()> {
    let mut mappings: Vec<&Mapping> = setups.iter().flat_map(|setup| &setup.mappings).collect();
    mappings.sort_by_key(|mapping| (mapping.file, mapping.anchor.start));
    mappings.dedup_by_key(|mapping| (mapping.file, mapping.anchor.start));
    for mapping in &mappings {
        let mut rows: Vec<Row> = mapping.entries.iter().map(|entry| row(report, mapping, entry)).collect();
        // The console always shows the username row, filled from the Sign On settings.
        let sign_on = target.attributes.iter().find(|attribute| attribute.sign_on);
        if let Some(attribute) = sign_on.filter(|a| !rows.iter().any(|row| row.attribute == a.name)) {
            rows.insert(
                0,
                Row {
                    attribute: attribute.name.clone(),
                    attribute_type: attribute.attribute_type.label(),
                    value: "Configured in Sign On settings".into(),
                    apply_on: String::new(),
                    findings: Vec::new(),
                },
            );
        }
        let file = &report.files[mapping.file].name;
        writeln!(
            out,
            "{file}{}",
            if mapping.pointer.is_empty() { String::new() } else { format!(" ({})", mapping.pointer) }
        )?;
        let cells: Vec<[String; 5]> = rows
            .into_iter()
            .map(|row| {
                let findings = if row.findings.is_empty() { "ok".to_owned() } else { row.findings.join(", ") };
                [row.attribute, row.attribute_type.to_owned(), row.value, row.apply_on, findings]
            })
            .collect();
        draw(&["Attribute", "Attribute Type", "Value", "Apply on", "Findings"], &cells, out)?;
        writeln!(out)?;
    }
    let mut stated: Vec<&Features> = setups.iter().flat_map(|setup| &setup.features).collect();
    stated.sort_by_key(|features| (features.file, features.anchor.start));
    stated.dedup_by_key(|features| (features.file, features.anchor.start));
    for features_of in &stated {
        features(report, target, features_of, out)?;
    }
    if mappings.is_empty() {
        nothing_to_draw(report, out)?;
    }
    Ok(())
}

fn draw<const N: usize>(header: &[&str; N], rows: &[[String; N]], out: &mut dyn Write) -> io::Result<()> {
    let mut widths = header.map(|title| title.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        format!("| {} |", padded.join(" | "))
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    writeln!(out, "|{}|", widths.map(|width| "-".repeat(width + 2)).join("|"))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
