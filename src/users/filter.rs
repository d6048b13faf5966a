//! `--users-filter`: which users of the file the value checks look at.
//!
//! Two forms: `ATTR=VALUE` (`department=Sales`, `status=ACTIVE`), and Okta's `filter`/`search`
//! syntax on `id`, `status` and `profile.*`: `status eq "ACTIVE"`,
//! `profile.department eq "x" and status eq "ACTIVE"`, with `eq`, `ne`, `sw`, `co`, `ew`, `pr`,
//! `and`, `or` and parentheses (Okta has no `not`). Okta's `filter` takes `eq` on a few fields
//! (`status`, `id`, `profile.login`, `profile.email`, `profile.firstName`, `profile.lastName`,
//! and `lastUpdated` with `gt`/`lt`); `search` adds the other operators and any profile field.
//! Values compare case-sensitively, except `status`, whose values Okta writes in capitals.

use super::User;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Filter {
    Or(Vec<Filter>),
    And(Vec<Filter>),
    Compare { field: Field, op: Op, value: String },
    Present(Field),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Status,
    Profile(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    StartsWith,
    Contains,
    EndsWith,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("--users-filter: {message} (at character {})", .at + 1)]
pub struct FilterError {
    pub message: String,
    /// Byte offset in the filter text.
    pub at: usize,
}

fn field(name: &str) -> Field {
    match name {
        "id" => Field::Id,
        "status" => Field::Status,
        other => Field::Profile(other.strip_prefix("profile.").unwrap_or(other).to_owned()),
    }
}

/// Parses either form.
pub fn parse(text: &str) -> Result<Filter, FilterError> {
    let tokens = tokenize(text)?;
    let simple = tokens.iter().all(|token| !matches!(token.kind, Kind::Word(ref word) if is_keyword(word)));
    if simple && let Some((name, value)) = text.split_once('=') {
        let name = name.trim();
        if name.is_empty() {
            return Err(FilterError { message: "`=` needs an attribute name before it".into(), at: 0 });
        }
        return Ok(Filter::Compare { field: field(name), op: Op::Eq, value: value.trim().to_owned() });
    }
    let mut parser = Parser { tokens, at: 0, end: text.len() };
    let filter = parser.or()?;
    match parser.tokens.get(parser.at) {
        None => Ok(filter),
        Some(token) => Err(FilterError { message: format!("unexpected `{}`", token.text()), at: token.at }),
    }
}

fn is_keyword(word: &str) -> bool {
    ["eq", "ne", "sw", "co", "ew", "pr", "gt", "ge", "lt", "le", "and", "or"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(word))
}

#[derive(Clone, Debug)]
enum Kind {
    Word(String),
    Quoted(String),
    Open,
    Close,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    at: usize,
}

impl Token {
    fn text(&self) -> String {
        match &self.kind {
            Kind::Word(word) => word.clone(),
            Kind::Quoted(text) => format!("\"{text}\""),
            Kind::Open => "(".into(),
            Kind::Close => ")".into(),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, FilterError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let kind = match c {
            c if c.is_whitespace() => continue,
            '(' => Kind::Open,
            ')' => Kind::Close,
            '"' => {
                let mut value = String::new();
                loop {
                    match chars.next() {
                        Some((_, '\\')) => value.extend(chars.next().map(|(_, c)| c)),
                        Some((_, '"')) => break,
                        Some((_, c)) => value.push(c),
                        None => return Err(FilterError { message: "this string has no closing quote".into(), at }),
                    }
                }
                Kind::Quoted(value)
            }
            first => {
                let mut word = String::from(first);
                while let Some(&(_, c)) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '"') {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                Kind::Word(word)
            }
        };
        tokens.push(Token { kind, at });
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    end: usize,
}

impl Parser {
    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn keyword(&self, keyword: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token { kind: Kind::Word(word), .. }) if word.eq_ignore_ascii_case(keyword))
    }

    fn fail<T>(&self, message: impl Into<String>, at: Option<usize>) -> Result<T, FilterError> {
        Err(FilterError { message: message.into(), at: at.unwrap_or(self.end) })
    }

    fn or(&mut self) -> Result<Filter, FilterError> {
        let mut terms = vec![self.and()?];
        while self.keyword("or") {
            self.at += 1;
            terms.push(self.and()?);
        }
        Ok(if terms.len() == 1 { terms.remove(0) } else { Filter::Or(terms) })
    }

    fn and(&mut self) -> Result<Filter, FilterError> {
        let mut factors = vec![self.factor()?];
        while self.keyword("and") {
            self.at += 1;
            factors.push(self.factor()?);
        }
        Ok(if factors.len() == 1 { factors.remove(0) } else { Filter::And(factors) })
    }

    fn factor(&mut self) -> Result<Filter, FilterError> {
        let Some(token) = self.next() else {
            return self.fail("expected a condition such as `status eq \"ACTIVE\"`", None);
        };
        let name = match token.kind {
            Kind::Open => {
                let inner = self.or()?;
                return match self.next() {
                    Some(Token { kind: Kind::Close, .. }) => Ok(inner),
                    other => self.fail("expected `)`", other.map(|token| token.at)),
                };
            }
            Kind::Word(name) if !is_keyword(&name) => name,
            _ => return self.fail(format!("expected an attribute name, found `{}`", token.text()), Some(token.at)),
        };
        let field = field(&name);
        let Some(operator) = self.next() else {
            return self.fail(format!("expected an operator after `{name}`"), None);
        };
        let Kind::Word(word) = &operator.kind else {
            return self.fail(format!("expected an operator, found `{}`", operator.text()), Some(operator.at));
        };
        let op = match word.to_ascii_lowercase().as_str() {
            "pr" => return Ok(Filter::Present(field)),
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "sw" => Op::StartsWith,
            "co" => Op::Contains,
            "ew" => Op::EndsWith,
            "gt" | "ge" | "lt" | "le" => {
                return self.fail(
                    format!("`{word}` compares dates (`lastUpdated`), which users files do not keep"),
                    Some(operator.at),
                );
            }
            _ => return self.fail(format!("`{word}` is not an operator of Okta's filter"), Some(operator.at)),
        };
        match self.next() {
            Some(Token { kind: Kind::Quoted(value) | Kind::Word(value), .. }) => {
                Ok(Filter::Compare { field, op, value })
            }
            other => self.fail("expected a value in double quotes", other.map(|token| token.at)),
        }
    }
}

impl Filter {
    #[must_use]
    pub fn matches(&self, user: &User) -> bool {
        match self {
            Self::Or(terms) => terms.iter().any(|term| term.matches(user)),
            Self::And(factors) => factors.iter().all(|factor| factor.matches(user)),
            Self::Present(field) => !values(field, user).is_empty(),
            Self::Compare { field, op, value } => {
                let found = values(field, user);
                let case_blind = *field == Field::Status;
                let test = |text: &str| {
                    let (text, value) = if case_blind {
                        (text.to_ascii_uppercase(), value.to_ascii_uppercase())
                    } else {
                        (text.to_owned(), value.clone())
                    };
                    match op {
                        Op::Eq | Op::Ne => text == value,
                        Op::StartsWith => text.starts_with(&value),
                        Op::Contains => text.contains(&value),
                        Op::EndsWith => text.ends_with(&value),
                    }
                };
                let any = found.iter().any(|text| test(text));
                if *op == Op::Ne { !any } else { any }
            }
        }
    }
}

/// The field's values as text (an array attribute gives each item).
fn values(field: &Field, user: &User) -> Vec<String> {
    let one = |text: Option<&str>| text.map(str::to_owned).into_iter().collect();
    match field {
        Field::Id => one(user.id.as_deref()),
        Field::Status => one(user.status.as_deref()),
        Field::Profile(name) => match user.profile.get(name) {
            Some(super::ProfileValue::Array(items)) => {
                items.iter().filter_map(|item| item.text().map(std::borrow::Cow::into_owned)).collect()
            }
            Some(value) => {
                value.text().map(std::borrow::Cow::into_owned).into_iter().filter(|text| !text.is_empty()).collect()
            }
            None => Vec::new(),
        },
    }
}
