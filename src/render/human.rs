//! Rich diagnostics through miette: code, severity, labelled source snippet, help.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode, ThemeCharacters};

use super::simple_report::{self, Simple};
use super::snippet::Window;
use super::wrap::{Helps, Messages};
use crate::finding::Report;
use crate::finding::{Finding, Severity};
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

/// A [`Finding`] seen through miette's eyes, but for its help (see [`Helps`]).
struct Rendered<'a> {
    finding: &'a Finding,
    source: Window<'a>,
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
        Some(Box::new(code_line(self.finding)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
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

/// The report's first line, `CODE(name)`, as miette's header writes the diagnostic's code.
fn code_line(finding: &Finding) -> String {
    let (code, name) = code_parts(finding);
    format!("{code}({name})")
}

/// The code and the rule's name of [`code_line`], which the simple drawing writes as they are.
fn code_parts(finding: &Finding) -> (&'static str, &'static str) {
    (finding.code.as_str(), finding.code.name())
}

pub(super) fn theme(options: &HumanOptions) -> GraphicalTheme {
    match (options.unicode, options.color) {
        (true, true) => GraphicalTheme::unicode(),
        (true, false) => GraphicalTheme::unicode_nocolor(),
        (false, true) => GraphicalTheme::ascii(),
        (false, false) => GraphicalTheme::none(),
    }
}

fn handler(options: &HumanOptions) -> GraphicalReportHandler {
    // Links off: miette would otherwise print OSC-8 escapes even into CI logs.
    GraphicalReportHandler::new_themed(theme(options)).with_links(false).with_width(options.width)
}

pub fn render(report: &Report, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, options, !options.color, out)
}

/// What [`render`] writes, every finding drawn by miette: for the test that holds
/// [`simple_report`] to miette's drawing.
#[doc(hidden)]
pub fn render_by_miette(report: &Report, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    render_with(report, options, false, out)
}

fn render_with(report: &Report, options: &HumanOptions, simple: bool, out: &mut dyn Write) -> io::Result<()> {
    let handlers = Handlers {
        wrapping: handler(options),
        unwrapped: handler(options).with_wrap_lines(false),
        plain: simple.then(|| theme(options).characters),
    };
    let helps = Helps::new(options, &report.findings);
    let messages = Messages::new(options);
    // Masked once per file with findings, however many point into it.
    let shown: Vec<OnceLock<Shown>> = report.files.iter().map(|_| OnceLock::new()).collect();
    // miette draws one finding at a time, tens of microseconds each: small tasks keep both cores
    // busy on a few hundred findings.
    super::write_drawn(out, &report.findings, FINDINGS_PER_TASK, |_, finding, text: &mut String| {
        if text.capacity() == 0 {
            text.reserve(FINDINGS_PER_TASK * DRAWN_BYTES);
        }
        draw((&handlers, &helps, &messages), report, &shown, finding, options.width, text).map_err(io::Error::other)?;
        text.push('\n');
        Ok(())
    })
}

/// Findings drawn per task.
const FINDINGS_PER_TASK: usize = 64;
/// About what a finding's drawing takes (a cropped snippet of three lines and a help): a task's
/// text made room for once is not copied again as it grows.
const DRAWN_BYTES: usize = 768;

/// A file's name and its text as it may be shown (credentials masked).
type Shown = (Arc<str>, Arc<str>);

/// miette as it wraps every text, and as it leaves them as they are.
struct Handlers {
    wrapping: GraphicalReportHandler,
    unwrapped: GraphicalReportHandler,
    /// The theme's characters when it has no colours, for [`simple_report`].
    plain: Option<ThemeCharacters>,
}

fn draw(
    (handlers, helps, messages): (&Handlers, &Helps, &Messages),
    report: &Report,
    shown: &[OnceLock<Shown>],
    finding: &Finding,
    width: usize,
    out: &mut String,
) -> fmt::Result {
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
    let help: Option<Cow<'_, str>> = match (&finding.help, elsewhere.is_empty()) {
        (Some(help), true) => Some(helps.shared(help)),
        (None, true) => None,
        (Some(help), false) => Some(Cow::Owned(helps.wrap(&format!("{help}\nsee also: {}", elsewhere.join("; "))))),
        (None, false) => Some(Cow::Owned(helps.wrap(&format!("see also: {}", elsewhere.join("; "))))),
    };
    let file = &report.files[finding.file];
    let (name, text) =
        shown[finding.file].get_or_init(|| (Arc::from(file.name.as_str()), Arc::from(file.display_text())));
    let spans: Vec<Span> = std::iter::once(finding.span)
        .chain(finding.related.iter().filter(|label| label.file == finding.file).map(|label| label.span))
        .collect();
    // The gutter (`123 │ `) and miette's margins take the rest of the line.
    let width = width.saturating_sub(8);
    let source = Window::new(name, file, text, &spans, width);
    // Wrapping a message that fits on its line changes nothing, and costs a tenth of a large run.
    let fits = messages.fits(&finding.message, finding.severity);
    let simple = handlers.plain.as_ref().filter(|_| fits && spans.len() == 1).is_some_and(|chars| {
        let icon = match finding.severity {
            Severity::Error => &chars.error,
            Severity::Warning => &chars.warning,
            Severity::Info => &chars.advice,
        };
        let span = source.shown(finding.span);
        let simple = Simple { code: code_parts(finding), icon, message: &finding.message, label: &finding.label, span };
        simple_report::draw(&simple, &source, chars, out)
    });
    if !simple {
        let rendered = Rendered { finding, source };
        let handler = if fits { &handlers.unwrapped } else { &handlers.wrapping };
        handler.render_report(out, &rendered)?;
    }
    out.push_str(help.as_deref().unwrap_or_default());
    Ok(())
}
