//! User bilingual dictionaries: hunalign `.dic` files and FreeDict (dictd)
//! databases, turned into a [`Lexicon`] the aligner can use.
//!
//! A dictionary gives the aligner what length and numbers cannot: evidence
//! that two sentences share *words*. The aligner looks words up by stem
//! ([`features::stem`]), so every entry is stored under the stems of its
//! words, exactly as the aligner will compute them for the text.
//!
//! # Formats
//!
//! **hunalign** (`.dic`), the format hunalign and LF Aligner use: one entry
//! per line, the *target* phrase first, then ` @ `, then the *source*
//! phrase (hunalign's README: "for historical reasons, the target language
//! phrases come first"). For Arabic → English:
//!
//! ```text
//! # comments and blank lines are skipped
//! president @ رئيس
//! prime minister @ رئيس الوزراء
//! ```
//!
//! **dictd / FreeDict** (`NAME.index` + `NAME.dict.dz`): what Debian's
//! `dict-freedict-*` packages install in `/usr/share/dictd/`. The index has
//! one line per headword, `headword TAB offset TAB length`, the numbers in
//! dictd's base-64 (`A–Z a–z 0–9 + /`, most significant digit first); the
//! data file is a dictzip, i.e. an ordinary gzip file. A FreeDict entry is
//! its headword line (with an IPA transcription, `word /ipa/`), then either
//! one translation line or numbered ones (`1. Aduncous`). The `00-database-*`
//! entries are metadata and are skipped. [`load`] reads such a database
//! directly when given its `.index` or `.dict.dz` path, and
//! `wasl dict import` converts one to hunalign format.
//!
//! # From entries to lexicon weights
//!
//! - Words are found with [`features::tokens`] and keyed with
//!   [`features::stem`]; numbers are left out (the aligner matches numbers
//!   on its own) and so are *stop words* (see [`is_stop_word`]): `the`,
//!   `of`, `في`, `من` occur in almost every sentence and would make every
//!   pair look alike.
//! - An entry whose two phrases each keep one content word is a plain word
//!   pair, weight 1 (`to eat @ أكل` is `eat`–`أكل`).
//! - A short phrase (at most [`MAX_PHRASE_WORDS`] content words a side,
//!   `prime minister @ رئيس الوزراء`) pairs every source content word with
//!   every target one at weight `1 / max(ns, nt)`: the words of a phrase
//!   pair translate roughly one to one, so each has about one real partner
//!   among those it is paired with. Longer phrases are mostly glosses
//!   (`متعلق بجهاز الستروب`) and are skipped; [`Stats::skipped`] counts them.
//! - Weights are *not* divided among a word's translations: a word with k
//!   translations gives each weight 1, not `1/k`. The aligner keeps only
//!   features found on both sides of a document pair
//!   ([`features::build`]), so the senses that do not occur cost nothing,
//!   and dividing by k would only shrink the one that matches. Measured on
//!   the NTREX-128 dev documents (447 Arabic sentences; is the gold English
//!   sentence the nearest by feature cosine?) with FreeDict ara-eng: no
//!   dictionary 52.1%, `1/k` 76.3%, `1/√k` 87.5%, unnormalised 93.3%.
//!   When several entries give the same stem pair, the best weight counts.
//!
//! # Using FreeDict with wasl
//!
//! ```text
//! apt-get install dict-freedict-ara-eng dict-freedict-eng-ara
//! # use the Arabic→English database as it is:
//! wasl align --dict /usr/share/dictd/freedict-ara-eng.index doc.ar doc.en
//! # or convert it (and the English→Arabic one, reversed) to hunalign format:
//! wasl dict import /usr/share/dictd/freedict-ara-eng.index --src-lang ar --tgt-lang en -o ar-en.dic
//! wasl dict import /usr/share/dictd/freedict-eng-ara.index --src-lang ar --tgt-lang en -o en-ar.dic
//! cat ar-en.dic en-ar.dic > ar-en-all.dic
//! wasl dict stats ar-en-all.dic --src-lang ar --tgt-lang en
//! wasl align --dict ar-en-all.dic doc.ar doc.en
//! ```

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::align::features::{self, TokenKind};
use crate::align::lexicon::Lexicon;
use crate::error::{Error, Result};
use crate::input::Document;
use crate::lang::{Lang, Script};

/// Phrases with more content words than this on either side are skipped.
pub const MAX_PHRASE_WORDS: usize = 3;

/// What loading a dictionary did, for the command line to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Entries (source phrase, target phrase) read, duplicates included.
    pub entries: usize,
    /// Entries that gave at least one lexicon pair.
    pub used: usize,
    /// Entries skipped because a side has no content word (only stop words,
    /// numbers or punctuation).
    pub no_content: usize,
    /// Entries skipped because a phrase has more than [`MAX_PHRASE_WORDS`]
    /// content words.
    pub skipped: usize,
    /// Source stems in the lexicon.
    pub source_stems: usize,
    /// (source stem, target stem) pairs in the lexicon.
    pub pairs: usize,
}

/// Where Debian's FreeDict packages put their databases.
pub const FREEDICT_DIR: &str = "/usr/share/dictd";

/// The FreeDict database for `src_lang` and `tgt_lang` that Debian
/// installs in `dir` (normally [`FREEDICT_DIR`]): `freedict-SRC-TGT.index`,
/// or the reverse direction's, which [`load`] reads the other way round.
/// When there is none, the error names the package to install.
pub fn find_freedict(dir: &Path, src_lang: &Lang, tgt_lang: &Lang) -> Result<PathBuf> {
    let (Some(s), Some(t)) = (src_lang.iso639_3(), tgt_lang.iso639_3()) else {
        return Err(Error::Usage(format!(
            "--dict freedict: wasl does not know the FreeDict name of {} or {}; give the \
             database's .index file instead",
            src_lang.name(),
            tgt_lang.name()
        )));
    };
    for (a, b) in [(s, t), (t, s)] {
        let index = dir.join(format!("freedict-{a}-{b}.index"));
        if index.is_file() {
            return Ok(index);
        }
    }
    Err(Error::Usage(format!(
        "--dict freedict: no FreeDict database for {} and {} in {}; install one with \
         `apt-get install dict-freedict-{s}-{t}` (or dict-freedict-{t}-{s})",
        src_lang.name(),
        tgt_lang.name(),
        dir.display()
    )))
}

/// Loads a dictionary for aligning `src_lang` (source) with `tgt_lang`.
///
/// `path` is a hunalign `.dic` file, or a dictd database named by its
/// `.index` or `.dict.dz` / `.dict` file (see the module docs).
pub fn load(path: impl AsRef<Path>, src_lang: &Lang, tgt_lang: &Lang) -> Result<Lexicon> {
    load_with_stats(path, src_lang, tgt_lang).map(|(lex, _)| lex)
}

/// [`load`], also returning what was read and used.
pub fn load_with_stats(
    path: impl AsRef<Path>,
    src_lang: &Lang,
    tgt_lang: &Lang,
) -> Result<(Lexicon, Stats)> {
    let path = path.as_ref();
    let pairs = match dictd_paths(path) {
        Some((index, data)) => {
            let reverse = dictd_reversed(&index, src_lang, tgt_lang)?;
            import_freedict(&index, &data, reverse)?
        }
        None => {
            let doc = Document::read(path)?;
            let pairs = parse_hunalign(&doc.text, path)?;
            check_direction(
                &pairs,
                path,
                src_lang,
                tgt_lang,
                "hunalign dictionaries put the target phrase first: `target @ source`",
            )?;
            pairs
        }
    };
    let (lex, stats) = lexicon_from_pairs(&pairs, src_lang, tgt_lang);
    if lex.is_empty() {
        return Err(Error::Usage(format!(
            "{}: no usable entries: of {} entries, {} have no content word and {} are phrases of more than {MAX_PHRASE_WORDS} words",
            path.display(),
            stats.entries,
            stats.no_content,
            stats.skipped
        )));
    }
    Ok((lex, stats))
}

/// Parses hunalign dictionary text into `(source, target)` phrase pairs.
///
/// `path` only names the file in errors. A line without ` @ `, with more
/// than one, or with an empty side is an error naming the line; blank lines
/// and lines starting with `#` are skipped; a text with no entry at all is
/// an error.
pub fn parse_hunalign(text: &str, path: &Path) -> Result<Vec<(String, String)>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut pairs = Vec::new();
    let mut last = 0;
    for (i, line) in crate::input::text_lines(text).enumerate() {
        let n = i + 1;
        last = n;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| Error::Parse {
            path: path.to_path_buf(),
            line: n,
            message,
        };
        let Some((tgt, src)) = line.split_once(" @ ") else {
            return Err(err(format!(
                "expected `target phrase @ source phrase`, found {line:?}"
            )));
        };
        if src.contains(" @ ") {
            return Err(err(format!("more than one ` @ ` separator in {line:?}")));
        }
        let (src, tgt) = (src.trim(), tgt.trim());
        if src.is_empty() || tgt.is_empty() {
            let side = if tgt.is_empty() { "target" } else { "source" };
            return Err(err(format!("empty {side} phrase in {line:?}")));
        }
        pairs.push((src.to_string(), tgt.to_string()));
    }
    if pairs.is_empty() {
        return Err(Error::Parse {
            path: path.to_path_buf(),
            line: last,
            message: "no entries: a hunalign dictionary has one `target @ source` line per entry"
                .into(),
        });
    }
    Ok(pairs)
}

/// Writes `(source, target)` pairs in hunalign format (`target @ source`).
pub fn write_hunalign(pairs: &[(String, String)], out: &mut dyn Write) -> io::Result<()> {
    for (src, tgt) in pairs {
        writeln!(out, "{tgt} @ {src}")?;
    }
    Ok(())
}

/// Builds the lexicon from phrase pairs by the rules in the module docs.
pub fn lexicon_from_pairs(
    pairs: &[(String, String)],
    src_lang: &Lang,
    tgt_lang: &Lang,
) -> (Lexicon, Stats) {
    let mut stats = Stats {
        entries: pairs.len(),
        ..Stats::default()
    };
    // Raw weights w(s, t), the best over all entries giving the pair.
    let mut weights: FxHashMap<String, FxHashMap<String, f32>> = FxHashMap::default();
    for (src, tgt) in pairs {
        let s = content_stems(src, src_lang);
        let t = content_stems(tgt, tgt_lang);
        if s.is_empty() || t.is_empty() {
            stats.no_content += 1;
            continue;
        }
        if s.len() > MAX_PHRASE_WORDS || t.len() > MAX_PHRASE_WORDS {
            stats.skipped += 1;
            continue;
        }
        stats.used += 1;
        let w = 1.0 / s.len().max(t.len()) as f32;
        for a in &s {
            let row = weights.entry(a.clone()).or_default();
            for b in &t {
                let e = row.entry(b.clone()).or_insert(0.0);
                *e = e.max(w);
            }
        }
    }
    let mut lex = Lexicon::new();
    for (s, row) in &weights {
        for (t, w) in row {
            lex.insert(s, t, *w);
            stats.pairs += 1;
        }
    }
    stats.source_stems = lex.len();
    (lex, stats)
}

/// The distinct stems of a phrase's content words, in order.
fn content_stems(phrase: &str, lang: &Lang) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    features::tokens(phrase, |kind, tok| {
        if kind == TokenKind::Number || is_stop_word(lang, tok) {
            return;
        }
        let st = features::stem(lang, tok);
        if !st.is_empty() && !out.contains(&st) {
            out.push(st);
        }
    });
    out
}

/// English function words: they carry no evidence of which sentence is
/// which, since nearly every sentence has them.
const STOP_EN: &str = "a an the of to in on at for with by from into onto over under about as \
    and or nor but if than then so not no is are was were be been being am do does did has have \
    had will would shall should can could may might must it its this that these those there \
    here who whom whose which what when where why how all any some such very also just only";

/// Arabic function words (prepositions, conjunctions, particles,
/// demonstratives, relatives), compared after [`features::normalize_arabic`].
const STOP_AR: &str = "في من على الى إلى عن مع و او أو ثم ف ب ل ك ان أن إن لان لأن الذي التي الذين \
    اللذان اللتان اللواتي هذا هذه هؤلاء ذلك تلك اولئك هناك هنا ما ماذا لا لم لن ليس قد كان كانت \
    يكون تكون بين عند كل بعض غير حتى اذا إذا لكن بل أي اي منذ خلال ضد نحو حول هو هي هم هما نحن انا \
    أنا انت أنت يا ها";

/// True for a function word of `lang` (English and Arabic have lists;
/// other languages have none, so all their words count as content).
pub fn is_stop_word(lang: &Lang, word: &str) -> bool {
    use crate::lang::Rules;
    use std::sync::OnceLock;
    static EN: OnceLock<FxHashSet<String>> = OnceLock::new();
    static AR: OnceLock<FxHashSet<String>> = OnceLock::new();
    match lang.rules() {
        Rules::English => EN
            .get_or_init(|| STOP_EN.split_whitespace().map(str::to_string).collect())
            .contains(&word.to_lowercase()),
        Rules::Arabic => {
            let norm = |w: &str| {
                let mut n = String::new();
                features::normalize_arabic(w, &mut n);
                n
            };
            AR.get_or_init(|| STOP_AR.split_whitespace().map(norm).collect())
                .contains(&norm(word))
        }
        Rules::Generic => false,
    }
}

/// When the source phrases are mostly in the *target* language's script,
/// the dictionary is the wrong way round for this language pair; say so
/// rather than silently match nothing. Only decidable when the two
/// languages are written in different scripts.
fn check_direction(
    pairs: &[(String, String)],
    path: &Path,
    src_lang: &Lang,
    tgt_lang: &Lang,
    hint: &str,
) -> Result<()> {
    let (ss, ts) = (src_lang.script(), tgt_lang.script());
    if ss == ts || ss == Script::Other || ts == Script::Other {
        return Ok(());
    }
    let (mut right, mut wrong) = (0usize, 0usize);
    for (src, _) in pairs {
        match Script::dominant(src) {
            Some(s) if s == ss => right += 1,
            Some(s) if s == ts => wrong += 1,
            _ => {}
        }
    }
    if wrong > right {
        return Err(Error::Usage(format!(
            "{}: the dictionary looks reversed: {wrong} of its {} source phrases are in {} script, the script of {} (the target language), and {right} in {} script; {hint}",
            path.display(),
            pairs.len(),
            ts.name(),
            tgt_lang.name(),
            ss.name(),
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------- dictd

/// If `path` names a dictd database (`X.index`, `X.dict.dz` or `X.dict`),
/// its index and data file paths. The data file is `X.dict.dz` when it
/// exists, else `X.dict`.
pub fn dictd_paths(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    let base = name
        .strip_suffix(".index")
        .or_else(|| name.strip_suffix(".dict.dz"))
        .or_else(|| name.strip_suffix(".dict"))?;
    let with = |ext: &str| path.with_file_name(format!("{base}{ext}"));
    let data = if name.ends_with(".index") {
        let dz = with(".dict.dz");
        if dz.exists() || !with(".dict").exists() {
            dz
        } else {
            with(".dict")
        }
    } else {
        path.to_path_buf()
    };
    Some((with(".index"), data))
}

/// Whether a dictd database must be reversed to translate `src_lang` into
/// `tgt_lang`. FreeDict names its databases `freedict-SRC-TGT` with
/// ISO 639-3 codes (`ara`, `eng`); when the name says so, that decides.
/// Otherwise the script of the headwords decides, when the two languages
/// have different scripts; otherwise the database is taken as it is.
pub fn dictd_reversed(index: &Path, src_lang: &Lang, tgt_lang: &Lang) -> Result<bool> {
    let stem = index
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".index"))
        .unwrap_or("");
    let codes: Vec<&str> = stem.rsplitn(3, '-').collect();
    if let [to, from, _] = codes.as_slice() {
        // `Lang::name` maps both `ar` and `ara` to "Arabic", so comparing
        // names compares a two-letter tag with a three-letter code.
        let same = |code: &str, lang: &Lang| Lang::new(code).name() == lang.name();
        if same(from, src_lang) && same(to, tgt_lang) {
            return Ok(false);
        }
        if same(from, tgt_lang) && same(to, src_lang) {
            return Ok(true);
        }
    }
    let (ss, ts) = (src_lang.script(), tgt_lang.script());
    if ss == ts || ss == Script::Other || ts == Script::Other {
        return Ok(false);
    }
    let text = read_text(index)?;
    let (mut right, mut wrong) = (0usize, 0usize);
    for line in crate::input::text_lines(&text) {
        let head = line.split('\t').next().unwrap_or("");
        match Script::dominant(head) {
            Some(s) if s == ss => right += 1,
            Some(s) if s == ts => wrong += 1,
            _ => {}
        }
    }
    Ok(wrong > right)
}

/// Reads a FreeDict (dictd) database into `(source, target)` phrase pairs:
/// headwords are the source and their translations the target, or the
/// other way round with `reverse` (to use `eng-ara` for Arabic → English).
///
/// `dict_path` may be gzip/dictzip-compressed (`.dz`) or plain. Pairs come
/// in index order, without duplicates; metadata entries are skipped.
pub fn import_freedict(
    index_path: &Path,
    dict_path: &Path,
    reverse: bool,
) -> Result<Vec<(String, String)>> {
    let index = read_text(index_path)?;
    let raw = std::fs::read(dict_path).map_err(|e| Error::io(dict_path, e))?;
    let data = if raw.starts_with(&[0x1f, 0x8b]) {
        // A dictzip file is a gzip file whose header carries a table of
        // chunk offsets for random access; read whole, it is plain gzip.
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| {
                Error::io(
                    dict_path,
                    io::Error::new(e.kind(), format!("not a valid gzip/dictzip file: {e}")),
                )
            })?;
        out
    } else {
        raw
    };
    parse_dictd(&index, &data, index_path, dict_path, reverse)
}

/// [`import_freedict`] on an index and data already in memory; the paths
/// only name the files in errors.
pub fn parse_dictd(
    index: &str,
    data: &[u8],
    index_path: &Path,
    dict_path: &Path,
    reverse: bool,
) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    let mut seen: FxHashSet<(String, String)> = FxHashSet::default();
    let mut entries = 0usize;
    for (i, line) in crate::input::text_lines(index).enumerate() {
        let n = i + 1;
        let err = |message: String| Error::Parse {
            path: index_path.to_path_buf(),
            line: n,
            message,
        };
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let (Some(head), Some(off), Some(len)) = (fields.next(), fields.next(), fields.next())
        else {
            return Err(err(format!(
                "expected `headword TAB offset TAB length`, found {line:?}"
            )));
        };
        // dictfmt's metadata entries: `00-database-info` and friends, which
        // the index lists as `00databaseinfo`.
        if head.starts_with("00database") || head.starts_with("00-database") {
            continue;
        }
        let (Some(off), Some(len)) = (b64(off), b64(len)) else {
            return Err(err(format!(
                "offset {off:?} or length {len:?} is not dictd base-64"
            )));
        };
        let Some(bytes) = off.checked_add(len).and_then(|end| data.get(off..end)) else {
            return Err(err(format!(
                "entry {head:?} (bytes {off}+{len}) lies past the end of {} ({} bytes)",
                dict_path.display(),
                data.len()
            )));
        };
        let Ok(entry) = std::str::from_utf8(bytes) else {
            return Err(err(format!(
                "entry {head:?} in {} is not valid UTF-8",
                dict_path.display()
            )));
        };
        let (heads, translations) = parse_entry(entry, head);
        if translations.is_empty() {
            continue;
        }
        entries += 1;
        for h in &heads {
            for t in &translations {
                let pair = if reverse {
                    (t.clone(), h.clone())
                } else {
                    (h.clone(), t.clone())
                };
                if seen.insert(pair.clone()) {
                    pairs.push(pair);
                }
            }
        }
    }
    if entries == 0 {
        return Err(Error::Parse {
            path: index_path.to_path_buf(),
            line: crate::input::text_lines(index).count(),
            message: format!("no entries with translations in {}", dict_path.display()),
        });
    }
    Ok(pairs)
}

/// A dictd base-64 number: digits `A–Z a–z 0–9 + /`, most significant
/// first. `None` on any other character or on overflow.
fn b64(s: &str) -> Option<usize> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0usize, |n, c| {
        let d = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        n.checked_mul(64)?.checked_add(d as usize)
    })
}

/// Splits one FreeDict entry into its headwords and translations, both
/// cleaned into plain phrases. `index_head` stands in for a missing
/// headword line (the index form has diacritics and punctuation removed,
/// so the entry's own line is preferred).
fn parse_entry(entry: &str, index_head: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = crate::input::text_lines(entry)
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let head_line = lines.next().unwrap_or(index_head);
    // `word /ipa/`: the transcription starts at the first ` /`.
    let head = head_line.split(" /").next().unwrap_or(head_line);
    let heads = clean_phrase(head);
    let heads = if heads.is_empty() {
        clean_phrase(index_head)
    } else {
        heads
    };
    // An entry gives its translations on the line after the headword, or,
    // with several senses, on lines numbered `1. `, `2. `… Any other line
    // is a definition or usage note in the *source* language (the
    // Wiktionary-based databases such as deu-fra have one under almost
    // every sense), and read as a translation it would map every headword
    // to `der`, `die`, `und`.
    let body: Vec<&str> = lines.collect();
    let numbered: Vec<&str> = body.iter().filter_map(|l| sense_text(l)).collect();
    let senses = if numbered.is_empty() {
        body.first().copied().into_iter().collect()
    } else {
        numbered
    };
    let mut translations: Vec<String> = Vec::new();
    for line in senses {
        // `a priori 2.`: the number of a following sense that has no
        // translation of its own.
        let line = strip_sense_number(line);
        for t in clean_phrase(line) {
            if !translations.contains(&t) {
                translations.push(t);
            }
        }
    }
    (heads, translations)
}

/// The text of a numbered sense line (`1. Aduncous` → `Aduncous`).
fn sense_text(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    match line[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => Some(rest),
        _ => None,
    }
}

/// `line` without a trailing sense number (`a priori 2.` → `a priori`).
fn strip_sense_number(line: &str) -> &str {
    let Some(rest) = line.strip_suffix('.') else {
        return line;
    };
    let digits = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || rest.len() == digits {
        return line;
    }
    match rest[..rest.len() - digits].strip_suffix(' ') {
        Some(before) => before.trim_end(),
        None => line,
    }
}

/// Turns a headword or translation into plain phrases: a gloss after
/// ` - ` (`آي - الحرف الأول…`) and parenthesised notes are dropped, lists
/// (`,` `،` `;` `؛`) become separate phrases, ellipses (`أمّا.. أو`,
/// `Either...or`) become spaces, and `@` (hunalign's separator) is removed.
fn clean_phrase(s: &str) -> Vec<String> {
    let s = s.split(" - ").next().unwrap_or(s);
    let mut plain = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '@' => plain.push(' '),
            _ => plain.push(c),
        }
    }
    // Runs of two or more dots, and `…`, are ellipses: word breaks.
    let mut spaced = String::with_capacity(plain.len());
    let mut chars = plain.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '…' || (c == '.' && chars.peek() == Some(&'.')) {
            while chars.peek() == Some(&'.') {
                chars.next();
            }
            spaced.push(' ');
        } else {
            spaced.push(c);
        }
    }
    let plain = spaced;
    plain
        .split([',', '،', ';', '؛'])
        .map(|p| {
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .trim_matches(|c: char| c == '.' || c == '-')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn read_text(path: &Path) -> Result<String> {
    Ok(Document::read(path)?.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::features::stem;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn p(lex: &Lexicon, s: &str, t: &str) -> Option<f32> {
        lex.translations(s)
            .iter()
            .find(|(x, _)| x == t)
            .map(|e| e.1)
    }

    #[test]
    fn hunalign_lines_are_target_first() {
        let text = "\u{FEFF}# a comment\n\npresident @ رئيس\r\nprime minister @ رئيس الوزراء\n";
        let got = parse_hunalign(text, Path::new("x.dic")).unwrap();
        assert_eq!(
            got,
            pairs(&[("رئيس", "president"), ("رئيس الوزراء", "prime minister")])
        );
    }

    #[test]
    fn malformed_line_is_an_error_naming_file_and_line() {
        let text = "president @ رئيس\n\nno separator here\n";
        let e = parse_hunalign(text, Path::new("my.dic")).unwrap_err();
        match &e {
            Error::Parse { path, line, .. } => {
                assert_eq!(path, Path::new("my.dic"));
                assert_eq!(*line, 3);
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        assert!(e.to_string().starts_with("my.dic:3: "), "{e}");
        let e = parse_hunalign("a @ b @ c\n", Path::new("d")).unwrap_err();
        assert!(e.to_string().contains("more than one"), "{e}");
        let e = parse_hunalign(" @ رئيس\n", Path::new("d")).unwrap_err();
        assert!(e.to_string().contains("d:1:"), "{e}");
    }

    #[test]
    fn a_dictionary_without_entries_is_an_error() {
        let e = parse_hunalign("# only a comment\n\n", Path::new("e.dic")).unwrap_err();
        assert!(e.to_string().contains("no entries"), "{e}");
    }

    #[test]
    fn keys_are_the_stems_the_aligner_looks_up() {
        let (ar, en) = (Lang::ar(), Lang::en());
        let (lex, stats) = lexicon_from_pairs(&pairs(&[("رئيس", "presidents")]), &ar, &en);
        assert_eq!(stats.used, 1);
        // A clitic-carrying, inflected form in the text finds the entry.
        let key = stem(&ar, "والرئيس");
        assert_eq!(key, stem(&ar, "رئيس"));
        assert_eq!(p(&lex, &key, &stem(&en, "president")), Some(1.0));
        assert!(lex.knows_target(&stem(&en, "President")));
        // Diacritics and hamza spellings fold the same way on both paths.
        let (lex, _) = lexicon_from_pairs(&pairs(&[("الإدارةُ", "administration")]), &ar, &en);
        assert!(!lex.translations(&stem(&ar, "ادارة")).is_empty());
    }

    #[test]
    fn a_word_with_k_translations_gets_full_weight_for_each() {
        let (ar, en) = (Lang::ar(), Lang::en());
        let d = pairs(&[
            ("بكتيريا", "bacteria"),
            ("بكتيريا", "bacillus"),
            ("بكتيريا", "bacterium"),
            ("بكتيريا", "Bacteria"),
        ]);
        let (lex, stats) = lexicon_from_pairs(&d, &ar, &en);
        let s = stem(&ar, "بكتيريا");
        assert_eq!(lex.translations(&s).len(), 3);
        for (_, w) in lex.translations(&s) {
            assert_eq!(*w, 1.0);
        }
        assert_eq!(stats.entries, 4);
        assert_eq!(stats.pairs, 3);
    }

    #[test]
    fn phrases_keep_content_words_at_reduced_weight() {
        let (ar, en) = (Lang::ar(), Lang::en());
        let d = pairs(&[
            // One content word a side: a plain word pair.
            ("أكل", "to eat"),
            // Two a side: cross product at 1/2.
            ("رئيس الوزراء", "prime minister"),
            // Only stop words on one side: nothing to learn.
            ("و", "and"),
            // A gloss: too long.
            ("جهاز يستخدم لقياس سرعة الرياح", "anemometer"),
        ]);
        let (lex, stats) = lexicon_from_pairs(&d, &ar, &en);
        assert_eq!(p(&lex, &stem(&ar, "أكل"), "eat"), Some(1.0));
        assert_eq!(p(&lex, &stem(&ar, "الوزراء"), "minister"), Some(0.5));
        assert_eq!(p(&lex, &stem(&ar, "الوزراء"), "prime"), Some(0.5));
        assert!(lex.translations(&stem(&ar, "و")).is_empty());
        assert_eq!(stats.used, 2);
        assert_eq!(stats.no_content, 1);
        assert_eq!(stats.skipped, 1);
    }

    #[test]
    fn reversed_hunalign_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rev.dic");
        std::fs::write(&path, "رئيس @ president\nكتاب @ book\n").unwrap();
        let e = load(&path, &Lang::ar(), &Lang::en()).unwrap_err();
        assert!(e.to_string().contains("reversed"), "{e}");
        // The same file is right for English → Arabic.
        assert!(load(&path, &Lang::en(), &Lang::ar()).is_ok());
    }

    #[test]
    fn b64_is_dictds_alphabet() {
        assert_eq!(b64("A"), Some(0));
        assert_eq!(b64("B"), Some(1));
        assert_eq!(b64("/"), Some(63));
        assert_eq!(b64("BA"), Some(64));
        assert_eq!(b64("c"), Some(28));
        assert_eq!(b64("a-b"), None);
        assert_eq!(b64(""), None);
        assert_eq!(b64("//////////////////"), None);
    }

    /// A tiny dictd database in FreeDict's layout, built in memory.
    fn tiny_dictd(entries: &[&str]) -> (String, Vec<u8>) {
        let enc = |mut n: usize| {
            const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            let mut s = Vec::new();
            loop {
                s.push(A[n % 64]);
                n /= 64;
                if n == 0 {
                    break;
                }
            }
            s.reverse();
            String::from_utf8(s).unwrap()
        };
        let mut data = Vec::new();
        let mut index = String::new();
        for e in entries {
            let head = e.lines().next().unwrap().split(" /").next().unwrap();
            index.push_str(&format!("{head}\t{}\t{}\n", enc(data.len()), enc(e.len())));
            data.extend_from_slice(e.as_bytes());
        }
        (index, data)
    }

    #[test]
    fn freedict_entries_become_pairs() {
        let (index, data) = tiny_dictd(&[
            "00-database-info\nThis is metadata\n",
            "معقوف /mˈaʕquːf/\n1. Aduncous\n2. Aquiline\n",
            "أمّا.. أو /ʔmmˈaː ʔˈaw/\nEither...or\n",
            "لادغ، شائك /lˈaːdiɣ/\nAculeatus\n",
            "آي\nA (letter) - the first letter\n",
        ]);
        let (i, d) = (Path::new("t.index"), Path::new("t.dict"));
        let got = parse_dictd(&index, &data, i, d, false).unwrap();
        assert_eq!(
            got,
            pairs(&[
                ("معقوف", "Aduncous"),
                ("معقوف", "Aquiline"),
                ("أمّا أو", "Either or"),
                ("لادغ", "Aculeatus"),
                ("شائك", "Aculeatus"),
                ("آي", "A"),
            ])
        );
        let rev = parse_dictd(&index, &data, i, d, true).unwrap();
        assert_eq!(rev[0], ("Aduncous".to_string(), "معقوف".to_string()));
    }

    /// The Wiktionary-based databases (deu-fra, as Debian ships it) put a
    /// definition in the source language under each sense. Those lines
    /// are not translations.
    #[test]
    fn definitions_under_senses_are_not_translations() {
        let (index, data) = tiny_dictd(&[
            "schwer /ʃveːɐ̯/ <adj>\n1. lourd, gros\nein hohes Gewicht habend\n2. difficile 2.\n\
             Eigenschaft von etwas, das nur mit Mühe geht\n 3.\nvon großen Mühen gekennzeichnet\n\
             3. grave\nstark ausgeprägt\n",
            "ẞ /ˈɛstsɛt/ <letter, neut>\nẞ\nGroßbuchstabe des ß, seit 2017 Bestandteil der Orthographie\n",
            "a priori /a pʁiˈoːʁi/ <adv>\na priori 2.\nallgemein: grundsätzlich\n",
        ]);
        let (i, d) = (Path::new("t.index"), Path::new("t.dict"));
        let got = parse_dictd(&index, &data, i, d, false).unwrap();
        assert_eq!(
            got,
            pairs(&[
                ("schwer", "lourd"),
                ("schwer", "gros"),
                ("schwer", "difficile"),
                ("schwer", "grave"),
                ("ẞ", "ẞ"),
                ("a priori", "a priori"),
            ])
        );
    }

    #[test]
    fn sense_numbers_are_stripped_only_at_the_end_after_a_space() {
        assert_eq!(strip_sense_number("difficile 2."), "difficile");
        assert_eq!(strip_sense_number("à 8848 m."), "à 8848 m.");
        assert_eq!(strip_sense_number("2."), "2.");
        assert_eq!(strip_sense_number("Nr.2."), "Nr.2.");
        assert_eq!(strip_sense_number("grave"), "grave");
    }

    #[test]
    fn bad_dictd_index_lines_are_errors_naming_the_line() {
        let (i, d) = (Path::new("t.index"), Path::new("t.dict"));
        let data = b"word\ntranslation\n";
        let e = parse_dictd("word\tA\n", data, i, d, false).unwrap_err();
        assert!(e.to_string().starts_with("t.index:1: "), "{e}");
        let e = parse_dictd("word\tA\tz\n", data, i, d, false).unwrap_err();
        assert!(e.to_string().contains("past the end"), "{e}");
        let e = parse_dictd("word\tA\t*\n", data, i, d, false).unwrap_err();
        assert!(e.to_string().contains("base-64"), "{e}");
        let e = parse_dictd("00databaseinfo\tA\tB\n", data, i, d, false).unwrap_err();
        assert!(e.to_string().contains("no entries"), "{e}");
    }

    #[test]
    fn dictd_paths_find_the_sibling_file() {
        let (i, d) = dictd_paths(Path::new("/x/freedict-ara-eng.index")).unwrap();
        assert_eq!(i, Path::new("/x/freedict-ara-eng.index"));
        assert_eq!(d, Path::new("/x/freedict-ara-eng.dict.dz"));
        let (i, _) = dictd_paths(Path::new("/x/f.dict.dz")).unwrap();
        assert_eq!(i, Path::new("/x/f.index"));
        assert!(dictd_paths(Path::new("ar-en.dic")).is_none());
    }

    #[test]
    fn freedict_is_found_in_either_direction_or_its_package_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = find_freedict(dir.path(), &Lang::ar(), &Lang::en())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("apt-get install dict-freedict-ara-eng"),
            "{err}"
        );
        let reverse = dir.path().join("freedict-eng-ara.index");
        std::fs::write(&reverse, "").unwrap();
        assert_eq!(
            find_freedict(dir.path(), &Lang::ar(), &Lang::en()).unwrap(),
            reverse
        );
        let forward = dir.path().join("freedict-ara-eng.index");
        std::fs::write(&forward, "").unwrap();
        assert_eq!(
            find_freedict(dir.path(), &Lang::ar(), &Lang::en()).unwrap(),
            forward
        );
    }

    #[test]
    fn freedict_names_decide_direction() {
        let p = Path::new("/nonexistent/freedict-eng-ara.index");
        assert!(dictd_reversed(p, &Lang::ar(), &Lang::en()).unwrap());
        assert!(!dictd_reversed(p, &Lang::en(), &Lang::ar()).unwrap());
    }
}
