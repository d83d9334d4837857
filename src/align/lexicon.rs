//! Word-translation lexicons: what a source word may translate to.
//!
//! Two sources fill one [`Lexicon`]: a bilingual dictionary the user gives
//! (see [`crate::dict`] for the file formats), and a lexicon *learned from
//! the input itself*: after a first alignment, the confident 1-1 beads of
//! every document in the run are taken as parallel sentences and IBM Model 1
//! (Brown et al. 1993) is trained on them by EM, as Moore (2002) does. The
//! second pass then sees the words each sentence pair has in common through
//! translation, which length alone cannot.
//!
//! Entries are keyed on stems ([`super::features::stem`]) so one entry
//! covers a word's inflections and clitic-carrying forms.

use std::borrow::Borrow;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Source stem → target stems with probabilities.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    map: FxHashMap<String, Vec<(String, f32)>>,
    targets: FxHashSet<String>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Adds (or raises) the entry `src → tgt` with probability `p`.
    pub fn insert(&mut self, src: &str, tgt: &str, p: f32) {
        if src.is_empty() || tgt.is_empty() {
            return;
        }
        let entry = self.map.entry(src.to_string()).or_default();
        match entry.iter_mut().find(|(t, _)| t == tgt) {
            Some(e) => e.1 = e.1.max(p),
            None => entry.push((tgt.to_string(), p)),
        }
        self.targets.insert(tgt.to_string());
    }

    /// Adds every entry of `other`.
    pub fn merge(&mut self, other: &Lexicon) {
        for (s, ts) in &other.map {
            for (t, p) in ts {
                self.insert(s, t, *p);
            }
        }
    }

    /// What the source stem translates to.
    pub fn translations(&self, src: &str) -> &[(String, f32)] {
        self.map.get(src).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every source stem with its translations, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &[(String, f32)])> {
        self.map.iter().map(|(s, t)| (s.as_str(), t.as_slice()))
    }

    /// True when some entry translates to the target stem.
    pub fn knows_target(&self, tgt: &str) -> bool {
        self.targets.contains(tgt)
    }

    /// Number of source stems with an entry.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Largest |f|×|e| of one sentence pair IBM-1 learns from (beads of
    /// up to about 500 words a side).
    const MAX_PAIR_CELLS: usize = 250_000;
    /// Cells of all pairs together: 64 M cells is about 1.5 GB at the peak
    /// (index, probabilities, counts); a million confident beads of news
    /// text fit.
    const MAX_TOTAL_CELLS: usize = 64 << 20;

    /// Trains IBM Model 1, p(target | source), on sentence pairs given as
    /// stems, and keeps each source stem's likely translations.
    ///
    /// Only stems seen at least twice on each side are modelled: a word seen
    /// once co-occurs with everything in its one sentence, and EM would give
    /// it a confident, arbitrary translation.
    pub fn learn_ibm1<P: Borrow<(Vec<String>, Vec<String>)>>(
        pairs: &[P],
        iterations: usize,
    ) -> Lexicon {
        let mut src_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut tgt_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut src_count: FxHashMap<&str, u32> = FxHashMap::default();
        let mut tgt_count: FxHashMap<&str, u32> = FxHashMap::default();
        for (s, t) in pairs.iter().map(Borrow::borrow) {
            for w in s {
                *src_count.entry(w).or_default() += 1;
            }
            for w in t {
                *tgt_count.entry(w).or_default() += 1;
            }
        }
        // Sentences as lists of distinct ids with their multiplicities;
        // source id 0 is NULL (target words that translate nothing). A
        // word seen k times in a sentence is one cell of weight k, which
        // is the same EM with fewer cells (function words repeat).
        let mut corpus: Vec<EmPair> = Vec::with_capacity(pairs.len());
        let mut total_cells = 0usize;
        for (s, t) in pairs.iter().map(Borrow::borrow) {
            let mut si = vec![0u32];
            for w in s {
                if src_count[w.as_str()] >= 2 {
                    let n = src_ids.len() as u32 + 1;
                    si.push(*src_ids.entry(w).or_insert(n));
                }
            }
            let mut ti = Vec::new();
            for w in t {
                if tgt_count[w.as_str()] >= 2 {
                    let n = tgt_ids.len() as u32;
                    ti.push(*tgt_ids.entry(w).or_insert(n));
                }
            }
            let (src, src_mult) = distinct(si);
            let (tgt, tgt_mult) = distinct(ti);
            // The parameters a pair adds grow with |f|×|e|: a pair of huge
            // "sentences" (a 50 MB line without a full stop) would need
            // terabytes, and says little about which word translates
            // which. Such pairs are left out, and learning stops adding
            // pairs once the table is large enough to be useful.
            let cells = src.len() * tgt.len();
            if src.len() > 1 && !tgt.is_empty() && cells <= Self::MAX_PAIR_CELLS {
                if total_cells + cells > Self::MAX_TOTAL_CELLS {
                    break;
                }
                total_cells += cells;
                corpus.push(EmPair {
                    src,
                    src_mult,
                    tgt,
                    tgt_mult,
                    cells: Vec::new(),
                });
            }
        }
        // t(e|f) over co-occurring pairs, stored densely: each sentence
        // pair's |f|×|e| cells are mapped to parameter indices once, so the
        // EM iterations do no hashing at all.
        let keys = index_cells(&mut corpus);
        let source_of: Vec<u32> = keys.iter().map(|&(f, _)| f).collect();
        let mut prob = vec![1.0f32; keys.len()];
        let mut totals = vec![0.0f32; src_ids.len() + 1];
        // The E-step runs over fixed blocks of the corpus in parallel, each
        // with its own counts, summed in block order: the same lexicon
        // whatever the number of threads. Blocks are fewer when the table
        // is large, so their counts stay within memory.
        let blocks = (EM_BLOCK_FLOATS / keys.len().max(1)).clamp(1, EM_BLOCKS);
        let per = corpus.len().div_ceil(blocks).max(1);
        for _ in 0..iterations {
            let block_counts: Vec<Vec<f32>> = corpus
                .par_chunks(per)
                .map(|block| {
                    let mut counts = vec![0.0f32; prob.len()];
                    let mut row_prob = Vec::new();
                    for pair in block {
                        // One target word per row of |si| cells.
                        let rows = pair.cells.chunks(pair.src.len());
                        for (row, &times) in rows.zip(&pair.tgt_mult) {
                            row_prob.clear();
                            row_prob.extend(
                                row.iter()
                                    .zip(&pair.src_mult)
                                    .map(|(&k, &m)| prob[k as usize] * m),
                            );
                            let z: f32 = row_prob.iter().sum();
                            if z <= 0.0 {
                                continue;
                            }
                            let scale = times / z;
                            for (&k, &p) in row.iter().zip(&row_prob) {
                                counts[k as usize] += p * scale;
                            }
                        }
                    }
                    counts
                })
                .collect();
            let mut counts = vec![0.0f32; prob.len()];
            for b in &block_counts {
                for (c, x) in counts.iter_mut().zip(b) {
                    *c += x;
                }
            }
            totals.iter_mut().for_each(|c| *c = 0.0);
            for (k, c) in counts.iter().enumerate() {
                totals[source_of[k] as usize] += c;
            }
            for (k, p) in prob.iter_mut().enumerate() {
                *p = counts[k] / totals[source_of[k] as usize].max(1e-9);
            }
        }
        let src_names: FxHashMap<u32, &str> = src_ids.iter().map(|(w, i)| (*i, *w)).collect();
        let tgt_names: FxHashMap<u32, &str> = tgt_ids.iter().map(|(w, i)| (*i, *w)).collect();
        let mut lex = Lexicon::new();
        for (&(f, e), &p) in keys.iter().zip(&prob) {
            if f == 0 || p < MIN_PROB {
                continue;
            }
            // Both ids were assigned above, so both names exist.
            if let (Some(s), Some(t)) = (src_names.get(&f), tgt_names.get(&e)) {
                lex.insert(s, t, p);
            }
        }
        lex
    }
}

/// One sentence pair as IBM-1 sees it: distinct source ids (NULL first)
/// and target ids with how often each occurs, and the parameter index of
/// every (target, source) cell, row by row.
struct EmPair {
    src: Vec<u32>,
    src_mult: Vec<f32>,
    tgt: Vec<u32>,
    tgt_mult: Vec<f32>,
    cells: Vec<u32>,
}

/// The distinct ids of `ids`, in increasing order, with their counts.
fn distinct(mut ids: Vec<u32>) -> (Vec<u32>, Vec<f32>) {
    ids.sort_unstable();
    let mut out: Vec<u32> = Vec::with_capacity(ids.len());
    let mut mult: Vec<f32> = Vec::with_capacity(ids.len());
    for id in ids {
        if out.last() == Some(&id) {
            *mult.last_mut().unwrap() += 1.0;
        } else {
            out.push(id);
            mult.push(1.0);
        }
    }
    (out, mult)
}

/// Fills each pair's `cells` with parameter indices and returns the
/// `(source, target)` id pair of each index. Indices are numbered in
/// order of first occurrence in the corpus, as one serial pass would: the
/// hashing runs over fixed blocks in parallel with block-local numbers,
/// which are then renumbered in block order.
fn index_cells(corpus: &mut [EmPair]) -> Vec<(u32, u32)> {
    const BLOCK: usize = 256;
    let local: Vec<Vec<(u32, u32)>> = corpus
        .par_chunks_mut(BLOCK)
        .map(|block| {
            let mut index: FxHashMap<(u32, u32), u32> = FxHashMap::default();
            let mut keys = Vec::new();
            for pair in block {
                let mut cells = Vec::with_capacity(pair.src.len() * pair.tgt.len());
                for &e in &pair.tgt {
                    for &f in &pair.src {
                        let n = index.len() as u32;
                        let k = *index.entry((f, e)).or_insert_with(|| {
                            keys.push((f, e));
                            n
                        });
                        cells.push(k);
                    }
                }
                pair.cells = cells;
            }
            keys
        })
        .collect();
    let mut index: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let mut keys = Vec::new();
    let renumber: Vec<Vec<u32>> = local
        .iter()
        .map(|block| {
            block
                .iter()
                .map(|&fe| {
                    let n = index.len() as u32;
                    *index.entry(fe).or_insert_with(|| {
                        keys.push(fe);
                        n
                    })
                })
                .collect()
        })
        .collect();
    corpus
        .par_chunks_mut(BLOCK)
        .zip(&renumber)
        .for_each(|(block, global)| {
            for pair in block {
                for k in &mut pair.cells {
                    *k = global[*k as usize];
                }
            }
        });
    keys
}

/// The E-step's blocks: at most this many, and together at most
/// [`EM_BLOCK_FLOATS`] counts.
const EM_BLOCKS: usize = 4;
const EM_BLOCK_FLOATS: usize = 16 << 20;

/// Translations less likely than this are noise from EM's spreading of
/// mass over co-occurring words, not evidence.
const MIN_PROB: f32 = 0.15;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn ibm1_learns_word_translations_from_sentence_pairs() {
        let pairs: Vec<_> = [
            ("das haus", "la maison"),
            ("das buch", "le livre"),
            ("ein buch", "un livre"),
            ("ein haus", "une maison"),
            ("das haus ist klein", "la maison est petite"),
            ("das buch ist klein", "le livre est petit"),
        ]
        .iter()
        .map(|(a, b)| (words(a), words(b)))
        .collect();
        let lex = Lexicon::learn_ibm1(&pairs, 10);
        let best = |w: &str| {
            lex.translations(w)
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|e| e.0.clone())
        };
        assert_eq!(best("haus").as_deref(), Some("maison"));
        assert_eq!(best("buch").as_deref(), Some("livre"));
    }

    /// IBM-1 as the textbook states it: every word occurrence on its own.
    fn textbook_ibm1(
        pairs: &[(Vec<String>, Vec<String>)],
        iterations: usize,
    ) -> FxHashMap<(String, String), f64> {
        let (mut sc, mut tc): (FxHashMap<&str, usize>, FxHashMap<&str, usize>) = Default::default();
        for (s, t) in pairs {
            s.iter().for_each(|w| *sc.entry(w).or_default() += 1);
            t.iter().for_each(|w| *tc.entry(w).or_default() += 1);
        }
        let kept: Vec<(Vec<&str>, Vec<&str>)> = pairs
            .iter()
            .map(|(s, t)| {
                let mut f = vec![""];
                f.extend(s.iter().map(String::as_str).filter(|w| sc[w] >= 2));
                let e = t
                    .iter()
                    .map(String::as_str)
                    .filter(|w| tc[w] >= 2)
                    .collect();
                (f, e)
            })
            .filter(|(f, e): &(Vec<&str>, Vec<&str>)| f.len() > 1 && !e.is_empty())
            .collect();
        let mut t: FxHashMap<(&str, &str), f64> = FxHashMap::default();
        for (f, e) in &kept {
            for &ew in e {
                for &fw in f {
                    t.insert((fw, ew), 1.0);
                }
            }
        }
        for _ in 0..iterations {
            let mut counts: FxHashMap<(&str, &str), f64> = FxHashMap::default();
            for (f, e) in &kept {
                for &ew in e {
                    let z: f64 = f.iter().map(|&fw| t[&(fw, ew)]).sum();
                    for &fw in f {
                        *counts.entry((fw, ew)).or_default() += t[&(fw, ew)] / z;
                    }
                }
            }
            let mut totals: FxHashMap<&str, f64> = FxHashMap::default();
            for (&(fw, _), c) in &counts {
                *totals.entry(fw).or_default() += c;
            }
            for (k, p) in t.iter_mut() {
                *p = counts[k] / totals[k.0];
            }
        }
        t.into_iter()
            .filter(|((f, _), _)| !f.is_empty())
            .map(|((f, e), p)| ((f.to_string(), e.to_string()), p))
            .collect()
    }

    #[test]
    fn ibm1_with_repeated_words_is_textbook_ibm1() {
        // The sample articles' sentences paired with a word-shuffled
        // "translation" of themselves: function words repeat within
        // sentences, which the learner folds into weighted cells.
        let mut pairs = Vec::new();
        for text in crate::sample_articles() {
            for line in text.lines().filter(|l| !l.trim().is_empty()).take(12) {
                let src: Vec<String> = words(line).into_iter().take(40).collect();
                let mut tgt: Vec<String> = src
                    .iter()
                    .map(|w| format!("t{}", w.chars().count()))
                    .collect();
                tgt.reverse();
                pairs.push((src, tgt));
            }
        }
        assert!(pairs
            .iter()
            .any(|(s, _)| (1..s.len()).any(|i| s[..i].contains(&s[i]))));
        let learned = Lexicon::learn_ibm1(&pairs, 4);
        let reference = textbook_ibm1(&pairs, 4);
        let mut checked = 0;
        for ((f, e), p) in &reference {
            let got = learned
                .translations(f)
                .iter()
                .find(|x| &x.0 == e)
                .map(|x| x.1 as f64);
            if *p >= MIN_PROB as f64 + 1e-3 {
                let got = got.unwrap_or_else(|| panic!("{f} -> {e} ({p}) missing"));
                assert!((got - p).abs() < 1e-4, "{f} -> {e}: {got} vs {p}");
                checked += 1;
            } else if *p < MIN_PROB as f64 - 1e-3 {
                assert!(got.is_none(), "{f} -> {e} kept at {p}");
            }
        }
        assert!(checked > 20, "only {checked} entries compared");
    }
}
