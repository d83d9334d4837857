//! The scanner: UAX #29's sentence-boundary rules, evaluated only where a
//! sentence can end.
//!
//! UAX #29 puts a boundary only after a separator (SB4) or after a
//! terminator sequence `SATerm Close* Sp*` (SB11), unless rules SB6–SB8a
//! forbid it. So instead of classifying every character, the scanner skips
//! bytes until the next full stop, `!`, `?` (or another terminator or
//! separator) and only there reads the characters around it. Each such
//! place becomes a [`Cluster`]: the terminators (merged as SB8a merges
//! `?!` and `...`), the closing quotes and brackets after them, the spaces
//! after those, and UAX #29's verdict with the rule that gave it. Language
//! rules then accept or overrule the verdict.
//!
//! With `ellipsis` off the scanner agrees with `unicode-segmentation`'s
//! `split_sentence_bound_indices` (a test checks it on random text); with it
//! on, `…` counts as a full stop, as Arabic and English writers use it.

use super::class::{self, class, Class};

/// What UAX #29 says at a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    /// SB11: a boundary at `end`.
    Break,
    /// SB4: a paragraph or line separator inside the paragraph; always a
    /// boundary.
    Sep,
    /// SB6: a full stop directly before a digit (`3.5`): no boundary.
    Decimal,
    /// SB7: letter, full stop, capital letter (`U.S.A`): no boundary.
    Acronym,
    /// SB8: the next letter is lowercase (`etc. and`): no boundary.
    Lower,
    /// SB8a: a comma, colon, semicolon or dash follows (`., `): no boundary.
    Continue,
}

/// A place where a sentence may end, with byte offsets into the scanned
/// text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cluster {
    /// The first terminator (or the separator).
    pub start: usize,
    /// The last terminator; equals `start` for a lone `.` or `?`.
    pub last: usize,
    pub first_char: char,
    pub last_char: char,
    /// After the terminators and the closing quotes and brackets.
    pub close_end: usize,
    /// After the spaces that follow: where the next sentence would start.
    pub end: usize,
    pub raw: Raw,
}

impl Cluster {
    /// A single `.` not followed by a closing quote or bracket: the only
    /// kind of full stop that can belong to an abbreviation.
    pub(crate) fn is_bare_full_stop(&self) -> bool {
        self.start == self.last && self.first_char == '.' && self.close_end == self.start + 1
    }
}

/// The class of `c`, with `…` promoted to a full stop when asked.
fn class_of(c: char, ellipsis: bool) -> Class {
    if ellipsis && c == '…' {
        Class::ATerm
    } else {
        class(c)
    }
}

/// The character starting at byte `i`, if `i` is in `text` and on a
/// character boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Offset of the next stop at or after `i`: the hot loop.
///
/// ASCII bytes are tested directly and two-byte characters (all of Arabic)
/// with one bit test; only three- and four-byte characters are decoded and
/// looked up.
fn find_stop(text: &str, mut i: usize, ellipsis: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if matches!(b, b'.' | b'!' | b'?' | b'\r' | b'\n') {
                return Some(i);
            }
            i += 1;
        } else if b < 0xC0 {
            // A continuation byte: only reachable if the caller started
            // mid-character; step over it rather than misread it.
            i += 1;
        } else if b < 0xE0 {
            let b1 = bytes.get(i + 1).copied().unwrap_or(0);
            let cp = ((b as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
            if class::is_stop_two_byte(cp) {
                return Some(i);
            }
            i += 2;
        } else {
            match char_at(text, i) {
                Some(c) => {
                    if (ellipsis && c == '…') || class::is_stop(c) {
                        return Some(i);
                    }
                    i += c.len_utf8();
                }
                None => i += 1,
            }
        }
    }
    None
}

/// Skips combining marks and format characters from `i` (SB5: they belong
/// to the character before them).
fn skip_ignorable(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if !class(c).is_ignorable() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Skips characters of class `k` (each with its combining marks) from `i`.
fn skip_class(text: &str, mut i: usize, k: Class) -> usize {
    while let Some(c) = char_at(text, i) {
        if class(c) != k {
            break;
        }
        i = skip_ignorable(text, i + c.len_utf8());
    }
    i
}

/// The class of the character before byte `i`, looking through combining
/// marks (SB5) to the base they attach to.
fn class_before(text: &str, i: usize) -> Option<Class> {
    let head = text.get(..i)?;
    head.chars().rev().map(class).find(|k| !k.is_ignorable())
}

/// SB8's look-ahead: skipping digits, spaces, punctuation other than
/// terminators, is the next letter lowercase?
fn lower_follows(text: &str, from: usize, ellipsis: bool) -> bool {
    let Some(rest) = text.get(from..) else {
        return false;
    };
    for c in rest.chars() {
        match class_of(c, ellipsis) {
            Class::Lower => return true,
            Class::Upper | Class::OLetter | Class::Sep | Class::ATerm | Class::STerm => {
                return false
            }
            _ => {}
        }
    }
    false
}

/// The next cluster at or after byte `from` of `text`, or `None` when no
/// terminator or separator is left.
pub(crate) fn next_cluster(text: &str, from: usize, ellipsis: bool) -> Option<Cluster> {
    let start = find_stop(text, from, ellipsis)?;
    let first_char = char_at(text, start)?;
    let after = start + first_char.len_utf8();
    if class(first_char) == Class::Sep {
        return Some(Cluster {
            start,
            last: start,
            first_char,
            last_char: first_char,
            close_end: after,
            end: after,
            raw: Raw::Sep,
        });
    }
    let (mut last, mut last_char) = (start, first_char);
    let mut q = skip_ignorable(text, after);
    loop {
        let cluster = |close_end, end, raw| Cluster {
            start,
            last,
            first_char,
            last_char,
            close_end,
            end,
            raw,
        };
        let is_aterm = class_of(last_char, ellipsis) == Class::ATerm;
        let next = char_at(text, q).map(|c| class_of(c, ellipsis));
        if is_aterm {
            // SB6 and SB7 look at the character right after the full stop.
            if next == Some(Class::Numeric) {
                return Some(cluster(q, q, Raw::Decimal));
            }
            if next == Some(Class::Upper)
                && matches!(class_before(text, last), Some(Class::Upper | Class::Lower))
            {
                return Some(cluster(q, q, Raw::Acronym));
            }
        }
        let close_end = skip_class(text, q, Class::Close);
        let end = skip_class(text, close_end, Class::Sp);
        let Some(c) = char_at(text, end) else {
            return Some(cluster(close_end, end, Raw::Break));
        };
        match class_of(c, ellipsis) {
            // SB8a: `?!`, `. .` and `.".` are one terminator sequence.
            Class::ATerm | Class::STerm => {
                last = end;
                last_char = c;
                q = skip_ignorable(text, end + c.len_utf8());
            }
            Class::SContinue => return Some(cluster(close_end, end, Raw::Continue)),
            Class::Sep => return Some(cluster(close_end, end, Raw::Break)),
            _ if is_aterm && lower_follows(text, end, ellipsis) => {
                return Some(cluster(close_end, end, Raw::Lower))
            }
            _ => return Some(cluster(close_end, end, Raw::Break)),
        }
    }
}

/// Byte offsets where UAX #29 (plain, no language rules) ends sentences in
/// `text`; for tests that compare the scanner with `unicode-segmentation`.
#[cfg(test)]
pub(crate) fn raw_boundaries(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(cl) = next_cluster(text, pos, false) {
        if matches!(cl.raw, Raw::Break | Raw::Sep) {
            out.push(cl.end);
        }
        pos = cl.end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Boundaries from `unicode-segmentation`, as trimmed spans.
    fn uax29_spans(text: &str) -> Vec<(usize, usize)> {
        text.split_sentence_bound_indices()
            .filter_map(|(off, piece)| trimmed(text, off, off + piece.len()))
            .collect()
    }

    fn scanner_spans(text: &str) -> Vec<(usize, usize)> {
        let mut cuts = raw_boundaries(text);
        cuts.push(text.len());
        let mut start = 0;
        let mut out = Vec::new();
        for cut in cuts {
            if let Some(s) = trimmed(text, start, cut) {
                out.push(s);
            }
            start = cut;
        }
        out
    }

    fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
        crate::input::trim_range(text, start..end).map(|r| (r.start, r.end))
    }

    #[test]
    fn agrees_with_uax29_on_the_tricky_cases() {
        for text in [
            "He left. She stayed.",
            "It costs 3.5 dollars. Really?",
            "The U.S.A is big. The U.S. Army too.",
            "He said etc. and left. Then?! Yes... no. Maybe.",
            "\"Stop.\" He did. (Really.) Fine.",
            "One.\u{2029}Two. \u{85}Three",
            "نقلت شبكة CNN. قالت؟ نعم، «قال.» ثم ٣.٥ و3.5.",
            "a.\u{301} b. \u{301}C. d",
            "end., next ., more",
            "",
            "\u{301}",
            "...",
            ". . .",
        ] {
            assert_eq!(scanner_spans(text), uax29_spans(text), "{text:?}");
        }
    }

    #[test]
    fn ellipsis_is_a_full_stop_only_when_asked() {
        let text = "قال… ثم ذهب";
        assert!(next_cluster(text, 0, false).is_none());
        let cl = next_cluster(text, 0, true).unwrap();
        assert_eq!(cl.raw, Raw::Break);
        assert_eq!(&text[cl.end..], "ثم ذهب");
    }

    #[test]
    fn cluster_takes_closing_quotes_then_spaces() {
        let text = "قال «انتهى.» ثم";
        let cl = next_cluster(text, 0, false).unwrap();
        assert_eq!(&text[..cl.close_end], "قال «انتهى.»");
        assert_eq!(&text[cl.end..], "ثم");
        assert_eq!(cl.raw, Raw::Break);
    }

    proptest! {
        /// The scanner is UAX #29: on random text over an alphabet of the
        /// characters the rules care about, it cuts where
        /// `unicode-segmentation` does.
        #[test]
        fn agrees_with_uax29_on_random_text(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', 'Z', 'é', 'É', ' ', ' ', '.', '.', '?', '!', ',', ';', ':', '-',
                '"', '\'', '(', ')', '«', '»', '”', '1', '٣', '٫', 'ب', 'م', '؟', '،',
                '۔', '…', '\u{64E}', '\u{200C}', '\u{200F}', '\u{A0}', '\u{2029}',
                '\r', '\n', '。', '\u{2024}', 'ß', '\u{1F600}',
            ]), 0..40)
        ) {
            let text: String = chars.into_iter().collect();
            prop_assert_eq!(scanner_spans(&text), uax29_spans(&text), "{:?}", text);
        }
    }
}
