//! A tiny Okta on 127.0.0.1 for the `pull` tests: one thread, one request per connection, the
//! hand-written responses of fixtures/pull/ (shaped like the real ones in ../shared/real-world/),
//! and a hook per test to answer some calls otherwise.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

pub const APP: &str = "0oa8hXq2HaiiloP1d7x1";
pub const USERS: &str = "/api/v1/apps/0oa8hXq2HaiiloP1d7x1/users?limit=500&expand=user";

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub target: String,
    pub headers: Vec<(String, String)>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

pub enum Reply {
    Json {
        status: u16,
        body: String,
        headers: Vec<(String, String)>,
    },
    /// Sends the headers and half the body, then closes the connection.
    CutOff {
        body: String,
    },
}

impl Reply {
    pub fn ok(body: String) -> Self {
        Self::Json { status: 200, body, headers: Vec::new() }
    }

    pub fn status(status: u16, body: String) -> Self {
        Self::Json { status, body, headers: Vec::new() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Json { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pull").join(name)).unwrap()
}

/// What the recorded org answers to `target` (a path with its query); `base` is the server's URL.
pub fn recorded(target: &str, base: &str) -> Reply {
    let next = |after: &str| format!("<{base}{USERS}&after={after}>; rel=\"next\"");
    let file = match target {
        "/api/v1/apps?q=Haiilo&limit=200" => "apps-q-haiilo.json",
        "/api/v1/apps?q=Twin&limit=200" => "apps-q-twin.json",
        "/api/v1/apps/0oa8hXq2HaiiloP1d7x1" => "app.json",
        "/api/v1/mappings?targetId=0oa8hXq2HaiiloP1d7x1&limit=200" => "mappings-to-app-list.json",
        "/api/v1/mappings?sourceId=0oa8hXq2HaiiloP1d7x1&limit=200" => "mappings-to-okta-list.json",
        "/api/v1/mappings/prm8hXq2ToHaiilo0d7x1" => "mapping-to-app.json",
        "/api/v1/mappings/prm8hXq2FromHaiil0d7x1" => "mapping-to-okta.json",
        "/api/v1/meta/schemas/apps/0oa8hXq2HaiiloP1d7x1/default" => "app-user-schema.json",
        "/api/v1/apps/0oa8hXq2HaiiloP1d7x1/features" => "features.json",
        "/api/v1/meta/schemas/user/default" => "user-schema.json",
        USERS => {
            return Reply::ok(fixture("users-page-1.json"))
                .with_header("Link", &format!("<{base}{USERS}>; rel=\"self\""))
                .with_header("Link", &next("00u8hXq2BenCole00d7x1"));
        }
        _ if target == format!("{USERS}&after=00u8hXq2BenCole00d7x1") => {
            return Reply::ok(fixture("users-page-2.json")).with_header("Link", &next("00u8hXq2DanEvans0d7x1"));
        }
        _ if target == format!("{USERS}&after=00u8hXq2DanEvans0d7x1") => "users-page-3.json",
        _ => return Reply::status(404, fixture("error-404.json")),
    };
    Reply::ok(fixture(file))
}

type Hook = dyn Fn(&Seen, usize, &str) -> Option<Reply> + Send;

pub struct Mock {
    pub base: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Mock {
    /// Answers as recorded.
    pub fn start() -> Self {
        Self::with(|_, _, _| None)
    }

    /// Answers with `hook(request, how many times this target was asked before, base)` where it
    /// gives a reply, else as recorded.
    pub fn with(hook: impl Fn(&Seen, usize, &str) -> Option<Reply> + Send + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (log, url) = (Arc::clone(&seen), base.clone());
        let hook: Box<Hook> = Box::new(hook);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                serve(stream, &log, &url, &hook);
            }
        });
        Self { base, seen }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    pub fn targets(&self) -> Vec<String> {
        self.seen().into_iter().map(|seen| seen.target).collect()
    }
}

fn serve(stream: TcpStream, log: &Mutex<Vec<Seen>>, base: &str, hook: &Hook) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let target = line.split_whitespace().nth(1).unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.trim_end().split_once(':') {
            headers.push((name.to_owned(), value.trim().to_owned()));
        }
    }
    let request = Seen { target: target.clone(), headers };
    let asked_before = {
        let mut log = log.lock().unwrap();
        let count = log.iter().filter(|seen| seen.target == target).count();
        log.push(request.clone());
        count
    };
    let reply = hook(&request, asked_before, base).unwrap_or_else(|| recorded(&target, base));
    let mut stream = reader.into_inner();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
    let common = format!(
        "Date: {}\r\nContent-Type: application/json\r\nX-Rate-Limit-Limit: 600\r\nX-Rate-Limit-Remaining: 599\r\nConnection: close\r\n",
        http_date(now)
    );
    match reply {
        Reply::Json { status, body, headers } => {
            let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
            let has_reset = headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("x-rate-limit-reset"));
            let reset = if has_reset { String::new() } else { format!("X-Rate-Limit-Reset: {}\r\n", now + 60) };
            let head = format!(
                "HTTP/1.1 {status} {}\r\n{common}{reset}{extra}Content-Length: {}\r\n\r\n",
                reason(status),
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
        Reply::CutOff { body } => {
            let head = format!("HTTP/1.1 200 OK\r\n{common}Content-Length: {}\r\n\r\n", body.len());
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body.as_bytes()[..body.len() / 2]);
        }
    }
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        _ => "Status",
    }
}

/// IMF-fixdate, as Okta's `Date` header.
pub fn http_date(epoch: u64) -> String {
    let days = i64::try_from(epoch / 86_400).unwrap();
    let of_day = epoch % 86_400;
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][usize::try_from(days % 7).unwrap()];
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!(
        "{weekday}, {day:02} {} {year} {:02}:{:02}:{:02} GMT",
        months[usize::try_from(month - 1).unwrap()],
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60
    )
}
