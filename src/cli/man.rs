//! `scimlint man`: a man page for scimlint and one for each subcommand (`scimlint-check(1)`, …),
//! each with an EXIT STATUS section; the same exit codes end each command's `--help`.

use std::io::Write;
use std::path::PathBuf;

use scimlint::error::Error;

use super::Failure;

/// The exit codes of `check` (and of the top-level command, whose main use it is).
pub const EXIT_STATUS_CHECK: &str = "\
Exit status:
  0  no finding at or above --fail-on (or --exit-zero, or --write-baseline)
  1  at least one finding at or above --fail-on
  2  scimlint could not do its job: bad usage, an unreadable path, a broken config or baseline,
     no lintable file";

pub const EXIT_STATUS_TABLE: &str = "\
Exit status:
  0  drawn, and no finding at or above --fail-on
  1  drawn, with a finding at or above --fail-on
  2  nothing drawn: bad usage, an unreadable file, a broken config or target profile";

pub const EXIT_STATUS_PREVIEW: &str = "\
Exit status:
  0  previewed (findings are marked, never a failure: `check --users` is the gate)
  2  nothing or not everything previewed: bad usage, an unreadable mapping or users file, no
     To App mapping or several apps' mappings";

pub const EXIT_STATUS_PULL: &str = "\
Exit status:
  0  exported (with --check: and nothing at or above --fail-on)
  1  with --check: a finding at or above --fail-on
  2  nothing or not everything exported: bad usage, no token, a network or API error";

pub const EXIT_STATUS_SERVER: &str = "\
Exit status:
  0  the client sent shutdown, then exit
  1  the client sent exit without shutdown, or closed the connection first
  2  bad usage, or the connection broke";

pub const EXIT_STATUS_INFO: &str = "\
Exit status:
  0  printed
  2  bad usage, or an unknown rule, target or subcommand";

/// Escapes text for roff: a backslash, and a dot or quote that would start a request.
fn roff_text(line: &str) -> String {
    let line = line.replace('\\', "\\e").replace('-', "\\-");
    if line.starts_with(['.', '\'']) { format!("\\&{line}") } else { line }
}

/// The EXIT STATUS section from a command's `Exit status:` text: one tagged paragraph per code.
fn exit_status(text: &str) -> String {
    let mut roff = String::from(".SH \"EXIT STATUS\"\n");
    for line in text.lines().skip(1) {
        let line = line.trim();
        match line.split_once("  ") {
            Some((code, what)) if code.chars().all(|c| c.is_ascii_digit()) => {
                roff.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_text(what.trim())));
            }
            // A continuation line of the code above.
            _ => roff.push_str(&format!("{}\n", roff_text(line))),
        }
    }
    roff
}

/// One page: clap_mangen's, with EXIT STATUS in place of its generic EXTRA section (the
/// `Exit status:` text that ends the command's `--help`).
fn page(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let source = format!("scimlint {}", env!("CARGO_PKG_VERSION"));
    let mut roff = Vec::new();
    clap_mangen::Man::new(command.clone()).source(source).render(&mut roff)?;
    let roff = String::from_utf8_lossy(&roff);
    let Some(text) = command.get_after_help().map(ToString::to_string) else {
        return out.write_all(roff.as_bytes());
    };
    let Some(start) = roff.find(".SH EXTRA\n") else { return out.write_all(roff.as_bytes()) };
    let rest = &roff[start + 1..];
    let end = rest.find("\n.SH ").map_or(roff.len(), |at| start + 1 + at + 1);
    out.write_all(roff[..start].as_bytes())?;
    out.write_all(exit_status(&text).as_bytes())?;
    out.write_all(roff[end..].as_bytes())
}

pub fn man(
    mut command: clap::Command,
    subcommand: Option<&str>,
    out_dir: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    // Building names the subcommands `scimlint-check` and so on, as their pages are called.
    command = command.disable_help_subcommand(true);
    command.build();
    if let Some(dir) = out_dir {
        let written = |path: &PathBuf, error: std::io::Error| Error::Write {
            path: path.to_string_lossy().into_owned(),
            reason: error.to_string(),
        };
        let mut pages = vec![command.clone()];
        pages.extend(command.get_subcommands().filter(|sub| !sub.is_hide_set()).cloned());
        for page_of in &pages {
            let name = page_of.get_display_name().unwrap_or_else(|| page_of.get_name());
            let path = dir.join(format!("{name}.1"));
            let mut text = Vec::new();
            page(page_of, &mut text)?;
            std::fs::write(&path, text).map_err(|error| written(&path, error))?;
            writeln!(out, "{}", path.display())?;
        }
        return Ok(0);
    }
    let shown = match subcommand {
        None => &command,
        Some(name) => match command.find_subcommand(name) {
            Some(found) => found,
            None => {
                let known: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
                let message = format!("no subcommand `{name}`; one of: {}", known.join(", "));
                // A usage error, printed and exiting 2 as clap's own are.
                command.clone().error(clap::error::ErrorKind::InvalidValue, message).exit()
            }
        },
    };
    page(shown, out)?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::exit_status;

    #[test]
    fn exit_codes_become_tagged_paragraphs() {
        let roff = exit_status("Exit status:\n  0  ok\n  2  bad -x\n     or worse");
        assert_eq!(roff, ".SH \"EXIT STATUS\"\n.TP\n\\fB0\\fR\nok\n.TP\n\\fB2\\fR\nbad \\-x\nor worse\n");
    }
}
