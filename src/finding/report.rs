//! What a run found, with the files its findings point into.

use super::{Finding, Severity};
use crate::source::{SourceFile, SourceRoot};

/// Why a file is in the run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// A document that was checked (or could not be read, which is a finding).
    Checked,
    /// Found by walking a directory, and no document scimlint reads: only counted.
    Skipped,
    /// A config file in force, shown only when a finding points into it.
    Config,
}

/// What the run knows of one of its files besides its text.
#[derive(Clone, Copy, Debug)]
pub struct FileInfo {
    pub role: FileRole,
    /// The settings scope it was checked under (files under one config file share one).
    pub scope: usize,
    /// The level at or above which a finding in it fails the run (`None`: never).
    pub fail_on: Option<Severity>,
}

/// A path scimlint could not check (missing, unreadable, too large): the run failed (exit 2),
/// and every output format says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    pub path: String,
    pub message: String,
}

/// How an app of the run was judged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppStatus {
    /// Named by the config, or named like the target.
    Target,
    /// Nothing said otherwise: checked as the target.
    Assumed,
    /// Not the target, and why: "an OIDC app".
    Skipped(String),
}

/// An app the run met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppLine {
    pub name: Option<String>,
    pub id: Option<String>,
    pub status: AppStatus,
    /// Documents of it that were read.
    pub documents: usize,
}

/// What a run read of its users files (`check --users`), so that every output can say it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct UsersSummary {
    pub files: Vec<String>,
    /// Records read as users.
    pub read: u64,
    /// Users checked: read, not deprovisioned, matching `--users-filter`, not seen before.
    pub checked: u64,
    /// Status `DEPROVISIONED`: Okta does not provision them, so they are not checked.
    pub deprovisioned: u64,
    /// Not matching `--users-filter`.
    pub filtered_out: u64,
    /// Users already read from an earlier users file (same Okta id).
    pub repeated: u64,
    /// How many apps' mappings were evaluated for them.
    pub mappings: usize,
}

/// Everything a run found. Files are numbered once, when the inputs are collected: a finding's
/// `file` is an index into `files` and `info`.
#[derive(Default)]
pub struct Report {
    pub files: Vec<SourceFile>,
    pub info: Vec<FileInfo>,
    pub findings: Vec<Finding>,
    /// What could not be checked at all.
    pub errors: Vec<RunError>,
    /// The apps the documents belong to, and which were checked as the target.
    pub apps: Vec<AppLine>,
    /// Terraform values of the target's documents that could not be evaluated (F011), counted
    /// whatever the rule selection: what was not checked is said.
    pub not_evaluated: NotEvaluatedCount,
    /// The users files read, with `--users`.
    pub users: Option<UsersSummary>,
    /// Where the run's paths are relative to in machine output (set by the command line).
    pub root: Option<SourceRoot>,
    /// Where the rule pages are published (the config's `docs_url`); no links without it.
    pub docs_url: Option<String>,
    /// What a baseline held back, when one was used.
    pub baseline: Option<super::BaselineTally>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NotEvaluatedCount {
    /// Values that stand for entries of a mapping (a `dynamic "mappings"` block over an unknown
    /// collection, an unknown entry).
    pub entries: usize,
    /// Every value not evaluated, those included.
    pub values: usize,
}

impl Report {
    /// `name` relative to the run's root when it lies inside it (how CI services and baselines
    /// name a file, whatever directory scimlint ran in), else as given.
    #[must_use]
    pub fn relative_name<'a>(&self, name: &'a str) -> std::borrow::Cow<'a, str> {
        match self.root.as_ref().and_then(|root| root.relative(name)) {
            Some(relative) => std::borrow::Cow::Owned(relative),
            None => std::borrow::Cow::Borrowed(name),
        }
    }

    /// A report of checked files under default settings, for findings made by hand.
    #[must_use]
    pub fn new(files: Vec<SourceFile>, findings: Vec<Finding>) -> Self {
        let info = FileInfo { role: FileRole::Checked, scope: 0, fail_on: Some(Severity::Error) };
        Self { info: vec![info; files.len()], files, findings, ..Self::default() }
    }

    /// The id of the file named `name`, added with `info` when the run does not hold it yet (its
    /// `text` is read only then), so that a file reached twice keeps one number.
    pub fn file_id_or_add<E>(
        &mut self,
        name: &str,
        info: FileInfo,
        text: impl FnOnce() -> Result<String, E>,
    ) -> Result<usize, E> {
        if let Some(id) = self.files.iter().position(|file| file.name == name) {
            return Ok(id);
        }
        self.files.push(SourceFile::new(name.to_owned(), text()?));
        self.info.push(info);
        Ok(self.files.len() - 1)
    }

    /// How many files had the given role.
    #[must_use]
    pub fn count(&self, role: FileRole) -> usize {
        self.info.iter().filter(|info| info.role == role).count()
    }

    /// The files a per-file output lists: every checked file, and a config file that a finding
    /// points into.
    pub fn listed_files(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.files.len()).filter(|&file| match self.role(file) {
            Some(FileRole::Checked) => true,
            Some(FileRole::Config) => self.findings.iter().any(|finding| finding.file == file),
            _ => false,
        })
    }

    /// The page of a rule under `docs_url` (`{docs_url}/CODE.md`), when a config gave one.
    #[must_use]
    pub fn rule_url(&self, code: crate::ruleset::Code) -> Option<String> {
        let base = self.docs_url.as_deref()?;
        Some(format!("{}/{code}.md", base.trim_end_matches('/')))
    }

    #[must_use]
    pub fn role(&self, file: usize) -> Option<FileRole> {
        self.info.get(file).map(|info| info.role)
    }

    /// Whether `finding` is at or above the `--fail-on` level of its file.
    #[must_use]
    pub fn fails(&self, finding: &Finding) -> bool {
        self.info.get(finding.file).and_then(|info| info.fail_on).is_some_and(|level| finding.severity >= level)
    }

    /// Whether any finding fails the run.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.findings.iter().any(|finding| self.fails(finding))
    }

    /// Sorts the findings by file, position and code (stable: findings at one place keep the
    /// order their check reported them in), and drops copies: a document joined to several apps
    /// (a features file beside two mappings) is checked with each, and what it says about itself
    /// is said once.
    pub fn sort_and_dedupe(&mut self) {
        // Findings are large and can be 400,000: small keys are sorted, not the findings, and
        // file names are ranked once rather than compared at every step. The index as the last
        // key keeps the sort stable.
        let rank = self.rank_by_name();
        let mut order: Vec<(usize, usize, crate::ruleset::Code, usize)> = self
            .findings
            .iter()
            .enumerate()
            .map(|(index, finding)| (rank[finding.file], finding.span.start, finding.code, index))
            .collect();
        order.sort_unstable();
        let mut source: Vec<usize> = order.into_iter().map(|(_, _, _, index)| index).collect();
        permute(&mut self.findings, &mut source);
        let mut kept = 0;
        for read in 0..self.findings.len() {
            let finding = &self.findings[read];
            // Sorted, copies sit among the findings of the same file, start and code.
            let same_place = |other: &&Finding| {
                other.file == finding.file && other.span.start == finding.span.start && other.code == finding.code
            };
            let copy = self.findings[..kept]
                .iter()
                .rev()
                .take_while(same_place)
                .any(|other| other.span == finding.span && other.message == finding.message);
            if !copy {
                self.findings.swap(kept, read);
                kept += 1;
            }
        }
        self.findings.truncate(kept);
    }

    /// Each file's place among the files ordered by name; files of one name share it.
    fn rank_by_name(&self) -> Vec<usize> {
        let mut by_name: Vec<usize> = (0..self.files.len()).collect();
        by_name.sort_by(|&a, &b| self.files[a].name.cmp(&self.files[b].name));
        let mut rank = vec![0; self.files.len()];
        let mut place = 0;
        for (position, &file) in by_name.iter().enumerate() {
            if position > 0 && self.files[by_name[position - 1]].name != self.files[file].name {
                place += 1;
            }
            rank[file] = place;
        }
        rank
    }
}

/// Puts `items[source[i]]` at `i`, in place, one cycle of the permutation at a time: a second
/// list of 400,000 findings would be 70 MB of fresh memory to fault in and fill. `source` ends
/// as the identity.
fn permute<T>(items: &mut [T], source: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        while source[at] != start {
            let from = source[at];
            items.swap(at, from);
            source[at] = at;
            at = from;
        }
        source[at] = at;
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_places_each_source_item_and_leaves_the_identity() {
        // Two cycles (0 → 3 → 1 → 0, 2 → 4 → 2) and a fixed point.
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let mut source = vec![3, 0, 4, 1, 2, 5];
        permute(&mut items, &mut source);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c', 'f']);
        assert_eq!(source, (0..6).collect::<Vec<_>>());
    }
}
