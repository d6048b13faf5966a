//! Rich diagnostics through miette: code, severity, labelled source snippet, help.

use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};

use crate::finding::Report;
use crate::finding::{Finding, Severity};
use crate::source::SourceFile;
use crate::source::Span;

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
    source: Window,
    help: Option<String>,
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
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let finding = self.finding;
        let label = (!finding.label.is_empty()).then(|| finding.label.clone());
        let shown = |span: Span| self.source.shown(span);
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
    // Masked once per file with findings, however many point into it.
    let shown: Vec<OnceLock<Shown>> = report.files.iter().map(|_| OnceLock::new()).collect();
    // miette draws one finding at a time, and a large run has tens of thousands: draw a chunk on
    // all cores, then write it in order.
    for chunk in report.findings.chunks(256) {
        let drawn: Vec<Result<String, fmt::Error>> =
            crate::parallel::map_ref(chunk, |finding| draw(&handler, report, &shown, finding));
        for text in drawn {
            out.write_all(text.map_err(io::Error::other)?.as_bytes())?;
            writeln!(out)?;
        }
    }
    Ok(())
}

/// A file's name and its text as it may be shown (credentials masked).
type Shown = (Arc<str>, Arc<str>);

fn draw(
    handler: &GraphicalReportHandler,
    report: &Report,
    shown: &[OnceLock<Shown>],
    finding: &Finding,
) -> Result<String, fmt::Error> {
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
    let file = &report.files[finding.file];
    let (name, text) =
        shown[finding.file].get_or_init(|| (Arc::from(file.name.as_str()), Arc::from(file.display_text())));
    let source = Window::around(file, name, text, finding);
    let rendered = Rendered { finding, source, help };
    let mut text = String::new();
    handler.render_report(&mut text, &rendered)?;
    Ok(text)
}

/// The lines a finding's snippet shows, with one line of context either side, numbered as in the
/// file. miette finds a line by counting from the start of its source, so handing it the whole
/// file would make a report of many findings in one large file quadratic.
struct Window {
    name: Arc<str>,
    text: Arc<str>,
    /// The window's byte range in the file: labels move back by `start`.
    start: usize,
    end: usize,
    /// 0-based number of the window's first line.
    first_line: usize,
}

impl Window {
    fn around(file: &SourceFile, name: &Arc<str>, text: &Arc<str>, finding: &Finding) -> Self {
        let spans = std::iter::once(finding.span)
            .chain(finding.related.iter().filter(|label| label.file == finding.file).map(|label| label.span));
        let (low, high) = spans.fold((usize::MAX, 0), |(low, high), span| (low.min(span.start), high.max(span.end)));
        let first_line = file.position(low).line.saturating_sub(1).max(1);
        let last_line = file.position(high).line + 1;
        // The line index starts line 1 after a byte-order mark, which is no column.
        let start = file.line_start(first_line).unwrap_or(0);
        let end = file.line_start(last_line + 1).unwrap_or(text.len()).min(text.len());
        let start = start.min(end);
        Self { name: Arc::clone(name), text: Arc::clone(text), start, end, first_line: first_line - 1 }
    }

    fn shown(&self, span: Span) -> Span {
        let clamp = |offset: usize| offset.clamp(self.start, self.end) - self.start;
        Span::new(clamp(span.start), clamp(span.end))
    }

    fn body(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.body().read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            // Counted from the file's start, as miette's own sources count it: miette joins the
            // labels of one finding into one snippet by it.
            inner.line_count() + self.first_line,
        )))
    }
}
