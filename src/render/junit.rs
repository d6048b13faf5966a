//! `--format junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure; see
//! linter-conventions §3.4): a test suite per file, a test case per finding, a failure only for a
//! finding at or above `--fail-on`, and an error per path that could not be checked.

use std::io::{self, Write};

use crate::finding::Finding;
use crate::finding::Report;

/// A character XML 1.0 cannot hold at all, not even as a reference.
fn forbidden(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

/// Escapes text for an XML attribute value.
///
/// Besides the five markup characters, tab, newline and carriage return are written as character
/// references so that attribute-value normalisation keeps them; every other control character
/// (and U+FFFE/U+FFFF) is not allowed in XML 1.0 at all, even as a reference, so it becomes U+FFFD.
fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    escape_into(&mut out, text);
    String::from_utf8(out).unwrap_or_default()
}

/// [`escape`], written to `out`: a report of 400,000 findings escapes three texts each.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    if !text.bytes().any(|byte| byte < b' ' || b"&<>\"'".contains(&byte) || byte == 0xEF) {
        // Nothing to escape (U+FFFE and U+FFFF are the only forbidden characters above
        // U+001F, and both start with 0xEF in UTF-8).
        out.extend_from_slice(text.as_bytes());
        return;
    }
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        let escaped: &str = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            c if forbidden(c) => "\u{fffd}",
            c => c.encode_utf8(&mut buffer),
        };
        out.extend_from_slice(escaped.as_bytes());
    }
}

/// Element content as one CDATA section: nothing in it is an entity reference, which some JUnit
/// readers drop (junit-parser loses `&apos;` in `<system-out>`) or trim. XML cannot hold most
/// control characters even there: they become U+FFFD; `]]>` is split across two sections.
fn cdata(text: &str) -> String {
    let safe: std::borrow::Cow<'_, str> = if text.chars().any(forbidden) {
        text.chars().map(|c| if forbidden(c) { '\u{fffd}' } else { c }).collect::<String>().into()
    } else {
        text.into()
    };
    if safe.contains("]]>") {
        format!("<![CDATA[{}]]>", safe.replace("]]>", "]]]]><![CDATA[>"))
    } else {
        format!("<![CDATA[{safe}]]>")
    }
}

/// `file:line:col: CODE message`, the line a user can paste into an editor.
fn headline(report: &Report, finding: &Finding) -> String {
    let file = &report.files[finding.file];
    let at = file.position(finding.span.start);
    format!("{}:{}:{}: {} {}", file.name, at.line, at.column, finding.code, finding.message)
}

/// The failure's body: the headline again (some viewers show only the body), the help, and the
/// related places.
fn details(report: &Report, finding: &Finding, headline: &str) -> String {
    let mut text = headline.to_owned();
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
    // One test case per finding (a file without any is one passing case), as ruff and Spectral
    // write it; only a finding at or above `--fail-on` is a failure.
    let mut cases: Vec<Vec<&Finding>> = vec![Vec::new(); report.files.len()];
    for finding in &report.findings {
        if let Some(file) = cases.get_mut(finding.file) {
            file.push(finding);
        }
    }
    let tests: usize = listed.iter().map(|&file| cases[file].len().max(1)).sum::<usize>() + report.errors.len();
    let failures = report.findings.iter().filter(|finding| report.fails(finding)).count();
    let errors = report.errors.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="scimlint" tests="{tests}" failures="{failures}" errors="{errors}">"#)?;
    for file in listed {
        let name = escape(&report.files[file].name);
        let findings = &cases[file];
        let failed = findings.iter().filter(|finding| report.fails(finding)).count();
        let count = findings.len().max(1);
        writeln!(out, r#"  <testsuite name="{name}" tests="{count}" failures="{failed}" errors="0" skipped="0">"#)?;
        if findings.is_empty() {
            writeln!(out, r#"    <testcase classname="{name}" name="{name}" file="{name}"/>"#)?;
        }
        super::write_drawn(out, findings, super::ITEMS_PER_TASK, |_, finding, text: &mut Vec<u8>| {
            case(report, &name, finding, text)
        })?;
        writeln!(out, "  </testsuite>")?;
    }
    if !report.errors.is_empty() {
        writeln!(out, r#"  <testsuite name="scimlint" tests="{errors}" failures="0" errors="{errors}" skipped="0">"#)?;
        for error in &report.errors {
            let path = escape(&error.path);
            writeln!(out, r#"    <testcase classname="scimlint" name="check {path}" file="{path}">"#)?;
            writeln!(out, r#"      <error type="not-checked" message="{}"/>"#, escape(&error.message))?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// One finding's test case in the suite of its file, `name` escaped.
fn case(report: &Report, name: &str, finding: &Finding, text: &mut Vec<u8>) -> io::Result<()> {
    let at = report.files[finding.file].position(finding.span.start);
    let line = at.line;
    // The place is part of the name: GitLab keeps only the first of equal names, and one file can
    // have the same finding at two places.
    write!(text, r#"    <testcase classname="{name}" name=""#)?;
    escape_into(text, &format!("{} {} ({line}:{})", finding.code, finding.message, at.column));
    writeln!(text, r#"" file="{name}" line="{line}">"#)?;
    let headline = headline(report, finding);
    let details = details(report, finding, &headline);
    if report.fails(finding) {
        write!(text, r#"      <failure type="{}" message=""#, finding.code)?;
        escape_into(text, &headline);
        text.extend_from_slice(b"\">");
        text.extend_from_slice(cdata(&details).as_bytes());
        text.extend_from_slice(b"</failure>\n");
    } else {
        text.extend_from_slice(b"      <system-out>");
        text.extend_from_slice(cdata(&details).as_bytes());
        text.extend_from_slice(b"</system-out>\n");
    }
    text.extend_from_slice(b"    </testcase>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{cdata, escape};

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b\nc\u{ffff}"), "a\u{fffd}b&#10;c\u{fffd}");
        assert_eq!(cdata("a\tb\r\n<c> & 'd' ]]> e\u{1}"), "<![CDATA[a\tb\r\n<c> & 'd' ]]]]><![CDATA[> e\u{fffd}]]>");
    }
}
