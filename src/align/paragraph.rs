//! Paragraph structure as evidence: a bead seldom starts in the middle of a
//! paragraph on one side and at a paragraph break on the other, and seldom
//! runs across a break.
//!
//! Every sentence boundary of a side is either a *break* (the sentence after
//! it starts a paragraph) or a *continuation*. A path gives each boundary a
//! role: the start of a bead, or inside one. The model is the probability of
//! a boundary's status given its role, against the side's overall rate of
//! breaks:
//!
//! ```text
//!     LLRₚₐᵣ(bead) = ln P(s, t | start) / (P(s) P(t))
//!                  + Σ inside ln P(s | inside) / P(s)   (each side)
//! ```
//!
//! where `s`, `t` are the statuses of the source and target boundaries the
//! bead starts at. Every boundary has exactly one role on any path, so the
//! background terms are the same for every path: they only make a bead's
//! score a likelihood ratio.
//!
//! How far paragraphs agree is a property of the corpus, not of language:
//! translators of news keep paragraphs, a presegmented file may mark none,
//! and a literary translation may split one paragraph into several. So
//! nothing is assumed: the first pass runs without this evidence, and the
//! probabilities are estimated from the paths of all documents of the run,
//! smoothed toward the background. Where a side marks no paragraphs (every
//! boundary a break, as in a plain one-sentence-per-line file), every
//! ratio is exactly 1 and the evidence is switched off.

use super::dp::PathBead;

/// A boundary's status: index 0 continuation, 1 break.
fn status(brk: &[bool], k: usize) -> usize {
    usize::from(brk.get(k).copied().unwrap_or(true))
}

/// Costs (negative log-likelihood ratios) of paragraph statuses by role.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParaModel {
    /// A bead with both sides non-empty starting at source status `s`,
    /// target status `t`: `start[s][t]`.
    pub start: [[f32; 2]; 2],
    /// A 1-0 bead starting at source status `s` (as any bead starting on
    /// the source side).
    pub start_src: [f32; 2],
    /// A 0-1 bead starting at target status `t` (as any bead starting on
    /// the target side).
    pub start_tgt: [f32; 2],
    /// A source boundary inside a bead.
    pub inside_src: [f32; 2],
    /// A target boundary inside a bead.
    pub inside_tgt: [f32; 2],
}

/// Pseudo-counts spread over a table as the background predicts: a table
/// estimated from a handful of beads stays near "no evidence".
const SMOOTHING: f64 = 4.0;

/// No cost beyond this either way: a paragraph mark is evidence, not a
/// constraint (a translator may still merge two paragraphs).
const MAX_COST: f64 = 6.0;

impl ParaModel {
    /// True when the model adds nothing (before estimation, or where no
    /// side marks paragraphs).
    pub fn is_off(&self) -> bool {
        let zero = |v: &[f32]| v.iter().all(|&x| x == 0.0);
        zero(&self.start[0])
            && zero(&self.start[1])
            && zero(&self.start_src)
            && zero(&self.start_tgt)
            && zero(&self.inside_src)
            && zero(&self.inside_tgt)
    }

    /// Estimates the model from solved paths: for each document, the break
    /// marks of its source and target boundaries (`brk[k]`: a paragraph
    /// starts at sentence `k`) and its path.
    pub fn estimate<'a>(
        docs: impl IntoIterator<Item = (&'a [bool], &'a [bool], &'a [PathBead])>,
    ) -> ParaModel {
        let mut bg = [[0f64; 2]; 2]; // [side][status]
        let mut start = [[0f64; 2]; 2];
        let mut start_src = [0f64; 2];
        let mut start_tgt = [0f64; 2];
        let mut inside = [[0f64; 2]; 2]; // [side][status]
        for (src, tgt, path) in docs {
            for &b in src {
                bg[0][usize::from(b)] += 1.0;
            }
            for &b in tgt {
                bg[1][usize::from(b)] += 1.0;
            }
            for b in path {
                let (s, t) = (status(src, b.i), status(tgt, b.j));
                match (b.a, b.b) {
                    (0, _) => start_tgt[t] += 1.0,
                    (_, 0) => start_src[s] += 1.0,
                    _ => start[s][t] += 1.0,
                }
                for k in b.i + 1..b.i + b.a {
                    inside[0][status(src, k)] += 1.0;
                }
                for k in b.j + 1..b.j + b.b {
                    inside[1][status(tgt, k)] += 1.0;
                }
            }
        }
        let rate = |c: [f64; 2]| {
            let z = c[0] + c[1];
            if z > 0.0 {
                [c[0] / z, c[1] / z]
            } else {
                [0.0, 1.0]
            }
        };
        let (ps, pt) = (rate(bg[0]), rate(bg[1]));
        // −ln((count + κ·expected) / (total + κ) / expected), 0 where the
        // status never occurs (its cost is never asked for).
        let cost = |count: f64, total: f64, expected: f64| -> f32 {
            if expected <= 0.0 {
                return 0.0;
            }
            let p = (count + SMOOTHING * expected) / (total + SMOOTHING);
            (-(p / expected).ln()).clamp(-MAX_COST, MAX_COST) as f32
        };
        let side = |c: [f64; 2], p: [f64; 2]| {
            let total = c[0] + c[1];
            [cost(c[0], total, p[0]), cost(c[1], total, p[1])]
        };
        let total: f64 = start.iter().flatten().sum();
        let mut joint = [[0f32; 2]; 2];
        for s in 0..2 {
            for t in 0..2 {
                joint[s][t] = cost(start[s][t], total, ps[s] * pt[t]);
            }
        }
        // Omissions and insertions are too few to learn a table of their
        // own, and a first pass without this evidence puts many of them
        // in the wrong place (often mid-paragraph), which such a table
        // would then confirm. A sentence left out is a bead on its own
        // side, so it shares the statuses of every bead start there.
        let src_starts = [
            start[0][0] + start[0][1] + start_src[0],
            start[1][0] + start[1][1] + start_src[1],
        ];
        let tgt_starts = [
            start[0][0] + start[1][0] + start_tgt[0],
            start[0][1] + start[1][1] + start_tgt[1],
        ];
        ParaModel {
            start: joint,
            start_src: side(src_starts, ps),
            start_tgt: side(tgt_starts, pt),
            inside_src: side(inside[0], ps),
            inside_tgt: side(inside[1], pt),
        }
    }
}

/// Per-document tables that make a bead's paragraph cost O(1): the marks of
/// both sides and prefix sums of the inside costs.
#[derive(Clone, Debug)]
pub struct ParaCosts<'a> {
    src: &'a [bool],
    tgt: &'a [bool],
    /// `src_inside[k]`: inside costs of source boundaries `0..k`.
    src_inside: Vec<f32>,
    tgt_inside: Vec<f32>,
    model: &'a ParaModel,
}

impl<'a> ParaCosts<'a> {
    /// Tables for one document; `None` when the model is off or either
    /// side has no marks (coarse levels of the search).
    pub fn new(model: &'a ParaModel, src: &'a [bool], tgt: &'a [bool]) -> Option<ParaCosts<'a>> {
        if model.is_off() || src.is_empty() || tgt.is_empty() {
            return None;
        }
        let prefix = |brk: &[bool], c: &[f32; 2]| {
            let mut out = Vec::with_capacity(brk.len() + 1);
            let mut acc = 0f32;
            out.push(0.0);
            for &b in brk {
                acc += c[usize::from(b)];
                out.push(acc);
            }
            out
        };
        Some(ParaCosts {
            src,
            tgt,
            src_inside: prefix(src, &model.inside_src),
            tgt_inside: prefix(tgt, &model.inside_tgt),
            model,
        })
    }

    /// The source part of the cost of an `a-b` bead at source unit `i0`
    /// (`a ≥ 1`): which row of the start table applies, and its inside
    /// boundaries.
    #[inline]
    pub fn src_part(&self, i0: usize, a: usize) -> (usize, f32) {
        (status(self.src, i0), inside(&self.src_inside, i0, a))
    }

    /// Cost of a bead with both sides non-empty, given its [`src_part`](Self::src_part).
    #[inline]
    pub fn cost_with(&self, src: (usize, f32), j0: usize, b: usize) -> f32 {
        self.model.start[src.0][status(self.tgt, j0)] + src.1 + inside(&self.tgt_inside, j0, b)
    }

    /// Cost of bead `a-b` at `(i0, j0)`.
    #[inline]
    pub fn cost(&self, i0: usize, j0: usize, a: usize, b: usize) -> f32 {
        match (a, b) {
            (0, 0) => 0.0,
            // Summed left to right, start first (as the search has always
            // summed them: the order shows in the last bits).
            (0, _) => {
                self.model.start_tgt[status(self.tgt, j0)] + self.tgt_inside[j0 + b]
                    - self.tgt_inside[j0 + 1]
            }
            (_, 0) => {
                self.model.start_src[status(self.src, i0)] + self.src_inside[i0 + a]
                    - self.src_inside[i0 + 1]
            }
            _ => self.cost_with(self.src_part(i0, a), j0, b),
        }
    }
}

/// The inside costs of a block of `len ≥ 1` units from `k0` (boundaries
/// `k0 + 1..k0 + len`), from their prefix sums.
#[inline]
fn inside(prefix: &[f32], k0: usize, len: usize) -> f32 {
    prefix[k0 + len] - prefix[k0 + 1]
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

    /// Source: one sentence per paragraph. Target: paragraphs of two
    /// sentences, each the translation of one source sentence.
    fn split_paragraphs(n: usize) -> (Vec<bool>, Vec<bool>, Vec<PathBead>) {
        let src = vec![true; n];
        let tgt: Vec<bool> = (0..2 * n).map(|k| k % 2 == 0).collect();
        let path = (0..n).map(|k| bead(k, 2 * k, 1, 2)).collect();
        (src, tgt, path)
    }

    #[test]
    fn no_marks_means_no_evidence() {
        let path: Vec<PathBead> = (0..50).map(|k| bead(k, k, 1, 1)).collect();
        let brk = vec![true; 50];
        let m = ParaModel::estimate([(&brk[..], &brk[..], &path[..])]);
        assert!(m.is_off(), "{m:?}");
        assert!(ParaCosts::new(&m, &brk, &brk).is_none());
    }

    #[test]
    fn a_bead_across_a_break_or_starting_mid_paragraph_costs_more() {
        let (src, tgt, path) = split_paragraphs(60);
        let m = ParaModel::estimate([(&src[..], &tgt[..], &path[..])]);
        let c = ParaCosts::new(&m, &src, &tgt).unwrap();
        // The right bead is favoured, the shifted ones are not.
        let right = c.cost(3, 6, 1, 2);
        assert!(right < 0.0, "{m:?}");
        assert!(
            c.cost(3, 7, 1, 2) > right + 2.0,
            "starts mid-paragraph, ends across a break"
        );
        assert!(c.cost(3, 6, 1, 3) > right + 2.0, "runs across a break");
        assert!(
            c.cost(3, 6, 1, 1) > right,
            "ends mid-paragraph (the next bead starts there)"
        );
        // The split of one paragraph into its sentences is what the
        // model has seen inside beads.
        assert!(m.inside_tgt[0] < 0.0 && m.inside_tgt[1] > 0.0, "{m:?}");
    }

    /// An omission or insertion mid-paragraph costs what any bead starting
    /// there costs on its side, even where the paths hold none to learn
    /// from (a wrong one learned from a first pass would confirm itself).
    #[test]
    fn a_sentence_left_out_mid_paragraph_is_a_bead_starting_there() {
        let (src, tgt, path) = split_paragraphs(60);
        let m = ParaModel::estimate([(&src[..], &tgt[..], &path[..])]);
        assert!(m.start_tgt[0] > 2.0 && m.start_tgt[1] < 0.0, "{m:?}");
        let c = ParaCosts::new(&m, &src, &tgt).unwrap();
        assert!(c.cost(3, 7, 0, 1) > c.cost(3, 6, 0, 1) + 2.0);
    }

    #[test]
    fn the_cost_is_the_sum_over_the_bead_boundaries() {
        let (src, tgt, path) = split_paragraphs(20);
        let m = ParaModel::estimate([(&src[..], &tgt[..], &path[..])]);
        let c = ParaCosts::new(&m, &src, &tgt).unwrap();
        for (i0, j0, a, b) in [
            (2, 3, 2, 3),
            (0, 0, 1, 1),
            (5, 9, 0, 1),
            (5, 9, 1, 0),
            (4, 1, 3, 1),
        ] {
            let s = usize::from(src[i0]);
            let t = usize::from(tgt[j0]);
            let mut want = match (a, b) {
                (0, _) => m.start_tgt[t],
                (_, 0) => m.start_src[s],
                _ => m.start[s][t],
            };
            for &brk in &src[i0 + 1..i0 + a.max(1)] {
                want += m.inside_src[usize::from(brk)];
            }
            for &brk in &tgt[j0 + 1..j0 + b.max(1)] {
                want += m.inside_tgt[usize::from(brk)];
            }
            let got = c.cost(i0, j0, a, b);
            assert!(
                (got - want).abs() < 1e-5,
                "({i0},{j0},{a},{b}): {got} vs {want}"
            );
        }
    }
}
