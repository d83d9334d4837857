//! Bead posteriors: how sure the model is of each bead, as a probability.
//!
//! The search finds the single best path. The costs it minimises are
//! negative log-likelihood ratios, so they also define a distribution over
//! *all* monotone paths through the lattice, `P(path) ∝ exp(−cost(path) /
//! T)`. The posterior of a bead is the probability mass of the paths that
//! contain it: forward–backward over the same lattice, in log space,
//!
//! ```text
//!     α(i, j) = log Σ_beads ending at (i, j)    exp(α(start) − cost / T)
//!     β(i, j) = log Σ_beads starting at (i, j)  exp(β(end)   − cost / T)
//!     P(bead) = exp(α(start) − cost / T + β(end) − α(n, m))
//! ```
//!
//! A bead the model is sure of has posterior near 1 whatever its own cost
//! (a long, plain 1-1 sentence pair with no anchors is right if nothing
//! else fits), and a bead with a good cost next to an equally good
//! alternative gets about ½: unlike `σ(−cost)`, the posterior answers the
//! question a user filtering on the score asks.
//!
//! The lattice is a band around the best path, for every document: paths
//! far from it carry no mass worth counting, and the band keeps time and
//! memory linear. Each row's values are stored in f32
//! relative to the row's largest, with the row's offset in f64, so a
//! million-sentence document loses no precision.
//!
//! Besides the best path, [`Lattice::decode`] finds the path that
//! maximises the expected number of correct beads (the sum of its beads'
//! posteriors): posterior decoding.

use super::dp::{by_cost, Band, BeadType, CostMemo, Params, PathBead, RowTerms, Scorer, Units};

/// Half-width, in sentences, of the band around the best path. The band
/// reaches about twice as far in columns; rivals of a bead (a merge
/// against a split, an omission against a longer bead) lie within it. At
/// 4 forward–backward took half as long as the whole search on the
/// 100 000-sentence workload (0.95 s of 1.85); at 2, 0.51 s, for the same
/// beads. Small documents once got the whole grid: banding them too
/// changed no score on any eval set or on 1 000 stream records by more
/// than 0.0001 (the last digit written), and cut the stream's work per
/// record by 16%.
const WIDTH: usize = 2;

/// A bead whose path mass is below `e^−PRUNE` of its cell's is not scored
/// further: it changes no posterior by more than one part in 10⁸, and
/// skipping the dot products of such beads (most of them) is what keeps
/// forward–backward as cheap as the search.
const PRUNE: f64 = 18.0;

/// Forward and backward log-sums over a band of the lattice.
pub struct Lattice<'a> {
    src: &'a Units<'a>,
    tgt: &'a Units<'a>,
    params: &'a Params,
    band: Band,
    /// Bead shapes, likeliest first.
    types: Vec<BeadType>,
    /// `α(i, j) − alpha.1[i]`, one a cell; likewise `β`.
    alpha: (Vec<f32>, Vec<f64>),
    beta: (Vec<f32>, Vec<f64>),
    /// Costs are divided by this before exponentiating.
    temperature: f64,
    /// `α(n, m)`: the log of the total mass.
    total: f64,
}

/// `log(exp(x) + exp(y))`.
#[inline]
fn log_add(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY {
        return y;
    }
    if y == f64::NEG_INFINITY {
        return x;
    }
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    hi + (lo - hi).exp().ln_1p()
}

/// The value at `(i, j)` of a table stored row-relative, or −∞ outside
/// the band.
#[inline]
fn at(band: &Band, table: &(Vec<f32>, Vec<f64>), i: usize, j: usize) -> f64 {
    if !band.contains(i, j) {
        return f64::NEG_INFINITY;
    }
    table.0[band.cell(i, j)] as f64 + table.1[i]
}

/// Grids of at most this many cells are swept forward and then backward
/// by one [`Sweep`] that keeps every bead cost it computes, so the
/// backward sweep scores again only the beads the forward one pruned
/// (bounded memory: a cost per cell and shape). Larger grids run the two
/// sweeps side by side, each scoring its own beads. On a stream of
/// 15-sentence records, forward–backward took as long as everything else
/// per record did, most of it scoring beads twice.
const MEMO_CELLS: usize = 20_000;

/// One sweep over the band with its own scorer (its ring of dot rows
/// follows the sweep's direction), so the forward and backward sweeps of a
/// long document run side by side.
struct Sweep<'s> {
    scorer: Scorer<'s>,
    band: &'s Band,
    types: &'s [BeadType],
    temperature: f64,
    /// The cost of shape `k` starting at cell `c` is `memo[c * types + k]`
    /// once computed (NaN before); empty when costs are not kept.
    memo: Vec<f32>,
    /// The search's memo of the whole grid, when it handed one on: its
    /// costs are then `memo`, laid out as it lays them out.
    grid: Option<CostMemo>,
}

impl<'s> Sweep<'s> {
    fn new(lattice: &'s Lattice<'s>, memo: bool) -> Sweep<'s> {
        let memo = if memo {
            vec![f32::NAN; lattice.band.cells() * lattice.types.len()]
        } else {
            Vec::new()
        };
        Sweep {
            scorer: Scorer::new(lattice.src, lattice.tgt, lattice.params),
            band: &lattice.band,
            types: &lattice.types,
            temperature: lattice.temperature,
            memo,
            grid: None,
        }
    }

    /// A sweep that goes on with the search's scorer and bead costs.
    fn after_search(lattice: &'s Lattice<'s>, scorer: Scorer<'s>, mut grid: CostMemo) -> Sweep<'s> {
        Sweep {
            scorer,
            band: &lattice.band,
            types: &lattice.types,
            temperature: lattice.temperature,
            memo: std::mem::take(&mut grid.costs),
            grid: Some(grid),
        }
    }

    fn n(&self) -> usize {
        self.band.lo.len() - 1
    }

    /// The columns a bead covering source unit `i` can span.
    fn columns(&self, i: usize) -> (usize, usize) {
        let (n, max_a) = (self.n(), self.scorer.max_a);
        (
            self.band.lo[(i + 1).saturating_sub(max_a)],
            self.band.hi[(i + max_a).min(n)].min(self.scorer.m()),
        )
    }

    /// The cost of bead `t` (shape `k`) at `(i0, j0)`, or `None` when even
    /// the best lexical evidence could not bring it to `budget` or below.
    #[inline]
    fn cost_within(
        &mut self,
        (i0, j0): (usize, usize),
        cell: usize,
        k: usize,
        terms: &RowTerms,
        budget: f64,
    ) -> Option<f64> {
        let t = &self.types[k];
        if t.a == 0 || t.b == 0 {
            return Some(self.scorer.cost(i0, j0, t) as f64);
        }
        let slot = match &self.grid {
            Some(grid) => Some(grid.index(i0, j0, k)),
            None if self.memo.is_empty() => None,
            None => Some(cell * self.types.len() + k),
        };
        if let Some(slot) = slot {
            let known = self.memo[slot];
            if !known.is_nan() {
                return Some(known as f64);
            }
        }
        // The boundary's cost is never negative: a bead out of budget
        // without it is dropped before it is asked.
        let base = self.scorer.base_cost_from(terms, j0, t);
        if (base - self.scorer.lex_max) as f64 > budget {
            return None;
        }
        let base = base + self.scorer.corner(i0, j0);
        if (base - self.scorer.lex_max) as f64 > budget {
            return None;
        }
        let within = |lex: f32| ((base - lex) as f64) <= budget;
        let cost = base - self.scorer.lex_llr_if(i0, j0, t.a, t.b, within)?;
        if let Some(slot) = slot {
            self.memo[slot] = cost;
        }
        Some(cost as f64)
    }

    /// `acc` with the mass of bead `t` at `(i0, j0)` added, `other` being
    /// the log-sum at its far end (α before it, β after it). A bead that
    /// cannot bring `e^−PRUNE` of `acc` is neither scored in full nor added.
    #[inline]
    fn accumulate(
        &mut self,
        acc: f64,
        other: f64,
        start: (usize, usize),
        cell: usize,
        k: usize,
        terms: &RowTerms,
    ) -> f64 {
        let budget = self.temperature * (other - acc + PRUNE);
        let Some(c) = self.cost_within(start, cell, k, terms, budget) else {
            return acc;
        };
        let x = other - c / self.temperature;
        if x > acc - PRUNE {
            log_add(acc, x)
        } else {
            acc
        }
    }

    /// Stores a row's values relative to their largest; returns the offset.
    fn store(values: &[f64], out: &mut [f32]) -> f64 {
        let top = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let off = if top.is_finite() { top } else { 0.0 };
        for (o, v) in out.iter_mut().zip(values) {
            *o = (v - off) as f32;
        }
        off
    }

    /// `α` over the band.
    fn forward(&mut self) -> (Vec<f32>, Vec<f64>) {
        let n = self.n();
        let band = self.band;
        let mut table = (vec![f32::NEG_INFINITY; band.cells()], vec![0.0; n + 1]);
        let mut row: Vec<f64> = Vec::new();
        let mut ends: Vec<RowEnd> = Vec::with_capacity(self.types.len());
        for r in 0..=n {
            if r >= 1 {
                let (first, last) = self.columns(r - 1);
                self.scorer.load(r - 1, first, last);
            }
            if self.scorer.corners && r < n {
                // Unit r a row early, for the pairs this row's
                // boundaries cross (as in `dp::viterbi_keeping`).
                let (first, last) = self.columns(r);
                self.scorer.load(r, first, last);
            }
            let (l, h) = (band.lo[r], band.hi[r]);
            let here = band.cell(r, l);
            row.clear();
            row.resize(h - l + 1, f64::NEG_INFINITY);
            // The row each shape's beads start in, with its band, offset
            // and cost terms, once per row rather than per cell.
            ends.clear();
            ends.extend(
                self.types
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.a <= r)
                    .map(|(k, t)| {
                        let other = r - t.a;
                        let terms = self.scorer.row_terms(other, t);
                        RowEnd::new(k, t, other, terms, band, &table.1)
                    }),
            );
            for j in l..=h {
                if r == 0 && j == 0 {
                    row[0] = 0.0;
                    continue;
                }
                let mut acc = f64::NEG_INFINITY;
                for e in &ends {
                    if e.b > j {
                        continue;
                    }
                    let pj = j - e.b;
                    let (prev, cell) = if e.a == 0 {
                        if pj < l {
                            continue;
                        }
                        (row[pj - l], here + pj - l)
                    } else {
                        if pj < e.lo || pj > e.hi {
                            continue;
                        }
                        let cell = e.first + pj - e.lo;
                        (table.0[cell] as f64 + e.offset, cell)
                    };
                    if prev == f64::NEG_INFINITY {
                        continue;
                    }
                    acc = self.accumulate(acc, prev, (e.row, pj), cell, e.k, &e.terms);
                }
                row[j - l] = acc;
            }
            let cells = here..=band.cell(r, h);
            table.1[r] = Self::store(&row, &mut table.0[cells]);
        }
        table
    }

    /// `β` over the band.
    fn backward(&mut self) -> (Vec<f32>, Vec<f64>) {
        let n = self.n();
        let m = self.scorer.m();
        let band = self.band;
        let mut table = (vec![f32::NEG_INFINITY; band.cells()], vec![0.0; n + 1]);
        let mut row: Vec<f64> = Vec::new();
        let mut ends: Vec<RowEnd> = Vec::with_capacity(self.types.len());
        for r in (0..=n).rev() {
            if r < n {
                let (first, last) = self.columns(r);
                self.scorer.load(r, first, last);
            }
            if self.scorer.corners && r >= 1 {
                // Unit r − 1 a row early: this row's boundaries cross its
                // pairs, which its own row then finds kept (the ring has
                // room: beads from row r reach unit r + max_a − 1 at most).
                let (first, last) = self.columns(r - 1);
                self.scorer.load(r - 1, first, last);
            }
            let (l, h) = (band.lo[r], band.hi[r]);
            let here = band.cell(r, l);
            row.clear();
            row.resize(h - l + 1, f64::NEG_INFINITY);
            // The row each shape's beads end in, as in `forward` (their
            // cost terms are this row's, where they start).
            ends.clear();
            ends.extend(
                self.types
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| r + t.a <= n)
                    .map(|(k, t)| {
                        let terms = self.scorer.row_terms(r, t);
                        RowEnd::new(k, t, r + t.a, terms, band, &table.1)
                    }),
            );
            for j in (l..=h).rev() {
                if r == n && j == m {
                    row[j - l] = 0.0;
                    continue;
                }
                let cell = here + j - l;
                let mut acc = f64::NEG_INFINITY;
                for e in &ends {
                    let nj = j + e.b;
                    if nj > m {
                        continue;
                    }
                    let next = if e.a == 0 {
                        if nj > h {
                            continue;
                        }
                        row[nj - l]
                    } else {
                        if nj < e.lo || nj > e.hi {
                            continue;
                        }
                        table.0[e.first + nj - e.lo] as f64 + e.offset
                    };
                    if next == f64::NEG_INFINITY {
                        continue;
                    }
                    acc = self.accumulate(acc, next, (r, j), cell, e.k, &e.terms);
                }
                row[j - l] = acc;
            }
            let cells = here..=band.cell(r, h);
            table.1[r] = Self::store(&row, &mut table.0[cells]);
        }
        table
    }
}

/// One bead shape as a sweep sees it from the row it is working on: the
/// other row the shape's beads touch (where they start, going forward;
/// where they end, going backward), that row's band, its first cell and
/// its stored offset, and the column-independent terms of the beads' cost.
struct RowEnd {
    k: usize,
    a: usize,
    b: usize,
    row: usize,
    terms: RowTerms,
    lo: usize,
    hi: usize,
    first: usize,
    offset: f64,
}

impl RowEnd {
    fn new(
        k: usize,
        t: &BeadType,
        row: usize,
        terms: RowTerms,
        band: &Band,
        offsets: &[f64],
    ) -> RowEnd {
        RowEnd {
            k,
            a: t.a,
            b: t.b,
            row,
            terms,
            lo: band.lo[row],
            hi: band.hi[row],
            first: band.cell(row, band.lo[row]),
            offset: offsets[row],
        }
    }
}

impl<'a> Lattice<'a> {
    /// Forward–backward around `path` (the best path of `src` × `tgt`
    /// under `params`), with costs divided by `temperature`.
    pub fn new(
        src: &'a Units<'a>,
        tgt: &'a Units<'a>,
        params: &'a Params,
        path: &[PathBead],
        temperature: f64,
    ) -> Lattice<'a> {
        Self::after_search(src, tgt, params, path, temperature, None)
    }

    /// [`Lattice::new`], going on with the scorer and bead costs of the
    /// search that found `path` (see [`super::search::solve_keeping`]):
    /// the same values, without scoring again what the search scored.
    pub fn after_search(
        src: &'a Units<'a>,
        tgt: &'a Units<'a>,
        params: &'a Params,
        path: &[PathBead],
        temperature: f64,
        search: Option<(Scorer<'a>, CostMemo)>,
    ) -> Lattice<'a> {
        let (n, m) = (src.len(), tgt.len());
        let corners: Vec<(usize, usize)> = std::iter::once((0, 0))
            .chain(path.iter().map(|b| (b.i + b.a, b.j + b.b)))
            .collect();
        let band = Band::around(&corners, n, m, WIDTH);
        // Likely shapes first: they set each cell's mass early, so the
        // pruning bound bites on the rest.
        let types = by_cost(&params.types)
            .into_iter()
            .map(|k| params.types[k])
            .collect();
        let mut lattice = Lattice {
            src,
            tgt,
            params,
            band,
            types,
            alpha: Default::default(),
            beta: Default::default(),
            temperature: temperature.max(1e-6),
            total: 0.0,
        };
        let (alpha, beta) = if let Some((scorer, grid)) = search {
            let mut sweep = Sweep::after_search(&lattice, scorer, grid);
            (sweep.forward(), sweep.backward())
        } else if lattice.band.cells() <= MEMO_CELLS {
            let mut sweep = Sweep::new(&lattice, true);
            (sweep.forward(), sweep.backward())
        } else {
            rayon::join(
                || Sweep::new(&lattice, false).forward(),
                || Sweep::new(&lattice, false).backward(),
            )
        };
        lattice.alpha = alpha;
        lattice.beta = beta;
        lattice.total = lattice.alpha_at(n, m);
        lattice
    }

    fn alpha_at(&self, i: usize, j: usize) -> f64 {
        at(&self.band, &self.alpha, i, j)
    }

    fn beta_at(&self, i: usize, j: usize) -> f64 {
        at(&self.band, &self.beta, i, j)
    }

    /// The posterior probability of bead `b` (whose `cost` is its cost as
    /// the search gave it).
    pub fn posterior(&self, b: &PathBead) -> f64 {
        let lp = self.alpha_at(b.i, b.j) - b.cost as f64 / self.temperature
            + self.beta_at(b.i + b.a, b.j + b.b)
            - self.total;
        if lp.is_finite() {
            lp.exp().clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// The monotone path through the band that maximises the expected
    /// number of correct beads minus the expected number of wrong ones
    /// (each bead gains `2p − 1`, `p` its posterior; summing `p` alone
    /// rewards cutting a sure bead into unsure pieces), with each bead's
    /// cost as the search would give it.
    pub fn decode(&self) -> Vec<PathBead> {
        let mut sweep = Sweep::new(self, self.band.cells() <= MEMO_CELLS);
        let band = &self.band;
        let n = band.lo.len() - 1;
        let m = self.tgt.len();
        let mut gain = vec![f64::NEG_INFINITY; band.cells()];
        let mut back: Vec<(u8, f32)> = vec![(u8::MAX, 0.0); band.cells()];
        for r in 0..=n {
            if r >= 1 {
                let (first, last) = sweep.columns(r - 1);
                sweep.scorer.load(r - 1, first, last);
            }
            for j in band.lo[r]..=band.hi[r] {
                let here = band.cell(r, j);
                if r == 0 && j == 0 {
                    gain[here] = 0.0;
                    continue;
                }
                let beta = self.beta_at(r, j);
                if beta == f64::NEG_INFINITY {
                    continue;
                }
                for (k, t) in self.types.iter().enumerate() {
                    if t.a > r || t.b > j || !band.contains(r - t.a, j - t.b) {
                        continue;
                    }
                    let (pr, pj) = (r - t.a, j - t.b);
                    let prev = gain[band.cell(pr, pj)];
                    let alpha = self.alpha_at(pr, pj);
                    if prev == f64::NEG_INFINITY || alpha == f64::NEG_INFINITY {
                        continue;
                    }
                    // Beads with no posterior mass to speak of gain −1
                    // whatever their exact cost; a path of null beads
                    // always exists.
                    let budget = self.temperature * (alpha + beta - self.total + PRUNE);
                    let terms = sweep.scorer.row_terms(pr, t);
                    let cell = band.cell(pr, pj);
                    let Some(c) = sweep.cost_within((pr, pj), cell, k, &terms, budget) else {
                        continue;
                    };
                    let lp = alpha - c / self.temperature + beta - self.total;
                    let g = prev + 2.0 * lp.exp().min(1.0) - 1.0;
                    if g > gain[here] {
                        gain[here] = g;
                        back[here] = (k as u8, c as f32);
                    }
                }
            }
        }
        let mut path = Vec::new();
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let (k, cost) = back[band.cell(i, j)];
            if k == u8::MAX {
                break;
            }
            let t = self.types[k as usize];
            i -= t.a;
            j -= t.b;
            path.push(PathBead {
                i,
                j,
                a: t.a,
                b: t.b,
                cost,
            });
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::dp::{viterbi, LexModel};
    use crate::align::length::LengthModel;

    /// A small pair: sentence `k` of each side shares feature `k`, except
    /// a target sentence with no counterpart and one source sentence
    /// whose translation is split in two.
    fn pair() -> (Units<'static>, Units<'static>) {
        let src_lens = vec![40.0, 25.0, 60.0, 30.0, 45.0];
        let src_vecs = (0..5).map(|k| vec![(k as u32, 1.0)]).collect::<Vec<_>>();
        let tgt_lens = vec![42.0, 27.0, 33.0, 30.0, 31.0, 20.0, 47.0];
        let tgt_vecs = vec![
            vec![(0, 1.0)],
            vec![(1, 1.0)],
            vec![(2, 1.0)],
            vec![(2, 1.0)],
            vec![(3, 1.0)],
            vec![],
            vec![(4, 1.0)],
        ];
        let units = |l: Vec<f32>, v: Vec<Vec<(u32, f32)>>| Units {
            lens: l.into(),
            vecs: v.into(),
            ..Default::default()
        };
        (units(src_lens, src_vecs), units(tgt_lens, tgt_vecs))
    }

    fn params(src: &Units, tgt: &Units) -> Params {
        let shape = |a, b, cost| BeadType { a, b, cost };
        Params {
            length: LengthModel::initial(&src.lens, &tgt.lens),
            types: vec![
                shape(1, 1, 0.3),
                shape(1, 2, 2.5),
                shape(2, 1, 2.5),
                shape(1, 0, 4.0),
                shape(0, 1, 4.0),
            ],
            lex: LexModel::initial(),
            para: Default::default(),
            emb: None,
            emb_merge: None,
            boundary: None,
        }
    }

    /// Every monotone path of `types` from `(i, j)` to `(n, m)`, with its
    /// beads and their costs.
    fn all_paths(
        scorer: &mut Scorer,
        types: &[BeadType],
        (i, j): (usize, usize),
        (n, m): (usize, usize),
    ) -> Vec<Vec<PathBead>> {
        if (i, j) == (n, m) {
            return vec![vec![]];
        }
        let mut out = Vec::new();
        for t in types {
            if i + t.a > n || j + t.b > m {
                continue;
            }
            for u in i..(i + t.a) {
                scorer.load(u, 0, m);
            }
            let cost = scorer.cost(i, j, t);
            for rest in all_paths(scorer, types, (i + t.a, j + t.b), (n, m)) {
                let mut p = vec![PathBead {
                    i,
                    j,
                    a: t.a,
                    b: t.b,
                    cost,
                }];
                p.extend(rest);
                out.push(p);
            }
        }
        out
    }

    /// Forward–backward gives each bead the mass of the paths through it,
    /// as summing over every path by brute force does, at two
    /// temperatures; and the beads of the best path sum to at most the
    /// number of beads, each in [0, 1].
    #[test]
    fn posteriors_are_the_mass_of_the_paths_through_each_bead() {
        let (src, tgt) = pair();
        let p = params(&src, &tgt);
        let (n, m) = (src.len(), tgt.len());
        let best = viterbi(&mut Scorer::new(&src, &tgt, &p), &Band::full(n, m)).path;
        let paths = all_paths(&mut Scorer::new(&src, &tgt, &p), &p.types, (0, 0), (n, m));
        assert!(paths.len() > 100, "{} paths", paths.len());
        for temperature in [1.0, 2.5] {
            let lattice = Lattice::new(&src, &tgt, &p, &best, temperature);
            let weight = |path: &[PathBead]| {
                (-path.iter().map(|b| b.cost as f64).sum::<f64>() / temperature).exp()
            };
            let z: f64 = paths.iter().map(|p| weight(p)).sum();
            for bead in &best {
                let through: f64 = paths
                    .iter()
                    .filter(|p| {
                        p.iter()
                            .any(|b| (b.i, b.j, b.a, b.b) == (bead.i, bead.j, bead.a, bead.b))
                    })
                    .map(|p| weight(p))
                    .sum();
                let expected = through / z;
                let got = lattice.posterior(bead);
                assert!(
                    (got - expected).abs() < 1e-4,
                    "T={temperature} bead {bead:?}: {got} vs brute force {expected}"
                );
            }
        }
        // The 1-2 bead for the split translation is the best path's and
        // the model is fairly sure of it; a hotter lattice is less sure.
        let split = best
            .iter()
            .find(|b| (b.a, b.b) == (1, 2))
            .expect("a 1-2 bead");
        let cold = Lattice::new(&src, &tgt, &p, &best, 1.0).posterior(split);
        let hot = Lattice::new(&src, &tgt, &p, &best, 3.0).posterior(split);
        assert!(cold > 0.5 && hot < cold, "{cold} at T=1, {hot} at T=3");
    }

    /// Posterior decoding returns a path from corner to corner; on a pair
    /// the model is sure of, the same path as the search.
    #[test]
    fn posterior_decoding_agrees_with_the_search_where_it_is_sure() {
        let (src, tgt) = pair();
        let p = params(&src, &tgt);
        let (n, m) = (src.len(), tgt.len());
        let best = viterbi(&mut Scorer::new(&src, &tgt, &p), &Band::full(n, m)).path;
        let decoded = Lattice::new(&src, &tgt, &p, &best, 1.0).decode();
        let shape = |p: &[PathBead]| p.iter().map(|b| (b.i, b.j, b.a, b.b)).collect::<Vec<_>>();
        assert_eq!(shape(&decoded), shape(&best));
        for (d, b) in decoded.iter().zip(&best) {
            assert!((d.cost - b.cost).abs() < 1e-4, "{d:?} vs {b:?}");
        }
    }
}
