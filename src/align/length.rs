//! The length model: how well the lengths of two blocks of sentences agree
//! with their being translations of each other.
//!
//! Gale & Church (1993): the length in characters of a translation is
//! roughly proportional to the length of its source, with a variance that
//! grows with the length:
//!
//! ```text
//!     l₂ ~ N(c·l₁, s²·l₁)
//! ```
//!
//! where `c` is the document's length ratio (Arabic runs at about 0.76 of
//! English, so English/Arabic ≈ 1.3) and `s²` the variance per source
//! character. Both are estimated from the documents being aligned — `c` from
//! their total lengths, `s²` from the confident beads of a first pass —
//! never fixed to 1.
//!
//! Gale & Church score a bead by the two-tailed probability of its `δ`. We
//! use the log-likelihood *ratio* of the match model against the marginal
//! distribution of target block lengths instead, so that a bead's length
//! term says how much *more* likely the lengths are if the blocks are
//! translations than if they were unrelated. That makes the length term
//! commensurable with the lexical evidence and with omissions (1-0, 0-1),
//! which then cost only their prior.

/// Parameters of the length model.
#[derive(Clone, Debug, PartialEq)]
pub struct LengthModel {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance of `l₂ − c·l₁` per source character.
    pub variance: f64,
    /// Mean target sentence length (the marginal the ratio is taken over).
    pub tgt_mean: f64,
    /// Variance of target sentence lengths.
    pub tgt_var: f64,
}

/// Gale & Church's variance per character (6.8 for German/French/English,
/// in target-side units of their data): the starting point before the
/// document's own variance is known.
const GC_VARIANCE: f64 = 6.8;

impl LengthModel {
    /// The model before any alignment is known: ratio from total lengths,
    /// variance from Gale & Church scaled into the document's units.
    pub fn initial(src_lens: &[f32], tgt_lens: &[f32]) -> LengthModel {
        let src_total: f64 = src_lens.iter().map(|&l| l as f64).sum();
        let tgt_total: f64 = tgt_lens.iter().map(|&l| l as f64).sum();
        let ratio = if src_total > 0.0 && tgt_total > 0.0 {
            tgt_total / src_total
        } else {
            1.0
        };
        let (tgt_mean, tgt_var) = mean_var(tgt_lens.iter().map(|&l| l as f64));
        LengthModel {
            ratio,
            variance: GC_VARIANCE * ratio,
            tgt_mean: tgt_mean.max(1.0),
            tgt_var: tgt_var.max(tgt_mean.max(1.0)),
        }
    }

    /// Re-estimates the variance from `(l₁, l₂)` of beads believed right,
    /// shrunk toward the current value when there are few of them.
    pub fn with_variance_from(&self, pairs: &[(f64, f64)]) -> LengthModel {
        // Robust: the median of the squared standardised residual, scaled so
        // a Gaussian's median maps to its variance (median of χ²₁ ≈ 0.455).
        // Residuals are never negative (nor NaN: l1 > 0), and non-negative
        // floats order as their bit patterns do, so they are selected as
        // integers: the same median, without a float comparison per step.
        let residual = |&(l1, l2): &(f64, f64)| ((l2 - self.ratio * l1).powi(2) / l1).to_bits();
        // A corpus model's sample has no empty source (every document
        // reads it): mapped without a filter, the vector is filled in one
        // go rather than checked for room at each element (a filtered
        // iterator's `collect` grew it step by step: a third of this
        // function's work, and the check a sixth).
        let mut r: Vec<u64> = if pairs.iter().all(|(l1, _)| *l1 > 0.0) {
            pairs.iter().map(residual).collect()
        } else {
            pairs
                .iter()
                .filter(|(l1, _)| *l1 > 0.0)
                .map(residual)
                .collect()
        };
        if r.is_empty() {
            return self.clone();
        }
        // Selection, not a sort: a corpus model hands every document a
        // sample of thousands of beads (the same element either way).
        let mid = r.len() / 2;
        let median = f64::from_bits(*r.select_nth_unstable(mid).1) / 0.455;
        // Shrinkage: n beads of evidence against a prior worth 20.
        let n = r.len() as f64;
        let variance = (n * median + 20.0 * self.variance) / (n + 20.0);
        LengthModel {
            variance: variance.max(0.5),
            ..self.clone()
        }
    }

    /// Log-likelihood ratio of target length `l2` (a block of `b`
    /// sentences) given source length `l1`, match model against the
    /// marginal. Positive means the lengths fit. (The dynamic program
    /// computes the same with the terms fixed by `l1` hoisted out of its
    /// cell loop: `dp::LengthTerms`.)
    pub fn llr(&self, l1: f64, l2: f64, b: usize) -> f64 {
        let l1 = l1.max(1.0);
        let var = self.variance * l1;
        let d = l2 - self.ratio * l1;
        let log_match = -0.5 * d * d / var - 0.5 * var.ln();
        let mvar = self.tgt_var * b as f64;
        let md = l2 - self.tgt_mean * b as f64;
        let log_marginal = -0.5 * md * md / mvar - 0.5 * mvar.ln();
        log_match - log_marginal
    }
}

/// Mean and variance of a sample (0, 0 when empty).
pub fn mean_var(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let (mut n, mut s, mut ss) = (0.0, 0.0, 0.0);
    for x in xs {
        n += 1.0;
        s += x;
        ss += x * x;
    }
    if n == 0.0 {
        return (0.0, 0.0);
    }
    let mean = s / n;
    (mean, (ss / n - mean * mean).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_comes_from_the_documents() {
        let m = LengthModel::initial(&[76.0, 76.0], &[100.0, 100.0]);
        assert!((m.ratio - 100.0 / 76.0).abs() < 1e-9);
    }

    #[test]
    fn matching_lengths_score_higher_than_mismatched() {
        let m = LengthModel::initial(&[50.0, 100.0, 150.0], &[65.0, 130.0, 200.0]);
        assert!(m.llr(100.0, 130.0, 1) > m.llr(100.0, 60.0, 1));
        assert!(m.llr(100.0, 130.0, 1) > 0.0);
        // Two target sentences that together fit beat one that does not.
        assert!(m.llr(100.0, 131.0, 2) > m.llr(100.0, 65.0, 1));
    }

    #[test]
    fn variance_is_reestimated_from_beads() {
        let m = LengthModel::initial(&[100.0; 4], &[100.0; 4]);
        let tight: Vec<(f64, f64)> = (0..200)
            .map(|i| (100.0, 100.0 + (i % 3) as f64 - 1.0))
            .collect();
        assert!(m.with_variance_from(&tight).variance < m.variance);
    }
}
