//! `--format github`: GitHub Actions workflow commands, which the runner turns into annotations
//! on the pull request (see linter-conventions §3.2).

use std::io::{self, Write};

use crate::finding::Report;
use crate::finding::Severity;

/// Escapes the message ("data") of a workflow command, as `@actions/core` does: `%` first, so
/// that the escapes themselves are not escaped again.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: `:` and `,` would otherwise end the value or the property list.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // A file's name as a property, once per file.
    let names: Vec<std::sync::OnceLock<String>> = report.files.iter().map(|_| std::sync::OnceLock::new()).collect();
    super::write_drawn(out, &report.findings, super::ITEMS_PER_TASK, |_, finding, text: &mut Vec<u8>| {
        let file = &report.files[finding.file];
        let (start, end) = file.range(finding.span);
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        // GitHub does not attach `line=0` to the diff; positions are 1-based already, but a
        // clamp costs nothing and keeps the promise whatever a check produces.
        let (line, col) = (start.line.max(1), start.column.max(1));
        let (end_line, end_col) = (end.line.max(line), end.column.max(1));
        let title = format!("{} {}", finding.code, finding.code.name());
        // The properties only feed the annotation panel; the log line shows the message alone,
        // so it repeats where the finding is.
        let mut message = format!("{}:{line}:{col}: {}", file.name, finding.message);
        if let Some(help) = &finding.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        let name = names[finding.file].get_or_init(|| escape_property(&file.name));
        writeln!(
            text,
            "::{command} file={name},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            escape_property(&title),
            escape_data(&message),
        )
    })?;
    for error in &report.errors {
        writeln!(out, "::error file={},title=scimlint::{}", escape_property(&error.path), escape_data(&error.message))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{escape_data, escape_property};

    #[test]
    fn data_and_properties_escape_differently() {
        assert_eq!(escape_data("100% a,b: c\r\nd"), "100%25 a,b: c%0D%0Ad");
        assert_eq!(escape_property("we,ird%name:x.json"), "we%2Cird%25name%3Ax.json");
    }
}
