#![no_main]

use libfuzzer_sys::fuzz_target;

// The expression parser (`scimlint::expr`, src/expr/) is on another branch. This target builds
// only with `--features expr` once that is merged; it is not in tests/fuzz_bodies.rs until then.
// Whatever the text, parsing returns (an expression or an error) and never panics.
fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = scimlint::expr::parse(text);
    }
});
