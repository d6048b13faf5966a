//! `path:line:col: CODE severity message`, one finding per line, for editors and grep.

use std::io::{self, Write};

use crate::finding::Report;

pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    super::write_drawn(out, &report.findings, super::ITEMS_PER_TASK, |_, finding, text: &mut Vec<u8>| {
        let file = &report.files[finding.file];
        let start = file.position(finding.span.start);
        writeln!(
            text,
            "{}:{}:{}: {} {} {}",
            file.name,
            start.line,
            start.column,
            finding.code,
            finding.severity.as_str(),
            finding.message
        )
    })
}
