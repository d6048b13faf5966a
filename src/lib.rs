//! scimlint: checks an Okta → SCIM app provisioning setup (mappings, features) against what the
//! target application supports, before it reaches production.
//!
//! The library never prints: it returns [`Finding`]s, and `main` renders them.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod checks;
pub mod code;
pub mod config;
pub mod data;
pub mod document;
pub mod engine;
pub mod error;
pub mod expr;
pub mod finding;
pub mod fix;
#[doc(hidden)]
pub mod fuzz_bodies;
pub mod inputs;
pub mod load;
pub mod model;
pub mod okta;
mod parallel;
pub mod read;
pub mod render;
pub mod rulebook;
pub mod schema;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod span;
pub mod suggest;
pub mod table;
pub mod target;
pub mod terraform;
pub mod tree;

pub use code::Code;
pub use engine::{Input, Linter, Report};
pub use error::{DataError, Error};
pub use finding::{Finding, Severity};
pub use source::SourceFile;
