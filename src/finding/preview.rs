//! What `scimlint preview` shows: for each user, the value Haiilo would receive for each mapped
//! attribute, and the rules whose findings apply to it. Rows are made one at a time (the users
//! are streamed), so a million users are never in memory together.
//!
//! Privacy: a row holds the user's Okta id and login and the evaluated values of the mapped
//! attributes, nothing else of the profile.

use crate::expr::eval::Value;
use crate::ruleset::{Code, Severity};

/// The columns of a preview: the mapped target attributes, in the mapping's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PreviewHeader {
    pub columns: Vec<String>,
    /// The file whose mapping is evaluated.
    pub mapping: String,
    /// Users checked in all (the rows may stop earlier, at the limit).
    pub users: u64,
    /// The column of the username Okta sends.
    pub username: Option<usize>,
}

/// What one attribute gets for one user.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Value(Value<'static>),
    /// The value needs data no users file holds; the reason.
    Unknown(String),
    /// Okta fails to evaluate the expression for this user; the reason.
    Fails(String),
    /// The user's login or username, hidden by `--redact-users`.
    Redacted,
}

/// One cell: its value and the findings that apply to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: CellValue,
    pub marks: Vec<(Code, Severity)>,
}

/// One user.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    pub id: Option<String>,
    /// `None` with `--redact-users`.
    pub login: Option<String>,
    pub cells: Vec<Cell>,
}

impl PreviewRow {
    /// Every rule that applies to the user, by code.
    #[must_use]
    pub fn findings(&self) -> Vec<Code> {
        let mut codes: Vec<Code> =
            self.cells.iter().flat_map(|cell| cell.marks.iter().map(|(code, _)| *code)).collect();
        codes.sort();
        codes.dedup();
        codes
    }
}
