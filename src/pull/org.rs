//! The Okta org `pull` talks to: `--org` normalised to `https://host[:port]`, plain HTTP only to
//! loopback addresses (the tests' mock server), and the check that a next link stays on it.

use std::net::IpAddr;

use ureq::http::Uri;

use super::PullError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Org {
    /// `https://acme.okta.com` (no trailing slash).
    base: String,
    loopback: bool,
}

impl Org {
    /// `acme.okta.com`, `https://acme.okta.com/` and `https://acme.okta.com` are one org.
    pub fn parse(text: &str) -> Result<Self, PullError> {
        let bad = |reason: &str| PullError::BadOrg { org: text.to_owned(), reason: reason.to_owned() };
        let trimmed = text.trim();
        let with_scheme = if trimmed.contains("://") { trimmed.to_owned() } else { format!("https://{trimmed}") };
        let uri: Uri = with_scheme.parse().map_err(|_| bad("it is not a URL"))?;
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return Err(bad("it names no host"));
        };
        if authority.as_str().contains('@') {
            return Err(bad("it holds a user name; the token goes in OKTA_API_TOKEN or OKTA_ACCESS_TOKEN"));
        }
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(bad("give the org's address only, without a path (e.g. https://acme.okta.com)"));
        }
        let host = authority.host();
        if host.is_empty() {
            return Err(bad("it names no host"));
        }
        let loopback = is_loopback(host);
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(bad("plain http is allowed only to a loopback address; Okta orgs use https")),
            _ => return Err(bad("the scheme must be https")),
        }
        let base = format!("{}://{}", scheme.to_ascii_lowercase(), authority.as_str().to_ascii_lowercase());
        Ok(Self { base, loopback })
    }

    /// `https://acme.okta.com`.
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// True for 127.0.0.0/8, ::1 and localhost: the tests' mock servers.
    #[must_use]
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }

    /// The URL of an API path (`/api/v1/apps`).
    #[must_use]
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// A `Link` target as a URL on this org: Okta's next links are absolute; one to another host
    /// (or scheme, or port) is refused, since the token would go with it.
    pub fn next_url(&self, link: &str, call: &str) -> Result<String, PullError> {
        if link.starts_with('/') && !link.starts_with("//") {
            return Ok(self.url(link));
        }
        let uri: Option<Uri> = link.parse().ok();
        let origin = uri.as_ref().and_then(|uri| {
            Some(format!(
                "{}://{}",
                uri.scheme_str()?.to_ascii_lowercase(),
                uri.authority()?.as_str().to_ascii_lowercase()
            ))
        });
        if origin.as_deref() == Some(self.base.as_str()) {
            Ok(link.to_owned())
        } else {
            Err(PullError::ForeignLink { call: call.to_owned(), link: link.to_owned() })
        }
    }

    /// `/api/v1/apps?q=…` of a URL on this org, for messages.
    #[must_use]
    pub fn path_of<'u>(&self, url: &'u str) -> &'u str {
        url.strip_prefix(self.base.as_str()).filter(|path| path.starts_with('/')).unwrap_or(url)
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || bare.parse::<IpAddr>().is_ok_and(|address| address.is_loopback())
}

/// The app's label as a folder name: letters, digits, `-`, `_` and `.` kept, every other run of
/// characters one `-`; the app id when nothing is left.
#[must_use]
pub fn folder_name(label: &str, app_id: &str) -> String {
    let mut name = String::new();
    for character in label.chars() {
        if character.is_alphanumeric() || matches!(character, '-' | '_' | '.') {
            name.push(character);
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_matches(['-', '.']).chars().take(80).collect();
    let name = name.trim_end_matches(['-', '.']);
    // Names Windows reserves for devices, whatever the extension.
    let stem = name.split('.').next().unwrap_or_default().to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.ends_with(|last: char| last.is_ascii_digit()));
    if name.is_empty() {
        app_id.to_owned()
    } else if reserved {
        format!("app-{name}")
    } else {
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_the_org() {
        for (given, base) in [
            ("acme.okta.com", "https://acme.okta.com"),
            ("https://acme.okta.com/", "https://acme.okta.com"),
            ("  HTTPS://Acme.Okta.com ", "https://acme.okta.com"),
            ("acme.oktapreview.com:8443", "https://acme.oktapreview.com:8443"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://127.1.2.3:80/", "http://127.1.2.3:80"),
            ("http://localhost:9", "http://localhost:9"),
            ("http://[::1]:9", "http://[::1]:9"),
        ] {
            assert_eq!(Org::parse(given).map(|org| org.base).ok().as_deref(), Some(base), "{given}");
        }
    }

    #[test]
    fn refuses_plain_http_off_loopback_and_urls_that_are_not_an_org() {
        for given in [
            "http://acme.okta.com",
            "http://10.0.0.1",
            "http://127.0.0.1.evil.example",
            "ftp://acme.okta.com",
            "https://acme-admin.okta.com/admin/dashboard",
            "https://acme.okta.com/?x=1",
            "https://me:pw@acme.okta.com",
            "",
        ] {
            assert!(Org::parse(given).is_err(), "{given}");
        }
    }

    #[test]
    fn follows_next_links_only_on_the_org() {
        let org = Org::parse("https://acme.okta.com").ok();
        let next = |link: &str| org.as_ref().and_then(|org| org.next_url(link, "GET /api/v1/apps").ok());
        let same = "https://acme.okta.com/api/v1/apps?after=0oa2&limit=200";
        assert_eq!(next(same).as_deref(), Some(same));
        assert_eq!(
            next("https://ACME.okta.com/api/v1/apps?after=1").as_deref(),
            Some("https://ACME.okta.com/api/v1/apps?after=1")
        );
        assert_eq!(next("/api/v1/apps?after=1").as_deref(), Some("https://acme.okta.com/api/v1/apps?after=1"));
        for foreign in [
            "https://evil.example/api/v1/apps?after=1",
            "http://acme.okta.com/api/v1/apps",
            "https://acme.okta.com:444/api/v1/apps",
            "https://acme.okta.com.evil.example/x",
            "//evil.example/x",
        ] {
            assert_eq!(next(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn makes_the_label_a_safe_folder_name() {
        for (label, name) in [
            ("Haiilo", "Haiilo"),
            ("Haiilo SCIM (prod)", "Haiilo-SCIM-prod"),
            ("../../etc", "etc"),
            ("a/b\\c:d", "a-b-c-d"),
            ("Ärzte App", "Ärzte-App"),
            ("...", "0oa1"),
            ("", "0oa1"),
            ("con", "app-con"),
            ("COM1.json", "app-COM1.json"),
        ] {
            assert_eq!(folder_name(label, "0oa1"), name, "{label}");
        }
    }
}
