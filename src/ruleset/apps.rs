//! Which app a set of joined documents is: the target, or an app the target's rules must not
//! judge (an OIDC app, an identity provider, a bookmark, another catalogue app). The facts are
//! data: the target profile's `app_names`, and `apps` in `rules/okta.yaml`.
//!
//! The evidence, in order: the apps the config names (`app:`, `--app`); an app named like the
//! target; an app whose kind Okta does not provision (its Terraform resource, its Okta name, its
//! sign-on mode unless it lists provisioning features); another app of Okta's catalogue. An app
//! none of this names is assumed to be the target, and the run says so.

use serde::Deserialize;

use super::{Okta, Target};
use crate::model::{AppEvidence, Located};
use crate::source::FileId;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AppFacts {
    #[serde(default)]
    pub names: Vec<NamePattern>,
    #[serde(default)]
    pub sign_on_modes: Vec<SignOnMode>,
    #[serde(default)]
    pub terraform: Vec<NamePattern>,
    #[serde(default)]
    pub others: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct NamePattern {
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub what: String,
}

impl NamePattern {
    fn matches(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        let prefix = self.prefix.as_deref().is_none_or(|prefix| lower.starts_with(&prefix.to_ascii_lowercase()));
        let suffix = self.suffix.as_deref().is_none_or(|suffix| lower.ends_with(&suffix.to_ascii_lowercase()));
        prefix && suffix
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct SignOnMode {
    pub mode: String,
    pub what: String,
}

/// The place that shows why.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    pub file: FileId,
    pub at: Located,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Named by the config, or named like the target.
    Target,
    /// Nothing said otherwise: checked as the target, and the run says so.
    Assumed,
    /// `what` it is instead ("an OIDC app"), and where the documents say so.
    Other { what: String, evidence: Option<Evidence> },
}

impl Verdict {
    #[must_use]
    pub fn is_target(&self) -> bool {
        !matches!(self, Self::Other { .. })
    }
}

fn evidence(app: &AppEvidence, at: &Located) -> Option<Evidence> {
    Some(Evidence { file: app.file, at: at.clone() })
}

/// Whether one of `selectors` (from `app:` / `--app`) names the app: its id, label, Okta name or
/// Terraform address.
fn named_by(apps: &[AppEvidence], selectors: &[String]) -> bool {
    apps.iter().any(|app| {
        selectors.iter().any(|selector| {
            let text = |located: &Option<Located>| {
                located.as_ref().is_some_and(|located| located.text.eq_ignore_ascii_case(selector))
            };
            app.id.as_deref() == Some(selector.as_str()) || text(&app.label) || text(&app.name) || text(&app.resource)
        })
    })
}

/// The first name, label or address, for a finding to point at.
fn first_named(apps: &[AppEvidence]) -> Option<Evidence> {
    apps.iter().find_map(|app| {
        let at = app.name.as_ref().or(app.label.as_ref()).or(app.resource.as_ref())?;
        evidence(app, at)
    })
}

/// One app of a run: how it is called, and whether it is the target.
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    /// Its label, Okta name, id or Terraform address; `None` when its documents name no app.
    pub name: Option<String>,
    pub id: Option<String>,
    pub verdict: Verdict,
}

impl App {
    /// Documents that belong to no app (a config file): judged as the target's.
    #[must_use]
    pub fn unnamed() -> Self {
        Self { name: None, id: None, verdict: Verdict::Assumed }
    }
}

/// The app `apps` (the evidence of one unit's documents) describe.
#[must_use]
pub fn identify(apps: &[AppEvidence], target: &Target, okta: &Okta, selectors: &[String]) -> App {
    App {
        name: apps.iter().find_map(AppEvidence::display),
        id: apps.iter().find_map(|app| app.id.clone()),
        verdict: verdict(apps, target, okta, selectors),
    }
}

/// The verdict on the app that `apps` (the evidence of one unit's documents) describe.
#[must_use]
pub fn verdict(apps: &[AppEvidence], target: &Target, okta: &Okta, selectors: &[String]) -> Verdict {
    if !selectors.is_empty() {
        if named_by(apps, selectors) {
            return Verdict::Target;
        }
        let what = format!("not the app named in the config (`app: {}`)", selectors.join(", "));
        return Verdict::Other { what, evidence: first_named(apps) };
    }
    let names_target = |text: &str| {
        let lower = text.to_ascii_lowercase();
        target.app_names.iter().any(|name| lower.contains(&name.to_ascii_lowercase()))
    };
    let located_names_target = |located: &Option<Located>| located.as_ref().is_some_and(|at| names_target(&at.text));
    // An "id" that reads `Haiilo` is the app's label where its id belongs (F014 says so): it
    // still says which app is meant. Okta's generated ids never spell a name.
    if apps.iter().any(|app| {
        located_names_target(&app.name)
            || located_names_target(&app.label)
            || located_names_target(&app.resource)
            || app.id.as_deref().is_some_and(names_target)
    }) {
        return Verdict::Target;
    }
    let facts = &okta.apps;
    let provisioned = apps.iter().any(|app| app.provisioning);
    for app in apps {
        if let Some(resource) = &app.resource
            && let Some(pattern) = facts.terraform.iter().find(|pattern| pattern.matches(&resource.text))
        {
            return Verdict::Other { what: pattern.what.clone(), evidence: evidence(app, resource) };
        }
        if let Some(name) = &app.name {
            if let Some(pattern) = facts.names.iter().find(|pattern| pattern.matches(&name.text)) {
                return Verdict::Other { what: pattern.what.clone(), evidence: evidence(app, name) };
            }
            if facts.others.iter().any(|other| other.eq_ignore_ascii_case(&name.text)) {
                let what = "another app of Okta's catalogue".to_owned();
                return Verdict::Other { what, evidence: evidence(app, name) };
            }
        }
        if let Some(mode) = app.sign_on_mode.as_ref().filter(|_| !provisioned)
            && let Some(known) = facts.sign_on_modes.iter().find(|known| known.mode == mode.text)
        {
            return Verdict::Other { what: known.what.clone(), evidence: evidence(app, mode) };
        }
    }
    Verdict::Assumed
}
