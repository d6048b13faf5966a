//! Users in CSV: a header of profile attribute names (a `profile.` prefix is dropped), plus
//! `id` and `status` columns when present. Quoted fields, CRLF and a byte-order mark are
//! read as the `csv` crate reads them. An empty cell is null: CSV cannot tell a never-set
//! attribute from a cleared one.

use std::io::BufRead;

use super::{ProfileMap, ProfileValue, User, UsersError};

enum Column {
    Id,
    Status,
    Attribute(String),
    Skipped,
}

impl Column {
    fn from_header(header: &str) -> Self {
        let header = header.trim();
        match header {
            "" => Self::Skipped,
            "id" | "Id" | "ID" | "userId" | "User Id" | "User ID" => Self::Id,
            "status" | "Status" | "User Status" => Self::Status,
            other => Self::Attribute(other.strip_prefix("profile.").unwrap_or(other).to_owned()),
        }
    }
}

pub(super) struct CsvUsers<R: BufRead> {
    records: csv::Reader<R>,
    columns: Option<Vec<Column>>,
    record: csv::StringRecord,
    /// Bytes before what the CSV reader sees (a byte-order mark).
    skipped: usize,
    /// Lines end in CRLF: the csv crate then places a record at the `\n` before it, one byte and
    /// one line early.
    crlf: bool,
    done: bool,
}

impl<R: BufRead> CsvUsers<R> {
    pub fn new(mut reader: R, skipped: usize) -> Self {
        let crlf = reader.fill_buf().is_ok_and(|start| {
            start.iter().position(|&byte| byte == b'\n').is_some_and(|at| at > 0 && start.get(at - 1) == Some(&b'\r'))
        });
        let records = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(reader);
        Self { records, columns: None, record: csv::StringRecord::new(), skipped, crlf, done: false }
    }

    /// The 1-based line and file offset of a position of the csv crate.
    fn place(&self, position: Option<&csv::Position>) -> (usize, usize) {
        let Some(position) = position else { return (1, self.skipped) };
        let line = usize::try_from(position.line()).unwrap_or(usize::MAX);
        let offset = usize::try_from(position.byte()).unwrap_or(usize::MAX).saturating_add(self.skipped);
        let shift = usize::from(self.crlf && position.record() > 0);
        (line.saturating_add(shift), offset.saturating_add(shift))
    }

    fn error(&self, error: &csv::Error) -> UsersError {
        let (line, offset) = self.place(error.position());
        let message = match error.kind() {
            csv::ErrorKind::Utf8 { .. } => "the CSV is not UTF-8 text".to_owned(),
            _ => format!("not a valid CSV record: {error}"),
        };
        UsersError::malformed(message, line, offset)
    }

    fn columns(&mut self) -> Result<(), UsersError> {
        if self.columns.is_some() {
            return Ok(());
        }
        match self.records.headers() {
            Ok(headers) => {
                let columns: Vec<Column> = headers.iter().map(Column::from_header).collect();
                self.columns = Some(columns);
                Ok(())
            }
            Err(error) => {
                self.done = true;
                Err(self.error(&error))
            }
        }
    }
}

impl<R: BufRead> Iterator for CsvUsers<R> {
    type Item = Result<User, UsersError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if let Err(error) = self.columns() {
            return Some(Err(error));
        }
        match self.records.read_record(&mut self.record) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                let (line, offset) = self.place(self.record.position());
                let mut user = User { line, offset, ..User::default() };
                let mut profile = ProfileMap::default();
                for (column, cell) in self.columns.iter().flatten().zip(self.record.iter()) {
                    let value = if cell.is_empty() { None } else { Some(cell.to_owned()) };
                    match column {
                        Column::Id => user.id = value,
                        Column::Status => user.status = value,
                        Column::Attribute(name) if profile.get(name).is_none() => {
                            profile.insert(name.clone(), value.map_or(ProfileValue::Null, ProfileValue::Str));
                        }
                        Column::Attribute(_) | Column::Skipped => {}
                    }
                }
                user.profile = profile;
                Some(Ok(user))
            }
            Err(error) => {
                // The csv crate resynchronises at the next record after a bad one.
                if matches!(error.kind(), csv::ErrorKind::Io(_)) {
                    self.done = true;
                }
                Some(Err(self.error(&error)))
            }
        }
    }
}
