//! `scimlint pull`: exports an app's whole setup (and, asked, its users) from an Okta org into a
//! folder that `scimlint check` reads.
//!
//! This module owns all of scimlint's network code; `check` and the rest of the library never
//! call it (`tests/architecture.rs` holds that). It imports nothing of the linter except the I/O
//! error wording: it may import `error`, never `source`, `model`, `ruleset`, `finding`,
//! `settings`, `checks`, `engine` or `render`. It never prints: it reports what it does through a
//! [`Progress`] callback and returns values or [`PullError`].

mod client;
mod clock;
mod error;
mod export;
mod folder;
mod org;
mod pretty;
mod token;

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::Serialize;

pub use error::PullError;
pub use folder::MARKER;
pub use org::{Org, folder_name};
pub use token::{ACCESS_TOKEN_VARIABLE, API_TOKEN_VARIABLE, Scheme, Token};

/// What to export, and where.
pub struct PullOptions {
    pub org: Org,
    pub token: Token,
    /// An app id (`0oa…`) or the app's exact label.
    pub app: String,
    /// The folder to write; `okta/<app label>/` when `None`.
    pub out: Option<PathBuf>,
    /// Also write `users.ndjson`.
    pub users: bool,
    /// Replace an existing export in the folder.
    pub force: bool,
    /// The longest one request may take, answer included.
    pub timeout: Duration,
}

impl PullOptions {
    /// The default timeout of one request.
    pub const TIMEOUT: Duration = Duration::from_secs(30);
}

/// An Okta app, as named in messages and in pull.json.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct App {
    pub id: String,
    pub label: String,
    pub name: String,
}

/// What a pull is doing, for the caller to show. Calls are `GET /api/v1/…`, without the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Fetching {
        call: String,
    },
    RateLimited {
        call: String,
        wait: Duration,
    },
    Retrying {
        call: String,
        reason: String,
        wait: Duration,
        attempt: u32,
        of: u32,
    },
    /// A member left out of a file (a credential).
    Omitted {
        file: String,
        pointer: String,
    },
}

impl std::fmt::Display for Progress {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Fetching { call } => write!(formatter, "{call}"),
            Self::RateLimited { call, wait } => {
                write!(formatter, "{call}: rate-limited by Okta; waiting {} s for the limit to reset", wait.as_secs())
            }
            Self::Retrying { call, reason, wait, attempt, of } => {
                write!(formatter, "{call}: {reason}; retry {attempt} of {of} in {:.1} s", wait.as_secs_f32())
            }
            Self::Omitted { file, pointer } => write!(formatter, "{file}: left out `{pointer}` (a credential)"),
        }
    }
}

/// A finished export.
#[derive(Debug)]
pub struct Pulled {
    pub dir: PathBuf,
    pub app: App,
    /// The files written, pull.json last.
    pub files: Vec<String>,
    /// How many users `users.ndjson` holds, with `--users`.
    pub users: Option<usize>,
}

/// pull.json: what was fetched, when, from which org. The only file with the fetch time.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Record<'a> {
    scimlint: &'a str,
    org: &'a str,
    app: &'a App,
    fetched_at: String,
    files: Vec<FileRecord<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    omitted: Vec<OmittedRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    users: Option<usize>,
}

#[derive(Serialize)]
struct FileRecord<'a> {
    file: &'a str,
    from: &'a str,
}

#[derive(Serialize)]
struct OmittedRecord<'a> {
    file: &'a str,
    pointer: &'a str,
    why: &'a str,
}

/// Exports the app's setup into `options.out` (or `okta/<label>/`), all or nothing.
pub fn pull(options: &PullOptions, progress: &mut dyn FnMut(Progress)) -> Result<Pulled, PullError> {
    if let Some(out) = &options.out {
        folder::check_destination(out, options.force)?;
    }
    let mut client = client::Client::new(&options.org, &options.token, options.timeout, progress);
    let (app, application) = export::resolve(&mut client, &options.app)?;
    let destination = options.out.clone().unwrap_or_else(|| Path::new("okta").join(folder_name(&app.label, &app.id)));
    folder::check_destination(&destination, options.force)?;
    let staging = folder::Staging::beside(&destination)?;
    let (mut written, omitted) = export::setup(&mut client, &app, &application, &staging)?;
    let users = if options.users {
        let (file, count) = export::users(&mut client, &app, &staging)?;
        written.push(file);
        Some(count)
    } else {
        None
    };
    let record = Record {
        scimlint: env!("CARGO_PKG_VERSION"),
        org: client.org().base(),
        app: &app,
        fetched_at: clock::rfc3339(SystemTime::now()),
        files: written.iter().map(|file| FileRecord { file: &file.file, from: &file.from }).collect(),
        omitted: omitted
            .iter()
            .map(|omitted| OmittedRecord { file: &omitted.file, pointer: &omitted.pointer, why: "a credential" })
            .collect(),
        users,
    };
    let text = serde_json::to_string_pretty(&record)
        .map_err(|error| PullError::Write { path: MARKER.to_owned(), reason: error.to_string() })?;
    staging.write(MARKER, options.token.redact(&format!("{text}\n")).as_bytes())?;
    for omitted in &omitted {
        client.report(Progress::Omitted { file: omitted.file.clone(), pointer: omitted.pointer.clone() });
    }
    let dir = staging.commit(options.force)?;
    let mut files: Vec<String> = written.into_iter().map(|file| file.file).collect();
    files.push(MARKER.to_owned());
    Ok(Pulled { dir, app, files, users })
}
