//! The text miette draws for one finding: the lines around its labels, as islands of consecutive
//! lines, each line cropped to the terminal's width around the labels on it (`…` marks what is
//! left out). miette counts lines from the start of its source and writes each line whole, so
//! handing it a whole file makes a report of many findings quadratic, and a minified export of
//! one long line unreadable — and past column 65,536 its formatting panics.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::{SourceFile, Span};

/// Characters shown of a line at most, whatever the terminal says (a label is never wider).
const MAX_WIDTH: usize = 1_000;
const ELLIPSIS: &str = "…";

/// A run of the file copied into the window.
#[derive(Clone, Copy, Debug)]
struct Piece {
    window: usize,
    file: usize,
    len: usize,
}

/// Consecutive lines of the file, as shown.
#[derive(Debug)]
struct Island {
    /// The window's byte range of the island.
    start: usize,
    end: usize,
    /// 1-based number of its first line.
    first_line: usize,
}

#[derive(Debug)]
pub struct Window<'a> {
    name: &'a str,
    file: &'a SourceFile,
    text: String,
    pieces: Vec<Piece>,
    islands: Vec<Island>,
}

/// Characters in `text[from..to]`.
fn chars(text: &str, from: usize, to: usize) -> usize {
    text.get(from..to).map_or(0, |part| part.chars().count())
}

/// Whether `text[from..to]` is ASCII, one byte a character: stepping by characters through it
/// was a quarter of drawing a finding of a minified export.
fn ascii(text: &str, from: usize, to: usize) -> bool {
    text.as_bytes().get(from..to).is_some_and(<[u8]>::is_ascii)
}

/// The byte offset `count` characters before `offset`, not before `floor`.
fn back(text: &str, offset: usize, count: usize, floor: usize) -> usize {
    let candidate = offset.saturating_sub(count).max(floor);
    if candidate <= offset && ascii(text, candidate, offset) {
        return candidate;
    }
    let mut at = offset;
    for _ in 0..count {
        if at <= floor {
            return floor;
        }
        at -= 1;
        while at > floor && !text.is_char_boundary(at) {
            at -= 1;
        }
    }
    at
}

/// The byte offset `count` characters after `offset`, not after `ceiling`.
fn forward(text: &str, offset: usize, count: usize, ceiling: usize) -> usize {
    let candidate = offset.saturating_add(count).min(ceiling);
    if offset <= candidate && ascii(text, offset, candidate) {
        return candidate;
    }
    let mut at = offset;
    for _ in 0..count {
        if at >= ceiling {
            return ceiling;
        }
        at += 1;
        while at < ceiling && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    at
}

impl<'a> Window<'a> {
    /// The window for labels `spans` (the primary first) in `file`, whose text as it may be shown
    /// (credentials masked, same offsets) is `shown`; lines at most `width` characters.
    pub fn new(name: &'a str, file: &'a SourceFile, shown: &str, spans: &[Span], width: usize) -> Self {
        let width = width.clamp(20, MAX_WIDTH);
        // Room for the usual window (up to three lines of context, one island) made once.
        let mut window = Self {
            name,
            file,
            text: String::with_capacity(3 * (width + 2 * ELLIPSIS.len() + 1)),
            pieces: Vec::with_capacity(3 * spans.len()),
            islands: Vec::with_capacity(1),
        };
        let lines_of = |span: Span| (file.position(span.start).line, file.position(span.end.max(span.start)).line);
        // Each label's lines with one line of context either side, merged where they touch.
        let mut ranges: Vec<(usize, usize)> = spans
            .iter()
            .map(|span| lines_of(*span))
            .map(|(first, last)| (first.saturating_sub(1).max(1), last + 1))
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
        for (first, last) in ranges {
            match merged.last_mut() {
                // A gap of up to two lines is shown rather than split into two snippets.
                Some(previous) if first <= previous.1 + 3 => previous.1 = previous.1.max(last),
                _ => merged.push((first, last)),
            }
        }
        for (first, last) in merged {
            window.island(shown, spans, first, last, width);
        }
        window
    }

    fn island(&mut self, shown: &str, spans: &[Span], first: usize, last: usize, width: usize) {
        let start = self.text.len();
        let mut shown_first = None;
        for line in first..=last {
            let Some(line_start) = self.file.line_start(line) else { break };
            let next = self.file.line_start(line + 1).unwrap_or(shown.len()).min(shown.len());
            let content_end = line_start + shown[line_start.min(next)..next].trim_end_matches(['\n', '\r']).len();
            // By line, not by text written: a blank first line is a line too.
            if shown_first.is_some() {
                self.text.push('\n');
            }
            shown_first.get_or_insert(line);
            self.line(shown, spans, line_start, content_end, width);
        }
        if let Some(first_line) = shown_first {
            self.islands.push(Island { start, end: self.text.len(), first_line });
        }
    }

    /// One line, whole or cropped around the labels on it.
    fn line(&mut self, shown: &str, spans: &[Span], start: usize, end: usize, width: usize) {
        let fits = end - start <= width || self.file.position(end).column - self.file.position(start).column <= width;
        if fits {
            self.copy(shown, start, end);
            return;
        }
        // The labels on this line, each cut to at most `width` characters.
        let mut parts: Vec<(usize, usize)> = spans
            .iter()
            .filter(|span| span.start <= end && span.end.max(span.start) >= start)
            .map(|span| {
                let from = span.start.clamp(start, end);
                (from, span.end.clamp(from, end).min(forward(shown, from, width, end)))
            })
            .collect();
        parts.sort_unstable();
        if parts.is_empty() {
            // A context line: its beginning.
            parts.push((start, start));
        }
        // Each label gets an equal share of the line; room it cannot use on one side (the line
        // ends there) goes to the other.
        let share = (width.saturating_sub(2) / parts.len()).max(16);
        let mut segments: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
        for (from, to) in parts {
            let room = share.saturating_sub(chars(shown, from, to));
            let left = back(shown, from, room / 2, start);
            let right = forward(shown, to, room - chars(shown, left, from), end);
            let left =
                back(shown, left, room.saturating_sub(chars(shown, left, from) + chars(shown, to, right)), start);
            let (from, to) = (left, right);
            match segments.last_mut() {
                Some(previous) if from <= previous.1 => previous.1 = previous.1.max(to),
                _ => segments.push((from, to)),
            }
        }
        for (index, (from, to)) in segments.iter().enumerate() {
            if index == 0 && *from > start {
                self.text.push_str(ELLIPSIS);
            } else if index > 0 {
                self.text.push_str(" … ");
            }
            self.copy(shown, *from, *to);
        }
        if segments.last().is_some_and(|(_, to)| *to < end) {
            self.text.push_str(ELLIPSIS);
        }
    }

    fn copy(&mut self, shown: &str, from: usize, to: usize) {
        let piece = shown.get(from..to).unwrap_or_default();
        self.pieces.push(Piece { window: self.text.len(), file: from, len: piece.len() });
        self.text.push_str(piece);
    }

    /// Where file offset `offset` is shown: in the piece that holds it, else at the nearest end.
    fn to_window(&self, offset: usize) -> usize {
        let after = self.pieces.partition_point(|piece| piece.file <= offset);
        let Some(piece) = after.checked_sub(1).and_then(|at| self.pieces.get(at)) else {
            return self.pieces.first().map_or(0, |piece| piece.window);
        };
        piece.window + (offset - piece.file).min(piece.len)
    }

    /// The file offset shown at window offset `offset`.
    fn to_file(&self, offset: usize) -> usize {
        let after = self.pieces.partition_point(|piece| piece.window <= offset);
        after
            .checked_sub(1)
            .and_then(|at| self.pieces.get(at))
            .map_or(0, |piece| piece.file + (offset - piece.window).min(piece.len))
    }

    /// `span` of the file as a span of the window.
    pub fn shown(&self, span: Span) -> Span {
        let start = self.to_window(span.start);
        Span::new(start, self.to_window(span.end.max(span.start)))
    }
}

/// What [`SourceCode::read_span`] gives miette, without the box and the copy of the name that
/// miette's type needs (the simple drawing reads it for every finding).
pub(super) struct Contents<'b> {
    pub data: &'b [u8],
    /// The window offset of `data`.
    pub offset: usize,
    /// 0-based line and column of its start.
    pub line: usize,
    pub column: usize,
    pub line_count: usize,
}

impl Window<'_> {
    pub(super) fn name(&self) -> &str {
        self.name
    }

    /// The lines of window span `span` with context lines before and after, as miette reads them.
    pub(super) fn contents(
        &self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Option<Contents<'_>> {
        let (offset, end) = (span.offset(), span.offset() + span.len());
        // A span across two islands (labels far apart) is drawn as two snippets.
        let island = self.islands.iter().find(|island| island.start <= offset && end <= island.end)?;
        // Bytes, not `str` slices: a span may end inside a character.
        let body = &self.text.as_bytes()[island.start..island.end];
        let (local, local_end) = (offset - island.start, (end - island.start).min(body.len()));
        let newline_before = |at: usize| body[..at].iter().rposition(|&byte| byte == b'\n').map_or(0, |at| at + 1);
        let newline_after =
            |at: usize| body[at..].iter().position(|&byte| byte == b'\n').map_or(body.len(), |found| at + found);
        let mut from = newline_before(local);
        for _ in 0..context_lines_before {
            if from == 0 {
                break;
            }
            from = newline_before(from - 1);
        }
        let mut to = newline_after(local_end.saturating_sub(1).max(local).min(body.len()));
        for _ in 0..context_lines_after {
            if to >= body.len() {
                break;
            }
            to = newline_after(to + 1);
        }
        let lines = |part: &[u8]| part.iter().filter(|&&byte| byte == b'\n').count();
        let line = island.first_line - 1 + lines(&body[..from]);
        // Up to the island's end: miette joins two labels into one snippet when the first's
        // lines reach the second's, and within an island they should.
        let line_count = lines(&body[from..]) + 1;
        let (start, column) = if context_lines_before == 0 {
            // miette's header: the real column of the primary label, counted in characters.
            (offset, self.file.position(self.to_file(offset)).column - 1)
        } else {
            (island.start + from, 0)
        };
        let data = self.text.as_bytes().get(start..island.start + to).unwrap_or_default();
        Some(Contents { data, offset: start, line, column, line_count })
    }
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let Contents { data, offset, line, column, line_count } =
            self.contents(span, context_lines_before, context_lines_after).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            data,
            (offset, data.len()).into(),
            line,
            column,
            line_count,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(text: &str, spans: &[Span], width: usize) -> (String, Vec<Span>) {
        let file = SourceFile::new("a.json", text.to_owned());
        let window = Window::new("a.json", &file, text, spans, width);
        let shown = spans.iter().map(|span| window.shown(*span)).collect();
        (window.text.clone(), shown)
    }

    #[test]
    fn a_long_line_is_cropped_around_its_labels() {
        let text = format!("{{{}\"needle\": 1{}}}", "\"a\": 1, ".repeat(2_000), ", \"b\": 2".repeat(2_000));
        let at = text.find("\"needle\"").unwrap_or_default();
        let (shown, spans) = window(&text, &[Span::new(at, at + 8)], 60);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= 70, "{shown}");
        assert_eq!(&shown[spans[0].start..spans[0].end], "\"needle\"");
    }

    #[test]
    fn far_labels_on_one_line_keep_both_with_an_ellipsis_between() {
        let text = format!("{}first{}second{}", "x".repeat(500), "y".repeat(70_000), "z".repeat(500));
        let (first, second) = (text.find("first").unwrap_or_default(), text.find("second").unwrap_or_default());
        let (shown, spans) = window(&text, &[Span::new(second, second + 6), Span::new(first, first + 5)], 80);
        assert!(shown.contains(" … "), "{shown}");
        assert_eq!(&shown[spans[0].start..spans[0].end], "second");
        assert_eq!(&shown[spans[1].start..spans[1].end], "first");
    }

    #[test]
    fn a_blank_line_before_the_label_keeps_the_lines_numbered() {
        let text = "a\n\nlabel\nb\n";
        let at = text.find("label").unwrap_or_default();
        let (shown, spans) = window(text, &[Span::new(at, at + 5)], 100);
        assert_eq!(shown, "\nlabel\nb");
        assert_eq!(&shown[spans[0].start..spans[0].end], "label");
    }

    #[test]
    fn short_lines_are_copied_whole_with_one_line_of_context() {
        let text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n";
        let at = text.find("\"b\"").unwrap_or_default();
        let (shown, spans) = window(text, &[Span::new(at, at + 3)], 100);
        assert_eq!(shown, "  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3");
        assert_eq!(&shown[spans[0].start..spans[0].end], "\"b\"");
    }

    #[test]
    fn stepping_by_characters_is_the_same_through_ascii_and_multibyte_text() {
        // Char boundaries counted one by one, as the ASCII shortcut must agree with.
        let text = "ab…cdé\u{1F600}fg…h";
        let boundaries: Vec<usize> = text.char_indices().map(|(at, _)| at).chain([text.len()]).collect();
        for (index, &offset) in boundaries.iter().enumerate() {
            for count in 0..boundaries.len() + 2 {
                for &limit in &boundaries {
                    let expected_back = if count == 0 {
                        offset
                    } else if offset <= limit {
                        limit
                    } else {
                        boundaries[index.saturating_sub(count)].max(limit)
                    };
                    assert_eq!(back(text, offset, count, limit), expected_back, "back({offset}, {count}, {limit})");
                    let ahead = boundaries[(index + count).min(boundaries.len() - 1)];
                    let expected_forward = if count == 0 {
                        offset
                    } else if offset >= limit {
                        limit
                    } else {
                        ahead.min(limit)
                    };
                    assert_eq!(
                        forward(text, offset, count, limit),
                        expected_forward,
                        "forward({offset}, {count}, {limit})"
                    );
                }
            }
        }
    }
}
