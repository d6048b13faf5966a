//! miette's wrapping of a finding's texts, done once where many findings share a text and
//! skipped where it changes nothing: wrapping words by Unicode's line-breaking rules was most of
//! drawing a finding.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use super::human::{HumanOptions, theme};
use crate::finding::{Finding, Severity};

/// Helps as miette's footer writes them, each text wrapped once. miette writes the help last of
/// a report with no related diagnostics, so a report drawn without it, followed by this, is what
/// miette draws with it; and many findings share one help (every T101 the same long one), whose
/// wrapping was a third of a large run. Every help is wrapped before the drawing starts, which
/// then only reads: a lock and a shared count taken for each of 400,000 findings drawn on two
/// cores were a fifth of the drawing's own time.
pub(super) struct Helps {
    indent: String,
    width: usize,
    /// Which of `wrapped` a finding's help is, by the address and length of its shared text
    /// (one hash of two numbers for 400,000 findings of one text).
    by_address: HashMap<(usize, usize), usize>,
    wrapped: Vec<String>,
}

fn address(help: &Arc<str>) -> (usize, usize) {
    (help.as_ptr() as usize, help.len())
}

impl Helps {
    /// The helps of `findings`, each distinct text wrapped once.
    pub(super) fn new(options: &HumanOptions, findings: &[Finding]) -> Self {
        let mut helps = Self {
            indent: theme(options).styles.help.style("  help: ").to_string(),
            width: options.width.saturating_sub(2),
            by_address: HashMap::new(),
            wrapped: Vec::new(),
        };
        // By the text too: one help written alike by the checks of ten thousand apps.
        let mut by_text: HashMap<&str, usize> = HashMap::new();
        let mut distinct: Vec<&str> = Vec::new();
        for help in findings.iter().filter_map(|finding| finding.help.as_ref()) {
            if let Entry::Vacant(vacant) = helps.by_address.entry(address(help)) {
                let index = *by_text.entry(help).or_insert_with(|| {
                    distinct.push(help);
                    distinct.len() - 1
                });
                vacant.insert(index);
            }
        }
        helps.wrapped = crate::parallel::map_ref(&distinct, |help| helps.wrap(help));
        helps
    }

    /// miette's `render_footer`, with its defaults (words broken, words found by Unicode's rules).
    pub(super) fn wrap(&self, help: &str) -> String {
        let options = textwrap::Options::new(self.width)
            .initial_indent(&self.indent)
            .subsequent_indent("        ")
            .break_words(true);
        let mut text = textwrap::fill(help, options);
        text.push('\n');
        text
    }

    /// `help` wrapped: as wrapped before the drawing, or now if it was not among the findings.
    pub(super) fn shared(&self, help: &Arc<str>) -> Cow<'_, str> {
        match self.by_address.get(&address(help)).and_then(|&index| self.wrapped.get(index)) {
            Some(wrapped) => Cow::Borrowed(wrapped),
            None => Cow::Owned(self.wrap(help)),
        }
    }
}

/// Whether miette's `render_causes` would leave a message as it is: one line of printable ASCII
/// with no space at either end that fits beside its severity's icon. textwrap then puts all its
/// words on the first line (first fit: every word fits where they all do) and writes the line as
/// given, which is what miette writes when it does not wrap.
pub(super) struct Messages {
    /// Columns beside the icon, by severity: error, warning, advice.
    room: [usize; 3],
}

impl Messages {
    pub(super) fn new(options: &HumanOptions) -> Self {
        let theme = theme(options);
        let (characters, styles) = (&theme.characters, &theme.styles);
        let width = options.width.saturating_sub(2);
        // As `render_causes` writes it: two spaces, the icon in its style, a space.
        let beside = |indent: String| width.saturating_sub(textwrap::core::display_width(&indent));
        Self {
            room: [
                beside(format!("  {} ", styles.error.style(&characters.error))),
                beside(format!("  {} ", styles.warning.style(&characters.warning))),
                beside(format!("  {} ", styles.advice.style(&characters.advice))),
            ],
        }
    }

    pub(super) fn fits(&self, message: &str, severity: Severity) -> bool {
        let room = match severity {
            Severity::Error => self.room[0],
            Severity::Warning => self.room[1],
            Severity::Info => self.room[2],
        };
        !message.is_empty()
            && message.len() <= room
            && message.bytes().all(|byte| (b' '..=b'~').contains(&byte))
            && !message.starts_with(' ')
            && !message.ends_with(' ')
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{Helps, HumanOptions, Messages, theme};
    use crate::finding::{Finding, Severity};
    use crate::ruleset::Code;
    use crate::source::Span;

    /// What `fits` promises, tried on many messages: textwrap, as miette calls it, writes the
    /// message as given.
    #[test]
    fn a_message_that_fits_is_written_as_textwrap_would_write_it() {
        let words = [
            "`user.firstName`",
            "is",
            "not",
            "a",
            "Haiilo",
            "attribute",
            "Create-and-update",
            "a/b",
            "(x)",
            "--",
            "-",
            "e.g.",
            "String.substringBefore(user.email,",
            "\"@\")",
            "1,000",
            "50%",
            "x:y",
            "user.countryCode",
            "`k-1`",
            "—",
            "?",
            "ab-cd-ef-gh-ij-kl-mn-op",
            "https://developer.okta.com/docs/reference/okta-expression-language/",
        ];
        let mut seed: u64 = 20_261_202;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or_default() % below
        };
        let mut tried = 0;
        for color in [false, true] {
            for width in [20, 24, 33, 40, 60, 80, 100, 120] {
                let options = HumanOptions { color, unicode: true, width };
                let messages = Messages::new(&options);
                let theme = theme(&options);
                let indent = format!("  {} ", theme.styles.error.style(&theme.characters.error));
                let rest = format!("  {} ", theme.styles.error.style(&theme.characters.vbar));
                for _ in 0..500 {
                    let count = 1 + next(12);
                    let message: Vec<&str> = (0..count).map(|_| words[next(words.len())]).collect();
                    let message = message.join(if next(5) == 0 { "  " } else { " " });
                    if !messages.fits(&message, Severity::Error) {
                        continue;
                    }
                    tried += 1;
                    let wrap = textwrap::Options::new(width - 2)
                        .initial_indent(&indent)
                        .subsequent_indent(&rest)
                        .break_words(true);
                    assert_eq!(textwrap::fill(&message, wrap), format!("{indent}{message}"), "width {width}");
                }
            }
        }
        assert!(tried > 1_000, "only {tried} messages fit");
    }

    /// Two findings that say the same help in two copies (the checks of two apps) get one
    /// wrapping: the second is the first's.
    #[test]
    fn a_help_written_twice_is_wrapped_once() {
        let text = "list your group names under `groups.country` in scimlint.yaml so that scimlint can check them";
        let (first, second): (Arc<str>, Arc<str>) = (Arc::from(text), Arc::from(text));
        assert!(!Arc::ptr_eq(&first, &second));
        let finding = |help: &Arc<str>| Finding::new(Code::V501, 0, Span::new(0, 1), "m").help(Arc::clone(help));
        let helps = Helps::new(&HumanOptions::default(), &[finding(&first), finding(&second)]);
        assert_eq!(helps.wrapped.len(), 1);
        let wrapped = helps.shared(&first);
        assert_eq!(&*wrapped, helps.wrap(text));
        assert!(std::ptr::eq(wrapped.as_ptr(), helps.shared(&second).as_ptr()));
        // A help no finding had is wrapped when asked for.
        let other: Arc<str> = Arc::from("another help");
        assert_eq!(&*helps.shared(&other), helps.wrap("another help"));
    }
}
