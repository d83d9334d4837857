//! Search strategy: exact DP for small documents, coarse-to-fine in a
//! band for long ones, and a band around the last pass's path when there
//! is one.
//!
//! A long document is first solved at half resolution (pairs of units
//! merged), recursively, until the level is small enough for the full grid;
//! each finer level then searches only a band around the coarser path,
//! widening the band and searching again whenever the path runs along its
//! edge (a sign that the band cut the true path off). Each level costs time
//! and memory linear in its length, and the levels halve, so the whole
//! search is linear: the scheme of Vecalign (Thompson & Koehn 2019), with
//! the band widened adaptively instead of fixed.
//!
//! Coarse units must correspond one to one across the sides, or no coarse
//! bead fits and the coarse path wanders (see [`factors`]): the side with
//! more sentences is merged in proportion. The top level is as large as a
//! full grid of [`TOP_CELLS`] allows, and its blocks are at most
//! [`MAX_BLOCK`] sentences; where that grid would be larger still
//! (millions of sentences), the top level searches a wide band around the
//! diagonal.
//!
//! Later passes of the aligner re-solve with a better model; the path of
//! the pass before is already globally right, so they search a band around
//! it directly ([`solve`]'s `guide`), with no coarse levels.

use rayon::prelude::*;

use super::dp::{
    groups, viterbi, viterbi_keeping, Band, BeadType, CostMemo, Params, PathBead, Scorer, Units,
};

/// Documents whose grid has at most this many cells (about 500 sentences
/// a side) are searched exactly. At 1 500 000 (1 200 a side) a
/// 1 000-sentence document took three exact passes over a million cells:
/// 0.70 s of CPU, against 0.22 s coarse-to-fine, for the same beads on
/// 1 000-sentence workloads of both pools and on every eval set.
pub const EXACT_CELLS: usize = 250_000;

/// The coarsest level of a long document is searched exactly when its grid
/// has at most this many cells. With 4 M cells (a top level of blocks of
/// 64 at 100 000 sentences) a 100 000-sentence workload took 1.70 s, with
/// 1 M (blocks of 128) 1.52 s, for the same beads. Once the lower levels
/// were parallel the exact top level dominated: at 300 000 cells (blocks of
/// 256, a 350 x 350 grid) it takes 0.010 s instead of 0.042 s, again for the
/// same beads on the 100 000-sentence workload; at a million sentences the
/// top level is banded either way.
const TOP_CELLS: usize = 300_000;

/// Coarse levels merge at most this many sentences (on the smaller side)
/// into a unit; longer documents get a banded top level instead. Blocks
/// of 512 once drifted off the diagonal, but that was when coarse units
/// did not correspond across the sides (strict F1 0.01 at 1 M sentences);
/// with proportional groups, top levels of 256 and 512 give the same
/// beads as 64 on the 100 000 and 1 000 000-sentence workloads.
const MAX_BLOCK: usize = 256;

/// Least half-width, in units, of the top level's band around the diagonal.
const TOP_MIN_WIDTH: usize = 64;

/// Initial half-width, in units, of the band around a projected path (it
/// reaches about twice as far in columns). Coarse paths that follow the
/// document land within a few units of the finer path; at 4 the workloads
/// of 100 000 and 1 000 000 sentences give the same beads as at 8 in 25%
/// less time; at 2 the band is touched and widened so often that it is no
/// faster.
const BAND_WIDTH: usize = 4;

/// Initial half-width, in units, of the band around an earlier pass's
/// path at the same level. That path is a sentence-level solution already
/// (the next pass moved 2.5% of the 100 000-sentence workload's beads, then
/// 0.4%), not a coarse one projected, so a narrower band still holds the
/// moves, and where a path does reach its edge the band widens as at any
/// level. At 3 instead of [`BAND_WIDTH`] the later passes search a quarter
/// fewer cells, for the same beads on the 100 000-sentence workloads of
/// both pools, the 1 000 000-sentence one and a periodic one; at 2, 14
/// beads of 100 000 moved on the eval pool's, where a stretch of three
/// omissions put the best path three sentences off the last pass's.
const GUIDE_WIDTH: usize = 3;

/// The band is widened at most to this half-width: beyond it, a path that
/// still runs along the edge is accepted. Without a bound, a stretch the
/// model cannot resolve (long runs of near-identical sentences) would
/// widen the band toward the full grid and memory would grow quadratically.
const MAX_BAND_WIDTH: usize = 32;

/// Finds the best path for `src` × `tgt`. With `exact`, always searches
/// the full grid (for checking that the banded search loses nothing). A
/// `guide` (the path of an earlier pass over the same document) replaces
/// the coarse levels of a long document.
pub fn solve(
    src: &Units,
    tgt: &Units,
    params: &Params,
    exact: bool,
    guide: Option<&[PathBead]>,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    if n == 0 || m == 0 {
        return trivial(n, m);
    }
    if exact || (n + 1) * (m + 1) <= EXACT_CELLS {
        let mut scorer = Scorer::new(src, tgt, params);
        return viterbi(&mut scorer, &Band::full(n, m)).path;
    }
    match guide {
        Some(path) => refine(src, tgt, params, path, Scale::Same),
        None => solve_level((src, tgt), None, params, EXACT_CELLS, 1),
    }
}

/// The best path of a document small enough for the exact search and for
/// a [`CostMemo`], with the scorer and the bead costs the search computed
/// (for the posterior sweeps to go on with); `None` for other documents.
pub fn solve_keeping<'a>(
    src: &'a Units<'a>,
    tgt: &'a Units<'a>,
    params: &'a Params,
) -> Option<(Vec<PathBead>, Scorer<'a>, CostMemo)> {
    let (n, m) = (src.len(), tgt.len());
    if n == 0 || m == 0 || (n + 1) * (m + 1) > EXACT_CELLS {
        return None;
    }
    let mut memo = CostMemo::new(n, m, &params.types)?;
    let mut scorer = Scorer::new(src, tgt, params);
    let path = viterbi_keeping(&mut scorer, &Band::full(n, m), Some(&mut memo)).path;
    Some((path, scorer, memo))
}

/// Solves a level whose units are blocks of `block` sentences: the
/// document's own units `doc`, or the coarse `level` of them.
///
/// A level's units are built only when it is searched, from the
/// document's units, and dropped when its path is found: a long document
/// holds one level's merged vectors at a time, not the whole pyramid.
/// (Every level was kept while the levels above it were solved: at a
/// million sentences a side, 600 MB of merged vectors.)
fn solve_level(
    doc: (&Units<'_>, &Units<'_>),
    level: Option<&Coarse>,
    params: &Params,
    exact_cells: usize,
    block: usize,
) -> Vec<PathBead> {
    let (n, m) = level.map_or((doc.0.len(), doc.1.len()), Coarse::len);
    if n == 0 || m == 0 {
        return trivial(n, m);
    }
    if (n + 1) * (m + 1) <= exact_cells {
        return with_units(doc, level, |src, tgt| {
            let mut scorer = Scorer::new(src, tgt, params);
            viterbi(&mut scorer, &Band::full(n, m)).path
        });
    }
    if block >= MAX_BLOCK {
        return with_units(doc, level, |src, tgt| solve_top(src, tgt, params));
    }
    let coarse = Coarse::of(n, m, params, level);
    let path = solve_level(
        doc,
        Some(&coarse),
        &coarse.params,
        TOP_CELLS,
        COARSEN * block,
    );
    with_units(doc, level, |src, tgt| {
        refine(src, tgt, params, &path, coarse.scale())
    })
}

/// Runs `f` on the units of `level` (the document's own when `None`),
/// built for the call.
fn with_units<R>(
    doc: (&Units<'_>, &Units<'_>),
    level: Option<&Coarse>,
    f: impl FnOnce(&Units<'_>, &Units<'_>) -> R,
) -> R {
    match level {
        None => f(doc.0, doc.1),
        Some(c) => {
            let (src, tgt) = c.units(doc);
            f(&src, &tgt)
        }
    }
}

/// The next coarser level: half resolution on the side with fewer units,
/// the other side's units merged in proportion, so coarse units correspond
/// one to one. Its units are not kept (see [`Coarse::units`]).
struct Coarse {
    params: Params,
    /// Coarse unit `g` merges units `src_bounds[g]..src_bounds[g + 1]` of
    /// the level below.
    src_bounds: Vec<usize>,
    tgt_bounds: Vec<usize>,
    /// ... which are the document's units `src_at[g]..src_at[g + 1]`.
    src_at: Vec<usize>,
    tgt_at: Vec<usize>,
}

impl Coarse {
    /// The level above one of `n` × `m` units: the document's own when
    /// `below` is `None`.
    fn of(n: usize, m: usize, params: &Params, below: Option<&Coarse>) -> Coarse {
        let (per_src, per_tgt) = factors(n, m);
        let src_bounds = groups(n, per_src);
        let tgt_bounds = groups(m, per_tgt);
        let at = |bounds: &[usize], below: Option<&[usize]>| match below {
            None => bounds.to_vec(),
            Some(b) => bounds.iter().map(|&k| b[k]).collect(),
        };
        let src_at = at(&src_bounds, below.map(|b| &b.src_at[..]));
        let tgt_at = at(&tgt_bounds, below.map(|b| &b.tgt_at[..]));
        let (cn, cm) = (src_bounds.len() - 1, tgt_bounds.len() - 1);
        // The marginal of target block lengths, scaled to the merged units.
        let mut cparams = params.clone();
        let per_tgt = m as f64 / cm.max(1) as f64;
        cparams.length.tgt_mean *= per_tgt;
        cparams.length.tgt_var *= per_tgt;
        // Merged units need their own shapes: whatever the sentence-level
        // beads are, merged units drift against each other by 2-2, 1-2
        // and 2-1 steps, so the coarse levels get a generic set of small
        // shapes (wide ones would cost time in every cell and are absorbed
        // by the band anyway), skewed like the coarse units' counts.
        cparams.types = coarse_types(cn, cm);
        // Leaving a coarse unit out costs what leaving its sentences out
        // costs at the sentence level (the priors of the finest level, or
        // of the level below, which already counts per sentence): the
        // null beads' priors are charged once per sentence ([`Units::size`]).
        for t in cparams.types.iter_mut().filter(|t| t.a == 0 || t.b == 0) {
            if let Some(fine) = params.types.iter().find(|f| (f.a, f.b) == (t.a, t.b)) {
                t.cost = fine.cost;
            }
        }
        Coarse {
            params: cparams,
            src_bounds,
            tgt_bounds,
            src_at,
            tgt_at,
        }
    }

    /// Units on each side.
    fn len(&self) -> (usize, usize) {
        (self.src_bounds.len() - 1, self.tgt_bounds.len() - 1)
    }

    /// This level's units, merged from the document's `doc` directly (not
    /// from the level below, which is not kept).
    fn units(&self, doc: (&Units<'_>, &Units<'_>)) -> (Units<'static>, Units<'static>) {
        rayon::join(
            || doc.0.coarsen(&self.src_at),
            || doc.1.coarsen(&self.tgt_at),
        )
    }

    /// Where a path at this level's units falls at the finer level.
    fn scale(&self) -> Scale<'_> {
        Scale::Groups(&self.src_bounds, &self.tgt_bounds)
    }
}

/// Units of a level per unit of the next coarser one, on the side with
/// fewer units.
const COARSEN: usize = 2;

/// Units per coarse unit on each side: [`COARSEN`] on the side with fewer
/// units, proportionally more on the other.
///
/// With the same factor on both sides, a document whose target has 11%
/// more sentences than its source has no coarse bead that fits: a 1-1
/// block bead is 10% short on the target side, a 1-2 bead 80% too long,
/// and at blocks of 64 sentences both cost more than skipping a block on
/// each side. The top level of a 100 000-sentence workload then wandered
/// by up to 45 blocks around a gold path that never left the diagonal by
/// more than 3, and at 1 000 000 sentences the finer levels could not
/// bring it back (whole stretches of 50 000 sentences lost).
fn factors(n: usize, m: usize) -> (f64, f64) {
    let c = COARSEN as f64;
    let r = (m as f64 / n.max(1) as f64).clamp(1.0 / MAX_SKEW, MAX_SKEW);
    if r >= 1.0 {
        (c, c * r)
    } else {
        (c / r, c)
    }
}

/// Sentence-count ratios beyond this are treated as this when coarsening.
const MAX_SKEW: f64 = 8.0;

/// Where the corners of a guide path fall at the level being searched.
#[derive(Clone, Copy, Debug)]
enum Scale<'a> {
    /// The guide is in this level's units (an earlier pass's path).
    Same,
    /// The guide is one level coarser: its unit `g` covers units
    /// `src[g]..src[g + 1]` (and likewise `tgt`) of this level.
    Groups(&'a [usize], &'a [usize]),
}

impl Scale<'_> {
    /// The band's initial half-width around a guide at this scale.
    fn band_width(self) -> usize {
        match self {
            Scale::Same => GUIDE_WIDTH,
            Scale::Groups(..) => BAND_WIDTH,
        }
    }

    /// This level's corner for the guide's corner `(i, j)`.
    fn corner(self, i: usize, j: usize, n: usize, m: usize) -> (usize, usize) {
        match self {
            Scale::Same => (i.min(n), j.min(m)),
            Scale::Groups(s, t) => (s[i.min(s.len() - 1)].min(n), t[j.min(t.len() - 1)].min(m)),
        }
    }
}

/// The top level of a very long document, whose blocks are as large as
/// they may be and whose grid is still too large to search whole: a band
/// around the straight diagonal, as wide as [`TOP_CELLS`] allows (at least
/// [`TOP_MIN_WIDTH`] units), widened while the path runs along its edge.
fn solve_top(src: &Units<'_>, tgt: &Units<'_>, params: &Params) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let mut width = (TOP_CELLS / (2 * n.max(m) + 1)).max(TOP_MIN_WIDTH);
    let mut scorer = Scorer::new(src, tgt, params);
    let mut corners = vec![(0, 0), (n, m)];
    loop {
        let band = Band::around(&corners, n, m, width);
        let solution = viterbi(&mut scorer, &band);
        if std::env::var_os("WASL_DEBUG").is_some() {
            eprintln!(
                "top n={n} m={m} width={width} cells={} touched={}",
                solution.cells, solution.touched
            );
        }
        if !solution.touched || solution.cells >= (n + 1) * (m + 1) / 2 {
            return solution.path;
        }
        corners = self::corners(&solution.path, Scale::Same, n, m);
        width *= 2;
    }
}

/// The bead corners of `path`, projected to this level by `scale`, from
/// `(0, 0)` on.
fn corners(path: &[PathBead], scale: Scale, n: usize, m: usize) -> Vec<(usize, usize)> {
    std::iter::once((0, 0))
        .chain(
            path.iter()
                .map(|b| scale.corner(b.i + b.a, b.j + b.b, n, m)),
        )
        .collect()
}

/// Searches a band around `guide` (a path at the units `scale` says),
/// widening it while the path runs along its edge.
///
/// A long document is cut into spans at confident beads of the guide and
/// the spans are searched in parallel: the path is made to pass through
/// the corners of those beads (1-1 beads the guide is surest of, which the
/// finer path all but always keeps), and everything between is searched
/// as before. This is what lets more cores speed up one document.
fn refine(
    src: &Units,
    tgt: &Units,
    params: &Params,
    guide: &[PathBead],
    scale: Scale,
) -> Vec<PathBead> {
    // The number of spans depends on the document, not on the machine:
    // the same input gives the same output on any number of cores.
    let spans = (src.len() / PARALLEL_SPAN).min(MAX_SPANS);
    refine_in_spans(src, tgt, params, guide, scale, spans)
}

/// [`refine`] with the document cut into `spans` spans.
fn refine_in_spans(
    src: &Units,
    tgt: &Units,
    params: &Params,
    guide: &[PathBead],
    scale: Scale,
    spans: usize,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let corners = corners(guide, scale, n, m);
    let width = scale.band_width();
    if spans < 2 {
        return refine_span(src, tgt, params, corners, width);
    }
    let cuts = cut_points(guide, scale, n, m, spans);
    let pieces: Vec<Vec<PathBead>> = cuts
        .par_windows(2)
        .map(|w| {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            let local: Vec<(usize, usize)> = corners
                .iter()
                .filter(|&&(i, j)| (i0..=i1).contains(&i) && (j0..=j1).contains(&j))
                .map(|&(i, j)| (i - i0, j - j0))
                .chain([(i1 - i0, j1 - j0)])
                .collect();
            let mut local = local;
            local.dedup();
            if local.first() != Some(&(0, 0)) {
                local.insert(0, (0, 0));
            }
            let mut path =
                refine_span(&src.slice(i0..i1), &tgt.slice(j0..j1), params, local, width);
            for b in &mut path {
                b.i += i0;
                b.j += j0;
            }
            path
        })
        .collect();
    pieces.concat()
}

/// Spans of a document searched in parallel hold at least this many units:
/// below it, the cost of cutting outweighs what a second core gives. (At
/// 5 000 the coarse levels of a 100 000-sentence document ran on one core
/// up to 6 250 units; at 2 000 it takes 2% less time, same beads.)
const PARALLEL_SPAN: usize = 2_000;

/// At most this many spans: enough to keep eight cores busy.
const MAX_SPANS: usize = 8;

/// Where to cut a document into `spans` spans: `(0, 0)`, then the end
/// corner of the guide's most confident 1-1 bead near each even share of
/// the guide, then `(n, m)`. Corners increase strictly on both sides.
fn cut_points(
    guide: &[PathBead],
    scale: Scale,
    n: usize,
    m: usize,
    spans: usize,
) -> Vec<(usize, usize)> {
    let mut cuts = vec![(0, 0)];
    let window = (guide.len() / (8 * spans)).max(1);
    for s in 1..spans {
        let centre = guide.len() * s / spans;
        let lo = centre.saturating_sub(window);
        let hi = (centre + window).min(guide.len());
        let best = guide[lo..hi]
            .iter()
            .filter(|b| b.a == 1 && b.b == 1)
            .min_by(|x, y| x.cost.total_cmp(&y.cost));
        if let Some(b) = best {
            let c = scale.corner(b.i + 1, b.j + 1, n, m);
            let last = *cuts.last().unwrap();
            if c.0 > last.0 && c.1 > last.1 && c.0 < n && c.1 < m {
                cuts.push(c);
            }
        }
    }
    cuts.push((n, m));
    cuts
}

/// Searches a band around `corners`, widening it where the path runs along
/// its edge: only the rows near such places get the wider band, so one
/// hard stretch does not make the whole document pay for it.
fn refine_span(
    src: &Units,
    tgt: &Units,
    params: &Params,
    corners: Vec<(usize, usize)>,
    width: usize,
) -> Vec<PathBead> {
    let width = vec![width; src.len() + 1];
    refine_window(src, tgt, params, &corners, width, MAX_ROUNDS)
}

/// One round of [`refine_span`]: searches the band of half-width
/// `width[i]` around `corners`; where the path touched the band's edge, the
/// rows around the touch get a wider band and only a window around them is
/// searched again (from a corner of this round's path before it to one
/// after, with `rounds − 1` rounds left), so a widening costs what the
/// widened stretch costs, not what the whole span does. Windows are
/// searched in parallel.
fn refine_window(
    src: &Units,
    tgt: &Units,
    params: &Params,
    corners: &[(usize, usize)],
    mut width: Vec<usize>,
    rounds: usize,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    let t0 = std::time::Instant::now();
    let mut scorer = Scorer::new(src, tgt, params);
    let band = Band::around_with(corners, n, m, |i| width[i]);
    let solution = viterbi(&mut scorer, &band);
    drop(scorer);
    if std::env::var_os("WASL_DEBUG").is_some() {
        eprintln!(
            "{:.3}s level n={n} m={m} widest={} cells={} touched={} rounds={rounds}",
            t0.elapsed().as_secs_f64(),
            width.iter().max().unwrap_or(&0),
            solution.cells,
            solution.touched
        );
    }
    // A path the model cannot place (long runs of near-identical
    // sentences) would move at every round; after MAX_ROUNDS the search
    // keeps what it has, so time stays linear.
    let path = solution.path;
    if !solution.touched || rounds <= 1 || solution.cells >= (n + 1) * (m + 1) / 2 {
        return path;
    }
    // Widen around every place the path touched the edge, by rows
    // reaching as far as the new width (the band around a corner reaches
    // that far too).
    let mut widened = vec![false; n + 1];
    let old = width.clone();
    for b in &path {
        if !band.is_edge(b.i, b.j, m) {
            continue;
        }
        // At the widest band already, the window is searched again all
        // the same: around this round's path, the band follows the path
        // further than the last one let it go.
        let w = (old[b.i] * 4).min(MAX_BAND_WIDTH).max(old[b.i]);
        let reach = WIDEN_REACH * w;
        let rows = b.i.saturating_sub(reach)..=(b.i + reach).min(n);
        for x in &mut width[rows.clone()] {
            *x = (*x).max(w);
        }
        for x in &mut widened[rows] {
            *x = true;
        }
    }
    // Windows: for each run of widened rows, from the last corner of the
    // path at or before its first row to the first corner at or after its
    // last; overlapping windows are merged. `bounds[k]` is the corner
    // before bead `k`.
    let bounds = self::corners(&path, Scale::Same, n, m);
    let mut windows: Vec<(usize, usize)> = Vec::new();
    let mut r = 0;
    while r <= n {
        if !widened[r] {
            r += 1;
            continue;
        }
        let first = r;
        while r <= n && widened[r] {
            r += 1;
        }
        let last = r - 1;
        let s = bounds.partition_point(|c| c.0 <= first).saturating_sub(1);
        let e = bounds.partition_point(|c| c.0 < last).min(bounds.len() - 1);
        // A window must hold sentences of both sides to be searched.
        if bounds[e].0 <= bounds[s].0 || bounds[e].1 <= bounds[s].1 {
            continue;
        }
        match windows.last_mut() {
            Some(w) if s < w.1 => w.1 = w.1.max(e),
            _ => windows.push((s, e)),
        }
    }
    if windows.is_empty() {
        return path;
    }
    let solved: Vec<Vec<PathBead>> = windows
        .par_iter()
        .map(|&(s, e)| {
            let (i0, j0) = bounds[s];
            let (i1, j1) = bounds[e];
            let local: Vec<(usize, usize)> = bounds[s..=e]
                .iter()
                .map(|&(i, j)| (i - i0, j - j0))
                .collect();
            let mut sub = refine_window(
                &src.slice(i0..i1),
                &tgt.slice(j0..j1),
                params,
                &local,
                width[i0..=i1].to_vec(),
                rounds - 1,
            );
            for b in &mut sub {
                b.i += i0;
                b.j += j0;
            }
            sub
        })
        .collect();
    // Splice: beads s..e of the path are replaced by the window's.
    let mut out = Vec::with_capacity(path.len());
    let mut next = 0;
    for (&(s, e), sub) in windows.iter().zip(solved) {
        out.extend_from_slice(&path[next..s]);
        out.extend(sub);
        next = e;
    }
    out.extend_from_slice(&path[next..]);
    out
}

/// Searches of one level at most: the first, and two widenings.
const MAX_ROUNDS: usize = 3;

/// How far, in multiples of the new width, the wider band reaches on each
/// side of a touch. A path pushed to the edge is usually off by more than
/// the rows where it shows: with a reach of 4 widths the 1M-sentence
/// workload came out at strict F1 0.68, with 32 at 0.84, for 15% more time.
const WIDEN_REACH: usize = 32;

/// Bead shapes and priors for coarse levels.
fn coarse_types(n: usize, m: usize) -> Vec<BeadType> {
    let skew = (m as f64 / n.max(1) as f64).clamp(0.2, 5.0);
    let shapes = [
        ((1, 1), 0.7),
        ((1, 2), 0.1),
        ((2, 1), 0.1),
        ((2, 2), 0.05),
        ((1, 0), 0.025),
        ((0, 1), 0.025),
    ];
    let weights: Vec<((usize, usize), f64)> = shapes
        .iter()
        .map(|&((a, b), w)| ((a, b), w * skew.powi(b as i32 - a as i32)))
        .collect();
    let z: f64 = weights.iter().map(|w| w.1).sum();
    weights
        .into_iter()
        .map(|((a, b), w)| BeadType {
            a,
            b,
            cost: -(w / z).ln() as f32,
        })
        .collect()
}

/// One side empty: every sentence of the other is unaligned.
fn trivial(n: usize, m: usize) -> Vec<PathBead> {
    let mut path = Vec::with_capacity(n + m);
    path.extend((0..n).map(|i| PathBead {
        i,
        j: 0,
        a: 1,
        b: 0,
        cost: 0.0,
    }));
    path.extend((0..m).map(|j| PathBead {
        i: n,
        j,
        a: 0,
        b: 1,
        cost: 0.0,
    }));
    path
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::dp::LexModel;
    use crate::align::features::SparseVec;
    use crate::align::length::LengthModel;

    /// A document pair of `n` sentences a side with a translation of each
    /// source sentence, except every 37th (omitted) and an extra target
    /// sentence after every 53rd; each pair shares one feature, as a name
    /// or number would.
    fn document(n: usize) -> (Units<'static>, Units<'static>) {
        let (mut src, mut tgt) = (Units::default(), Units::default());
        let (mut sl, mut sv, mut tl, mut tv) = (vec![], vec![], vec![], vec![]);
        let mut x = 7u64;
        let mut len = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            20.0 + (x >> 58) as f32 * 4.0
        };
        for i in 0..n {
            let l = len();
            sl.push(l);
            sv.push(vec![(i as u32, 1.0)]);
            if i % 37 != 5 {
                tl.push(l * 1.2);
                tv.push(vec![(i as u32, 1.0)]);
            }
            if i % 53 == 9 {
                tl.push(len());
                tv.push(vec![]);
            }
        }
        src.lens = sl.into();
        src.vecs = sv.into();
        tgt.lens = tl.into();
        tgt.vecs = tv.into();
        (src, tgt)
    }

    /// A path's beads without their costs, to compare paths.
    fn beads(path: &[PathBead]) -> Vec<(usize, usize, usize, usize)> {
        path.iter().map(|b| (b.i, b.j, b.a, b.b)).collect()
    }

    fn params(src: &Units, tgt: &Units) -> Params {
        let mut types = coarse_types(src.len(), tgt.len());
        types.retain(|t| t.a + t.b <= 3);
        Params {
            length: LengthModel::initial(&src.lens, &tgt.lens),
            types,
            lex: LexModel::initial(),
            para: Default::default(),
            emb: None,
            emb_merge: None,
            boundary: None,
        }
    }

    #[test]
    fn coarse_to_fine_finds_the_exact_path() {
        let (src, tgt) = document(600);
        let p = params(&src, &tgt);
        let exact = solve(&src, &tgt, &p, true, None);
        // Force the banded search: every level above 2 000 cells is banded.
        let banded = solve_level((&src, &tgt), None, &p, 2_000, 1);
        assert_eq!(beads(&banded), beads(&exact));
        // The path is the translation's: most beads pair sentences that
        // share their feature.
        let right = exact
            .iter()
            .filter(|b| b.a == 1 && b.b == 1 && src.vecs[b.i] == tgt.vecs[b.j])
            .count();
        assert!(right > 500, "{right} right 1-1 beads");
        // A band around the exact path (a later pass) finds it again.
        let guided = refine(&src, &tgt, &p, &exact, Scale::Same);
        assert_eq!(beads(&guided), beads(&exact));
    }

    /// A document whose every third source sentence is translated as two
    /// target sentences (a third more sentences on the target side), with
    /// nothing but lengths to go by.
    fn split_document(n: usize) -> (Units<'static>, Units<'static>) {
        let (mut sl, mut sv, mut tl, mut tv) = (vec![], vec![], vec![], vec![]);
        let mut x = 11u64;
        for i in 0..n {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let l = 20.0 + (x >> 58) as f32 * 4.0;
            sl.push(l);
            sv.push(vec![]);
            if i % 3 == 0 {
                tl.extend([l * 0.5, l * 0.7]);
                tv.extend([vec![], vec![]]);
            } else {
                tl.push(l * 1.2);
                tv.push(vec![]);
            }
        }
        let units = |l: Vec<f32>, v: Vec<SparseVec>| Units {
            lens: l.into(),
            vecs: v.into(),
            brk: Vec::new().into(),
            size: Vec::new().into(),
            emb: None,
            norms: None,
        };
        (units(sl, sv), units(tl, tv))
    }

    #[test]
    fn coarse_levels_follow_a_target_with_more_sentences() {
        let (src, tgt) = split_document(20_000);
        let mut p = params(&src, &tgt);
        p.types = coarse_types(src.len(), tgt.len());
        // The true target position after each source sentence.
        let truth: Vec<usize> = (0..=src.len()).map(|i| i + i.div_ceil(3)).collect();
        assert_eq!(truth[src.len()], tgt.len());
        // Five levels up (blocks of 32 source sentences), solved whole,
        // the path stays within a block of the truth: every corner's
        // target position is at most 32·4/3 sentences off.
        let mut levels = vec![Coarse::of(src.len(), tgt.len(), &p, None)];
        for _ in 1..5 {
            let c = levels.last().unwrap();
            let (n, m) = c.len();
            levels.push(Coarse::of(n, m, &c.params, Some(c)));
        }
        let top = levels.last().unwrap();
        let (ts, tt) = top.units((&src, &tgt));
        let mut path = solve(&ts, &tt, &top.params, true, None);
        for level in levels.iter().rev() {
            let corners = corners(&path, level.scale(), usize::MAX, usize::MAX);
            path = corners
                .windows(2)
                .map(|w| PathBead {
                    i: w[0].0,
                    j: w[0].1,
                    a: w[1].0 - w[0].0,
                    b: w[1].1 - w[0].1,
                    cost: 0.0,
                })
                .collect();
        }
        let worst = corners(&path, Scale::Same, src.len(), tgt.len())
            .iter()
            .map(|&(i, j)| j.abs_diff(truth[i]))
            .max()
            .unwrap();
        assert!(worst <= 43, "the coarse path is {worst} sentences off");
    }

    #[test]
    fn a_level_merged_from_the_sentences_is_the_level_merged_from_the_one_below() {
        // Features that repeat within and across blocks, weights that are
        // not all equal, a target side with more sentences.
        let side = |n: usize, salt: u32| {
            let mut u = Units::default();
            let lens: Vec<f32> = (0..n).map(|i| (i * 7 % 23 + 5) as f32).collect();
            let vecs: Vec<SparseVec> = (0..n as u32)
                .map(|i| {
                    let mut v = vec![(i % 7, 1.0), (100 + (i * salt) % 11, 0.5), (1_000, 0.25)];
                    v.sort_unstable_by_key(|e| e.0);
                    v
                })
                .collect();
            u.lens = lens.into();
            u.vecs = vecs.into();
            u
        };
        let (src, tgt) = (side(2_000, 3), side(2_600, 5));
        let p = params(&src, &tgt);
        let mut level = Coarse::of(src.len(), tgt.len(), &p, None);
        let (mut chain_src, mut chain_tgt) = level.units((&src, &tgt));
        for _ in 1..6 {
            let (n, m) = level.len();
            let next = Coarse::of(n, m, &level.params, Some(&level));
            (chain_src, chain_tgt) = (
                chain_src.coarsen(&next.src_bounds),
                chain_tgt.coarsen(&next.tgt_bounds),
            );
            let (direct_src, direct_tgt) = next.units((&src, &tgt));
            for (chain, direct) in [(&chain_src, &direct_src), (&chain_tgt, &direct_tgt)] {
                assert_eq!(chain.len(), direct.len());
                assert_eq!(chain.lens, direct.lens);
                for k in 0..chain.len() {
                    assert_eq!(chain.size(k), direct.size(k), "unit {k}");
                    let (a, b) = (&chain.vecs[k], &direct.vecs[k]);
                    assert_eq!(a.len(), b.len(), "unit {k}: {a:?} vs {b:?}");
                    for (x, y) in a.iter().zip(b) {
                        assert_eq!(x.0, y.0, "unit {k}");
                        assert!(
                            (x.1 - y.1).abs() <= 1e-4 * x.1.abs(),
                            "unit {k}: {x:?} vs {y:?}"
                        );
                    }
                }
            }
            level = next;
        }
        assert!(
            level.len().0 < 100,
            "six levels up: {:?} units",
            level.len()
        );
    }

    #[test]
    fn the_side_with_more_units_gets_larger_groups() {
        let (fs, ft) = factors(1_000, 1_500);
        assert_eq!((fs, ft), (2.0, 3.0));
        let (fs, ft) = factors(1_500, 1_000);
        assert_eq!((fs, ft), (3.0, 2.0));
        let (fs, ft) = factors(1_000, 1_501);
        let (sb, tb) = (groups(1_000, fs), groups(1_501, ft));
        assert_eq!(sb.len(), tb.len(), "{} vs {} groups", sb.len(), tb.len());
        for b in [&sb, &tb] {
            assert!(b.windows(2).all(|w| w[0] < w[1]));
        }
        assert_eq!((sb[0], *sb.last().unwrap()), (0, 1_000));
        assert_eq!(*tb.last().unwrap(), 1_501);
        assert_eq!(groups(5, 10.0), vec![0, 5]);
        assert_eq!(groups(0, 2.0), vec![0]);
    }

    #[test]
    fn a_guide_off_by_more_than_the_band_is_corrected_where_it_is_off() {
        let (src, tgt) = document(3_000);
        let p = params(&src, &tgt);
        let exact = solve(&src, &tgt, &p, true, None);
        // For the band around a projected coarse path and the narrower one
        // around an earlier pass's: the exact path's corners, pushed 3
        // band widths off the diagonal over rows 1 000..1 400 (kept
        // monotone).
        for width in [BAND_WIDTH, GUIDE_WIDTH] {
            let mut guide = corners(&exact, Scale::Same, src.len(), tgt.len());
            let after = guide.iter().find(|c| c.0 >= 1_400).unwrap().1;
            for c in guide.iter_mut().filter(|c| (1_000..1_400).contains(&c.0)) {
                c.1 = (c.1 + 3 * width).min(after);
            }
            let found = refine_span(&src, &tgt, &p, guide, width);
            assert_eq!(beads(&found), beads(&exact), "half-width {width}");
        }
    }

    #[test]
    fn spans_searched_apart_give_the_path_searched_whole() {
        let (src, tgt) = document(12_000);
        let p = params(&src, &tgt);
        // A coarse guide, as the level above would give.
        let (sb, tb) = (groups(src.len(), 2.0), groups(tgt.len(), 2.0));
        let (cs, ct) = (src.coarsen(&sb), tgt.coarsen(&tb));
        let coarse = solve_level((&cs, &ct), None, &p, 2_000_000, 2);
        let scale = Scale::Groups(&sb, &tb);
        let whole = refine_in_spans(&src, &tgt, &p, &coarse, scale, 1);
        for spans in [2, 3, 7] {
            let cut = refine_in_spans(&src, &tgt, &p, &coarse, scale, spans);
            assert_eq!(beads(&cut), beads(&whole), "{spans} spans");
        }
        let cuts = cut_points(&coarse, scale, src.len(), tgt.len(), 7);
        assert_eq!(cuts.len(), 8, "a cut for every span: {cuts:?}");
    }
}
