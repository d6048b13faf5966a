//! The subcommands. Each writes to the given output and returns the exit code.

use std::io::{self, IsTerminal, Write};

use scimlint::code::Code;
use scimlint::error::Error;
use scimlint::finding::Severity;
use scimlint::render::{self, Format, HumanOptions, Tally};
use scimlint::rulebook::rulebook;
use scimlint::settings::{Selector, Settings};
use scimlint::target::{BUILT_IN, Target};
use scimlint::{Linter, inputs};

use crate::{CheckArgs, Color, DocFormat, FailOn, SchemaKind};

pub enum Failure {
    BrokenPipe,
    Error(Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::BrokenPipe
        } else {
            Self::Error(Error::Io { path: "<stdout>".into(), reason: error.to_string() })
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Self::Error(error)
    }
}

impl From<scimlint::DataError> for Failure {
    fn from(error: scimlint::DataError) -> Self {
        Self::Error(error.into())
    }
}

fn human_options(color: Color) -> HumanOptions {
    let terminal = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty() && value != "0");
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && !no_color,
    };
    let columns = std::env::var("COLUMNS").ok().and_then(|value| value.parse::<usize>().ok());
    let width = columns
        .or_else(|| terminal.then(|| terminal_size::terminal_size().map(|(width, _)| usize::from(width.0))).flatten())
        .unwrap_or(100);
    HumanOptions { color, unicode: true, width }
}

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut settings = Settings::default();
    for text in &args.select {
        settings.select.push(Selector::parse(text)?);
    }
    for text in &args.ignore {
        settings.ignore.push(Selector::parse(text)?);
    }
    let target = Target::load(&args.target)?;
    let linter = Linter::new(target, settings)?;
    let mut paths = args.paths.clone();
    paths.extend(args.user_schema.iter().cloned());
    let (inputs, errors) = inputs::collect(&paths, args.stdin_filename.as_deref());
    for error in &errors {
        crate::print_error(error);
    }
    if inputs.is_empty() && errors.is_empty() {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let report = linter.lint(inputs);
    if report.files.is_empty() && errors.is_empty() {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let format = args.format.unwrap_or(Format::Human);
    render::render(&report, format, &human_options(args.color), out)?;
    if !args.quiet && matches!(format, Format::Human | Format::Concise) {
        writeln!(out, "{}", Tally::of(&report).sentence(report.files.len()))?;
    }
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = threshold.is_some_and(|threshold| report.findings.iter().any(|finding| finding.severity >= threshold));
    Ok(if !errors.is_empty() { 2 } else { u8::from(failed) })
}

pub fn explain(rule: &str, format: DocFormat, out: &mut dyn Write) -> Result<u8, Failure> {
    let code = rulebook().lookup(rule).ok_or_else(|| Error::UnknownRule { name: rule.to_owned() })?;
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
        scimlint::rulebook::FixAvailability::None => "none",
        scimlint::rulebook::FixAvailability::Sometimes => "sometimes",
        scimlint::rulebook::FixAvailability::Always => "always",
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
    };
    let text = scimlint::rulebook::embedded_file(path).ok_or_else(|| scimlint::DataError::missing(path))?;
    out.write_all(text.as_bytes())?;
    Ok(0)
}
