//! `scimlint check` (with `--fix` and `--diff`) and `scimlint table`.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use scimlint::engine::UsersInput;
use scimlint::error::Error;
use scimlint::finding::{FileRole, Report, RunError};
use scimlint::render::{self, Format, HumanOptions};
use scimlint::ruleset::Target;
use scimlint::settings::{Config, Selector, Settings, TerraformVar, fail_level};
use scimlint::source::{self, Input};
use scimlint::{Linter, Scope};

use super::{CheckArgs, Color, Failure};

pub(super) fn human_options(color: Color) -> HumanOptions {
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
    scimlint::settings::nearest(dir)
}

/// The settings of the inputs under one config: the config's, then the command line's on top.
fn scope(args: &CheckArgs, config: Option<Config>) -> Result<Scope, Failure> {
    let target_name = match (&args.target, config.as_ref().and_then(|config| config.target.as_ref())) {
        (Some(target), _) => target.clone(),
        (None, Some(target)) if target.contains(['/', '.']) => config
            .as_ref()
            .map_or(PathBuf::from(target), |config| config.dir.join(target))
            .to_string_lossy()
            .into_owned(),
        (None, Some(target)) => target.clone(),
        (None, None) => "haiilo".to_owned(),
    };
    let target = Target::load(&target_name)?;
    let mut settings = Settings::default();
    if let Some(config) = &config {
        config.apply(&mut settings, target.groups_config_key.as_deref())?;
    }
    if !args.select.is_empty() {
        settings.rules.select = args.select.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
    }
    if !args.ignore.is_empty() {
        settings.rules.ignore = args.ignore.iter().map(|text| Selector::parse(text)).collect::<Result<_, _>>()?;
    }
    if let Some(level) = args.fail_on {
        settings.fail_on = fail_level(level.as_str());
    }
    if !args.apps.is_empty() {
        settings.apps.clone_from(&args.apps);
    }
    settings.terraform_vars = terraform_vars(&args.terraform_vars)?;
    settings.tf_dir.clone_from(&args.tf_dir);
    Ok(Scope { target, settings, config })
}

/// `--var-file` files read, `--var` values split, in command-line order.
fn terraform_vars(args: &[super::TerraformArg]) -> Result<Vec<TerraformVar>, Error> {
    args.iter()
        .map(|arg| match arg {
            super::TerraformArg::File(path) => std::fs::read_to_string(path)
                .map(|text| TerraformVar::File { name: path.replace('\\', "/"), text })
                .map_err(|error| Error::Io { path: path.clone(), reason: error.to_string() }),
            super::TerraformArg::Var(text) => {
                let (name, value) = text.split_once('=').unwrap_or((text, ""));
                Ok(TerraformVar::Value { name: name.trim().to_owned(), value: value.to_owned() })
            }
        })
        .collect()
}

/// Inputs, each with the index of its scope.
pub(super) type Scoped = Vec<(usize, Input)>;

/// Every input with the index of the scope (config file) it falls under.
pub(super) fn scoped(args: &CheckArgs, inputs: Vec<Input>) -> Result<(Vec<Scope>, Scoped), Failure> {
    let mut scopes = Vec::new();
    let mut scope_of: HashMap<Option<PathBuf>, usize> = HashMap::new();
    // Files of one directory share their nearest config: look it up once per directory.
    let mut nearest: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut scoped = Vec::with_capacity(inputs.len());
    for input in inputs {
        let dir = input_dir(args, &input.name);
        let config = nearest.entry(dir).or_insert_with_key(|dir| config_for(args, dir)).clone();
        let index = match scope_of.get(&config) {
            Some(index) => *index,
            None => {
                scopes.push(scope(args, config.as_deref().map(Config::load).transpose()?)?);
                scope_of.insert(config, scopes.len() - 1);
                scopes.len() - 1
            }
        };
        scoped.push((index, input));
    }
    if scopes.is_empty() {
        scopes.push(scope(args, None)?);
    }
    Ok((scopes, scoped))
}

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let mut paths = args.paths.clone();
    paths.extend(args.user_schema.iter().cloned());
    let (mut inputs, errors) = source::collect_limited(&paths, args.stdin_filename.as_deref(), args.max_file_size);
    for error in &errors {
        super::print_error(error);
    }
    if args.ignore_unknown {
        inputs.iter_mut().for_each(|input| input.explicit = false);
    }
    if inputs.is_empty() && errors.is_empty() && !args.ignore_unknown {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    // Files are numbered in the order of their inputs.
    let stdin = inputs.iter().position(|input| input.stdin);
    let (scopes, inputs) = scoped(args, inputs)?;
    let linter =
        with_users(Linter::with_scopes(scopes)?, &args.users, args.users_filter.as_deref(), args.redact_users)?;
    let mut report = linter.lint_scoped(inputs);
    // What the users stage could not read; the run fails (exit 2) as for any unreadable path.
    print_run_errors(&report);
    if args.diff {
        let count = diff(&linter, &report, args.unsafe_fixes, out)?;
        if count > 0 {
            eprintln!("Would fix {count} finding{}.", if count == 1 { "" } else { "s" });
        }
        return Ok(if errors.is_empty() && report.errors.is_empty() { u8::from(count > 0) } else { 2 });
    }
    let mut fixed = 0;
    if args.fix {
        (report, fixed) = fix(args, linter, report, stdin, out)?;
    }
    // With `--fix -`, stdout holds the fixed text; the findings go to stderr.
    let mut stderr = io::stderr().lock();
    let out: &mut dyn Write = if args.fix && stdin.is_some() { &mut stderr } else { out };
    let unread = errors
        .iter()
        .map(|error| RunError { path: error.path().unwrap_or_default().to_owned(), message: error.to_string() });
    report.errors.splice(0..0, unread);
    if report.count(FileRole::Checked) == 0 && errors.is_empty() {
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
        for line in render::account(&report) {
            writeln!(out, "{line}")?;
        }
        if let Some(users) = render::users_summary(&report) {
            writeln!(out, "{users}")?;
        }
        writeln!(out, "{}", render::summary(&report))?;
    }
    Ok(if report.errors.is_empty() { u8::from(report.failed()) } else { 2 })
}

/// The linter, checking the users of `files` too (`--users`, `--users-filter`, `--redact-users`).
pub(super) fn with_users(
    linter: Linter,
    files: &[String],
    filter: Option<&str>,
    redact: bool,
) -> Result<Linter, Failure> {
    if files.is_empty() {
        return Ok(linter);
    }
    if files.iter().any(|file| file == "-") {
        let reason = "a users file is read from a path, not from stdin".to_owned();
        return Err(Error::Io { path: "-".to_owned(), reason }.into());
    }
    let filter = filter
        .map(|text| {
            scimlint::users::filter::parse(text).map_err(|error| Error::UsersFilter {
                message: error.to_string(),
                filter: text.to_owned(),
                at: (error.at.min(text.len()), 0).into(),
            })
        })
        .transpose()?;
    Ok(linter.with_users(UsersInput { files: files.to_vec(), filter, redact }))
}

/// The run errors of the users stage, on stderr as every unreadable path is.
pub(super) fn print_run_errors(report: &Report) {
    for error in &report.errors {
        super::print_error(&miette::MietteDiagnostic::new(error.message.clone()));
    }
}

/// The run's checked and skipped files again, each under its scope, with `fixed` texts.
fn relint(linter: &Linter, report: &Report, fixed: &HashMap<usize, String>) -> Report {
    let inputs = (0..report.files.len())
        .filter_map(|file| {
            let role = report.role(file)?;
            (role != FileRole::Config).then_some(())?;
            let source = &report.files[file];
            let text = fixed.get(&file).unwrap_or(&source.text);
            let input = Input {
                name: source.name.clone(),
                bytes: text.clone().into_bytes(),
                explicit: role == FileRole::Checked,
                stdin: false,
            };
            Some((report.info[file].scope, input))
        })
        .collect();
    linter.lint_scoped(inputs)
}

/// Writes the fixes; returns the report of the fixed files and how many fixes were applied. The
/// fixed text of stdin (file `stdin`) is written to `out`, as ruff and prettier do: the name given
/// with `--stdin-filename` only says which rules and config apply, and no file is touched.
fn fix(
    args: &CheckArgs,
    linter: Linter,
    report: Report,
    stdin: Option<usize>,
    out: &mut dyn Write,
) -> Result<(Report, usize), Failure> {
    let mut applied = 0;
    let mut fixed = HashMap::new();
    for plan in scimlint::engine::plan(&linter, &report, args.unsafe_fixes) {
        let source = &report.files[plan.file];
        for reason in &plan.skipped {
            eprintln!("{}: not fixed: {reason}", source.name);
        }
        if plan.applied == 0 {
            continue;
        }
        if Some(plan.file) != stdin {
            source::write_atomically(Path::new(&source.name), plan.fixed.as_bytes())
                .map_err(|error| Error::Write { path: source.name.clone(), reason: error.to_string() })?;
        }
        applied += plan.applied;
        fixed.insert(plan.file, plan.fixed);
    }
    if let Some(file) = stdin {
        let text = fixed.get(&file).or_else(|| report.files.get(file).map(|source| &source.text));
        out.write_all(text.map_or("", String::as_str).as_bytes())?;
    }
    // A fixed config changes the settings the files are checked under: read it again.
    let linter = if fixed.keys().any(|file| report.role(*file) == Some(FileRole::Config)) {
        let scopes = linter
            .into_scopes()
            .into_iter()
            .map(|old| match old.config {
                Some(config) => scope(args, Some(Config::load(Path::new(&config.source.name))?)),
                None => Ok(old),
            })
            .collect::<Result<_, Failure>>()?;
        Linter::with_scopes(scopes)?
    } else {
        linter
    };
    Ok((relint(&linter, &report, &fixed), applied))
}

/// `--diff`: what `--fix` would change, as a unified diff; returns how many fixes that is.
fn diff(linter: &Linter, report: &Report, unsafe_fixes: bool, out: &mut dyn Write) -> Result<usize, Failure> {
    let plans = scimlint::engine::plan(linter, report, unsafe_fixes);
    for plan in &plans {
        let source = &report.files[plan.file];
        for reason in &plan.skipped {
            eprintln!("{}: not fixed: {reason}", source.name);
        }
        // Credentials stay masked in a diff as in every other output (S401).
        let before = source.display_text();
        let after = source::secrets::masked(&source.name, &plan.fixed);
        let diff = similar::TextDiff::from_lines(before.as_ref(), after.as_str());
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
    let (mut inputs, errors) = source::collect(&[file.to_owned()], None);
    if let Some(error) = errors.into_iter().next() {
        return Err(error.into());
    }
    let Some(input) = inputs.pop() else { return Err(Error::NoInput { paths: file.to_owned() }.into()) };
    let target = Target::load(target)?;
    let linter = Linter::new(target.clone(), Settings::default())?;
    let (report, setups) = linter.lint_with_setups(vec![input]);
    render::table::render(&report, &setups, &target, out)?;
    Ok(u8::from(report.findings.iter().any(|finding| finding.severity == scimlint::Severity::Error)))
}
