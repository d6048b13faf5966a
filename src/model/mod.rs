//! Model: typed views of each document kind — what the file says, with the span it says it at —
//! and the documents of one app joined into one setup. It knows no rule and no target profile:
//! it may import `source` and `expr`, never `ruleset`, `checks`, `settings`, `engine`, `finding`
//! or `render`.

mod app;
mod document;
mod join;
mod kind;
pub mod read;
mod setup;
mod unevaluated;

pub use app::AppEvidence;
pub use document::{Document, Outcome, Shape, UnknownKey, Violation};
pub use join::{Unit, join};
pub use kind::{KNOWN_KINDS, Kind, NotOurs, TERRAFORM_RESOURCES, recognize};
pub use setup::*;
pub use unevaluated::{Covers, NotEvaluated, Unevaluated};
