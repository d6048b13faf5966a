//! `scimlint preview`: what Haiilo would receive for each user of a users file, as a table, CSV
//! or JSON.

use std::io::Write;

use clap::{Args, ValueEnum};
use scimlint::Linter;
use scimlint::error::Error;
use scimlint::render::preview::{self, PreviewFormat};
use scimlint::source;

use super::check::{self, human_options};
use super::scopes::{self, ScopeArgs};
use super::{Color, Failure};

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
    /// The settings, as `check` takes them (the config's `haiilo.groups` among them).
    #[command(flatten)]
    pub scope: ScopeArgs,
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

pub fn preview(args: &PreviewArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let (mut inputs, errors) = source::collect(&args.paths, None);
    inputs.retain(|input| !check::walked_config(input));
    for error in &errors {
        super::print_error(error);
    }
    if inputs.is_empty() {
        return Err(Error::NoInput { paths: args.paths.join(", ") }.into());
    }
    let (scopes, inputs) = scopes::scoped(&args.scope, inputs, |input| scopes::directory_of(&input.name))?;
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
