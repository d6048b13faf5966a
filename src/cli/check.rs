//! `scimlint check` (with `--fix` and `--diff`) and `scimlint table`.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use scimlint::Linter;
use scimlint::engine::UsersInput;
use scimlint::error::Error;
use scimlint::finding::{Baseline, FileRole, Report, RunError};
use scimlint::render::{self, Format, HumanOptions};
use scimlint::source::{self, Input};

use super::scopes::{self, ScopeArgs};
use super::{CheckArgs, Color, Failure, outputs};

pub(super) fn human_options(color: Color) -> HumanOptions {
    let terminal = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty() && value != "0");
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && !no_color,
    };
    HumanOptions { color, unicode: true, width: super::terminal_width() }
}

/// The directory whose nearest config applies to input `name`.
fn input_dir(args: &CheckArgs, name: &str) -> PathBuf {
    if name == "<stdin>" || args.stdin_filename.as_deref() == Some(name) {
        return PathBuf::from(".");
    }
    scopes::directory_of(name)
}

/// A `scimlint.yaml` found by walking a directory (one named on the command line is checked).
pub(super) fn walked_config(input: &Input) -> bool {
    let name = input.name.rsplit(['/', '\\']).next().unwrap_or(&input.name);
    !input.explicit && scimlint::settings::FILE_NAMES.contains(&name)
}

/// `--baseline FILE`, read before anything is checked: a missing or broken one stops the run.
fn read_baseline(path: &str) -> Result<Baseline, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| Error::io(path, &error))?;
    Ok(Baseline::parse(path, &text)?)
}

pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let stdout_format = outputs::stdout_format(args);
    let format = stdout_format.unwrap_or(Format::Human);
    if args.statistics && !matches!(format, Format::Human | Format::Concise | Format::Json) {
        super::usage_error("--statistics prints text (human, concise) or JSON (--format json)");
    }
    let baseline = args.baseline.as_deref().map(read_baseline).transpose()?;
    let mut paths = args.paths.clone();
    paths.extend(args.user_schema.iter().cloned());
    let (mut inputs, errors) = source::collect_limited(&paths, args.stdin_filename.as_deref(), args.max_file_size);
    for error in &errors {
        super::print_error(error);
    }
    // A config file met by a directory walk is read as its scope's config, not counted as a
    // file that is no Okta document.
    inputs.retain(|input| !walked_config(input));
    if args.ignore_unknown {
        inputs.iter_mut().for_each(|input| input.explicit = false);
    }
    if inputs.is_empty() && errors.is_empty() && !args.ignore_unknown {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    // Files are numbered in the order of their inputs.
    let stdin = inputs.iter().position(|input| input.stdin);
    let (scopes, inputs) = scopes::scoped(&args.scope, inputs, |input| input_dir(args, &input.name))?;
    let linter =
        with_users(Linter::with_scopes(scopes)?, &args.users, args.users_filter.as_deref(), args.redact_users)?
            .exiting_after_run();
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
    report.root = source::SourceRoot::discover();
    if let Some(path) = &args.write_baseline {
        let recorded = Baseline::of(&report);
        std::fs::write(path, recorded.to_json())
            .map_err(|error| Error::Write { path: path.clone(), reason: error.to_string() })?;
        eprintln!("Recorded {} in the baseline {path}.", plural(recorded.findings.len(), "finding"));
    }
    if let Some(baseline) = &baseline {
        baseline.apply(&mut report);
    }
    let options = human_options(args.color);
    outputs::write_files(&report, &args.output, &options)?;
    if args.statistics {
        render::statistics::render(&report, format == Format::Json, out)?;
    } else {
        render::render(&report, format, &options, out)?;
    }
    // In GitHub Actions the annotations are what shows on the pull request; add them unasked.
    if stdout_format.is_none() && std::env::var("GITHUB_ACTIONS").is_ok_and(|value| value == "true") {
        render::render(&report, Format::Github, &options, out)?;
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
    // A baseline just written holds every finding: none of them is new.
    let code = if report.errors.is_empty() {
        u8::from(report.failed() && !args.exit_zero && args.write_baseline.is_none())
    } else {
        2
    };
    // The process exits next, which returns the report's memory at once rather than finding by
    // finding.
    std::mem::forget(report);
    Ok(code)
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
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
        // Fixing stdin touches no file, not even one the run read beside it (its module's).
        if stdin.is_some_and(|file| file != plan.file) {
            continue;
        }
        let source = &report.files[plan.file];
        for reason in &plan.skipped {
            eprintln!("{}: not fixed: {reason}", source.name);
        }
        if plan.applied == 0 {
            continue;
        }
        if stdin.is_none() {
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
        scopes::reloaded(&args.scope, linter)?
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

pub fn table(file: &str, scope: &ScopeArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    if Path::new(file).is_dir() {
        let error = Error::Io {
            path: file.to_owned(),
            reason: "it is a directory; `table` draws one file: name a mapping export, a Terraform file or a manifest (`scimlint check` lints a directory)".to_owned(),
        };
        return Err(error.into());
    }
    let (mut inputs, errors) = source::collect(&[file.to_owned()], None);
    if let Some(error) = errors.into_iter().next() {
        return Err(error.into());
    }
    let Some(input) = inputs.pop() else { return Err(Error::NoInput { paths: file.to_owned() }.into()) };
    // The settings `check` would use for this file: its nearest config, then the options.
    let (scopes, inputs) = scopes::scoped(scope, vec![input], |input| scopes::directory_of(&input.name))?;
    let linter = Linter::with_scopes(scopes)?;
    let (report, setups) = linter.lint_with_setups(inputs.into_iter().map(|(_, input)| input).collect());
    let target = &linter.scopes()[0].target;
    render::table::render(&report, &setups, target, out)?;
    Ok(u8::from(report.failed()))
}
