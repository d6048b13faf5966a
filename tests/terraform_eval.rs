//! The Terraform evaluator on the fixture modules of `fixtures/terraform-eval/`: values and the
//! file and line each came from.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use scimlint::source::LineIndex;
use scimlint::terraform::{self, CliVar, Evaluation, Input, ModuleLoader, Place, Resource, SourceFile, Value};

/// Every file read, by id, so that tests can turn spans into lines.
#[derive(Default)]
struct Files {
    by_id: HashMap<usize, (String, String)>,
}

impl Files {
    fn read(&mut self, path: &Path, shown: &str) -> SourceFile {
        let id = self.by_id.len();
        let text = std::fs::read_to_string(path).unwrap();
        self.by_id.insert(id, (shown.to_owned(), text.clone()));
        SourceFile { id, name: path.file_name().unwrap().to_string_lossy().into_owned(), text }
    }

    fn dir(&mut self, dir: &Path, prefix: &str) -> Vec<SourceFile> {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        entries.sort();
        entries
            .iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                self.read(path, &format!("{prefix}{name}"))
            })
            .collect()
    }

    /// `file:line` of a place.
    fn at(&self, place: Place) -> String {
        match place {
            Place::File(location) => {
                let (name, text) = &self.by_id[&location.file];
                let line = LineIndex::new(text).position(text, location.span.start).line;
                format!("{name}:{line}")
            }
            Place::CommandLine { index, .. } => format!("--var #{index}"),
        }
    }

    fn text(&self, place: Place) -> String {
        match place {
            Place::File(location) => self.by_id[&location.file].1[location.span.start..location.span.end].to_owned(),
            Place::CommandLine { .. } => String::new(),
        }
    }
}

struct DirLoader<'f> {
    root: PathBuf,
    files: &'f mut Files,
}

impl ModuleLoader for DirLoader<'_> {
    fn load(&mut self, dir: &str) -> Result<Vec<SourceFile>, String> {
        let path = self.root.join(dir);
        if !path.is_dir() {
            return Err(format!("{} is not a directory", path.display()));
        }
        Ok(self.files.dir(&path, &format!("{dir}/")))
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform-eval").join(name)
}

fn evaluate(name: &str, cli: Vec<CliVar>) -> (Evaluation, Files) {
    evaluate_with(name, cli, Files::default())
}

fn evaluate_with(name: &str, cli: Vec<CliVar>, mut files: Files) -> (Evaluation, Files) {
    let root = fixture(name);
    let input = Input { files: files.dir(&root, ""), cli };
    let mut loader = DirLoader { root, files: &mut files };
    let evaluation = terraform::evaluate(&input, &mut loader);
    (evaluation, files)
}

fn resource<'e>(evaluation: &'e Evaluation, address: &str) -> &'e Resource {
    evaluation.resources.iter().find(|resource| resource.address == address).unwrap_or_else(|| {
        panic!("no {address} in {:?}", evaluation.resources.iter().map(|r| &r.address).collect::<Vec<_>>())
    })
}

/// `(id, expression, push_status, where the expression came from)` of each `mappings` block.
fn entries(files: &Files, mapping: &Resource) -> Vec<(String, String, String, String)> {
    let text = |value: Option<&Value>| match value {
        Some(value) => value.as_str().map_or_else(|| format!("<{}>", value.type_name()), str::to_owned),
        None => "-".to_owned(),
    };
    mapping
        .values
        .blocks("mappings")
        .into_iter()
        .map(|block| {
            let expression = block.get("expression");
            (
                text(block.get("id")),
                text(expression),
                text(block.get("push_status")),
                expression.map_or_else(String::new, |value| files.at(value.origin.place)),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    rows.iter().map(|(a, b, c, d)| ((*a).into(), (*b).into(), (*c).into(), (*d).into())).collect()
}

#[test]
fn dynamic_mappings_come_from_the_tfvars_lines() {
    let (evaluation, files) = evaluate("variables", Vec::new());
    let mapping = resource(&evaluation, "okta_profile_mapping.haiilo");
    assert_eq!(
        entries(&files, mapping),
        owned(&[
            ("givenName", "user.firstName", "PUSH", "terraform.tfvars:2"),
            ("familyName", "user.lastName", "PUSH", "terraform.tfvars:3"),
            ("email", "user.email", "DONT_PUSH", "terraform.tfvars:4"),
            ("country", "user.countryCode", "PUSH", "terraform.tfvars:5"),
        ])
    );
    let first = mapping.values.blocks("mappings")[0];
    let expression = first.get("expression").unwrap();
    assert_eq!(expression.origin.exactness, terraform::Exactness::Verbatim);
    assert_eq!(files.text(expression.origin.place), "\"user.firstName\"");
    // The dynamic block is the related location; the optional() default comes from variables.tf.
    let via = expression.origin.via.unwrap();
    assert_eq!(files.at(Place::File(via)), "main.tf:16");
    assert_eq!(files.text(Place::File(via)), "dynamic \"mappings\"");
    assert_eq!(files.at(first.get("push_status").unwrap().origin.place), "variables.tf:11");
    let target = mapping.values.get("target_id").and_then(Value::as_reference).unwrap();
    assert_eq!(target.text(), "okta_app_saml.haiilo.id");
    let source = mapping.values.get("source_id").and_then(Value::as_reference).unwrap();
    assert_eq!(source.text(), "data.okta_user_profile_mapping_source.user.id");
    assert_eq!(mapping.values.get("always_apply").and_then(Value::as_bool), Some(true));
    assert_eq!(mapping.values.get("delete_when_absent").and_then(Value::as_bool), Some(false));
    let app = resource(&evaluation, "okta_app_saml.haiilo");
    let template = app.values.get("user_name_template").unwrap();
    assert_eq!(
        (template.as_str(), template.origin.exactness),
        (Some("${source.login}"), terraform::Exactness::Verbatim)
    );
    assert_eq!(app.values.get("label").and_then(Value::as_str), Some("Haiilo"));
    assert_eq!(files.at(app.values.get("label").unwrap().origin.place), "variables.tf:3");
    assert!(evaluation.diagnostics.is_empty(), "{:?}", evaluation.diagnostics);
}

#[test]
fn variables_follow_terraform_precedence() {
    let (evaluation, files) = evaluate("precedence", Vec::new());
    let rows = entries(&files, resource(&evaluation, "okta_profile_mapping.haiilo"));
    assert_eq!(
        rows,
        owned(&[
            ("locality", "user.locality", "DONT_PUSH", "terraform.tfvars:1"),
            ("region", "user.a_region", "DONT_PUSH", "a.auto.tfvars:1"),
            ("country", "user.b_country", "DONT_PUSH", "b.auto.tfvars:1"),
        ])
    );
    let mut cli_files = Files::default();
    let extra = fixture("precedence").join("b.auto.tfvars");
    let var_file = cli_files.read(&extra, "b.auto.tfvars");
    let cli = vec![
        CliVar::Var { name: "locality_expression".into(), value: "user.cli_locality".into() },
        CliVar::Var { name: "country_expression".into(), value: "user.cli_country".into() },
        CliVar::File(var_file),
        CliVar::Var { name: "push_status".into(), value: "PUSH".into() },
    ];
    let (evaluation, files) = evaluate_with("precedence", cli, cli_files);
    let rows = entries(&files, resource(&evaluation, "okta_profile_mapping.haiilo"));
    // --var-file after --var country wins; the last flag sets push_status.
    assert_eq!(rows[0].1, "user.cli_locality");
    assert_eq!(rows[0].3, "--var #0");
    assert_eq!((rows[2].1.as_str(), rows[2].3.as_str()), ("user.b_country", "b.auto.tfvars:1"));
    assert_eq!(rows[1].1, "user.a_region");
    assert!(rows.iter().all(|row| row.2 == "PUSH"));
}

#[test]
fn locals_templates_functions_and_for_expressions() {
    let (evaluation, files) = evaluate("locals", Vec::new());
    let mapping = resource(&evaluation, "okta_profile_mapping.haiilo");
    assert_eq!(
        entries(&files, mapping),
        owned(&[
            ("email", "user.email", "DONT_PUSH", "main.tf:6"),
            ("familyName", "user.lastName", "PUSH", "main.tf:5"),
            ("givenName", "user.firstName", "PUSH", "main.tf:4"),
            ("locality", "user.locality", "PUSH", "main.tf:8"),
            ("region", "user.state", "PUSH", "terraform.tfvars:3"),
            ("department", "user.department", "-", "main.tf:12"),
            ("title", "user.title", "-", "main.tf:13"),
        ])
    );
    let given = mapping.values.blocks("mappings")[2].get("expression").unwrap();
    assert_eq!(given.origin.exactness, terraform::Exactness::Computed);
    assert_eq!(files.text(given.origin.place), "\"user.${local.name_attribute}\"");
    let app = resource(&evaluation, "okta_app_saml.haiilo");
    assert_eq!(app.values.get("label").and_then(Value::as_str), Some("Haiilo (STAGING)"));
    assert_eq!(
        app.values.get("app_settings_json").and_then(Value::as_str),
        Some(r#"{"groups":["Everyone","Haiilo Users"],"url":"https://haiilo.example.com"}"#)
    );
}

#[test]
fn references_to_literal_attributes_resolve_and_old_resources_are_read() {
    let (evaluation, files) = evaluate("references", Vec::new());
    let mapping = resource(&evaluation, "okta_profile_mapping.haiilo");
    let rows = entries(&files, mapping);
    assert_eq!(rows[0].0, "favoriteColor");
    assert_eq!(rows[0].1, "user.favoriteColor");
    let id = mapping.values.blocks("mappings")[0].get("id").unwrap();
    assert_eq!(files.at(id.origin.place), "main.tf:15");
    assert_eq!(rows[1].0, "department");
    assert_eq!(files.at(mapping.values.blocks("mappings")[1].get("id").unwrap().origin.place), "main.tf:33");
    for address in [
        "okta_app_user_schema.department",
        "okta_user_schema.cost_center",
        "okta_user_schema_property.favorite_color",
        "okta_app_user_base_schema_property.given_name",
    ] {
        assert!(resource(&evaluation, address).values.get("index").and_then(Value::as_str).is_some(), "{address}");
    }
    let features = resource(&evaluation, "okta_app_features.haiilo_provisioning");
    let profile = features.values.blocks("capabilities")[0].blocks("update")[0].blocks("profile")[0];
    assert_eq!(profile.get("status").and_then(Value::as_str), Some("ENABLED"));
    let app_id = features.values.get("app_id").and_then(Value::as_reference).unwrap();
    assert_eq!(app_id.text(), "okta_app_saml.haiilo.id");
}

#[test]
fn for_each_and_count_expand_with_their_keys() {
    let (evaluation, files) = evaluate("for-each", Vec::new());
    let cost = resource(&evaluation, "okta_app_user_schema_property.custom[\"costCenter\"]");
    assert_eq!(cost.key, terraform::InstanceKey::Key("costCenter".into()));
    let title = cost.values.get("title").unwrap();
    assert_eq!((title.as_str(), files.at(title.origin.place).as_str()), (Some("Cost center"), "terraform.tfvars:3"));
    let scope =
        resource(&evaluation, "okta_app_user_schema_property.custom[\"department\"]").values.get("scope").unwrap();
    assert_eq!((scope.as_str(), files.at(scope.origin.place).as_str()), (Some("NONE"), "variables.tf:4"));
    assert_eq!(files.at(Place::File(title.origin.via.unwrap())), "main.tf:6");
    let second = resource(&evaluation, "okta_group.haiilo[1]");
    assert_eq!(second.values.get("name").and_then(Value::as_str), Some("Haiilo Admins"));
    let rows = entries(&files, resource(&evaluation, "okta_profile_mapping.haiilo"));
    assert_eq!(rows.iter().map(|row| row.0.as_str()).collect::<Vec<_>>(), ["costCenter", "department"]);
}

#[test]
fn local_modules_are_evaluated_with_the_callers_values() {
    let (evaluation, files) = evaluate("module", Vec::new());
    let mapping = resource(&evaluation, "module.haiilo.okta_profile_mapping.to_app");
    assert_eq!(
        entries(&files, mapping),
        owned(&[
            ("familyName", "user.lastName", "PUSH", "terraform.tfvars:3"),
            ("givenName", "user.firstName", "PUSH", "terraform.tfvars:2"),
            ("locality", "user.city", "PUSH", "terraform.tfvars:4"),
        ])
    );
    assert_eq!(mapping.module, "module.haiilo");
    assert_eq!(files.at(Place::File(mapping.module_calls[0])), "main.tf:1");
    let target = mapping.values.get("target_id").and_then(Value::as_reference).unwrap();
    assert_eq!(target.text(), "module.haiilo.okta_app_saml.app.id");
    let team = resource(&evaluation, "okta_app_user_schema_property.team");
    assert_eq!(
        team.values.get("app_id").and_then(Value::as_reference).map(terraform::Reference::text).as_deref(),
        Some("module.haiilo.okta_app_saml.app.id")
    );
    let remote = evaluation.diagnostics.iter().find(|d| d.kind == terraform::DiagnosticKind::Module).unwrap();
    assert!(remote.message.contains("okta-community/apps/okta"), "{}", remote.message);
    assert_eq!(files.at(remote.place.unwrap()), "main.tf:8");
}

#[test]
fn what_cannot_be_evaluated_is_returned_with_its_reason() {
    let (evaluation, files) = evaluate("unknown", Vec::new());
    let mapping = resource(&evaluation, "okta_profile_mapping.haiilo");
    let blocks = mapping.values.blocks("mappings");
    // The dynamic block's entries: one unknown entry, not nothing.
    let dynamic = blocks[0].as_unknown().unwrap();
    assert_eq!(dynamic.cause, terraform::Cause::NoValue { variable: "var.mappings".into() });
    assert!(dynamic.reason.contains("var.mappings has no default"), "{}", dynamic.reason);
    assert_eq!(files.at(blocks[0].origin.place), "main.tf:21");
    let cause =
        |index: usize| blocks[index].get("expression").and_then(Value::as_unknown).map(|u| u.cause.clone()).unwrap();
    assert_eq!(cause(1), terraform::Cause::Computed { reference: "data.okta_group.everyone.name".into() });
    assert_eq!(cause(2), terraform::Cause::Function { name: "sha256".into() });
    assert!(matches!(cause(3), terraform::Cause::RemoteModule { .. }));
    let per_mapping = resource(&evaluation, "okta_app_user_schema_property.per_mapping");
    assert!(
        matches!(&per_mapping.key, terraform::InstanceKey::Unknown(u) if u.cause == terraform::Cause::NoValue { variable: "var.mappings".into() })
    );
    assert!(per_mapping.values.get("index").and_then(Value::as_unknown).is_some());
    assert_eq!(per_mapping.values.get("type").and_then(Value::as_str), Some("string"));
}

fn plan() -> (terraform::Evaluation, String) {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform-plan/haiilo/plan.json"))
            .unwrap();
    (terraform::read_plan(0, &text), text)
}

#[test]
fn plans_are_read_with_unknowns_references_and_json_spans() {
    let (evaluation, text) = plan();
    let addresses: Vec<&str> = evaluation.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        addresses,
        [
            "okta_app_saml.haiilo",
            "okta_profile_mapping.haiilo",
            "okta_app_user_schema_property.favorite_color",
            "module.features.okta_app_features.provisioning"
        ]
    );
    let mapping = &evaluation.resources[1];
    let expressions: Vec<&str> =
        mapping.values.blocks("mappings").iter().filter_map(|b| b.get("expression").and_then(Value::as_str)).collect();
    assert_eq!(expressions, ["user.countryCode", "user.lastName", "user.firstName"]);
    let expression = mapping.values.blocks("mappings")[0].get("expression").unwrap();
    let span = expression.origin.place.location().unwrap().span;
    assert_eq!(&text[span.start..span.end], "\"user.countryCode\"");
    assert_eq!(expression.origin.exactness, terraform::Exactness::Verbatim);
    let target = mapping.values.get("target_id").and_then(Value::as_reference).unwrap();
    assert_eq!(target.text(), "okta_app_saml.haiilo.id");
    assert!(matches!(
        mapping.values.get("id").and_then(Value::as_unknown).map(|u| &u.cause),
        Some(terraform::Cause::AfterApply)
    ));
    assert_eq!(
        mapping.source,
        terraform::ResourceSource::Plan {
            pointer: "/planned_values/root_module/resources/1".into(),
            actions: vec!["create".into()]
        }
    );
    let features = &evaluation.resources[3];
    assert_eq!(features.module, "module.features");
    let profile = features.values.blocks("capabilities")[0].blocks("update")[0].blocks("profile")[0];
    assert_eq!(profile.get("status").and_then(Value::as_str), Some("ENABLED"));
    assert!(features.values.get("app_id").and_then(Value::as_unknown).is_some());
}

#[test]
fn plan_resources_are_found_by_address_in_the_configuration_beside_it() {
    let (plan, _) = plan();
    let mut files = Files::default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/terraform-plan/haiilo");
    let input = Input { files: files.dir(&root, ""), cli: Vec::new() };
    let mut loader = DirLoader { root, files: &mut files };
    let configuration = terraform::evaluate(&input, &mut loader);
    for planned in &plan.resources {
        let configured = resource(&configuration, &planned.address);
        assert_eq!(configured.kind, planned.kind);
        let shown = files.at(Place::File(terraform::Location { file: configured.file, span: configured.labels }));
        assert!(shown.ends_with(".tf:1") || shown.contains(".tf:"), "{shown}");
    }
}

#[test]
fn a_plan_of_another_major_version_is_refused() {
    let evaluation = terraform::read_plan(0, r#"{"format_version": "2.0", "planned_values": {}}"#);
    assert!(evaluation.resources.is_empty());
    assert_eq!(evaluation.diagnostics[0].kind, terraform::DiagnosticKind::Unsupported);
}

/// The provider's own examples (../shared/real-world/terraform): every resource block comes back.
#[test]
fn real_world_samples_lose_no_resource() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-world/terraform");
    if !base.is_dir() {
        println!("SKIPPED: {} is absent", base.display());
        return;
    }
    let mut dirs = vec![base];
    let mut checked = 0;
    while let Some(dir) = dirs.pop() {
        let mut tf = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "tf") {
                tf.push(path);
            }
        }
        // Each example file is a configuration of its own (they redeclare the same names).
        for path in tf {
            let mut files = Files::default();
            let file = files.read(&path, &path.display().to_string());
            let declared = file.text.lines().filter(|line| line.trim_start().starts_with("resource ")).count();
            let evaluation =
                terraform::evaluate(&Input { files: vec![file], cli: Vec::new() }, &mut terraform::NoModules);
            assert_eq!(evaluation.resources.len(), declared, "{}: {:?}", path.display(), evaluation.diagnostics);
            let unknown: Vec<_> = evaluation
                .resources
                .iter()
                .flat_map(|r| r.values.unknowns().into_iter().map(|(path, v)| (r.address.clone(), path, v.clone())))
                .collect();
            assert!(unknown.is_empty(), "{}: {unknown:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} samples");
}
