//! The dynamic program over beads, in a band.
//!
//! A path from `(0, 0)` to `(n, m)` through the grid of sentence boundaries
//! is a sequence of beads `(a, b)`: `a` source and `b` target sentences. Its
//! cost is the sum of bead costs,
//!
//! ```text
//!     cost(bead) = −ln P(a, b) − LLRₗₑₙ(l₁, l₂) − LLRₗₑₓ(cos(S, T))
//! ```
//!
//! (prior of the bead type; the length model of [`super::length`]; the
//! lexical similarity of the blocks' feature vectors, mapped to a
//! log-likelihood ratio). The minimum-cost path is found by Viterbi over the
//! cells of a [`Band`]: every cell when documents are small, a band around a
//! coarser solution when they are long (see [`super::search`]), so time and
//! memory grow linearly with document length.
//!
//! Block similarity is the cosine of the summed sentence vectors, as Vecalign
//! (Thompson & Koehn 2019) does with embeddings. The dot product of two
//! blocks is the sum of the sentence–sentence dot products, read from
//! per-row prefix sums, so a bead costs O(a) whatever its width.

use std::borrow::Cow;
use std::cell::Cell;

use rayon::prelude::*;

use super::embedding::{EmbedMap, EmbedScorer, Rows};
use super::features::SparseVec;
use super::length::LengthModel;
use super::paragraph::{ParaCosts, ParaModel};

/// Sentences (or, at coarse levels, blocks of them) of one side: borrowed
/// from the aligner's own arrays at the sentence level (no copy per pass),
/// owned at coarse levels.
#[derive(Clone, Debug, Default)]
pub struct Units<'a> {
    /// Length in characters.
    pub lens: Cow<'a, [f32]>,
    /// Feature vector.
    pub vecs: Cow<'a, [SparseVec]>,
    /// Whether a paragraph starts at each unit (see [`super::paragraph`]);
    /// empty where unknown (coarse levels).
    pub brk: Cow<'a, [bool]>,
    /// Sentences in each unit, at coarse levels; empty at the sentence
    /// level (one each). Leaving a unit unaligned costs the null bead's
    /// prior once per sentence: a block of 128 sentences skipped is 128
    /// sentences skipped, not one, or a coarse path could trade a small
    /// gain for a detour of any length (see [`super::search`]).
    pub size: Cow<'a, [f32]>,
    /// Sentence embeddings, where the user gave them (see
    /// [`super::embedding`]); none at coarse levels.
    pub emb: Option<Rows<'a>>,
    /// Block norms worked out once for the whole document (see
    /// [`Norms`]); where absent, each search works them out for itself.
    pub norms: Option<Norms<'a>>,
}

/// `|Σ v|²` of the blocks of up to `stride` consecutive units from every
/// start, laid out as [`block_norms`] lays them out (`values[start *
/// stride + size − 1]`).
///
/// A long document is searched many times over the same features: coarse
/// to fine, in spans, in each pass, then by forward–backward. Each search
/// worked out its own block norms, 4% of the instructions of a
/// 100 000-sentence run; the aligner now works them out once per document
/// and features (see `Aligner::norms`), and each search borrows its slice.
#[derive(Clone, Copy, Debug)]
pub struct Norms<'a> {
    pub values: &'a [f32],
    pub stride: usize,
}

impl<'a> Units<'a> {
    /// Units borrowing lengths and vectors.
    pub fn new(lens: &'a [f32], vecs: &'a [SparseVec]) -> Units<'a> {
        Units {
            lens: Cow::Borrowed(lens),
            vecs: Cow::Borrowed(vecs),
            brk: Cow::Borrowed(&[]),
            size: Cow::Borrowed(&[]),
            emb: None,
            norms: None,
        }
    }

    /// The same units with their block norms (from [`block_norms_of`]
    /// with `stride`, over these units).
    pub fn with_norms(mut self, values: &'a [f32], stride: usize) -> Units<'a> {
        debug_assert_eq!(values.len(), (self.lens.len() + 1) * stride);
        self.norms = Some(Norms { values, stride });
        self
    }

    /// The same units with an embedding per unit.
    pub fn with_embeddings(mut self, emb: Rows<'a>) -> Units<'a> {
        debug_assert_eq!(emb.len(), self.lens.len());
        self.emb = Some(emb);
        self
    }

    /// The same units with paragraph marks (`brk[k]`: a paragraph starts at
    /// unit `k`; one per unit).
    pub fn with_breaks(mut self, brk: &'a [bool]) -> Units<'a> {
        debug_assert_eq!(brk.len(), self.lens.len());
        self.brk = Cow::Borrowed(brk);
        self
    }

    /// Units `r` of these, borrowed.
    pub fn slice(&self, r: std::ops::Range<usize>) -> Units<'_> {
        Units {
            lens: Cow::Borrowed(&self.lens[r.clone()]),
            vecs: Cow::Borrowed(&self.vecs[r.clone()]),
            brk: Cow::Borrowed(self.brk.get(r.clone()).unwrap_or(&[])),
            size: Cow::Borrowed(self.size.get(r.clone()).unwrap_or(&[])),
            emb: self.emb.as_ref().map(|e| e.slice(r.clone())),
            norms: self.norms.map(|n| Norms {
                values: &n.values[r.start * n.stride..(r.end + 1) * n.stride],
                stride: n.stride,
            }),
        }
    }

    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Sentences in unit `k` (see [`Units::size`]).
    #[inline]
    pub fn size(&self, k: usize) -> f32 {
        self.size.get(k).copied().unwrap_or(1.0)
    }

    /// Units of consecutive units each: coarse unit `g` merges units
    /// `bounds[g]..bounds[g + 1]` (see [`groups`]). A coarser level of the
    /// search.
    pub fn coarsen(&self, bounds: &[usize]) -> Units<'static> {
        // Units merge independently: in parallel, in order.
        let (lens_out, vecs_out): (Vec<f32>, Vec<SparseVec>) = bounds
            .par_windows(2)
            .map_init(rustc_hash::FxHashMap::<u32, f32>::default, |sums, w| {
                let r = w[0]..w[1];
                let len: f32 = self.lens[r.clone()].iter().sum();
                // Summed by feature, then sorted: a block's words repeat
                // (at blocks of 256 sentences most entries are repeats),
                // so only its distinct features are sorted. Sized to fit:
                // a long document's levels are each built from its
                // sentences when searched.
                if let [a, b] = &self.vecs[r.clone()] {
                    return (len, merge_sum(a, b));
                }
                sums.clear();
                for &(id, x) in self.vecs[r].iter().flatten() {
                    *sums.entry(id).or_insert(0.0) += x;
                }
                let mut v: SparseVec = Vec::with_capacity(sums.len());
                v.extend(sums.iter().map(|(&id, &x)| (id, x)));
                v.sort_unstable_by_key(|e| e.0);
                (len, v)
            })
            .unzip();
        let size = bounds
            .windows(2)
            .map(|w| (w[0]..w[1]).map(|k| self.size(k)).sum())
            .collect();
        Units {
            lens: Cow::Owned(lens_out),
            vecs: Cow::Owned(vecs_out),
            brk: Cow::Owned(Vec::new()),
            size: Cow::Owned(size),
            emb: None,
            norms: None,
        }
    }
}

/// `a + b` for two sparse vectors sorted by feature: one linear merge
/// (the pairs of the finest coarse level, half of all the merging).
fn merge_sum(a: &[(u32, f32)], b: &[(u32, f32)]) -> SparseVec {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => {
                out.push(a[x]);
                x += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[y]);
                y += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[x].0, a[x].1 + b[y].1));
                x += 1;
                y += 1;
            }
        }
    }
    out.extend_from_slice(&a[x..]);
    out.extend_from_slice(&b[y..]);
    out.shrink_to_fit();
    out
}

/// Bounds of groups of `per` units on average (`per` ≥ 1) over `n` units:
/// `0`, then the nearest unit boundary to `per`, `2·per`, …, then `n`,
/// strictly increasing. A side with more sentences than the other gets
/// proportionally larger groups, so coarse units of the two sides
/// correspond one to one.
pub fn groups(n: usize, per: f64) -> Vec<usize> {
    let per = per.max(1.0);
    let mut out = Vec::with_capacity((n as f64 / per) as usize + 2);
    out.push(0);
    let mut g = 1.0;
    loop {
        let b = (g * per).round() as usize;
        if b >= n {
            break;
        }
        if b > *out.last().unwrap() {
            out.push(b);
        }
        g += 1.0;
    }
    if n > 0 {
        out.push(n);
    }
    out
}

/// A bead shape with its prior cost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BeadType {
    pub a: usize,
    pub b: usize,
    /// `−ln P(a, b)`.
    pub cost: f32,
}

/// The indices of `types` from the likeliest shape to the least likely
/// (a stable sort on the prior cost): the order the posterior sweeps try
/// shapes in, and the slots of a [`CostMemo`].
pub fn by_cost(types: &[BeadType]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by(|&x, &y| types[x].cost.total_cmp(&types[y].cost));
    order
}

/// Bead costs a search computed, for the posterior sweeps over the same
/// document to read instead of scoring those beads again: a stream record
/// aligned with a model is searched once and then swept forward and
/// backward, and most of the beads near its path are the ones the search
/// scored. One slot per cell of the whole grid and shape with both sides
/// (NaN until known), so only for small grids.
pub struct CostMemo {
    /// Cells per row: `m + 1`.
    width: usize,
    shapes: usize,
    /// Slot of each of the parameters' shapes, by index, in [`by_cost`]
    /// order.
    slot: Vec<usize>,
    pub(super) costs: Vec<f32>,
}

impl CostMemo {
    /// Grids of at most this many cells keep a memo (a cost per cell and
    /// shape: 640 kB at most with eight shapes).
    pub const MAX_CELLS: usize = 20_000;

    /// An empty memo for an `n` × `m` grid, or `None` when it is larger
    /// than [`CostMemo::MAX_CELLS`].
    pub fn new(n: usize, m: usize, types: &[BeadType]) -> Option<CostMemo> {
        let cells = (n + 1).checked_mul(m + 1)?;
        if cells > Self::MAX_CELLS {
            return None;
        }
        let mut slot = vec![0; types.len()];
        for (s, k) in by_cost(types).into_iter().enumerate() {
            slot[k] = s;
        }
        Some(CostMemo {
            width: m + 1,
            shapes: types.len(),
            slot,
            costs: vec![f32::NAN; cells * types.len()],
        })
    }

    /// Where the cost of the shape in [`by_cost`] slot `s` starting at
    /// `(i0, j0)` is kept.
    #[inline]
    pub(super) fn index(&self, i0: usize, j0: usize, s: usize) -> usize {
        (i0 * self.width + j0) * self.shapes + s
    }
}

/// Maps block cosine similarity to a log-likelihood ratio (aligned vs.
/// unrelated blocks), as a piecewise-linear function over `[0, 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct LexModel {
    /// LLR at cos = k / (len − 1).
    pub points: Vec<f32>,
}

impl LexModel {
    /// Before anything is known: linear, from −0.5 at 0 to 4 at 1.
    pub fn initial() -> LexModel {
        LexModel {
            points: (0..=10).map(|k| -0.5 + 0.45 * k as f32).collect(),
        }
    }

    /// The LLR of a cosine.
    #[inline]
    pub fn llr(&self, cos: f32) -> f32 {
        let n = self.points.len() - 1;
        let x = cos.clamp(0.0, 1.0) * n as f32;
        let k = (x as usize).min(n - 1);
        let t = x - k as f32;
        self.points[k] * (1.0 - t) + self.points[k + 1] * t
    }
}

/// Everything the cost of a bead depends on besides the two sides.
#[derive(Clone, Debug)]
pub struct Params {
    pub length: LengthModel,
    pub types: Vec<BeadType>,
    pub lex: LexModel,
    pub para: ParaModel,
    /// The embedding similarity → LLR map (see [`super::embedding`]);
    /// used where both sides have embeddings.
    pub emb: Option<EmbedMap>,
    /// The map of a merge's gain by embeddings of blocks (see
    /// [`super::embedding::merge_gain`]); used where both sides have them.
    pub emb_merge: Option<EmbedMap>,
    /// Evidence against bead boundaries, once a pass has a path.
    pub boundary: Option<super::boundary::BoundaryModel>,
}

/// The cells searched: for each source boundary `i` in `0..=n`, target
/// boundaries `lo[i]..=hi[i]`, both non-decreasing in `i`.
#[derive(Clone, Debug)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    offset: Vec<usize>,
}

impl Band {
    /// Every cell.
    pub fn full(n: usize, m: usize) -> Band {
        Band::new(vec![0; n + 1], vec![m; n + 1])
    }

    /// From row bounds; makes them monotone and anchors both corners.
    pub fn new(mut lo: Vec<usize>, mut hi: Vec<usize>) -> Band {
        let n = lo.len() - 1;
        let m = *hi.iter().max().unwrap_or(&0);
        lo[0] = 0;
        hi[n] = hi[n].max(m);
        for i in (0..n).rev() {
            lo[i] = lo[i].min(lo[i + 1]);
        }
        for i in 1..=n {
            hi[i] = hi[i].max(hi[i - 1]);
        }
        let mut offset = Vec::with_capacity(n + 2);
        let mut total = 0;
        for i in 0..=n {
            offset.push(total);
            total += hi[i] - lo[i] + 1;
        }
        offset.push(total);
        Band { lo, hi, offset }
    }

    /// Cells within `width` of a path given as bead boundaries (including
    /// `(0, 0)` and `(n, m)`).
    pub fn around(path: &[(usize, usize)], n: usize, m: usize, width: usize) -> Band {
        Band::around_with(path, n, m, |_| width)
    }

    /// Cells within `width(i)` of a path, the width chosen by source row:
    /// wide only where the path needs room.
    pub fn around_with(
        path: &[(usize, usize)],
        n: usize,
        m: usize,
        width: impl Fn(usize) -> usize,
    ) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        let mut mark = |i: usize, j: usize| {
            let width = width(i);
            let i0 = i.saturating_sub(width);
            let i1 = (i + width).min(n);
            for r in i0..=i1 {
                lo[r] = lo[r].min(j.saturating_sub(width));
                hi[r] = hi[r].max((j + width).min(m));
            }
        };
        for w in path.windows(2) {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            // Walk the segment so long beads leave no gap in the band.
            let steps = (i1 - i0).max(j1 - j0).max(1);
            for s in 0..=steps {
                mark(i0 + (i1 - i0) * s / steps, j0 + (j1 - j0) * s / steps);
            }
        }
        if path.len() == 1 {
            mark(path[0].0, path[0].1);
        }
        for r in 0..=n {
            if lo[r] == usize::MAX {
                lo[r] = 0;
                hi[r] = m;
            }
        }
        Band::new(lo, hi)
    }

    /// True when bead corner `(i, j)` lies on the band's edge (not the
    /// grid's): a path through it may have been cut off from a better one.
    pub fn is_edge(&self, i: usize, j: usize, m: usize) -> bool {
        (i > 0 || j > 0) && (j <= self.lo[i] && j > 0 || j >= self.hi[i] && j < m)
    }

    /// Index of cell `(i, j)` (which must be in the band) in a vector of
    /// one value a cell, rows in order.
    #[inline]
    pub fn cell(&self, i: usize, j: usize) -> usize {
        debug_assert!(self.lo[i] <= j && j <= self.hi[i]);
        self.offset[i] + j - self.lo[i]
    }

    /// Whether cell `(i, j)` is in the band.
    #[inline]
    pub fn contains(&self, i: usize, j: usize) -> bool {
        i < self.lo.len() && self.lo[i] <= j && j <= self.hi[i]
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }
}

/// Precomputed quantities that make a bead's cost O(a).
///
/// Dot products of source unit `i` with the target units are kept as a
/// prefix-summed row over the columns the search can reach, so a block's
/// dot product is two reads per source unit. Rows are computed when the
/// dynamic program first needs them and live in a ring of `max_a + 1`
/// slots: a bead never spans more source units than that, so memory does
/// not grow with the document.
pub struct Scorer<'a> {
    src: &'a Units<'a>,
    tgt: &'a Units<'a>,
    params: &'a Params,
    src_cum: Vec<f64>,
    tgt_cum: Vec<f64>,
    /// Inverted index of the target side (feature ids are dense): the
    /// postings `(unit, weight)` of feature `f`, in unit order, are
    /// `post[post_start[f]..post_start[f + 1]]`.
    post_start: Vec<u32>,
    post: Vec<(u32, f32)>,
    /// Per feature, the first posting not left of the last row loaded:
    /// rows are loaded left to right, so finding where a row's columns
    /// start is a short step forward, not a search.
    cursor: Vec<u32>,
    /// Slot `i % len` holds source unit `i`'s row.
    rows: Vec<DotRow>,
    /// `|Σ v|²` of blocks: `[start * stride + (size − 1)]`, borrowed
    /// where the units carry them ([`Norms`]).
    src_norm: Cow<'a, [f32]>,
    tgt_norm: Cow<'a, [f32]>,
    src_stride: usize,
    tgt_stride: usize,
    /// `ln l₁` of source blocks, laid out like `src_norm`.
    src_ln: Vec<f64>,
    /// `ln(var_T · b)` for b in 0..=max_b.
    ln_mvar: Vec<f64>,
    /// `ln` of the length model's variance.
    ln_var: f64,
    /// An upper bound of the lexical LLR of any bead (it is at most the
    /// mapping's largest point; member penalties only lower it), for
    /// skipping beads that cannot win.
    pub(super) lex_max: f32,
    pub(super) max_a: usize,
    /// Paragraph evidence, where both sides have marks and the model is on.
    para: Option<ParaCosts<'a>>,
    /// Embedding evidence, where both sides have embeddings and a map.
    emb: Option<EmbedScorer<'a>>,
    /// Whether boundaries cost anything (a boundary model and embeddings).
    pub(super) corners: bool,
}

/// Prefix sums of one source unit's dot products with target units
/// `first..`: `prefix[k]` is the sum over `first..first + k`.
#[derive(Clone, Debug, Default)]
struct DotRow {
    unit: usize,
    first: usize,
    prefix: Vec<f32>,
    /// The cost of a boundary at `(unit, first + k)`, where there is
    /// evidence about boundaries (see [`Scorer::corner`]); NaN until
    /// asked for. Worked out when first asked for: the row's columns serve
    /// beads of several rows, and only the boundaries in this row's band
    /// are ever asked for.
    corner: Vec<Cell<f32>>,
    /// The boundary LLR of the pair (`unit`, `first + k`), NaN until
    /// asked for: each pair is crossed by two boundaries, in this row and
    /// the next, and is worked out once for both.
    pairs: Vec<Cell<f32>>,
    /// Where boundaries cost something, the dot products themselves
    /// (`raw[k]` for target `first + k`): the same sums, in the same
    /// order, as a sparse dot product of the two sentences.
    raw: Vec<f32>,
}

impl<'a> Scorer<'a> {
    pub fn new(src: &'a Units<'a>, tgt: &'a Units<'a>, params: &'a Params) -> Scorer<'a> {
        let max_a = params.types.iter().map(|t| t.a).max().unwrap_or(1).max(1);
        let max_b = params.types.iter().map(|t| t.b).max().unwrap_or(1).max(1);
        let cum = |l: &[f32]| {
            let mut c = Vec::with_capacity(l.len() + 1);
            c.push(0.0);
            let mut s = 0.0f64;
            for &x in l {
                s += x as f64;
                c.push(s);
            }
            c
        };
        let n = src.len();
        // Counting sort of the target's (feature, unit) pairs: postings in
        // unit order without a hash map.
        let features = tgt
            .vecs
            .iter()
            .flat_map(|v| v.iter().map(|e| e.0 as usize + 1))
            .max()
            .unwrap_or(0);
        let mut post_start = vec![0u32; features + 1];
        for v in tgt.vecs.iter() {
            for &(f, _) in v {
                post_start[f as usize + 1] += 1;
            }
        }
        for f in 1..post_start.len() {
            post_start[f] += post_start[f - 1];
        }
        let mut fill = post_start.clone();
        let mut post = vec![(0u32, 0f32); *post_start.last().unwrap_or(&0) as usize];
        for (j, v) in tgt.vecs.iter().enumerate() {
            for &(f, w) in v {
                let k = &mut fill[f as usize];
                post[*k as usize] = (j as u32, w);
                *k += 1;
            }
        }
        let src_cum = cum(&src.lens);
        let mut src_ln = vec![0f64; (n + 1) * max_a];
        for i in 0..n {
            for a in 1..=max_a.min(n - i) {
                src_ln[i * max_a + a - 1] = (src_cum[i + a] - src_cum[i]).max(1.0).ln();
            }
        }
        let ln_mvar = (0..=max_b)
            .map(|b| (params.length.tgt_var * b.max(1) as f64).ln())
            .collect();
        let emb = match (&src.emb, &tgt.emb, &params.emb) {
            (Some(s), Some(t), Some(map)) => Some(EmbedScorer::new(
                s,
                t,
                map,
                params.emb_merge.as_ref(),
                max_a,
                max_b,
            )),
            _ => None,
        };
        let norms = |u: &'a Units<'a>, max: usize| match u.norms {
            Some(n) if n.stride >= max => (Cow::Borrowed(n.values), n.stride),
            _ => (Cow::Owned(block_norms(&u.vecs, max)), max),
        };
        let (src_norm, src_stride) = norms(src, max_a);
        let (tgt_norm, tgt_stride) = norms(tgt, max_b);
        let lex_max = params
            .lex
            .points
            .iter()
            .copied()
            .fold(f32::NEG_INFINITY, f32::max);
        // Interpolation may round a hair above the largest point.
        let lex_max = lex_max + lex_max.abs() * 1e-5 + 1e-5;
        Scorer {
            src,
            tgt,
            params,
            src_ln,
            ln_mvar,
            ln_var: params.length.variance.ln(),
            src_cum,
            tgt_cum: cum(&tgt.lens),
            cursor: post_start.clone(),
            post_start,
            post,
            rows: vec![DotRow::default(); max_a + 1],
            src_norm,
            tgt_norm,
            src_stride,
            tgt_stride,
            lex_max: lex_max + emb.as_ref().map_or(0.0, EmbedScorer::max_llr),
            max_a,
            para: ParaCosts::new(&params.para, &src.brk, &tgt.brk),
            corners: params.boundary.is_some() && emb.is_some(),
            emb,
        }
    }

    /// Computes source unit `i`'s dot products with target units
    /// `first..last` into its slot of the ring.
    pub(super) fn load(&mut self, i: usize, first: usize, last: usize) {
        if let Some(e) = &mut self.emb {
            e.load(i, first, last);
        }
        let slots = self.rows.len();
        let slot = &mut self.rows[i % slots];
        if slot.unit == i
            && slot.first == first
            && slot.prefix.len() == last.saturating_sub(first) + 1
        {
            // Loaded already (a row early, see `corners`): the same
            // sums, and the boundary costs found since are kept.
            return;
        }
        slot.unit = i;
        slot.first = first;
        let width = last.saturating_sub(first);
        let row = &mut slot.prefix;
        row.clear();
        row.resize(width + 1, 0.0);
        for &(f, w) in &self.src.vecs[i] {
            let f = f as usize;
            if f + 1 >= self.post_start.len() {
                continue;
            }
            let end = self.post_start[f + 1] as usize;
            let mut start = self.cursor[f] as usize;
            if start > self.post_start[f] as usize && self.post[start - 1].0 as usize >= first {
                // Loaded out of order (a new pass over the rows): search.
                let p = &self.post[self.post_start[f] as usize..end];
                start = self.post_start[f] as usize + p.partition_point(|e| (e.0 as usize) < first);
            }
            while start < end && (self.post[start].0 as usize) < first {
                start += 1;
            }
            self.cursor[f] = start as u32;
            for &(j, w2) in &self.post[start..end] {
                let j = j as usize;
                if j >= last {
                    break;
                }
                row[j - first + 1] += w * w2;
            }
        }
        if self.corners {
            slot.raw.clear();
            slot.raw.extend_from_slice(&row[1..]);
        }
        let row = &mut slot.prefix;
        for k in 1..row.len() {
            row[k] += row[k - 1];
        }
        if self.corners {
            let slot = &mut self.rows[i % slots];
            for v in [&mut slot.corner, &mut slot.pairs] {
                v.clear();
                v.resize(width + 1, Cell::new(f32::NAN));
            }
        }
    }

    /// Cosine of blocks `[i0, i0+a)` × `[j0, j0+b)`, or `None` when neither
    /// has any feature (no evidence either way).
    #[inline]
    pub fn cosine(&self, i0: usize, j0: usize, a: usize, b: usize) -> Option<f32> {
        let ns = self.src_norm[i0 * self.src_stride + a - 1];
        let nt = self.tgt_norm[j0 * self.tgt_stride + b - 1];
        if ns <= 0.0 && nt <= 0.0 {
            return None;
        }
        if ns <= 0.0 || nt <= 0.0 {
            return Some(0.0);
        }
        let dot: f32 = (i0..i0 + a).map(|i| self.dot(i, j0, j0 + b)).sum();
        Some((dot / (ns * nt).sqrt()).clamp(0.0, 1.0))
    }

    /// Dot product of source unit `i` with target units `[j0, j1)`.
    #[inline]
    fn dot(&self, i: usize, j0: usize, j1: usize) -> f32 {
        let r = &self.rows[i % self.rows.len()];
        debug_assert_eq!(r.unit, i, "dot row of unit {i} not loaded");
        let first = r.first;
        let row = &r.prefix;
        let (s, e) = (j0.max(first) - first, j1.max(first) - first);
        if e < row.len() && s < row.len() {
            row[e] - row[s]
        } else {
            0.0
        }
    }

    /// Evidence against a merge: each member of a multi-sentence block that
    /// has features of its own but shares none of them with the other side
    /// is likely not part of this bead (an omission next to it, or the
    /// neighbouring bead's sentence). Members without features say nothing.
    #[inline]
    fn member_penalty(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        let mut penalty = 0.0;
        let ns = self.src_norm[i0 * self.src_stride + a - 1];
        let nt = self.tgt_norm[j0 * self.tgt_stride + b - 1];
        if b > 1 && ns > 0.0 {
            for j in j0..j0 + b {
                let nj = self.tgt_norm[j * self.tgt_stride];
                if nj > 0.0 {
                    let d: f32 = (i0..i0 + a).map(|i| self.dot(i, j, j + 1)).sum();
                    penalty += self
                        .params
                        .lex
                        .llr((d / (ns * nj).sqrt()).clamp(0.0, 1.0))
                        .min(0.0);
                }
            }
        }
        if a > 1 && nt > 0.0 {
            for i in i0..i0 + a {
                let ni = self.src_norm[i * self.src_stride];
                if ni > 0.0 {
                    let d = self.dot(i, j0, j0 + b);
                    penalty += self
                        .params
                        .lex
                        .llr((d / (ni * nt).sqrt()).clamp(0.0, 1.0))
                        .min(0.0);
                }
            }
        }
        penalty
    }

    /// The prior minus the length LLR of a bead with both sides non-empty:
    /// the part of its cost that needs no dot product.
    #[inline]
    fn base_cost(&self, i0: usize, j0: usize, t: &BeadType) -> f32 {
        self.base_cost_from(&self.row_terms(i0, t), j0, t) + self.corner(i0, j0)
    }

    /// What [`base_cost`](Self::base_cost) of beads of type `t` from
    /// source unit `i0` needs that does not depend on the column: worked
    /// out once per row and shape, so that a cell costs a few
    /// multiply-adds per shape before any dot product.
    #[inline]
    pub(super) fn row_terms(&self, i0: usize, t: &BeadType) -> RowTerms {
        RowTerms {
            len: if t.a > 0 && t.b > 0 {
                self.length_terms(i0, t)
            } else {
                LengthTerms::default()
            },
            para: match &self.para {
                Some(p) if t.a > 0 => p.src_part(i0, t.a),
                _ => (1, 0.0),
            },
        }
    }

    /// [`base_cost`](Self::base_cost) at column `j0` from the bead's
    /// [`row_terms`](Self::row_terms): the same sum.
    #[inline]
    pub(super) fn base_cost_from(&self, terms: &RowTerms, j0: usize, t: &BeadType) -> f32 {
        let mut base = t.cost - self.length_llr(&terms.len, j0, t.b);
        if let Some(p) = &self.para {
            base += p.cost_with(terms.para, j0, t.b);
        }
        base
    }

    /// The paragraph cost of bead `a-b` at `(i0, j0)` (0 without marks).
    #[inline]
    fn para_cost(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        self.para.as_ref().map_or(0.0, |p| p.cost(i0, j0, a, b))
    }

    /// [`LengthTerms`] of beads of type `t` starting at source unit `i0`.
    #[inline]
    fn length_terms(&self, i0: usize, t: &BeadType) -> LengthTerms {
        let (a, b) = (t.a, t.b);
        let model = &self.params.length;
        let l1 = (self.src_cum[i0 + a] - self.src_cum[i0]).max(1.0);
        LengthTerms {
            expected: model.ratio * l1,
            match_scale: -0.5 / (model.variance * l1),
            marginal_mean: model.tgt_mean * b as f64,
            marginal_scale: 0.5 / (model.tgt_var * b as f64),
            constant: -0.5 * (self.ln_var + self.src_ln[i0 * self.max_a + a - 1])
                + 0.5 * self.ln_mvar[b],
        }
    }

    /// The length LLR of a bead whose source block gave `terms`, with
    /// target block `[j0, j0 + b)`: what [`base_cost`](Self::base_cost)
    /// subtracts from the prior.
    #[inline]
    fn length_llr(&self, terms: &LengthTerms, j0: usize, b: usize) -> f32 {
        let l2 = self.tgt_cum[j0 + b] - self.tgt_cum[j0];
        let d = l2 - terms.expected;
        let md = l2 - terms.marginal_mean;
        (terms.match_scale * d * d + terms.marginal_scale * md * md + terms.constant) as f32
    }

    /// The lexical LLR of a bead with both sides non-empty, and the
    /// embedding LLR where there are embeddings.
    #[inline]
    pub(super) fn lex_llr(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        self.with_members(self.cosine_llr(i0, j0, a, b), i0, j0, a, b)
    }

    /// The LLR of the blocks' cosine alone (0 when neither has features).
    #[inline]
    fn cosine_llr(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        match self.cosine(i0, j0, a, b) {
            Some(c) => self.params.lex.llr(c),
            None => 0.0,
        }
    }

    /// `lex`, the cosine's LLR, with the member penalties of a block of
    /// several sentences and the embeddings' LLR added.
    #[inline]
    fn with_members(&self, mut lex: f32, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        if a > 1 || b > 1 {
            lex += self.member_penalty(i0, j0, a, b);
        }
        if let Some(e) = &self.emb {
            lex += e.llr(i0, j0, a, b);
        }
        lex
    }

    /// [`lex_llr`](Self::lex_llr), or `None` when `keep` refuses an upper
    /// bound of it: the cosine's LLR plus the most the embeddings could add
    /// (member penalties only lower it). A bead that could not win, or
    /// carry mass worth counting, then costs one cosine and no member
    /// penalties. The bound is at least the LLR in f32 arithmetic too, so
    /// a monotone `keep` drops only beads the full LLR would have dropped.
    #[inline]
    pub(super) fn lex_llr_if(
        &self,
        i0: usize,
        j0: usize,
        a: usize,
        b: usize,
        keep: impl FnOnce(f32) -> bool,
    ) -> Option<f32> {
        let lex = self.cosine_llr(i0, j0, a, b);
        let bound = match &self.emb {
            Some(e) => lex + e.max_llr(),
            None => lex,
        };
        keep(bound).then(|| self.with_members(lex, i0, j0, a, b))
    }

    /// The prior `prior` of a null bead at `(i0, j0)` with `a` source units
    /// (0: an insertion, 1: an omission), once per sentence of the unit it
    /// leaves out.
    #[inline]
    fn null_cost(&self, i0: usize, j0: usize, a: usize, prior: f32) -> f32 {
        self.corner(i0, j0) + self.null_cost0(i0, j0, a, prior)
    }

    /// Evidence against a boundary at `(i0, j0)` (see [`super::boundary`]):
    /// worked out when first asked for, and kept in the row while it is
    /// loaded.
    #[inline]
    pub(super) fn corner(&self, i0: usize, j0: usize) -> f32 {
        if !self.corners {
            return 0.0;
        }
        self.kept(i0, j0, |r| &r.corner, || self.corner_from_rows(i0, j0))
    }

    /// The cost of a boundary at `(i0, j0)`: the larger LLR of its two
    /// crossing pairs, or nothing; the pairs' LLRs are kept in the rows of
    /// units `i0 − 1` and `i0` where they are loaded.
    fn corner_from_rows(&self, i0: usize, j0: usize) -> f32 {
        if i0 == 0 || j0 == 0 || i0 >= self.n() || j0 >= self.m() {
            return 0.0;
        }
        let pair = |i: usize, j: usize| self.kept(i, j, |r| &r.pairs, || self.pair_llr(i, j));
        super::boundary::cost([pair(i0 - 1, j0), pair(i0, j0 - 1)])
    }

    /// `work()`, the value at unit `i`, column `j`, kept in the cells
    /// `cells` picks from unit `i`'s row (NaN until worked out) when that
    /// row is loaded and reaches `j`.
    #[inline]
    fn kept(
        &self,
        i: usize,
        j: usize,
        cells: impl Fn(&DotRow) -> &Vec<Cell<f32>>,
        work: impl FnOnce() -> f32,
    ) -> f32 {
        let r = &self.rows[i % self.rows.len()];
        match j.checked_sub(r.first).and_then(|k| cells(r).get(k)) {
            Some(c) if r.unit == i => {
                if c.get().is_nan() {
                    c.set(work());
                }
                c.get()
            }
            _ => work(),
        }
    }

    /// The boundary LLR of source unit `i` and target unit `j` as a pair
    /// across a boundary (see [`super::boundary::BoundaryModel::pair_llr`]).
    fn pair_llr(&self, i: usize, j: usize) -> f32 {
        let (Some(model), Some(emb)) = (&self.params.boundary, &self.emb) else {
            return 0.0;
        };
        // The lexical cosine as `super::cosine` has it, with the norms
        // the scorer keeps.
        let lexical = |i: usize, j: usize| {
            let (ns, nt) = (
                self.src_norm[i * self.src_stride],
                self.tgt_norm[j * self.tgt_stride],
            );
            if ns <= 0.0 && nt <= 0.0 {
                return None;
            }
            if ns <= 0.0 || nt <= 0.0 {
                return Some(0.0);
            }
            let r = &self.rows[i % self.rows.len()];
            let d = match j.checked_sub(r.first).and_then(|k| r.raw.get(k)) {
                Some(&d) if r.unit == i => d,
                _ => super::sparse_dot(&self.src.vecs[i], &self.tgt.vecs[j]),
            };
            Some((d / (ns * nt).sqrt()).clamp(0.0, 1.0))
        };
        model.pair_llr(lexical(i, j), Some(emb.pair_cosine(i, j)))
    }

    #[inline]
    fn null_cost0(&self, i0: usize, j0: usize, a: usize, prior: f32) -> f32 {
        let size = if a == 0 {
            self.tgt.size(j0)
        } else {
            self.src.size(i0)
        };
        prior * size
    }

    /// Cost of bead type `t` starting at boundary `(i0, j0)`. The dot rows
    /// of source units `i0..i0 + a` must be loaded.
    #[inline]
    pub fn cost(&self, i0: usize, j0: usize, t: &BeadType) -> f32 {
        if t.a == 0 || t.b == 0 {
            return self.null_cost(i0, j0, t.a, t.cost) + self.para_cost(i0, j0, t.a, t.b);
        }
        self.base_cost(i0, j0, t) - self.lex_llr(i0, j0, t.a, t.b)
    }

    /// The cost of bead `a-b` at `(i0, j0)` as [`settle_nulls`] weighs it:
    /// [`cost`](Self::cost), loading the rows it needs first, and for an
    /// omission or insertion the evidence that the sentence left out is
    /// related to a neighbour across (see [`settle_nulls`]).
    fn settled_cost(&mut self, i0: usize, j0: usize, a: usize, b: usize) -> Option<f32> {
        let cost = self.loaded_cost(i0, j0, a, b)?;
        if a + b != 1 {
            return Some(cost);
        }
        // The neighbours across: the target units either side of an
        // omission's place, the source units either side of an insertion's
        // (`wrapping_sub` past the start is out of range like past the end).
        let (n, m) = (self.n(), self.m());
        let neighbours = if a == 1 {
            [(i0, j0.wrapping_sub(1)), (i0, j0)]
        } else {
            [(i0.wrapping_sub(1), j0), (i0, j0)]
        };
        let related = neighbours
            .into_iter()
            .filter(|&(i, j)| i < n && j < m)
            .map(|(i, j)| {
                self.cosine(i, j, 1, 1)
                    .map_or(0.0, |c| self.params.lex.llr(c))
                    + self.emb.as_ref().map_or(0.0, |e| e.llr(i, j, 1, 1))
            })
            .fold(0f32, f32::max);
        Some(cost + related)
    }

    /// [`cost`](Self::cost) of bead `a-b` at `(i0, j0)` (`None` if the shape
    /// is not searched), after loading the dot rows it and its neighbours
    /// across need: its own units and the one before, over its columns and
    /// one either side.
    fn loaded_cost(&mut self, i0: usize, j0: usize, a: usize, b: usize) -> Option<f32> {
        let t = *self.params.types.iter().find(|t| t.a == a && t.b == b)?;
        let (n, m) = (self.n(), self.m());
        for u in i0.saturating_sub(1)..(i0 + a.max(1)).min(n) {
            self.load(u, j0.saturating_sub(1), (j0 + b + 1).min(m));
        }
        Some(self.cost(i0, j0, &t))
    }

    pub fn n(&self) -> usize {
        self.src.len()
    }

    pub fn m(&self) -> usize {
        self.tgt.len()
    }
}

/// `|Σ_{k<s} v[i+k]|²` for every start `i` and size `s` in `1..=max`.
///
/// Feature ids are dense, so the block sum is kept in a dense scratch
/// vector: adding a vector changes the norm by `Σ w (2 x + w)` over its
/// own entries, and only those entries are cleared afterwards. No merge,
/// no allocation per block.
fn block_norms(vecs: &[SparseVec], max: usize) -> Vec<f32> {
    let n = vecs.len();
    let dim = vecs
        .iter()
        .flat_map(|v| v.iter().map(|e| e.0 as usize + 1))
        .max()
        .unwrap_or(0);
    let mut acc = vec![0f32; dim];
    let mut out = vec![0f32; (n + 1) * max];
    for i in 0..n {
        let end = (i + max).min(n);
        let mut norm = 0f32;
        for (s, v) in vecs[i..end].iter().enumerate() {
            for &(f, w) in v {
                let x = &mut acc[f as usize];
                norm += w * (2.0 * *x + w);
                *x += w;
            }
            out[i * max + s] = norm;
        }
        for v in &vecs[i..end] {
            for &(f, _) in v {
                acc[f as usize] = 0.0;
            }
        }
    }
    out
}

/// [`block_norms`] of a whole document, in parallel: fixed runs of starts
/// each with its own scratch vector (the same values as one run).
pub fn block_norms_of(vecs: &[SparseVec], max: usize) -> Vec<f32> {
    const RUN: usize = 8192;
    let n = vecs.len();
    if n <= RUN {
        return block_norms(vecs, max);
    }
    let mut out = vec![0f32; (n + 1) * max];
    out[..n * max]
        .par_chunks_mut(RUN * max)
        .enumerate()
        .for_each(|(k, chunk)| {
            let start = k * RUN;
            let end = (start + RUN).min(n);
            // The run's starts, with the sentences their blocks reach.
            let part = block_norms(&vecs[start..(end + max - 1).min(n)], max);
            chunk.copy_from_slice(&part[..(end - start) * max]);
        });
    out
}

/// A bead shape as seen from one row of the dynamic program.
struct RowShape {
    /// Index into the sorted types (the back pointer).
    k: u8,
    a: usize,
    b: usize,
    /// The row the bead starts in, and its slot in the ring of cost rows.
    pr: usize,
    slot: usize,
    /// That row's band.
    lo: usize,
    hi: usize,
    /// `−ln P(a, b)`.
    cost: f32,
    terms: RowTerms,
}

/// The column-independent part of a bead's base cost: see
/// [`Scorer::row_terms`].
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct RowTerms {
    len: LengthTerms,
    /// The source part of the paragraph cost (see [`ParaCosts::src_part`]).
    para: (usize, f32),
}

/// The parts of a bead's length LLR fixed by its source block: with them,
/// the LLR at a column is two squares and no division.
#[derive(Clone, Copy, Debug, Default)]
struct LengthTerms {
    /// `c · l₁`, the expected target length.
    expected: f64,
    /// `−1 / (2 s² l₁)`.
    match_scale: f64,
    /// `μ_T · b`, the marginal's mean.
    marginal_mean: f64,
    /// `1 / (2 σ_T² b)`.
    marginal_scale: f64,
    /// `−½ ln(s² l₁) + ½ ln(σ_T² b)`.
    constant: f64,
}

/// One bead of a solved path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathBead {
    pub i: usize,
    pub j: usize,
    pub a: usize,
    pub b: usize,
    pub cost: f32,
}

/// A solved band: the path, whether it came within one cell of the band's
/// edge (the caller should then widen and search again), and how many
/// cells were searched.
#[derive(Clone, Debug)]
pub struct Solution {
    pub path: Vec<PathBead>,
    pub touched: bool,
    pub cells: usize,
}

/// Omissions and insertions the search left next to a bead they belong to.
///
/// A sentence with no translation has nothing in common with the
/// sentences the other side has where it would be. The search scores an
/// omission by its prior alone, and the block cosine of a merge saturates:
/// adding a sentence full of the neighbour's names to a bead that already
/// looks right barely raises it. So a sentence with its own translation
/// merged into the next one is often left out instead. Here each
/// omission or insertion of the path is charged the lexical LLR of the
/// sentence with its neighbours across, where positive, and weighed
/// against two local alternatives with the bead before or after it:
/// merging into that bead, or that bead taking the sentence and leaving
/// out the one at its other end. The cheaper wins. Only beads next to an
/// omission are looked at, so this costs next to nothing.
///
/// A long path is cut into runs of [`SETTLE_RUN`] beads or so, between two
/// beads that are neither omissions nor insertions (no move crosses such a
/// cut), and the runs are settled in parallel.
pub fn settle_nulls(src: &Units, tgt: &Units, params: &Params, path: &mut Vec<PathBead>) {
    let null = |b: &PathBead| b.a + b.b == 1;
    let mut cuts = vec![0];
    for k in 1..path.len() {
        if k - cuts[cuts.len() - 1] >= SETTLE_RUN && !null(&path[k - 1]) && !null(&path[k]) {
            cuts.push(k);
        }
    }
    cuts.push(path.len());
    let runs: Vec<Vec<PathBead>> = cuts
        .par_windows(2)
        .map(|w| {
            let mut run = path[w[0]..w[1]].to_vec();
            let (Some(first), Some(last)) = (run.first().copied(), run.last().copied()) else {
                return run;
            };
            if !run.iter().any(null) {
                return run;
            }
            let (i0, j0) = (first.i, first.j);
            let (i1, j1) = (last.i + last.a, last.j + last.b);
            for b in &mut run {
                b.i -= i0;
                b.j -= j0;
            }
            settle_run(&src.slice(i0..i1), &tgt.slice(j0..j1), params, &mut run);
            for b in &mut run {
                b.i += i0;
                b.j += j0;
            }
            run
        })
        .collect();
    *path = runs.concat();
}

/// Beads per run of [`settle_nulls`].
const SETTLE_RUN: usize = 2_000;

/// [`settle_nulls`] over one run.
fn settle_run(src: &Units, tgt: &Units, params: &Params, path: &mut Vec<PathBead>) {
    // No move makes a bead wider than one more than the widest of the run:
    // the scorer's block tables need no more (they are most of its setup).
    let (wa, wb) = path
        .iter()
        .fold((1, 1), |(a, b), x| (a.max(x.a + 1), b.max(x.b + 1)));
    let mut params = params.clone();
    params.types.retain(|t| t.a <= wa && t.b <= wb);
    let params = &params;
    let mut sc = Scorer::new(src, tgt, params);
    let mut k = 0;
    while k < path.len() {
        let null = path[k];
        if null.a + null.b != 1 {
            k += 1;
            continue;
        }
        let mut best: Option<(usize, Vec<PathBead>, f32)> = None;
        for other in [k.checked_sub(1), Some(k + 1).filter(|&o| o < path.len())]
            .into_iter()
            .flatten()
        {
            let (first, second) = (path[k.min(other)], path[k.max(other)]);
            let (i0, j0) = (first.i, first.j);
            let (a, b) = (first.a + second.a, first.b + second.b);
            let mut total = |beads: &[PathBead]| -> Option<f32> {
                beads
                    .iter()
                    .map(|x| sc.settled_cost(x.i, x.j, x.a, x.b))
                    .sum()
            };
            let Some(old) = total(&[first, second]) else {
                continue;
            };
            let bead = |i, j, a, b| PathBead {
                i,
                j,
                a,
                b,
                cost: 0.0,
            };
            let o = if other < k { first } else { second };
            let mut options = vec![vec![bead(i0, j0, a, b)]];
            // The other bead gives up the sentence at its far end instead:
            // the omission moves to the pair's other end.
            if o.a >= 1 && o.b >= 1 {
                let (lead, tail) = if other < k {
                    ((null.a, null.b), (o.a, o.b))
                } else {
                    ((o.a, o.b), (null.a, null.b))
                };
                options.push(vec![
                    bead(i0, j0, lead.0, lead.1),
                    bead(i0 + lead.0, j0 + lead.1, tail.0, tail.1),
                ]);
            }
            for beads in options {
                if let Some(c) = total(&beads) {
                    if c < old && best.as_ref().is_none_or(|b| c - old < b.2) {
                        best = Some((k.min(other), beads, c - old));
                    }
                }
            }
        }
        match best {
            Some((at, beads, _)) => {
                let beads: Vec<PathBead> = beads
                    .into_iter()
                    .map(|mut x| {
                        // Its cost as the search would give it (omissions
                        // by their prior, as everywhere else); every shape
                        // here was just scored, so it is searched.
                        x.cost = sc.loaded_cost(x.i, x.j, x.a, x.b).unwrap_or(0.0);
                        x
                    })
                    .collect();
                path.splice(at..at + 2, beads);
                // Look again from the bead before: the change may open
                // another move there.
                k = at.saturating_sub(1);
            }
            None => k += 1,
        }
    }
}

/// The minimum-cost path through `band`.
///
/// Only the last `max_a + 1` rows of costs are kept, and the scorer's dot
/// rows likewise; back pointers take one byte a cell. A bead that cannot
/// win even with the best lexical evidence is not scored further (its
/// dot products are the expensive part): the result is the same as
/// scoring every bead.
pub fn viterbi(scorer: &mut Scorer, band: &Band) -> Solution {
    viterbi_keeping(scorer, band, None)
}

/// [`viterbi`], writing the cost of every bead with both sides it scores
/// in full into `memo` (for the posterior sweeps).
pub fn viterbi_keeping(
    scorer: &mut Scorer,
    band: &Band,
    mut memo: Option<&mut CostMemo>,
) -> Solution {
    let (n, m) = (scorer.n(), scorer.m());
    let types: Vec<BeadType> = scorer.params.types.clone();
    let max_a = scorer.max_a;
    let slots = max_a + 1;
    let lex_max = scorer.lex_max;
    let (lo, hi) = (&band.lo, &band.hi);
    let offset = &band.offset;
    let mut back = vec![u8::MAX; band.cells()];
    let mut costs: Vec<Vec<f32>> = vec![Vec::new(); slots];
    // The columns a bead covering source unit i can span.
    let range = |i: usize| {
        (
            lo[(i + 1).saturating_sub(max_a)],
            hi[(i + max_a).min(n)].min(m),
        )
    };
    // Per row, what each bead shape ending in it needs that does not
    // depend on the column: hoisted out of the cell loop, which then does
    // a few multiply-adds per shape before the dot products.
    let mut shapes: Vec<RowShape> = Vec::with_capacity(types.len());
    for r in 0..=n {
        let (l, h) = (lo[r], hi[r]);
        if r >= 1 {
            // Unit r − 1 takes part in beads from this row on.
            let (first, last) = range(r - 1);
            scorer.load(r - 1, first, last);
        }
        if scorer.corners && r < n {
            // Boundaries in this row cross pairs of unit r (omissions and
            // insertions start here): loaded a row early, its pairs are
            // kept for when its beads come (the ring has room: the unit
            // this evicts ended its last bead a row ago).
            let (first, last) = range(r);
            scorer.load(r, first, last);
        }
        shapes.clear();
        for (k, t) in types.iter().enumerate() {
            if t.a > r {
                continue;
            }
            let pr = r - t.a;
            shapes.push(RowShape {
                k: k as u8,
                a: t.a,
                b: t.b,
                pr,
                slot: pr % slots,
                lo: lo[pr],
                hi: hi[pr],
                cost: t.cost,
                terms: scorer.row_terms(pr, t),
            });
        }
        let mut cur = std::mem::take(&mut costs[r % slots]);
        cur.clear();
        cur.resize(h - l + 1, f32::INFINITY);
        let back_row = &mut back[offset[r]..offset[r + 1]];
        for j in l..=h {
            if r == 0 && j == 0 {
                cur[0] = 0.0;
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            for s in &shapes {
                if s.b > j {
                    continue;
                }
                let pj = j - s.b;
                if pj < s.lo || pj > s.hi {
                    continue;
                }
                let prev = if s.a == 0 {
                    cur[pj - l]
                } else {
                    costs[s.slot][pj - s.lo]
                };
                if prev == f32::INFINITY {
                    continue;
                }
                let c = if s.a == 0 || s.b == 0 {
                    prev + scorer.null_cost(s.pr, pj, s.a, s.cost)
                        + scorer.para_cost(s.pr, pj, s.a, s.b)
                } else {
                    // The same sum as `prev + cost(..)`, with the dot
                    // products skipped when even the best lexical
                    // evidence could not make this bead win.
                    // The boundary's cost is never negative: a bead that
                    // cannot win without it is dropped before it is asked.
                    let base = scorer.base_cost_from(&s.terms, pj, &types[s.k as usize]);
                    if prev + (base - lex_max) >= best {
                        continue;
                    }
                    let base = base + scorer.corner(s.pr, pj);
                    if prev + (base - lex_max) >= best {
                        continue;
                    }
                    let wins = |lex: f32| prev + (base - lex) < best;
                    let Some(lex) = scorer.lex_llr_if(s.pr, pj, s.a, s.b, wins) else {
                        continue;
                    };
                    let cost = base - lex;
                    if let Some(memo) = memo.as_deref_mut() {
                        let at = memo.index(s.pr, pj, memo.slot[s.k as usize]);
                        memo.costs[at] = cost;
                    }
                    prev + cost
                };
                if c < best {
                    best = c;
                    arg = s.k;
                }
            }
            cur[j - l] = best;
            back_row[j - l] = arg;
        }
        costs[r % slots] = cur;
    }
    // Back pointers from (n, m).
    let mut steps = Vec::new();
    let mut touched = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if j < lo[i] || j > hi[i] {
            break;
        }
        let k = back[offset[i] + j - lo[i]];
        if k == u8::MAX {
            // Unreachable corner: cannot happen with the 0-1/1-0 types
            // present and a connected band; stop rather than loop.
            break;
        }
        let t = &types[k as usize];
        let (i0, j0) = (i - t.a, j - t.b);
        if band.is_edge(i0, j0, m) {
            if !touched && std::env::var_os("WASL_DEBUG").is_some() {
                eprintln!(
                    "touch at i0={i0} j0={j0} a={} b={} lo={} hi={} n={n} m={m}",
                    t.a, t.b, lo[i0], hi[i0]
                );
            }
            touched = true;
        }
        steps.push((k, i0, j0));
        i = i0;
        j = j0;
    }
    steps.reverse();
    // Bead costs, from dot rows computed as the search computed them.
    let mut loaded = 0;
    let path = steps
        .into_iter()
        .map(|(k, i0, j0)| {
            let t = &types[k as usize];
            for u in i0.max(loaded)..i0 + t.a {
                let (first, last) = range(u);
                scorer.load(u, first, last);
            }
            loaded = loaded.max(i0 + t.a);
            PathBead {
                i: i0,
                j: j0,
                a: t.a,
                b: t.b,
                cost: scorer.cost(i0, j0, t),
            }
        })
        .collect();
    Solution {
        path,
        touched,
        cells: band.cells(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bead(i: usize, j: usize, a: usize, b: usize) -> PathBead {
        PathBead {
            i,
            j,
            a,
            b,
            cost: 0.0,
        }
    }

    fn shapes(path: &[PathBead]) -> Vec<(usize, usize, usize, usize)> {
        path.iter().map(|b| (b.i, b.j, b.a, b.b)).collect()
    }

    /// Omissions cost 4, 1-1 beads 0.3, 2-1 and 1-2 beads `merge`.
    fn params(src: &[f32], tgt: &[f32], merge: f32) -> Params {
        let t = |a, b, cost| BeadType { a, b, cost };
        Params {
            length: LengthModel::initial(src, tgt),
            types: vec![
                t(1, 0, 4.0),
                t(0, 1, 4.0),
                t(1, 1, 0.3),
                t(2, 1, merge),
                t(1, 2, merge),
            ],
            lex: LexModel::initial(),
            para: ParaModel::default(),
            emb: None,
            emb_merge: None,
            boundary: None,
        }
    }

    /// A document's block norms worked out once, in parallel runs, and
    /// sliced for a span: the same norms, bead costs and path as the ones
    /// a search works out for itself over that span.
    #[test]
    fn shared_block_norms_give_the_search_what_it_would_work_out() {
        // Pseudo-random sparse vectors over 50 features, some empty.
        let mut x = 7u64;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as u32
        };
        let n = 20_000;
        let vecs: Vec<SparseVec> = (0..n)
            .map(|_| {
                let mut v: SparseVec = (0..next() % 5)
                    .map(|_| (next() % 50, 1.0 + (next() % 3) as f32))
                    .collect();
                v.sort_by_key(|e| e.0);
                v.dedup_by_key(|e| e.0);
                v
            })
            .collect();
        let max = 4;
        let whole = block_norms_of(&vecs, max);
        assert_eq!(whole, block_norms(&vecs, max), "parallel runs");
        let lens: Vec<f32> = (0..n).map(|k| 20.0 + (k % 7) as f32 * 10.0).collect();
        let units = Units::new(&lens, &vecs).with_norms(&whole, max);
        let (a, b) = (12_000..12_300, 12_010..12_320);
        let (src, tgt) = (units.slice(a.clone()), units.slice(b.clone()));
        assert!(src.norms.is_some() && tgt.norms.is_some());
        let (own_src, own_tgt) = (
            Units::new(&lens[a.clone()], &vecs[a]),
            Units::new(&lens[b.clone()], &vecs[b]),
        );
        let p = params(&src.lens, &tgt.lens, 2.0);
        let band = Band::full(src.len(), tgt.len());
        let shared = viterbi(&mut Scorer::new(&src, &tgt, &p), &band).path;
        let own = viterbi(&mut Scorer::new(&own_src, &own_tgt, &p), &band).path;
        assert_eq!(shapes(&shared), shapes(&own));
        let costs = |path: &[PathBead]| path.iter().map(|b| b.cost).collect::<Vec<_>>();
        assert_eq!(costs(&shared), costs(&own));
        assert!(shared.len() > 250, "a path over the whole span");
    }

    /// Source sentences 1 and 2 are translated together by target
    /// sentence 1 (sentence 2 shares its feature 3); the path left 2 out.
    /// Merges are rare here (prior cost 8.5): without the evidence that
    /// sentence 2 is related to target 1 the path would be the cheaper
    /// (4.28 against 5.46); with it (+2.68), the merge is. The control:
    /// sentence 2 shares nothing, and target 1 is as long as sentence 1.
    #[test]
    fn a_sentence_left_out_that_matches_its_neighbour_is_merged() {
        let tlens = [100.0, 100.0];
        let merged = |s2: u32, lens: [f32; 3]| {
            let src = vec![vec![(0, 1.0), (1, 1.0)], vec![(2, 1.0)], vec![(s2, 1.0)]];
            let tgt = vec![vec![(0, 1.0), (1, 1.0)], vec![(2, 1.0), (3, 1.0)]];
            let (s, t) = (Units::new(&lens, &src), Units::new(&tlens, &tgt));
            let mut path = vec![bead(0, 0, 1, 1), bead(1, 1, 1, 1), bead(2, 2, 1, 0)];
            settle_nulls(&s, &t, &params(&lens, &tlens, 8.5), &mut path);
            shapes(&path)
        };
        assert_eq!(merged(3, [100.0, 60.0, 40.0]), [(0, 0, 1, 1), (1, 1, 2, 1)]);
        assert_eq!(
            merged(9, [100.0, 100.0, 40.0]),
            [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 1, 0)]
        );
    }

    /// The path left out source sentence 1, which target 1 translates, and
    /// paired target 1 with sentence 2, which has nothing in common with it:
    /// the bead after the omission takes sentence 1 instead.
    #[test]
    fn the_omission_moves_to_the_sentence_that_matches_nothing() {
        let lens = [100.0; 4];
        let tlens = [100.0; 3];
        let src = vec![
            vec![(0, 1.0)],
            vec![(2, 1.0), (3, 1.0)],
            vec![(9, 1.0)],
            vec![(5, 1.0)],
        ];
        let tgt = vec![vec![(0, 1.0)], vec![(2, 1.0), (3, 1.0)], vec![(5, 1.0)]];
        let (s, t) = (Units::new(&lens, &src), Units::new(&tlens, &tgt));
        let mut path = vec![
            bead(0, 0, 1, 1),
            bead(1, 1, 1, 0),
            bead(2, 1, 1, 1),
            bead(3, 2, 1, 1),
        ];
        settle_nulls(&s, &t, &params(&lens, &tlens, 3.5), &mut path);
        assert_eq!(
            shapes(&path),
            [(0, 0, 1, 1), (1, 1, 1, 1), (2, 2, 1, 0), (3, 2, 1, 1)]
        );
    }
}
