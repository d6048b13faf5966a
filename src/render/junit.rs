//! `--format junit`: JUnit XML, one test case per linted file and one failure per finding, for
//! CI systems that show test reports (GitLab, Jenkins, Azure; see linter-conventions §3.4).

use std::io::{self, Write};

use crate::finding::Finding;
use crate::finding::Report;

/// Escapes text for an XML attribute value.
///
/// Besides the five markup characters, tab, newline and carriage return are written as character
/// references so that attribute-value normalisation keeps them; every other control character
/// (and U+FFFE/U+FFFF) is not allowed in XML 1.0 at all, even as a reference, so it becomes U+FFFD.
fn escape(text: &str) -> String {
    escape_as(text, true)
}

/// Escapes element content, where tabs and newlines may stay as they are (and read better).
fn escape_text(text: &str) -> String {
    escape_as(text, false)
}

fn escape_as(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `file:line:col: CODE message`, the line a user can paste into an editor.
fn headline(report: &Report, finding: &Finding) -> String {
    let file = &report.files[finding.file];
    let at = file.position(finding.span.start);
    format!("{}:{}:{}: {} {}", file.name, at.line, at.column, finding.code, finding.message)
}

/// The failure's body: the headline again (some viewers show only the body), the help, and the
/// related places.
fn details(report: &Report, finding: &Finding) -> String {
    let mut text = headline(report, finding);
    if let Some(help) = &finding.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    for label in &finding.related {
        let other = &report.files[label.file];
        let at = other.position(label.span.start);
        text.push_str(&format!("\nnote: {} ({}:{}:{})", label.text, other.name, at.line, at.column));
    }
    text
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let listed: Vec<usize> = report.listed_files().collect();
    let tests = listed.len();
    // `failures` counts failing test cases (files), so that it never exceeds `tests`.
    let failures = listed.iter().filter(|&&file| report.findings.iter().any(|finding| finding.file == file)).count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="scimlint" tests="{tests}" failures="{failures}" errors="0">"#)?;
    writeln!(out, r#"  <testsuite name="scimlint" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#)?;
    for id in listed {
        let name = escape(&report.files[id].name);
        let findings: Vec<&Finding> = report.findings.iter().filter(|finding| finding.file == id).collect();
        if findings.is_empty() {
            writeln!(out, r#"    <testcase classname="{name}" name="{name}" file="{name}"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase classname="{name}" name="{name}" file="{name}">"#)?;
        for finding in findings {
            writeln!(
                out,
                r#"      <failure type="{}" message="{}">{}</failure>"#,
                finding.code,
                escape(&headline(report, finding)),
                escape_text(&details(report, finding)),
            )?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_text};

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc\u{ffff}"), "a\u{fffd}b&#10;c\u{fffd}");
        assert_eq!(escape_text("a\tb\r\n<c>"), "a\tb&#13;\n&lt;c&gt;");
    }
}
