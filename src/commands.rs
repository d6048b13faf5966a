//! The subcommands. Each writes to the given output and returns the exit code.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use scimlint::code::Code;
use scimlint::config::Config;
use scimlint::error::Error;
use scimlint::finding::Severity;
use scimlint::render::{self, Format, HumanOptions, Tally};
use scimlint::rulebook::rulebook;
use scimlint::settings::{Selector, Settings};
use scimlint::target::{BUILT_IN, Target};
use scimlint::{Linter, inputs};

use crate::{CheckArgs, Color, DocFormat, SchemaKind};

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

fn fail_level(text: &str) -> Option<Severity> {
    match text {
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        "never" => None,
        _ => Some(Severity::Error),
    }
}

/// The directory whose nearest config applies to input `name`.
fn input_dir(args: &CheckArgs, name: &str) -> PathBuf {
    if name == "<stdin>" || args.stdin_filename.as_deref() == Some(name) {
        return PathBuf::from(".");
    }
    Path::new(name).parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// The config that applies to the inputs of `dir`: `--config`, none with `--no-config`, else the nearest.
fn config_for(args: &CheckArgs, dir: &Path) -> Option<PathBuf> {
    if args.no_config {
        return None;
    }
    if let Some(path) = &args.config {
        return Some(PathBuf::from(path));
    }
    scimlint::config::nearest(dir)
}

/// One linter per config in force: settings from the config, then the command line on top.
fn linter_for(args: &CheckArgs, config: Option<&Config>) -> Result<(Linter, Option<Severity>), Failure> {
    let mut settings = Settings::default();
    if let Some(config) = config {
        config.apply(&mut settings)?;
    }
    if !args.select.is_empty() {
        settings.select = args.select.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
    }
    if !args.ignore.is_empty() {
        settings.ignore = args.ignore.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
    }
    let target_name = match (&args.target, config.and_then(|config| config.target.as_ref())) {
        (Some(target), _) => target.clone(),
        (None, Some(target)) if target.contains(['/', '.']) => {
            config.map_or(PathBuf::from(target), |config| config.dir.join(target)).to_string_lossy().into_owned()
        }
        (None, Some(target)) => target.clone(),
        (None, None) => "haiilo".to_owned(),
    };
    let fail_on = match (args.fail_on, config.and_then(|config| config.fail_on.as_deref())) {
        (Some(level), _) => fail_level(level.as_str()),
        (None, Some(level)) => fail_level(level),
        (None, None) => Some(Severity::Error),
    };
    let target = Target::load(&target_name)?;
    let linter = match config {
        Some(config) => Linter::with_config(target, settings, config)?,
        None => Linter::new(target, settings)?,
    };
    Ok((linter, fail_on))
}

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut paths = args.paths.clone();
    paths.extend(args.user_schema.iter().cloned());
    let (mut inputs, errors) = inputs::collect_limited(&paths, args.stdin_filename.as_deref(), args.max_file_size);
    for error in &errors {
        crate::print_error(error);
    }
    if args.ignore_unknown {
        inputs.iter_mut().for_each(|input| input.explicit = false);
    }
    if inputs.is_empty() && errors.is_empty() && !args.ignore_unknown {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let mut groups: Vec<(Option<PathBuf>, Vec<scimlint::Input>)> = Vec::new();
    // Files of one directory share their nearest config: look it up once per directory.
    let mut nearest: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for input in inputs {
        let dir = input_dir(args, &input.name);
        let config = nearest.entry(dir).or_insert_with_key(|dir| config_for(args, dir)).clone();
        match groups.iter_mut().find(|(path, _)| *path == config) {
            Some((_, members)) => members.push(input),
            None => groups.push((config, vec![input])),
        }
    }
    let mut report = scimlint::Report::default();
    let mut failed = false;
    let mut fixed = 0;
    let mut would_fix = Vec::new();
    for (config_path, inputs) in groups {
        let config = config_path.as_deref().map(Config::load).transpose()?;
        let (linter, fail_on) = linter_for(args, config.as_ref())?;
        let mut part = linter.lint(inputs);
        if args.diff {
            would_fix.push(diff(&linter, &part, args.unsafe_fixes, out)?);
            continue;
        }
        if args.fix {
            let applied;
            (part, applied) = fix(&linter, part, args.unsafe_fixes)?;
            fixed += applied;
        }
        failed |= fail_on.is_some_and(|level| part.findings.iter().any(|finding| finding.severity >= level));
        report.merge(part);
    }
    if args.diff {
        let count: usize = would_fix.iter().sum();
        if count > 0 {
            eprintln!("Would fix {count} finding{}.", if count == 1 { "" } else { "s" });
        }
        return Ok(if errors.is_empty() { u8::from(count > 0) } else { 2 });
    }
    if report.files.is_empty() && errors.is_empty() {
        if args.ignore_unknown {
            return Ok(0);
        }
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let format = args.format.unwrap_or(Format::Human);
    render::render(&report, format, &human_options(args.color), out)?;
    // In GitHub Actions the annotations are what shows on the pull request; add them unasked.
    if args.format.is_none() && std::env::var("GITHUB_ACTIONS").is_ok_and(|value| value == "true") {
        render::render(&report, Format::Github, &human_options(args.color), out)?;
    }
    if !args.quiet && matches!(format, Format::Human | Format::Concise) {
        if args.fix {
            writeln!(out, "Fixed {fixed} finding{}.", if fixed == 1 { "" } else { "s" })?;
        }
        writeln!(out, "{}", Tally::of(&report).sentence(report.files.len()))?;
    }
    Ok(if errors.is_empty() { u8::from(failed) } else { 2 })
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
        SchemaKind::Config => "schemas/config.schema.json",
    };
    let text = scimlint::rulebook::embedded_file(path).ok_or_else(|| scimlint::DataError::missing(path))?;
    out.write_all(text.as_bytes())?;
    Ok(0)
}

/// Writes the fixes; returns the report of the fixed files and how many fixes were applied.
fn fix(linter: &Linter, report: scimlint::Report, unsafe_fixes: bool) -> Result<(scimlint::Report, usize), Failure> {
    let plans = scimlint::fix::plan(linter, &report, unsafe_fixes);
    let mut applied = 0;
    let mut inputs = Vec::new();
    for (file, source) in report.files.iter().enumerate() {
        let plan = plans.iter().find(|plan| plan.file == file);
        let text = match plan {
            Some(plan) if source.name != "<stdin>" => {
                scimlint::fix::write_atomically(std::path::Path::new(&source.name), plan.fixed.as_bytes())
                    .map_err(|error| Error::Write { path: source.name.clone(), reason: error.to_string() })?;
                applied += plan.applied;
                plan.fixed.clone()
            }
            _ => source.text.clone(),
        };
        inputs.push(scimlint::Input { name: source.name.clone(), bytes: text.into_bytes(), explicit: true });
    }
    Ok((linter.lint(inputs), applied))
}

/// `--diff`: what `--fix` would change, as a unified diff; returns how many fixes that is.
fn diff(linter: &Linter, report: &scimlint::Report, unsafe_fixes: bool, out: &mut dyn Write) -> Result<usize, Failure> {
    let plans = scimlint::fix::plan(linter, report, unsafe_fixes);
    for plan in &plans {
        let source = &report.files[plan.file];
        let diff = similar::TextDiff::from_lines(&source.text, &plan.fixed);
        let unified = diff
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{}", source.name), &format!("b/{}", source.name))
            .to_string();
        out.write_all(unified.as_bytes())?;
    }
    Ok(plans.iter().map(|plan| plan.applied).sum())
}

pub fn table(file: &str, target: &str, out: &mut dyn Write) -> Result<u8, Failure> {
    let (mut inputs, errors) = inputs::collect(&[file.to_owned()], None);
    if let Some(error) = errors.into_iter().next() {
        return Err(error.into());
    }
    let Some(input) = inputs.pop() else { return Err(Error::NoInput { paths: file.to_owned() }.into()) };
    let linter = Linter::new(Target::load(target)?, Settings::default())?;
    let report = scimlint::table::render(&linter, input, out)?;
    Ok(u8::from(report.findings.iter().any(|finding| finding.severity == Severity::Error)))
}
