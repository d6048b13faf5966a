//! Which app each unit of joined documents is, and the run's account of them.

use super::Linter;
use crate::finding::{AppLine, AppStatus};
use crate::model::Unit;
use crate::ruleset::apps::{self, App, Verdict};

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
    let mut seen: Vec<Vec<usize>> = Vec::new();
    for (unit, app) in units.iter().zip(apps) {
        if unit.evidence.iter().all(crate::model::AppEvidence::is_empty) {
            continue;
        }
        let status = match &app.verdict {
            Verdict::Target => AppStatus::Target,
            Verdict::Assumed => AppStatus::Assumed,
            Verdict::Other { what, .. } => AppStatus::Skipped(what.clone()),
        };
        let at = match lines.iter().position(|line| line.name == app.name && line.id == app.id) {
            Some(at) => at,
            None => {
                lines.push(AppLine { name: app.name.clone(), id: app.id.clone(), status, documents: 0 });
                seen.push(Vec::new());
                lines.len() - 1
            }
        };
        for document in &unit.documents {
            if !seen[at].contains(document) {
                seen[at].push(*document);
                lines[at].documents += 1;
            }
        }
    }
    lines
}
