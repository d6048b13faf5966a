//! "Did you mean" for names the user misspelt.

/// The candidate closest to `word`, when it is close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    close_matches(word, candidates).into_iter().next()
}

/// Every candidate close to `word`, best first (a fix is safe only when there is exactly one).
#[must_use]
pub fn close_matches<'a>(word: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .map(|candidate| (strsim::jaro_winkler(&lower, &candidate.to_lowercase()), *candidate))
        .filter(|(score, _)| *score >= 0.85)
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
}
