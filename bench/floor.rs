//! The parse floor: read every file named (directories walked) and parse it with serde_json,
//! nothing else. scimlint's whole-process time is measured against this in the same run.

use std::path::Path;

fn visit(path: &Path, parsed: &mut usize) -> std::io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)?.filter_map(Result::ok).map(|entry| entry.path()).collect();
        entries.sort();
        for entry in entries {
            visit(&entry, parsed)?;
        }
    } else {
        let bytes = std::fs::read(path)?;
        if serde_json::from_slice::<serde_json::Value>(&bytes).is_ok() {
            *parsed += 1;
        }
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let mut parsed = 0;
    for arg in std::env::args().skip(1) {
        if let Err(error) = visit(Path::new(&arg), &mut parsed) {
            let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{arg}: {error}\n").as_bytes());
            return std::process::ExitCode::from(2);
        }
    }
    std::process::ExitCode::from(u8::from(parsed == 0))
}
