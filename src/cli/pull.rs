//! `scimlint pull`: the command line of the library's `pull` module. Progress goes to stderr;
//! `--check` then runs `scimlint check` on the export.

use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use scimlint::pull::{self, Org, Progress, PullOptions, Token};

use super::Failure;

#[derive(clap::Args)]
pub struct PullArgs {
    /// The Okta org, e.g. https://acme.okta.com (https:// is added when missing).
    #[arg(long)]
    org: String,
    /// The app: its id (0oa…) or its exact label.
    #[arg(long)]
    app: String,
    /// The folder to write (default: okta/<app label>/).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write the app's assigned users as users.ndjson.
    #[arg(long)]
    users: bool,
    /// Replace an earlier export in the folder.
    #[arg(long)]
    force: bool,
    /// Read the token from this file instead of OKTA_API_TOKEN / OKTA_ACCESS_TOKEN.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Run `scimlint check` on the export afterwards (its exit code is the command's).
    #[arg(long)]
    check: bool,
    /// Print nothing but errors (and the check's diagnostics).
    #[arg(short, long)]
    quiet: bool,
}

pub fn pull(args: &PullArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let failed = |error: pull::PullError| {
        super::print_error(&error);
        Ok(2)
    };
    let token = match Token::from_environment(args.token_file.as_deref()) {
        Ok(token) => token,
        Err(error) => return failed(error),
    };
    let org = match Org::parse(&args.org) {
        Ok(org) => org,
        Err(error) => return failed(error),
    };
    let options = PullOptions {
        org,
        token,
        app: args.app.clone(),
        out: args.out.clone(),
        users: args.users,
        force: args.force,
        timeout: PullOptions::TIMEOUT,
    };
    let quiet = args.quiet;
    let mut stderr = std::io::stderr();
    let mut report = |progress: Progress| {
        let always = !matches!(progress, Progress::Fetching { .. });
        if always || !quiet {
            let _ = writeln!(stderr, "{progress}");
        }
    };
    let pulled = match pull::pull(&options, &mut report) {
        Ok(pulled) => pulled,
        Err(error) => {
            super::print_error(&error);
            eprintln!("Nothing was written.");
            return Ok(2);
        }
    };
    if !quiet {
        let users = pulled.users.map(|count| format!(", {count} user{}", if count == 1 { "" } else { "s" }));
        eprintln!(
            "Exported `{}` ({}) to {}: {} files{}.",
            pulled.app.label,
            pulled.app.id,
            pulled.dir.display(),
            pulled.files.len(),
            users.unwrap_or_default()
        );
    }
    if !args.check {
        return Ok(0);
    }
    let dir = pulled.dir.to_string_lossy().into_owned();
    let parsed = super::Cli::try_parse_from(["scimlint", "check", dir.as_str()]);
    match parsed.map(|cli| cli.command) {
        Ok(super::Command::Check(check)) => super::check::check(&check, out),
        _ => Ok(2),
    }
}
