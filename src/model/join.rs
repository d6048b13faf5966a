//! Joining documents per app: the unit that checks see.

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
    let mut cores = Vec::new();
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
    let mut units: Vec<Unit> = Vec::new();
    for (index, Part { app, setup, evidence }) in cores {
        let scope = documents[index].scope;
        let same = units.iter_mut().find(|unit| app.is_some() && unit.app == app && unit.scope == scope);
        match same {
            Some(unit) => {
                if !unit.documents.contains(&index) {
                    unit.documents.push(index);
                }
                unit.setup.extend(setup);
                unit.evidence.push(evidence);
            }
            None => units.push(Unit {
                documents: vec![index],
                app,
                directory: directory(name(index)).to_owned(),
                scope,
                setup,
                evidence: vec![evidence],
            }),
        }
    }
    let core_count = units.len();
    for (index, part) in support {
        let dir = directory(name(index));
        let scope = documents[index].scope;
        let mut joined = false;
        for unit in units[..core_count].iter_mut().filter(|unit| unit.scope == scope) {
            let same_app = match (&part.app, &unit.app) {
                (Some(a), Some(b)) => a == b,
                _ => unit.directory == dir,
            };
            if same_app {
                if !unit.documents.contains(&index) {
                    unit.documents.push(index);
                }
                unit.setup.extend(part.setup.clone());
                unit.evidence.push(part.evidence.clone());
                joined = true;
            }
        }
        // Documents of one app without a mapping (two feature exports) are still one app.
        let earlier = units[core_count..]
            .iter_mut()
            .find(|unit| !joined && part.app.is_some() && unit.app == part.app && unit.scope == scope);
        if let Some(unit) = earlier {
            if !unit.documents.contains(&index) {
                unit.documents.push(index);
            }
            unit.setup.extend(part.setup);
            unit.evidence.push(part.evidence);
        } else if !joined {
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
