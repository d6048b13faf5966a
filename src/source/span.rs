//! Byte spans inside a file, and their conversion to 1-based line/column at the edge: columns in
//! characters for every output, and in UTF-16 code units for the language server (LSP's default
//! position encoding).

/// A half-open byte range `[start, end)` into a file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    #[must_use]
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end: end.max(start) }
    }

    #[must_use]
    pub fn empty(at: usize) -> Self {
        Self { start: at, end: at }
    }

    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[must_use]
    pub fn shifted(self, by: usize) -> Self {
        Self::new(self.start + by, self.end + by)
    }
}

/// A 1-based line and a 1-based column counted in Unicode characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line, so that offsets convert to positions in `O(log n)`, and the
/// number of characters before every [`STRIDE`]th byte, so that a column is counted over at most
/// `STRIDE` bytes however long its line: a minified export is one line of megabytes, with
/// thousands of findings on it.
///
/// `\n`, `\r\n` and a lone `\r` all end a line, as editors count them; a UTF-8 byte-order mark
/// is no column, as editors do not show it.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars[k]`: characters in the text's first `k * STRIDE` bytes; empty for ASCII text,
    /// where a character is a byte (and a UTF-16 code unit).
    chars: Vec<usize>,
    /// `utf16[k]`: UTF-16 code units in the text's first `k * STRIDE` bytes; empty for ASCII.
    utf16: Vec<usize>,
    ascii: bool,
}

/// Bytes between two character checkpoints.
const STRIDE: usize = 256;

/// Characters that start in `bytes` (every byte that is not a UTF-8 continuation byte).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xC0 != 0x80).count()
}

/// UTF-16 code units of the characters that start in `bytes`: one each, and one more for each
/// character outside the Basic Multilingual Plane (a four-byte UTF-8 sequence, a surrogate pair).
fn utf16_units(bytes: &[u8]) -> usize {
    bytes.iter().map(|&byte| usize::from(byte & 0xC0 != 0x80) + usize::from(byte >= 0xF0)).sum()
}

impl LineIndex {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 }];
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at + 1);
            }
        }
        // Kept as long as the report: ten thousand files' indexes grown by doubling leave
        // megabytes of room.
        starts.shrink_to_fit();
        let ascii = text.is_ascii();
        let (mut chars, mut utf16) = (Vec::new(), Vec::new());
        if !ascii {
            // A checkpoint at the start and one after each block.
            let blocks = bytes.len().div_ceil(STRIDE) + 1;
            (chars, utf16) = (Vec::with_capacity(blocks), Vec::with_capacity(blocks));
            let (mut total, mut units) = (0, 0);
            chars.push(0);
            utf16.push(0);
            for block in bytes.chunks(STRIDE) {
                total += char_starts(block);
                units += utf16_units(block);
                chars.push(total);
                utf16.push(units);
            }
        }
        Self { starts, chars, utf16, ascii }
    }

    /// Units (`count` of a byte slice) before byte `offset`, from the nearest checkpoint.
    fn before(checkpoints: &[usize], count: fn(&[u8]) -> usize, bytes: &[u8], offset: usize) -> usize {
        let block = offset / STRIDE;
        let base = checkpoints.get(block).copied().unwrap_or(0);
        base + count(bytes.get(block * STRIDE..offset).unwrap_or_default())
    }

    /// The 1-based line of `offset` (clamped to a character boundary), with the byte offsets of
    /// the offset and of its line's start.
    fn locate(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // An offset inside the byte-order mark is the first column.
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let line_start = self.starts[line - 1].min(offset);
        (line, line_start, offset)
    }

    /// The position of `offset`; offsets past the end or inside a character clamp to a boundary.
    #[must_use]
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let (line, line_start, offset) = self.locate(text, offset);
        if self.ascii {
            return Position { line, column: offset - line_start + 1 };
        }
        let bytes = text.as_bytes();
        let column = Self::before(&self.chars, char_starts, bytes, offset)
            - Self::before(&self.chars, char_starts, bytes, line_start)
            + 1;
        Position { line, column }
    }

    /// The position of `offset` with its column counted in UTF-16 code units (still 1-based), as
    /// the Language Server Protocol counts them: a character outside the Basic Multilingual Plane
    /// (most emoji) is two. Fast on a long line, like [`LineIndex::position`].
    #[must_use]
    pub fn utf16_position(&self, text: &str, offset: usize) -> Position {
        let (line, line_start, offset) = self.locate(text, offset);
        if self.ascii {
            return Position { line, column: offset - line_start + 1 };
        }
        let bytes = text.as_bytes();
        let column = Self::before(&self.utf16, utf16_units, bytes, offset)
            - Self::before(&self.utf16, utf16_units, bytes, line_start)
            + 1;
        Position { line, column }
    }

    /// Byte offset where 1-based `line` starts, if the file has that line.
    #[must_use]
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\n  \"é\": \"x\"\n}";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.position(text, x), Position { line: 2, column: 9 });
    }

    #[test]
    fn columns_on_a_long_line_count_characters_across_checkpoints() {
        let text = format!("{}é{}x", "a".repeat(300), "ü".repeat(400));
        let index = LineIndex::new(&text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.position(&text, x), Position { line: 1, column: 702 });
        let second = format!("{text}\n{}y", "é".repeat(200));
        let index = LineIndex::new(&second);
        let y = second.find('y').unwrap_or_default();
        assert_eq!(index.position(&second, y), Position { line: 2, column: 201 });
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "a\n\u{1F600}é\u{10348}x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.position(text, x), Position { line: 2, column: 4 });
        assert_eq!(index.utf16_position(text, x), Position { line: 2, column: 6 });
        let e = text.find('é').unwrap_or_default();
        assert_eq!(index.utf16_position(text, e), Position { line: 2, column: 3 });
    }

    #[test]
    fn utf16_columns_on_a_long_line_agree_with_counting_from_the_start() {
        let line = format!("{}{}é{}", "\u{1F600}".repeat(300), "a".repeat(77), "\u{1F4A9}b".repeat(500));
        let text = format!("x\n{line}\n");
        let index = LineIndex::new(&text);
        for (offset, _) in line.char_indices().step_by(37) {
            let expected = line[..offset].encode_utf16().count() + 1;
            assert_eq!(index.utf16_position(&text, offset + 2), Position { line: 2, column: expected });
        }
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 3).line, 2);
        assert_eq!(index.position(text, 5), Position { line: 3, column: 1 });
    }

    #[test]
    fn a_byte_order_mark_is_no_column() {
        let text = "\u{feff}ab\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 3), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 4), Position { line: 1, column: 2 });
        assert_eq!(index.position(text, 6), Position { line: 2, column: 1 });
    }

    /// ASCII text skips the checkpoints: its positions are what counting from the start gives,
    /// in characters and in UTF-16 alike, whatever ends its lines.
    #[test]
    fn ascii_positions_agree_with_counting_from_the_start() {
        let text = format!("{}\r\n{}\r{}\n\n{}", "a".repeat(700), "b".repeat(3), "c".repeat(1_000), "d".repeat(10));
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() {
            let before = &text[..offset];
            // Between the two bytes of a CRLF is inside a line's end, not a place of its own.
            if before.ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let line = 1 + before.matches('\n').count() + before.matches('\r').count() - before.matches("\r\n").count();
            let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
            let expected = Position { line, column: offset - line_start + 1 };
            assert_eq!(index.position(&text, offset), expected, "offset {offset}");
            assert_eq!(index.utf16_position(&text, offset), expected, "offset {offset}");
        }
    }
}
