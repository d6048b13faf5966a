//! Why a pull did not produce an export (exit 2). Every message names the call that failed, as
//! `GET /api/v1/…`, and none holds the token: texts from outside pass through `Token::redact`.

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum PullError {
    #[error(
        "no Okta token: set OKTA_API_TOKEN (an API token) or OKTA_ACCESS_TOKEN (an OAuth access token), or use --token-file FILE"
    )]
    #[diagnostic(
        code(scimlint::pull::token),
        help("the token is never taken from the command line, where `ps` and the shell history would show it")
    )]
    NoToken,

    #[error("both OKTA_API_TOKEN and OKTA_ACCESS_TOKEN are set")]
    #[diagnostic(code(scimlint::pull::token), help("unset the one you do not mean, or use --token-file FILE"))]
    TwoTokens,

    #[error("the token in {origin} is empty or holds spaces or control characters")]
    #[diagnostic(code(scimlint::pull::token))]
    BadToken { origin: String },

    #[error("cannot read the token file `{path}`: {reason}")]
    #[diagnostic(code(scimlint::pull::token))]
    TokenFile { path: String, reason: String },

    #[error("`{org}` is not an Okta org address: {reason}")]
    #[diagnostic(code(scimlint::pull::org), help("give the org's address, e.g. --org https://acme.okta.com"))]
    BadOrg { org: String, reason: String },

    #[error("{call}: Okta answered {status}: {summary}{code}{causes}")]
    #[diagnostic(code(scimlint::pull::okta))]
    Okta { call: String, status: u16, summary: String, code: String, causes: String },

    #[error("{call}: Okta answered HTTP {status}")]
    #[diagnostic(code(scimlint::pull::http))]
    Status { call: String, status: u16 },

    #[error("{call}: {reason}")]
    #[diagnostic(code(scimlint::pull::connection), help("check the org address and the network; nothing was written"))]
    Transport { call: String, reason: String },

    #[error("{call}: still rate-limited after {attempts} waits")]
    #[diagnostic(
        code(scimlint::pull::rate_limit),
        help("another client is using this org's rate limit; try again later")
    )]
    RateLimited { call: String, attempts: u32 },

    #[error("{call}: rate-limited, and Okta's limit resets only in {seconds} s")]
    #[diagnostic(code(scimlint::pull::rate_limit), help("try again later"))]
    RateLimitedLong { call: String, seconds: u64 },

    #[error("{call}: the next page is on another host (`{link}`); not following it with the token")]
    #[diagnostic(code(scimlint::pull::link))]
    ForeignLink { call: String, link: String },

    #[error("{call}: unexpected answer: {reason}")]
    #[diagnostic(code(scimlint::pull::response))]
    BadResponse { call: String, reason: String },

    #[error("no app labelled `{app}` in the org{candidates}")]
    #[diagnostic(
        code(scimlint::pull::app),
        help("give the app's id (Applications > the app: the URL ends with it) or its exact label")
    )]
    NoSuchApp { app: String, candidates: String },

    #[error("the label `{app}` matches {count} apps:{candidates}")]
    #[diagnostic(code(scimlint::pull::app), help("give the id of the one you mean with --app"))]
    AmbiguousLabel { app: String, count: usize, candidates: String },

    #[error("`{dir}` exists")]
    #[diagnostic(
        code(scimlint::pull::exists),
        help("use --force to replace it with the new export, or --out DIR for another folder")
    )]
    Exists { dir: String },

    #[error("`{dir}` exists and is not an earlier `scimlint pull` export (it has no pull.json); not replacing it")]
    #[diagnostic(code(scimlint::pull::exists), help("choose another folder with --out DIR"))]
    NotAnExport { dir: String },

    #[error("cannot write `{path}`: {reason}")]
    #[diagnostic(code(scimlint::pull::write), help("nothing was changed in the destination"))]
    Write { path: String, reason: String },
}

impl PullError {
    pub(super) fn write(path: &std::path::Path, error: &std::io::Error) -> Self {
        Self::Write { path: path.display().to_string(), reason: error.to_string() }
    }
}
