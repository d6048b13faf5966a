//! `scimlint preview`: what Haiilo would receive for each user of a users file, as a table, CSV
//! or JSON.

use std::io::Write;

use clap::{Args, FromArgMatches, ValueEnum};
use scimlint::Linter;
use scimlint::error::Error;
use scimlint::render::preview::{self, PreviewFormat};
use scimlint::source;

use super::check::{self, human_options};
use super::{CheckArgs, Color, Failure};

/// Rows a table shows unless `--limit` says otherwise.
const TABLE_ROWS: usize = 50;

#[derive(Args)]
pub struct PreviewArgs {
    /// The mapping to evaluate: files or directories holding one app's To App mapping.
    #[arg(default_value = ".")]
    paths: Vec<String>,
    /// The users file: Okta's GET /api/v1/users response, NDJSON, or CSV with a header of profile
    /// attribute names. Repeatable.
    #[arg(long = "users", value_name = "FILE", required = true)]
    users: Vec<String>,
    /// Preview only the users this matches: `ATTR=VALUE` or Okta's filter syntax.
    #[arg(long, value_name = "EXPR")]
    users_filter: Option<String>,
    /// Show users by Okta id only: no login, no username.
    #[arg(long)]
    redact_users: bool,
    #[arg(long, value_enum, default_value_t = Shape::Table)]
    format: Shape,
    /// Show at most N users (default: 50 for table, all for csv and json).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Target profile: a built-in name or a YAML profile file (default: the config's, else haiilo).
    #[arg(long)]
    target: Option<String>,
    /// Use this config file (its `haiilo.groups`), instead of the nearest scimlint.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Use no config file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Shape {
    /// A table that fits the terminal, with marks where a finding applies.
    Table,
    /// One line per user, for a spreadsheet.
    Csv,
    /// {"users": [{"id", "login", "values", "unknown", "findings"}]}
    Json,
}

/// The `check` arguments with the same target and config, so that both commands find their
/// settings alike.
fn as_check(args: &PreviewArgs) -> Result<CheckArgs, Failure> {
    let mut argv = vec!["check".to_owned()];
    if let Some(target) = &args.target {
        argv.extend(["--target".to_owned(), target.clone()]);
    }
    if let Some(config) = &args.config {
        argv.extend(["--config".to_owned(), config.clone()]);
    }
    if args.no_config {
        argv.push("--no-config".to_owned());
    }
    argv.push("--".to_owned());
    argv.extend(args.paths.iter().cloned());
    let command = CheckArgs::augment_args(clap::Command::new("check"));
    let parsed = command.try_get_matches_from(argv).and_then(|matches| CheckArgs::from_arg_matches(&matches));
    parsed.map_err(|error| Error::Io { path: args.paths.join(", "), reason: error.to_string() }.into())
}

pub fn preview(args: &PreviewArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let settings = as_check(args)?;
    let (inputs, errors) = source::collect(&args.paths, None);
    for error in &errors {
        super::print_error(error);
    }
    if inputs.is_empty() {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let (scopes, inputs) = check::scoped(&settings, inputs)?;
    let linter =
        check::with_users(Linter::with_scopes(scopes)?, &args.users, args.users_filter.as_deref(), args.redact_users)?;
    let (format, limit) = match args.format {
        Shape::Table => (PreviewFormat::Table, Some(args.limit.unwrap_or(TABLE_ROWS))),
        Shape::Csv => (PreviewFormat::Csv, args.limit),
        Shape::Json => (PreviewFormat::Json, args.limit),
    };
    let run = linter.preview(inputs, limit)?;
    check::print_run_errors(&run.report);
    let width = human_options(Color::Never).width;
    preview::render(&run.header, run.rows, format, width, run.report.users.as_ref(), out)?;
    Ok(if errors.is_empty() && run.report.errors.is_empty() { 0 } else { 2 })
}
