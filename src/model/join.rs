//! Joining documents per app: the unit that checks see.

use std::collections::HashMap;

use super::read::Part;
use super::{AppEvidence, Document, Outcome, Setup};
use crate::source::SourceFile;

/// Documents checked together: one app's mappings with the features and schemas that join them.
pub struct Unit {
    /// Indices into the run's documents.
    pub documents: Vec<usize>,
    pub app: Option<String>,
    pub directory: String,
    /// The settings scope of its documents: files under different configs never join.
    pub scope: usize,
    pub setup: Setup,
    /// What its documents say about the app.
    pub evidence: Vec<AppEvidence>,
}

fn directory(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Joins documents per app: by app id where both sides carry one, otherwise by directory. Each
/// document with mappings starts a unit, or joins the unit of the same app id; features and
/// schemas join every unit they match, or stand alone; documents that describe no setup are
/// checked alone. The parts are taken out of the documents.
pub fn join(files: &[SourceFile], documents: &mut [Document]) -> Vec<Unit> {
    let mut cores = Vec::with_capacity(documents.len());
    let mut support = Vec::new();
    let mut alone = Vec::new();
    for (index, document) in documents.iter_mut().enumerate() {
        let Outcome::Recognized { parts, .. } = &mut document.outcome else {
            alone.push(index);
            continue;
        };
        if parts.is_empty() {
            alone.push(index);
        }
        for part in std::mem::take(parts) {
            if part.is_core() { cores.push((index, part)) } else { support.push((index, part)) }
        }
    }
    let name = |index: usize| files.get(documents[index].file).map_or("", |file| file.name.as_str());
    // Documents with mappings of one app (its To App and App to Okta mappings) are one unit.
    // Looked up by app id and by directory: a run may hold ten thousand apps' mappings.
    // Sized once: a unit is large, and ten thousand of them grown by doubling copy and leave
    // room of megabytes.
    let mut units: Vec<Unit> = Vec::with_capacity(cores.len() + support.len() + alone.len());
    let mut by_app: HashMap<(String, usize), usize> = HashMap::with_capacity(cores.len());
    for (index, Part { app, setup, evidence }) in cores {
        let scope = documents[index].scope;
        let same = app.as_ref().and_then(|app| by_app.get(&(app.clone(), scope))).copied();
        match same {
            Some(at) => {
                let unit = &mut units[at];
                // Cores come in document order: a repeated index is the last one.
                if unit.documents.last() != Some(&index) {
                    unit.documents.push(index);
                }
                unit.setup.extend(setup);
                unit.evidence.push(evidence);
            }
            None => {
                if let Some(app) = &app {
                    by_app.insert((app.clone(), scope), units.len());
                }
                units.push(Unit {
                    documents: vec![index],
                    app,
                    directory: directory(name(index)).to_owned(),
                    scope,
                    setup,
                    evidence: vec![evidence],
                });
            }
        }
    }
    let mut by_dir: HashMap<(&str, usize), Vec<usize>> = HashMap::new();
    for (at, unit) in units.iter().enumerate() {
        by_dir.entry((unit.directory.as_str(), unit.scope)).or_default().push(at);
    }
    let by_dir: HashMap<(String, usize), Vec<usize>> =
        by_dir.into_iter().map(|((dir, scope), list)| ((dir.to_owned(), scope), list)).collect();
    // Units of support documents only (two feature exports of one app), by app id.
    let mut support_units: HashMap<(String, usize), usize> = HashMap::new();
    for (index, part) in support {
        let dir = directory(name(index));
        let scope = documents[index].scope;
        // A support part joins every mapping unit of its app id, and where either side names no
        // app, every mapping unit of its directory.
        let in_dir = by_dir.get(&(dir.to_owned(), scope)).map_or(&[][..], Vec::as_slice);
        let mut matching: Vec<usize> = match &part.app {
            Some(app) => {
                let same_app = by_app.get(&(app.clone(), scope)).copied();
                same_app.into_iter().chain(in_dir.iter().copied().filter(|&at| units[at].app.is_none())).collect()
            }
            None => in_dir.to_vec(),
        };
        matching.sort_unstable();
        matching.dedup();
        for &at in &matching {
            let unit = &mut units[at];
            if !unit.documents.contains(&index) {
                unit.documents.push(index);
            }
            unit.setup.extend(part.setup.clone());
            unit.evidence.push(part.evidence.clone());
        }
        if !matching.is_empty() {
            continue;
        }
        let earlier = part.app.as_ref().and_then(|app| support_units.get(&(app.clone(), scope))).copied();
        if let Some(at) = earlier {
            let unit = &mut units[at];
            if !unit.documents.contains(&index) {
                unit.documents.push(index);
            }
            unit.setup.extend(part.setup);
            unit.evidence.push(part.evidence);
        } else {
            if let Some(app) = &part.app {
                support_units.insert((app.clone(), scope), units.len());
            }
            units.push(Unit {
                documents: vec![index],
                app: part.app,
                directory: dir.to_owned(),
                scope,
                setup: part.setup,
                evidence: vec![part.evidence],
            });
        }
    }
    units.extend(alone.into_iter().map(|index| Unit {
        documents: vec![index],
        app: None,
        directory: String::new(),
        scope: documents[index].scope,
        setup: Setup::default(),
        evidence: Vec::new(),
    }));
    units
}
