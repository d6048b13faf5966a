//! "Did you mean" for names the user misspelt.

/// The candidate closest to `word`, when it is close enough to be a likely typo.
#[must_use]
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    Candidates::new(candidates).closest(word).map(|index| candidates[index])
}

/// Every candidate close to `word`, best first (a fix is safe only when there is exactly one).
#[must_use]
pub fn close_matches<'a>(word: &str, candidates: &[&'a str]) -> Vec<&'a str> {
    Candidates::new(candidates).close_matches(word).into_iter().map(|index| candidates[index]).collect()
}

/// The least Jaro-Winkler similarity of a likely typo.
const CLOSE: f64 = 0.85;

/// Candidate names prepared once for many look-ups: a run with 400,000 unknown names asks the
/// same few dozen candidates each time.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    list: Vec<Candidate>,
}

#[derive(Clone, Debug)]
struct Candidate {
    lower: String,
    /// Its length in bytes as written.
    len: usize,
    /// How often each ASCII letter occurs (letter case aside), for the cheap bound; `None` for a
    /// name that is not ASCII, which the bound does not judge.
    letters: Option<Vec<(u8, u32)>>,
}

/// The word looked up, lowered once.
struct Word {
    lower: String,
    counts: Option<[u32; 128]>,
}

impl Word {
    fn new(word: &str) -> Self {
        let lower = word.to_lowercase();
        let counts = lower.is_ascii().then(|| {
            let mut counts = [0u32; 128];
            for byte in lower.bytes() {
                let slot = &mut counts[usize::from(byte)];
                *slot += 1;
            }
            counts
        });
        Self { lower, counts }
    }
}

impl Candidates {
    #[must_use]
    pub fn new(names: &[&str]) -> Self {
        let list = names
            .iter()
            .map(|name| {
                let letters = name.is_ascii().then(|| {
                    let mut counts = [0u32; 128];
                    for byte in name.bytes() {
                        let slot = &mut counts[usize::from(byte.to_ascii_lowercase())];
                        *slot += 1;
                    }
                    (0u8..128).zip(counts).filter(|&(_, count)| count > 0).collect()
                });
                Candidate { lower: name.to_lowercase(), len: name.len(), letters }
            })
            .collect();
        Self { list }
    }

    /// The index of the candidate closest to `word`, when it is close enough to be a likely typo.
    #[must_use]
    pub fn closest(&self, word: &str) -> Option<usize> {
        self.close_matches(word).into_iter().next()
    }

    /// The indices of every candidate close to `word`, best first.
    #[must_use]
    pub fn close_matches(&self, word: &str) -> Vec<usize> {
        let word = Word::new(word);
        let mut scored: Vec<(f64, usize)> = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, candidate)| !too_far(&word, candidate))
            .map(|(index, candidate)| (strsim::jaro_winkler(&word.lower, &candidate.lower), index))
            .filter(|(score, _)| *score >= CLOSE)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        scored.into_iter().map(|(_, index)| index).collect()
    }
}

/// Whether the word and a candidate share too few characters (ASCII letter case aside) for any
/// Jaro-Winkler score of `CLOSE` between their lower-case forms: the Jaro similarity is at most
/// `(m/|a| + m/|b| + 1) / 3` for `m` shared characters, and the Winkler prefix bonus at most
/// `0.4 * (1 - jaro)`. A cheap test, so that a run with thousands of unknown names does not
/// compute a full similarity for each pair.
fn too_far(word: &Word, candidate: &Candidate) -> bool {
    let (Some(counts), Some(letters)) = (&word.counts, &candidate.letters) else { return false };
    let (a_len, b_len) = (word.lower.len(), candidate.len);
    if a_len == 0 || b_len == 0 {
        return false;
    }
    let shared: u64 = letters.iter().map(|&(letter, count)| u64::from(count.min(counts[usize::from(letter)]))).sum();
    #[allow(clippy::cast_precision_loss)]
    let jaro = (shared as f64 / a_len as f64 + shared as f64 / b_len as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro) < CLOSE
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
        let candidates = Candidates::new(&names);
        for word in words {
            let prepared = Word::new(word);
            for (name, candidate) in names.iter().zip(&candidates.list) {
                if strsim::jaro_winkler(&word.to_lowercase(), &name.to_lowercase()) >= CLOSE {
                    assert!(!too_far(&prepared, candidate), "{word} / {name}");
                }
                let lowered = Candidates::new(&[&name.to_lowercase()]);
                assert_eq!(too_far(&prepared, candidate), too_far(&prepared, &lowered.list[0]), "{word} / {name}");
            }
        }
    }
}
