#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use super::*;

fn files(files: &[(&str, &str)]) -> Input {
    let files = files
        .iter()
        .enumerate()
        .map(|(id, (name, text))| SourceFile { id, name: (*name).to_owned(), text: (*text).to_owned() })
        .collect();
    Input { files, cli: Vec::new() }
}

fn run(main: &str) -> Evaluation {
    evaluate(&files(&[("main.tf", main)]), &mut NoModules)
}

/// The value of attribute `v` of the first resource.
fn attribute(evaluation: &Evaluation) -> Value {
    evaluation.resources.first().and_then(|r| r.values.get("v")).cloned().unwrap()
}

fn value_of(expr: &str) -> Value {
    attribute(&run(&format!("resource \"t_x\" \"y\" {{\n  v = {expr}\n}}\n")))
}

fn json(value: &Value) -> String {
    match &value.kind {
        Kind::Null => "null".into(),
        Kind::Bool(flag) => flag.to_string(),
        Kind::Number(text) => text.clone(),
        Kind::String(text) => format!("{text:?}"),
        Kind::List(items) | Kind::Set(items) => format!("[{}]", items.iter().map(json).collect::<Vec<_>>().join(",")),
        Kind::Object(members) => {
            let mut members: Vec<&Member> = members.iter().collect();
            members.sort_by(|a, b| a.key.cmp(&b.key));
            format!(
                "{{{}}}",
                members.iter().map(|m| format!("{:?}:{}", m.key, json(&m.value))).collect::<Vec<_>>().join(",")
            )
        }
        Kind::Reference(reference) => format!("<{}>", reference.text()),
        Kind::Unknown(unknown) => format!("<unknown: {}>", unknown.reason),
    }
}

#[test]
fn expressions_evaluate_as_terraform_evaluates_them() {
    let table = [
        (r#""user.${"firstName"}""#, r#""user.firstName""#),
        (r#""$${source.login}""#, r#""${source.login}""#),
        (r#"jsonencode({ b = "<x>", a = 1 })"#, r#""{\"a\":1,\"b\":\"\\u003cx\\u003e\"}""#),
        (r#"true ? "a" : "b""#, r#""a""#),
        ("[for x in [1, 2, 3] : x * 2 if x > 1]", "[4,6]"),
        (r#"{ for k, v in { b = 1, a = 2 } : v => k }"#, r#"{"1":"b","2":"a"}"#),
        (r#"lookup({ a = "x" }, "b", "dflt")"#, r#""dflt""#),
        (r#"merge({ a = 1, b = 2 }, { b = 3 })"#, r#"{"a":1,"b":3}"#),
        (r#"concat(["a"], ["b", "c"])"#, r#"["a","b","c"]"#),
        (r#"coalesce("", "x")"#, r#""x""#),
        (r#"format("%s-%d", "user", 7)"#, r#""user-7""#),
        (r#"lower("GIVENNAME")"#, r#""givenname""#),
        (r#"upper("x")"#, r#""X""#),
        ("tostring(5)", r#""5""#),
        (r#"toset(["b", "a", "b"])"#, r#"["a","b"]"#),
        (r#"keys({ b = 1, a = 2 })"#, r#"["a","b"]"#),
        (r#"values({ b = 1, a = 2 })"#, "[2,1]"),
        (r#"length(["a", "b"])"#, "2"),
        (r#"contains(["a"], "a")"#, "true"),
        (r#"try(tonumber("x"), "fallback")"#, r#""fallback""#),
        (r#"join(",", [for s in ["a", "b"] : upper(s)])"#, r#""A,B""#),
        (r#""%{ for s in ["a", "b"] }${s};%{ endfor }""#, r#""a;b;""#),
        ("10 / 4", "2.5"),
    ];
    for (expr, expected) in table {
        assert_eq!(json(&value_of(expr)), expected, "{expr}");
    }
}

#[test]
fn the_walk_agrees_with_hcl_rs_on_known_values() {
    use hcl::eval::Evaluate as _;
    for expr in [
        r#"merge({ a = "1" }, { b = [for x in ["p", "q"] : upper(x)] })"#,
        r#"concat(["a"], tolist(toset(["c", "b"])))"#,
        r#"{ for k, v in { x = "1", y = "2" } : k => "${v}!" }"#,
        r#"true ? lookup({ k = ["v"] }, "k") : []"#,
    ] {
        let walked = plain::to_plain(&value_of(expr)).unwrap();
        let parsed: hcl::Expression = hcl_edit::parser::parse_expr(expr).unwrap().into();
        let mut context = hcl::eval::Context::new();
        let names: Vec<String> = ["merge", "upper", "concat", "tolist", "toset", "lookup"].map(str::to_owned).to_vec();
        functions::declare(&mut context, &names);
        assert_eq!(walked, parsed.evaluate(&context).unwrap(), "{expr}");
    }
}

#[test]
fn literals_are_verbatim_and_computations_are_not() {
    let text = "locals {\n  attr = \"firstName\"\n}\nresource \"t_x\" \"y\" {\n  v = local.attr\n  w = \"user.${local.attr}\"\n  u = \"$${source.login}\"\n}\n";
    let evaluation = run(text);
    let values = &evaluation.resources[0].values;
    let span_text = |value: &Value| {
        let location = value.origin.place.location().unwrap();
        &text[location.span.start..location.span.end]
    };
    let v = values.get("v").unwrap();
    assert_eq!((span_text(v), v.origin.exactness), ("\"firstName\"", Exactness::Verbatim));
    let w = values.get("w").unwrap();
    assert_eq!(
        (w.as_str(), span_text(w), w.origin.exactness),
        (Some("user.firstName"), "\"user.${local.attr}\"", Exactness::Computed)
    );
    let u = values.get("u").unwrap();
    assert_eq!((u.as_str(), u.origin.exactness), (Some("${source.login}"), Exactness::Verbatim));
}

#[test]
fn ids_stay_references_and_other_computed_attributes_are_unknown() {
    let evaluation = run(concat!(
        "data \"okta_group\" \"g\" {\n  name = \"Everyone\"\n}\n",
        "resource \"okta_app_saml\" \"a\" {\n  label = \"A\"\n}\n",
        "resource \"t_x\" \"y\" {\n  v = okta_app_saml.a.id\n  w = data.okta_group.g.id\n",
        "  u = data.okta_group.g.name\n  n = okta_app_saml.a.name\n  l = okta_app_saml.a.label\n}\n",
    ));
    let values = &evaluation.resources[1].values;
    assert_eq!(
        values.get("v").and_then(Value::as_reference).map(Reference::text).as_deref(),
        Some("okta_app_saml.a.id")
    );
    assert_eq!(
        values.get("w").and_then(Value::as_reference).map(Reference::text).as_deref(),
        Some("data.okta_group.g.id")
    );
    for key in ["u", "n"] {
        let cause = values.get(key).and_then(Value::as_unknown).map(|u| u.cause.clone());
        assert!(matches!(cause, Some(Cause::Computed { .. })), "{key}: {cause:?}");
    }
    assert_eq!(values.get("l").and_then(Value::as_str), Some("A"));
}

#[test]
fn a_function_scimlint_lacks_is_named() {
    let value = value_of(r#"sha256("x")"#);
    assert_eq!(value.as_unknown().map(|u| u.cause.clone()), Some(Cause::Function { name: "sha256".into() }));
}

#[test]
fn for_each_of_a_list_is_refused_like_terraform() {
    let evaluation = run("resource \"t_x\" \"y\" {\n  for_each = [\"a\"]\n  v = each.key\n}\n");
    assert!(evaluation.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Invalid && d.message.contains("toset")));
}

fn assert_bounded(started: Instant, evaluation: &Evaluation, kind: DiagnosticKind) {
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert!(evaluation.diagnostics.iter().any(|d| d.kind == kind), "{:?}", evaluation.diagnostics);
}

#[test]
fn deep_for_nesting_hits_a_limit() {
    // hcl-edit refuses more than 64 nested levels; below that, the work budget stops it.
    for (levels, kind) in [(80, DiagnosticKind::Syntax), (60, DiagnosticKind::Limit)] {
        let mut expr = "x0".to_owned();
        for level in 0..levels {
            expr = format!("[for x{} in [1, 2] : {expr}]", level + 1);
        }
        let started = Instant::now();
        let evaluation = run(&format!("resource \"t_x\" \"y\" {{\n  v = {expr}\n}}\n"));
        assert_bounded(started, &evaluation, kind);
    }
    let mut wide = "1".to_owned();
    for level in 0..12 {
        wide = format!("[for x{level} in [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : {wide}]");
    }
    let started = Instant::now();
    let evaluation = run(&format!("resource \"t_x\" \"y\" {{\n  v = {wide}\n}}\n"));
    assert_bounded(started, &evaluation, DiagnosticKind::Limit);
    assert!(matches!(attribute(&evaluation).as_unknown().map(|u| &u.cause), Some(Cause::Limit)));
}

#[test]
fn huge_count_is_not_expanded() {
    let started = Instant::now();
    let evaluation = run("resource \"okta_group\" \"g\" {\n  count = 100000000\n  name = \"g${count.index}\"\n}\n");
    assert_bounded(started, &evaluation, DiagnosticKind::Limit);
    assert_eq!(evaluation.resources.len(), 1);
    assert!(matches!(evaluation.resources[0].key, InstanceKey::Unknown(Unknown { cause: Cause::Limit, .. })));
}

#[test]
fn recursive_locals_are_a_cycle_not_a_hang() {
    let started = Instant::now();
    let evaluation = run(
        "locals {\n  a = local.b\n  b = \"${local.a}x\"\n  c = local.c\n}\nresource \"t_x\" \"y\" {\n  v = local.a\n  w = local.c\n}\n",
    );
    assert_bounded(started, &evaluation, DiagnosticKind::Cycle);
    let values = &evaluation.resources[0].values;
    for key in ["v", "w"] {
        assert!(
            matches!(values.get(key).and_then(Value::as_unknown).map(|u| &u.cause), Some(Cause::Cycle { .. })),
            "{key}"
        );
    }
    assert!(
        evaluation.diagnostics.iter().any(|d| d.message.contains("local.a → local.b → local.a")),
        "{:?}",
        evaluation.diagnostics
    );
}

#[test]
fn exploding_templates_and_lists_hit_a_limit() {
    let mut locals = String::from("locals {\n  s0 = \"xxxxxxxxxxxxxxxx\"\n  l0 = [\"a\", \"b\"]\n");
    for level in 1..48 {
        let previous = level - 1;
        locals.push_str(&format!("  s{level} = \"${{local.s{previous}}}${{local.s{previous}}}\"\n"));
        locals.push_str(&format!("  l{level} = concat(local.l{previous}, local.l{previous})\n"));
    }
    locals.push_str("}\n");
    for attribute in [
        "local.s47",
        "local.l47",
        "\"%{for a in local.l10}%{for b in local.l10}%{for c in local.l10}x%{endfor}%{endfor}%{endfor}\"",
    ] {
        let started = Instant::now();
        let evaluation = run(&format!("{locals}resource \"t_x\" \"y\" {{\n  v = {attribute}\n}}\n"));
        assert_bounded(started, &evaluation, DiagnosticKind::Limit);
    }
}

#[test]
fn a_module_that_calls_itself_stops_at_the_depth_limit() {
    struct Itself;
    impl ModuleLoader for Itself {
        fn load(&mut self, _: &str) -> Result<Vec<SourceFile>, String> {
            Ok(vec![SourceFile {
                id: 1,
                name: "main.tf".into(),
                text: "module \"again\" {\n  source = \"./\"\n}\n".into(),
            }])
        }
    }
    let input = files(&[("main.tf", "module \"m\" {\n  source = \"./m\"\n}\n")]);
    let started = Instant::now();
    let evaluation = evaluate(&input, &mut Itself);
    assert_bounded(started, &evaluation, DiagnosticKind::Limit);
}

#[test]
fn cli_vars_override_var_files_in_command_line_order() {
    let mut input = files(&[
        ("variables.tf", "variable \"a\" {\n  default = \"default\"\n}\nvariable \"l\" {\n  type = list(string)\n}\n"),
        ("main.tf", "resource \"t_x\" \"y\" {\n  v = var.a\n  w = var.l\n}\n"),
        ("terraform.tfvars", "a = \"tfvars\"\nl = []\n"),
    ]);
    input.cli = vec![
        CliVar::Var { name: "a".into(), value: "flag".into() },
        CliVar::File(SourceFile { id: 9, name: "prod.tfvars".into(), text: "a = \"file\"\n".into() }),
        CliVar::Var { name: "l".into(), value: "[\"x\", \"y\"]".into() },
        CliVar::Var { name: "undeclared".into(), value: "1".into() },
    ];
    let evaluation = evaluate(&input, &mut NoModules);
    let values = &evaluation.resources[0].values;
    assert_eq!(values.get("v").and_then(Value::as_str), Some("file"));
    assert_eq!(json(values.get("w").unwrap()), r#"["x","y"]"#);
    assert!(matches!(values.get("w").unwrap().items().unwrap()[1].origin.place, Place::CommandLine { index: 2, .. }));
    assert!(
        evaluation.diagnostics.iter().any(|d| d.kind == DiagnosticKind::Variable && d.message.contains("undeclared"))
    );
}
