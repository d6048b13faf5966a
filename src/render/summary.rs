//! The one-line summary of a run that human and concise output end with.

use super::plural;
use crate::finding::{AppLine, AppStatus, Applicability, FileRole, Report, Severity};

/// Counts by severity and fixability, for summaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub safe_fixes: usize,
    pub unsafe_fixes: usize,
}

impl Tally {
    #[must_use]
    pub fn of(report: &Report) -> Self {
        let mut tally = Self::default();
        for finding in &report.findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.infos += 1,
            }
            match finding.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => tally.safe_fixes += 1,
                Some(Applicability::Unsafe) => tally.unsafe_fixes += 1,
                None => {}
            }
        }
        tally
    }

    /// "Found 1 error and 2 warnings in 3 files." — or that all checks passed.
    #[must_use]
    fn sentence(&self, files: usize) -> String {
        let files = plural(files, "file");
        let mut parts = Vec::new();
        for (count, noun) in [(self.errors, "error"), (self.warnings, "warning"), (self.infos, "info")] {
            if count > 0 {
                parts.push(plural(count, noun));
            }
        }
        if parts.is_empty() {
            return format!("All checks passed ({files}).");
        }
        let found = match parts.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let mut sentence = format!("Found {found} in {files}.");
        if self.safe_fixes > 0 {
            sentence.push_str(&format!(" {} fixable with --fix.", self.safe_fixes));
        }
        if self.unsafe_fixes > 0 {
            sentence.push_str(&format!(" {} more with --unsafe-fixes.", self.unsafe_fixes));
        }
        sentence
    }
}

/// The first few items, then how many more: a run over a repository of many apps keeps its
/// summary to a line (`--format json` lists them all).
fn listed(items: &[String], separator: &str) -> String {
    const SHOWN: usize = 5;
    if items.len() <= SHOWN + 1 {
        return items.join(separator);
    }
    format!("{}{separator}and {} more", items[..SHOWN].join(separator), items.len() - SHOWN)
}

/// What the run did besides its findings, a line each: which apps were checked as the target and
/// which were not, and the walked files that are no Okta document. Empty when there is nothing
/// to say beyond the findings.
#[must_use]
pub fn account(report: &Report) -> Vec<String> {
    // `name` (id, notes…)
    let named = |line: &AppLine, notes: &[String]| {
        let name = line.name.as_deref().unwrap_or("an unnamed app");
        let id = line.id.as_deref().filter(|id| Some(*id) != line.name.as_deref()).map(str::to_owned);
        let inside: Vec<String> = id.into_iter().chain(notes.iter().cloned()).collect();
        if inside.is_empty() { format!("`{name}`") } else { format!("`{name}` ({})", inside.join(", ")) }
    };
    let mut lines = Vec::new();
    let assumed: Vec<String> =
        report.apps.iter().filter(|line| line.status == AppStatus::Assumed).map(|line| named(line, &[])).collect();
    if !assumed.is_empty() {
        lines.push(format!(
            "Checked as the target, since nothing says otherwise: {} (name the target with `app:` in scimlint.yaml).",
            listed(&assumed, ", ")
        ));
    }
    let skipped: Vec<String> = report
        .apps
        .iter()
        .filter_map(|line| match &line.status {
            AppStatus::Skipped(what) => Some(named(line, &[what.clone(), plural(line.documents, "document")])),
            _ => None,
        })
        .collect();
    if !skipped.is_empty() {
        lines.push(format!("Not checked, not the target app: {}.", listed(&skipped, "; ")));
    }
    let unknown = report.not_evaluated;
    if unknown.values > 0 {
        let entries = match unknown.entries {
            0 => String::new(),
            n if n == unknown.values => " in mappings".to_owned(),
            n => format!(" ({n} of them in mappings)"),
        };
        let them = if unknown.values == 1 { "it" } else { "them" };
        lines.push(format!(
            "Not evaluated: {}{entries}; what depends on {them} is not checked (F011 says where).",
            plural(unknown.values, "Terraform value")
        ));
    }
    let walked = report.count(FileRole::Skipped);
    if walked > 0 {
        let (are, documents) =
            if walked == 1 { ("is", "an Okta setup document") } else { ("are", "Okta setup documents") };
        lines.push(format!("Skipped {} that {are} not {documents}.", plural(walked, "file")));
    }
    lines
}

/// What the run did, in one line: the findings, and what could not be checked. A run that could
/// not check a path never says that all checks passed.
/// What a baseline held back: "3 findings baselined; 1 baseline entry no longer matches."
fn baseline_sentence(report: &Report) -> Option<String> {
    let tally = report.baseline?;
    let mut sentence = format!("{} baselined", plural(tally.baselined, "finding"));
    if tally.unmatched > 0 {
        let entries = match tally.unmatched {
            1 => "1 baseline entry no longer matches".to_owned(),
            count => format!("{count} baseline entries no longer match"),
        };
        sentence.push_str(&format!("; {entries} (fixed, or moved: --write-baseline records the run anew)"));
    }
    Some(format!("{sentence}."))
}

/// What the run did, in one line: the findings, what a baseline held back, and what could not
/// be checked. A run that could not check a path never says that all checks passed.
#[must_use]
pub fn summary(report: &Report) -> String {
    let line = findings_summary(report);
    match baseline_sentence(report) {
        Some(baseline) => format!("{line} {baseline}"),
        None => line,
    }
}

fn findings_summary(report: &Report) -> String {
    let checked = report.count(FileRole::Checked);
    let tally = Tally::of(report);
    if report.errors.is_empty() {
        return tally.sentence(checked);
    }
    let paths: Vec<&str> = report.errors.iter().map(|error| error.path.as_str()).collect();
    let what = format!("error: could not check {} ({})", plural(paths.len(), "path"), paths.join(", "));
    if checked == 0 {
        format!("{what}; nothing else was checked.")
    } else if report.findings.is_empty() {
        format!("{what}; no finding in the other {}.", plural(checked, "file"))
    } else {
        format!("{what}. {}", tally.sentence(checked))
    }
}

/// With `--users`: how many users were checked, and how many not and why (deprovisioned users
/// are never provisioned, so never checked). `None` without users files.
#[must_use]
pub fn users_summary(report: &Report) -> Option<String> {
    let users = report.users.as_ref()?;
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let files = users.files.join(", ");
    if users.mappings == 0 {
        return Some(format!(
            "Read {} from {files}, but found no To App mapping to evaluate for them.",
            plural(count(users.read), "user")
        ));
    }
    let against =
        if users.mappings > 1 { format!(" against {} apps' mappings", users.mappings) } else { String::new() };
    let mut skipped = Vec::new();
    if users.deprovisioned > 0 {
        skipped.push(format!("{} deprovisioned", count(users.deprovisioned)));
    }
    if users.filtered_out > 0 {
        skipped.push(format!("{} not matching --users-filter", count(users.filtered_out)));
    }
    if users.repeated > 0 {
        skipped.push(format!("{} already in an earlier file", count(users.repeated)));
    }
    let skipped = if skipped.is_empty() { String::new() } else { format!("; not checked: {}", skipped.join(", ")) };
    Some(format!("Checked {} of {files}{against}{skipped}.", plural(count(users.checked), "user")))
}
