//! The ISO 3166-1 table behind `Iso3166Convert.*`, read once from `rules/iso3166.tsv`.

use std::sync::LazyLock;

const TABLE: &str = include_str!("../../../rules/iso3166.tsv");

/// One country as ISO 3166-1 codes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Country {
    pub alpha2: &'static str,
    pub alpha3: &'static str,
    /// Three digits, as Okta writes it (`"840"`).
    pub numeric: &'static str,
    /// The English short name.
    pub name: &'static str,
}

static COUNTRIES: LazyLock<Vec<Country>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some(Country {
                alpha2: fields.next()?,
                alpha3: fields.next()?,
                numeric: fields.next()?,
                name: fields.next()?,
            })
        })
        .collect()
});

/// Every country, sorted by alpha-2 code.
#[must_use]
pub fn countries() -> &'static [Country] {
    &COUNTRIES
}

/// The country with this alpha-2, alpha-3 or numeric code, exactly as ISO writes it
/// (upper-case letters, three digits).
#[must_use]
pub fn by_code(code: &str) -> Option<&'static Country> {
    let countries = countries();
    match code.len() {
        2 => countries.binary_search_by(|country| country.alpha2.cmp(code)).ok().and_then(|at| countries.get(at)),
        3 if code.bytes().all(|byte| byte.is_ascii_digit()) => countries.iter().find(|country| country.numeric == code),
        3 => countries.iter().find(|country| country.alpha3 == code),
        _ => None,
    }
}

/// The country with this English short name, ignoring case.
#[must_use]
pub fn by_name(name: &str) -> Option<&'static Country> {
    countries().iter().find(|country| country.name.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_iso_country_once() {
        let countries = countries();
        assert_eq!(countries.len(), 249);
        assert!(countries.windows(2).all(|pair| pair[0].alpha2 < pair[1].alpha2), "sorted for binary search");
        for country in countries {
            assert_eq!(by_code(country.alpha2), Some(country));
            assert_eq!(by_code(country.alpha3), Some(country));
            assert_eq!(by_code(country.numeric), Some(country));
        }
    }

    #[test]
    fn codes_match_exactly() {
        assert_eq!(by_code("DE").map(|country| country.name), Some("Germany"));
        assert_eq!(by_code("de"), None);
        assert_eq!(by_code("EMEA"), None);
        assert_eq!(by_name("germany").map(|country| country.alpha2), Some("DE"));
    }
}
