//! A linted file's name and text, shared by every finding and renderer.

use super::span::{LineIndex, Position, Span};

/// Index of a file in the run's list of files, assigned once when the inputs are collected.
pub type FileId = usize;

#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or `--stdin-filename`), with `/` separators.
    pub name: String,
    pub text: String,
    /// Credentials in the text (found whatever rules run), never to be shown.
    pub secrets: Vec<Span>,
    /// Built when a position is first asked for: most files of a large run have no finding.
    index: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    #[must_use]
    pub fn new(name: impl Into<String>, text: String) -> Self {
        Self { name: name.into(), text, secrets: Vec::new(), index: std::sync::OnceLock::new() }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::new(&self.text))
    }

    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        self.index().position(&self.text, offset)
    }

    /// The position of `offset` with its column in UTF-16 code units, as the Language Server
    /// Protocol counts them.
    #[must_use]
    pub fn utf16_position(&self, offset: usize) -> Position {
        self.index().utf16_position(&self.text, offset)
    }

    /// Byte offset where 1-based `line` starts, if the file has that line.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.index().line_start(line)
    }

    /// Start and exclusive end of `span` as line/column pairs.
    #[must_use]
    pub fn range(&self, span: Span) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    /// The text as it may be shown: credentials masked, byte offsets unchanged.
    #[must_use]
    pub fn display_text(&self) -> std::borrow::Cow<'_, str> {
        if self.secrets.is_empty() {
            std::borrow::Cow::Borrowed(&self.text)
        } else {
            std::borrow::Cow::Owned(super::secrets::mask(&self.text, &self.secrets))
        }
    }

    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }
}
