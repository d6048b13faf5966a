//! The fuzz targets' bodies (`scimlint::fuzz_bodies`) over the seed corpus (every file under
//! `fixtures/`), simple mutations of it, and every crash input the fuzzers ever found
//! (`fuzz/regressions/<target>/`), so that a regression fails `cargo test` without a fuzzer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use scimlint::fuzz_bodies;

type Body = fn(&[u8]);

const LOADERS: [(&str, Body); 4] = [
    ("json_loader", fuzz_bodies::json_loader),
    ("yaml_loader", fuzz_bodies::yaml_loader),
    ("hcl_loader", fuzz_bodies::hcl_loader),
    ("expression", fuzz_bodies::expression),
];

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn seeds() -> Vec<(PathBuf, Vec<u8>)> {
    let files = files_under(&common::root().join("fixtures"));
    assert!(files.len() > 50, "the seed corpus is fixtures/: {} files", files.len());
    files.into_iter().map(|path| (path.clone(), std::fs::read(&path).unwrap())).collect()
}

/// The file, every 7th-byte truncation of it, and one flipped byte at a few places.
fn mutations(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![bytes.to_vec()];
    out.extend((0..bytes.len()).step_by(7).map(|end| bytes[..end].to_vec()));
    for at in [bytes.len() / 3, bytes.len() / 2, bytes.len().saturating_sub(2)] {
        if at < bytes.len() {
            let mut flipped = bytes.to_vec();
            flipped[at] ^= 0x80;
            out.push(flipped);
        }
    }
    out
}

fn run(name: &str, body: Body, data: &[u8], origin: &Path) {
    let outcome = std::panic::catch_unwind(|| body(data));
    assert!(outcome.is_ok(), "{name} panicked on {} ({} bytes)", origin.display(), data.len());
}

#[test]
fn loaders_survive_the_seed_corpus_and_its_mutations() {
    seeds().par_iter().for_each(|(path, bytes)| {
        for data in mutations(bytes) {
            for (name, body) in LOADERS {
                run(name, body, &data, path);
            }
        }
    });
}

#[test]
fn the_pipeline_survives_the_seed_corpus_and_some_mutations() {
    seeds().par_iter().for_each(|(path, bytes)| {
        // The whole pipeline is slower: the file, a few truncations and the flips.
        let mutations = mutations(bytes);
        let step = (mutations.len() / 8).max(1);
        for data in mutations.iter().step_by(step) {
            run("pipeline", fuzz_bodies::pipeline, data, path);
        }
    });
}

#[test]
fn every_crash_the_fuzzers_found_stays_fixed() {
    let dir = common::root().join("fuzz").join("regressions");
    let bodies: [(&str, Body); 5] =
        [LOADERS[0], LOADERS[1], LOADERS[2], LOADERS[3], ("pipeline", fuzz_bodies::pipeline)];
    for (name, body) in bodies {
        for path in files_under(&dir.join(name)) {
            // Some were hangs (exponential backtracking): each must also end quickly.
            let started = std::time::Instant::now();
            run(name, body, &std::fs::read(&path).unwrap(), &path);
            assert!(started.elapsed().as_secs() < 5, "{name} took {:?} on {}", started.elapsed(), path.display());
        }
    }
}
