//! What every loader shares: the depth limit and the error type. Also compiled into `build.rs`,
//! which reads `rules/*.yaml` with the YAML loader.

use super::span::Span;

/// Deeper nesting than this is refused before any recursive code sees it.
pub const MAX_DEPTH: usize = 512;

/// Why a file is not readable JSON or YAML, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub span: Span,
    pub reason: String,
}
