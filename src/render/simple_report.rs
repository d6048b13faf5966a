//! miette's drawing of the common finding, done directly: no colours, a one-line message that
//! needs no wrapping, and one labelled span on one line of plain text. miette's general machinery
//! (label merging, gutters, highlighting, a fresh `String` per line) was most of a large human
//! run; for this shape its output is fixed, and this writes it byte for byte. Anything else —
//! colours, several labels, a span over lines, tabs or wide characters — returns `None`, and
//! miette draws it. A test draws every finding of the fixtures and real-world files both ways.

use miette::{SourceSpan, ThemeCharacters};

use super::snippet::Window;
use crate::source::Span;

/// What is drawn: the report's header, its message line and its one label.
pub(super) struct Simple<'a> {
    /// The header's `CODE(name)`: the code and the name.
    pub code: (&'a str, &'a str),
    pub icon: &'a str,
    pub message: &'a str,
    pub label: &'a str,
    /// The label's span in the window.
    pub span: Span,
}

/// One line of the snippet, as miette's `get_lines` cuts it.
struct Line<'t> {
    number: usize,
    offset: usize,
    /// Bytes of the line with its line break.
    length: usize,
    text: &'t str,
}

impl Line<'_> {
    fn holds(&self, span: Span) -> bool {
        span.start >= self.offset && span.end <= self.offset + self.length
    }

    /// miette's `span_applies`: the span shows on this line.
    fn touches(&self, span: Span) -> bool {
        let end = span.start + span.len().max(1);
        let line_end = self.offset + self.length;
        (span.start >= self.offset && span.start < line_end)
            || (span.start < self.offset && end > line_end)
            || (end > self.offset && end <= line_end)
    }

    /// miette's `visual_offset` for a line of characters one column wide (tabs aside).
    fn column(&self, offset: usize, start: bool) -> usize {
        let mut index = offset - self.offset;
        while index <= self.text.len() && !self.text.is_char_boundary(index) {
            if start {
                index -= 1;
            } else {
                index += 1;
            }
        }
        let width = widths(&self.text[..index.min(self.text.len())]).sum::<usize>();
        if index > self.text.len() { width + 1 } else { width }
    }
}

/// miette's tab stop.
const TAB_WIDTH: usize = 4;

/// Display columns of each character of a line in which every character is one column wide
/// but a tab.
fn widths(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut column = 0;
    text.chars().map(move |c| {
        let width = if c == '\t' { TAB_WIDTH - column % TAB_WIDTH } else { 1 };
        column += width;
        width
    })
}

/// Whether every character of `text` is one column wide in miette's eyes (a tab is expanded).
fn plain(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' '..='~' | '\t' | '…'))
}

const SPACES: &str = "                                                                ";

fn spaces(out: &mut String, mut count: usize) {
    while count > 0 {
        let run = count.min(SPACES.len());
        out.push_str(&SPACES[..run]);
        count -= run;
    }
}

fn digits(value: usize) -> usize {
    itoa::Buffer::new().format(value).len()
}

/// `before`, then `value` right-aligned in `width` columns.
fn number(out: &mut String, before: &str, value: usize, width: usize) {
    let mut buffer = itoa::Buffer::new();
    let text = buffer.format(value);
    out.push_str(before);
    spaces(out, width.saturating_sub(text.len()));
    out.push_str(text);
}

/// miette's `get_lines` of the snippet's text, which starts at window offset `offset` on line
/// `line` (0-based); `None` where a `\r` makes it count lines its own way.
fn lines(data: &str, mut line: usize, mut offset: usize) -> Option<Vec<Line<'_>>> {
    if data.contains('\r') {
        return None;
    }
    let mut lines = Vec::with_capacity(3);
    let mut rest = data;
    while !rest.is_empty() {
        let (text, length) = match rest.find('\n') {
            Some(at) => (&rest[..at], at + 1),
            None => (rest, rest.len()),
        };
        line += 1;
        lines.push(Line { number: line, offset, length, text });
        offset += length;
        rest = &rest[length..];
    }
    Some(lines)
}

/// Writes the report miette draws for `simple`, without its help, onto `out`; false, and nothing
/// written, where miette must draw it.
pub(super) fn draw(simple: &Simple<'_>, window: &Window<'_>, chars: &ThemeCharacters, out: &mut String) -> bool {
    let mark = out.len();
    let drawn = draw_onto(simple, window, chars, out).is_some();
    if !drawn {
        out.truncate(mark);
    }
    drawn
}

fn draw_onto(simple: &Simple<'_>, window: &Window<'_>, chars: &ThemeCharacters, out: &mut String) -> Option<()> {
    let Simple { code: (code, rule), icon, message, label, span } = *simple;
    if label.is_empty() || label.contains('\n') || span.is_empty() {
        return None;
    }
    let source_span = SourceSpan::from((span.start, span.len()));
    let context = window.contents(&source_span, 1, 1)?;
    let header = window.contents(&source_span, 0, 0)?;
    let data = std::str::from_utf8(context.data).ok()?;
    let lines = lines(data, context.line, context.offset)?;
    let labelled = lines.iter().find(|line| line.holds(span))?;
    if lines.iter().any(|line| !plain(line.text)) {
        return None;
    }
    let width = digits(lines.last().map_or(0, |line| line.number));
    let name = window.name();
    // Pushed, not formatted: `write!` with padding was a third of drawing a finding.
    for part in [code, "(", rule, ")\n\n  ", icon, " ", message, "\n"] {
        out.push_str(part);
    }
    spaces(out, width + 2);
    out.extend([chars.ltop, chars.hbar, '[']);
    out.push_str(name);
    number(out, ":", header.line + 1, 0);
    number(out, ":", header.column + 1, 0);
    out.push_str("]\n");
    for line in &lines {
        number(out, " ", line.number, width);
        out.extend([' ', chars.vbar, ' ']);
        if line.text.contains('\t') {
            for (c, columns) in line.text.chars().zip(widths(line.text)) {
                if c == '\t' {
                    spaces(out, columns);
                } else {
                    out.push(c);
                }
            }
        } else {
            out.push_str(line.text);
        }
        out.push('\n');
        if !std::ptr::eq(line, labelled) {
            if line.touches(span) {
                return None;
            }
            continue;
        }
        let start = line.column(span.start, true);
        let end = line.column(span.end, false).max(start + 1);
        let bar = (start + end) / 2;
        let gutter = |out: &mut String| {
            spaces(out, width + 1);
            out.extend([' ', chars.vbar_break, ' ']);
        };
        gutter(out);
        spaces(out, start);
        out.extend(std::iter::repeat_n(chars.underline, bar - start));
        out.push(chars.underbar);
        out.extend(std::iter::repeat_n(chars.underline, end - bar - 1));
        out.push('\n');
        gutter(out);
        spaces(out, bar);
        out.extend([chars.lbot, chars.hbar, chars.hbar, ' ']);
        out.push_str(label);
        out.push('\n');
    }
    spaces(out, width + 2);
    out.push(chars.lbot);
    out.extend(std::iter::repeat_n(chars.hbar, 4));
    out.push('\n');
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The common finding takes this way (tests/human_drawing.rs holds every finding it draws to
    /// miette's drawing).
    #[test]
    fn a_one_line_label_is_drawn_with_its_context() {
        let text = "{\n  \"properties\": {\n    \"givenname\": {}\n  }\n}\n";
        let file = SourceFile::new("a.json", text.to_owned());
        let at = text.find("\"givenname\"").unwrap_or_default();
        let span = Span::new(at, at + 11);
        let window = Window::new("a.json", &file, text, &[span], 92);
        let simple =
            Simple { code: ("T101", "x"), icon: "×", message: "bad", label: "here", span: window.shown(span) };
        let mut drawn = String::from("before\n");
        assert!(draw(&simple, &window, &ThemeCharacters::unicode(), &mut drawn));
        let expected = "T101(x)\n\n  × bad\n   ╭─[a.json:3:5]\n 2 │   \"properties\": {\n 3 │     \"givenname\": {}\n   ·     ─────┬─────\n   ·          ╰── here\n 4 │   }\n   ╰────\n";
        assert_eq!(drawn.strip_prefix("before\n"), Some(expected));
    }

    /// What miette must draw leaves the text drawn so far as it was.
    #[test]
    fn a_label_over_two_lines_is_left_to_miette() {
        let text = "{\n  \"a\": [\n    1\n  ]\n}\n";
        let file = SourceFile::new("a.json", text.to_owned());
        let at = text.find('[').unwrap_or_default();
        let span = Span::new(at, text.find(']').unwrap_or_default() + 1);
        let window = Window::new("a.json", &file, text, &[span], 92);
        let simple =
            Simple { code: ("T101", "x"), icon: "×", message: "bad", label: "here", span: window.shown(span) };
        let mut drawn = String::from("before\n");
        assert!(!draw(&simple, &window, &ThemeCharacters::unicode(), &mut drawn));
        assert_eq!(drawn, "before\n");
    }
}
