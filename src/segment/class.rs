//! Sentence-break classes of characters (UAX #29, `Sentence_Break`).
//!
//! The segmenter only needs a character's class at the few places where a
//! sentence might end, so the lookup is a binary search over the non-letter
//! ranges of the Unicode table (`class/table.rs`, generated from the data
//! `unicode-segmentation` uses) with an ASCII fast path; letters are asked of
//! the standard library (`is_uppercase`, `is_lowercase`, `is_alphabetic`),
//! which implements the same Unicode properties UAX #29 builds Upper, Lower
//! and OLetter from.

mod table;

/// A character's `Sentence_Break` class. CR, LF and the paragraph
/// separators are one class, `Sep`: each ends a sentence wherever it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// `.` and its look-alikes: a full stop that may also be an
    /// abbreviation or decimal point.
    ATerm,
    /// `!`, `?`, `؟`, `。` and the like: always sentence-final in UAX #29.
    STerm,
    /// Quotes and brackets that may follow a full stop.
    Close,
    /// `,`, `:`, `;`, `،`, dashes: after a full stop, the sentence goes on.
    SContinue,
    Sp,
    Sep,
    Numeric,
    /// Combining marks and the like: they belong to the character before.
    Extend,
    /// Invisible formatting characters (ZWNJ, bidi marks): likewise.
    Format,
    Upper,
    Lower,
    OLetter,
    Other,
}

impl Class {
    /// Classes UAX #29 rule SB5 folds into the character before them.
    pub(crate) fn is_ignorable(self) -> bool {
        matches!(self, Class::Extend | Class::Format)
    }
}

/// The class of `c`.
pub(crate) fn class(c: char) -> Class {
    // The basic Arabic letters, most characters of Arabic text: neither
    // upper nor lower case, so three Unicode table lookups would say
    // OLetter after the binary search found nothing.
    if matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
        return Class::OLetter;
    }
    class_by_tables(c)
}

/// [`class`] without its shortcut for Arabic letters.
fn class_by_tables(c: char) -> Class {
    if c.is_ascii() {
        return ascii(c as u8);
    }
    let found = table::TABLE.binary_search_by(|&(lo, hi, _)| {
        if c < lo {
            std::cmp::Ordering::Greater
        } else if c > hi {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    });
    match found {
        Ok(i) => table::TABLE[i].2,
        Err(_) => letter(c),
    }
}

/// True when `c` may end a sentence: a terminator (ATerm, STerm) or a
/// separator (Sep). The scanner stops only at these.
pub(crate) fn is_stop(c: char) -> bool {
    matches!(class(c), Class::ATerm | Class::STerm | Class::Sep)
}

/// [`is_stop`] for a code point in U+0080..U+07FF (two bytes in UTF-8), as
/// one bit test: Arabic is written in this range, so the scanner asks this
/// for about every other byte of Arabic text.
#[inline]
pub(crate) fn is_stop_two_byte(cp: u32) -> bool {
    let (word, bit) = ((cp >> 6) as usize, cp & 63);
    match TWO_BYTE_STOPS.get(word) {
        Some(w) => (w >> bit) & 1 == 1,
        None => false,
    }
}

/// Bitset of the stops in U+0000..U+07FF, built from the table at compile
/// time so it cannot drift from it.
const TWO_BYTE_STOPS: [u64; 32] = {
    let mut bits = [0u64; 32];
    let t = table::TABLE;
    let mut i = 0;
    while i < t.len() {
        let (lo, hi, c) = t[i];
        if matches!(c, Class::ATerm | Class::STerm | Class::Sep) {
            let mut cp = lo as u32;
            while cp <= hi as u32 && cp < 0x800 {
                bits[(cp >> 6) as usize] |= 1 << (cp & 63);
                cp += 1;
            }
        }
        i += 1;
    }
    bits
};

fn ascii(b: u8) -> Class {
    match b {
        b'.' => Class::ATerm,
        b'!' | b'?' => Class::STerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Class::Close,
        b',' | b'-' | b':' | b';' => Class::SContinue,
        b' ' | b'\t' | 0x0B | 0x0C => Class::Sp,
        b'\n' | b'\r' => Class::Sep,
        b'0'..=b'9' => Class::Numeric,
        b'A'..=b'Z' => Class::Upper,
        b'a'..=b'z' => Class::Lower,
        _ => Class::Other,
    }
}

fn letter(c: char) -> Class {
    if c.is_uppercase() {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else if c.is_alphabetic() {
        Class::OLetter
    } else {
        Class::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_punctuation_classes() {
        // The classes the Arabic rules rely on.
        assert_eq!(class('؟'), Class::STerm);
        assert_eq!(class('۔'), Class::STerm);
        assert_eq!(class('،'), Class::SContinue);
        assert_eq!(class('«'), Class::Close);
        assert_eq!(class('»'), Class::Close);
        assert_eq!(class('٣'), Class::Numeric);
        assert_eq!(class('٫'), Class::Numeric);
        assert_eq!(class('ب'), Class::OLetter);
        assert_eq!(class('\u{064E}'), Class::Extend); // fatha
        assert_eq!(class('\u{200C}'), Class::Extend); // ZWNJ
    }

    #[test]
    fn shortcuts_agree_with_the_tables() {
        for cp in 0..0x3_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(class(c), class_by_tables(c), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn two_byte_bitset_agrees_with_the_table() {
        for cp in 0x80u32..0x800 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(is_stop_two_byte(cp), is_stop(c), "U+{cp:04X}");
            }
        }
    }

    #[test]
    fn latin_and_other_classes() {
        assert_eq!(class('.'), Class::ATerm);
        assert_eq!(class('\u{2024}'), Class::ATerm);
        assert_eq!(class('。'), Class::STerm);
        assert_eq!(class('”'), Class::Close);
        assert_eq!(class('É'), Class::Upper);
        assert_eq!(class('ß'), Class::Lower);
        assert_eq!(class('\u{2029}'), Class::Sep);
        assert_eq!(class('\u{00A0}'), Class::Sp);
        // Not a terminator in UAX #29; the Arabic and English rules add it.
        assert_eq!(class('…'), Class::Other);
    }
}
