//! Tallies of evaluated values over a stream of users, for the V rules: distinct values with
//! how many users have each and a few examples, users with no value, users for whom the
//! expression fails, and usernames held by more than one user.
//!
//! Privacy: nothing here keeps a profile value other than the evaluated value of a mapped
//! attribute, and users only by Okta id and login.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use super::shape::{NotEmail, email_shape};
use crate::expr::eval::{Outcome, Value};
use crate::source::Span;

/// How many users a finding names as examples.
pub const EXAMPLES: usize = 3;

/// A user as findings name one, borrowed from the user being read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Who<'a> {
    pub id: Option<&'a str>,
    pub login: Option<&'a str>,
}

/// A user as findings name one, kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct UserRef {
    pub id: Option<Box<str>>,
    pub login: Option<Box<str>>,
}

impl From<Who<'_>> for UserRef {
    fn from(who: Who<'_>) -> Self {
        Self { id: who.id.map(Into::into), login: who.login.map(Into::into) }
    }
}

/// How many users, and the first few of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Users {
    pub count: u64,
    pub first: Vec<UserRef>,
}

impl Users {
    pub fn add(&mut self, who: Who<'_>) {
        self.count += 1;
        if self.first.len() < EXAMPLES {
            self.first.push(who.into());
        }
    }
}

/// Users for whom the expression fails or is unknown, with the reasons of the first ones.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reasons {
    pub count: u64,
    pub first: Vec<(UserRef, String, Span)>,
}

impl Reasons {
    fn add(&mut self, who: Who<'_>, reason: &str, span: Span) {
        self.count += 1;
        if self.first.len() < EXAMPLES {
            self.first.push((who.into(), reason.to_owned(), span));
        }
    }
}

/// Everything the V rules need to know of one mapped attribute over all users.
#[derive(Clone, Debug, Default)]
pub struct AttributeTally {
    /// Distinct values (as text) → users with it; `None` when not tracked for this attribute.
    distinct: Option<HashMap<Box<str>, Users>>,
    pub evaluated: u64,
    pub nulls: Users,
    pub empties: Users,
    pub unknown: Reasons,
    pub errors: Reasons,
}

impl AttributeTally {
    /// `track_distinct`: keep every distinct value (for `country`, `locality`, `region`, where
    /// V501/V502 need them); other attributes only count.
    #[must_use]
    pub fn new(track_distinct: bool) -> Self {
        Self { distinct: track_distinct.then(HashMap::new), ..Self::default() }
    }

    /// Records what the attribute's expression gave for one user.
    pub fn record(&mut self, who: Who<'_>, outcome: &Outcome<'_>) {
        self.evaluated += 1;
        match outcome {
            Outcome::Value(Value::Null) => self.nulls.add(who),
            Outcome::Value(Value::Str(text)) if text.is_empty() => self.empties.add(who),
            Outcome::Value(value) => {
                if let Some(distinct) = &mut self.distinct {
                    let text = match value {
                        Value::Str(text) => std::borrow::Cow::Borrowed(text.as_ref()),
                        other => std::borrow::Cow::Owned(other.to_string()),
                    };
                    match distinct.get_mut(text.as_ref()) {
                        Some(users) => users.add(who),
                        None => {
                            let mut users = Users::default();
                            users.add(who);
                            distinct.insert(text.into(), users);
                        }
                    }
                }
            }
            Outcome::Unknown(unknown) => self.unknown.add(who, &unknown.reason, unknown.span),
            Outcome::Error(error) => self.errors.add(who, &error.reason, error.span),
        }
    }

    /// Distinct values, most users first (then by value, so output is stable).
    #[must_use]
    pub fn distinct(&self) -> Vec<(&str, &Users)> {
        let mut values: Vec<(&str, &Users)> =
            self.distinct.iter().flatten().map(|(value, users)| (value.as_ref(), users)).collect();
        values.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        values
    }

    /// Null or empty: Haiilo receives no value (V503).
    #[must_use]
    pub fn missing(&self) -> u64 {
        self.nulls.count + self.empties.count
    }
}

/// One username held by more than one user (V506: Haiilo answers 409 to the second create).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Duplicate {
    /// As the first holder has it (the others' may differ in case); empty until named.
    pub username: String,
    /// How many users hold it.
    pub holders: u64,
    /// The first holder, once named.
    pub first: Option<UserRef>,
    /// The holders after the first, with the first few named.
    pub others: Users,
}

/// Usernames of a stream of users, compared case-insensitively: SCIM's `userName` is not
/// case-exact (RFC 7643 §4.1.1, `caseExact: false`), so a service provider treats `Jane@x.com`
/// and `jane@x.com` as one user, and Okta's own SCIM test checks a filter on the upper-cased
/// name.
///
/// Two passes, so that memory stays small: the first ([`Self::record`]) keeps only a 64-bit
/// hash of each case-folded username (8 bytes a user: 8 MB for a million), and [`Self::finish`]
/// sorts them to find the hashes held more than once; only then, and only if there are any, a
/// second pass ([`Self::name`]) names the holders of those. A hash collision (odds about 1 in
/// 10^7 for a million users) would report a false duplicate, whose usernames the finding shows.
#[derive(Debug, Default)]
pub struct Usernames {
    hashes: Vec<u64>,
    distinct: usize,
    duplicates: HashMap<u64, Duplicate>,
}

fn folded_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        hasher.write_u32(u32::from(c));
    }
    hasher.finish()
}

impl Usernames {
    /// First pass: one user's username.
    pub fn record(&mut self, username: &str) {
        self.hashes.push(folded_hash(username));
    }

    /// Ends the first pass: finds the usernames held by more than one user, and frees the
    /// hashes. True when there are some, which a second pass is to name.
    pub fn finish(&mut self) -> bool {
        let mut hashes = std::mem::take(&mut self.hashes);
        hashes.sort_unstable();
        for run in hashes.chunk_by(|a, b| a == b) {
            self.distinct += 1;
            if let (Some(&hash), true) = (run.first(), run.len() > 1) {
                let holders = run.len() as u64;
                self.duplicates.insert(hash, Duplicate { holders, ..Duplicate::default() });
            }
        }
        !self.duplicates.is_empty()
    }

    /// Second pass: one user's username, named when it is a duplicate.
    pub fn name(&mut self, username: &str, who: Who<'_>) {
        let Some(duplicate) = self.duplicates.get_mut(&folded_hash(username)) else { return };
        if duplicate.first.is_none() {
            duplicate.first = Some(who.into());
            username.clone_into(&mut duplicate.username);
        } else if duplicate.others.first.len() < EXAMPLES {
            duplicate.others.first.push(who.into());
        }
        duplicate.others.count = duplicate.holders.saturating_sub(1);
    }

    /// Whether `username` is held by more than one user (after [`Self::finish`]).
    #[must_use]
    pub fn is_duplicate(&self, username: &str) -> bool {
        self.duplicates.contains_key(&folded_hash(username))
    }

    /// Every username held by more than one user, most holders first.
    #[must_use]
    pub fn duplicates(&self) -> Vec<&Duplicate> {
        let mut duplicates: Vec<&Duplicate> = self.duplicates.values().collect();
        duplicates.sort_by(|a, b| b.holders.cmp(&a.holders).then(a.username.cmp(&b.username)));
        duplicates
    }

    /// Distinct usernames (after [`Self::finish`]).
    #[must_use]
    pub fn len(&self) -> usize {
        self.distinct
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.distinct == 0
    }
}

/// Users whose username is not email-shaped, for one reason (V505).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotEmailUsers {
    pub reason: NotEmail,
    pub count: u64,
    /// The first few users, with their usernames.
    pub first: Vec<(UserRef, Box<str>)>,
}

/// Usernames that are not email-shaped, by reason, in the order the reasons were first met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NotEmails(pub Vec<NotEmailUsers>);

impl NotEmails {
    /// Checks one user's username; the reason when it is not email-shaped.
    pub fn record(&mut self, username: &str, who: Who<'_>) -> Option<NotEmail> {
        let reason = email_shape(username).err()?;
        let index = match self.0.iter().position(|users| users.reason == reason) {
            Some(index) => index,
            None => {
                self.0.push(NotEmailUsers { reason, count: 0, first: Vec::new() });
                self.0.len() - 1
            }
        };
        if let Some(users) = self.0.get_mut(index) {
            users.count += 1;
            if users.first.len() < EXAMPLES {
                users.first.push((who.into(), username.into()));
            }
        }
        Some(reason)
    }
}
