//! Expressions per second: parsing alone, and parsing plus every expression check (X2xx, T108,
//! T109) over the To App mappings of one file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use scimlint::checks::{CHECKS, Ctx, Scene, SharedTexts};
use scimlint::model::{Kind, Setup};
use scimlint::ruleset::apps::App;
use scimlint::ruleset::{Okta, Target};
use scimlint::settings::OrgFacts;
use scimlint::source::{self as load, Syntax};
use scimlint::{Code, SourceFile};

/// Expressions as they appear in real exports: attributes, template defaults, string functions,
/// group conditionals, and a few mistakes for the checks to report.
const CORPUS: &[&str] = &[
    "user.firstName",
    "user.lastName",
    "user.email",
    "(user.email != null && user.email != '') ? 'work' : ''",
    "user.firstName + \" \" + user.lastName",
    "String.toUpperCase(user.organization)",
    "String.substringBefore(user.email, \"@\")",
    "user.countryCode == 'US' ? 'AMER' : 'EMEA'",
    "String.stringSwitch(user.countryCode, 'Global', 'US', 'AMER', 'DE', 'EMEA', 'FR', 'EMEA')",
    "isMemberOfGroupName('Okta EMEA') ? 'EMEA' : 'Global'",
    "user.employeeNumber != \"\" AND user.employeeNumber != null ? user.employeeNumber : user.costCenter",
    "user.department ?: 'None'",
    "Iso3166Convert.toName(user.countryCode)",
    "String.len(user.department) > 0 ? user.department : 'None'",
    "getManagerUser(\"active_directory\").email",
    "user.fistName",
    "toUpperCase(user.lastName)",
    "String.substring(user.state, 0)",
    "user.profile.city",
    "String.toUpperCase(user.firstName",
];

const ATTRIBUTES: [&str; 8] =
    ["givenName", "familyName", "locality", "region", "country", "department", "division", "organization"];

/// The first expressions of [`CORPUS`] draw no finding; the last five each draw one or more.
const CLEAN: usize = 15;

/// An update body with `count` entries, cycling through `corpus` and Haiilo's attributes.
fn export(count: usize, corpus: &[&str]) -> String {
    let entries: Vec<String> = (0..count)
        .map(|index| {
            let attribute = ATTRIBUTES[index % ATTRIBUTES.len()];
            let expression = serde_json::to_string(corpus[index % corpus.len()]).unwrap();
            format!("\"{attribute}{index}\": {{\"expression\": {expression}, \"pushStatus\": \"PUSH\"}}")
        })
        .collect();
    format!("{{\"properties\": {{{}}}}}", entries.join(",\n"))
}

fn expressions(c: &mut Criterion) {
    let mut group = c.benchmark_group("expressions");
    group.throughput(Throughput::Elements(CORPUS.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in CORPUS {
                let _ = black_box(scimlint::expr::parse(black_box(text)));
            }
        });
    });

    let count = 2_000;
    group.throughput(Throughput::Elements(count as u64));
    for (label, corpus) in [("parse and check, 25% faulty", CORPUS), ("parse and check, clean", &CORPUS[..CLEAN])] {
        let text = export(count, corpus);
        let root = load::parse(&text, Syntax::Json).unwrap();
        let mut setup = Setup::default();
        for part in scimlint::model::read::read(0, &text, &root, Kind::UpdateBody) {
            setup.mappings.extend(part.setup.mappings);
        }
        // The attribute keys carry an index so they stay distinct; checks look them up by name.
        for entry in &mut setup.mappings[0].entries {
            entry.attribute = entry.attribute.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
        }
        let files = vec![SourceFile::new("bench.json", text.clone())];
        let target = Target::load("haiilo").unwrap();
        let org =
            OrgFacts { groups: Some(vec!["Global".into(), "AMER".into(), "EMEA".into()]), custom_attributes: None };
        let okta = Okta::load().unwrap();
        let checks: Vec<_> = CHECKS
            .iter()
            .filter(|check| check.code.as_str().starts_with('X') || matches!(check.code, Code::T108 | Code::T109))
            .collect();
        group.bench_function(label, |b| {
            b.iter(|| {
                let scene = Scene {
                    files: &files,
                    documents: &[],
                    setup: &setup,
                    target: &target,
                    okta: &okta,
                    org: &org,
                    unused: &[],
                    app: &App::unnamed(),
                    users: None,
                    shared: &SharedTexts::default(),
                };
                let mut ctx = Ctx::new(scene);
                for check in &checks {
                    (check.run)(&mut ctx);
                }
                black_box(ctx.into_findings())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, expressions);
criterion_main!(benches);
