//! Rules for Arabic (and other languages written in Arabic script without
//! letter case).
//!
//! Arabic has no capitals, so UAX #29 ends a sentence at every `.`, `؟`,
//! `!` followed by a space and a letter, and `…` is added as a full stop.
//! That is right far more often than in English; what it gets wrong in
//! scraped Arabic news is:
//!
//! - **the `.,` separator.** Some sites join sentences with a full stop and
//!   a comma (`شباط., جاء`, also `. ,` and `.،`). UAX #29 reads the comma as
//!   a continuation (SB8a); here it is a boundary, and the comma stays at
//!   the end of the sentence before it, so every byte is still in a span.
//!   A bare ` , ` without a full stop is only a comma (sites that type
//!   Latin commas in Arabic write `روسيا , للتسريع` mid-sentence).
//! - **abbreviations.** A single Arabic letter before a full stop is an
//!   abbreviation: `د.` (doctor), `م.` (engineer), `أ.` (professor), and
//!   dotted runs like `ق.م` and `أ.د`. Arabic has no one-letter words
//!   (`و`, `ب`, `ل` are prefixes), so this is safe. The exception is a
//!   year suffix after a number (`عام 2019 م.`, `1440هـ.`, `500 ق.م.`),
//!   which ends sentences in news far more often than it precedes a name,
//!   so there the full stop stays a boundary.
//! - **Latin inside Arabic.** `U.S.`, single initials and English titles
//!   (`Dr.`) do not end a sentence; `CNN.` does. Latin words without a
//!   full stop never cause a split (the scanner stops only at
//!   terminators).
//!
//! Guillemets and quotes need no rule of their own: closing quotes after a
//! terminator (`.»`, `."`) are part of the terminator sequence, so the
//! sentence ends after the quote.

use super::abbrev::Abbrevs;
use super::latin::{is_dotted_acronym, word_before};
use super::scan::{char_at, Cluster, Raw};
use super::Cut;

/// Arabic tatweel (kashida): a stretching stroke, part of `هـ`.
const TATWEEL: char = '\u{0640}';

#[derive(Debug)]
pub(crate) struct Arabic {
    /// English abbreviations, for Latin words inside Arabic text.
    latin: &'static Abbrevs,
}

impl Arabic {
    pub(crate) fn new() -> Arabic {
        Arabic {
            latin: Abbrevs::for_lang("en"),
        }
    }

    pub(crate) fn decide(&self, text: &str, cl: &Cluster) -> Cut {
        match cl.raw {
            Raw::Sep => Cut::At(cl.end),
            Raw::Break
                if cl.is_bare_full_stop() && self.is_abbreviation(text, cl.start, cl.end) =>
            {
                Cut::No
            }
            Raw::Break => Cut::At(cl.end),
            Raw::Continue => match self.separator_comma(text, cl) {
                Some(len) => Cut::At(cl.end + len),
                None => Cut::No,
            },
            Raw::Decimal | Raw::Acronym | Raw::Lower => Cut::No,
        }
    }

    /// The byte length of the comma when `cl` is the `.,` separator.
    fn separator_comma(&self, text: &str, cl: &Cluster) -> Option<usize> {
        // A quote between the full stop and the comma (`.», قال`) is a
        // quoted sentence inside a longer one, not the scraped separator.
        if cl.last_char != '.' || cl.close_end != cl.last + 1 {
            return None;
        }
        let comma = char_at(text, cl.end).filter(|&c| c == ',' || c == '،')?;
        if cl.is_bare_full_stop() && self.is_abbreviation(text, cl.start, cl.end) {
            return None;
        }
        Some(comma.len_utf8())
    }

    /// Whether the word before the full stop at `at` is an abbreviation;
    /// `next` is where the text after the full stop and its spaces starts.
    fn is_abbreviation(&self, text: &str, at: usize, next: usize) -> bool {
        let Some(word) = word_before(text, at) else {
            return false;
        };
        if word.chars().any(|c| c.is_ascii_alphabetic()) {
            // A Latin initial is followed by the rest of a Latin name
            // (`J. Doe`); before an Arabic word it is more likely a grade or
            // a letter ending the sentence (`على الدرجة A. يبين`).
            let initial = word.chars().count() == 1
                && char_at(text, next).is_some_and(|c| c.is_ascii_alphabetic());
            return initial || is_dotted_acronym(word) || self.latin.never_final(word);
        }
        // A number with a letter (`2019م`) is a year, not an abbreviation.
        if word.starts_with(|c: char| c.is_numeric()) {
            return false;
        }
        let Some(letters) = single_letters(word) else {
            return false;
        };
        let year_suffix = matches!(letters.as_slice(), ['م'] | ['ه'] | ['ق', 'م']);
        !(year_suffix && number_before(text, at - word.len()))
    }
}

/// The letters of `word` when it is single letters joined by full stops
/// (`د`, `ق.م`, `هـ`), ignoring tatweel and diacritics; otherwise `None`.
fn single_letters(word: &str) -> Option<Vec<char>> {
    let mut letters = Vec::with_capacity(2);
    for part in word.split('.') {
        let mut chars = part
            .chars()
            .filter(|&c| c != TATWEEL && c.is_alphabetic() && !is_mark(c));
        match (chars.next(), chars.next()) {
            (Some(c), None) => letters.push(c),
            _ => return None,
        }
    }
    Some(letters)
}

/// Arabic diacritics (harakat, shadda, superscript alef): `is_alphabetic`
/// counts some of them as letters.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// Whether a number ends just before byte `at`, allowing spaces between.
fn number_before(text: &str, at: usize) -> bool {
    let Some(head) = text.get(..at) else {
        return false;
    };
    head.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_numeric())
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::segment::tests::sentences;

    fn ar(text: &str) -> Vec<&str> {
        sentences(text, &Lang::ar())
    }

    #[test]
    fn arabic_terminators_end_sentences() {
        assert_eq!(
            ar("هل حضر؟ نعم! حضر. ثم غادر… وانتهى"),
            ["هل حضر؟", "نعم!", "حضر.", "ثم غادر…", "وانتهى"]
        );
    }

    #[test]
    fn full_stop_without_space_before_a_letter_ends_sentence() {
        // 001 and 004 in data/: `الدولي.غير أن`, `لتقديمه».وأضاف`.
        assert_eq!(
            ar("المجتمع الدولي.غير أن كيم شدد. قال «لتقديمه».وأضاف أن"),
            [
                "المجتمع الدولي.",
                "غير أن كيم شدد.",
                "قال «لتقديمه».",
                "وأضاف أن"
            ]
        );
    }

    #[test]
    fn period_comma_separator_is_a_boundary_keeping_the_comma() {
        // 000 in data/: `فبراير/ شباط., جاء`, `"أواخر شباط/فبراير" ., وعلى`.
        assert_eq!(
            ar("أواخر فبراير/ شباط., جاء الإعلان. قالت \"أواخر شباط/فبراير\" ., وعلى الرغم .، ثم"),
            [
                "أواخر فبراير/ شباط.,",
                "جاء الإعلان.",
                "قالت \"أواخر شباط/فبراير\" .,",
                "وعلى الرغم .،",
                "ثم"
            ]
        );
    }

    #[test]
    fn quoted_sentence_then_period_comma_splits_after_the_comma() {
        // 000: `في تاريخ لاحق"., ورحبت سيول`.
        assert_eq!(
            ar("في تاريخ لاحق\"., ورحبت سيول"),
            ["في تاريخ لاحق\".,", "ورحبت سيول"]
        );
    }

    #[test]
    fn lone_space_comma_is_not_a_separator() {
        // 001: `ودعت في السياق روسيا , للتسريع` is one sentence.
        assert_eq!(
            ar("ودعت في السياق روسيا , للتسريع بعقد لقاء."),
            ["ودعت في السياق روسيا , للتسريع بعقد لقاء."]
        );
    }

    #[test]
    fn arabic_comma_and_semicolon_do_not_end_sentences() {
        assert_eq!(
            ar("قال، ثم ذهب؛ وعاد. انتهى"),
            ["قال، ثم ذهب؛ وعاد.", "انتهى"]
        );
    }

    #[test]
    fn guillemets_close_after_the_terminator() {
        assert_eq!(
            ar("وقال: «سأفعل ذلك.» ثم غادر. وقالت «هل تأتي؟» فأجاب"),
            [
                "وقال: «سأفعل ذلك.»",
                "ثم غادر.",
                "وقالت «هل تأتي؟»",
                "فأجاب"
            ]
        );
    }

    #[test]
    fn latin_runs_inside_arabic_do_not_split() {
        assert_eq!(
            ar("نقلت شبكة CNN عن مصادر في U.S. أن قمة APEC (Asia-Pacific) ستعقد. وقال Dr. Smith إن J. Doe وصل"),
            [
                "نقلت شبكة CNN عن مصادر في U.S. أن قمة APEC (Asia-Pacific) ستعقد.",
                "وقال Dr. Smith إن J. Doe وصل"
            ]
        );
        // A Latin word that is not an abbreviation ends the sentence.
        assert_eq!(
            ar("نقلت ذلك شبكة CNN. وقال"),
            ["نقلت ذلك شبكة CNN.", "وقال"]
        );
    }

    #[test]
    fn single_letter_arabic_abbreviations_do_not_split() {
        assert_eq!(
            ar("التقى د. محمد مع م. أحمد و أ. د. علي عام 500 ق.م في القاهرة. ثم"),
            [
                "التقى د. محمد مع م. أحمد و أ. د. علي عام 500 ق.م في القاهرة.",
                "ثم"
            ]
        );
        assert_eq!(ar("قال د.محمد إن"), ["قال د.محمد إن"]);
    }

    #[test]
    fn year_suffix_after_a_number_ends_sentence() {
        assert_eq!(
            ar("ولد عام 1950 م. وقال إنه في 1440هـ. وبنيت عام 500 ق.م. ثم"),
            [
                "ولد عام 1950 م.",
                "وقال إنه في 1440هـ.",
                "وبنيت عام 500 ق.م.",
                "ثم"
            ]
        );
    }

    #[test]
    fn decimals_in_both_digit_systems_do_not_split() {
        assert_eq!(
            ar("بلغ النمو 3.5 بالمئة و٣٫٥ و٣.٥ بالمئة. ثم"),
            ["بلغ النمو 3.5 بالمئة و٣٫٥ و٣.٥ بالمئة.", "ثم"]
        );
    }

    #[test]
    fn abbreviation_before_comma_is_not_a_separator() {
        assert_eq!(ar("في U.S., ثم د., وقال"), ["في U.S., ثم د., وقال"]);
    }
}
