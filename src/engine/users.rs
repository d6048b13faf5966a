//! The users stage (`check --users`): after the documents are joined per app, the users files
//! are streamed once per run; each valued unit's To App expressions, parsed once, are evaluated
//! for every user that is checked, and the results are tallied per unit ([`UserValues`]), for
//! the V checks to read through `Ctx`. Only the tallies stay in memory, never the users.
//!
//! Users are skipped, and counted, when their status is `DEPROVISIONED` (Okta does not provision
//! them), when they do not match `--users-filter`, and when an earlier users file of the run
//! already held their Okta id.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::Linter;
use super::stream::each_user;
use crate::checks::user_values::{UserValues, UsernameSource, UsernameValues, Valued};
use crate::expr::eval::{Env, Evaluator, Outcome, Unknown, Value};
use crate::expr::{self, Expr};
use crate::finding::{Report, UsersSummary};
use crate::model::{EntryValue, SignOn, Unit};
use crate::ruleset::Target;
use crate::ruleset::apps::App;
use crate::source::Span;
use crate::users::User;
use crate::users::filter::Filter;
use crate::users::values::{AttributeTally, NotEmails, Usernames, Who};

/// The users files of a run and what to do with them.
#[derive(Clone, Debug, Default)]
pub struct UsersInput {
    pub files: Vec<String>,
    /// `--users-filter`: only the users it matches are checked.
    pub filter: Option<Filter>,
    /// `--redact-users`: findings name users by Okta id only.
    pub redact: bool,
}

impl Linter {
    /// This linter, checking the mappings against the users of `users` as well.
    #[must_use]
    pub fn with_users(mut self, users: UsersInput) -> Self {
        self.users = Some(users);
        self
    }
}

/// Whether a unit's mappings are evaluated against the users: the target app's, when it has a
/// To App mapping. Another app's values mean nothing to the target.
pub(super) fn valued(unit: &Unit, app: &App) -> bool {
    app.verdict.is_target()
        && unit.setup.mappings.iter().any(|mapping| !mapping.direction.as_ref().is_some_and(|d| d.is_to_okta()))
}

/// One mapped expression, parsed once (its tally is the plan's `values.attributes` at the same
/// index).
pub(super) struct Planned {
    pub attribute: String,
    pub expr: Expr,
}

/// Where each user's username comes from.
pub(super) enum UsernamePlan {
    /// The planned entry at this index is the `userName` mapping.
    Entry(usize),
    /// A Sign On template: the expression it translates to, or why it does not.
    Template(Result<Expr, Outcome<'static>>),
    /// Okta's default: the app user's username where the users file has app users, else the login.
    Default,
}

/// One valued unit: what to evaluate for each user.
pub(super) struct Plan {
    pub unit: usize,
    pub entries: Vec<Planned>,
    pub username: UsernamePlan,
    pub values: UserValues,
}

/// The plan of `unit` under `target`. Expressions that do not parse are X201's and are skipped.
pub(super) fn plan(index: usize, unit: &Unit, target: &Target, redact: bool) -> Plan {
    let to_app = || unit.setup.mappings.iter().filter(|m| !m.direction.as_ref().is_some_and(|d| d.is_to_okta()));
    let sign_on = target.sign_on_attribute().map(|attribute| attribute.name.as_str());
    let mut entries = Vec::new();
    let mut attributes = Vec::new();
    for mapping in to_app() {
        for entry in &mapping.entries {
            let EntryValue::Expression { text, .. } = &entry.value else { continue };
            let Ok(expr) = expr::parse(text) else { continue };
            // Attributes that assign a group or a team keep every distinct value (V501, V502).
            let track_distinct = target.attribute(&entry.attribute).is_some_and(|a| a.assigns.is_some());
            let (file, pointer, attribute) = (entry.file, entry.pointer.clone(), entry.attribute.clone());
            let tally = AttributeTally::new(track_distinct);
            attributes.push(Valued { file, pointer, attribute: attribute.clone(), tally });
            entries.push(Planned { attribute, expr });
        }
    }
    let mapped = entries.iter().position(|entry| Some(entry.attribute.as_str()) == sign_on);
    let template = unit.setup.sign_on.first();
    // The manifest's `value: sign-on`, else the first mapping, is where username findings point.
    let sign_on_entry = to_app().find_map(|mapping| {
        mapping.entries.iter().find_map(|entry| match entry.value {
            EntryValue::SignOn(span) => Some((mapping.file, span, format!("{}/value", entry.pointer))),
            _ => None,
        })
    });
    let anchor = to_app().next().map(|mapping| (mapping.file, mapping.anchor, mapping.anchor_pointer.clone()));
    let (plan, source, (file, span, pointer)) = match (mapped, template) {
        (Some(index), _) => (UsernamePlan::Entry(index), UsernameSource::Mapping, (0, Span::default(), String::new())),
        (None, Some(template)) => {
            let (text, span) = template_text(template);
            let at = (template.file, span, template.entry.pointer.clone());
            (UsernamePlan::Template(template_expr(template)), UsernameSource::Template(text.to_owned()), at)
        }
        (None, None) => (UsernamePlan::Default, UsernameSource::Login, sign_on_entry.or(anchor).unwrap_or_default()),
    };
    let username = UsernameValues {
        source,
        file,
        span,
        pointer: Some(pointer),
        tally: AttributeTally::new(false),
        usernames: Usernames::default(),
        not_email: NotEmails::default(),
    };
    let values = UserValues { users: 0, redact, attributes, username: Some(username) };
    Plan { unit: index, entries, username: plan, values }
}

/// The expression a Sign On template computes, or the unknown outcome that says why not.
fn template_expr(template: &SignOn) -> Result<Expr, Outcome<'static>> {
    let unknown = |reason: String| Outcome::Unknown(Unknown { reason: reason.into(), span: Span::default() });
    if template.suffix.is_some() {
        return Err(unknown("the username format has a `userSuffix`, which scimlint does not apply".to_owned()));
    }
    let (format, _) = template_text(template);
    let text = if template.custom { Ok(format.to_owned()) } else { expr::template::translate(format) };
    let text = text.map_err(|reason| unknown(format!("{reason}: the username format `{format}` is not evaluated")))?;
    expr::parse(&text)
        .map_err(|_| unknown(format!("the username format `{format}` is not an expression scimlint reads")))
}

/// The template's text and where it is written.
fn template_text(template: &SignOn) -> (&str, Span) {
    match &template.entry.value {
        EntryValue::Expression { text, span } => (text, *span),
        _ => ("", template.entry.attribute_span),
    }
}

impl Plan {
    /// Evaluates everything for one user and records it.
    pub(super) fn record(&mut self, evaluator: &Evaluator, user: &User, who: Who<'_>) {
        let env = user.env();
        self.values.users += 1;
        for (index, (entry, valued)) in self.entries.iter().zip(&mut self.values.attributes).enumerate() {
            let outcome = evaluator.evaluate(&entry.expr, &env);
            valued.tally.record(who, &outcome);
            if matches!(self.username, UsernamePlan::Entry(at) if at == index)
                && let Some(username) = &mut self.values.username
            {
                record_username(username, &outcome, who, false);
            }
        }
        if matches!(self.username, UsernamePlan::Entry(_)) {
            return;
        }
        let outcome = self.username.outcome(evaluator, user, &env);
        let from_app_user = matches!(self.username, UsernamePlan::Default) && app_username(user).is_some();
        let Some(username) = &mut self.values.username else { return };
        if from_app_user {
            username.source = UsernameSource::AppUsers;
        }
        record_username(username, &outcome, who, true);
    }

    /// The username of one user, evaluated again (for the second pass over duplicates).
    fn username(&self, evaluator: &Evaluator, user: &User) -> Option<String> {
        let env = user.env();
        let outcome = match self.username {
            UsernamePlan::Entry(index) => evaluator.evaluate(&self.entries.get(index)?.expr, &env),
            _ => self.username.outcome(evaluator, user, &env),
        };
        username_text(&outcome).map(std::borrow::Cow::into_owned)
    }
}

impl UsernamePlan {
    /// The username of `user` when no mapping gives it (the template, or Okta's default).
    pub(super) fn outcome<'a>(&'a self, evaluator: &Evaluator, user: &'a User, env: &Env<'a>) -> Outcome<'a> {
        match self {
            UsernamePlan::Template(Ok(expr)) => evaluator.evaluate(expr, env),
            UsernamePlan::Template(Err(unknown)) => unknown.clone(),
            UsernamePlan::Entry(_) | UsernamePlan::Default => {
                Outcome::Value(app_username(user).or_else(|| user.login()).map_or(Value::Null, Value::str))
            }
        }
    }
}

/// The username Okta sends for an app user (`credentials.userName`), when the file has it.
fn app_username(user: &User) -> Option<&str> {
    user.app_user.as_ref().and_then(|app| app.user_name.as_deref())
}

fn record_username(username: &mut UsernameValues, outcome: &Outcome<'_>, who: Who<'_>, tally: bool) {
    if tally {
        username.tally.record(who, outcome);
    }
    let Some(text) = username_text(outcome) else { return };
    username.usernames.record(&text);
    username.not_email.record(&text, who);
}

/// The username as text, when there is one (a number or boolean is sent as its text).
pub(super) fn username_text<'o>(outcome: &'o Outcome<'_>) -> Option<std::borrow::Cow<'o, str>> {
    match outcome.value()? {
        Value::Str(text) if !text.is_empty() => Some(std::borrow::Cow::Borrowed(text.as_ref())),
        value @ (Value::Int(_) | Value::Num(_) | Value::Bool(_)) => Some(std::borrow::Cow::Owned(value.to_string())),
        _ => None,
    }
}

/// A user as the findings of this run name one.
pub(super) fn who(user: &User, redact: bool) -> Who<'_> {
    let who = user.who();
    if redact { Who { login: None, ..who } } else { who }
}

/// Which users of a stream are checked, and the counts of the others.
pub(super) struct Gate {
    filter: Option<Filter>,
    /// Hashes of the Okta ids seen, when there are several files (a user may be in two).
    ids: Option<HashSet<u64>>,
    pub summary: UsersSummary,
}

impl Gate {
    pub(super) fn new(input: &UsersInput) -> Self {
        let ids = (input.files.len() > 1).then(HashSet::new);
        let summary = UsersSummary { files: input.files.clone(), ..UsersSummary::default() };
        Self { filter: input.filter.clone(), ids, summary }
    }

    /// Whether `user` is checked; counts it either way.
    pub(super) fn admit(&mut self, user: &User) -> bool {
        self.summary.read += 1;
        if user.is_deprovisioned() {
            self.summary.deprovisioned += 1;
            return false;
        }
        if self.filter.as_ref().is_some_and(|filter| !filter.matches(user)) {
            self.summary.filtered_out += 1;
            return false;
        }
        if let (Some(ids), Some(id)) = (&mut self.ids, &user.id) {
            let mut hasher = DefaultHasher::new();
            id.hash(&mut hasher);
            if !ids.insert(hasher.finish()) {
                self.summary.repeated += 1;
                return false;
            }
        }
        self.summary.checked += 1;
        true
    }
}

impl Linter {
    /// The users stage: the tallies of each unit (`None` for units that are not valued, and
    /// for all of them without `--users`), and what was read in `report.users`.
    pub(super) fn users_stage(
        &self,
        units: &[Unit],
        apps: &[App],
        report: &mut Report,
    ) -> Vec<Option<Box<UserValues>>> {
        // Boxed: a run of ten thousand apps and no users file holds ten thousand of these.
        let mut values: Vec<Option<Box<UserValues>>> = units.iter().map(|_| None).collect();
        let Some(input) = &self.users else { return values };
        let mut plans: Vec<Plan> = units
            .iter()
            .zip(apps)
            .enumerate()
            .filter(|(_, (unit, app))| valued(unit, app))
            .map(|(index, (unit, _))| (index, unit))
            .map(|(index, unit)| plan(index, unit, &self.scopes[unit.scope].target, input.redact))
            .collect();
        let evaluator = Evaluator::new();
        let mut gate = Gate::new(input);
        each_user(&input.files, &mut report.errors, |user| {
            if gate.admit(user) {
                let who = who(user, input.redact);
                plans.iter_mut().for_each(|plan| plan.record(&evaluator, user, who));
            }
        });
        name_duplicate_holders(input, &mut plans, &evaluator);
        gate.summary.mappings = plans.len();
        report.users = Some(gate.summary);
        for plan in plans {
            if let Some(slot) = values.get_mut(plan.unit) {
                *slot = Some(Box::new(plan.values));
            }
        }
        values
    }
}

/// Names the holders of duplicate usernames: a second pass over the files, only when there are
/// duplicates, so that the first pass keeps 8 bytes per user instead of each one's id and login.
fn name_duplicate_holders(input: &UsersInput, plans: &mut [Plan], evaluator: &Evaluator) {
    let mut again: Vec<&mut Plan> = plans
        .iter_mut()
        .filter_map(|plan| {
            let duplicates = plan.values.username.as_mut().is_some_and(|username| username.usernames.finish());
            duplicates.then_some(plan)
        })
        .collect();
    if again.is_empty() {
        return;
    }
    // The same users as the first pass; its errors are reported already.
    let mut gate = Gate::new(input);
    each_user(&input.files, &mut Vec::new(), |user| {
        if gate.admit(user) {
            for plan in again.iter_mut() {
                let Some(name) = plan.username(evaluator, user) else { continue };
                if let Some(username) = &mut plan.values.username {
                    username.usernames.name(&name, who(user, input.redact));
                }
            }
        }
    });
}
