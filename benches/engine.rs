//! The engine in-process: the parse alone, one typical export, a 1,000-attribute export, and the
//! human rendering of its findings. Whole-process timings against the parse floor are in
//! bench/run.sh (hyperfine).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scimlint::render::{self, Format, HumanOptions};
use scimlint::ruleset::target::Target;
use scimlint::settings::Settings;
use scimlint::source::Input;
use scimlint::source::{Syntax, parse};
use scimlint::{Linter, Report};

fn linter() -> Linter {
    Linter::new(Target::load("haiilo").unwrap(), Settings::default()).unwrap()
}

fn lint(linter: &Linter, name: &str, text: &str) -> Report {
    linter.lint(vec![Input { name: name.to_owned(), bytes: text.as_bytes().to_vec(), explicit: true, stdin: false }])
}

/// A 12-attribute export like the corpus generator's, built here so the benchmark needs no files.
fn typical() -> String {
    let mut properties = Vec::new();
    for (name, expression) in [
        ("givenName", "user.firstName"),
        ("familyName", "user.lastName"),
        ("locality", "user.city"),
        ("region", "user.state"),
        ("country", "user.countryCode"),
        ("department", "user.department"),
        ("division", "user.division"),
        ("organization", "user.organization"),
        ("email", "user.email"),
        ("title", "user.title"),
        ("displayName", "user.firstName + \\\" \\\" + user.lastName"),
        ("primaryEmailType", "(user.email != null && user.email != '') ? 'work' : ''"),
    ] {
        properties
            .push(format!("    \"{name}\": {{ \"expression\": \"{expression}\", \"pushStatus\": \"DONT_PUSH\" }}"));
    }
    format!(
        "{{\n  \"id\": \"prm1bench\",\n  \"source\": {{ \"id\": \"oty1\", \"name\": \"user\", \"type\": \"user\" }},\n  \"target\": {{ \"id\": \"0oa1bench\", \"name\": \"haiilo_scim\", \"type\": \"appuser\" }},\n  \"properties\": {{\n{}\n  }}\n}}\n",
        properties.join(",\n")
    )
}

fn large(mappings: usize) -> String {
    let one = typical();
    format!("[\n{}\n]\n", vec![one.trim_end(); mappings].join(",\n"))
}

fn benches(c: &mut Criterion) {
    let linter = linter();
    let typical = typical();
    let mut group = c.benchmark_group("engine");
    group.throughput(Throughput::Bytes(typical.len() as u64));
    group.bench_function("parse typical export", |b| b.iter(|| parse(&typical, Syntax::Json).unwrap()));
    group.bench_function("lint typical export", |b| b.iter(|| lint(&linter, "typical.json", &typical)));
    let big = large(84);
    group.throughput(Throughput::Elements(84 * 12));
    group.bench_function("lint 1,000-attribute export", |b| b.iter(|| lint(&linter, "large.json", &big)));
    let report = lint(&linter, "large.json", &big);
    group.throughput(Throughput::Elements(report.findings.len() as u64));
    group.bench_function("render the 1,000-attribute export's findings (human)", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            render::render(&report, Format::Human, &HumanOptions::default(), &mut out).unwrap();
            out
        });
    });
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
