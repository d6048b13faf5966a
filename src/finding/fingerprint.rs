//! Stable finding identities for SARIF `partialFingerprints`, GitLab `fingerprint` and baselines.
//!
//! Code-scanning services and baselines match a finding across runs by its fingerprint, so it
//! must not depend on line numbers: a finding keeps its fingerprint when unrelated lines are
//! added above it. The key is the code, the file's path (relative to the run's root when the
//! report has one, so that it does not depend on the directory scimlint ran in), and the JSON
//! pointer of the node (or, without one, the message, with any line number in it left out), plus
//! an occurrence counter so that two findings with the same key still differ (GitLab shows
//! findings with equal fingerprints as one).

use foldhash::HashMapExt as _;
use std::sync::{LazyLock, OnceLock};

use crate::finding::Report;
use regex::Regex;

/// `line 12` and `:12:3` in a message: where something else is, which moves with unrelated edits.
static LINE_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"\b(line )\d+|:\d+(:\d+)?\b").ok());

/// A message without the line numbers it mentions.
fn without_lines(message: &str) -> std::borrow::Cow<'_, str> {
    // The pattern needs one or the other: most messages are spared compiling and running it.
    if !message.contains("line ") && !message.contains(':') {
        return std::borrow::Cow::Borrowed(message);
    }
    match LINE_NUMBER.as_ref() {
        Some(pattern) => pattern.replace_all(message, "${1}#"),
        None => std::borrow::Cow::Borrowed(message),
    }
}

/// FNV-1a, 64-bit: tiny, dependency-free and stable across Rust versions and platforms,
/// unlike `std`'s `DefaultHasher`, whose output may change between releases.
#[must_use]
pub(crate) fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_on(OFFSET_BASIS, bytes)
}

const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a goes byte by byte: the hash of `a` then `b` is the hash of `a`, carried on over `b`.
fn fnv1a64_on(hash: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    bytes.iter().fold(hash, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

/// One fingerprint per finding of `report`, in the same order, as 16 lowercase hex digits.
#[must_use]
pub fn fingerprints(report: &Report) -> Vec<String> {
    let hashes = fingerprint_hashes(report);
    crate::parallel::map_ref(&hashes, |&hash| Hex::of(hash).as_str().to_owned())
}

/// One fingerprint per finding of `report`, in the same order, as the number [`Hex`] writes.
#[must_use]
pub fn fingerprint_hashes(report: &Report) -> Vec<u64> {
    // A file's name relative to the root, worked out once however many findings it has.
    let names: Vec<OnceLock<String>> = report.files.iter().map(|_| OnceLock::new()).collect();
    let name_of = |file: usize| -> &str {
        let Some(known) = names.get(file) else { return "" };
        known.get_or_init(|| {
            let name = report.files.get(file).map_or("", |file| file.name.as_str());
            report.relative_name(name).into_owned()
        })
    };
    // The keys on all cores; only their occurrences must be counted in order. A key's parts are
    // borrowed and hashed one after the other, as the bytes of `code\0name\0what\0`.
    let keys: Vec<(Key<'_>, u64)> = crate::parallel::map_ref(&report.findings, |finding| {
        let what = match finding.pointer.as_deref() {
            Some(pointer) => std::borrow::Cow::Borrowed(pointer),
            None => without_lines(&finding.message),
        };
        let (code, name) = (finding.code.as_str(), name_of(finding.file));
        // NUL cannot occur in a code or a path and separates the fields unambiguously enough.
        let hash = [code.as_bytes(), b"\0", name.as_bytes(), b"\0", what.as_bytes(), b"\0"]
            .into_iter()
            .fold(OFFSET_BASIS, fnv1a64_on);
        ((code, name, what), hash)
    });
    let occurrences = occurrences(&keys);
    keys.iter()
        .zip(occurrences)
        .map(|((_, hash), occurrence)| fnv1a64_on(*hash, itoa::Buffer::new().format(occurrence).as_bytes()))
        .collect()
}

/// A finding's key: its code, its file's name and its pointer or message.
type Key<'r> = (&'static str, &'r str, std::borrow::Cow<'r, str>);

/// For each key, how many keys up to and including it are equal to it (1 for its first). Keys
/// are grouped by their hash, not put in a map: 400,000 keys, nearly all different, were a
/// tenth of a large SARIF run in a map.
fn occurrences<K: Eq + std::hash::Hash>(keys: &[(K, u64)]) -> Vec<usize> {
    let mut order: Vec<(u64, usize)> = keys.iter().enumerate().map(|(index, (_, hash))| (*hash, index)).collect();
    order.sort_unstable();
    let mut occurrences = vec![1; keys.len()];
    // Within one hash, in the keys' order; two different keys of one hash are counted apart.
    for group in order.chunk_by(|a, b| a.0 == b.0).filter(|group| group.len() > 1) {
        let mut seen: foldhash::HashMap<&K, usize> = foldhash::HashMap::with_capacity(group.len());
        for &(_, index) in group {
            let count = seen.entry(&keys[index].0).or_insert(0);
            *count += 1;
            occurrences[index] = *count;
        }
    }
    occurrences
}

/// A fingerprint's 16 lowercase hex digits, held inline: a report can have 400,000.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hex([u8; 16]);

impl Hex {
    #[must_use]
    pub fn of(hash: u64) -> Self {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut hex = [b'0'; 16];
        for (place, digit) in hex.iter_mut().enumerate() {
            let nibble = (hash >> (60 - 4 * place)) & 0xf;
            *digit = DIGITS[usize::try_from(nibble).unwrap_or(0)];
        }
        Self(hex)
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl serde::Serialize for Hex {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{Hex, fnv1a64, occurrences, without_lines};

    #[test]
    fn equal_keys_are_counted_in_order_and_a_shared_hash_does_not_join_two_keys() {
        let key = |text: &str, hash: u64| (text.to_owned(), hash);
        // `b` and `c` share a hash, as two different keys may.
        let keys = [key("a", 1), key("b", 7), key("a", 1), key("c", 7), key("b", 7), key("d", 3), key("a", 1)];
        assert_eq!(occurrences(&keys), vec![1, 1, 2, 1, 2, 1, 3]);
    }

    #[test]
    fn hex_is_sixteen_lowercase_digits() {
        for hash in [0, 1, 0xdead_beef, u64::MAX, 0x0123_4567_89ab_cdef] {
            assert_eq!(Hex::of(hash).as_str(), format!("{hash:016x}"));
        }
    }

    #[test]
    fn line_numbers_in_messages_do_not_count() {
        assert_eq!(without_lines("`a` is set twice (first on line 12)"), "`a` is set twice (first on line #)");
        assert_eq!(without_lines("also at x.json:3:7"), "also at x.json#");
        assert_eq!(without_lines("no number 3 here"), "no number 3 here");
    }

    #[test]
    fn matches_the_reference_vectors() {
        // From the FNV reference test suite (Fowler/Noll/Vo).
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
