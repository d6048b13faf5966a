//! Rule codes. Their names, severities and documentation live in `rules/` (see [`crate::rulebook`]).

use std::fmt;
use std::str::FromStr;

use crate::finding::Severity;

/// Every rule scimlint knows, in the order `scimlint rules` lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    F001,
    F002,
    F003,
    F004,
    F005,
    F006,
    F007,
    F008,
    F009,
    T101,
    T102,
    T103,
    T104,
    T105,
    T106,
    T107,
    P301,
    P302,
    P303,
    P304,
    P305,
    P306,
    S401,
    X201,
    X202,
    X203,
    X204,
    X205,
    X206,
    X207,
    X208,
    X209,
    T108,
    T109,
    F010,
}

impl Code {
    pub const ALL: &'static [Code] = &[
        Code::F001,
        Code::F002,
        Code::F003,
        Code::F004,
        Code::F005,
        Code::F006,
        Code::F007,
        Code::F008,
        Code::F009,
        Code::T101,
        Code::T102,
        Code::T103,
        Code::T104,
        Code::T105,
        Code::T106,
        Code::T107,
        Code::P301,
        Code::P302,
        Code::P303,
        Code::P304,
        Code::P305,
        Code::P306,
        Code::S401,
        Code::X201,
        Code::X202,
        Code::X203,
        Code::X204,
        Code::X205,
        Code::X206,
        Code::X207,
        Code::X208,
        Code::X209,
        Code::T108,
        Code::T109,
        Code::F010,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Code::F001 => "F001",
            Code::F002 => "F002",
            Code::F003 => "F003",
            Code::F004 => "F004",
            Code::F005 => "F005",
            Code::F006 => "F006",
            Code::F007 => "F007",
            Code::F008 => "F008",
            Code::F009 => "F009",
            Code::T101 => "T101",
            Code::T102 => "T102",
            Code::T103 => "T103",
            Code::T104 => "T104",
            Code::T105 => "T105",
            Code::T106 => "T106",
            Code::T107 => "T107",
            Code::P301 => "P301",
            Code::P302 => "P302",
            Code::P303 => "P303",
            Code::P304 => "P304",
            Code::P305 => "P305",
            Code::P306 => "P306",
            Code::S401 => "S401",
            Code::X201 => "X201",
            Code::X202 => "X202",
            Code::X203 => "X203",
            Code::X204 => "X204",
            Code::X205 => "X205",
            Code::X206 => "X206",
            Code::X207 => "X207",
            Code::X208 => "X208",
            Code::X209 => "X209",
            Code::T108 => "T108",
            Code::T109 => "T109",
            Code::F010 => "F010",
        }
    }

    /// The rule's name and default severity, from `rules/rules.yaml`.
    #[must_use]
    pub fn info(self) -> &'static crate::rulebook::RuleInfo {
        crate::rulebook::rulebook().rule(self)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        &self.info().name
    }

    #[must_use]
    pub fn default_severity(self) -> Severity {
        self.info().severity
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Code {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Code::ALL.iter().copied().find(|code| code.as_str().eq_ignore_ascii_case(text)).ok_or(())
    }
}
