//! Lexical evidence: each sentence as a sparse vector of *interlingual*
//! features, so that the similarity of two blocks of sentences in different
//! languages can be measured without any model.
//!
//! A feature is something a sentence and its translation are likely to
//! share:
//!
//! - **numbers**, with Arabic-Indic, Persian and Western digits folded to one
//!   form (`٢٠١٩` = `2019`) and thousands separators removed;
//! - **Latin tokens** (`CNN`, `APEC` inside Arabic text match the same word
//!   in English); between two Latin-script languages every word's first four
//!   letters (cognates and names: *Zermatt*, *Matterhorn*, *Gletscher*…);
//! - **names across scripts**: Arabic words whose consonant skeleton is close
//!   (Jaro–Winkler) to that of a capitalised word on the other side share a
//!   feature with it ([`translit`](super::translit));
//! - **translations** from a lexicon (a user's dictionary, or one learned
//!   from the input by IBM Model 1): a source word contributes the target
//!   words it translates to, weighted by probability;
//! - **punctuation** that survives translation: `?`/`؟`, `!`, quotes and
//!   parentheses.
//!
//! Features are hashed to `u64` keys (no strings are kept) and weighted by
//! TF–IDF over the sentences of the document pair. Only features that occur
//! on *both* sides are kept: one that cannot match anything would only
//! shrink every cosine alike.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::lexicon::Lexicon;
use super::translit;
use crate::lang::{Lang, Rules, Script};

/// A sparse feature vector: `(feature, weight)` sorted by feature.
pub type SparseVec = Vec<(u32, f32)>;

/// Feature vectors of both sides of one document pair.
#[derive(Clone, Debug, Default)]
pub struct Features {
    pub src: Vec<SparseVec>,
    pub tgt: Vec<SparseVec>,
}

/// A word or number found in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Number,
    Arabic,
    Latin,
    Other,
}

/// Calls `f(kind, token)` for every token of `text`. Numbers keep their
/// internal separators (`1,000`, `3.5`, `٣٫٥`); words keep internal
/// apostrophes and hyphens out (they split).
pub fn tokens<'t>(text: &'t str, f: impl FnMut(TokenKind, &'t str)) {
    tokens_and_marks(text, f, |_| {});
}

/// [`tokens`], and `mark(c)` for every character outside a token, in one
/// pass over the text.
pub fn tokens_and_marks<'t>(
    text: &'t str,
    mut f: impl FnMut(TokenKind, &'t str),
    mut mark: impl FnMut(char),
) {
    let bytes = text.as_bytes();
    let mut start: Option<(usize, TokenKind)> = None;
    let mut i = 0;
    while i < bytes.len() {
        if let Some((_, k)) = start {
            // Inside a token most characters continue it: skip the run
            // byte by byte, without decoding or classifying.
            i = run_end(bytes, i, k);
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        let kind = classify(c);
        match (start, kind) {
            (None, Some(k)) => start = Some((i, k)),
            (Some((_, k0)), Some(k)) if k == k0 => {}
            (Some((_, TokenKind::Number)), None)
                if is_number_separator(c) && text[next..].chars().next().is_some_and(is_digit) => {}
            (Some((s, k0)), k) => {
                // Arabic words may carry combining marks and tatweel; they
                // were classified as Arabic already, so only a real change of
                // kind ends a token.
                f(k0, &text[s..i]);
                start = k.map(|k| (i, k));
                if k.is_none() {
                    mark(c);
                }
            }
            (None, None) => mark(c),
        }
        i = next;
    }
    if let Some((s, k)) = start {
        f(k, &text[s..]);
    }
}

/// The end of the run from byte `i` of characters that [`classify`] as
/// `kind` by its shortcuts (ASCII letters or digits, basic Arabic letters).
#[inline]
fn run_end(bytes: &[u8], mut i: usize, kind: TokenKind) -> usize {
    match kind {
        TokenKind::Latin => {
            while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
            }
        }
        TokenKind::Number => {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        TokenKind::Arabic => {
            // U+0620..U+063F is D8 A0..D8 BF; U+0641..U+064A is D9 81..D9 8A.
            while i + 1 < bytes.len() {
                let letter = match bytes[i] {
                    0xD8 => (0xA0..=0xBF).contains(&bytes[i + 1]),
                    0xD9 => (0x81..=0x8A).contains(&bytes[i + 1]),
                    _ => false,
                };
                if !letter {
                    break;
                }
                i += 2;
            }
        }
        TokenKind::Other => {}
    }
    i
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_number_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '٫' | '٬')
}

fn classify(c: char) -> Option<TokenKind> {
    // Most characters of most text: decided without the tables below.
    if c.is_ascii() {
        return if c.is_ascii_digit() {
            Some(TokenKind::Number)
        } else if c.is_ascii_alphabetic() {
            Some(TokenKind::Latin)
        } else {
            None
        };
    }
    // The basic Arabic letters, most characters of Arabic text.
    if matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}') {
        return Some(TokenKind::Arabic);
    }
    // Arabic and general punctuation, spaces and format characters: no
    // letters among them, so no need for `is_alphabetic`'s table.
    let punctuation = matches!(
        c,
        '\u{00A0}' | '\u{00AB}' | '\u{00BB}' // no-break space, guillemets
            | '\u{060C}' | '\u{061B}' | '\u{061F}' | '\u{066A}'..='\u{066D}' | '\u{06D4}'
            | '\u{2000}'..='\u{206F}' // general punctuation, spaces, bidi controls
    );
    if punctuation {
        return None;
    }
    classify_by_tables(c)
}

/// [`classify`] without its shortcuts.
fn classify_by_tables(c: char) -> Option<TokenKind> {
    if is_digit(c) {
        return Some(TokenKind::Number);
    }
    match Script::of(c) {
        Script::Arabic => Some(TokenKind::Arabic),
        Script::Latin => Some(TokenKind::Latin),
        // Arabic diacritics and tatweel are not alphabetic but belong to
        // the word they are in.
        Script::Other
            if ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0640}' || c == '\u{0670}' =>
        {
            Some(TokenKind::Arabic)
        }
        Script::Other if c.is_alphabetic() => Some(TokenKind::Other),
        Script::Other => None,
    }
}

/// A number in canonical form: Western digits, no thousands separators,
/// `.` as the decimal point, no leading zeros.
pub fn normalize_number(token: &str, out: &mut String) {
    out.clear();
    let chars: Vec<char> = token.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        match c {
            '0'..='9' => out.push(c),
            '\u{0660}'..='\u{0669}' => out.push((b'0' + (c as u32 - 0x0660) as u8) as char),
            '\u{06F0}'..='\u{06F9}' => out.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
            '٫' => out.push('.'),
            // `1,000` and `١٬٠٠٠` group thousands; a comma followed by
            // exactly three digits is a separator, otherwise a decimal comma
            // (German and French write `3,5`).
            ',' | '.' | '٬' => {
                let rest = chars[k + 1..].iter().take_while(|c| is_digit(**c)).count();
                if c == '٬' || rest == 3 {
                    continue;
                }
                out.push('.');
            }
            _ => {}
        }
    }
    let trimmed = out.trim_start_matches('0');
    if trimmed.len() != out.len() {
        let t = if trimmed.is_empty() || trimmed.starts_with('.') {
            format!("0{trimmed}")
        } else {
            trimmed.to_string()
        };
        *out = t;
    }
}

/// An Arabic word with diacritics and tatweel removed and the letters that
/// spelling varies on folded (أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي).
pub fn normalize_arabic(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        let c = match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ئ' => 'ي',
            c => c,
        };
        out.push(c);
    }
}

/// Light Arabic stemming: strips the clitics and suffixes that make one
/// word look like many (و ف ب ل ك ال; ها هم ات ون ين ان …), keeping at
/// least three letters. Input must be normalised.
pub fn arabic_stem(word: &str) -> &str {
    let mut w = word;
    let letters = |s: &str| s.chars().count();
    for p in ["و", "ف"] {
        if let Some(r) = w.strip_prefix(p) {
            if letters(r) >= 3 {
                w = r;
            }
            break;
        }
    }
    for p in ["بال", "كال", "لل", "ال", "ب", "ل", "ك"] {
        if let Some(r) = w.strip_prefix(p) {
            if letters(r) >= 3 {
                w = r;
                break;
            }
        }
    }
    for s in [
        "هما", "كما", "ها", "هم", "كم", "نا", "ات", "ون", "ين", "ان", "يه", "ه", "ي",
    ] {
        if let Some(r) = w.strip_suffix(s) {
            if letters(r) >= 3 {
                w = r;
                break;
            }
        }
    }
    w
}

/// Crude English stemming (plural, -ing, -ed): enough to let `meetings`,
/// `meeting` and `met`… well, the first two, share a dictionary entry.
pub fn english_stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.strip_suffix("'s").unwrap_or(&w).to_string();
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        return format!("{}y", &w[..n - 3]);
    }
    if n > 5 && w.ends_with("ing") {
        return w[..n - 3].to_string();
    }
    if n > 4 && w.ends_with("ed") {
        return w[..n - 2].to_string();
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") {
        return w[..n - 1].to_string();
    }
    w
}

/// The stem a lexicon is keyed on, for a word of `lang`.
pub fn stem(lang: &Lang, word: &str) -> String {
    with_stem(lang.rules(), word, str::to_string)
}

/// Words a thread keeps the stems of (per set of rules) before it starts
/// over: a few megabytes.
const STEM_MEMO: usize = 100_000;

thread_local! {
    /// Stems of the words this thread has stemmed, per [`Rules`]: a stream
    /// of documents repeats its vocabulary from record to record, and on
    /// 15-sentence news records stemming (Arabic normalisation and affix
    /// stripping) cost 7% of all the work. A pure function's memo: the
    /// stems are the same either way.
    static STEMS: RefCell<[FxHashMap<Box<str>, Box<str>>; 3]> =
        RefCell::new(Default::default());
}

/// Calls `f` with the stem of `word` under `rules` (see [`stem`]), from
/// the thread's memo when it has been stemmed before.
pub fn with_stem<R>(rules: Rules, word: &str, f: impl FnOnce(&str) -> R) -> R {
    let which = match rules {
        Rules::Arabic => 0,
        Rules::English => 1,
        Rules::Generic => 2,
    };
    STEMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        let table = &mut memo[which];
        if let Some(st) = table.get(word) {
            return f(st);
        }
        let st = stem_of(rules, word);
        if table.len() >= STEM_MEMO {
            table.clear();
        }
        let r = f(&st);
        table.insert(word.into(), st.into_boxed_str());
        r
    })
}

fn stem_of(rules: Rules, word: &str) -> String {
    match rules {
        Rules::Arabic => {
            let mut n = String::new();
            normalize_arabic(word, &mut n);
            arabic_stem(&n).to_string()
        }
        Rules::English => english_stem(word),
        // Without a stemmer for the language, the first six letters are a
        // fair stand-in for the stem of European words.
        Rules::Generic => word.to_lowercase().chars().take(6).collect(),
    }
}

fn key(tag: u8, s: &str) -> u64 {
    let mut h = FxHasher::default();
    tag.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

const TAG_NUMBER: u8 = 1;
const TAG_WORD: u8 = 2;
const TAG_NAME: u8 = 3;
const TAG_TRANSLATION: u8 = 4;
const TAG_PUNCT: u8 = 5;

/// Which side of the pair a sentence is on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Src = 0,
    Tgt = 1,
}

/// The tokens of one side of a document, found once and kept: each pass of
/// the aligner builds features again with a new lexicon, and splitting the
/// text into words and looking each up in a table was most of that work.
///
/// Sentences are split into chunks; a chunk lists its distinct words once
/// and each sentence as indices into that list, so a pass computes a
/// word's keys once per chunk and copies them for every occurrence.
#[derive(Default)]
pub struct Tokens<'t> {
    chunks: Vec<TokenChunk<'t>>,
}

/// Sentences per chunk of [`Tokens`].
const CHUNK: usize = 4096;

struct TokenChunk<'t> {
    /// Distinct tokens of the chunk.
    types: Vec<(TokenKind, &'t str)>,
    /// Sentence `k`'s tokens are `ids[starts[k]..starts[k + 1]]`.
    ids: Ids,
    starts: Vec<u32>,
    /// Sentence `k`'s punctuation marks (see [`PUNCT`]) are
    /// `punct[punct_starts[k]..punct_starts[k + 1]]`.
    punct: Vec<u8>,
    punct_starts: Vec<u32>,
}

/// A chunk's tokens as indices into its distinct words: two bytes each
/// when it has at most 65 536 distinct words (a chunk of the eval pool's
/// workload has at most about 6 200), else four. The tokens stay in
/// memory for every pass: at a million sentences a side they took 130 MB
/// with four-byte ids (heaptrack).
enum Ids {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Default for Ids {
    fn default() -> Ids {
        Ids::Narrow(Vec::new())
    }
}

/// An index into a chunk's distinct words, however stored.
trait WordId: Copy {
    fn index(self) -> usize;
}

impl WordId for u16 {
    #[inline]
    fn index(self) -> usize {
        self as usize
    }
}

impl WordId for u32 {
    #[inline]
    fn index(self) -> usize {
        self as usize
    }
}

/// Punctuation kept as evidence: questions, exclamations, quotations and
/// parentheses survive translation more often than not.
const PUNCT: [&str; 4] = ["?", "!", "\"", "("];

fn punct_class(c: char) -> Option<u8> {
    match c {
        '?' | '؟' => Some(0),
        '!' => Some(1),
        '"' | '«' | '»' | '“' | '”' | '„' => Some(2),
        '(' | ')' => Some(3),
        _ => None,
    }
}

impl<'t> Tokens<'t> {
    /// Splits every sentence, in parallel.
    pub fn new(texts: &[&'t str]) -> Tokens<'t> {
        let chunks = texts
            .par_chunks(CHUNK)
            .map(|chunk| {
                // Sized for the chunk's distinct words (about one per ten
                // bytes of text, and far fewer in long chunks): grown from
                // empty, the table was rehashed seven or eight times for
                // a news-sized record.
                let bytes: usize = chunk.iter().map(|t| t.len()).sum();
                let mut seen: FxHashMap<&'t str, u32> = FxHashMap::with_capacity_and_hasher(
                    (bytes / 10).min(16_384),
                    Default::default(),
                );
                let mut ids: Vec<u32> = Vec::new();
                let mut c = TokenChunk {
                    types: Vec::new(),
                    ids: Ids::default(),
                    starts: vec![0],
                    punct: Vec::new(),
                    punct_starts: vec![0],
                };
                for text in chunk {
                    let (types, ids, punct) = (&mut c.types, &mut ids, &mut c.punct);
                    tokens_and_marks(
                        text,
                        |kind, tok| {
                            let id = *seen.entry(tok).or_insert_with(|| {
                                types.push((kind, tok));
                                (types.len() - 1) as u32
                            });
                            ids.push(id);
                        },
                        |ch| punct.extend(punct_class(ch)),
                    );
                    c.starts.push(ids.len() as u32);
                    c.punct_starts.push(c.punct.len() as u32);
                }
                c.ids = if c.types.len() <= 1 << 16 {
                    Ids::Narrow(ids.iter().map(|&x| x as u16).collect())
                } else {
                    ids.shrink_to_fit();
                    Ids::Wide(ids)
                };
                c.punct.shrink_to_fit();
                c
            })
            .collect();
        Tokens { chunks }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.starts.len() - 1).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The distinct tokens `keep` accepts, in no particular order.
    fn distinct(&self, keep: impl Fn(TokenKind, &str) -> bool) -> Vec<&'t str> {
        let mut set: FxHashSet<&'t str> = FxHashSet::default();
        for c in &self.chunks {
            set.extend(c.types.iter().filter(|(k, t)| keep(*k, t)).map(|&(_, t)| t));
        }
        set.into_iter().collect()
    }
}

/// Builds feature vectors for one document pair, with its `names` (from
/// [`Names::find`], which a caller building features again with another
/// lexicon need not repeat).
pub fn build(
    src: &Tokens,
    src_lang: &Lang,
    tgt: &Tokens,
    tgt_lang: &Lang,
    names: &Names,
    lexicon: Option<&Lexicon>,
    anchors: bool,
) -> Features {
    let cross_script = src_lang.script() != tgt_lang.script();
    let ctx = Ctx {
        anchors,
        cross_script,
        names,
        lexicon,
        rules: [src_lang.rules(), tgt_lang.rules()],
        scripts: [src_lang.script(), tgt_lang.script()],
    };
    let side = |tokens, role| KeyedSide {
        tokens,
        keys: ctx.chunk_keys(tokens, role),
        punct: PUNCT.map(|p| key(TAG_PUNCT, p)),
        anchors,
    };
    weigh(&side(src, Role::Src), &side(tgt, Role::Tgt))
}

struct Ctx<'a> {
    anchors: bool,
    cross_script: bool,
    names: &'a Names,
    lexicon: Option<&'a Lexicon>,
    /// Each side's rules and script, indexed by [`Role`].
    rules: [Rules; 2],
    scripts: [Script; 2],
}

impl Ctx<'_> {
    /// The keys of every word of every chunk: a word's keys depend on the
    /// word alone, so they are computed once per chunk and read for each
    /// occurrence.
    fn chunk_keys(&self, tokens: &Tokens, role: Role) -> Vec<ChunkKeys> {
        tokens
            .chunks
            .par_iter()
            .map(|c| {
                let mut keys = ChunkKeys {
                    store: Vec::new(),
                    at: Vec::with_capacity(c.types.len()),
                };
                let mut buf = String::new();
                for &(kind, tok) in &c.types {
                    let start = keys.store.len();
                    self.token_keys(kind, tok, role, &mut buf, &mut keys.store);
                    keys.at.push((start as u32, keys.store.len() as u32));
                }
                keys
            })
            .collect()
    }

    /// The keys one token contributes.
    fn token_keys(
        &self,
        kind: TokenKind,
        tok: &str,
        role: Role,
        buf: &mut String,
        out: &mut Vec<(u64, f32)>,
    ) {
        // Per side, worked out once: asking the tag per token was 2% of
        // a small record's work.
        let side = role as usize;
        let rules = self.rules[side];
        if !self.anchors {
            self.translations(rules, tok, role, out);
            return;
        }
        match kind {
            TokenKind::Number => {
                normalize_number(tok, buf);
                if !buf.is_empty() {
                    out.push((key(TAG_NUMBER, buf), 1.0));
                }
            }
            TokenKind::Latin => {
                lowercase_into(tok, buf);
                let lower: &str = buf;
                if self.cross_script {
                    out.push((key(TAG_WORD, lower), 1.0));
                    // Only on the Latin-script side: a Latin name quoted
                    // inside Arabic text matches already as a word.
                    if self.scripts[side] == Script::Latin && self.names.latin.contains(lower) {
                        out.push((key(TAG_NAME, lower), 1.0));
                    }
                } else {
                    let prefix: String = lower.chars().take(4).collect();
                    out.push((key(TAG_WORD, &prefix), 1.0));
                }
                self.translations(rules, tok, role, out);
            }
            TokenKind::Arabic => {
                // A name is a word long enough to be one, normalised as
                // name matching normalised it (from the thread's memo,
                // which matching the document's names has just filled).
                let has_names = !self.names.arabic.is_empty();
                if let Some(w) = has_names.then(|| arabic_word(tok)).flatten() {
                    if let Some(name) = self.names.arabic.get(&*w.normal) {
                        out.push((key(TAG_NAME, name), 1.0));
                    }
                }
                self.translations(rules, tok, role, out);
            }
            TokenKind::Other => self.translations(rules, tok, role, out),
        }
    }

    fn translations(&self, rules: Rules, tok: &str, role: Role, out: &mut Vec<(u64, f32)>) {
        let Some(lex) = self.lexicon else { return };
        with_stem(rules, tok, |st| match role {
            // A target word stands for itself.
            Role::Tgt => {
                if lex.knows_target(st) {
                    out.push((key(TAG_TRANSLATION, st), 1.0));
                }
            }
            // A source word stands for what it translates to.
            Role::Src => {
                for (t, p) in lex.translations(st) {
                    out.push((key(TAG_TRANSLATION, t), *p));
                }
            }
        })
    }
}

/// `tok` lowercased into `buf` (as `str::to_lowercase` does it, without
/// a new string for every word: ASCII words, most Latin-script ones, are
/// lowercased byte by byte).
fn lowercase_into(tok: &str, buf: &mut String) {
    buf.clear();
    if tok.is_ascii() {
        buf.push_str(tok);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&tok.to_lowercase());
    }
}

/// TF–IDF over all sentences of both sides; features not seen on both
/// sides are dropped; keys are renumbered densely.
fn weigh(src: &KeyedSide, tgt: &KeyedSide) -> Features {
    // Document frequency on each side, counting a feature once per
    // sentence; chunks are counted in parallel and their tables merged.
    let count = |which: usize, side: &KeyedSide| {
        (0..side.tokens.chunks.len())
            .into_par_iter()
            .map(|c| {
                // While counting, the other side's slot of each entry holds
                // the last sentence (from 1) that counted it, so a key
                // repeated in a sentence counts once without sorting the
                // sentence's keys (that sort was 2% of a small record's work).
                // Sized for about two keys a distinct word (its own and a
                // translation or two), so that it is not rehashed as it
                // grows.
                let words = side.tokens.chunks[c].types.len();
                let mut df: FxHashMap<u64, (u32, u32)> =
                    FxHashMap::with_capacity_and_hasher(2 * words, Default::default());
                let mut sentence = 0u32;
                side.each_sentence(c, |keys| {
                    sentence += 1;
                    for (k, _) in keys {
                        let e = df.entry(*k).or_default();
                        let (count, last) = if which == 0 {
                            (&mut e.0, &mut e.1)
                        } else {
                            (&mut e.1, &mut e.0)
                        };
                        if *last != sentence {
                            *last = sentence;
                            *count += 1;
                        }
                    }
                });
                for e in df.values_mut() {
                    if which == 0 {
                        e.1 = 0;
                    } else {
                        e.0 = 0;
                    }
                }
                df
            })
            .reduce(FxHashMap::default, |mut a, b| {
                if a.len() < b.len() {
                    return merge_df(b, a);
                }
                merge_df(std::mem::take(&mut a), b)
            })
    };
    let (src_df, tgt_df) = rayon::join(|| count(0, src), || count(1, tgt));
    let df = merge_df(src_df, tgt_df);
    let n = (src.tokens.len() + tgt.tokens.len()).max(1) as f32;
    // Ids in key order, not in the table's (which depends on how the
    // parallel counts were merged): the same input gives the same ids, so
    // the same sums in the same order and the same output, run after run.
    let mut shared: Vec<(u64, (u32, u32))> = df
        .into_iter()
        .filter(|(_, (a, b))| *a > 0 && *b > 0)
        .collect();
    shared.sort_unstable_by_key(|e| e.0);
    let mut ids: FxHashMap<u64, (u32, f32)> =
        FxHashMap::with_capacity_and_hasher(shared.len(), Default::default());
    for (k, (a, b)) in shared {
        let idf = (n / (a + b) as f32).ln().max(0.0) + 0.1;
        let id = ids.len() as u32;
        ids.insert(k, (id, idf));
    }
    let vectorize = |side: &KeyedSide| -> Vec<SparseVec> {
        (0..side.tokens.chunks.len())
            .into_par_iter()
            .flat_map_iter(|c| {
                let mut vecs = Vec::new();
                let mut v: SparseVec = Vec::new();
                side.each_sentence(c, |keys| {
                    v.clear();
                    v.extend(
                        keys.iter()
                            .filter_map(|(k, w)| ids.get(k).map(|&(id, idf)| (id, w * idf))),
                    );
                    v.sort_unstable_by_key(|e| e.0);
                    // Merge repeats of a feature (term frequency), damped: a
                    // name said three times is not three times the evidence.
                    let mut out: SparseVec = Vec::with_capacity(v.len());
                    for &(id, w) in &v {
                        match out.last_mut() {
                            Some(last) if last.0 == id => last.1 += 0.5 * w,
                            _ => out.push((id, w)),
                        }
                    }
                    out.shrink_to_fit();
                    vecs.push(out);
                });
                vecs
            })
            .collect()
    };
    let (src, tgt) = rayon::join(|| vectorize(src), || vectorize(tgt));
    Features { src, tgt }
}

/// The keys of one chunk's words under one lexicon: word `t`'s keys are
/// `store[at[t].0..at[t].1]`.
struct ChunkKeys {
    store: Vec<(u64, f32)>,
    at: Vec<(u32, u32)>,
}

/// One side's tokens with the keys of its words: every sentence's keys,
/// read one sentence at a time (all of them at once would take 16 bytes a
/// token, a gigabyte for a million sentences a side).
struct KeyedSide<'a, 't> {
    tokens: &'a Tokens<'t>,
    keys: Vec<ChunkKeys>,
    /// Keys of the [`PUNCT`] marks.
    punct: [u64; 4],
    anchors: bool,
}

impl KeyedSide<'_, '_> {
    /// Calls `f` with the raw `(key, count-like weight)` pairs of each
    /// sentence of chunk `c` in turn, unsorted.
    fn each_sentence(&self, c: usize, f: impl FnMut(&[(u64, f32)])) {
        match &self.tokens.chunks[c].ids {
            Ids::Narrow(ids) => self.each_sentence_of(c, ids, f),
            Ids::Wide(ids) => self.each_sentence_of(c, ids, f),
        }
    }

    /// [`each_sentence`](Self::each_sentence) with the chunk's ids as
    /// they are stored.
    fn each_sentence_of<I: WordId>(&self, c: usize, ids: &[I], mut f: impl FnMut(&[(u64, f32)])) {
        let (chunk, keys) = (&self.tokens.chunks[c], &self.keys[c]);
        let mut out: Vec<(u64, f32)> = Vec::new();
        for k in 0..chunk.starts.len() - 1 {
            out.clear();
            for &id in &ids[chunk.starts[k] as usize..chunk.starts[k + 1] as usize] {
                let (a, b) = keys.at[id.index()];
                out.extend_from_slice(&keys.store[a as usize..b as usize]);
            }
            if self.anchors {
                let marks = &chunk.punct
                    [chunk.punct_starts[k] as usize..chunk.punct_starts[k + 1] as usize];
                out.extend(marks.iter().map(|&p| (self.punct[p as usize], 1.0)));
            }
            f(&out);
        }
    }
}

/// Document frequencies of `b` added into `a`.
fn merge_df(
    mut a: FxHashMap<u64, (u32, u32)>,
    b: FxHashMap<u64, (u32, u32)>,
) -> FxHashMap<u64, (u32, u32)> {
    // Room for all of `b` at once, rather than rehashing as `a` grows.
    a.reserve(b.len());
    for (k, (x, y)) in b {
        let e = a.entry(k).or_default();
        e.0 += x;
        e.1 += y;
    }
    a
}

/// Names matched across scripts for one document pair: Arabic word types
/// and capitalised Latin word types whose skeletons are close.
#[derive(Default)]
pub struct Names {
    /// Normalised Arabic word → the lowercased Latin name it matches.
    arabic: FxHashMap<String, String>,
    /// Lowercased Latin names that matched something.
    latin: FxHashSet<String>,
}

impl Names {
    /// The names of a document pair; none unless one side is in Arabic
    /// script and the other in Latin.
    pub fn find(src: &Tokens, src_lang: &Lang, tgt: &Tokens, tgt_lang: &Lang) -> Names {
        // Which side is Arabic-script; the other must be Latin for this to
        // apply (other script pairs get no name matching).
        let (ar_side, la_side) = match (src_lang.script(), tgt_lang.script()) {
            (Script::Arabic, Script::Latin) => (src, tgt),
            (Script::Latin, Script::Arabic) => (tgt, src),
            _ => return Names::default(),
        };
        // Word types first (a document of a million sentences has tens of
        // millions of tokens but only tens of thousands of types), collected
        // in parallel; only the types are normalised and transliterated.
        let latin_tokens = la_side.distinct(|kind, tok| {
            kind == TokenKind::Latin && tok.chars().next().is_some_and(|c| c.is_uppercase())
        });
        let arabic_tokens = ar_side.distinct(|kind, _| kind == TokenKind::Arabic);
        // Latin candidates: capitalised words, by skeleton's first class.
        let latin_words: Vec<Rc<LatinWord>> =
            latin_tokens.into_iter().filter_map(latin_word).collect();
        let latin: FxHashMap<&str, &str> = latin_words
            .iter()
            .map(|w| (&*w.lower, &*w.skeleton))
            .collect();
        let mut by_first: FxHashMap<char, Vec<(&str, &str)>> = FxHashMap::default();
        for (w, sk) in &latin {
            // `sk` is non-empty (len ≥ 2 checked above).
            let first = sk.chars().next().unwrap_or(' ');
            by_first.entry(first).or_default().push((w, sk));
        }
        // Each Arabic word once (several spellings normalise alike), with
        // the skeletons of its forms, from the thread's memo.
        // (Spellings that normalise alike share one memo entry.)
        let mut words: Vec<Rc<ArabicWord>> =
            arabic_tokens.into_iter().filter_map(arabic_word).collect();
        words.sort_unstable_by_key(|w| Rc::as_ptr(w) as usize);
        words.dedup_by(|x, y| Rc::ptr_eq(x, y));
        let mut table = Names::default();
        for word in &words {
            // The closest name, to the word itself or to it without a
            // leading conjunction/article, since names take clitics too
            // (وترمب, لترمب). Two names equally close make the word
            // ambiguous, and it is left out (which also keeps the table
            // from depending on the order words were seen in).
            let mut best: Option<(f64, &str)> = None;
            let mut tied = false;
            for sk in &word.skeletons {
                let sk: &str = sk;
                let first = sk.chars().next().unwrap_or(' ');
                for (w, lsk) in by_first.get(&first).map(Vec::as_slice).unwrap_or(&[]) {
                    if lsk.len().abs_diff(sk.len()) > 2
                        || translit::similarity_upper_bound(sk, lsk) < NAME_THRESHOLD
                    {
                        continue;
                    }
                    let sim = translit::skeleton_similarity(sk, lsk);
                    if sim < NAME_THRESHOLD {
                        continue;
                    }
                    match best {
                        Some((b, bw)) if sim == b && bw != *w => tied = true,
                        Some((b, _)) if sim <= b => {}
                        _ => {
                            best = Some((sim, w));
                            tied = false;
                        }
                    }
                }
            }
            if let (Some((_, w)), false) = (best, tied) {
                table.latin.insert(w.to_string());
                table.arabic.insert(word.normal.to_string(), w.to_string());
            }
        }
        table
    }
}

/// Jaro–Winkler similarity above which two skeletons are taken for the same
/// name. Skeletons are short, so this is strict: at 0.9 a two-consonant
/// skeleton must match exactly, a five-consonant one may differ in one.
const NAME_THRESHOLD: f64 = 0.9;

/// An Arabic word as name matching sees it: normalised, and the
/// transliteration skeletons (of two letters or more) of its forms.
struct ArabicWord {
    normal: Box<str>,
    skeletons: Vec<Box<str>>,
}

/// Words a thread keeps in each table of [`NameMemo`] before it starts
/// over.
const NAME_MEMO: usize = 100_000;

/// A capitalised Latin word as name matching sees it: lowercased, and its
/// transliteration skeleton (of two letters or more).
struct LatinWord {
    lower: Box<str>,
    skeleton: Box<str>,
}

/// What a thread has worked out of the words it has seen (see
/// [`arabic_word`] and [`latin_word`]).
#[derive(Default)]
struct NameMemo {
    /// Arabic tokens, and the normalised words they share.
    arabic: FxHashMap<Box<str>, Option<Rc<ArabicWord>>>,
    normal: FxHashMap<Box<str>, Rc<ArabicWord>>,
    latin: FxHashMap<Box<str>, Option<Rc<LatinWord>>>,
}

thread_local! {
    /// The [`ArabicWord`]s and [`LatinWord`]s of the tokens this thread has
    /// seen (`None`: not a name candidate). On a stream of news records,
    /// normalising and transliterating every word type of every record
    /// again was most of finding a record's names; the vocabulary repeats.
    /// A pure function's memo: the same words either way.
    static NAME_MEMO_TABLES: RefCell<NameMemo> = RefCell::new(NameMemo::default());
}

/// The [`ArabicWord`] of token `tok`, if it is long enough to be a name.
fn arabic_word(tok: &str) -> Option<Rc<ArabicWord>> {
    NAME_MEMO_TABLES.with(|memo| {
        let memo = &mut *memo.borrow_mut();
        if let Some(w) = memo.arabic.get(tok) {
            return w.clone();
        }
        let mut normal = String::new();
        normalize_arabic(tok, &mut normal);
        let word = if normal.chars().count() < 3 {
            None
        } else if let Some(w) = memo.normal.get(normal.as_str()) {
            Some(Rc::clone(w))
        } else {
            let skeletons = arabic_forms(&normal)
                .map(translit::arabic_skeleton)
                .filter(|sk| sk.len() >= 2)
                .map(String::into_boxed_str)
                .collect();
            let w = Rc::new(ArabicWord {
                normal: normal.into_boxed_str(),
                skeletons,
            });
            if memo.normal.len() >= NAME_MEMO {
                memo.normal.clear();
            }
            memo.normal.insert(w.normal.clone(), Rc::clone(&w));
            Some(w)
        };
        if memo.arabic.len() >= NAME_MEMO {
            memo.arabic.clear();
        }
        memo.arabic.insert(tok.into(), word.clone());
        word
    })
}

/// The [`LatinWord`] of token `tok`, if it can be a name: three letters
/// or more, with a skeleton of two or more.
fn latin_word(tok: &str) -> Option<Rc<LatinWord>> {
    NAME_MEMO_TABLES.with(|memo| {
        let memo = &mut *memo.borrow_mut();
        if let Some(w) = memo.latin.get(tok) {
            return w.clone();
        }
        let word = if tok.chars().count() < 3 {
            None
        } else {
            let lower = tok.to_lowercase();
            let skeleton = translit::latin_skeleton(&lower);
            (skeleton.len() >= 2).then(|| {
                Rc::new(LatinWord {
                    lower: lower.into_boxed_str(),
                    skeleton: skeleton.into_boxed_str(),
                })
            })
        };
        if memo.latin.len() >= NAME_MEMO {
            memo.latin.clear();
        }
        memo.latin.insert(tok.into(), word.clone());
        word
    })
}

/// The word, and the word without the clitics names commonly take.
fn arabic_forms(word: &str) -> impl Iterator<Item = &str> {
    let mut forms = vec![word];
    for p in ["وال", "بال", "لل", "ال", "و", "ب", "ل", "ك", "ف"] {
        if let Some(r) = word.strip_prefix(p) {
            if r.chars().count() >= 3 {
                forms.push(r);
            }
        }
    }
    forms.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokenKind, String)> {
        let mut v = Vec::new();
        tokens(s, |k, t| v.push((k, t.to_string())));
        v
    }

    #[test]
    fn numbers_fold_digit_systems_and_separators() {
        let mut out = String::new();
        for (input, want) in [
            ("٢٠١٩", "2019"),
            ("2019", "2019"),
            ("1,000", "1000"),
            ("١٬٠٠٠", "1000"),
            ("٣٫٥", "3.5"),
            ("3,5", "3.5"),
            ("007", "7"),
        ] {
            normalize_number(input, &mut out);
            assert_eq!(out, want, "{input}");
        }
    }

    #[test]
    fn shortcuts_classify_every_character_as_the_tables_do() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(classify(c), classify_by_tables(c), "U+{:04X}", c as u32);
        }
    }

    /// [`tokens_and_marks`] as first written: one step per character.
    fn tokens_and_marks_by_chars(text: &str) -> (Vec<(TokenKind, &str)>, String) {
        let (mut toks, mut marks) = (Vec::new(), String::new());
        let mut start: Option<(usize, TokenKind)> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let kind = classify_by_tables(c);
            match (start, kind) {
                (None, Some(k)) => start = Some((i, k)),
                (Some((_, k0)), Some(k)) if k == k0 => {}
                (Some((_, TokenKind::Number)), None)
                    if is_number_separator(c)
                        && chars.peek().is_some_and(|&(_, n)| is_digit(n)) => {}
                (Some((s, k0)), k) => {
                    toks.push((k0, &text[s..i]));
                    start = k.map(|k| (i, k));
                    if k.is_none() {
                        marks.push(c);
                    }
                }
                (None, None) => marks.push(c),
            }
        }
        if let Some((s, k)) = start {
            toks.push((k, &text[s..]));
        }
        (toks, marks)
    }

    fn tokens_and_marks_of(text: &str) -> (Vec<(TokenKind, &str)>, String) {
        let (mut toks, mut marks) = (Vec::new(), String::new());
        tokens_and_marks(text, |k, t| toks.push((k, t)), |c| marks.push(c));
        (toks, marks)
    }

    #[test]
    fn runs_are_skipped_as_single_characters_would_be() {
        for text in crate::sample_articles() {
            let (toks, marks) = tokens_and_marks_of(&text);
            assert!(toks.len() > 100);
            assert_eq!((toks, marks), tokens_and_marks_by_chars(&text));
        }
        for text in [
            "قالـــت الوزارةُ ٣٫٥ و3.5x ab١٢ Ωmega مَرْحَبًا 1,000,",
            "ؠؿـفي 2019م.",
            "\u{0640}\u{064B}ا",
            "a",
            "9.",
            "",
        ] {
            assert_eq!(
                tokens_and_marks_of(text),
                tokens_and_marks_by_chars(text),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn tokens_match_the_character_by_character_scan(
            text in "[a-zA-Z0-9.,\\- \u{0600}-\u{06FF}\u{0660}-\u{0669}«»ÉΩ]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokens_and_marks_of(&text), tokens_and_marks_by_chars(&text));
        }
    }

    #[test]
    fn marks_are_the_characters_between_tokens() {
        let (mut toks, mut marks) = (Vec::new(), String::new());
        tokens_and_marks("«قال» (3,5 km)?", |_, t| toks.push(t), |c| marks.push(c));
        assert_eq!(toks, ["قال", "3,5", "km"]);
        assert_eq!(marks, "«» ( )?");
    }

    #[test]
    fn tokens_split_scripts_and_keep_numbers_whole() {
        let t = toks("نقلت شبكة CNN عن 48 ساعة، 1,000.");
        let kinds: Vec<_> = t.iter().map(|(k, s)| (*k, s.as_str())).collect();
        assert!(kinds.contains(&(TokenKind::Latin, "CNN")));
        assert!(kinds.contains(&(TokenKind::Number, "48")));
        assert!(kinds.contains(&(TokenKind::Number, "1,000")));
        assert!(kinds.contains(&(TokenKind::Arabic, "شبكة")));
    }

    #[test]
    fn arabic_stemming_strips_clitics_but_keeps_three_letters() {
        let mut n = String::new();
        normalize_arabic("والرئيس", &mut n);
        assert_eq!(arabic_stem(&n), "رييس");
        normalize_arabic("وكيم", &mut n);
        assert_eq!(arabic_stem(&n), "كيم");
    }

    /// Each sentence's words as a chunk's ids give them back.
    fn words_of<'t>(tokens: &Tokens<'t>) -> Vec<Vec<&'t str>> {
        let mut out = Vec::new();
        for c in &tokens.chunks {
            let ids: Vec<usize> = match &c.ids {
                Ids::Narrow(v) => v.iter().map(|&x| x.index()).collect(),
                Ids::Wide(v) => v.iter().map(|&x| x.index()).collect(),
            };
            for k in 0..c.starts.len() - 1 {
                let r = c.starts[k] as usize..c.starts[k + 1] as usize;
                out.push(ids[r].iter().map(|&id| c.types[id].1).collect());
            }
        }
        out
    }

    #[test]
    fn tokens_read_back_whether_their_ids_take_two_bytes_or_four() {
        // A first chunk of 4 096 sentences with 17 distinct words each
        // (69 632 words, more than two bytes count), then a small chunk
        // whose words repeat.
        let word = |mut n: usize| -> String {
            (0..4)
                .map(|_| {
                    let c = (b'a' + (n % 26) as u8) as char;
                    n /= 26;
                    c
                })
                .collect()
        };
        let mut texts: Vec<String> = (0..CHUNK)
            .map(|s| {
                (0..17)
                    .map(|w| word(s * 17 + w))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        texts.extend((0..10).map(|s| format!("{} {} {}", word(s), word(s + 1), word(s))));
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let tokens = Tokens::new(&refs);
        assert!(matches!(tokens.chunks[0].ids, Ids::Wide(_)));
        assert!(matches!(tokens.chunks[1].ids, Ids::Narrow(_)));
        let expected: Vec<Vec<&str>> = refs.iter().map(|t| t.split(' ').collect()).collect();
        assert_eq!(words_of(&tokens), expected);
    }

    #[test]
    fn translated_sentences_share_features_unrelated_ones_do_not() {
        let ar = [
            "نقلت شبكة CNN أن ترمب سيلتقي كيم في 2019.",
            "وتطلع إلى الاجتماع به.",
        ];
        let en = [
            "CNN reported that Trump will meet Kim in ٢٠١٩.",
            "He looks forward to the meeting.",
        ];
        let (ar, en) = (Tokens::new(&ar), Tokens::new(&en));
        let names = Names::find(&ar, &Lang::ar(), &en, &Lang::en());
        let f = build(&ar, &Lang::ar(), &en, &Lang::en(), &names, None, true);
        let dot = |a: &SparseVec, b: &SparseVec| -> f32 {
            a.iter()
                .filter_map(|(k, w)| b.iter().find(|(k2, _)| k2 == k).map(|(_, w2)| w * w2))
                .sum()
        };
        assert!(dot(&f.src[0], &f.tgt[0]) > 0.0);
        assert_eq!(dot(&f.src[0], &f.tgt[1]), 0.0);
    }

    /// The features the two sentences of a pair share, keys only.
    fn shared_names(ar: &[&str], en: &[&str], english_first: bool) -> usize {
        let (ta, te) = (Tokens::new(ar), Tokens::new(en));
        let ctx_names = Names::find(&ta, &Lang::ar(), &te, &Lang::en());
        let f = if english_first {
            build(&te, &Lang::en(), &ta, &Lang::ar(), &ctx_names, None, true)
        } else {
            build(&ta, &Lang::ar(), &te, &Lang::en(), &ctx_names, None, true)
        };
        let (s, t) = (&f.src[0], &f.tgt[0]);
        s.iter()
            .filter(|(k, _)| t.iter().any(|(k2, _)| k2 == k))
            .count()
    }

    #[test]
    fn names_match_whichever_side_is_the_source() {
        // No numbers or Latin words: only the names can be shared.
        let ar = ["التقى ترمب مع كيم أمس.", "وكان الجو باردا."];
        let en = ["Trump met Kim yesterday.", "The weather was cold."];
        let ar_first = shared_names(&ar, &en, false);
        assert!(ar_first >= 2, "{ar_first} features shared");
        assert_eq!(shared_names(&ar, &en, true), ar_first);
    }

    #[test]
    fn a_word_as_close_to_two_names_is_no_name() {
        // كارم is as close to Karim as to Karem (the same skeleton
        // distance either way), so it says nothing about which sentence
        // it belongs with; ترمب matches Trump alone.
        let ar = ["قال كارم إن ترمب وصل."];
        let en = ["Karim said Trump had arrived.", "Karem was not there."];
        let names = Names::find(
            &Tokens::new(&ar),
            &Lang::ar(),
            &Tokens::new(&en),
            &Lang::en(),
        );
        assert_eq!(names.arabic.get("ترمب").map(String::as_str), Some("trump"));
        assert_eq!(names.arabic.get("كارم"), None, "{:?}", names.arabic);
        // And the table does not depend on the order of the sentences.
        let en_rev = [en[1], en[0]];
        let again = Names::find(
            &Tokens::new(&ar),
            &Lang::ar(),
            &Tokens::new(&en_rev),
            &Lang::en(),
        );
        assert_eq!(again.arabic, names.arabic);
        // With one of the two names only, the word is that name.
        let one = Names::find(
            &Tokens::new(&ar),
            &Lang::ar(),
            &Tokens::new(&en[..1]),
            &Lang::en(),
        );
        assert_eq!(one.arabic.get("كارم").map(String::as_str), Some("karim"));
    }
}
