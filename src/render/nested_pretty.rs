//! serde_json's pretty layout for a value that sits some levels deep in a pretty document. A
//! report's findings are written one at a time into their place in it: each written as a
//! document of its own and then indented line by line was a copy of the output too many (SARIF
//! is 1 KB a finding).

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// `serde_json::ser::PrettyFormatter` with two-space indents, starting `depth` levels in.
pub(super) struct NestedPretty {
    depth: usize,
    has_value: bool,
}

impl NestedPretty {
    pub(super) fn new(depth: usize) -> Self {
        Self { depth, has_value: false }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            indent(writer, self.depth)?;
        }
        writer.write_all(bracket)
    }

    fn next<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        indent(writer, self.depth)
    }
}

pub(super) fn indent<W: ?Sized + Write>(writer: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        writer.write_all(b"  ")?;
    }
    Ok(())
}

impl Formatter for NestedPretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.next(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value written `depth` levels in is the pretty document's value, each line after the
    /// first indented `depth` levels more.
    #[test]
    fn a_nested_value_is_laid_out_as_in_the_whole_pretty_document() {
        let value = serde_json::json!({"a": [1, {"b": []}, {}], "c": {"d": "x\ny"}, "e": []});
        for depth in 0..4 {
            let mut nested = Vec::new();
            let mut serializer = serde_json::Serializer::with_formatter(&mut nested, NestedPretty::new(depth));
            serde::Serialize::serialize(&value, &mut serializer).ok();
            let pretty = serde_json::to_string_pretty(&value).unwrap_or_default();
            let expected = pretty.replace('\n', &format!("\n{}", "  ".repeat(depth)));
            assert_eq!(String::from_utf8(nested).unwrap_or_default(), expected);
        }
    }
}
