//! The `scimlint` command. The command line lives in `cli/`; all checking is in the library.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod cli;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    return_freed_memory_sooner();
    // Compiling the JSON Schemas is the slowest part of a start: it runs beside the argument
    // parsing and the reading of the inputs, and `check` waits for it only when it needs them.
    std::thread::spawn(|| scimlint::ruleset::RuleSet::built_in().is_ok());
    cli::run()
}

/// `mi_option_purge_delay` in mimalloc.h's `mi_option_e`; the crate names only some options.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3 hands freed pages back to the system a second after they are freed, and most runs
/// end sooner: what the parse and the checks had freed was still held while the findings were
/// drawn (a one-line export of 40,000 findings peaked at 2.2x the memory of the parse floor; 1.7x
/// with 50 ms). Sooner costs time: 5 ms made a 26 MB export 17% slower. See BENCHMARKS.md.
/// Only a default: a purge delay the user set in the environment, under any name mimalloc reads
/// (`MIMALLOC_PURGE_DELAY`, its old `MIMALLOC_RESET_DELAY`), wins.
#[allow(unsafe_code)]
fn return_freed_memory_sooner() {
    const PURGE_DELAY_MS: std::ffi::c_long = 50;
    // SAFETY: options are not thread-safe to set; no other thread has started yet.
    unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, PURGE_DELAY_MS) };
}

#[cfg(test)]
mod tests {
    /// Option 15 is the purge delay, as mimalloc 3 numbers its options: it starts at that option's
    /// default of 1,000 ms. A mimalloc that numbered them otherwise would leave it unset, silently.
    #[test]
    #[allow(unsafe_code)]
    fn the_option_set_is_the_purge_delay() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: reading an option; nothing in this test binary sets one.
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) }, 1000);
        }
    }
}
