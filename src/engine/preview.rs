//! `scimlint preview`: what the target would receive. The run is a `check --users` first (its
//! tallies say which values have findings: a country that names no group, team variants,
//! shared usernames), then the users are streamed a second time and each checked user becomes
//! one row, evaluated with the same parsed expressions. A mark is kept only when the check
//! reported that rule for the mapping, so `--select`, `--ignore` and suppressions apply.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;

use super::Linter;
use super::users::{Gate, Plan, UsernamePlan, plan, valued};
use crate::error::Error;
use crate::expr::eval::{Evaluator, Outcome, Value};
use crate::finding::preview::{Cell, CellValue, PreviewHeader, PreviewRow};
use crate::finding::{Report, Severity};
use crate::ruleset::target::{Assigns, Compare};
use crate::ruleset::{Code, Target};
use crate::source::Input;
use crate::users::teams::team_variants;
use crate::users::{User, Users, shape};

/// A preview: the check's report, the columns, and the rows, made as they are read.
pub struct Preview {
    pub report: Report,
    pub header: PreviewHeader,
    pub rows: PreviewRows,
}

/// How one column's values are marked.
#[derive(Default)]
struct Column {
    /// A missing value is an error (V503), not a note.
    required: bool,
    /// The names a value must be one of (V501), and whether case counts.
    groups: Option<(Vec<String>, bool)>,
    /// Values that are team variants of others (V502).
    variants: HashSet<String>,
    /// The username column (V505, V506).
    username: bool,
}

impl Linter {
    /// Checks `inputs` with the users, then previews the one app whose To App mapping they
    /// hold; `limit` rows at most. An error when they hold no To App mapping or several.
    pub fn preview(&self, inputs: Vec<(usize, Input)>, limit: Option<usize>) -> Result<Preview, Error> {
        let super::Run { report, units, apps, values } = self.run(inputs);
        let valued_units: Vec<usize> = (0..units.len()).filter(|&index| valued(&units[index], &apps[index])).collect();
        let index = match valued_units.as_slice() {
            [index] => *index,
            [] => {
                return Err(Error::Preview {
                    message: "no To App attribute mapping found to preview".to_owned(),
                    help: "name an Okta mapping export (GET /api/v1/mappings/{id}), a Terraform file or a scimlint manifest".to_owned(),
                });
            }
            several => {
                let names: Vec<&str> = several
                    .iter()
                    .filter_map(|&index| units[index].setup.mappings.first())
                    .filter_map(|mapping| report.files.get(mapping.file).map(|file| file.name.as_str()))
                    .collect();
                return Err(Error::Preview {
                    message: format!("the inputs hold {} apps' To App mappings: {}", several.len(), names.join(", ")),
                    help: "a preview shows one app: name the file of the one to preview".to_owned(),
                });
            }
        };
        let unit = &units[index];
        let scope = &self.scopes[unit.scope];
        let input = self.users.clone().unwrap_or_default();
        let mut plan = plan(index, unit, &scope.target, input.redact);
        let Some(values) = values.into_iter().nth(index).flatten() else {
            return Err(Error::Preview {
                message: "no users to preview".to_owned(),
                help: "give a users file with --users".to_owned(),
            });
        };
        plan.values = *values;
        let unit_files: HashSet<usize> = unit.setup.mappings.iter().map(|mapping| mapping.file).collect();
        let reported: HashSet<Code> =
            report.findings.iter().filter(|f| unit_files.contains(&f.file)).map(|finding| finding.code).collect();
        let columns = columns(&plan, &scope.target, scope.settings.org.groups.as_deref());
        let names = columns.iter().map(|(name, _)| name.clone()).collect();
        let username = columns.iter().position(|(_, column)| column.username);
        let mapping = unit.setup.mappings.first().and_then(|mapping| report.files.get(mapping.file));
        let header = PreviewHeader {
            columns: names,
            mapping: mapping.map(|file| file.name.clone()).unwrap_or_default(),
            users: report.users.as_ref().map_or(0, |users| users.checked),
            username,
        };
        let rows = PreviewRows {
            gate: Gate::new(&input),
            files: input.files.clone(),
            next_file: 0,
            reader: None,
            plan,
            columns: columns.into_iter().map(|(_, column)| column).collect(),
            reported,
            evaluator: Evaluator::new(),
            remaining: limit,
            redact: input.redact,
        };
        Ok(Preview { report, header, rows })
    }
}

/// The columns: the username first when no mapping gives it, then every mapped expression.
fn columns(plan: &Plan, target: &Target, groups: Option<&[String]>) -> Vec<(String, Column)> {
    let sign_on = target.sign_on_attribute();
    let mut columns = Vec::new();
    if !matches!(plan.username, UsernamePlan::Entry(_)) {
        let name = sign_on.map_or("userName", |attribute| attribute.name.as_str()).to_owned();
        let required = sign_on.is_none_or(|attribute| attribute.required);
        columns.push((name, Column { required, username: true, ..Column::default() }));
    }
    for (index, (entry, valued)) in plan.entries.iter().zip(&plan.values.attributes).enumerate() {
        let attribute = target.attribute(&entry.attribute);
        let mut column = Column {
            required: attribute.is_some_and(|attribute| attribute.required),
            username: matches!(plan.username, UsernamePlan::Entry(at) if at == index),
            ..Column::default()
        };
        match attribute.and_then(|attribute| attribute.assigns.map(|assigns| (attribute, assigns))) {
            Some((attribute, Assigns::Group)) => {
                let case_sensitive = attribute.values.as_ref().is_none_or(|values| values.case_sensitive);
                column.groups = groups.map(|groups| (groups.to_vec(), case_sensitive));
            }
            Some((attribute, Assigns::Team)) => {
                let distinct = valued.tally.distinct();
                let case_blind = attribute.compare == Compare::CaseInsensitive;
                for group in team_variants(distinct.iter().map(|(value, users)| (*value, users.count)), case_blind) {
                    let spellings = group.teams.into_iter().flat_map(|team| team.spellings);
                    column.variants.extend(spellings.map(|(text, _)| text));
                }
            }
            None => {}
        }
        columns.push((entry.attribute.clone(), column));
    }
    columns
}

/// The rows of a preview, one user at a time.
pub struct PreviewRows {
    gate: Gate,
    files: Vec<String>,
    next_file: usize,
    reader: Option<Users<BufReader<File>>>,
    plan: Plan,
    columns: Vec<Column>,
    reported: HashSet<Code>,
    evaluator: Evaluator,
    remaining: Option<usize>,
    redact: bool,
}

impl Iterator for PreviewRows {
    type Item = PreviewRow;

    fn next(&mut self) -> Option<PreviewRow> {
        loop {
            if self.remaining == Some(0) {
                return None;
            }
            let reader = match &mut self.reader {
                Some(reader) => reader,
                None => {
                    let path = self.files.get(self.next_file)?;
                    self.next_file += 1;
                    // An unreadable file is a run error of the check already.
                    self.reader = Users::open(std::path::Path::new(path)).ok();
                    continue;
                }
            };
            match reader.next() {
                None => self.reader = None,
                Some(Err(_)) => {}
                Some(Ok(user)) if self.gate.admit(&user) => {
                    self.remaining = self.remaining.map(|left| left - 1);
                    return Some(self.row(&user));
                }
                Some(Ok(_)) => {}
            }
        }
    }
}

impl PreviewRows {
    fn row(&self, user: &User) -> PreviewRow {
        let env = user.env();
        let mut outcomes: Vec<Outcome<'_>> = Vec::with_capacity(self.columns.len());
        if !matches!(self.plan.username, UsernamePlan::Entry(_)) {
            outcomes.push(self.plan.username.outcome(&self.evaluator, user, &env));
        }
        outcomes.extend(self.plan.entries.iter().map(|entry| self.evaluator.evaluate(&entry.expr, &env)));
        let login = user.login();
        let cells =
            outcomes.iter().zip(&self.columns).map(|(outcome, column)| self.cell(outcome, column, login)).collect();
        PreviewRow { id: user.id.clone(), login: if self.redact { None } else { login.map(str::to_owned) }, cells }
    }

    fn cell(&self, outcome: &Outcome<'_>, column: &Column, login: Option<&str>) -> Cell {
        let mut marks = Vec::new();
        let mut mark = |code: Code, severity: Severity| {
            if self.reported.contains(&code) {
                marks.push((code, severity));
            }
        };
        let value = match outcome {
            Outcome::Value(value) => value,
            Outcome::Unknown(unknown) => {
                mark(Code::V504, Severity::Info);
                return Cell { value: CellValue::Unknown(unknown.reason.to_string()), marks };
            }
            Outcome::Error(error) => {
                mark(Code::V504, Severity::Error);
                return Cell { value: CellValue::Fails(error.reason.to_string()), marks };
            }
        };
        if value.is_null_or_empty() {
            mark(Code::V503, if column.required { Severity::Error } else { Severity::Info });
        }
        let text = match value {
            Value::Str(text) => Some(std::borrow::Cow::Borrowed(text.as_ref())),
            Value::Int(_) | Value::Num(_) | Value::Bool(_) => Some(std::borrow::Cow::Owned(value.to_string())),
            _ => None,
        };
        if let Some(text) = text.as_deref().filter(|text| !text.is_empty()) {
            if let Some((groups, case_sensitive)) = &column.groups {
                let known = groups.iter().any(|group| {
                    if *case_sensitive { group == text } else { group.to_lowercase() == text.to_lowercase() }
                });
                if !known {
                    mark(Code::V501, Severity::Error);
                }
            }
            if column.variants.contains(text) {
                mark(Code::V502, Severity::Warning);
            }
            if column.username {
                if shape::email_shape(text).is_err() {
                    mark(Code::V505, Severity::Error);
                }
                let usernames = self.plan.values.username.as_ref().map(|username| &username.usernames);
                if usernames.is_some_and(|usernames| usernames.is_duplicate(text)) {
                    mark(Code::V506, Severity::Error);
                }
            }
            // The login, and a username (usually the login), are what --redact-users hides.
            if self.redact && (column.username || login.is_some_and(|login| login.eq_ignore_ascii_case(text))) {
                return Cell { value: CellValue::Redacted, marks };
            }
        }
        Cell { value: CellValue::Value(value.clone().into_owned()), marks }
    }
}
