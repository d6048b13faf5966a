//! Source: bytes → text → span tree, the first layer. It owns reading files (named, walked,
//! stdin), decoding, the JSON/YAML/HCL parsers, the span tree with the byte span of every key and
//! value, credential spans, atomic writes, and the conversion of byte offsets to line/column,
//! which happens only at the edge (renderers). It knows nothing of Okta, rules or findings:
//! it may import only `crate::error` and `crate::parallel`, never `model`, `ruleset`, `checks`,
//! `settings`, `engine`, `finding` or `render`.

mod file;
pub mod hcl;
mod input;
mod json;
mod limits;
mod root;
pub mod secrets;
pub mod span;
mod syntax;
pub mod tree;
mod write;
mod yaml;

pub use file::{FileId, SourceFile};
pub use input::{DEFAULT_MAX_FILE_SIZE, Input, collect, collect_limited, human_size, parse_size};
pub use limits::{MAX_DEPTH, SyntaxError};
pub use root::SourceRoot;
pub use span::{LineIndex, Position, Span};
pub use syntax::{EXTENSIONS, Syntax, decode, foreign_extension, parse};
pub use tree::{Member, Node, Value};
pub use write::write_atomically;

// Here rather than in `span.rs`, which `build.rs` compiles without miette.
impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}
