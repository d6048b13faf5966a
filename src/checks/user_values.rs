//! What the users stage found for one app's mappings (`check --users`): per mapped expression
//! its tally over the users, and the usernames Okta would send. The engine fills it, once per
//! run; the V checks only read it and report. Shared helpers name users and place labels.

use super::Ctx;
use crate::finding::FileId;
use crate::source::Span;
use crate::users::values::{AttributeTally, NotEmails, UserRef, Usernames, Users};

/// The values of one app's mappings over the users of the run.
#[derive(Debug, Default)]
pub struct UserValues {
    /// Users evaluated: not deprovisioned, and matching `--users-filter`.
    pub users: u64,
    /// Findings name users by Okta id only (`--redact-users`) and show no username.
    pub redact: bool,
    pub attributes: Vec<Valued>,
    pub username: Option<UsernameValues>,
}

/// One mapped expression's tally.
#[derive(Debug)]
pub struct Valued {
    pub file: FileId,
    /// The entry's pointer: with `file`, it names the expression site.
    pub pointer: String,
    pub attribute: String,
    pub tally: AttributeTally,
}

/// Where the username Okta sends comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsernameSource {
    /// The `userName` mapping; its tally is among [`UserValues::attributes`].
    Mapping,
    /// The Sign On settings' username format, from an application export.
    Template(String),
    /// `credentials.userName` of the app users in the users file (their login where absent).
    AppUsers,
    /// Okta's default application username: the login.
    Login,
}

/// The usernames of the users, and where findings about them point.
#[derive(Debug)]
pub struct UsernameValues {
    pub source: UsernameSource,
    pub file: FileId,
    pub span: Span,
    pub pointer: Option<String>,
    /// Null, empty, unknown and failing usernames, when the source is not the mapping (whose
    /// own tally has them).
    pub tally: AttributeTally,
    pub usernames: Usernames,
    pub not_email: NotEmails,
}

impl UsernameSource {
    /// As a message says where the username comes from.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Mapping => "the `userName` mapping".to_owned(),
            Self::Template(template) => format!("the Sign On username format `{template}`"),
            Self::AppUsers => "the app users' usernames".to_owned(),
            Self::Login => "Okta's default username, the login".to_owned(),
        }
    }
}

/// "1 user", "3 users".
#[must_use]
pub fn users_count(count: u64) -> String {
    if count == 1 { "1 user".to_owned() } else { format!("{count} users") }
}

/// A user as findings name one: the login, or the Okta id when redacted or without a login.
#[must_use]
pub fn user_name(user: &UserRef, redact: bool) -> String {
    let login = user.login.as_deref().filter(|_| !redact);
    match (login, user.id.as_deref()) {
        (Some(login), _) => login.to_owned(),
        (None, Some(id)) => id.to_owned(),
        (None, None) => "a user without an id".to_owned(),
    }
}

/// The first users of a count, and how many more: `a, b, c and 5 more`.
#[must_use]
pub fn user_list(first: &[&UserRef], count: u64, redact: bool) -> String {
    let names: Vec<String> = first.iter().map(|user| user_name(user, redact)).collect();
    let more = count.saturating_sub(names.len() as u64);
    match (names.as_slice(), more) {
        ([], _) => String::new(),
        (names, 0) => names.join(", "),
        (names, more) => format!("{} and {more} more", names.join(", ")),
    }
}

/// [`user_list`] of a [`Users`] tally.
#[must_use]
pub fn users_named(users: &Users, redact: bool) -> String {
    user_list(&users.first.iter().collect::<Vec<_>>(), users.count, redact)
}

/// Where a finding about a mapped expression points: the file span of `inner` (a span of the
/// expression; the whole expression when `None`) and the expression's pointer.
pub struct Place {
    pub file: FileId,
    pub span: Span,
    pub pointer: String,
}

impl Ctx<'_> {
    /// The place of `inner` in the expression of `valued`, when its site is among this unit's.
    #[must_use]
    pub fn value_place(&self, valued: &Valued, inner: Option<Span>) -> Option<Place> {
        let sites = self.expressions();
        let site = sites.iter().find(|site| site.file() == valued.file && site.entry.pointer == valued.pointer)?;
        let whole = site.parsed.as_ref().ok()?.span;
        let inner = inner.filter(|span| span.end <= site.text.len()).unwrap_or(whole);
        Some(Place { file: site.file(), span: site.span(inner), pointer: site.value_pointer() })
    }
}

impl Ctx<'_> {
    /// Where findings about the username point: the `userName` mapping's expression when the
    /// username comes from it, else the place the users stage chose (the Sign On template, the
    /// manifest's `value: sign-on`, or the mapping).
    #[must_use]
    pub fn username_place(&self, values: &UserValues, username: &UsernameValues) -> Place {
        let mapped = (username.source == UsernameSource::Mapping)
            .then(|| self.target.sign_on_attribute())
            .flatten()
            .and_then(|attribute| values.attributes.iter().find(|valued| valued.attribute == attribute.name))
            .and_then(|valued| self.value_place(valued, None));
        mapped.unwrap_or_else(|| Place {
            file: username.file,
            span: username.span,
            pointer: username.pointer.clone().unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, login: &str) -> UserRef {
        UserRef { id: Some(id.into()), login: Some(login.into()) }
    }

    #[test]
    fn users_are_named_by_login_or_by_id_when_redacted() {
        let (a, b) = (user("00u1", "a@x.io"), user("00u2", "b@x.io"));
        assert_eq!(user_list(&[&a, &b], 2, false), "a@x.io, b@x.io");
        assert_eq!(user_list(&[&a, &b], 7, true), "00u1, 00u2 and 5 more");
        assert_eq!(user_name(&UserRef::default(), false), "a user without an id");
        assert_eq!(users_count(1), "1 user");
    }
}
