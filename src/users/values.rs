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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// As the second user has it (the first user's may differ in case).
    pub username: String,
    /// Where the first holder is in the stream of users; see [`Usernames::resolve`].
    pub first_ordinal: u64,
    /// The first holder, once resolved.
    pub first: Option<UserRef>,
    /// The users after the first, counted, with the first few named.
    pub others: Users,
}

/// Usernames seen so far, compared case-insensitively: SCIM's `userName` is not case-exact
/// (RFC 7643 §4.1.1, `caseExact: false`), so a service provider treats `Jane@x.com` and
/// `jane@x.com` as one user, and Okta's own SCIM test checks a filter on the upper-cased name.
///
/// Per user it keeps 16 bytes: a 64-bit hash of the case-folded username and the ordinal of its
/// first holder (about 20 MB for a million users with the map's overhead), not the holder's id
/// and login: the few first holders a finding names are looked up afterwards by ordinal
/// ([`Self::wanted`], [`Self::resolve`]). A hash collision (odds about 1 in 10^7 for a million
/// users) would report a false duplicate, whose two usernames the finding shows.
#[derive(Debug, Default)]
pub struct Usernames {
    seen: HashMap<u64, u64>,
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
    /// Records the username of the user at `ordinal` (its position in the stream of users).
    pub fn record(&mut self, username: &str, who: Who<'_>, ordinal: u64) {
        let key = folded_hash(username);
        match self.seen.get(&key) {
            None => {
                self.seen.insert(key, ordinal);
            }
            Some(&first_ordinal) => {
                let duplicate = self.duplicates.entry(key).or_insert_with(|| Duplicate {
                    username: username.to_owned(),
                    first_ordinal,
                    first: None,
                    others: Users::default(),
                });
                duplicate.others.add(who);
            }
        }
    }

    /// The ordinals of the first holders of duplicates, still to be named.
    #[must_use]
    pub fn wanted(&self) -> Vec<u64> {
        let mut wanted: Vec<u64> =
            self.duplicates.values().filter(|d| d.first.is_none()).map(|d| d.first_ordinal).collect();
        wanted.sort_unstable();
        wanted
    }

    /// Names the user at `ordinal`, the first holder of one or more duplicates.
    pub fn resolve(&mut self, ordinal: u64, who: Who<'_>) {
        for duplicate in self.duplicates.values_mut().filter(|d| d.first_ordinal == ordinal) {
            duplicate.first = Some(who.into());
        }
    }

    /// Whether `username` is held by more than one user.
    #[must_use]
    pub fn is_duplicate(&self, username: &str) -> bool {
        self.duplicates.contains_key(&folded_hash(username))
    }

    /// Every username held by more than one user, most holders first.
    #[must_use]
    pub fn duplicates(&self) -> Vec<&Duplicate> {
        let mut duplicates: Vec<&Duplicate> = self.duplicates.values().collect();
        duplicates.sort_by(|a, b| b.others.count.cmp(&a.others.count).then(a.username.cmp(&b.username)));
        duplicates
    }

    /// Distinct usernames seen.
    #[must_use]
    pub fn len(&self) -> usize {
        self.seen.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
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
