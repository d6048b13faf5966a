//! The calls of one export and the files they become: which app, its mappings in both directions,
//! its schema, features and object, the org's user schema, and (asked for) its users.

use std::io::Write;

use serde_json::Value;

use super::client::Client;
use super::folder::Staging;
use super::{App, PullError, pretty};

/// A written file and the call (the first, for paged lists) it came from.
pub struct Written {
    pub file: String,
    pub from: String,
}

/// A member left out of a file, and why.
pub struct Omitted {
    pub file: String,
    pub pointer: String,
}

/// Members never written: credentials Okta returns with an app object (an OIDC app's client
/// secret), which an export people commit to git must not hold.
const SECRETS_OF_APPLICATION: [&[&str]; 1] = [&["credentials", "oauthClient", "client_secret"]];

/// The app `--app` names: an id (`0oa` and 17 letters or digits) is fetched, anything else is a
/// label looked up with `?q=` and must match exactly one app.
pub fn resolve(client: &mut Client<'_>, app: &str) -> Result<(App, String), PullError> {
    if is_app_id(app) {
        let path = format!("/api/v1/apps/{app}");
        let body = client.get(&path)?;
        return Ok((app_of(&body, &format!("GET {path}"))?, body));
    }
    let path = format!("/api/v1/apps?q={}&limit=200", encode(app));
    let mut found: Vec<App> = Vec::new();
    client.get_pages(&path, |call, body| {
        for item in array(&body, call)? {
            found.push(app_of_value(&item, call)?);
        }
        Ok(())
    })?;
    // `q` matches the start of a label or name; only an exact label counts, and then one whose
    // letter case differs.
    let mut matches: Vec<&App> = found.iter().filter(|candidate| candidate.label == app).collect();
    if matches.is_empty() {
        matches = found.iter().filter(|candidate| candidate.label.to_lowercase() == app.to_lowercase()).collect();
    }
    match matches.as_slice() {
        [one] => {
            let id = one.id.clone();
            let path = format!("/api/v1/apps/{id}");
            let body = client.get(&path)?;
            Ok((app_of(&body, &format!("GET {path}"))?, body))
        }
        [] => Err(PullError::NoSuchApp {
            app: app.to_owned(),
            candidates: if found.is_empty() {
                String::new()
            } else {
                format!("; apps whose label starts so:{}", list(found.iter()))
            },
        }),
        several => Err(PullError::AmbiguousLabel {
            app: app.to_owned(),
            count: several.len(),
            candidates: list(several.iter().copied()),
        }),
    }
}

fn list<'a>(apps: impl Iterator<Item = &'a App>) -> String {
    apps.map(|app| format!("\n  {}  label `{}`  name `{}`", app.id, app.label, app.name)).collect()
}

pub fn is_app_id(text: &str) -> bool {
    text.len() == 20 && text.starts_with("0oa") && text.bytes().all(|byte| byte.is_ascii_alphanumeric())
}

/// Okta ids are letters and digits; anything else from a response must not go into a path.
fn checked_id<'v>(value: &'v Value, call: &str) -> Result<&'v str, PullError> {
    value
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty() && id.bytes().all(|byte| byte.is_ascii_alphanumeric()))
        .ok_or_else(|| PullError::BadResponse { call: call.to_owned(), reason: "an item has no Okta `id`".into() })
}

fn app_of(body: &str, call: &str) -> Result<App, PullError> {
    app_of_value(&object(body, call)?, call)
}

fn app_of_value(value: &Value, call: &str) -> Result<App, PullError> {
    let text = |key: &str| value.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok(App { id: checked_id(value, call)?.to_owned(), label: text("label"), name: text("name") })
}

/// The application object, the mappings, the app-user schema, the features and the user schema.
pub fn setup(
    client: &mut Client<'_>,
    app: &App,
    application: &str,
    staging: &Staging,
) -> Result<(Vec<Written>, Vec<Omitted>), PullError> {
    let mut written = Vec::new();
    let mut omitted = Vec::new();
    let id = &app.id;
    let mut file = |name: &str, from: String, body: &str, omit: &[&[&str]]| -> Result<(), PullError> {
        let printed =
            pretty::pretty(body, omit).map_err(|reason| PullError::BadResponse { call: from.clone(), reason })?;
        staging.write(name, printed.text.as_bytes())?;
        omitted.extend(printed.omitted.into_iter().map(|pointer| Omitted { file: name.to_owned(), pointer }));
        written.push(Written { file: name.to_owned(), from });
        Ok(())
    };
    file("application.json", format!("GET /api/v1/apps/{id}"), application, &SECRETS_OF_APPLICATION)?;
    for (direction, filter, other_side) in [("to-app", "targetId", "source"), ("to-okta", "sourceId", "target")] {
        let list = format!("/api/v1/mappings?{filter}={id}&limit=200");
        let mut summaries = Vec::new();
        client.get_pages(&list, |call, body| {
            for item in array(&body, call)? {
                let other = item.get(other_side).and_then(|side| side.get("name")).and_then(Value::as_str);
                summaries.push((checked_id(&item, call)?.to_owned(), other.unwrap_or_default().to_owned()));
            }
            Ok(())
        })?;
        let names = mapping_file_names(direction, &summaries);
        for ((mapping, _), name) in summaries.iter().zip(names) {
            let path = format!("/api/v1/mappings/{mapping}");
            let body = client.get(&path)?;
            object(&body, &format!("GET {path}"))?;
            file(&name, format!("GET {path}"), &body, &[])?;
        }
    }
    let schema = format!("/api/v1/meta/schemas/apps/{id}/default");
    let body = client.get(&schema)?;
    object(&body, &format!("GET {schema}"))?;
    file("app-user-schema.json", format!("GET {schema}"), &body, &[])?;
    let features = format!("/api/v1/apps/{id}/features");
    let body = whole_list(client, &features)?;
    file("features.json", format!("GET {features}"), &body, &[])?;
    let user_schema = "/api/v1/meta/schemas/user/default";
    let body = client.get(user_schema)?;
    object(&body, &format!("GET {user_schema}"))?;
    file("user-schema.json", format!("GET {user_schema}"), &body, &[])?;
    Ok((written, omitted))
}

/// The app's users, one app user (with its Okta user under `_embedded.user`) a line, page by page.
pub fn users(client: &mut Client<'_>, app: &App, staging: &Staging) -> Result<(Written, usize), PullError> {
    let name = "users.ndjson";
    let path = staging.path_of(name);
    let file = std::fs::File::create(&path).map_err(|error| PullError::write(&path, &error))?;
    let mut out = std::io::BufWriter::new(file);
    let list = format!("/api/v1/apps/{}/users?limit=500&expand=user", app.id);
    let mut count = 0;
    client.get_pages(&list, |call, body| {
        let lines = pretty::compact_elements(&body)
            .map_err(|reason| PullError::BadResponse { call: call.to_owned(), reason })?;
        for line in lines {
            writeln!(out, "{line}").map_err(|error| PullError::write(&path, &error))?;
            count += 1;
        }
        Ok(())
    })?;
    out.flush().map_err(|error| PullError::write(&path, &error))?;
    Ok((Written { file: name.to_owned(), from: format!("GET {list}") }, count))
}

/// Every page of a list as one JSON array.
fn whole_list(client: &mut Client<'_>, path: &str) -> Result<String, PullError> {
    let mut pages: Vec<String> = Vec::new();
    client.get_pages(path, |call, body| {
        array(&body, call)?;
        pages.push(body);
        Ok(())
    })?;
    if pages.len() == 1 {
        return Ok(pages.swap_remove(0));
    }
    let mut elements = Vec::new();
    for page in &pages {
        elements.extend(
            pretty::compact_elements(page)
                .map_err(|reason| PullError::BadResponse { call: format!("GET {path}"), reason })?,
        );
    }
    Ok(format!("[{}]", elements.join(",")))
}

/// File names of one direction's mappings: `mapping-to-app.json` for the only one, or for the
/// one of Okta's default user type (`user`); the others are named by their user type
/// (`mapping-to-app-contractor.json`), with the mapping id added when two names would clash.
pub fn mapping_file_names(direction: &str, summaries: &[(String, String)]) -> Vec<String> {
    let plain = format!("mapping-{direction}.json");
    if let [_] = summaries {
        return vec![plain];
    }
    let wanted: Vec<String> = summaries
        .iter()
        .map(|(id, other)| {
            if other == "user" {
                plain.clone()
            } else {
                format!("mapping-{direction}-{}.json", super::org::folder_name(other, id))
            }
        })
        .collect();
    wanted
        .iter()
        .zip(summaries)
        .map(|(name, (id, _))| {
            if wanted.iter().filter(|other| *other == name).count() > 1 {
                format!("{}-{id}.json", name.trim_end_matches(".json"))
            } else {
                name.clone()
            }
        })
        .collect()
}

fn array(body: &str, call: &str) -> Result<Vec<Value>, PullError> {
    match serde_json::from_str(body) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(_) => Err(PullError::BadResponse { call: call.to_owned(), reason: "expected a JSON array".into() }),
        Err(error) => Err(PullError::BadResponse { call: call.to_owned(), reason: format!("not JSON ({error})") }),
    }
}

fn object(body: &str, call: &str) -> Result<Value, PullError> {
    match serde_json::from_str(body) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(PullError::BadResponse { call: call.to_owned(), reason: "expected a JSON object".into() }),
        Err(error) => Err(PullError::BadResponse { call: call.to_owned(), reason: format!("not JSON ({error})") }),
    }
}

/// A query value, percent-encoded (RFC 3986 unreserved characters kept).
fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(summaries: &[(&str, &str)]) -> Vec<String> {
        let owned: Vec<(String, String)> =
            summaries.iter().map(|(id, other)| ((*id).to_owned(), (*other).to_owned())).collect();
        mapping_file_names("to-app", &owned)
    }

    #[test]
    fn names_mapping_files_stably() {
        assert_eq!(names(&[("prm1", "contractor")]), ["mapping-to-app.json"]);
        assert_eq!(
            names(&[("prm1", "user"), ("prm2", "contractor")]),
            ["mapping-to-app.json", "mapping-to-app-contractor.json"]
        );
        assert_eq!(
            names(&[("prm2", "a b"), ("prm3", "a/b")]),
            ["mapping-to-app-a-b-prm2.json", "mapping-to-app-a-b-prm3.json"]
        );
        assert!(names(&[]).is_empty());
    }

    #[test]
    fn tells_ids_from_labels() {
        assert!(is_app_id("0oatiwc3yzusuJXGZ1d7"));
        for label in ["Haiilo", "0oatiwc3yzusuJXGZ1d", "0oa/../../users/xx12", "okta-test-application"] {
            assert!(!is_app_id(label), "{label}");
        }
    }

    #[test]
    fn encodes_a_label_for_the_query() {
        assert_eq!(encode("Haiilo SCIM & Co/ä"), "Haiilo%20SCIM%20%26%20Co%2F%C3%A4");
    }
}
