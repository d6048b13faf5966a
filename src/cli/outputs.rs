//! Where a run's reports go: `--format` to stdout, and each `--output FORMAT:PATH` to its file
//! (or stdout for `-`), all rendered from the one report of the one check.

use std::io::Write;
use std::path::PathBuf;

use scimlint::error::Error;
use scimlint::finding::Report;
use scimlint::render::{self, Format, HumanOptions};

use super::{CheckArgs, Failure};

/// One `--output FORMAT:PATH`.
#[derive(Clone, Debug)]
pub struct Output {
    pub format: Format,
    /// `None`: stdout (`-`).
    pub path: Option<PathBuf>,
}

/// Parses `FORMAT:PATH`; the format is everything before the first colon, so a Windows path
/// (`sarif:C:\ci\out.sarif`) keeps its own.
pub fn parse_output(text: &str) -> Result<Output, String> {
    let names = Format::ALL.map(Format::name).join(", ");
    let Some((name, path)) = text.split_once(':') else {
        return Err(format!("`{text}` is not FORMAT:PATH (e.g. sarif:scimlint.sarif, junit:-); formats: {names}"));
    };
    let format = Format::from_name(name).ok_or_else(|| format!("unknown format `{name}`; one of {names}"))?;
    match path {
        "" => Err(format!("`{text}` names no file: write {name}:PATH, or {name}:- for stdout")),
        "-" => Ok(Output { format, path: None }),
        path => Ok(Output { format, path: Some(PathBuf::from(path)) }),
    }
}

/// The format stdout gets: an `--output FORMAT:-`, else `--format`, else none said (human).
/// Two of them would interleave on one stream: that is a usage error.
pub fn stdout_format(args: &CheckArgs) -> Option<Format> {
    let mut to_stdout = args.output.iter().filter(|output| output.path.is_none()).map(|output| output.format);
    let dash = to_stdout.next();
    if to_stdout.next().is_some() || (dash.is_some() && args.format.is_some()) {
        super::usage_error("only one report can go to stdout: give either --format or one --output FORMAT:-");
    }
    let mut paths: Vec<&PathBuf> = args.output.iter().filter_map(|output| output.path.as_ref()).collect();
    paths.sort();
    if let Some(twice) = paths.windows(2).find(|pair| pair[0] == pair[1]) {
        super::usage_error(&format!("two --output reports would write `{}`", twice[0].display()));
    }
    dash.or(args.format)
}

/// Writes each `--output` report that goes to a file.
pub fn write_files(report: &Report, outputs: &[Output], human: &HumanOptions) -> Result<(), Failure> {
    for output in outputs {
        let Some(path) = &output.path else { continue };
        let mut text = Vec::new();
        // A file gets no colour, whatever the terminal.
        let options = HumanOptions { color: false, ..*human };
        render::render(report, output.format, &options, &mut text)?;
        if output.format == Format::Human || output.format == Format::Concise {
            writeln!(text, "{}", render::summary(report))?;
        }
        std::fs::write(path, text)
            .map_err(|error| Error::Write { path: path.to_string_lossy().into_owned(), reason: error.to_string() })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_output;
    use scimlint::render::Format;

    #[test]
    fn outputs_parse_with_a_format_and_a_path() {
        let output = parse_output("sarif:out/scimlint.sarif").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(output.format, Format::Sarif);
        assert_eq!(output.path.as_deref(), Some(std::path::Path::new("out/scimlint.sarif")));
        assert!(parse_output("junit:-").is_ok_and(|output| output.path.is_none()));
        assert!(parse_output("sarif:C:\\ci\\x.sarif").is_ok_and(|output| output.path.is_some()));
        assert!(parse_output("xml:a").is_err_and(|error| error.contains("unknown format `xml`")));
        assert!(parse_output("sarif").is_err_and(|error| error.contains("FORMAT:PATH")));
        assert!(parse_output("sarif:").is_err());
    }
}
