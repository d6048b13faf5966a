//! The command line: clap definitions and the subcommands. With `main.rs`, the only code that
//! prints or knows clap; all checking is in the library.

mod check;
mod info;
mod man;
mod outputs;
mod preview;
mod pull;
mod scopes;
mod server;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use scimlint::error::Error;
use scimlint::render::Format;
use scopes::ScopeArgs;

#[derive(Parser)]
#[command(
    name = "scimlint",
    version,
    about = "Lint Okta → Haiilo SCIM provisioning exports before they reach production",
    after_help = man::EXIT_STATUS_CHECK
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint files and directories (default: .); "-" reads stdin.
    #[command(after_help = man::EXIT_STATUS_CHECK)]
    Check(Box<CheckArgs>),
    /// Print a rule's documentation.
    #[command(after_help = man::EXIT_STATUS_INFO)]
    Explain {
        /// A rule code (T101) or name (unsupported-target-attribute).
        rule: String,
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// List every rule: code, name, default severity, fixable, summary.
    #[command(after_help = man::EXIT_STATUS_INFO)]
    Rules {
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// List the built-in target profiles; with NAME, its attributes and features.
    #[command(after_help = man::EXIT_STATUS_INFO)]
    Targets { name: Option<String> },
    /// Draw a mapping as Okta's "To App" table, each row marked with its findings.
    #[command(after_help = man::EXIT_STATUS_TABLE)]
    Table {
        /// An Okta mapping export, a Terraform file or a manifest.
        file: String,
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// Show what Haiilo would receive for each user of a users file, marking values with findings.
    #[command(after_help = man::EXIT_STATUS_PREVIEW)]
    Preview(preview::PreviewArgs),
    /// Export an app's setup (and its users) from an Okta org into a folder `check` reads.
    #[command(after_help = man::EXIT_STATUS_PULL)]
    Pull(pull::PullArgs),
    /// Speak the Language Server Protocol on stdin/stdout: diagnostics, quick fixes and hovers in
    /// an editor.
    #[command(after_help = man::EXIT_STATUS_SERVER)]
    Server {
        #[command(flatten)]
        scope: ScopeArgs,
    },
    /// Print a shell completion script.
    #[command(after_help = man::EXIT_STATUS_INFO)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page of scimlint or of one subcommand (roff), or write them all.
    #[command(after_help = man::EXIT_STATUS_INFO)]
    Man {
        /// The subcommand whose page to print (scimlint-check(1) is `scimlint man check`).
        subcommand: Option<String>,
        /// Write every page (scimlint.1, scimlint-check.1, …) into this directory instead.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        out_dir: Option<std::path::PathBuf>,
    },
    /// Print the JSON Schema of a document kind.
    #[command(after_help = man::EXIT_STATUS_INFO)]
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
    /// Output format.
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
    /// Also write a report in FORMAT to PATH ("-": stdout, instead of --format); repeatable, so
    /// that one run writes SARIF, JUnit and GitLab reports and prints its findings.
    #[arg(long, value_name = "FORMAT:PATH", value_parser = outputs::parse_output)]
    pub output: Vec<outputs::Output>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Skip files of no known kind silently, even when named (for pre-commit, which names every
    /// staged file that matches); finding no lintable file is then no error.
    #[arg(long)]
    pub ignore_unknown: bool,
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
    /// Print a count of findings per rule instead of the findings (text, or JSON with --format json).
    #[arg(long)]
    pub statistics: bool,
    /// Exit with 0 even when findings are at or above --fail-on (2 still means a path could not
    /// be checked).
    #[arg(long)]
    pub exit_zero: bool,
    /// Report only findings that are not in this baseline file (see --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record every finding of this run in a baseline file, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
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

/// Records the order of `--var-file` and `--var` (Terraform's precedence), which clap's derive
/// does not keep.
fn set_terraform_order(command: &mut Command, matches: &clap::ArgMatches) {
    let scope = match command {
        Command::Check(args) => &mut args.scope,
        Command::Preview(args) => &mut args.scope,
        Command::Table { scope, .. } | Command::Server { scope } => scope,
        _ => return,
    };
    if let Some((_, matches)) = matches.subcommand() {
        scope.terraform_vars = scopes::terraform_order(matches);
    }
}

/// Parses the command line, runs the subcommand and turns its outcome into the exit code.
pub fn run() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    set_terraform_order(&mut cli.command, &matches);
    // The server writes stdout from lsp-server's own thread: it must not be locked here.
    if let Command::Server { scope } = cli.command {
        return finish(server::serve(scope));
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
        Command::Table { file, scope } => check::table(&file, &scope, &mut stdout),
        Command::Preview(args) => preview::preview(&args, &mut stdout),
        Command::Pull(args) => pull::pull(&args, &mut stdout),
        Command::Server { .. } => Ok(0),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "scimlint", &mut stdout);
            Ok(0)
        }
        Command::Man { subcommand, out_dir } => man::man(Cli::command(), subcommand.as_deref(), out_dir, &mut stdout),
    };
    let result = result.and_then(|code| stdout.flush().map(|()| code).map_err(Failure::from));
    finish(result)
}

/// A subcommand's outcome as the exit code.
fn finish(result: Result<u8, Failure>) -> ExitCode {
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

/// The width output wraps at: `COLUMNS`, else the terminal's, else 100.
pub fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|value| value.parse::<usize>().ok());
    columns
        .or_else(|| {
            io::stdout()
                .is_terminal()
                .then(|| terminal_size::terminal_size().map(|(width, _)| usize::from(width.0)))
                .flatten()
        })
        .unwrap_or(100)
}

/// A usage error the parser could not see (two reports for stdout): printed as clap prints its
/// own, with the usage line, and exit 2.
pub fn usage_error(message: &str) -> ! {
    let mut command = Cli::command();
    command.build();
    let mut check = command.find_subcommand_mut("check").cloned().unwrap_or(command);
    check.error(clap::error::ErrorKind::ArgumentConflict, message).exit()
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
