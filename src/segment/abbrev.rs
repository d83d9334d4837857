//! Abbreviation lists, one plain-text file per language beside this module
//! (`abbrev/en.txt`, `abbrev/de.txt`, …), compiled in with `include_str!`.
//!
//! Format: one abbreviation per line without its final full stop; `#`
//! starts a comment line. A plain entry never ends a sentence (`Mr`); an
//! entry followed by `before-number` joins only when a digit follows
//! (`Jan before-number`: `Jan. 5` joins, `in Jan. The` does not). Adding a
//! language is adding a file and one line to [`Abbrevs::for_lang`].

use std::sync::OnceLock;

/// A sorted list of words, borrowed from a compiled-in file.
#[derive(Debug, Default)]
pub(crate) struct WordList(Vec<&'static str>);

impl WordList {
    /// Words of `src`, one per line, skipping blanks and `#` comments.
    fn parse(src: &'static str) -> WordList {
        let mut words: Vec<&'static str> = src
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        words.sort_unstable();
        words.dedup();
        WordList(words)
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&word).is_ok()
    }
}

/// One language's abbreviations.
#[derive(Debug)]
pub(crate) struct Abbrevs {
    never_final: WordList,
    before_number: WordList,
}

static EMPTY: Abbrevs = Abbrevs {
    never_final: WordList(Vec::new()),
    before_number: WordList(Vec::new()),
};

impl Abbrevs {
    fn parse(src: &'static str) -> Abbrevs {
        let mut never_final = Vec::new();
        let mut before_number = Vec::new();
        for line in src.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split_whitespace();
            let Some(word) = fields.next() else { continue };
            match fields.next() {
                Some("before-number") => before_number.push(word),
                _ => never_final.push(word),
            }
        }
        never_final.sort_unstable();
        before_number.sort_unstable();
        Abbrevs {
            never_final: WordList(never_final),
            before_number: WordList(before_number),
        }
    }

    /// The list for a primary language subtag; empty for languages without
    /// a file.
    pub(crate) fn for_lang(primary: &str) -> &'static Abbrevs {
        static EN: OnceLock<Abbrevs> = OnceLock::new();
        static DE: OnceLock<Abbrevs> = OnceLock::new();
        static FR: OnceLock<Abbrevs> = OnceLock::new();
        match primary {
            "en" | "eng" => EN.get_or_init(|| Abbrevs::parse(include_str!("abbrev/en.txt"))),
            "de" | "deu" | "ger" => {
                DE.get_or_init(|| Abbrevs::parse(include_str!("abbrev/de.txt")))
            }
            "fr" | "fra" | "fre" => {
                FR.get_or_init(|| Abbrevs::parse(include_str!("abbrev/fr.txt")))
            }
            _ => &EMPTY,
        }
    }

    /// A full stop after `word` never ends a sentence.
    pub(crate) fn never_final(&self, word: &str) -> bool {
        self.never_final.contains(word)
    }

    /// A full stop after `word` does not end a sentence before a number.
    pub(crate) fn before_number(&self, word: &str) -> bool {
        self.before_number.contains(word)
    }
}

/// Words that commonly start an English sentence (see `abbrev/en_starters.txt`).
pub(crate) fn english_starters() -> &'static WordList {
    static STARTERS: OnceLock<WordList> = OnceLock::new();
    STARTERS.get_or_init(|| WordList::parse(include_str!("abbrev/en_starters.txt")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_with_kinds_and_comments() {
        let en = Abbrevs::for_lang("en");
        assert!(en.never_final("Mr") && en.never_final("e.g"));
        assert!(en.before_number("Jan") && !en.never_final("Jan"));
        assert!(!en.never_final("#"));
        assert!(!en.never_final("etc"), "etc. may end a sentence");
        assert!(Abbrevs::for_lang("de").never_final("z.B"));
        assert!(Abbrevs::for_lang("fr").never_final("p.ex"));
        assert!(!Abbrevs::for_lang("xx").never_final("Mr"));
        assert!(english_starters().contains("The"));
    }
}
