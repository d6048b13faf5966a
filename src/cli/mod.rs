//! The command line: clap definitions and the subcommands. With `main.rs`, the only code that
//! prints or knows clap; all checking is in the library.

mod check;
mod info;
mod preview;
mod pull;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use scimlint::error::Error;
use scimlint::render::Format;

#[derive(Parser)]
#[command(
    name = "scimlint",
    version,
    about = "Lint Okta → Haiilo SCIM provisioning exports before they reach production"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: .); "-" reads stdin.
    Check(Box<CheckArgs>),
    /// Print a rule's documentation.
    Explain {
        /// A rule code (T101) or name (unsupported-target-attribute).
        rule: String,
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// List every rule: code, name, default severity, fixable, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// List the built-in target profiles; with NAME, its attributes and features.
    Targets { name: Option<String> },
    /// Draw a mapping as Okta's "To App" table, each row marked with its findings.
    Table {
        /// An Okta mapping export, a Terraform file or a manifest.
        file: String,
        /// Target profile: a built-in name or a YAML profile file.
        #[arg(long, default_value = "haiilo")]
        target: String,
    },
    /// Show what Haiilo would receive for each user of a users file, marking values with findings.
    Preview(preview::PreviewArgs),
    /// Export an app's setup (and its users) from an Okta org into a folder `check` reads.
    Pull(pull::PullArgs),
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
    /// Print the JSON Schema of a document kind.
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint; "-" reads stdin.
    #[arg(default_value = ".")]
    pub paths: Vec<String>,
    /// The target app: its Okta app id, label, app name or Terraform address (repeatable;
    /// default: the config's `app:`, else decided from the documents).
    #[arg(long = "app", value_name = "APP")]
    pub apps: Vec<String>,
    /// Target profile: a built-in name or a YAML profile file (default: the config's, else haiilo).
    #[arg(long)]
    pub target: Option<String>,
    /// Output format.
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
    /// Exit with 1 when a finding is at or above this level (default: the config's, else error).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Only these rules: codes, prefixes (T, T1) or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rules: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this config file for every input, instead of the nearest scimlint.yaml.
    #[arg(long, value_name = "FILE")]
    pub config: Option<String>,
    /// Skip files of no known kind silently, even when named (for pre-commit, which names every
    /// staged file that matches); finding no lintable file is then no error.
    #[arg(long)]
    pub ignore_unknown: bool,
    /// Use no config file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// An Okta user schema export (GET /api/v1/meta/schemas/user/default): its custom attributes
    /// become known `user.*` attributes.
    #[arg(long, value_name = "FILE")]
    pub user_schema: Option<String>,
    /// The file name to report for stdin.
    #[arg(long)]
    pub stdin_filename: Option<String>,
    /// Refuse files (and stdin) larger than this: bytes, or with a unit (200M, 64MiB, 1GB).
    #[arg(long, value_name = "BYTES", default_value = "64MiB", value_parser = scimlint::source::parse_size)]
    pub max_file_size: u64,
    /// Colour output (NO_COLOR is honoured by auto).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// Apply safe fixes in place (atomically).
    #[arg(long)]
    pub fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Print nothing but diagnostics.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also check the values the mappings give each user of this users file: Okta's
    /// GET /api/v1/users response, NDJSON, or CSV with a header of profile attribute names. Repeatable.
    #[arg(long = "users", value_name = "FILE")]
    pub users: Vec<String>,
    /// Check only the users this matches: `ATTR=VALUE` or Okta's filter syntax
    /// (`status eq "ACTIVE" and profile.department eq "Sales"`).
    #[arg(long, value_name = "EXPR", requires = "users")]
    pub users_filter: Option<String>,
    /// Name users in findings by Okta id only, never by login or username.
    #[arg(long, requires = "users")]
    pub redact_users: bool,
    /// A Terraform variable file, as `terraform plan -var-file` (repeatable; later ones win).
    #[arg(long = "var-file", value_name = "FILE")]
    pub var_files: Vec<String>,
    /// A Terraform variable, as `terraform plan -var` (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = terraform_var)]
    pub vars: Vec<String>,
    /// The Terraform configuration of the plans checked, when it is not in the plan's directory.
    #[arg(long, value_name = "DIR")]
    pub tf_dir: Option<String>,
    /// `--var-file` and `--var` as given, in command-line order: Terraform's precedence.
    #[arg(skip)]
    pub terraform_vars: Vec<TerraformArg>,
}

/// `--var-file FILE` or `--var NAME=VALUE`.
#[derive(Clone, Debug)]
pub enum TerraformArg {
    File(String),
    Var(String),
}

fn terraform_var(text: &str) -> Result<String, String> {
    match text.split_once('=') {
        Some((name, _)) if !name.trim().is_empty() => Ok(text.to_owned()),
        _ => Err("expected NAME=VALUE, as `terraform plan -var`".to_owned()),
    }
}

/// The Terraform variable flags of `check` in the order they were given.
fn terraform_order(matches: &clap::ArgMatches) -> Vec<TerraformArg> {
    let mut given: Vec<(usize, TerraformArg)> = Vec::new();
    for (id, make) in [("var_files", TerraformArg::File as fn(String) -> TerraformArg), ("vars", TerraformArg::Var)] {
        let (Some(indices), Some(values)) = (matches.indices_of(id), matches.get_many::<String>(id)) else { continue };
        given.extend(indices.zip(values).map(|(index, value)| (index, make(value.clone()))));
    }
    given.sort_by_key(|(index, _)| *index);
    given.into_iter().map(|(_, arg)| arg).collect()
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Never => "never",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    Manifest,
    Target,
    ProfileMapping,
    Config,
}

/// `--format`: the renderers' own names, with their summaries in `--help`.
fn format_parser() -> impl TypedValueParser<Value = Format> {
    let values = Format::ALL.map(|format| PossibleValue::new(format.name()).help(format.summary()));
    PossibleValuesParser::new(values).map(|name| Format::from_name(&name).unwrap_or(Format::Human))
}

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

/// Parses the command line, runs the subcommand and turns its outcome into the exit code.
pub fn run() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    if let (Command::Check(args), Some(("check", check))) = (&mut cli.command, matches.subcommand()) {
        args.terraform_vars = terraform_order(check);
    }
    // Buffered: a report of 400,000 findings is hundreds of megabytes, and unbuffered it is as
    // many small writes.
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let result = match cli.command {
        Command::Check(args) => check::check(&args, &mut stdout),
        Command::Explain { rule, format } => info::explain(&rule, format, &mut stdout),
        Command::Rules { format } => info::rules(format, &mut stdout),
        Command::Targets { name } => info::targets(name.as_deref(), &mut stdout),
        Command::Schema { kind } => info::schema(kind, &mut stdout),
        Command::Table { file, target } => check::table(&file, &target, &mut stdout),
        Command::Preview(args) => preview::preview(&args, &mut stdout),
        Command::Pull(args) => pull::pull(&args, &mut stdout),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "scimlint", &mut stdout);
            Ok(0)
        }
        Command::Man => clap_mangen::Man::new(Cli::command()).render(&mut stdout).map(|()| 0).map_err(Failure::from),
    };
    let result = result.and_then(|code| stdout.flush().map(|()| code).map_err(Failure::from));
    match result {
        Ok(code) => ExitCode::from(code),
        // `scimlint check | head` closes the pipe early: that is not an error worth a word.
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Error(error)) => {
            print_error(&error);
            ExitCode::from(2)
        }
    }
}

/// Errors go to stderr through miette, without colour when stderr is not a terminal.
pub fn print_error(error: &dyn miette::Diagnostic) {
    let theme = if io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut text = String::new();
    if handler.render_report(&mut text, error).is_err() {
        text = format!("error: {error}\n");
    }
    let _ = io::stderr().lock().write_all(format!("{}\n", text.trim_end()).as_bytes());
}
