//! `scimlint table`: a mapping drawn as the Okta console's To App attribute-mapping table, each
//! row marked with its findings, so that a reviewer sees the setup as the admin does.

use std::io::{self, Write};

use crate::finding::Report;
use crate::model::{AttributeType, Entry, EntryValue, Mapping, Setup};
use crate::ruleset::Target;

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
        EntryValue::Remove(_) => "(removed)".into(),
        EntryValue::Invalid => "(invalid)".into(),
    };
    let apply_on = match (&entry.value, entry.apply_on) {
        (EntryValue::SignOn(_), _) => String::new(),
        (_, Some(apply_on)) => apply_on.label().to_owned(),
        (_, None) => "(invalid)".into(),
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
        .map(|finding| format!("{} {}", finding.code, finding.severity.as_str()))
        .collect();
    findings.dedup();
    Row {
        attribute: entry.attribute.clone(),
        attribute_type: entry.attribute_type.map_or(AttributeType::Personal, |(kind, _)| kind).label(),
        value,
        apply_on,
        findings,
    }
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
        draw(&rows, out)?;
        writeln!(out)?;
    }
    if mappings.is_empty() {
        writeln!(out, "No attribute mapping to draw.")?;
    }
    Ok(())
}

fn draw(rows: &[Row], out: &mut dyn Write) -> io::Result<()> {
    let header = ["Attribute", "Attribute Type", "Value", "Apply on", "Findings"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|row| {
            let findings = if row.findings.is_empty() { "ok".to_owned() } else { row.findings.join(", ") };
            [row.attribute.clone(), row.attribute_type.to_owned(), row.value.clone(), row.apply_on.clone(), findings]
        })
        .collect();
    let mut widths = header.map(|title| title.chars().count());
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        format!("| {} |", padded.join(" | "))
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "|{}|", widths.map(|width| "-".repeat(width + 2)).join("|"))?;
    for row in &cells {
        writeln!(out, "{}", line([&row[0], &row[1], &row[2], &row[3], &row[4]]))?;
    }
    Ok(())
}
