//! Users in JSON: arrays of user objects (pages possibly concatenated: `[…][…]`) and NDJSON
//! (objects one after another). A byte scanner cuts out one top-level object at a time, so only
//! one user is in memory, and serde reads it.

use std::io::BufRead;

use serde::Deserialize;

use super::{AppUser, ProfileMap, User, UsersError};

/// A user object larger than this is refused rather than read into memory.
const MAX_USER_BYTES: usize = 16 << 20;

/// An Okta user (`GET /api/v1/users`) or an app user (`GET /api/v1/apps/{id}/users`, with the
/// Okta user under `_embedded.user` when `?expand=user`).
#[derive(Deserialize)]
struct RawUser {
    id: Option<String>,
    status: Option<String>,
    profile: Option<ProfileMap>,
    credentials: Option<Credentials>,
    #[serde(rename = "_embedded")]
    embedded: Option<Embedded>,
    /// Only app users have a `scope` (`USER`, `GROUP`) and a `syncState`.
    scope: Option<serde::de::IgnoredAny>,
    #[serde(rename = "syncState")]
    sync_state: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct Credentials {
    #[serde(rename = "userName")]
    user_name: Option<String>,
}

#[derive(Deserialize)]
struct Embedded {
    user: Option<Box<RawUser>>,
}

impl RawUser {
    fn into_user(self, line: usize, offset: usize) -> User {
        let is_app_user = self.embedded.is_some() || self.scope.is_some() || self.sync_state.is_some();
        if !is_app_user {
            return User {
                id: self.id,
                status: self.status,
                profile: self.profile.unwrap_or_default(),
                app_user: None,
                line,
                offset,
            };
        }
        let app_user = AppUser {
            profile: self.profile.unwrap_or_default(),
            user_name: self.credentials.and_then(|credentials| credentials.user_name),
            status: self.status,
        };
        let okta_user = self.embedded.and_then(|embedded| embedded.user);
        let (id, status, profile) = match okta_user {
            Some(user) => (user.id.or(self.id), user.status, user.profile.unwrap_or_default()),
            None => (self.id, None, ProfileMap::default()),
        };
        User { id, status, profile, app_user: Some(app_user), line, offset }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between top-level values.
    Top,
    /// Inside an array, before its first element or after a `,`.
    Element,
    /// Inside an array, after an element.
    AfterElement,
}

pub(super) struct JsonUsers<R: BufRead> {
    reader: R,
    /// Bytes consumed from the start of the file.
    offset: usize,
    line: usize,
    state: State,
    pub(super) buffer: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonUsers<R> {
    pub fn new(reader: R, offset: usize) -> Self {
        Self { reader, offset, line: 1, state: State::Top, buffer: Vec::new(), done: false }
    }

    /// The next byte that is not white space, not consumed; `None` at the end.
    fn peek(&mut self) -> Result<Option<u8>, UsersError> {
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                return Ok(None);
            }
            let blank = available.iter().take_while(|byte| byte.is_ascii_whitespace()).count();
            self.line += available.get(..blank).unwrap_or_default().iter().filter(|&&byte| byte == b'\n').count();
            if blank < available.len() {
                let next = available.get(blank).copied();
                self.reader.consume(blank);
                self.offset += blank;
                return Ok(next);
            }
            let all = available.len();
            self.reader.consume(all);
            self.offset += all;
        }
    }

    fn bump(&mut self) {
        self.reader.consume(1);
        self.offset += 1;
    }

    /// Copies one value (object, array, string, number or literal) into the buffer.
    fn read_value(&mut self) -> Result<(), UsersError> {
        self.buffer.clear();
        let (start_line, start_offset) = (self.line, self.offset);
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut scalar = true;
        loop {
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                if scalar && !self.buffer.is_empty() && !in_string {
                    return Ok(());
                }
                self.done = true;
                return Err(UsersError::malformed("the file ends inside a user object", start_line, start_offset));
            }
            let mut end = None;
            let mut index = 0;
            while let Some(&byte) = available.get(index) {
                if in_string {
                    if escaped {
                        escaped = false;
                        index += 1;
                        continue;
                    }
                    // Most of a user's bytes are inside strings: jump to the next quote or escape.
                    let rest = available.get(index..).unwrap_or_default();
                    let Some(found) = memchr::memchr2(b'"', b'\\', rest) else { break };
                    index += found;
                    if available.get(index) == Some(&b'\\') {
                        escaped = true;
                    } else {
                        in_string = false;
                        if depth == 0 {
                            end = Some(index + 1);
                            break;
                        }
                    }
                    index += 1;
                    continue;
                }
                match byte {
                    b'"' => in_string = true,
                    b'{' | b'[' => {
                        depth += 1;
                        scalar = false;
                    }
                    b'}' | b']' if depth > 0 => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(index + 1);
                            break;
                        }
                    }
                    b'\n' => self.line += 1,
                    b',' | b'}' | b']' | b' ' | b'\t' | b'\r' if depth == 0 => {
                        end = Some(index);
                        break;
                    }
                    _ => {}
                }
                index += 1;
            }
            let take = end.unwrap_or(available.len());
            self.buffer.extend_from_slice(available.get(..take).unwrap_or_default());
            self.reader.consume(take);
            self.offset += take;
            if end.is_some() {
                return Ok(());
            }
            if self.buffer.len() > MAX_USER_BYTES {
                self.done = true;
                return Err(UsersError::malformed("a user object is larger than 16 MiB", start_line, start_offset));
            }
        }
    }

    /// The user in the buffer, which starts at `line`/`offset`.
    fn user(&self, line: usize, offset: usize) -> Result<User, UsersError> {
        if self.buffer.first() != Some(&b'{') {
            return Err(UsersError::malformed("expected a user object", line, offset));
        }
        match serde_json::from_slice::<RawUser>(&self.buffer) {
            // An object of another kind (a mapping export named by mistake) is no user: a user has
            // a profile, an app user its Okta user, and either an Okta user id (`00u…`).
            Ok(raw)
                if raw.profile.is_none()
                    && raw.embedded.is_none()
                    && !raw.id.as_deref().is_some_and(|id| id.starts_with("00u")) =>
            {
                Err(UsersError::malformed("not a user object: it has no `profile` and no Okta user id", line, offset))
            }
            Ok(raw) => Ok(raw.into_user(line, offset)),
            Err(error) => {
                let error_line = line + error.line().saturating_sub(1);
                let within = position_in(&self.buffer, error.line(), error.column());
                Err(UsersError::malformed(format!("not a valid user object: {error}"), error_line, offset + within))
            }
        }
    }

    fn step(&mut self) -> Result<Option<User>, UsersError> {
        loop {
            let Some(next) = self.peek()? else {
                if self.state == State::Top {
                    return Ok(None);
                }
                self.done = true;
                return Err(UsersError::malformed("the file ends before the array's `]`", self.line, self.offset));
            };
            match (self.state, next) {
                (State::Top, b'[') | (State::AfterElement, b',') => {
                    self.bump();
                    self.state = State::Element;
                }
                (State::Element | State::AfterElement, b']') => {
                    self.bump();
                    self.state = State::Top;
                }
                (State::Top | State::Element, _) => {
                    let (line, offset) = (self.line, self.offset);
                    if self.state == State::Element {
                        self.state = State::AfterElement;
                    }
                    self.read_value()?;
                    return self.user(line, offset).map(Some);
                }
                (State::AfterElement, other) => {
                    self.done = true;
                    return Err(UsersError::malformed(
                        format!("expected `,` or `]` after a user, found `{}`", char::from(other)),
                        self.line,
                        self.offset,
                    ));
                }
            }
        }
    }
}

/// The byte index of serde's 1-based `line` and `column` in `buffer`.
fn position_in(buffer: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        buffer
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(buffer.len(), |(at, _)| at + 1)
    };
    (line_start + column.saturating_sub(1)).min(buffer.len())
}

impl<R: BufRead> Iterator for JsonUsers<R> {
    type Item = Result<User, UsersError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.step() {
            Ok(user) => user.map(Ok),
            Err(error) => {
                // Structural errors set `done` where they arise: no safe place to go on from.
                // A bad object between good ones does not stop the reading.
                if matches!(&error, UsersError::Io(_)) {
                    self.done = true;
                }
                Some(Err(error))
            }
        }
    }
}
