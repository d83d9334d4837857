//! Languages and scripts.
//!
//! wasl needs two things from a language: which segmentation rules apply to
//! it (Arabic, English, or generic Unicode rules) and which script its letters
//! are in, so a bilingual file can be split into sections by looking at the
//! letters of each paragraph.

use std::fmt;

/// A language, by its lowercase primary subtag (`ar`, `en`, `de`, …).
///
/// Region and script subtags are kept for output (TMX `xml:lang`) but rules
/// are chosen by the primary subtag alone.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Lang(String);

/// Which family of rules a language gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rules {
    Arabic,
    English,
    /// UAX #29 plus language-independent fixes (decimals, initials).
    Generic,
}

/// The writing system of a letter, as far as wasl needs to know it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Script {
    Arabic,
    Latin,
    Other,
}

impl Lang {
    /// Parses a language tag; accepts `ar`, `AR`, `en-US`, `en_US`.
    pub fn new(tag: &str) -> Lang {
        Lang(tag.trim().replace('_', "-").to_ascii_lowercase())
    }

    /// Parses a language tag given by a user, refusing what is not a
    /// well-formed BCP 47 tag (RFC 5646's syntax: a primary subtag of 2–8
    /// letters, then subtags of 1–8 letters or digits, separated by `-`;
    /// `_` is taken for `-`). The tag ends up in TMX `xml:lang` and file
    /// names, where `xx!!` would make an invalid file.
    ///
    /// ```
    /// use wasl::Lang;
    /// assert_eq!(Lang::parse("en_GB").unwrap().tag(), "en-gb");
    /// assert!(Lang::parse("zh-Hant-TW").is_ok());
    /// assert!(Lang::parse("xx!!").is_err());
    /// assert!(Lang::parse("").is_err());
    /// ```
    pub fn parse(tag: &str) -> std::result::Result<Lang, String> {
        let lang = Lang::new(tag);
        let mut subtags = lang.0.split('-');
        let primary = subtags.next().unwrap_or("");
        let primary_ok = (2..=8).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_alphabetic())
            // Private use (`x-…`) and the old `i-…` tags have one letter.
            || (primary == "x" || primary == "i") && lang.0.len() > 2;
        let rest_ok = subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if primary_ok && rest_ok {
            Ok(lang)
        } else {
            Err(format!(
                "'{tag}' is not a language tag: use a BCP 47 tag such as ar, en, en-GB or zh-Hant"
            ))
        }
    }

    /// Arabic.
    pub fn ar() -> Lang {
        Lang::new("ar")
    }

    /// English.
    pub fn en() -> Lang {
        Lang::new("en")
    }

    /// The whole tag as given, normalised (`en-us`).
    pub fn tag(&self) -> &str {
        &self.0
    }

    /// The primary subtag (`en` for `en-us`).
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or("")
    }

    /// The language's English name for messages, or its tag when unknown.
    pub fn name(&self) -> String {
        let name = match self.primary() {
            "ar" | "ara" | "arb" => "Arabic",
            "en" | "eng" => "English",
            "de" | "deu" => "German",
            "fr" | "fra" => "French",
            "es" | "spa" => "Spanish",
            "fa" | "fas" => "Persian",
            "ur" | "urd" => "Urdu",
            "it" | "ita" => "Italian",
            "ru" | "rus" => "Russian",
            "zh" | "zho" => "Chinese",
            _ => return self.0.clone(),
        };
        name.to_string()
    }

    /// The ISO 639-3 code FreeDict and other dictionaries name the
    /// language by (`ara` for `ar`), for the languages wasl can name.
    pub fn iso639_3(&self) -> Option<&'static str> {
        Some(match self.primary() {
            "ar" | "ara" | "arb" => "ara",
            "en" | "eng" => "eng",
            "de" | "deu" => "deu",
            "fr" | "fra" => "fra",
            "es" | "spa" => "spa",
            "fa" | "fas" => "fas",
            "ur" | "urd" => "urd",
            "it" | "ita" => "ita",
            "ru" | "rus" => "rus",
            "zh" | "zho" => "zho",
            "nl" | "nld" => "nld",
            "pt" | "por" => "por",
            "tr" | "tur" => "tur",
            "sv" | "swe" => "swe",
            "pl" | "pol" => "pol",
            _ => return None,
        })
    }

    /// Which segmentation rules apply.
    pub fn rules(&self) -> Rules {
        match self.primary() {
            "ar" | "ara" | "arb" => Rules::Arabic,
            "en" | "eng" => Rules::English,
            _ => Rules::Generic,
        }
    }

    /// The script this language is normally written in.
    pub fn script(&self) -> Script {
        match self.primary() {
            // Languages written in Arabic script.
            "ar" | "ara" | "arb" | "fa" | "fas" | "ur" | "urd" | "ps" | "ckb" | "ug" => {
                Script::Arabic
            }
            "ru" | "uk" | "bg" | "el" | "he" | "zh" | "ja" | "ko" | "hi" | "th" => Script::Other,
            _ => Script::Latin,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Script {
    /// The script of one character (letters only; anything else is `Other`).
    pub fn of(c: char) -> Script {
        // Ranges are spelled out instead of asking `char::is_alphabetic`,
        // whose table lookup dominated feature extraction.
        match c {
            'a'..='z' | 'A'..='Z' => Script::Latin,
            '\u{0000}'..='\u{007F}' => Script::Other,
            '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                if c == '\u{00D7}' || c == '\u{00F7}' {
                    Script::Other
                } else {
                    Script::Latin
                }
            }
            // Arabic letters (not digits, punctuation or diacritics).
            '\u{0620}'..='\u{063F}'
            | '\u{0641}'..='\u{064A}'
            | '\u{066E}'..='\u{066F}'
            | '\u{0671}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'..='\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}'
            | '\u{0750}'..='\u{077F}'
            | '\u{08A0}'..='\u{08C9}'
            // Presentation forms (old encoders and PDF extraction emit them).
            | '\u{FB50}'..='\u{FD3D}'
            | '\u{FD50}'..='\u{FDFB}'
            | '\u{FE70}'..='\u{FEFC}' => Script::Arabic,
            _ => Script::Other,
        }
    }

    /// The script most letters of `text` are in, or `None` if it has no
    /// Arabic or Latin letters at all (numbers, punctuation, other scripts).
    pub fn dominant(text: &str) -> Option<Script> {
        let (mut arabic, mut latin) = (0usize, 0usize);
        for c in text.chars() {
            match Script::of(c) {
                Script::Arabic => arabic += 1,
                Script::Latin => latin += 1,
                Script::Other => {}
            }
        }
        if arabic == 0 && latin == 0 {
            None
        } else if arabic >= latin {
            Some(Script::Arabic)
        } else {
            Some(Script::Latin)
        }
    }

    /// A human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Script::Arabic => "Arabic",
            Script::Latin => "Latin-script",
            Script::Other => "other-script",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_normalise_and_pick_rules() {
        assert_eq!(Lang::new("EN_us").tag(), "en-us");
        assert_eq!(Lang::new("en-US").rules(), Rules::English);
        assert_eq!(Lang::new("ar").rules(), Rules::Arabic);
        assert_eq!(Lang::new("de").rules(), Rules::Generic);
        assert_eq!(Lang::new("fa").script(), Script::Arabic);
    }

    #[test]
    fn dominant_script_counts_letters() {
        assert_eq!(Script::dominant("نقلت شبكة CNN عن"), Some(Script::Arabic));
        assert_eq!(Script::dominant("CNN reported ترمب"), Some(Script::Latin));
        assert_eq!(Script::dominant("2019 — 48"), None);
    }
}
