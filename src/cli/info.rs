//! The subcommands that print what scimlint knows: rule documentation, the rule list, target
//! profiles and schemas.

use std::io::{self, Write};

use scimlint::error::Error;
use scimlint::ruleset::target::BUILT_IN;
use scimlint::ruleset::{Code, FixAvailability, Target};

use super::{DocFormat, Failure, SchemaKind};

pub fn explain(rule: &str, format: DocFormat, out: &mut dyn Write) -> Result<u8, Failure> {
    let code = Code::lookup(rule).ok_or_else(|| Error::UnknownRule { name: rule.to_owned() })?;
    let info = code.info();
    match format {
        DocFormat::Json => {
            let value = serde_json::json!({
                "code": code.as_str(), "name": info.name, "severity": info.severity,
                "fix": info.fix, "summary": info.summary(), "documentation": info.docs,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value).map_err(io::Error::other)?)?;
        }
        DocFormat::Text => {
            let mut lines = info.docs.lines();
            let heading = lines.next().unwrap_or_default();
            writeln!(out, "{heading}\n\nDefault severity: {}. Fix: {}.", info.severity.as_str(), fix_word(code))?;
            for line in lines {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(0)
}

fn fix_word(code: Code) -> &'static str {
    match code.info().fix {
        FixAvailability::None => "none",
        FixAvailability::Sometimes => "sometimes",
        FixAvailability::Always => "always",
    }
}

pub fn rules(format: DocFormat, out: &mut dyn Write) -> Result<u8, Failure> {
    if format == DocFormat::Json {
        let rules: Vec<_> = Code::ALL
            .iter()
            .map(|code| {
                let info = code.info();
                serde_json::json!({"code": code.as_str(), "name": info.name, "severity": info.severity, "fix": info.fix, "summary": info.summary()})
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&rules).map_err(io::Error::other)?)?;
        return Ok(0);
    }
    writeln!(out, "{:<6}{:<32}{:<10}{:<11}SUMMARY", "CODE", "NAME", "SEVERITY", "FIX")?;
    for code in Code::ALL {
        let info = code.info();
        writeln!(
            out,
            "{:<6}{:<32}{:<10}{:<11}{}",
            code.as_str(),
            info.name,
            info.severity.as_str(),
            fix_word(*code),
            info.summary()
        )?;
    }
    Ok(0)
}

pub fn targets(name: Option<&str>, out: &mut dyn Write) -> Result<u8, Failure> {
    let Some(name) = name else {
        for name in BUILT_IN {
            let target = Target::load(name)?;
            writeln!(out, "{:<10}{}", target.name, target.description.as_deref().unwrap_or(&target.title))?;
        }
        return Ok(0);
    };
    let target = Target::load(name)?;
    writeln!(out, "{} ({})\n", target.title, target.origin)?;
    let header = ["ATTRIBUTE", "SCIM PATH", "TYPE", "RECOMMENDED", "OKTA SOURCE", "APPLY ON"];
    let rows: Vec<[String; 6]> = target
        .attributes
        .iter()
        .map(|attribute| {
            [
                attribute.name.clone(),
                attribute.scim_path.clone(),
                attribute.attribute_type.label().to_owned(),
                if attribute.recommended { "yes" } else { "no" }.to_owned(),
                attribute.okta_source.clone().unwrap_or_else(|| "-".to_owned()),
                attribute.apply_on.map_or("-", |apply_on| apply_on.label()).to_owned(),
            ]
        })
        .collect();
    // Each column as wide as its widest cell, so that no value runs into the next column.
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(cell, width)| format!("{cell:<width$}")).collect();
        padded.join("  ").trim_end().to_owned()
    };
    writeln!(out, "{}", line(header))?;
    let indent = widths[0] + 2;
    let width = super::terminal_width().max(indent + 30);
    for (row, attribute) in rows.iter().zip(&target.attributes) {
        writeln!(out, "{}", line([&row[0], &row[1], &row[2], &row[3], &row[4], &row[5]]))?;
        // The effect, wrapped between words under the other columns.
        for text in wrap(&attribute.effect, width - indent) {
            writeln!(out, "{:indent$}{text}", "")?;
        }
    }
    let feature_width = target.features.values().map(|feature| feature.label.chars().count()).max().unwrap_or(7) + 2;
    writeln!(out, "\n{:<feature_width$}SUPPORTED", "FEATURE")?;
    for feature in target.features.values() {
        writeln!(out, "{:<feature_width$}{}", feature.label, if feature.supported { "yes" } else { "no" })?;
    }
    Ok(0)
}

/// `text` in lines of at most `width` characters, broken between words only.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn schema(kind: SchemaKind, out: &mut dyn Write) -> Result<u8, Failure> {
    let path = match kind {
        SchemaKind::Manifest => "schemas/manifest.schema.json",
        SchemaKind::Target => "schemas/target.schema.json",
        SchemaKind::ProfileMapping => "schemas/profile-mapping.schema.json",
        SchemaKind::Config => "schemas/config.schema.json",
    };
    let text = scimlint::ruleset::embedded_file(path).ok_or_else(|| scimlint::DataError::missing(path))?;
    out.write_all(text.as_bytes())?;
    Ok(0)
}
