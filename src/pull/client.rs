//! One GET against the org as Okta's SDKs do it: the token, `Accept` and `User-Agent` headers, a
//! timeout, waits on 429 until `X-Rate-Limit-Reset`, retries of 5xx and dropped connections with
//! backoff, `Link: <…>; rel="next"` pages, and Okta's error bodies as errors.

use std::time::Duration;

use ureq::Agent;
use ureq::http::HeaderMap;

use super::org::Org;
use super::token::Token;
use super::{Progress, PullError, clock};

/// How often a 5xx answer or a dropped connection is retried, after the first try.
pub const RETRIES: u32 = 3;
/// The first retry's wait; each later one waits twice as long.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// The longest wait for a rate limit to reset. Okta's limits are per minute.
pub const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(60);
/// How many times one call waits for a rate limit before giving up.
const RATE_LIMIT_WAITS: u32 = 5;
/// The largest response read; a page of 500 app users with their Okta users is a few MB.
const MAX_BODY: u64 = 256 * 1024 * 1024;

pub struct Client<'p> {
    agent: Agent,
    org: Org,
    token: Token,
    progress: &'p mut dyn FnMut(Progress),
}

/// One answer: its body and the URL of the next page, if any.
pub struct Page {
    pub body: String,
    pub next: Option<String>,
}

enum Attempt {
    Done(Page),
    /// Worth another try: why, and after how long at least.
    Transient {
        reason: String,
        error: PullError,
        wait: Option<Duration>,
    },
    RateLimited {
        wait: Duration,
    },
}

impl<'p> Client<'p> {
    pub fn new(org: &Org, token: &Token, timeout: Duration, progress: &'p mut dyn FnMut(Progress)) -> Self {
        let config = Agent::config_builder()
            .http_status_as_error(false)
            .https_only(!org.is_loopback())
            // Okta's API does not redirect; a redirect would be somewhere the token should not go.
            .max_redirects(0)
            .user_agent(format!("scimlint/{}", env!("CARGO_PKG_VERSION")))
            .accept("application/json")
            .timeout_global(Some(timeout))
            // A proxy from the environment applies to the org, never to a loopback test server.
            .proxy(if org.is_loopback() { None } else { ureq::Proxy::try_from_env() })
            .build();
        Self { agent: Agent::new_with_config(config), org: org.clone(), token: token.clone(), progress }
    }

    /// Tells the caller something besides the calls.
    pub fn report(&mut self, progress: Progress) {
        (self.progress)(progress);
    }

    #[must_use]
    pub fn org(&self) -> &Org {
        &self.org
    }

    /// One document: the body of `GET path` (`/api/v1/…`).
    pub fn get(&mut self, path: &str) -> Result<String, PullError> {
        let url = self.org.url(path);
        Ok(self.fetch(&url)?.body)
    }

    /// Every page of a list, each body handed to `page` in order.
    pub fn get_pages(
        &mut self,
        path: &str,
        mut page: impl FnMut(&str, String) -> Result<(), PullError>,
    ) -> Result<(), PullError> {
        let mut url = self.org.url(path);
        let mut seen = vec![url.clone()];
        loop {
            let call = self.call(&url);
            let answer = self.fetch(&url)?;
            page(&call, answer.body)?;
            let Some(next) = answer.next else { return Ok(()) };
            let next = self.org.next_url(&next, &call)?;
            // A server that links a page to itself would otherwise never end the loop.
            if seen.contains(&next) {
                return Err(PullError::BadResponse {
                    call,
                    reason: "the next link points to a page already read".into(),
                });
            }
            seen.push(next.clone());
            url = next;
        }
    }

    fn call(&self, url: &str) -> String {
        self.token.redact(&format!("GET {}", self.org.path_of(url)))
    }

    fn fetch(&mut self, url: &str) -> Result<Page, PullError> {
        let call = self.call(url);
        (self.progress)(Progress::Fetching { call: call.clone() });
        let (mut failures, mut waits) = (0, 0);
        loop {
            match self.attempt(url, &call) {
                Ok(Attempt::Done(page)) => return Ok(page),
                Ok(Attempt::RateLimited { wait }) => {
                    waits += 1;
                    if waits > RATE_LIMIT_WAITS {
                        return Err(PullError::RateLimited { call, attempts: RATE_LIMIT_WAITS });
                    }
                    (self.progress)(Progress::RateLimited { call: call.clone(), wait });
                    std::thread::sleep(wait);
                }
                Ok(Attempt::Transient { reason, error, wait }) => {
                    failures += 1;
                    if failures > RETRIES {
                        return Err(error);
                    }
                    let backoff = FIRST_BACKOFF * 2u32.pow(failures - 1);
                    let wait = wait.map_or(backoff, |wait| wait.max(backoff)).min(MAX_RATE_LIMIT_WAIT);
                    (self.progress)(Progress::Retrying {
                        call: call.clone(),
                        reason,
                        wait,
                        attempt: failures,
                        of: RETRIES,
                    });
                    std::thread::sleep(wait);
                }
                Err(error) => return Err(error),
            }
        }
    }

    fn attempt(&self, url: &str, call: &str) -> Result<Attempt, PullError> {
        let sent = self.agent.get(url).header("Authorization", &self.token.header()).call();
        let mut response = match sent {
            Ok(response) => response,
            Err(error) => return self.failed(call, &error),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        if status == 429 {
            return rate_limit_wait(&headers, call).map(|wait| Attempt::RateLimited { wait });
        }
        let body = match response.body_mut().with_config().limit(MAX_BODY).read_to_string() {
            Ok(body) => body,
            Err(error) => return self.failed(call, &error),
        };
        let body = self.token.redact(&body);
        let error = okta_error(call, status, &body);
        if status >= 500 {
            let error = error.unwrap_or(PullError::Status { call: call.to_owned(), status });
            return Ok(Attempt::Transient { reason: format!("HTTP {status}"), error, wait: None });
        }
        if let Some(error) = error {
            return Err(error);
        }
        if !(200..300).contains(&status) {
            return Err(PullError::Status { call: call.to_owned(), status });
        }
        Ok(Attempt::Done(Page { body, next: next_link(&headers) }))
    }

    /// A request that got no (whole) answer: dropped connections are retried, the rest are not.
    fn failed(&self, call: &str, error: &ureq::Error) -> Result<Attempt, PullError> {
        let reason = self.token.redact(&describe(error));
        let transient = match error {
            ureq::Error::Io(io) => matches!(
                io.kind(),
                std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
                    | std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::BrokenPipe
                    | std::io::ErrorKind::Interrupted
            ),
            // A refused connection or a wrong host is a wrong --org, not a passing fault.
            _ => false,
        };
        let error = PullError::Transport { call: call.to_owned(), reason: reason.clone() };
        if transient { Ok(Attempt::Transient { reason, error, wait: None }) } else { Err(error) }
    }
}

fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "no answer within the timeout".to_owned(),
        ureq::Error::HostNotFound => "the org's host name does not resolve".to_owned(),
        ureq::Error::ConnectionFailed => "cannot connect to the org".to_owned(),
        ureq::Error::RequireHttpsOnly(_) => "refusing plain http".to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the connection closed before the answer was complete".to_owned()
        }
        other => format!("the request failed: {other}"),
    }
}

/// An Okta error body (`errorCode`, `errorSummary`, `errorCauses`) as an error, whatever the status.
fn okta_error(call: &str, status: u16, body: &str) -> Option<PullError> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let code = value.get("errorCode")?.as_str()?;
    let summary = value.get("errorSummary").and_then(serde_json::Value::as_str).unwrap_or("no summary");
    let causes: Vec<&str> = value
        .get("errorCauses")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|cause| cause.get("errorSummary")?.as_str())
        .collect();
    Some(PullError::Okta {
        call: call.to_owned(),
        status,
        summary: summary.to_owned(),
        code: format!(" ({code})"),
        causes: if causes.is_empty() { String::new() } else { format!("; {}", causes.join("; ")) },
    })
}

/// How long to wait on a 429: until `X-Rate-Limit-Reset` by the server's `Date` (so a local
/// clock that is off does not matter), plus a second; at least a second.
fn rate_limit_wait(headers: &HeaderMap, call: &str) -> Result<Duration, PullError> {
    let text = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
    let Some(reset) = text("x-rate-limit-reset").and_then(|value| value.trim().parse::<u64>().ok()) else {
        return Ok(Duration::from_secs(1));
    };
    let now = text("date").and_then(clock::parse_http_date).unwrap_or_else(clock::now_epoch);
    let seconds = reset.saturating_sub(now) + 1;
    if Duration::from_secs(seconds) > MAX_RATE_LIMIT_WAIT {
        return Err(PullError::RateLimitedLong { call: call.to_owned(), seconds });
    }
    Ok(Duration::from_secs(seconds))
}

/// The `rel="next"` target of the `Link` headers (Okta sends `self` and `next` as two headers,
/// other servers as one, comma-separated).
fn next_link(headers: &HeaderMap) -> Option<String> {
    headers.get_all("link").iter().filter_map(|value| value.to_str().ok()).find_map(|value| {
        link_entries(value).into_iter().find(|(_, params)| is_next(params)).map(|(target, _)| target.to_owned())
    })
}

/// `<target>; params` entries of one `Link` value.
fn link_entries(value: &str) -> Vec<(&str, &str)> {
    let mut entries = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|at| open + at) else { break };
        let target = &rest[open + 1..close];
        let after = &rest[close + 1..];
        // The entry ends at a comma that starts the next `<…>`, not at one inside a quoted value.
        let end = after
            .match_indices(',')
            .map(|(at, _)| at)
            .find(|at| after[at + 1..].trim_start().starts_with('<'))
            .unwrap_or(after.len());
        entries.push((target, &after[..end]));
        rest = &after[end..];
    }
    entries
}

fn is_next(params: &str) -> bool {
    params.split(';').filter_map(|param| param.split_once('=')).any(|(key, value)| {
        key.trim().eq_ignore_ascii_case("rel")
            && value.trim().trim_matches('"').split_whitespace().any(|rel| rel.eq_ignore_ascii_case("next"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = HeaderValue::from_str(value) {
                map.append(*name, value);
            }
        }
        map
    }

    #[test]
    fn finds_the_next_page_as_okta_links_it() {
        let next = "https://acme.okta.com/api/v1/apps/0oa1/users?after=00u2&limit=500&expand=user";
        let self_link = r#"<https://acme.okta.com/api/v1/apps/0oa1/users?limit=500>; rel="self""#;
        type Case<'a> = (Vec<(&'static str, String)>, Option<&'a str>);
        let cases: [Case<'_>; 5] = [
            (vec![("link", self_link.to_owned()), ("link", format!("<{next}>; rel=\"next\""))], Some(next)),
            (vec![("link", format!("{self_link}, <{next}>; rel=next"))], Some(next)),
            (vec![("link", format!("<{next}>; title=\"a, b\"; rel=\"prev next\""))], Some(next)),
            (vec![("link", self_link.to_owned())], None),
            (vec![], None),
        ];
        for (pairs, expected) in cases {
            let pairs: Vec<(&'static str, &str)> = pairs.iter().map(|(name, value)| (*name, value.as_str())).collect();
            assert_eq!(next_link(&headers(&pairs)).as_deref(), expected, "{pairs:?}");
        }
    }

    #[test]
    fn waits_for_the_reset_by_the_servers_clock_and_not_too_long() {
        let date = "Wed, 01 Jul 2026 08:30:00 GMT";
        let wait = |reset: &str| rate_limit_wait(&headers(&[("date", date), ("x-rate-limit-reset", reset)]), "GET /x");
        assert_eq!(wait("1782894610").ok(), Some(Duration::from_secs(11)));
        assert_eq!(wait("1782894000").ok(), Some(Duration::from_secs(1)));
        assert!(matches!(wait("1782895600"), Err(PullError::RateLimitedLong { seconds: 1001, .. })));
        assert_eq!(rate_limit_wait(&headers(&[]), "GET /x").ok(), Some(Duration::from_secs(1)));
    }

    #[test]
    fn an_okta_error_body_is_an_error_with_its_summary_code_and_causes() {
        let body = r#"{"errorCode":"E0000001","errorSummary":"Api validation failed: feature","errorLink":"E0000001","errorId":"oae4","errorCauses":[{"errorSummary":"Provisioning is not supported."}]}"#;
        let error = okta_error("GET /api/v1/apps/0oa1/features", 400, body).map(|error| error.to_string());
        assert_eq!(
            error.as_deref(),
            Some(
                "GET /api/v1/apps/0oa1/features: Okta answered 400: Api validation failed: feature (E0000001); Provisioning is not supported."
            )
        );
        assert!(okta_error("GET /x", 200, r#"[{"id":"0oa1"}]"#).is_none());
    }
}
