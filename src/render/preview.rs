//! `scimlint preview`: the rows of what Haiilo would receive, as a terminal table that fits the
//! window, as CSV, or as JSON (`{"users": [{"id", "login", "values", "unknown", "findings"}]}`).
//! CSV and JSON are written row by row, as the users are read; the table needs its rows to size
//! its columns, and holds only the rows it shows.
//!
//! Privacy: only the Okta id, the login and the evaluated values of the mapped attributes are
//! written. Control characters in values are escaped in the table, so that directory data cannot
//! drive the terminal.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use unicode_width::UnicodeWidthChar;

use crate::expr::eval::Value;
use crate::finding::preview::{Cell, CellValue, PreviewHeader, PreviewRow};
use crate::finding::{Severity, UsersSummary};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreviewFormat {
    Table,
    Csv,
    Json,
}

/// Between two table columns.
const GAP: &str = "  ";
/// A column is not narrowed below this (or its natural width, if smaller).
const MIN_WIDTH: usize = 6;
/// The first column says who the row is: it keeps more.
const MIN_FIRST_WIDTH: usize = 22;

/// Writes `rows` in `format`; `width` is the terminal's, for the table.
pub fn render(
    header: &PreviewHeader,
    rows: impl Iterator<Item = PreviewRow>,
    format: PreviewFormat,
    width: usize,
    users: Option<&UsersSummary>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        PreviewFormat::Table => table(header, rows, width, users, out),
        PreviewFormat::Csv => csv(header, rows, out),
        PreviewFormat::Json => json(header, rows, out),
    }
}

fn table(
    header: &PreviewHeader,
    rows: impl Iterator<Item = PreviewRow>,
    width: usize,
    users: Option<&UsersSummary>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<PreviewRow> = rows.collect();
    let redacted = rows.iter().all(|row| row.login.is_none());
    // When every username is the login (Okta's default), one column shows both.
    let merged = header.username.filter(|&column| {
        !redacted
            && rows.iter().all(|row| match row.cells.get(column).map(|cell| &cell.value) {
                Some(CellValue::Value(Value::Str(text))) => row.login.as_deref() == Some(text.as_ref()),
                _ => false,
            })
    });
    let mut lines: Vec<Vec<(String, &str)>> = Vec::with_capacity(rows.len() + 1);
    let mut titles: Vec<String> = header.columns.clone();
    if let Some(title) = merged.and_then(|column| titles.get_mut(column)) {
        *title = format!("{title} (login)");
    }
    let first = match (redacted, merged) {
        (true, _) => Some("id"),
        (false, None) => Some("login"),
        (false, Some(_)) => None,
    };
    let plain = |text: String| (text, "");
    lines.push(first.map(str::to_owned).into_iter().chain(titles).chain(["findings".to_owned()]).map(plain).collect());
    for row in &rows {
        let who = if redacted { row.id.as_deref() } else { row.login.as_deref().or(row.id.as_deref()) };
        let mut line: Vec<(String, &str)> =
            first.map(|_| plain(who.map_or_else(|| "—".to_owned(), escape))).into_iter().collect();
        line.extend(row.cells.iter().map(cell_text));
        let codes: Vec<&str> = row.findings().iter().map(|code| code.as_str()).collect();
        line.push(plain(codes.join(" ")));
        lines.push(line);
    }
    let widths = fit(&lines, width);
    for line in &lines {
        let cells: Vec<String> =
            line.iter().zip(&widths).map(|((text, mark), width)| pad(text, mark, *width)).collect();
        writeln!(out, "{}", cells.join(GAP).trim_end())?;
    }
    writeln!(out)?;
    writeln!(out, "{}", footer(header, rows.len(), users))
}

/// The value as the table shows it, and the mark of its strongest finding (kept when the value
/// is cut).
fn cell_text(cell: &Cell) -> (String, &'static str) {
    let text = match &cell.value {
        CellValue::Value(Value::Null) => "—".to_owned(),
        CellValue::Value(Value::Str(text)) if text.is_empty() => "\"\"".to_owned(),
        CellValue::Value(value) => escape(&plain(value)),
        CellValue::Unknown(_) => "?".to_owned(),
        CellValue::Fails(_) => "(fails)".to_owned(),
        CellValue::Redacted => "‹redacted›".to_owned(),
    };
    let mark = match cell.marks.iter().map(|(_, severity)| *severity).max() {
        Some(Severity::Error) => " ×",
        Some(Severity::Warning) => " ⚠",
        Some(Severity::Info) => " ☞",
        None => "",
    };
    (text, mark)
}

/// `7 of 7 users …`, and what the marks mean.
fn footer(header: &PreviewHeader, shown: usize, users: Option<&UsersSummary>) -> String {
    let plural = |count: u64| if count == 1 { "user" } else { "users" };
    let mut text = format!(
        "{shown} of {} {} checked against {}",
        header.users,
        plural(header.users),
        if header.mapping.is_empty() { "the mapping" } else { header.mapping.as_str() }
    );
    if let Some(users) = users.filter(|users| users.deprovisioned > 0) {
        text.push_str(&format!(" ({} deprovisioned not shown)", users.deprovisioned));
    }
    text.push_str(".\nMarks: × error, ⚠ warning, ☞ info; `scimlint check --users` explains each finding.");
    text
}

/// Java's text of a value: what Haiilo receives as a string.
fn plain(value: &Value<'_>) -> String {
    match value {
        Value::Array(items) => format!("[{}]", items.iter().map(plain).collect::<Vec<_>>().join(", ")),
        other => other.java_text().map(std::borrow::Cow::into_owned).unwrap_or_default(),
    }
}

/// Control characters written as escapes (`\n`, `\u{1b}`): one line per row, no terminal codes.
fn escape(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

fn display_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Column widths that fit `width`: the widest columns give way first, down to [`MIN_WIDTH`]
/// (the first column, who the row is, to [`MIN_FIRST_WIDTH`]; the findings, last, not at all).
fn fit(lines: &[Vec<(String, &str)>], width: usize) -> Vec<usize> {
    let columns = lines.first().map_or(0, Vec::len);
    let cell_width = |(text, mark): &(String, &str)| display_width(text) + display_width(mark);
    let mut widths: Vec<usize> = (0..columns)
        .map(|column| lines.iter().filter_map(|line| line.get(column)).map(cell_width).max().unwrap_or(0))
        .collect();
    let floor: Vec<usize> = widths
        .iter()
        .enumerate()
        .map(|(column, natural)| match column {
            0 => (*natural).min(MIN_FIRST_WIDTH),
            last if last + 1 == columns => *natural,
            _ => (*natural).min(MIN_WIDTH),
        })
        .collect();
    let budget = width.saturating_sub(GAP.len() * columns.saturating_sub(1));
    while widths.iter().sum::<usize>() > budget {
        let widest = (0..columns).filter(|&column| widths[column] > floor[column]).max_by_key(|&column| widths[column]);
        match widest {
            Some(column) => widths[column] -= 1,
            None => break,
        }
    }
    widths
}

/// `text` and its `mark` padded or cut to `width` columns: the text is cut, with `…`, and the
/// mark kept.
fn pad(text: &str, mark: &str, width: usize) -> String {
    let natural = display_width(text) + display_width(mark);
    if natural <= width {
        return format!("{text}{mark}{}", " ".repeat(width - natural));
    }
    let room = width.saturating_sub(display_width(mark));
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > room {
            break;
        }
        cut.push(c);
        used += w;
    }
    cut.push('…');
    format!("{cut}{mark}{}", " ".repeat(room.saturating_sub(used + 1)))
}

fn csv(header: &PreviewHeader, rows: impl Iterator<Item = PreviewRow>, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let names = ["id", "login"].into_iter().map(str::to_owned).chain(header.columns.iter().cloned());
    writer.write_record(names.chain(["findings".to_owned(), "unknown".to_owned()]))?;
    for row in rows {
        let mut record = vec![row.id.clone().unwrap_or_default(), row.login.clone().unwrap_or_default()];
        record.extend(row.cells.iter().map(|cell| match &cell.value {
            CellValue::Value(value) => plain(value),
            CellValue::Redacted => "(redacted)".to_owned(),
            CellValue::Unknown(_) | CellValue::Fails(_) => String::new(),
        }));
        record.push(row.findings().iter().map(|code| code.as_str()).collect::<Vec<_>>().join(" "));
        let unknown: Vec<String> =
            unknown(header, &row).into_iter().map(|(attribute, reason)| format!("{attribute}: {reason}")).collect();
        record.push(unknown.join("; "));
        writer.write_record(&record)?;
    }
    writer.flush()
}

/// The cells with no value, by attribute, with why.
fn unknown<'r>(header: &'r PreviewHeader, row: &PreviewRow) -> Vec<(&'r str, String)> {
    header
        .columns
        .iter()
        .zip(&row.cells)
        .filter_map(|(attribute, cell)| {
            let reason = match &cell.value {
                CellValue::Unknown(reason) => reason.clone(),
                CellValue::Fails(reason) => format!("Okta fails to evaluate it: {reason}"),
                CellValue::Redacted => "redacted by --redact-users".to_owned(),
                CellValue::Value(_) => return None,
            };
            Some((attribute.as_str(), reason))
        })
        .collect()
}

/// A JSON object of its pairs in order (serde_json's own map would sort the attributes).
struct Ordered<'a, T: Serialize>(Vec<(&'a str, T)>);

impl<T: Serialize> Serialize for Ordered<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

struct Json<'a>(&'a Value<'a>);

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Null => serializer.serialize_none(),
            Value::Bool(flag) => serializer.serialize_bool(*flag),
            Value::Int(number) => serializer.serialize_i64(*number),
            Value::Num(number) => serializer.serialize_f64(*number),
            Value::Str(text) => serializer.serialize_str(text),
            Value::Array(items) => serializer.collect_seq(items.iter().map(Json)),
        }
    }
}

#[derive(serde::Serialize)]
struct JsonRow<'a> {
    id: Option<&'a str>,
    login: Option<&'a str>,
    values: Ordered<'a, Json<'a>>,
    unknown: Ordered<'a, String>,
    findings: Vec<&'static str>,
}

fn json(header: &PreviewHeader, rows: impl Iterator<Item = PreviewRow>, out: &mut dyn Write) -> io::Result<()> {
    write!(out, "{{\"users\": [")?;
    for (index, row) in rows.enumerate() {
        let values = header
            .columns
            .iter()
            .zip(&row.cells)
            .filter_map(|(attribute, cell)| match &cell.value {
                CellValue::Value(value) => Some((attribute.as_str(), Json(value))),
                _ => None,
            })
            .collect();
        let json_row = JsonRow {
            id: row.id.as_deref(),
            login: row.login.as_deref(),
            values: Ordered(values),
            unknown: Ordered(unknown(header, &row)),
            findings: row.findings().iter().map(|code| code.as_str()).collect(),
        };
        write!(out, "{}\n  ", if index == 0 { "" } else { "," })?;
        serde_json::to_writer(&mut *out, &json_row).map_err(io::Error::other)?;
    }
    writeln!(out, "\n]}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_with_an_ellipsis_to_fit_the_window() {
        assert_eq!(pad("Zürich", "", 8), "Zürich  ");
        assert_eq!(pad("jane.doe@acme.example", "", 8), "jane.do…");
        assert_eq!(pad("jane.doe@acme.example", " ×", 8), "jane.… ×", "the mark survives the cut");
        assert_eq!(display_width("東京"), 4);
        assert_eq!(pad("東京都", "", 4), "東… ");
        let cell = |text: String| (text, "");
        let lines = vec![
            vec![cell("login".to_owned()), cell("x".repeat(40)), cell("findings".to_owned())],
            vec![cell("a".repeat(30)), cell("y".to_owned()), cell(String::new())],
        ];
        let widths = fit(&lines, 50);
        assert!(widths.iter().sum::<usize>() + 2 * GAP.len() <= 50, "{widths:?}");
        assert_eq!(widths[2], 8, "the findings are never cut");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("Berlin\n\u{1b}[31m"), "Berlin\\n\\u{1b}[31m");
    }
}
