//! The `scimlint` command. The command line lives in `cli/`; all checking is in the library.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Compiling the JSON Schemas is the slowest part of a start: it runs beside the argument
    // parsing and the reading of the inputs, and `check` waits for it only when it needs them.
    std::thread::spawn(|| scimlint::ruleset::RuleSet::built_in().is_ok());
    cli::run()
}
