//! Collecting the files to lint: named files, directories walked with `.gitignore` honoured, stdin.
//!
//! Nothing is opened before its metadata says it is a regular file of at most the size limit, so
//! a FIFO, a device or a socket named by mistake is refused instead of blocking or reading
//! forever, and a huge file is refused without being read.

use std::fs::Metadata;
use std::io::Read;
use std::path::Path;

use crate::error::Error;

/// A file to lint. `explicit` is false for files found by walking a directory: those are
/// skipped silently when they are not a known document.
#[derive(Clone, Debug)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub explicit: bool,
    /// Read from standard input: `--fix` prints its fixed text instead of writing a file.
    pub stdin: bool,
}

/// Extensions of files a directory walk considers (content decides what they are).
const WALKED_EXTENSIONS: &[&str] = super::EXTENSIONS;

/// The largest file read unless told otherwise (`--max-file-size`): 64 MiB.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Reads every path with the default size limit; see [`collect_limited`].
#[must_use]
pub fn collect(paths: &[String], stdin_name: Option<&str>) -> (Vec<Input>, Vec<Error>) {
    collect_limited(paths, stdin_name, DEFAULT_MAX_FILE_SIZE)
}

/// Reads every path; a path that cannot be read (missing, not a regular file or directory, larger
/// than `max_file_size` bytes) is an error beside the inputs that could.
#[must_use]
pub fn collect_limited(paths: &[String], stdin_name: Option<&str>, max_file_size: u64) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path == "-" {
            match read_limited(std::io::stdin().lock(), max_file_size, 0) {
                Ok(Some(bytes)) => {
                    let name = stdin_name.unwrap_or("<stdin>").to_owned();
                    inputs.push(Input { name, bytes, explicit: true, stdin: true });
                }
                Ok(None) => errors.push(too_large("<stdin>", None, max_file_size)),
                Err(error) => errors.push(Error::io("<stdin>", &error)),
            }
            continue;
        }
        // Follows a symlink: a link to a file is that file.
        match std::fs::metadata(path) {
            Ok(metadata) if metadata.is_dir() => walk(path, max_file_size, &mut inputs, &mut errors),
            Ok(metadata) => match read_file(Path::new(path), &metadata, max_file_size) {
                Ok(bytes) => inputs.push(Input { name: display(path), bytes, explicit: true, stdin: false }),
                Err(error) => errors.push(error.into_error(path)),
            },
            Err(error) => errors.push(Error::io(path, &error)),
        }
    }
    (inputs, errors)
}

fn walk(root: &str, max_file_size: u64, inputs: &mut Vec<Input>, errors: &mut Vec<Error>) {
    let mut found = Vec::new();
    // Links are not followed into directories, so no cycle of links can make the walk loop; a
    // link to a regular file is linted as that file.
    for entry in ignore::WalkBuilder::new(root).require_git(false).follow_links(false).build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                errors.push(Error::Io { path: root.to_owned(), reason: error.to_string() });
                continue;
            }
        };
        let path = entry.path();
        let wanted_name = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| WALKED_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
        let Some(kind) = entry.file_type() else { continue };
        if !wanted_name || kind.is_dir() {
            continue;
        }
        if kind.is_file() {
            found.push(path.to_path_buf());
        } else if kind.is_symlink() && std::fs::metadata(path).is_ok_and(|target| target.is_file()) {
            // A dangling link, or one to a directory, a FIFO or a device, is not a file of ours.
            found.push(path.to_path_buf());
        }
    }
    found.sort();
    // Reading thousands of small files is bound by system calls: spread them over the cores.
    let read: Vec<(String, Result<Vec<u8>, ReadError>)> = crate::parallel::map(found, |path| {
        let read =
            std::fs::metadata(&path).map_err(ReadError::Io).and_then(|meta| read_file(&path, &meta, max_file_size));
        (display(&path.to_string_lossy()), read)
    });
    for (name, read) in read {
        match read {
            Ok(bytes) => inputs.push(Input { name, bytes, explicit: false, stdin: false }),
            Err(error) => errors.push(error.into_error(&name)),
        }
    }
}

enum ReadError {
    Io(std::io::Error),
    NotAFile(&'static str),
    TooLarge { size: Option<u64>, limit: u64 },
}

impl ReadError {
    fn into_error(self, path: &str) -> Error {
        match self {
            Self::Io(error) => Error::io(path, &error),
            Self::NotAFile(kind) => {
                Error::Io { path: path.to_owned(), reason: format!("it is {kind}, not a regular file or a directory") }
            }
            Self::TooLarge { size, limit } => too_large(path, size, limit),
        }
    }
}

/// Reads a regular file of at most `limit` bytes, after checking both from `metadata`.
fn read_file(path: &Path, metadata: &Metadata, limit: u64) -> Result<Vec<u8>, ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(kind_of(metadata)));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { size: Some(metadata.len()), limit });
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // The file may have grown since its metadata was read.
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    read_limited(file, limit, expected).map_err(ReadError::Io)?.ok_or(ReadError::TooLarge { size: None, limit })
}

/// Everything `reader` holds, or `None` when that is more than `limit` bytes. `expected` is the
/// size the file said it had: the buffer is that large from the start (one byte more, so that
/// reaching the end needs no second allocation).
fn read_limited(reader: impl Read, limit: u64, expected: usize) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    reader.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn too_large(path: &str, size: Option<u64>, limit: u64) -> Error {
    let size = size.map_or_else(|| "larger".to_owned(), |size| format!("{} ({size} bytes), larger", human_size(size)));
    Error::Io { path: path.to_owned(), reason: format!("the file is {size} than the limit of {}", limit_text(limit)) }
}

fn limit_text(limit: u64) -> String {
    format!("{} ({limit} bytes); raise it with --max-file-size, e.g. --max-file-size 256M", human_size(limit))
}

/// Sizes as people read them: `200 MiB`, `1.5 GiB`, `512 bytes`.
#[must_use]
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if (value - value.round()).abs() < 0.05 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// Parses a size: bytes, or a number with a suffix: `K`/`KiB`, `M`/`MiB`, `G`/`GiB` (powers of
/// 1024) or `KB`, `MB`, `GB` (powers of 1000), any letter case.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits);
    let number: u64 = number.parse().map_err(|_| format!("`{text}` is not a size such as 1048576, 200M or 64MiB"))?;
    let factor: u64 = match suffix.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => return Err(format!("unknown size unit `{other}`: use K, M, G (KiB, MiB, GiB) or KB, MB, GB")),
    };
    number.checked_mul(factor).ok_or_else(|| format!("`{text}` is too large"))
}

fn kind_of(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
    }
    let _ = metadata;
    "a special file"
}

/// Paths as users read them: `/` separators, no leading `./`.
fn display(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").map_or(path.clone(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("200M"), Ok(200 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1gb"), Ok(1_000_000_000));
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999999G").is_err());
    }

    #[test]
    fn sizes_print_in_binary_units() {
        assert_eq!(human_size(200 << 20), "200 MiB");
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
