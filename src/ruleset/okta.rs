//! Okta facts from `rules/okta.yaml`: the base user profile and the expression functions.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::DataError;
use crate::expr::Callee;
use crate::expr::types::Type;

#[derive(Clone, Debug, Deserialize)]
pub struct BaseAttribute {
    pub name: String,
    #[serde(rename = "type")]
    pub value_type: String,
    #[serde(default)]
    pub required: bool,
    pub note: Option<String>,
    /// The SCIM core name (`locality` for `city`), a likely mistake for the Okta name.
    pub scim: Option<String>,
}

/// How many arguments a function takes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Arity {
    Exactly(usize),
    /// The fixed arguments, then key-value pairs (at least one).
    Pairs {
        fixed: usize,
        pairs: bool,
    },
    Range {
        min: usize,
        max: usize,
    },
    AtLeast {
        min: usize,
    },
}

impl Arity {
    #[must_use]
    pub fn accepts(self, count: usize) -> bool {
        match self {
            Self::Exactly(n) => count == n,
            Self::Range { min, max } => (min..=max).contains(&count),
            Self::AtLeast { min } => count >= min,
            Self::Pairs { fixed, .. } => count >= fixed + 2 && (count - fixed).is_multiple_of(2),
        }
    }

    /// "2 arguments", "0 to 2 arguments", "at least 1 argument", …
    #[must_use]
    pub fn describe(self) -> String {
        let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
        match self {
            Self::Exactly(n) => format!("{n} {}", plural(n)),
            Self::Range { min, max } => format!("{min} to {max} arguments"),
            Self::AtLeast { min } => format!("at least {min} {}", plural(min)),
            Self::Pairs { fixed, .. } => {
                format!("{fixed} {} and then key-value pairs (an even number more, at least 2)", plural(fixed))
            }
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Function {
    pub name: String,
    pub signature: String,
    pub arity: Arity,
    pub returns: Type,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Deprecated {
    pub name: String,
    pub replacement: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UnsupportedRoot {
    pub root: String,
    pub context: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UnsupportedMember {
    pub reference: String,
    pub context: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct References {
    pub allowed: Vec<String>,
    pub unsupported: Vec<UnsupportedRoot>,
    pub unsupported_members: Vec<UnsupportedMember>,
    pub method_replacements: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Okta {
    pub base_attributes: Vec<BaseAttribute>,
    pub push_status: BTreeMap<String, String>,
    pub functions: Vec<Function>,
    pub deprecated_functions: Vec<Deprecated>,
    pub group_claim_functions: Vec<Function>,
    pub references: References,
    /// Apps that are not a SCIM target's To App provisioning (see `super::apps`).
    #[serde(default)]
    pub apps: super::apps::AppFacts,
}

impl Okta {
    /// The built-in catalogue, `rules/okta.yaml`.
    pub fn load() -> Result<Self, DataError> {
        super::embedded::read_embedded("okta.yaml")
    }

    /// The catalogue function a call names (deprecated and group-claim ones excluded).
    #[must_use]
    pub fn function_called(&self, callee: &Callee<'_>) -> Option<&Function> {
        self.functions.iter().find(|function| callee.is(&function.name))
    }

    /// The function a call means: a deprecated bare name means its replacement.
    #[must_use]
    pub fn function_meant(&self, callee: &Callee<'_>) -> Option<&Function> {
        match self.deprecated_functions.iter().find(|deprecated| callee.is(&deprecated.name)) {
            Some(deprecated) => self.function(&deprecated.replacement),
            None => self.function_called(callee),
        }
    }

    /// What a call returns, when the catalogue knows the function (group-claim ones included).
    #[must_use]
    pub fn returns(&self, callee: &Callee<'_>) -> Option<Type> {
        let function = self.function_meant(callee).or_else(|| self.group_claim_function(callee))?;
        Some(function.returns)
    }

    #[must_use]
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.iter().find(|function| function.name == name)
    }

    #[must_use]
    pub fn deprecated(&self, name: &str) -> Option<&Deprecated> {
        self.deprecated_functions.iter().find(|deprecated| deprecated.name == name)
    }

    /// The group-claim-only function a call names (X207).
    #[must_use]
    pub fn group_claim_function(&self, callee: &Callee<'_>) -> Option<&Function> {
        self.group_claim_functions.iter().find(|function| callee.is(&function.name))
    }

    #[must_use]
    pub fn base_attribute(&self, name: &str) -> Option<&BaseAttribute> {
        self.base_attributes.iter().find(|attribute| attribute.name == name)
    }

    #[must_use]
    pub fn unsupported_root(&self, root: &str) -> Option<&UnsupportedRoot> {
        self.references.unsupported.iter().find(|unsupported| unsupported.root == root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_loads_with_31_base_attributes() {
        let okta = Okta::load().map_err(|error| error.to_string());
        let Ok(okta) = okta else { panic!("{okta:?}") };
        assert_eq!(okta.base_attributes.len(), 31);
        assert!(okta.functions.len() > 50);
        assert_eq!(okta.function("String.join").map(|f| f.arity), Some(Arity::AtLeast { min: 2 }));
        assert_eq!(okta.function("Time.now").map(|f| f.arity), Some(Arity::Range { min: 0, max: 2 }));
        assert_eq!(okta.function("String.stringSwitch").map(|f| f.arity), Some(Arity::Pairs { fixed: 2, pairs: true }));
        for deprecated in &okta.deprecated_functions {
            assert!(okta.function(&deprecated.replacement).is_some(), "{}", deprecated.replacement);
        }
    }

    #[test]
    fn arities_accept_what_the_reference_says() {
        let switch = Arity::Pairs { fixed: 2, pairs: true };
        assert!(!switch.accepts(3) && switch.accepts(4) && !switch.accepts(5) && switch.accepts(6));
        assert!(Arity::Range { min: 0, max: 2 }.accepts(0) && !Arity::Range { min: 0, max: 2 }.accepts(3));
    }
}
