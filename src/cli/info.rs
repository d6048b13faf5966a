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
    writeln!(
        out,
        "{:<14}{:<22}{:<10}{:<13}{:<22}{:<11}",
        "ATTRIBUTE", "SCIM PATH", "TYPE", "RECOMMENDED", "OKTA SOURCE", "APPLY ON"
    )?;
    for attribute in &target.attributes {
        writeln!(
            out,
            "{:<14}{:<22}{:<10}{:<13}{:<22}{:<11}",
            attribute.name,
            attribute.scim_path,
            attribute.attribute_type.label(),
            if attribute.recommended { "yes" } else { "no" },
            attribute.okta_source.as_deref().unwrap_or("-"),
            attribute.apply_on.map_or("-", |apply_on| apply_on.label()),
        )?;
        writeln!(out, "{:<14}{}", "", attribute.effect)?;
    }
    writeln!(out, "\n{:<26}SUPPORTED", "FEATURE")?;
    for feature in target.features.values() {
        writeln!(out, "{:<26}{}", feature.label, if feature.supported { "yes" } else { "no" })?;
    }
    Ok(0)
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
