//! Synthetic long documents for speed measurements, built from real
//! parallel text.
//!
//! A *pool* of gold-aligned units (a unit is one gold bead: a few source
//! sentences and their translation) is drawn from, at random with a seed,
//! until the source side has the requested number of sentences. Drawing at
//! random rather than cycling matters: a document that repeats one short
//! text cyclically has a period the search can lock onto. On top of that
//! the document is perturbed the way real translations are, so the dynamic
//! program has real work to do:
//!
//! - **omissions**: a unit keeps only one of its sides (gold `[i]:[]` or
//!   `[]:[j]` per sentence);
//! - **insertions**: a sentence of some other unit appears on one side
//!   only;
//! - **merges**: the translations of two consecutive units are written as
//!   one sentence (gold `[i, i+1]:[j]`, or `[i]:[j, j+1]`).
//!
//! Units are grouped into paragraphs of 1–6 units, so the same document can
//! be written as raw text (paragraphs, one per line, for segmentation and
//! end-to-end runs) or presegmented (one sentence per line, with gold
//! beads, for the aligner alone and for accuracy at scale).
//!
//! The default pool is the bilingual sample `data/003…` shipped with the
//! project (18 paragraph pairs: a very small vocabulary, so the documents
//! are repetitive); [`Pool::from_dir`] reads a folder of gold-aligned files
//! (the `../shared/eval` layouts) for a bigger, more varied pool.
//!
//! Used by `examples/workload.rs` (`scripts/workload.sh`) and the
//! benchmarks in `benches/align.rs`.

#![allow(dead_code)]

use std::ops::Range;
use std::path::Path;

use wasl::input::split_sections;
use wasl::{Document, Lang, Side};

/// The bilingual sample: 18 Arabic paragraphs, then their 18 English
/// translations in the same order.
pub const SAMPLE: &str = include_str!("../../data/003_18ef8cb601dfb36a.txt");

/// One gold bead of real parallel text.
#[derive(Clone, Debug)]
pub struct Unit {
    pub src: Vec<String>,
    pub tgt: Vec<String>,
}

/// Gold-aligned units to draw documents from.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    pub units: Vec<Unit>,
}

impl Pool {
    /// The bilingual sample in `data/`: each paragraph pair is one unit,
    /// segmented by wasl; paragraph pairs whose sentence counts agree are
    /// split into 1-1 units (news paragraphs are translated sentence by
    /// sentence), the others kept whole.
    pub fn sample() -> Pool {
        let (ar, en) = (Lang::ar(), Lang::en());
        let doc = Document::from_text("sample", SAMPLE);
        // The sample is a fixture of this project: it has both sections.
        let sections = split_sections(&doc, &ar, &en).expect("data/003 has both sections");
        let src = Side::segment(ar, &doc.text, &sections.source);
        let tgt = Side::segment(en, &doc.text, &sections.target);
        let by_para = |side: &Side| {
            let mut paras: Vec<Vec<String>> = Vec::new();
            for s in &side.sentences {
                if paras.len() <= s.paragraph {
                    paras.resize(s.paragraph + 1, Vec::new());
                }
                paras[s.paragraph].push(s.text(side.text).to_string());
            }
            paras
        };
        let (sp, tp) = (by_para(&src), by_para(&tgt));
        let mut units = Vec::new();
        for (s, t) in sp.into_iter().zip(tp) {
            if s.len() == t.len() {
                for (a, b) in s.into_iter().zip(t) {
                    units.push(Unit {
                        src: vec![a],
                        tgt: vec![b],
                    });
                }
            } else {
                units.push(Unit { src: s, tgt: t });
            }
        }
        Pool { units }
    }

    /// Every gold-aligned document pair under `dir` (recursively) whose
    /// languages are `src` and `tgt`, in either of two layouts:
    /// `NAME.SRC` + `NAME.TGT` + gold `NAME.SRCTGT` (e.g. `doc.ar`,
    /// `doc.en`, `doc.aren`), or `SRC/NAME` + `TGT/NAME` + `gold/NAME`.
    /// Gold files hold one bead a line, `[0, 1]:[0]`, ids being line
    /// numbers of the sentence files.
    pub fn from_dir(dir: &Path, src: &str, tgt: &str) -> std::io::Result<Pool> {
        let mut pool = Pool::default();
        let mut files = Vec::new();
        walk(dir, &mut files)?;
        files.sort();
        let gold_ext = format!("{src}{tgt}");
        for f in &files {
            let triple = if f.extension().and_then(|e| e.to_str()) == Some(gold_ext.as_str()) {
                Some((f.with_extension(src), f.with_extension(tgt)))
            } else if f.parent().and_then(|p| p.file_name()) == Some("gold".as_ref()) {
                let base = f.parent().and_then(Path::parent).unwrap_or(dir);
                let name = f.file_name().unwrap_or_default();
                Some((base.join(src).join(name), base.join(tgt).join(name)))
            } else {
                None
            };
            let Some((s, t)) = triple else { continue };
            if !s.is_file() || !t.is_file() {
                continue;
            }
            let lines = |p: &Path| -> std::io::Result<Vec<String>> {
                Ok(std::fs::read_to_string(p)?
                    .lines()
                    .map(|l| l.trim().to_string())
                    .collect())
            };
            let (sl, tl) = (lines(&s)?, lines(&t)?);
            for line in std::fs::read_to_string(f)?.lines() {
                let Some((a, b)) = parse_bead(line) else {
                    continue;
                };
                let pick = |ids: &[usize], lines: &[String]| -> Option<Vec<String>> {
                    ids.iter().map(|&i| lines.get(i).cloned()).collect()
                };
                if let (Some(src), Some(tgt)) = (pick(&a, &sl), pick(&b, &tl)) {
                    // Empty lines cannot be written as sentences of a
                    // presegmented file without changing their meaning.
                    if src.iter().chain(&tgt).all(|x| !x.is_empty()) && src.len() + tgt.len() > 0 {
                        pool.units.push(Unit { src, tgt });
                    }
                }
            }
        }
        Ok(pool)
    }

    /// Source sentences in the pool.
    pub fn src_sentences(&self) -> usize {
        self.units.iter().map(|u| u.src.len()).sum()
    }
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// `[0, 1]:[2]` → ([0, 1], [2]); anything after a second `:` is ignored.
fn parse_bead(line: &str) -> Option<(Vec<usize>, Vec<usize>)> {
    let mut parts = line.split(':');
    let ids = |s: &str| -> Option<Vec<usize>> {
        let inner = s.trim().strip_prefix('[')?.strip_suffix(']')?;
        inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().ok())
            .collect()
    };
    Some((ids(parts.next()?)?, ids(parts.next()?)?))
}

/// How much the document departs from its pool's clean 1-1 text.
#[derive(Clone, Copy, Debug)]
pub struct Perturb {
    /// Chance that a unit keeps only one side.
    pub omit: f64,
    /// Chance, per unit, that an unrelated sentence is inserted on one side.
    pub insert: f64,
    /// Chance, per unit, that its translation is merged with the next one's.
    pub merge: f64,
}

impl Default for Perturb {
    fn default() -> Perturb {
        Perturb {
            omit: 0.02,
            insert: 0.02,
            merge: 0.03,
        }
    }
}

/// A generated document pair.
#[derive(Clone, Debug, Default)]
pub struct Workload {
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    /// Gold beads in order.
    pub gold: Vec<(Range<usize>, Range<usize>)>,
    /// Paragraph ends: a paragraph ends after gold bead `k` for each `k`.
    pub paragraph_ends: Vec<usize>,
}

/// SplitMix64: a tiny seeded generator, so workloads are the same on every
/// machine without a dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

/// Builds a document pair with at least `size` source sentences.
pub fn build(pool: &Pool, size: usize, seed: u64, perturb: Perturb) -> Workload {
    assert!(!pool.units.is_empty(), "empty pool");
    let mut rng = Rng::new(seed);
    let mut w = Workload::default();
    let mut para_left = 0;
    while w.src.len() < size {
        let unit = &pool.units[rng.below(pool.units.len())];
        let (a, b) = (unit.src.len(), unit.tgt.len());
        if a > 0 && b > 0 && rng.chance(perturb.omit) {
            // One side only: every sentence of it is unaligned.
            if rng.chance(0.5) {
                for s in &unit.src {
                    w.push(std::slice::from_ref(s), &[]);
                }
            } else {
                for t in &unit.tgt {
                    w.push(&[], std::slice::from_ref(t));
                }
            }
        } else if a > 0 && b > 0 && rng.chance(perturb.merge) {
            // This unit's and the next one's translations as one sentence
            // on one side.
            let next = &pool.units[rng.below(pool.units.len())];
            if next.src.is_empty() || next.tgt.is_empty() {
                w.push(&unit.src, &unit.tgt);
            } else if rng.chance(0.5) {
                let src: Vec<String> = unit.src.iter().chain(&next.src).cloned().collect();
                let tgt = [unit.tgt.join(" ") + " " + &next.tgt.join(" ")];
                w.push(&src, &tgt);
            } else {
                let src = [unit.src.join(" ") + " " + &next.src.join(" ")];
                let tgt: Vec<String> = unit.tgt.iter().chain(&next.tgt).cloned().collect();
                w.push(&src, &tgt);
            }
        } else {
            w.push(&unit.src, &unit.tgt);
        }
        if rng.chance(perturb.insert) {
            let other = &pool.units[rng.below(pool.units.len())];
            if rng.chance(0.5) {
                if let Some(s) = other.src.first() {
                    w.push(std::slice::from_ref(s), &[]);
                }
            } else if let Some(t) = other.tgt.first() {
                w.push(&[], std::slice::from_ref(t));
            }
        }
        if para_left == 0 {
            para_left = 1 + rng.below(6);
        }
        para_left -= 1;
        if para_left == 0 {
            w.paragraph_ends.push(w.gold.len() - 1);
        }
    }
    if w.paragraph_ends.last() != Some(&(w.gold.len() - 1)) {
        w.paragraph_ends.push(w.gold.len() - 1);
    }
    w
}

impl Workload {
    fn push(&mut self, src: &[String], tgt: &[String]) {
        let (i, j) = (self.src.len(), self.tgt.len());
        self.src.extend(src.iter().cloned());
        self.tgt.extend(tgt.iter().cloned());
        self.gold.push((i..self.src.len(), j..self.tgt.len()));
    }

    /// One sentence per line.
    pub fn presegmented(lines: &[String]) -> String {
        let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
        out
    }

    /// The source side, one sentence per line.
    pub fn src_lines(&self) -> String {
        Self::presegmented(&self.src)
    }

    /// The target side, one sentence per line.
    pub fn tgt_lines(&self) -> String {
        Self::presegmented(&self.tgt)
    }

    /// One side as raw text: the sentences of a paragraph joined by a
    /// space, one paragraph a line.
    fn raw(
        &self,
        side: impl Fn(&(Range<usize>, Range<usize>)) -> Range<usize>,
        lines: &[String],
    ) -> String {
        let mut out = String::new();
        let mut start = 0;
        for &end in &self.paragraph_ends {
            let mut first = true;
            for bead in &self.gold[start..=end] {
                for s in &lines[side(bead)] {
                    if !first {
                        out.push(' ');
                    }
                    out.push_str(s);
                    first = false;
                }
            }
            if !first {
                out.push('\n');
            }
            start = end + 1;
        }
        out
    }

    /// The source side as raw text.
    pub fn src_raw(&self) -> String {
        self.raw(|b| b.0.clone(), &self.src)
    }

    /// The target side as raw text.
    pub fn tgt_raw(&self) -> String {
        self.raw(|b| b.1.clone(), &self.tgt)
    }

    /// Gold beads, one a line, in the format of `wasl eval` and the
    /// literature (`[0, 1]:[0]`, `[5]:[]`).
    pub fn gold_beads(&self) -> String {
        let ids = |r: &Range<usize>| {
            r.clone()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::new();
        for (s, t) in &self.gold {
            out.push_str(&format!("[{}]:[{}]\n", ids(s), ids(t)));
        }
        out
    }
}

/// How a [`periodic`] document is made: content that returns every
/// `period` sentences, perturbed the way a noisy translation is.
#[derive(Clone, Copy, Debug)]
pub struct Periodic {
    /// Sentences before the content returns (with its words shuffled).
    pub period: usize,
    /// Chance, per word of the source side, that it is dropped or doubled.
    pub word_noise: f64,
    /// Chance, per unit, of two source sentences translated as one (2-1).
    pub merge: f64,
    /// Chance, per unit, of one source sentence translated as two (1-2).
    pub split: f64,
    /// Chance, per unit, that it keeps only one side.
    pub omit: f64,
    /// Chance, per unit, that a sentence appears on one side only.
    pub insert: f64,
}

impl Default for Periodic {
    /// The workload other aligners' speed tests resemble: a period of
    /// about 12 000 sentences, 10% word noise, 4% merges, 4% splits, 1%
    /// omissions and 1% insertions.
    fn default() -> Periodic {
        Periodic {
            period: 12_000,
            word_noise: 0.10,
            merge: 0.04,
            split: 0.04,
            omit: 0.01,
            insert: 0.01,
        }
    }
}

/// Maps a target-language sentence to an Arabic-script "translation":
/// ASCII letters become Arabic letters, one for one, so every word has
/// one consistent counterpart (as a lexicon would find) and lengths agree.
pub fn arabic_script(text: &str) -> String {
    const LETTERS: [char; 26] = [
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه',
    ];
    text.chars()
        .map(|c| match c.to_ascii_lowercase() {
            l @ 'a'..='z' => LETTERS[(l as u8 - b'a') as usize],
            _ => c,
        })
        .collect()
}

/// A long document whose content repeats: a *base* of `p.period`
/// sentences drawn at random from the pool's target side, then the same
/// base again and again with each sentence's words shuffled anew (every
/// line is different, but the same bags of words return every period).
/// The target side is that text; the source side is its [`arabic_script`]
/// image with words dropped or doubled, and the document is cut into
/// beads with merges, splits, omissions and insertions.
///
/// A coarse-to-fine search can mistake a copy one period away for the
/// right one: that is what this workload is for.
pub fn periodic(pool: &Pool, size: usize, seed: u64, p: Periodic) -> Workload {
    let texts: Vec<&str> = pool
        .units
        .iter()
        .flat_map(|u| &u.tgt)
        .map(String::as_str)
        .filter(|t| !t.trim().is_empty())
        .collect();
    assert!(!texts.is_empty(), "empty pool");
    let mut rng = Rng::new(seed);
    let base: Vec<Vec<&str>> = (0..p.period.max(1))
        .map(|_| texts[rng.below(texts.len())].split_whitespace().collect())
        .collect();
    let mut next = 0usize;
    // The k-th sentence of the endless content.
    let mut sentence = |rng: &mut Rng| -> (String, String) {
        let mut words = base[next % base.len()].clone();
        if next >= base.len() {
            for i in (1..words.len()).rev() {
                words.swap(i, rng.below(i + 1));
            }
        }
        next += 1;
        let tgt = words.join(" ");
        let mut src = Vec::with_capacity(words.len() + 2);
        for w in &words {
            if rng.chance(p.word_noise) {
                if rng.chance(0.5) {
                    continue;
                }
                src.push(arabic_script(w));
            }
            src.push(arabic_script(w));
        }
        if src.is_empty() {
            src.push(arabic_script(words[0]));
        }
        (src.join(" "), tgt)
    };
    let mut w = Workload::default();
    let mut para_left = 0;
    while w.src.len() < size {
        let (s, t) = sentence(&mut rng);
        let roll = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        if roll < p.omit {
            if rng.chance(0.5) {
                w.push(&[s], &[]);
            } else {
                w.push(&[], &[t]);
            }
        } else if roll < p.omit + p.merge {
            let (s2, t2) = sentence(&mut rng);
            w.push(&[s, s2], &[t + " " + &t2]);
        } else if roll < p.omit + p.merge + p.split {
            let (s2, t2) = sentence(&mut rng);
            w.push(&[s + " " + &s2], &[t, t2]);
        } else {
            w.push(&[s], &[t]);
        }
        if rng.chance(p.insert) {
            let (s, t) = sentence(&mut rng);
            if rng.chance(0.5) {
                w.push(&[s], &[]);
            } else {
                w.push(&[], &[t]);
            }
        }
        if para_left == 0 {
            para_left = 1 + rng.below(6);
        }
        para_left -= 1;
        if para_left == 0 {
            w.paragraph_ends.push(w.gold.len() - 1);
        }
    }
    if w.paragraph_ends.last() != Some(&(w.gold.len() - 1)) {
        w.paragraph_ends.push(w.gold.len() - 1);
    }
    w
}
