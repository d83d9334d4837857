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
        // Sentences as id lists; source id 0 is NULL (target words that
        // translate nothing).
        let mut corpus: Vec<(Vec<u32>, Vec<u32>)> = Vec::with_capacity(pairs.len());
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
            // The parameters a pair adds grow with |f|×|e|: a pair of huge
            // "sentences" (a 50 MB line without a full stop) would need
            // terabytes, and says little about which word translates
            // which. Such pairs are left out, and learning stops adding
            // pairs once the table is large enough to be useful.
            let cells = si.len() * ti.len();
            if si.len() > 1 && !ti.is_empty() && cells <= Self::MAX_PAIR_CELLS {
                if total_cells + cells > Self::MAX_TOTAL_CELLS {
                    break;
                }
                total_cells += cells;
                corpus.push((si, ti));
            }
        }
        // t(e|f) over co-occurring pairs, stored densely: each sentence
        // pair's |f|×|e| cells are mapped to parameter indices once, so the
        // EM iterations do no hashing at all.
        let mut index: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut cells: Vec<Vec<u32>> = Vec::with_capacity(corpus.len());
        for (si, ti) in &corpus {
            let mut c = Vec::with_capacity(si.len() * ti.len());
            for &e in ti {
                for &f in si {
                    let n = index.len() as u32;
                    c.push(*index.entry((f, e)).or_insert(n));
                }
            }
            cells.push(c);
        }
        let mut source_of = vec![0u32; index.len()];
        for (&(f, _), &k) in &index {
            source_of[k as usize] = f;
        }
        let mut prob = vec![1.0f32; index.len()];
        let mut totals = vec![0.0f32; src_ids.len() + 1];
        // The E-step runs over fixed blocks of the corpus in parallel, each
        // with its own counts, summed in block order: the same lexicon
        // whatever the number of threads. Blocks are fewer when the table
        // is large, so their counts stay within memory.
        let blocks = (EM_BLOCK_FLOATS / index.len().max(1)).clamp(1, EM_BLOCKS);
        let per = corpus.len().div_ceil(blocks).max(1);
        let pairs: Vec<(usize, &[u32])> = corpus
            .iter()
            .zip(&cells)
            .map(|((si, _), c)| (si.len(), c.as_slice()))
            .collect();
        for _ in 0..iterations {
            let block_counts: Vec<Vec<f32>> = pairs
                .par_chunks(per)
                .map(|block| {
                    let mut counts = vec![0.0f32; prob.len()];
                    let mut row_prob = Vec::new();
                    for &(width, c) in block {
                        // One target word per row of |si| cells.
                        for row in c.chunks(width) {
                            row_prob.clear();
                            row_prob.extend(row.iter().map(|&k| prob[k as usize]));
                            let z: f32 = row_prob.iter().sum();
                            if z <= 0.0 {
                                continue;
                            }
                            let inv = 1.0 / z;
                            for (&k, &p) in row.iter().zip(&row_prob) {
                                counts[k as usize] += p * inv;
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
        let prob: FxHashMap<(u32, u32), f32> = index
            .into_iter()
            .map(|(fe, k)| (fe, prob[k as usize]))
            .collect();
        let src_names: FxHashMap<u32, &str> = src_ids.iter().map(|(w, i)| (*i, *w)).collect();
        let tgt_names: FxHashMap<u32, &str> = tgt_ids.iter().map(|(w, i)| (*i, *w)).collect();
        let mut lex = Lexicon::new();
        for (&(f, e), &p) in &prob {
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
}
