//! scimlint: checks an Okta → SCIM app provisioning setup (mappings, features) against what the
//! target application supports, before it reaches production.
//!
//! The layers, lowest first, each a folder whose module doc says what it owns and what it may not
//! import (`tests/architecture.rs` holds that): [`source`] (bytes → text → span tree), [`expr`]
//! (the Okta Expression Language), [`model`] (what each document says, joined per app),
//! [`ruleset`] (the data in `rules/`), [`finding`] (findings, fixes, the report), [`settings`]
//! (config and command-line choices), [`checks`] (one rule per file), [`engine`] (the pipeline)
//! and [`render`] (every output). The library never prints: it returns a [`Report`], and the
//! binary renders it.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod checks;
pub mod engine;
pub mod error;
pub mod expr;
pub mod finding;
#[doc(hidden)]
pub mod fuzz_bodies;
pub mod model;
mod parallel;
pub mod pull;
pub mod render;
pub mod ruleset;
pub mod settings;
pub mod source;
pub mod suggest;
pub mod terraform;
pub mod users;

pub use engine::{Linter, Scope};
pub use error::{DataError, Error};
pub use finding::{Finding, Report, Severity};
pub use ruleset::Code;
pub use source::{Input, SourceFile};
