//! Rules for languages written with case: English, and the generic rules
//! every other language gets.
//!
//! UAX #29 already keeps decimals (`3.5`) and lowercase continuations
//! (`etc. and`) together; what it gets wrong in news text is a full stop
//! followed by a capital that is not a new sentence. A full stop does not
//! end the sentence after
//!
//! - a listed abbreviation (`Mr. Smith`; `Jan. 5` only before a number),
//! - a single capital initial before a capital (`J. R. R. Tolkien`),
//! - (English) a dotted acronym before a capital (`U.S. Army`);
//!
//! except that in English a common sentence starter after an initial or an
//! acronym still ends the sentence (`... the U.S. The ...`, `... grade A.
//! This ...`);
//!
//! and `?` or `!` followed by a lowercase word does not end it either
//! (`"Why?" he asked.`), which UAX #29 only allows after a full stop.

use super::abbrev::{self, Abbrevs, WordList};
use super::class::{class, Class};
use super::scan::{char_at, Cluster, Raw};
use super::Cut;

/// Longest word that is looked at as a possible abbreviation, in bytes;
/// longer runs (a URL, a long token) are never abbreviations, and the bound
/// keeps the look-back constant-time.
const MAX_WORD: usize = 32;

/// The rules for one cased language.
#[derive(Debug)]
pub(crate) struct Latin {
    abbrevs: &'static Abbrevs,
    /// Sentence starters for the dotted-acronym rule; only English has them.
    starters: Option<&'static WordList>,
}

impl Latin {
    pub(crate) fn english() -> Latin {
        Latin {
            abbrevs: Abbrevs::for_lang("en"),
            starters: Some(abbrev::english_starters()),
        }
    }

    pub(crate) fn generic(primary: &str) -> Latin {
        Latin {
            abbrevs: Abbrevs::for_lang(primary),
            starters: None,
        }
    }

    pub(crate) fn decide(&self, text: &str, cl: &Cluster) -> Cut {
        match cl.raw {
            Raw::Sep => Cut::At(cl.end),
            Raw::Break if self.joins(text, cl) => Cut::No,
            Raw::Break => Cut::At(cl.end),
            Raw::Decimal | Raw::Acronym | Raw::Lower | Raw::Continue => Cut::No,
        }
    }

    /// Whether a UAX #29 boundary at `cl` is wrong.
    fn joins(&self, text: &str, cl: &Cluster) -> bool {
        let next = char_at(text, cl.end).map(class);
        if class(cl.last_char) == Class::STerm && next == Some(Class::Lower) {
            return true;
        }
        if !cl.is_bare_full_stop() {
            return false;
        }
        let Some(word) = word_before(text, cl.start) else {
            return false;
        };
        if self.abbrevs.never_final(word) {
            return true;
        }
        if next == Some(Class::Numeric) && self.abbrevs.before_number(word) {
            return true;
        }
        if next != Some(Class::Upper) {
            return false;
        }
        // An initial or a dotted acronym before a capital is usually part
        // of a name (`J. Smith`, `U.S. Army`); where a starter list exists,
        // a common sentence opener after it still ends the sentence (`an
        // A. This`, `the U.S. The`). One-letter openers (`A`, `I`) are left
        // out of that test so `J. A. Smith` stays whole.
        if !(is_initial(word) || self.starters.is_some() && is_dotted_acronym(word)) {
            return false;
        }
        match self.starters {
            Some(starters) => {
                let next_word = word_after(text, cl.end);
                next_word.chars().nth(1).is_none() || !starters.contains(next_word)
            }
            None => true,
        }
    }
}

/// The word that ends at byte `at`: letters, digits, combining marks and
/// inner full stops (`U.S`, `z.B`, `2019م`). `None` when there is none or it
/// is longer than [`MAX_WORD`].
pub(crate) fn word_before(text: &str, at: usize) -> Option<&str> {
    let head = text.get(..at)?;
    let mut start = at;
    for (i, c) in head.char_indices().rev() {
        if !(c.is_alphanumeric() || c == '.' || class(c).is_ignorable()) {
            break;
        }
        if at - i > MAX_WORD {
            return None;
        }
        start = i;
    }
    let word = head.get(start..)?.trim_start_matches('.');
    (!word.is_empty()).then_some(word)
}

/// The letters that start at byte `at` (at most [`MAX_WORD`] bytes).
pub(crate) fn word_after(text: &str, at: usize) -> &str {
    let rest = text.get(at..).unwrap_or("");
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        if !c.is_alphabetic() || i >= MAX_WORD {
            break;
        }
        end = i + c.len_utf8();
    }
    rest.get(..end).unwrap_or("")
}

/// One capital letter: a name's initial (`J`, `É`).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Two or more single letters joined by full stops: `U.S`, `e.g`, `D.C`.
pub(crate) fn is_dotted_acronym(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let mut chars = part.chars().filter(|&c| !class(c).is_ignorable());
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_alphabetic() => parts += 1,
            _ => return false,
        }
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::segment::tests::sentences;

    fn en(text: &str) -> Vec<&str> {
        sentences(text, &Lang::en())
    }

    #[test]
    fn plain_sentences_split() {
        assert_eq!(
            en("He left. She stayed! Why? No."),
            ["He left.", "She stayed!", "Why?", "No."]
        );
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            en("Mr. Smith met Dr. Jones and Mrs. Brown at St. Paul's. Then they left."),
            [
                "Mr. Smith met Dr. Jones and Mrs. Brown at St. Paul's.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn months_and_no_join_only_before_a_number() {
        assert_eq!(
            en("It opened on Jan. 5 at No. 10 Downing St. It closed in Dec. The end."),
            [
                "It opened on Jan. 5 at No. 10 Downing St. It closed in Dec.",
                "The end."
            ]
        );
        assert_eq!(
            en("He said no. Then he left."),
            ["He said no.", "Then he left."]
        );
    }

    #[test]
    fn dotted_acronyms_join_unless_a_sentence_starter_follows() {
        assert_eq!(
            en("The U.S. Army and the U.K. government met. It rained in the U.S. The talks ended."),
            [
                "The U.S. Army and the U.K. government met.",
                "It rained in the U.S.",
                "The talks ended."
            ]
        );
    }

    #[test]
    fn e_g_and_i_e_and_vs_never_end_sentences() {
        assert_eq!(
            en("Cities, e.g. Paris, i.e. France. Arsenal vs. Chelsea ended 2-1."),
            [
                "Cities, e.g. Paris, i.e. France.",
                "Arsenal vs. Chelsea ended 2-1."
            ]
        );
    }

    #[test]
    fn etc_ends_a_sentence_only_before_a_capital() {
        assert_eq!(
            en("Apples, pears, etc. are fruit. We ate apples, pears, etc. Then we slept."),
            [
                "Apples, pears, etc. are fruit.",
                "We ate apples, pears, etc.",
                "Then we slept."
            ]
        );
    }

    #[test]
    fn initials_join_names() {
        assert_eq!(
            en("J. R. R. Tolkien wrote it. Kim J. Un agreed with J. A. Smith."),
            [
                "J. R. R. Tolkien wrote it.",
                "Kim J. Un agreed with J. A. Smith."
            ]
        );
    }

    #[test]
    fn capital_letter_before_a_sentence_starter_ends_sentence() {
        // ntrex128 scotsman.133744: "achieved a Higher grade A. The data".
        assert_eq!(
            en("They achieved a grade A. The data show it. He took vitamin C. It helped."),
            [
                "They achieved a grade A.",
                "The data show it.",
                "He took vitamin C.",
                "It helped."
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(
            en("Growth was 3.5 percent. It fell."),
            ["Growth was 3.5 percent.", "It fell."]
        );
    }

    #[test]
    fn ellipsis_ends_before_a_capital_not_before_lowercase() {
        assert_eq!(
            en("He paused… and went on. Then… Nothing. Wait... What?"),
            [
                "He paused… and went on.",
                "Then…",
                "Nothing.",
                "Wait...",
                "What?"
            ]
        );
    }

    #[test]
    fn quotes_and_brackets_stay_with_the_full_stop() {
        assert_eq!(
            en("He said \"stop.\" She did. (It worked.) 'Really?' Yes."),
            [
                "He said \"stop.\"",
                "She did.",
                "(It worked.)",
                "'Really?'",
                "Yes."
            ]
        );
    }

    #[test]
    fn question_before_lowercase_does_not_end_sentence() {
        // UAX #29 splits after `?"` whatever follows.
        assert_eq!(
            en("\"Why?\" he asked. \"Now!\" she said."),
            ["\"Why?\" he asked.", "\"Now!\" she said."]
        );
    }

    #[test]
    fn generic_rules_use_the_language_list_and_initials() {
        let de = |t| sentences(t, &Lang::new("de"));
        assert_eq!(
            de("Das ist z.B. Berlin. Dr. Müller kam um ca. 5 Uhr. Es regnete."),
            [
                "Das ist z.B. Berlin.",
                "Dr. Müller kam um ca. 5 Uhr.",
                "Es regnete."
            ]
        );
        let fr = |t| sentences(t, &Lang::new("fr"));
        assert_eq!(
            fr("M. Dupont est là. Il pleut, p.ex. Lundi. Fin."),
            ["M. Dupont est là.", "Il pleut, p.ex. Lundi.", "Fin."]
        );
        // A language without a list still gets initials and decimals.
        let it = |t| sentences(t, &Lang::new("it"));
        assert_eq!(
            it("Lo disse G. Verdi a 3.5 km. Fine."),
            ["Lo disse G. Verdi a 3.5 km.", "Fine."]
        );
    }
}
