//! The bodies of the fuzz targets under `fuzz/`, shared with `tests/fuzz_bodies.rs` so that the
//! seed corpus and every crash ever found run in `cargo test` without a fuzzer.
//!
//! Each body takes arbitrary bytes and panics only when scimlint misbehaves: a span that does not
//! index the text, a fix that breaks a file that parsed, or a panic anywhere below.

use std::sync::OnceLock;

use crate::engine::Linter;
use crate::render::{self, Format, HumanOptions};
use crate::ruleset::target::Target;
use crate::settings::Settings;
use crate::source::Input;
use crate::source::Span;
use crate::source::tree::{Node, Value};
use crate::source::{self, Syntax};

/// Bytes → text → tree for JSON.
pub fn json_loader(data: &[u8]) {
    loader(data, Syntax::Json);
}

/// Bytes → text → tree for YAML.
pub fn yaml_loader(data: &[u8]) {
    loader(data, Syntax::Yaml);
}

/// Bytes → text → tree for Terraform HCL.
pub fn hcl_loader(data: &[u8]) {
    loader(data, Syntax::Hcl);
}

fn loader(data: &[u8], syntax: Syntax) {
    let (text, error) = source::decode(data.to_vec());
    if let Some(error) = error {
        assert_span(&text, error.span, "decode error");
        return;
    }
    match source::parse(&text, syntax) {
        Ok(root) => assert_node(&text, &root),
        Err(error) => assert_span(&text, error.span, "syntax error"),
    }
}

/// Text → expression: every node and error span indexes the text, and a parsed expression,
/// printed, parses again.
pub fn expression(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match crate::expr::parse(&text) {
        Ok(expr) => {
            expr.walk(&mut |node| assert_span(&text, node.span, "expression node"));
            let printed = crate::expr::print(&expr);
            let reparsed = crate::expr::parse(&printed);
            assert!(reparsed.is_ok(), "{text:?} printed as {printed:?}, which does not parse: {reparsed:?}");
        }
        Err(error) => {
            assert_span(&text, error.span, "expression error");
            if let Some((span, _)) = error.secondary {
                assert_span(&text, span, "expression error's second label");
            }
        }
    }
}

/// The names the pipeline lints the bytes under, one per syntax.
pub const PIPELINE_NAMES: [&str; 3] = ["fuzz.json", "fuzz.scimlint.yaml", "main.tf"];

/// Lints the bytes as a JSON export, a manifest and a Terraform file; renders every report as
/// people and machines read it; plans and applies every fix, and checks that the fixed text of an
/// input that parsed still parses.
pub fn pipeline(data: &[u8]) {
    let linter = linter();
    for name in PIPELINE_NAMES {
        let report =
            linter.lint(vec![Input { name: name.to_owned(), bytes: data.to_vec(), explicit: true, stdin: false }]);
        for finding in &report.findings {
            let text = &report.files[finding.file].text;
            assert_span(text, finding.span, "finding");
            for label in &finding.related {
                assert_span(&report.files[label.file].text, label.span, "related label");
            }
        }
        for format in [Format::Human, Format::Concise, Format::Json, Format::Sarif] {
            let mut out = Vec::new();
            let rendered = render::render(&report, format, &HumanOptions::default(), &mut out);
            assert!(rendered.is_ok(), "rendering to memory failed");
        }
        let Some(source) = report.files.first() else { continue };
        let syntax = Syntax::guess(&source.name, &source.text);
        let parsed = source::decode(data.to_vec()).1.is_none() && source::parse(&source.text, syntax).is_ok();
        for unsafe_fixes in [false, true] {
            // Applying everything at once may clash; it must not panic.
            let _ = crate::finding::apply(&source.text, 0, &report.findings, unsafe_fixes);
            for plan in crate::engine::plan(linter, &report, unsafe_fixes) {
                assert!(plan.applied > 0, "a plan that applies nothing");
                if parsed {
                    let reparsed = source::parse(&plan.fixed, syntax);
                    assert!(reparsed.is_ok(), "the fix broke {name}: {reparsed:?}\n{}", plan.fixed);
                }
            }
        }
    }
}

/// One linter for every run: compiling the schemas is the slow part.
fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        match Target::load("haiilo")
            .and_then(|target| Linter::new(target, Settings::default()).map_err(crate::Error::from))
        {
            Ok(linter) => linter,
            Err(error) => panic!("the built-in target and schemas load: {error}"),
        }
    })
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what} span {span:?} does not index a text of {} bytes",
        text.len()
    );
}

fn assert_node(text: &str, node: &Node) {
    // A worklist, not recursion: the tree may be as deep as the loaders allow.
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        assert_span(text, node.span, "node");
        match &node.value {
            Value::Array(items) => stack.extend(items),
            Value::Object(members) => {
                for member in members {
                    assert_span(text, member.key_span, "key");
                    stack.push(&member.value);
                }
            }
            _ => {}
        }
    }
}
