//! Search strategy: exact DP for small documents, coarse-to-fine for long
//! ones.
//!
//! A long document is first solved at half resolution (pairs of units
//! merged), recursively, until it is small enough for the full grid; each
//! finer level then searches only a band around the coarser path, widening
//! the band and searching again whenever the path runs along its edge
//! (a sign that the band cut the true path off). Each level costs time and
//! memory linear in its length, and the levels halve, so the whole search
//! is linear — the scheme of Vecalign (Thompson & Koehn 2019), with the band
//! widened adaptively instead of fixed.

use super::dp::{viterbi, Band, BeadType, Params, PathBead, Scorer, Units};

/// Documents whose grid has at most this many cells are searched exactly.
pub const EXACT_CELLS: usize = 1_500_000;

/// Coarse levels only guide the band of the level above, so they recurse
/// until they are much smaller than a document worth an exact search.
const COARSE_EXACT_CELLS: usize = 40_000;

/// Initial half-width, in units, of the band around a projected path.
const BAND_WIDTH: usize = 8;

/// The band is widened at most to this half-width: beyond it, a path that
/// still runs along the edge is accepted. Without a bound, a stretch the
/// model cannot resolve (long runs of near-identical sentences) would
/// widen the band toward the full grid and memory would grow quadratically.
const MAX_BAND_WIDTH: usize = 32;

/// Finds the best path for `src` × `tgt`. With `exact`, always searches
/// the full grid (for checking that the banded search loses nothing).
pub fn solve(src: &Units, tgt: &Units, params: &Params, exact: bool) -> Vec<PathBead> {
    solve_level(src, tgt, params, exact, EXACT_CELLS)
}

fn solve_level(
    src: &Units,
    tgt: &Units,
    params: &Params,
    exact: bool,
    exact_cells: usize,
) -> Vec<PathBead> {
    let (n, m) = (src.len(), tgt.len());
    if n == 0 || m == 0 {
        return trivial(n, m);
    }
    if exact || (n + 1) * (m + 1) <= exact_cells {
        let band = Band::full(n, m);
        let scorer = Scorer::new(src, tgt, params, &band);
        return viterbi(&scorer, &band).0;
    }
    // Solve at half resolution, with the marginal lengths doubled to match.
    let coarse_src = src.coarsen(2);
    let coarse_tgt = tgt.coarsen(2);
    let mut coarse_params = params.clone();
    coarse_params.length.tgt_mean *= 2.0;
    coarse_params.length.tgt_var *= 2.0;
    // Merged units need their own shapes: whatever the sentence-level
    // beads are, two-sentence units drift against each other by 2-2, 1-2
    // and 2-1 steps, so the coarse levels get a generic set of small
    // shapes (wide ones would cost time in every cell and are absorbed by
    // the band anyway), skewed like the document's sentence counts.
    coarse_params.types = coarse_types(n, m);
    let coarse = solve_level(
        &coarse_src,
        &coarse_tgt,
        &coarse_params,
        false,
        COARSE_EXACT_CELLS,
    );
    let mut corners: Vec<(usize, usize)> = vec![(0, 0)];
    for b in &coarse {
        corners.push(((2 * (b.i + b.a)).min(n), (2 * (b.j + b.b)).min(m)));
    }
    let mut width = BAND_WIDTH;
    loop {
        let band = Band::around(&corners, n, m, width);
        let scorer = Scorer::new(src, tgt, params, &band);
        let (path, touched) = viterbi(&scorer, &band);
        if std::env::var_os("WASL_DEBUG").is_some() {
            eprintln!(
                "level n={n} m={m} width={width} cells={} touched={touched}",
                band.cells()
            );
        }
        if !touched || width >= MAX_BAND_WIDTH || band.cells() >= (n + 1) * (m + 1) / 2 {
            return path;
        }
        // The path ran along the band's edge: search again around it, wider.
        corners = std::iter::once((0, 0))
            .chain(path.iter().map(|b| (b.i + b.a, b.j + b.b)))
            .collect();
        width *= 4;
    }
}

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
