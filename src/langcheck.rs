//! Is each side in the language it is declared as?
//!
//! The commonest slip with an aligner is giving the two files the wrong way
//! round (`wasl align article.en article.ar`, when the source is Arabic by
//! default), or declaring a side in a language it is not in. Nothing in the
//! alignment fails then: the output is simply mislabelled, and a
//! translation memory whose `xml:lang="ar"` segments are English is
//! silently wrong in every CAT tool that loads it. So before aligning, wasl
//! looks at what each text shows and refuses a side that plainly is not its
//! declared language.
//!
//! Two kinds of evidence, both cheap and both only used when strong:
//!
//! - **Script**: the letters of the text, counted by script ([`Writing`]).
//!   A side declared Arabic whose letters are 95% Latin is not Arabic.
//!   Which script a language is written in is the data file
//!   `langcheck/scripts.txt` (or the tag's script subtag: `sr-Latn`).
//! - **Function words**, where two languages share a script (German and
//!   French, Arabic and Persian): the share of the text's words that are
//!   the, und, le, في… Running text in any language is a third or more
//!   function words, and each language's are its own: a German text has
//!   almost no `les`, `des`, `est`. Only words in exactly one language's
//!   list count (`die` is German and English, `de` French, Spanish and
//!   Dutch), so the evidence for a language is words no other language
//!   here has. The lists are data files, `langcheck/LANG.txt`.
//!
//! The check never changes the output: it refuses ([`Mismatch`]) or lets
//! through. It refuses only when the evidence against the declared
//! language is overwhelming — at least [`MIN_LETTERS`] letters of which
//! under a tenth are in the declared script, or at least
//! [`MIN_FUNCTION_WORDS`] function words of another language making a
//! tenth of the text's words, with the declared language's under a fifth
//! as many. A short text, a mixed one, or a language with no list is let
//! through. Every document of the evaluation sets and of `data/` passes
//! (`tests/langcheck.rs`).

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::error::Error;
use crate::lang::Lang;

/// Fewest letters a text must have before its script is evidence.
pub const MIN_LETTERS: usize = 20;

/// Fewest function words of another language a text must have before
/// they are evidence.
pub const MIN_FUNCTION_WORDS: usize = 12;

/// Texts longer than this are judged by [`SAMPLES`] pieces spread over
/// them, so the check costs milliseconds on a 100 MB file.
const SAMPLE_LIMIT: usize = 1 << 20;
const SAMPLES: usize = 16;

/// Writing systems the check tells apart. Finer than
/// [`crate::lang::Script`], which only needs Arabic against Latin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Writing {
    Arabic,
    Latin,
    Cyrillic,
    Greek,
    Hebrew,
    /// Chinese characters, Japanese kana and Korean Hangul together: the
    /// three languages mix them, so only "CJK or not" is evidence.
    Cjk,
    Devanagari,
    Thai,
}

const WRITINGS: [Writing; 8] = [
    Writing::Arabic,
    Writing::Latin,
    Writing::Cyrillic,
    Writing::Greek,
    Writing::Hebrew,
    Writing::Cjk,
    Writing::Devanagari,
    Writing::Thai,
];

impl Writing {
    /// The script of a letter; `None` for anything else (digits,
    /// punctuation, marks, scripts the check does not know).
    pub fn of(c: char) -> Option<Writing> {
        if c.is_ascii() {
            return c.is_ascii_alphabetic().then_some(Writing::Latin);
        }
        // The common Arabic letters before the general table (which puts
        // them in Arabic too).
        if matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
            return Some(Writing::Arabic);
        }
        match crate::lang::Script::of(c) {
            crate::lang::Script::Arabic => return Some(Writing::Arabic),
            crate::lang::Script::Latin => return Some(Writing::Latin),
            crate::lang::Script::Other => {}
        }
        let w = match c {
            '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Writing::Greek,
            '\u{0400}'..='\u{052F}' => Writing::Cyrillic,
            '\u{05D0}'..='\u{05EA}' | '\u{FB1D}'..='\u{FB4F}' => Writing::Hebrew,
            '\u{0900}'..='\u{097F}' => Writing::Devanagari,
            '\u{0E00}'..='\u{0E7F}' => Writing::Thai,
            '\u{1100}'..='\u{11FF}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3130}'..='\u{318F}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}' => Writing::Cjk,
            _ => return None,
        };
        c.is_alphabetic().then_some(w)
    }

    /// The script `lang` is written in: its script subtag if it has one,
    /// else `langcheck/scripts.txt`; `None` when wasl does not know.
    pub fn of_lang(lang: &Lang) -> Option<Writing> {
        let subtag = lang.tag().split('-').skip(1).find(|s| s.len() == 4);
        if let Some(s) = subtag {
            return match s {
                "arab" | "aran" => Some(Writing::Arabic),
                "latn" => Some(Writing::Latin),
                "cyrl" => Some(Writing::Cyrillic),
                "grek" => Some(Writing::Greek),
                "hebr" => Some(Writing::Hebrew),
                "hans" | "hant" | "hani" | "jpan" | "kore" | "hang" | "hira" | "kana" => {
                    Some(Writing::Cjk)
                }
                "deva" => Some(Writing::Devanagari),
                "thai" => Some(Writing::Thai),
                _ => None,
            };
        }
        data().scripts.get(lang.primary()).copied()
    }

    /// A name for messages: "Arabic", "Latin-script".
    pub fn name(self) -> &'static str {
        match self {
            Writing::Arabic => "Arabic",
            Writing::Latin => "Latin-script",
            Writing::Cyrillic => "Cyrillic",
            Writing::Greek => "Greek",
            Writing::Hebrew => "Hebrew",
            Writing::Cjk => "Chinese, Japanese or Korean",
            Writing::Devanagari => "Devanagari",
            Writing::Thai => "Thai",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The languages with a function-word list, by primary subtag, and the
/// file each list is in.
const WORD_LISTS: [(&str, &str); 9] = [
    ("ar", include_str!("langcheck/ar.txt")),
    ("fa", include_str!("langcheck/fa.txt")),
    ("en", include_str!("langcheck/en.txt")),
    ("de", include_str!("langcheck/de.txt")),
    ("fr", include_str!("langcheck/fr.txt")),
    ("es", include_str!("langcheck/es.txt")),
    ("it", include_str!("langcheck/it.txt")),
    ("pt", include_str!("langcheck/pt.txt")),
    ("nl", include_str!("langcheck/nl.txt")),
];

/// The language data, parsed once.
struct Data {
    /// Script of each language subtag.
    scripts: FxHashMap<&'static str, Writing>,
    /// Each function word in exactly one list, and that list's index in
    /// [`WORD_LISTS`].
    words: FxHashMap<&'static str, usize>,
    /// The longest function word, in bytes: longer words are not looked
    /// up (most words of a text, and a hash each).
    longest: usize,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut scripts = FxHashMap::default();
        for line in data_lines(include_str!("langcheck/scripts.txt")) {
            // Every line is `Name: tags…`; a line without a known name is a
            // mistake in the data file, which the unit tests would catch.
            let Some((name, tags)) = line.split_once(':') else {
                continue;
            };
            let Some(w) = WRITINGS.iter().find(|w| scripts_name(**w) == name.trim()) else {
                continue;
            };
            for tag in tags.split_whitespace() {
                scripts.insert(tag, *w);
            }
        }
        let mut owners: FxHashMap<&'static str, Option<usize>> = FxHashMap::default();
        for (i, (_, list)) in WORD_LISTS.iter().enumerate() {
            for word in data_lines(list) {
                owners
                    .entry(word)
                    .and_modify(|o| {
                        if *o != Some(i) {
                            *o = None
                        }
                    })
                    .or_insert(Some(i));
            }
        }
        let words: FxHashMap<&'static str, usize> = owners
            .into_iter()
            .filter_map(|(w, o)| Some((w, o?)))
            .collect();
        let longest = words.keys().map(|w| w.len()).max().unwrap_or(0);
        Data {
            scripts,
            words,
            longest,
        }
    })
}

/// How `scripts.txt` names each script.
fn scripts_name(w: Writing) -> &'static str {
    match w {
        Writing::Cjk => "Han, kana or Hangul",
        Writing::Latin => "Latin",
        other => other.name(),
    }
}

/// The lines of a data file that hold data: trimmed, without blank lines
/// and `#` comments.
fn data_lines(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// What a text shows about its language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// Letters in each [`Writing`] (by `Writing as usize`).
    letters: [usize; WRITINGS.len()],
    /// Words (runs of letters) in each script.
    words: [usize; WRITINGS.len()],
    /// Distinctive function words of each language of [`WORD_LISTS`].
    function_words: [usize; WORD_LISTS.len()],
}

impl Profile {
    /// Counts letters, words and function words of `text` (of a sample
    /// spread over it when it is long).
    pub fn of(text: &str) -> Profile {
        let mut p = Profile::default();
        if text.len() <= SAMPLE_LIMIT {
            p.add(text);
        } else {
            let piece = SAMPLE_LIMIT / SAMPLES;
            for i in 0..SAMPLES {
                let start = floor_char(text, i * (text.len() - piece) / (SAMPLES - 1));
                let end = floor_char(text, start + piece);
                p.add(&text[start..end]);
            }
        }
        p
    }

    fn add(&mut self, text: &str) {
        let data = data();
        // The word so far, lowercased; a word longer than the longest
        // function word is counted but not spelled out (nor looked up).
        let mut word = String::new();
        let mut long = false;
        let mut word_script: Option<Writing> = None;
        // Inlined: called once a word, and as a closure the compiler
        // sometimes left it out of line (10% more work for the check).
        #[inline(always)]
        fn flush(
            data: &Data,
            word: &mut String,
            long: &mut bool,
            script: &mut Option<Writing>,
            p: &mut Profile,
        ) {
            if let Some(s) = script.take() {
                p.words[s.index()] += 1;
                if !*long {
                    if let Some(&i) = data.words.get(word.as_str()) {
                        p.function_words[i] += 1;
                    }
                }
            }
            word.clear();
            *long = false;
        }
        for c in text.chars() {
            // ASCII first: most characters of most texts, and no tables.
            let writing = if c.is_ascii() {
                c.is_ascii_alphabetic().then_some(Writing::Latin)
            } else {
                Writing::of(c)
            };
            if let Some(w) = writing {
                self.letters[w.index()] += 1;
                if word_script.is_none() {
                    word_script = Some(w);
                }
                if long {
                    continue;
                }
                if c.is_ascii() {
                    word.push(c.to_ascii_lowercase());
                } else if matches!(w, Writing::Latin | Writing::Cyrillic | Writing::Greek)
                    && c.is_uppercase()
                {
                    // Only these scripts have case (the Unicode table
                    // lookup was 1% of a stream record's work on Arabic).
                    word.extend(c.to_lowercase());
                } else {
                    word.push(c);
                }
                long = word.len() > data.longest;
            } else if !c.is_ascii() && is_word_mark(c) {
                // Inside a word, dropped: في and فِي are the same word.
            } else {
                flush(data, &mut word, &mut long, &mut word_script, self);
            }
        }
        flush(data, &mut word, &mut long, &mut word_script, self);
    }

    /// All letters counted.
    pub fn letters(&self) -> usize {
        self.letters.iter().sum()
    }

    /// The script most letters are in, and its share of them.
    pub fn dominant(&self) -> Option<(Writing, f64)> {
        let total = self.letters();
        let (w, n) = WRITINGS
            .iter()
            .map(|w| (*w, self.letters[w.index()]))
            .max_by_key(|(_, n)| *n)?;
        (n > 0).then(|| (w, n as f64 / total as f64))
    }

    /// The language of [`WORD_LISTS`] whose function words the text is
    /// plainly written in: at least [`MIN_FUNCTION_WORDS`] of them, a
    /// tenth of the words of its script, and five times as many as any
    /// other language of that script has.
    pub fn reads_as(&self) -> Option<&'static str> {
        let best = (0..WORD_LISTS.len()).max_by_key(|&i| self.function_words[i])?;
        let lang = WORD_LISTS[best].0;
        let script = data().scripts.get(lang).copied()?;
        let words = self.words[script.index()];
        let runner_up = (0..WORD_LISTS.len())
            .filter(|&i| i != best)
            .filter(|&i| data().scripts.get(WORD_LISTS[i].0) == Some(&script))
            .map(|i| self.function_words[i])
            .max()
            .unwrap_or(0);
        let hits = self.function_words[best];
        (hits >= MIN_FUNCTION_WORDS && hits * 10 >= words && runner_up * 5 < hits).then_some(lang)
    }

    /// Distinctive function words of `lang` in the text, when it has a list.
    fn function_words_of(&self, lang: &Lang) -> Option<usize> {
        let i = WORD_LISTS.iter().position(|(l, _)| *l == lang.primary())?;
        Some(self.function_words[i])
    }

    /// Whether the text plainly is not in `declared`, and what it looks
    /// like instead; `None` when nothing says so strongly.
    pub fn verdict(&self, declared: &Lang) -> Option<Looks> {
        let reads_as = self.reads_as().map(Lang::new);
        if let Some(expected) = Writing::of_lang(declared) {
            let total = self.letters();
            let own = self.letters[expected.index()];
            if total >= MIN_LETTERS && own * 10 < total {
                let (script, share) = self.dominant()?;
                return Some(Looks {
                    script,
                    share,
                    letters: total,
                    reads_as: reads_as.filter(|l| Writing::of_lang(l) == Some(script)),
                    function_words: None,
                    declared: declared.clone(),
                });
            }
        }
        // Same script: only a language with a list can be told apart, and
        // only from another language that has one.
        let own = self.function_words_of(declared)?;
        let other = reads_as?;
        if other.primary() == declared.primary() {
            return None;
        }
        let hits = self.function_words_of(&other)?;
        if own * 5 >= hits {
            return None;
        }
        let (script, share) = self.dominant()?;
        Some(Looks {
            script,
            share,
            letters: self.letters(),
            function_words: Some(FunctionWords {
                other: hits,
                declared: own,
                words: self.words[script.index()],
            }),
            reads_as: Some(other),
            declared: declared.clone(),
        })
    }

    /// Whether the text plainly is in `lang`: in its script, and, when the
    /// text reads as a language of [`WORD_LISTS`], that one.
    pub fn looks_like(&self, lang: &Lang) -> bool {
        let Some(script) = Writing::of_lang(lang) else {
            return false;
        };
        let total = self.letters();
        let script_ok = total >= MIN_LETTERS && self.letters[script.index()] * 10 >= total * 9;
        // When the function words say nothing, the script is enough.
        script_ok && self.reads_as().is_none_or(|l| l == lang.primary())
    }
}

/// Combining marks that belong inside a word: Arabic harakat, the dagger
/// alif, tatweel, Latin combining accents.
fn is_word_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What a text that is not in its declared language looks like.
#[derive(Clone, Debug, PartialEq)]
pub struct Looks {
    /// The script most of its letters are in, and their share.
    pub script: Writing,
    pub share: f64,
    /// Letters counted.
    pub letters: usize,
    /// The language its function words say it is in, if they say.
    pub reads_as: Option<Lang>,
    /// When the verdict rests on function words rather than the script,
    /// the counts it rests on.
    pub function_words: Option<FunctionWords>,
    /// The language the text was declared as.
    pub declared: Lang,
}

/// The function words a same-script verdict rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FunctionWords {
    /// Function words of the language the text reads as.
    pub other: usize,
    /// Function words of the declared language.
    pub declared: usize,
    /// Words of the script counted.
    pub words: usize,
}

impl fmt::Display for Looks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.function_words, &self.reads_as) {
            (Some(n), Some(lang)) => write!(
                f,
                "reads as {} ({} of its {} words are {} function words, {} {} ones)",
                lang.name(),
                n.other,
                n.words,
                lang.name(),
                n.declared,
                self.declared.name()
            ),
            _ => {
                write!(
                    f,
                    "is in {} letters ({:.0}% of its {} letters)",
                    self.script.name(),
                    self.share * 100.0,
                    self.letters
                )?;
                if let Some(lang) = &self.reads_as {
                    write!(f, " and reads as {}", lang.name())?;
                }
                Ok(())
            }
        }
    }
}

/// Which side of a pair a text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Source,
    Target,
}

impl Role {
    /// The option that declares this side's language.
    pub fn flag(self) -> &'static str {
        match self {
            Role::Source => "--src-lang",
            Role::Target => "--tgt-lang",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Role::Source => "source",
            Role::Target => "target",
        }
    }
}

/// A pair whose sides are not in their declared languages.
#[derive(Clone, Debug, PartialEq)]
pub enum Mismatch {
    /// Each side is in the other's language: the files (or fields) were
    /// given the wrong way round.
    Swapped {
        src: PathBuf,
        tgt: PathBuf,
        src_lang: Lang,
        tgt_lang: Lang,
        src_looks: Looks,
        tgt_looks: Looks,
    },
    /// One side plainly is not in its declared language.
    Mislabelled {
        path: PathBuf,
        role: Role,
        declared: Lang,
        looks: Looks,
    },
}

impl Mismatch {
    /// What is wrong, without the fix: the caller may know a better way
    /// to say the fix (the command line to run instead).
    pub fn facts(&self) -> String {
        match self {
            Mismatch::Swapped {
                src,
                tgt,
                src_lang,
                tgt_lang,
                src_looks,
                tgt_looks,
            } => format!(
                "{} and {} are the wrong way round: the source ({}) {src_looks}, and the \
                 target ({}) {tgt_looks}",
                src.display(),
                tgt.display(),
                src_lang.name(),
                tgt_lang.name()
            ),
            Mismatch::Mislabelled {
                path,
                role,
                declared,
                looks,
            } => format!(
                "{}: declared {} ({} {declared}, the {}), but the text {looks}",
                path.display(),
                declared.name(),
                role.flag(),
                role.name()
            ),
        }
    }
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fix = match self {
            Mismatch::Swapped { tgt, .. } => format!("give {} first", tgt.display()),
            Mismatch::Mislabelled { role, looks, .. } => fix(*role, looks),
        };
        write!(f, "{}; {fix}{FORCE_HINT}", self.facts())
    }
}

impl std::error::Error for Mismatch {}

/// How to go on regardless, as every refusal says.
pub const FORCE_HINT: &str = " (or --force to align as declared)";

/// The fix a [`Mismatch::Mislabelled`] message suggests.
fn fix(role: Role, looks: &Looks) -> String {
    match &looks.reads_as {
        Some(l) => format!("give {} {}", role.flag(), l.primary()),
        None => format!("give {} its language", role.flag()),
    }
}

/// One side of a pair to check: where it came from, its text, its
/// declared language.
#[derive(Clone, Copy, Debug)]
pub struct SideText<'a> {
    pub path: &'a std::path::Path,
    pub text: &'a str,
    pub lang: &'a Lang,
}

impl<'a> SideText<'a> {
    /// A whole document as one side.
    pub fn of(doc: &'a crate::Document, lang: &'a Lang) -> SideText<'a> {
        SideText {
            path: &doc.path,
            text: &doc.text,
            lang,
        }
    }
}

/// Checks both sides of a pair against their declared languages. Files
/// given the wrong way round are told apart from one mislabelled side, so
/// the error can say which fix applies.
///
/// ```
/// use std::path::Path;
/// use wasl::langcheck::{check_pair, Mismatch, SideText};
/// use wasl::{Error, Lang};
/// let (ar, en) = (Lang::ar(), Lang::en());
/// let arabic = "نقلت شبكة سي إن إن عن مصادر مطلعة أن مسؤولين أمريكيين ناقشوا الأمر";
/// let english = "CNN reported from informed sources that American officials discussed it";
/// let side = |path, text, lang| SideText { path: Path::new(path), text, lang };
/// assert!(check_pair(side("a.ar", arabic, &ar), side("a.en", english, &en)).is_ok());
/// let err = check_pair(side("a.en", english, &ar), side("a.ar", arabic, &en)).unwrap_err();
/// assert!(matches!(err, Error::Lang(m) if matches!(*m, Mismatch::Swapped { .. })));
/// ```
pub fn check_pair(src: SideText, tgt: SideText) -> crate::Result<()> {
    let (sp, tp) = (Profile::of(src.text), Profile::of(tgt.text));
    let (sv, tv) = (sp.verdict(src.lang), tp.verdict(tgt.lang));
    if let (Some(s), Some(t)) = (&sv, &tv) {
        if sp.looks_like(tgt.lang) && tp.looks_like(src.lang) {
            return Err(Error::from(Mismatch::Swapped {
                src: src.path.to_path_buf(),
                tgt: tgt.path.to_path_buf(),
                src_lang: src.lang.clone(),
                tgt_lang: tgt.lang.clone(),
                src_looks: s.clone(),
                tgt_looks: t.clone(),
            }));
        }
    }
    if let Some(looks) = sv {
        return Err(Error::from(Mismatch::Mislabelled {
            path: src.path.to_path_buf(),
            role: Role::Source,
            declared: src.lang.clone(),
            looks,
        }));
    }
    if let Some(looks) = tv {
        return Err(Error::from(Mismatch::Mislabelled {
            path: tgt.path.to_path_buf(),
            role: Role::Target,
            declared: tgt.lang.clone(),
            looks,
        }));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let d = data();
        assert_eq!(d.scripts.get("ar"), Some(&Writing::Arabic));
        assert_eq!(d.scripts.get("zh"), Some(&Writing::Cjk));
        assert_eq!(d.scripts.get("de"), Some(&Writing::Latin));
        // Shared words are no evidence; distinctive ones are.
        assert!(!d.words.contains_key("de"));
        assert!(d.words.contains_key("the"));
        assert!(d.words.contains_key("und"));
        assert!(d.words.contains_key("les"));
        for (lang, _) in WORD_LISTS {
            assert!(d.scripts.contains_key(lang), "{lang} has no script");
        }
    }

    #[test]
    fn script_subtags_win() {
        assert_eq!(
            Writing::of_lang(&Lang::new("sr-Latn")),
            Some(Writing::Latin)
        );
        assert_eq!(Writing::of_lang(&Lang::new("sr")), None);
        assert_eq!(
            Writing::of_lang(&Lang::new("az-Arab")),
            Some(Writing::Arabic)
        );
        assert_eq!(Writing::of_lang(&Lang::new("xx")), None);
    }

    #[test]
    fn short_or_unknown_texts_pass() {
        assert!(Profile::of("Hello").verdict(&Lang::ar()).is_none());
        assert!(Profile::of("2019 — 48").verdict(&Lang::ar()).is_none());
        let en = "The committee said that the report was not ready for the meeting.";
        assert!(Profile::of(en).verdict(&Lang::new("xx")).is_none());
        assert!(Profile::of(en).verdict(&Lang::new("sw")).is_none());
    }

    #[test]
    fn another_script_is_refused() {
        let en = "The committee said that the report was not ready for the meeting.";
        let v = Profile::of(en).verdict(&Lang::ar()).unwrap();
        assert_eq!(v.script, Writing::Latin);
        assert_eq!(v.reads_as, None, "too few words to say which language");
        let ru = "Комитет заявил, что доклад не был готов к заседанию.";
        assert_eq!(
            Profile::of(ru).verdict(&Lang::en()).unwrap().script,
            Writing::Cyrillic
        );
        assert!(Profile::of(ru).verdict(&Lang::new("ru")).is_none());
    }
}
