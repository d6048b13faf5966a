//! The `scimlint` command: argument parsing, rendering and exit codes. All checking is in the library.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod commands;
mod pull_command;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use scimlint::render::Format;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    Check(CheckArgs),
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
    /// Export an app's setup (and its users) from an Okta org into a folder `check` reads.
    Pull(pull_command::PullArgs),
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
    paths: Vec<String>,
    /// Target profile: a built-in name or a YAML profile file (default: the config's, else haiilo).
    #[arg(long)]
    target: Option<String>,
    /// Output format.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Exit with 1 when a finding is at or above this level (default: the config's, else error).
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Only these rules: codes, prefixes (T, T1) or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Skip these rules: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Use this config file for every input, instead of the nearest scimlint.yaml.
    #[arg(long, value_name = "FILE")]
    config: Option<String>,
    /// Skip files of no known kind silently, even when named (for pre-commit, which names every
    /// staged file that matches); finding no lintable file is then no error.
    #[arg(long)]
    ignore_unknown: bool,
    /// Use no config file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// An Okta user schema export (GET /api/v1/meta/schemas/user/default): its custom attributes
    /// become known `user.*` attributes.
    #[arg(long, value_name = "FILE")]
    user_schema: Option<String>,
    /// The file name to report for stdin.
    #[arg(long)]
    stdin_filename: Option<String>,
    /// Refuse files (and stdin) larger than this: bytes, or with a unit (200M, 64MiB, 1GB).
    #[arg(long, value_name = "BYTES", default_value = "64MiB", value_parser = scimlint::inputs::parse_size)]
    max_file_size: u64,
    /// Colour output (NO_COLOR is honoured by auto).
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Apply safe fixes in place (atomically).
    #[arg(long)]
    fix: bool,
    /// Also apply unsafe fixes (with --fix or --diff).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Print nothing but diagnostics.
    #[arg(short, long)]
    quiet: bool,
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

fn main() -> ExitCode {
    // Compiling the JSON Schemas is the slowest part of a start: it runs beside the argument
    // parsing and the data loading, and `check` waits for it only when it needs them.
    std::thread::spawn(|| scimlint::engine::Schemas::shared().is_ok());
    let cli = Cli::parse();
    if let Err(error) = scimlint::rulebook::checked() {
        print_error(error);
        return ExitCode::from(2);
    }
    if let Err(error) = scimlint::okta::checked() {
        print_error(error);
        return ExitCode::from(2);
    }
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Check(args) => commands::check(&args, &mut stdout),
        Command::Explain { rule, format } => commands::explain(&rule, format, &mut stdout),
        Command::Rules { format } => commands::rules(format, &mut stdout),
        Command::Targets { name } => commands::targets(name.as_deref(), &mut stdout),
        Command::Schema { kind } => commands::schema(kind, &mut stdout),
        Command::Table { file, target } => commands::table(&file, &target, &mut stdout),
        Command::Pull(args) => pull_command::pull(&args, &mut stdout),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "scimlint", &mut stdout);
            Ok(0)
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(&mut stdout).map(|()| 0).map_err(commands::Failure::from)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        // `scimlint check | head` closes the pipe early: that is not an error worth a word.
        Err(commands::Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(commands::Failure::Error(error)) => {
            print_error(&error);
            ExitCode::from(2)
        }
    }
}

/// Errors go to stderr through miette, without colour when stderr is not a terminal.
pub fn print_error(error: &dyn miette::Diagnostic) {
    let theme = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut text = String::new();
    if handler.render_report(&mut text, error).is_err() {
        text = format!("error: {error}\n");
    }
    let _ = std::io::stderr().lock().write_all(format!("{}\n", text.trim_end()).as_bytes());
}
