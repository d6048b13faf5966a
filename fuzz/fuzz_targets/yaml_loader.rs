#![no_main]

use libfuzzer_sys::fuzz_target;

// The body is shared with tests/fuzz_bodies.rs, which runs it over the seed corpus in `cargo test`.
fuzz_target!(|data: &[u8]| scimlint::fuzz_bodies::yaml_loader(data));
