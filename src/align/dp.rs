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

use super::features::SparseVec;
use super::length::LengthModel;

/// Sentences (or, at coarse levels, blocks of them) of one side.
#[derive(Clone, Debug, Default)]
pub struct Units {
    /// Length in characters.
    pub lens: Vec<f32>,
    /// Feature vector.
    pub vecs: Vec<SparseVec>,
}

impl Units {
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Units of `k` consecutive units each (the last may be shorter): the
    /// next coarser level of the search.
    pub fn coarsen(&self, k: usize) -> Units {
        let mut out = Units::default();
        for (lens, vecs) in self.lens.chunks(k).zip(self.vecs.chunks(k)) {
            out.lens.push(lens.iter().sum());
            let mut v: SparseVec = vecs.iter().flatten().copied().collect();
            v.sort_unstable_by_key(|e| e.0);
            out.vecs.push(merge_sorted(v));
        }
        out
    }
}

/// Sums the weights of repeated features of a sorted vector.
fn merge_sorted(v: SparseVec) -> SparseVec {
    let mut out: SparseVec = Vec::with_capacity(v.len());
    for (id, w) in v {
        match out.last_mut() {
            Some(last) if last.0 == id => last.1 += w,
            _ => out.push((id, w)),
        }
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
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        let mut mark = |i: usize, j: usize| {
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

    /// Number of cells.
    pub fn cells(&self) -> usize {
        self.offset[self.offset.len() - 1]
    }

    #[inline]
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        if j < self.lo[i] || j > self.hi[i] {
            None
        } else {
            Some(self.offset[i] + j - self.lo[i])
        }
    }
}

/// Precomputed quantities that make a bead's cost O(a).
pub struct Scorer<'a> {
    src: &'a Units,
    tgt: &'a Units,
    params: &'a Params,
    src_cum: Vec<f64>,
    tgt_cum: Vec<f64>,
    /// Per source unit: first column and prefix sums of its dot products
    /// with target units `first..`.
    dot_first: Vec<usize>,
    dot_prefix: Vec<Vec<f32>>,
    /// `|Σ v|²` of blocks: `[start * max + (size − 1)]`.
    src_norm: Vec<f32>,
    tgt_norm: Vec<f32>,
    /// `ln l₁` of source blocks, laid out like `src_norm`.
    src_ln: Vec<f64>,
    /// `ln(var_T · b)` for b in 0..=max_b.
    ln_mvar: Vec<f64>,
    max_a: usize,
    max_b: usize,
}

impl<'a> Scorer<'a> {
    pub fn new(src: &'a Units, tgt: &'a Units, params: &'a Params, band: &Band) -> Scorer<'a> {
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
        let (n, m) = (src.len(), tgt.len());
        // Inverted index of the target side: feature → (unit, weight).
        let mut postings: rustc_hash::FxHashMap<u32, Vec<(u32, f32)>> = Default::default();
        for (j, v) in tgt.vecs.iter().enumerate() {
            for &(f, w) in v {
                postings.entry(f).or_default().push((j as u32, w));
            }
        }
        let mut dot_first = Vec::with_capacity(n);
        let mut dot_prefix = Vec::with_capacity(n);
        for i in 0..n {
            // Columns a bead covering source unit i can span.
            let first = band.lo[(i + 1).saturating_sub(max_a)];
            let last = band.hi[(i + max_a).min(n)].min(m);
            let width = last.saturating_sub(first);
            let mut row = vec![0f32; width + 1];
            for &(f, w) in &src.vecs[i] {
                if let Some(p) = postings.get(&f) {
                    let start = p.partition_point(|e| (e.0 as usize) < first);
                    for &(j, w2) in &p[start..] {
                        let j = j as usize;
                        if j >= last {
                            break;
                        }
                        row[j - first + 1] += w * w2;
                    }
                }
            }
            for k in 1..row.len() {
                row[k] += row[k - 1];
            }
            dot_first.push(first);
            dot_prefix.push(row);
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
        Scorer {
            src,
            tgt,
            params,
            src_ln,
            ln_mvar,
            src_cum,
            tgt_cum: cum(&tgt.lens),
            dot_first,
            dot_prefix,
            src_norm: block_norms(&src.vecs, max_a),
            tgt_norm: block_norms(&tgt.vecs, max_b),
            max_a,
            max_b,
        }
    }

    /// Cosine of blocks `[i0, i0+a)` × `[j0, j0+b)`, or `None` when neither
    /// has any feature (no evidence either way).
    #[inline]
    pub fn cosine(&self, i0: usize, j0: usize, a: usize, b: usize) -> Option<f32> {
        let ns = self.src_norm[i0 * self.max_a + a - 1];
        let nt = self.tgt_norm[j0 * self.max_b + b - 1];
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
        let first = self.dot_first[i];
        let row = &self.dot_prefix[i];
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
        let ns = self.src_norm[i0 * self.max_a + a - 1];
        let nt = self.tgt_norm[j0 * self.max_b + b - 1];
        if b > 1 && ns > 0.0 {
            for j in j0..j0 + b {
                let nj = self.tgt_norm[j * self.max_b];
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
                let ni = self.src_norm[i * self.max_a];
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

    /// Cost of bead type `t` starting at boundary `(i0, j0)`.
    #[inline]
    pub fn cost(&self, i0: usize, j0: usize, t: &BeadType) -> f32 {
        let (a, b) = (t.a, t.b);
        if a == 0 || b == 0 {
            return t.cost;
        }
        let l1 = self.src_cum[i0 + a] - self.src_cum[i0];
        let l2 = self.tgt_cum[j0 + b] - self.tgt_cum[j0];
        let len = self.params.length.llr_with_logs(
            l1.max(1.0),
            l2,
            b,
            self.src_ln[i0 * self.max_a + a - 1],
            self.ln_mvar[b],
        ) as f32;
        let mut lex = match self.cosine(i0, j0, a, b) {
            Some(c) => self.params.lex.llr(c),
            None => 0.0,
        };
        if a > 1 || b > 1 {
            lex += self.member_penalty(i0, j0, a, b);
        }
        t.cost - len - lex
    }

    pub fn n(&self) -> usize {
        self.src.len()
    }

    pub fn m(&self) -> usize {
        self.tgt.len()
    }
}

/// `|Σ_{k<s} v[i+k]|²` for every start `i` and size `s` in `1..=max`.
fn block_norms(vecs: &[SparseVec], max: usize) -> Vec<f32> {
    let n = vecs.len();
    let mut out = vec![0f32; (n + 1) * max];
    let mut acc: SparseVec = Vec::new();
    for i in 0..n {
        acc.clear();
        for s in 1..=max {
            if i + s > n {
                break;
            }
            acc.extend_from_slice(&vecs[i + s - 1]);
            acc.sort_unstable_by_key(|e| e.0);
            let merged = merge_sorted(std::mem::take(&mut acc));
            out[i * max + s - 1] = merged.iter().map(|e| e.1 * e.1).sum();
            acc = merged;
        }
    }
    out
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

/// The minimum-cost path through `band`, and whether it came within one
/// cell of the band's edge (the caller should then widen and search again).
pub fn viterbi(scorer: &Scorer, band: &Band) -> (Vec<PathBead>, bool) {
    let (n, m) = (scorer.n(), scorer.m());
    let types = &scorer.params.types;
    let mut cost = vec![f32::INFINITY; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = f32::INFINITY;
            let mut arg = u8::MAX;
            for (k, t) in types.iter().enumerate() {
                if t.a > i || t.b > j {
                    continue;
                }
                let Some(p) = band.index(i - t.a, j - t.b) else {
                    continue;
                };
                let prev = cost[p];
                if prev == f32::INFINITY {
                    continue;
                }
                let c = prev + scorer.cost(i - t.a, j - t.b, t);
                if c < best {
                    best = c;
                    arg = k as u8;
                }
            }
            // (i, j) is in the band, so its index exists.
            if let Some(here) = band.index(i, j) {
                cost[here] = best;
                back[here] = arg;
            }
        }
    }
    let mut path = Vec::new();
    let mut touched = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(here) = band.index(i, j) else { break };
        let k = back[here];
        if k == u8::MAX {
            // Unreachable corner: cannot happen with the 0-1/1-0 types
            // present and a connected band; stop rather than loop.
            break;
        }
        let t = &types[k as usize];
        let (i0, j0) = (i - t.a, j - t.b);
        if (i0 > 0 || j0 > 0) && (j0 <= band.lo[i0] && j0 > 0 || j0 >= band.hi[i0] && j0 < m) {
            if !touched && std::env::var_os("WASL_DEBUG").is_some() {
                eprintln!(
                    "touch at i0={i0} j0={j0} a={} b={} lo={} hi={} n={n} m={m}",
                    t.a, t.b, band.lo[i0], band.hi[i0]
                );
            }
            touched = true;
        }
        path.push(PathBead {
            i: i0,
            j: j0,
            a: t.a,
            b: t.b,
            cost: scorer.cost(i0, j0, t),
        });
        i = i0;
        j = j0;
    }
    path.reverse();
    (path, touched)
}
