//! The Okta credential: where it may come from (never the command line) and the one place its
//! text is used, the `Authorization` header. Nothing else can print it.

use std::path::Path;

use super::PullError;

/// The variables `pull` reads the token from.
pub const API_TOKEN_VARIABLE: &str = "OKTA_API_TOKEN";
pub const ACCESS_TOKEN_VARIABLE: &str = "OKTA_ACCESS_TOKEN";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    /// An API token created under Security > API > Tokens.
    Ssws,
    /// An OAuth 2.0 access token of a service app.
    Bearer,
}

/// A token, with no `Display` and a `Debug` that shows only its scheme.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    scheme: Scheme,
    secret: String,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "Token({:?}, [redacted])", self.scheme)
    }
}

impl Token {
    /// From `--token-file` when given, else from `OKTA_API_TOKEN` (SSWS) or `OKTA_ACCESS_TOKEN`
    /// (Bearer), of which only one may be set.
    pub fn from_environment(token_file: Option<&Path>) -> Result<Self, PullError> {
        let file = match token_file {
            Some(path) => Some(std::fs::read_to_string(path).map_err(|error| PullError::TokenFile {
                path: path.display().to_string(),
                reason: crate::error::Error::io(&path.display().to_string(), &error).to_string(),
            })?),
            None => None,
        };
        let variable = |name| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
        Self::choose(file.as_deref(), variable(API_TOKEN_VARIABLE), variable(ACCESS_TOKEN_VARIABLE))
    }

    /// The token of the first source that has one. A token file may say its scheme
    /// (`SSWS …`, `Bearer …`); a bare one is a Bearer token when it is a JWT, else SSWS.
    pub fn choose(
        file: Option<&str>,
        api_token: Option<String>,
        access_token: Option<String>,
    ) -> Result<Self, PullError> {
        if let Some(text) = file {
            let text = text.trim();
            let (scheme, secret) = match text.split_once(char::is_whitespace) {
                Some((word, rest)) if word.eq_ignore_ascii_case("ssws") => (Scheme::Ssws, rest.trim()),
                Some((word, rest)) if word.eq_ignore_ascii_case("bearer") => (Scheme::Bearer, rest.trim()),
                _ if is_jwt(text) => (Scheme::Bearer, text),
                _ => (Scheme::Ssws, text),
            };
            return Self::new(scheme, secret, "the token file");
        }
        match (api_token, access_token) {
            (Some(_), Some(_)) => Err(PullError::TwoTokens),
            (Some(secret), None) => Self::new(Scheme::Ssws, secret.trim(), API_TOKEN_VARIABLE),
            (None, Some(secret)) => Self::new(Scheme::Bearer, secret.trim(), ACCESS_TOKEN_VARIABLE),
            (None, None) => Err(PullError::NoToken),
        }
    }

    fn new(scheme: Scheme, secret: &str, source: &str) -> Result<Self, PullError> {
        // Printable ASCII only: anything else cannot go into a header, and a newline inside would
        // start another one.
        if secret.is_empty() || !secret.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(PullError::BadToken { origin: source.to_owned() });
        }
        Ok(Self { scheme, secret: secret.to_owned() })
    }

    #[must_use]
    pub fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The `Authorization` header value.
    pub(super) fn header(&self) -> String {
        match self.scheme {
            Scheme::Ssws => format!("SSWS {}", self.secret),
            Scheme::Bearer => format!("Bearer {}", self.secret),
        }
    }

    /// `text` with every copy of the token replaced, for anything that echoes a request.
    #[must_use]
    pub fn redact(&self, text: &str) -> String {
        text.replace(&self.secret, "[REDACTED]")
    }

    /// True when `text` holds the token.
    #[must_use]
    pub fn appears_in(&self, text: &str) -> bool {
        text.contains(&self.secret)
    }
}

fn is_jwt(text: &str) -> bool {
    text.starts_with("eyJ") && text.split('.').count() == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(file: Option<&str>, api: Option<&str>, access: Option<&str>) -> Result<(Scheme, String), String> {
        Token::choose(file, api.map(str::to_owned), access.map(str::to_owned))
            .map(|token| (token.scheme, token.secret))
            .map_err(|error| error.to_string())
    }

    #[test]
    fn takes_the_first_source_that_has_a_token() {
        let ok = |scheme, secret: &str| Ok((scheme, secret.to_owned()));
        assert_eq!(chosen(None, Some("00abc"), None), ok(Scheme::Ssws, "00abc"));
        assert_eq!(chosen(None, None, Some("eyJa.b.c")), ok(Scheme::Bearer, "eyJa.b.c"));
        assert_eq!(chosen(Some("00file\n"), Some("00abc"), None), ok(Scheme::Ssws, "00file"));
        assert_eq!(chosen(Some("eyJhbGci.eyJzdWIi.sig\n"), None, None), ok(Scheme::Bearer, "eyJhbGci.eyJzdWIi.sig"));
        assert_eq!(chosen(Some("Bearer opaque-token"), None, None), ok(Scheme::Bearer, "opaque-token"));
        assert_eq!(chosen(Some("ssws 00abc"), None, None), ok(Scheme::Ssws, "00abc"));
    }

    #[test]
    fn refuses_no_token_two_tokens_and_tokens_that_cannot_be_a_header() {
        for (file, api, access) in [
            (None, None, None),
            (None, Some("00a"), Some("eyJa.b.c")),
            (Some(""), None, None),
            (Some("00a\n00b"), None, None),
        ] {
            assert!(chosen(file, api, access).is_err(), "{file:?} {api:?} {access:?}");
        }
    }

    #[test]
    fn never_shows_the_secret() {
        let token = Token::choose(Some("00SeCrEt"), None, None).ok();
        assert_eq!(token.as_ref().map(|token| format!("{token:?}")), Some("Token(Ssws, [redacted])".to_owned()));
        assert_eq!(token.map(|token| token.redact("echo SSWS 00SeCrEt")), Some("echo SSWS [REDACTED]".to_owned()));
    }
}
