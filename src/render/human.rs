//! Rich diagnostics through miette: code, severity, labelled source snippet, help.

use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use crate::engine::Report;
use crate::finding::{Finding, Severity};

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Box-drawing characters; plain ASCII otherwise.
    pub unicode: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self { color: false, unicode: true, width: 100 }
    }
}

/// A [`Finding`] seen through miette's eyes.
struct Rendered<'a> {
    finding: &'a Finding,
    source: Arc<NamedSource<String>>,
    help: Option<String>,
    /// Bytes of a UTF-8 byte-order mark left out of the shown source, so that miette counts no
    /// column for it: every span moves back by as much.
    bom: usize,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Rendered").field(&self.finding.code).finish()
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(format!("{}({})", self.finding.code, self.finding.code.name())))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let finding = self.finding;
        let label = (!finding.label.is_empty()).then(|| finding.label.clone());
        let shown = |span: crate::span::Span| {
            crate::span::Span::new(span.start.saturating_sub(self.bom), span.end.saturating_sub(self.bom))
        };
        let primary = LabeledSpan::new_primary_with_span(label, shown(finding.span));
        let related = finding
            .related
            .iter()
            .filter(|label| label.file == finding.file)
            .map(move |label| LabeledSpan::new_with_span(Some(label.text.clone()), shown(label.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

fn handler(options: &HumanOptions) -> GraphicalReportHandler {
    let theme = match (options.unicode, options.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    };
    // Links off: miette would otherwise print OSC-8 escapes even into CI logs.
    GraphicalReportHandler::new_themed(theme).with_links(false).with_width(options.width)
}

pub fn render(report: &Report, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(options);
    // One shared source per file, however many findings point into it.
    let sources: Vec<(Arc<NamedSource<String>>, usize)> = report
        .files
        .iter()
        .map(|file| {
            let text = file.display_text();
            let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
            (Arc::new(NamedSource::new(&file.name, text[bom..].to_owned())), bom)
        })
        .collect();
    for finding in &report.findings {
        let elsewhere: Vec<String> = finding
            .related
            .iter()
            .filter(|label| label.file != finding.file)
            .map(|label| {
                let other = &report.files[label.file];
                let at = other.position(label.span.start);
                format!("{} ({}:{}:{})", label.text, other.name, at.line, at.column)
            })
            .collect();
        let help = match (&finding.help, elsewhere.is_empty()) {
            (help, true) => help.clone(),
            (Some(help), false) => Some(format!("{help}\nsee also: {}", elsewhere.join("; "))),
            (None, false) => Some(format!("see also: {}", elsewhere.join("; "))),
        };
        let (source, bom) = &sources[finding.file];
        let rendered = Rendered { finding, source: Arc::clone(source), help, bom: *bom };
        let mut text = String::new();
        handler.render_report(&mut text, &rendered).map_err(io::Error::other)?;
        out.write_all(text.as_bytes())?;
        writeln!(out)?;
    }
    Ok(())
}
