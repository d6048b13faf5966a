//! Users files as Okta exports them, read one user at a time so that memory does not grow
//! with the number of users: the `GET /api/v1/users` response (a JSON array, pages possibly
//! concatenated), NDJSON (one user or app user a line, as `GET /api/v1/apps/{id}/users?expand=user`
//! gives them), and CSV with a header of profile attribute names.
//!
//! Also the value logic the V rules need (`values`, `teams`, `shape`) and `--users-filter`
//! (`filter`). It may import `expr` (a user is what expressions are evaluated over) and `source`,
//! never `model`, `ruleset`, `finding`, `settings`, `checks`, `engine` or `render`.

mod delimited;
pub mod filter;
mod json;
mod profile;
pub mod shape;
pub mod teams;
pub mod values;

pub use profile::{ProfileMap, ProfileValue};

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use crate::expr::eval::{Env, Profile};

/// Which of the three forms a users file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `[{…}, {…}]`, possibly several pages one after another.
    JsonArray,
    /// One JSON object a line.
    Ndjson,
    Csv,
}

/// One Okta user, with the app user Okta computed for it when the file holds app users.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User {
    pub id: Option<String>,
    /// `ACTIVE`, `STAGED`, `DEPROVISIONED`, …
    pub status: Option<String>,
    /// The Okta user's profile (`user.*`).
    pub profile: ProfileMap,
    pub app_user: Option<AppUser>,
    /// 1-based line where the user's record starts.
    pub line: usize,
    /// Byte offset where the user's record starts.
    pub offset: usize,
}

/// The app user: the values Okta computed from the mappings, and the app username.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppUser {
    pub profile: ProfileMap,
    /// `credentials.userName`: the username Okta sends (the Sign On username format's result).
    pub user_name: Option<String>,
    pub status: Option<String>,
}

impl User {
    /// `profile.login`, Okta's username.
    #[must_use]
    pub fn login(&self) -> Option<&str> {
        self.profile.text("login")
    }

    /// Okta does not provision deprovisioned (deactivated) users: callers skip and count them.
    #[must_use]
    pub fn is_deprovisioned(&self) -> bool {
        let status = self.status.as_deref().or_else(|| self.app_user.as_ref().and_then(|app| app.status.as_deref()));
        status.is_some_and(|status| status.eq_ignore_ascii_case("DEPROVISIONED"))
    }

    /// What an expression sees of this user.
    #[must_use]
    pub fn env(&self) -> Env<'_> {
        Env {
            user: &self.profile,
            app_user: self.app_user.as_ref().map(|app| &app.profile as &dyn Profile),
            id: self.id.as_deref(),
            status: self.status.as_deref(),
        }
    }

    /// The user named as findings name users: id and login only.
    #[must_use]
    pub fn who(&self) -> values::Who<'_> {
        values::Who { id: self.id.as_deref(), login: self.login() }
    }
}

/// A users file that cannot be read, and where.
#[derive(Debug, thiserror::Error)]
pub enum UsersError {
    #[error("cannot read the users file: {0}")]
    Io(#[from] std::io::Error),
    #[error("line {line}: {message}")]
    Malformed {
        message: String,
        /// 1-based.
        line: usize,
        /// From the start of the file.
        offset: usize,
    },
}

impl UsersError {
    pub(crate) fn malformed(message: impl Into<String>, line: usize, offset: usize) -> Self {
        Self::Malformed { message: message.into(), line, offset }
    }
}

/// Whether `text` looks like an Okta users export (a user or app user with an Okta user id,
/// `00u…`, and a `profile`, near the start): a directory walk skips such a file, and naming one
/// as a document says to pass it with `--users`.
#[must_use]
pub fn looks_like_users(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if !body.starts_with(['[', '{']) {
        return false;
    }
    let head = body.get(..body.len().min(4096)).unwrap_or(body);
    let okta_id = head.match_indices("\"id\"").any(|(at, key)| {
        let rest = head[at + key.len()..].trim_start();
        rest.strip_prefix(':').is_some_and(|rest| rest.trim_start().starts_with("\"00u"))
    });
    okta_id && head.contains("\"profile\"")
}

/// Which form `start` (the first bytes of the file) is in; `extension` breaks the tie for CSV.
#[must_use]
pub fn detect(start: &[u8], extension: Option<&str>) -> Format {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    let extension = extension.map(str::to_ascii_lowercase);
    if extension.as_deref() == Some("csv") {
        return Format::Csv;
    }
    match start.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'[') => Format::JsonArray,
        Some(b'{') => Format::Ndjson,
        _ => Format::Csv,
    }
}

/// The users of a file, one at a time. A malformed record yields an error and reading goes on
/// with the next one where the file's structure allows.
pub struct Users<R: BufRead> {
    inner: Inner<R>,
    pub format: Format,
}

enum Inner<R: BufRead> {
    Json(json::JsonUsers<R>),
    Csv(delimited::CsvUsers<R>),
}

impl<R: BufRead> Users<R> {
    /// Reads `reader`, detecting its form from its content (and `extension`).
    pub fn new(mut reader: R, extension: Option<&str>) -> Result<Self, UsersError> {
        let start = reader.fill_buf()?;
        let format = detect(start, extension);
        let bom = start.starts_with(b"\xEF\xBB\xBF");
        if bom {
            reader.consume(3);
        }
        let skipped = if bom { 3 } else { 0 };
        let inner = match format {
            Format::Csv => Inner::Csv(delimited::CsvUsers::new(reader, skipped)),
            Format::JsonArray | Format::Ndjson => Inner::Json(json::JsonUsers::new(reader, skipped)),
        };
        Ok(Self { inner, format })
    }
}

impl Users<BufReader<File>> {
    /// The users file at `path`.
    pub fn open(path: &Path) -> Result<Self, UsersError> {
        let file = File::open(path)?;
        let extension = path.extension().and_then(|extension| extension.to_str());
        Self::new(BufReader::with_capacity(256 * 1024, file), extension)
    }
}

impl<R: BufRead> Iterator for Users<R> {
    type Item = Result<User, UsersError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Json(users) => users.next(),
            Inner::Csv(users) => users.next(),
        }
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod values_tests;
