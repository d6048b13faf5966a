//! miette's wrapping of a finding's texts, done once where many findings share a text and
//! skipped where it changes nothing: wrapping words by Unicode's line-breaking rules was most of
//! drawing a finding.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::human::{HumanOptions, theme};
use crate::finding::Severity;

/// Helps as miette's footer writes them, each text wrapped once. miette writes the help last of
/// a report with no related diagnostics, so a report drawn without it, followed by this, is what
/// miette draws with it; and many findings share one help (every T101 the same long one), whose
/// wrapping was a third of a large run.
pub(super) struct Helps {
    indent: String,
    width: usize,
    wrapped: Mutex<Wrapped>,
}

/// Wrapped helps by the address and length of a finding's shared text (one hash of two numbers
/// for 400,000 findings of one text), and by the text itself (one help written alike by the
/// checks of ten thousand apps).
#[derive(Default)]
struct Wrapped {
    by_address: HashMap<(usize, usize), Arc<str>>,
    by_text: HashMap<Arc<str>, Arc<str>>,
}

impl Helps {
    pub(super) fn new(options: &HumanOptions) -> Self {
        let indent = theme(options).styles.help.style("  help: ").to_string();
        Self { indent, width: options.width.saturating_sub(2), wrapped: Mutex::default() }
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

    pub(super) fn shared(&self, help: &Arc<str>) -> Arc<str> {
        let address = (help.as_ptr() as usize, help.len());
        let mut known = None;
        if let Ok(wrapped) = self.wrapped.lock() {
            if let Some(text) = wrapped.by_address.get(&address) {
                return Arc::clone(text);
            }
            known = wrapped.by_text.get(&**help).cloned();
        }
        let text = known.unwrap_or_else(|| Arc::from(self.wrap(help)));
        if let Ok(mut wrapped) = self.wrapped.lock() {
            wrapped.by_address.entry(address).or_insert_with(|| Arc::clone(&text));
            wrapped.by_text.entry(Arc::clone(help)).or_insert_with(|| Arc::clone(&text));
        }
        text
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
    use crate::finding::Severity;

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
        let helps = Helps::new(&HumanOptions::default());
        let text = "list your group names under `groups.country` in scimlint.yaml so that scimlint can check them";
        let (first, second): (Arc<str>, Arc<str>) = (Arc::from(text), Arc::from(text));
        assert!(!Arc::ptr_eq(&first, &second));
        let wrapped = helps.shared(&first);
        assert_eq!(&*wrapped, helps.wrap(text));
        assert!(Arc::ptr_eq(&wrapped, &helps.shared(&second)));
    }
}
