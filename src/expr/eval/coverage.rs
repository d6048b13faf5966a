//! Which catalogue functions the evaluator computes and which it answers Unknown for, and why:
//! the table is also the dispatch, so it cannot drift from what the evaluator does.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::functions::{Call, internal_property};
use super::{Eval, arrays, convert, strings};

pub(crate) type Builtin = for<'c, 'e, 'a> fn(&Call<'c, 'e, 'a>) -> Eval<'a>;

/// The code that computes a function.
pub struct Implementation(pub(crate) Builtin);

impl std::fmt::Debug for Implementation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Implementation")
    }
}

#[derive(Debug)]
pub enum Support {
    /// Computed; `note` says how null and undocumented cases come out.
    Evaluates(Implementation),
    /// Always Unknown; `note` is the reason given to the user.
    Unknown,
}

#[derive(Debug)]
pub struct Coverage {
    /// As the catalogue (`rules/okta.yaml`) spells it.
    pub name: &'static str,
    pub support: Support,
    pub note: &'static str,
}

impl Coverage {
    #[must_use]
    pub fn evaluates(&self) -> bool {
        matches!(self.support, Support::Evaluates(_))
    }
}

const fn evaluates(name: &'static str, builtin: Builtin, note: &'static str) -> Coverage {
    Coverage { name, support: Support::Evaluates(Implementation(builtin)), note }
}

const fn unknown(name: &'static str, note: &'static str) -> Coverage {
    Coverage { name, support: Support::Unknown, note }
}

const GROUPS: &str = "group memberships are not in a users export, so scimlint cannot tell the result";
const CLAIMS: &str = "Groups.* works only in the groups claim of a token; Okta refuses it in profile mappings";
const MANAGER: &str = "the manager's or assistant's profile (an Active Directory link) is not in a users export";
const DIRECTORY: &str = "Active Directory and Workday assignments are not in a users export";
const TIME: &str = "Okta documents the result only as \"ISO 8601 (RFC 3339)\" or \"Windows\"/\"Unix\" format, not \
                    its exact text (fraction digits, offset, seconds or milliseconds), so it is not computed";

/// Every catalogue function (`functions`, `deprecated_functions` and `group_claim_functions` of
/// `rules/okta.yaml`).
pub static COVERAGE: &[Coverage] = &[
    evaluates("String.append", strings::append, "null string gives null; a null suffix is Unknown"),
    evaluates("String.join", strings::join, "a null or array value is Unknown: Okta does not say if it is skipped"),
    evaluates("String.len", strings::len, "length in UTF-16 units as Java counts; null has length 0 [inferred]"),
    evaluates("String.removeSpaces", strings::remove_spaces, "removes U+0020; other white space is Unknown"),
    evaluates("String.replace", strings::replace, "Unknown where reading `match` as a regex or as text differ"),
    evaluates("String.replaceFirst", strings::replace_first, "as String.replace, first occurrence only"),
    evaluates("String.startsWith", strings::starts_with, "null string gives false [inferred]"),
    evaluates("String.stringContains", strings::string_contains, "null string gives false [inferred]"),
    evaluates(
        "String.stringSwitch",
        strings::string_switch,
        "first key contained in the string wins (Okta's examples)",
    ),
    evaluates(
        "String.substring",
        strings::substring,
        "an end past the string is cut to it; negative indices are Unknown",
    ),
    evaluates("String.substringAfter", strings::substring_after, "text after the first match; no match gives \"\""),
    evaluates("String.substringBefore", strings::substring_before, "text before the first match; no match is Unknown"),
    evaluates("String.toUpperCase", strings::to_upper_case, "Unicode upper case, as Java's; null gives null"),
    evaluates("String.toLowerCase", strings::to_lower_case, "Unicode lower case, as Java's; null gives null"),
    evaluates("toUpperCase", strings::to_upper_case, "deprecated; evaluated as String.toUpperCase"),
    evaluates("toLowerCase", strings::to_lower_case, "deprecated; evaluated as String.toLowerCase"),
    evaluates("substringBefore", strings::substring_before, "deprecated; evaluated as String.substringBefore"),
    evaluates("substringAfter", strings::substring_after, "deprecated; evaluated as String.substringAfter"),
    evaluates("substring", strings::substring, "deprecated; evaluated as String.substring"),
    evaluates("Arrays.add", arrays::add, "appends; a null array is Unknown"),
    evaluates("Arrays.remove", arrays::remove, "a value found more than once is Unknown (first or every?)"),
    evaluates("Arrays.clear", arrays::clear, "the empty array; a null array is Unknown"),
    evaluates("Arrays.get", arrays::get, "a position outside the array fails"),
    evaluates("Arrays.flatten", arrays::flatten, "fails on a null or empty value, as Okta support documents"),
    evaluates("Arrays.contains", arrays::contains, "compares as `==` does"),
    evaluates("Arrays.size", arrays::size, "null has size 0 (Okta's example)"),
    evaluates("Arrays.isEmpty", arrays::is_empty, "null is empty (Okta's example)"),
    evaluates("Arrays.toCsvString", arrays::to_csv_string, "joins with `,`; a null element is Unknown"),
    evaluates("Convert.toInt", convert::to_int, "digits or a number, rounded; other text fails; x.5 is Unknown"),
    evaluates("Convert.toNum", convert::to_num, "a decimal number; text without digits fails"),
    evaluates("Iso3166Convert.toAlpha2", convert::to_alpha2, "upper-case alpha-2, alpha-3 or numeric code in"),
    evaluates("Iso3166Convert.toAlpha3", convert::to_alpha3, "upper-case alpha-2, alpha-3 or numeric code in"),
    evaluates("Iso3166Convert.toNumeric", convert::to_numeric, "upper-case alpha-2, alpha-3 or numeric code in"),
    evaluates("Iso3166Convert.toName", convert::to_name, "names from rules/iso3166.tsv; Okta confirms only India"),
    evaluates("user.getInternalProperty", internal_property, "the id and status columns of the users file"),
    unknown("isMemberOfGroupName", GROUPS),
    unknown("isMemberOfGroup", GROUPS),
    unknown("isMemberOfAnyGroup", GROUPS),
    unknown("isMemberOfGroupNameStartsWith", GROUPS),
    unknown("isMemberOfGroupNameContains", GROUPS),
    unknown("isMemberOfGroupNameRegex", GROUPS),
    unknown("getFilteredGroups", GROUPS),
    unknown("user.getGroups", GROUPS),
    unknown("Groups.contains", CLAIMS),
    unknown("Groups.startsWith", CLAIMS),
    unknown("Groups.endsWith", CLAIMS),
    unknown("user.getLinkedObject", "linked objects (such as the manager's profile) are not in a users export"),
    unknown("Time.now", "`Time.now` depends on the time of the sync"),
    unknown("Time.fromWindowsToIso8601", TIME),
    unknown("Time.fromUnixToIso8601", TIME),
    unknown("Time.fromStringToIso8601", TIME),
    unknown("Time.fromIso8601ToWindows", TIME),
    unknown("Time.fromIso8601ToUnix", TIME),
    unknown("Time.fromIso8601ToString", TIME),
    unknown("getManagerUser", MANAGER),
    unknown("getManagerAppUser", MANAGER),
    unknown("getAssistantUser", MANAGER),
    unknown("getAssistantAppUser", MANAGER),
    unknown("hasDirectoryUser", DIRECTORY),
    unknown("hasWorkdayUser", DIRECTORY),
    unknown("findDirectoryUser", DIRECTORY),
    unknown("findWorkdayUser", DIRECTORY),
];

static BY_NAME: LazyLock<HashMap<(&'static str, &'static str), &'static Coverage>> = LazyLock::new(|| {
    COVERAGE
        .iter()
        .map(|entry| {
            let key = entry.name.rsplit_once('.').unwrap_or(("", entry.name));
            (key, entry)
        })
        .collect()
});

/// The entry of the function `namespace.name` (or bare `name`).
#[must_use]
pub fn resolve(namespace: Option<&str>, name: &str) -> Option<&'static Coverage> {
    let map: &HashMap<(&str, &str), &'static Coverage> = &BY_NAME;
    map.get(&(namespace.unwrap_or(""), name)).copied()
}

/// The entry of a function by its catalogue name (`String.len`).
#[must_use]
pub fn lookup(name: &str) -> Option<&'static Coverage> {
    COVERAGE.iter().find(|entry| entry.name == name)
}
