//! Whether a value has the shape Haiilo needs: an email-shaped username (V505), a `country`
//! that names a configured group (V501, with a did-you-mean), and the folding that says two
//! texts mean the same (shared with V502).
//!
//! The username rule (Haiilo: "`userName` must look like an email address"): one `@`; a local
//! part of 1–64 characters from RFC 5322's `atext` and dots, not starting or ending with a dot
//! nor holding two in a row; a domain of at least two dot-separated labels of letters (any
//! script), digits and hyphens, each 1–63 long and not starting or ending with a hyphen, the
//! last one at least two letters; 254 characters at most. Quoted local parts and IP-address
//! domains, legal in RFC 5321 but never an Okta login in practice, do not pass.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Why a username is not email-shaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotEmail {
    NoAt,
    SeveralAts,
    EmptyLocalPart,
    BadLocalPart,
    LocalPartTooLong,
    NoDomainDot,
    BadDomain,
    BadTopLevelDomain,
    TooLong,
    Whitespace,
}

impl NotEmail {
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Self::NoAt => "it has no `@`",
            Self::SeveralAts => "it has more than one `@`",
            Self::EmptyLocalPart => "nothing comes before the `@`",
            Self::BadLocalPart => "the part before the `@` has a character or dot an email address cannot have there",
            Self::LocalPartTooLong => "the part before the `@` is longer than 64 characters",
            Self::NoDomainDot => "the domain after the `@` has no dot",
            Self::BadDomain => "the domain after the `@` is not a host name",
            Self::BadTopLevelDomain => "the domain does not end in a top-level domain of two or more letters",
            Self::TooLong => "it is longer than 254 characters",
            Self::Whitespace => "it contains white space",
        }
    }
}

const ATEXT_SYMBOLS: &str = "!#$%&'*+-/=?^_`{|}~";

/// `Ok` when `username` is email-shaped.
pub fn email_shape(username: &str) -> Result<(), NotEmail> {
    if username.chars().any(char::is_whitespace) {
        return Err(NotEmail::Whitespace);
    }
    if username.chars().count() > 254 {
        return Err(NotEmail::TooLong);
    }
    let mut parts = username.split('@');
    let (Some(local), Some(domain)) = (parts.next(), parts.next()) else { return Err(NotEmail::NoAt) };
    if parts.next().is_some() {
        return Err(NotEmail::SeveralAts);
    }
    if local.is_empty() {
        return Err(NotEmail::EmptyLocalPart);
    }
    if local.chars().count() > 64 {
        return Err(NotEmail::LocalPartTooLong);
    }
    let local_ok = local.split('.').all(|atom| {
        !atom.is_empty() && atom.chars().all(|c| c.is_alphanumeric() || ATEXT_SYMBOLS.contains(c) || !c.is_ascii())
    });
    if !local_ok {
        return Err(NotEmail::BadLocalPart);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(NotEmail::NoDomainDot);
    }
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.chars().count())
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !labels.iter().all(label_ok) {
        return Err(NotEmail::BadDomain);
    }
    let top = labels.last().copied().unwrap_or_default();
    let punycode = top.starts_with("xn--");
    if !punycode && (top.chars().count() < 2 || !top.chars().all(char::is_alphabetic)) {
        return Err(NotEmail::BadTopLevelDomain);
    }
    Ok(())
}

/// `text` with case, diacritics, spacing and punctuation taken out: `"Zürich-West "` and
/// `"zurich west"` fold alike. Letters that do not decompose get their usual base letters.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' | 'ẞ' => folded.push_str("ss"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'œ' | 'Œ' => folded.push_str("oe"),
            'ø' | 'Ø' => folded.push('o'),
            'đ' | 'Đ' => folded.push('d'),
            'ł' | 'Ł' => folded.push('l'),
            'ı' => folded.push('i'),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => {}
        }
    }
    folded
}

/// Why a group is suggested for a value that names none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likeness {
    /// Differs only in upper and lower case (`emea` → `EMEA`).
    Case,
    /// Differs only in spacing, punctuation or diacritics.
    Spelling,
    /// A few edits apart (`Germny` → `Germany`).
    Edits(usize),
    /// The value is the ISO code of the country the group is named after (`DE` → `Germany`).
    CountryCode,
}

/// The group `value` probably means, when it is not one of `groups` exactly (V501 compares
/// exactly and case-sensitively, as Haiilo does). `country_name`: the country `value` is the
/// ISO code of, when it is one.
#[must_use]
pub fn suggest_group<'g>(value: &str, groups: &'g [String], country_name: Option<&str>) -> Option<(&'g str, Likeness)> {
    if groups.iter().any(|group| group == value) {
        return None;
    }
    if let Some(group) = groups.iter().find(|group| group.to_lowercase() == value.to_lowercase()) {
        return Some((group, Likeness::Case));
    }
    let folded = fold(value);
    if !folded.is_empty()
        && let Some(group) = groups.iter().find(|group| fold(group) == folded)
    {
        return Some((group, Likeness::Spelling));
    }
    if let Some(name) = country_name
        && let Some(group) = groups.iter().find(|group| fold(group) == fold(name))
    {
        return Some((group, Likeness::CountryCode));
    }
    let lower = value.to_lowercase();
    let allowed = match lower.chars().count() {
        0..=3 => 0,
        4..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    groups
        .iter()
        .map(|group| (group, strsim::damerau_levenshtein(&lower, &group.to_lowercase())))
        .filter(|(_, distance)| (1..=allowed).contains(distance))
        .min_by_key(|(_, distance)| *distance)
        .map(|(group, distance)| (group.as_str(), Likeness::Edits(distance)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_that_are_email_shaped() {
        for username in
            ["jane.doe@example.com", "j+okta@sub.example.de", "zoë@bücher.de", "a@b.xn--p1ai", "o'neil@x.io"]
        {
            assert_eq!(email_shape(username), Ok(()), "{username}");
        }
    }

    #[test]
    fn usernames_that_are_not_and_why() {
        for (username, why) in [
            ("jdoe", NotEmail::NoAt),
            ("a@b@c.com", NotEmail::SeveralAts),
            ("@example.com", NotEmail::EmptyLocalPart),
            ("jane..doe@example.com", NotEmail::BadLocalPart),
            (".jane@example.com", NotEmail::BadLocalPart),
            ("jane@localhost", NotEmail::NoDomainDot),
            ("jane@-x.com", NotEmail::BadDomain),
            ("jane@x..com", NotEmail::BadDomain),
            ("jane@example.c", NotEmail::BadTopLevelDomain),
            ("jane@10.0.0.1", NotEmail::BadTopLevelDomain),
            ("jane doe@example.com", NotEmail::Whitespace),
            ("EXAMPLE\\jdoe", NotEmail::NoAt),
        ] {
            assert_eq!(email_shape(username), Err(why), "{username}");
        }
    }

    #[test]
    fn folding_drops_case_diacritics_spacing_and_punctuation() {
        assert_eq!(fold("Zürich-West "), "zurichwest");
        assert_eq!(fold("zurich west"), "zurichwest");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("São Paulo"), "saopaulo");
    }

    #[test]
    fn group_suggestions() {
        let groups: Vec<String> = ["EMEA", "Germany", "AMER", "Global"].map(String::from).to_vec();
        assert_eq!(suggest_group("EMEA", &groups, None), None);
        assert_eq!(suggest_group("emea", &groups, None), Some(("EMEA", Likeness::Case)));
        assert_eq!(suggest_group("E.M.E.A.", &groups, None), Some(("EMEA", Likeness::Spelling)));
        assert_eq!(suggest_group("Germny", &groups, None), Some(("Germany", Likeness::Edits(1))));
        assert_eq!(suggest_group("DE", &groups, Some("Germany")), Some(("Germany", Likeness::CountryCode)));
        assert_eq!(suggest_group("APAC", &groups, None), None, "short values need an exact likeness");
        assert_eq!(suggest_group("Narnia", &groups, None), None);
    }
}
