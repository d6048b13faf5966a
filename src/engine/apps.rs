//! Which app each unit of joined documents is, and the run's account of them.

use super::Linter;
use crate::finding::{AppLine, AppStatus};
use crate::model::Unit;
use crate::ruleset::apps::{self, App, Verdict};
use std::collections::{HashMap, HashSet};

impl Linter {
    pub(super) fn identify(&self, units: &[Unit]) -> Vec<App> {
        units
            .iter()
            .map(|unit| {
                let scope = &self.scopes[unit.scope];
                apps::identify(&unit.evidence, &scope.target, &self.ruleset.okta, &scope.settings.apps)
            })
            .collect()
    }
}

/// One line per app the run met, with how many documents of it were read (a features file
/// joined to two mappings of the app counts once).
pub(super) fn summary(units: &[Unit], apps: &[App]) -> Vec<AppLine> {
    let mut lines: Vec<AppLine> = Vec::new();
    // By name and id, and the documents counted: a run may meet ten thousand apps.
    let mut line_of: HashMap<(Option<String>, Option<String>), usize> = HashMap::new();
    // Each (line, document) pair once: one set, not one per app of ten thousand.
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for (unit, app) in units.iter().zip(apps) {
        if unit.evidence.iter().all(crate::model::AppEvidence::is_empty) {
            continue;
        }
        let status = match &app.verdict {
            Verdict::Target => AppStatus::Target,
            Verdict::Assumed => AppStatus::Assumed,
            Verdict::Other { what, .. } => AppStatus::Skipped(what.clone()),
        };
        let at = *line_of.entry((app.name.clone(), app.id.clone())).or_insert_with(|| {
            lines.push(AppLine { name: app.name.clone(), id: app.id.clone(), status, documents: 0 });
            lines.len() - 1
        });
        for document in &unit.documents {
            if seen.insert((at, *document)) {
                lines[at].documents += 1;
            }
        }
    }
    lines
}
