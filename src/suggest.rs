//! "Did you mean" for names the user misspelt.

/// The candidate closest to `word`, when it is close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    close_matches(word, candidates).into_iter().next()
}

/// The least Jaro-Winkler similarity of a likely typo.
const CLOSE: f64 = 0.85;

/// Whether `a` and `b` share too few characters (ASCII letter case aside) for any Jaro-Winkler
/// score of `CLOSE` between their lower-case forms: the
/// Jaro similarity is at most `(m/|a| + m/|b| + 1) / 3` for `m` shared characters, and the
/// Winkler prefix bonus at most `0.4 * (1 - jaro)`. A cheap test, so that a run with thousands of
/// unknown names does not compute a full similarity for each pair.
fn too_far(a: &str, b: &str) -> bool {
    let mut counts = [0i32; 128];
    let (mut a_len, mut b_len, mut shared) = (0usize, 0usize, 0usize);
    for byte in a.bytes() {
        a_len += 1;
        if byte.is_ascii() {
            counts[usize::from(byte.to_ascii_lowercase())] += 1;
        }
    }
    for byte in b.bytes() {
        b_len += 1;
        let slot = &mut counts[usize::from(byte.to_ascii_lowercase() & 0x7f)];
        if byte.is_ascii() && *slot > 0 {
            *slot -= 1;
            shared += 1;
        }
    }
    if !a.is_ascii() || !b.is_ascii() || a_len == 0 || b_len == 0 {
        return false;
    }
    #[allow(clippy::cast_precision_loss)]
    let jaro = (shared as f64 / a_len as f64 + shared as f64 / b_len as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro) < CLOSE
}

/// Every candidate close to `word`, best first (a fix is safe only when there is exactly one).
#[must_use]
pub fn close_matches<'a>(word: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .filter_map(|candidate| {
            // The bound first, on the name as written: most candidates end there, unlowered.
            if too_far(&lower, candidate) {
                return None;
            }
            Some((strsim::jaro_winkler(&lower, &candidate.to_lowercase()), *candidate))
        })
        .filter(|(score, _)| *score >= CLOSE)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().map(|(_, candidate)| candidate).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_strangers_find_none() {
        let keys = ["attribute", "type", "value", "apply_on"];
        assert_eq!(closest("apply-on", &keys), Some("apply_on"));
        assert_eq!(closest("atribute", &keys), Some("attribute"));
        assert_eq!(closest("owner", &keys), None);
    }

    #[test]
    fn the_cheap_bound_never_drops_a_close_pair() {
        let words = ["givenname", "surname", "famlyName", "departmnt", "userName", "attr000001", "apply-on", "x"];
        let names = ["givenName", "familyName", "department", "userName", "apply_on", "locality", "region"];
        for word in words {
            for name in names {
                let (a, b) = (word.to_lowercase(), name.to_lowercase());
                if strsim::jaro_winkler(&a, &b) >= CLOSE {
                    assert!(!too_far(&a, &b), "{word} / {name}");
                    assert!(!too_far(&a, name), "{word} / {name} as written");
                }
                assert_eq!(too_far(&a, &b), too_far(&a, name), "{word} / {name}: letter case changes the bound");
            }
        }
    }
}
