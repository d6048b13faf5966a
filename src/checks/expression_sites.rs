//! The expressions of the To App mappings, parsed once per run for every X check.

use std::sync::{Arc, OnceLock};

use super::Ctx;
use crate::expr::source_map::SourceMap;
use crate::expr::{Expr, ParseError};
use crate::finding::{Edit, FileId};
use crate::model::{Entry, EntryValue};
use crate::source::Span;
use crate::source::Syntax;

/// One mapped expression: where it is, what it parsed to, and how to find its characters.
pub struct Site<'a> {
    file: FileId,
    pub entry: &'a Entry,
    pub text: &'a str,
    pub parsed: Result<Expr, ParseError>,
    /// The scalar holding the expression, and the file's syntax.
    scalar: Span,
    syntax: Syntax,
    file_text: &'a str,
    /// Built on the first finding: most expressions have none (boxed: 400,000 sites are kept).
    map: OnceLock<Box<SourceMap>>,
}

impl Site<'_> {
    fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| Box::new(SourceMap::new(self.file_text, self.scalar, self.syntax, self.text)))
    }

    #[must_use]
    pub fn file(&self) -> FileId {
        self.file
    }

    /// The JSON pointer of the expression's value: a manifest names it `value`, Okta `expression`.
    #[must_use]
    pub fn value_pointer(&self) -> String {
        let key = if self.syntax == Syntax::Yaml { "value" } else { "expression" };
        format!("{}/{key}", self.entry.pointer)
    }

    /// The file bytes of `span`, a span of the expression.
    #[must_use]
    pub fn span(&self, span: Span) -> Span {
        // A computed value (a Terraform template) has no characters of its own in the file.
        if self.entry.computed {
            return self.scalar;
        }
        self.map().span(span)
    }

    /// Replaces the expression's `span` by `content`, when the file writes those characters as
    /// they read (an edit through escapes could change their meaning). `content` must need no
    /// escaping itself: names and dots.
    #[must_use]
    pub fn edit(&self, span: Span, content: impl Into<String>) -> Option<Edit> {
        (!self.entry.computed && self.map().is_verbatim(span)).then(|| Edit {
            file: self.file(),
            span: self.span(span),
            content: content.into(),
        })
    }

    /// The expression's own characters at `span`.
    #[must_use]
    pub fn source(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }
}

impl<'a> Ctx<'a> {
    /// Every expression of a To App mapping, and a custom Sign On username template (removals,
    /// `sign-on` rows and built-in templates are no expressions).
    pub fn expressions(&self) -> Arc<Vec<Site<'a>>> {
        Arc::clone(self.sites.get_or_init(|| Arc::new(self.parse_expressions())))
    }

    fn parse_expressions(&self) -> Vec<Site<'a>> {
        let setup: &'a crate::model::Setup = self.setup;
        let mapped = self.to_app_mappings().flat_map(|mapping| mapping.entries.iter().map(|entry| (entry.file, entry)));
        let templates =
            setup.sign_on.iter().filter(|sign_on| sign_on.custom).map(|sign_on| (sign_on.file, &sign_on.entry));
        // Room made once: grown one by one, 400,000 sites were copied again at every doubling.
        let room = self.to_app_mappings().map(|mapping| mapping.entries.len()).sum::<usize>() + setup.sign_on.len();
        let mut sites = Vec::with_capacity(room);
        for (file, entry) in mapped.chain(templates) {
            let EntryValue::Expression { text, span } = &entry.value else { continue };
            let syntax = self
                .documents
                .iter()
                .find(|document| document.file == file)
                .map_or(Syntax::Json, |document| document.syntax);
            sites.push(Site {
                file,
                entry,
                text,
                parsed: crate::expr::parse(text),
                scalar: *span,
                syntax,
                file_text: self.text(file),
                map: OnceLock::new(),
            });
        }
        sites
    }
}
