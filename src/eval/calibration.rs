//! Calibration: does a score of 0.9 mean "right nine times in ten"?
//!
//! A score ranks beads; a *calibrated* score is also a probability, so a
//! user who keeps the beads scored 0.9 or more gets pairs that are right
//! at least nine times in ten. This module measures how far an alignment's
//! scores are from that, against gold, the way the calibration literature
//! does (Guo et al. 2017, "On Calibration of Modern Neural Networks"):
//!
//! - the beads judged are the distinct test links with ids on both sides
//!   (a null link is an omission, not a pair anyone filters on), and a bead
//!   is *correct* when gold holds the identical link (a strict hit, as in
//!   [`crate::eval`]);
//! - a **reliability table** puts them in 10 equal-width score bins,
//!   `[0, 0.1)`, `[0.1, 0.2)`, …, `[0.9, 1]`, with each bin's bead count,
//!   mean score and share correct;
//! - the **expected calibration error** is the bead-weighted mean gap
//!   between a bin's mean score and its share correct,
//!   `ECE = Σ_b (n_b / N) · |correct_b / n_b − mean score_b|
//!        = (1 / N) · Σ_b |correct_b − Σ_{i ∈ b} score_i|`;
//! - at each threshold `t` of [`THRESHOLDS`], the beads scored `≥ t` (what
//!   `wasl align --min-score t` keeps): how many, their **precision** (share
//!   correct) and their **yield** (correct beads kept over the distinct
//!   non-null gold links, the strict recall of the filtered alignment: how
//!   much of the true translation pairs the filter keeps).
//!
//! Counts are kept per document and summed, so a folder is micro-averaged
//! as the precision and recall are. Scores are compared as written in the
//! bead file (four decimals), so a bead that reads `0.9000` counts at 0.9.

use std::collections::HashSet;
use std::fmt;
use std::ops::{Add, AddAssign};

use serde::Serialize;

use super::Link;

/// Number of equal-width score bins.
pub const BINS: usize = 10;

/// The thresholds precision and yield are reported at.
pub const THRESHOLDS: [f64; 4] = [0.5, 0.8, 0.9, 0.95];

/// A test link with the score its bead file gave it, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredLink {
    pub link: Link,
    /// The number after the second `:`, when there is one that parses;
    /// any value, checked for [0, 1] only when calibration is measured.
    pub score: Option<f64>,
}

/// The bin of a score in [0, 1]: `k` for `[k/10, (k+1)/10)`, and the last
/// bin for 1. Compared against the edges `k / 10` rather than computed as
/// `floor(10 s)`, so that a score of exactly 0.7 lands where the threshold
/// `≥ 0.7` puts it (`0.7 * 10.0` need not be 7 in binary).
pub fn bin_of(score: f64) -> usize {
    (1..BINS)
        .filter(|&k| score >= k as f64 / BINS as f64)
        .count()
}

/// One bin's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct BinCounts {
    pub beads: usize,
    pub correct: usize,
    /// Sum of the beads' scores (the mean is this over `beads`).
    pub score_sum: f64,
}

/// Beads at or above one threshold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ThresholdCounts {
    pub beads: usize,
    pub correct: usize,
}

/// What calibration is measured from, for one document or, summed, a set.
/// Counts rather than ratios, so that summing is micro-averaging.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CalibrationCounts {
    pub bins: [BinCounts; BINS],
    /// One entry per [`THRESHOLDS`] value, in its order.
    pub at: [ThresholdCounts; THRESHOLDS.len()],
    /// Distinct non-null gold links: what yield is a share of.
    pub gold_links: usize,
    /// Test links with ids on both sides but no score (left out).
    pub unscored: usize,
    /// Test links whose score is not a number in [0, 1]: such scores are
    /// not probabilities (Vecalign writes costs there), so a set that has
    /// any gets no calibration report.
    pub out_of_range: usize,
}

impl CalibrationCounts {
    /// The counts of one document: `test`'s distinct non-null links
    /// (the first score of a repeated link counts) judged against `gold`.
    pub fn document(gold: &[Link], test: &[ScoredLink]) -> CalibrationCounts {
        let gold: HashSet<&Link> = gold.iter().filter(|l| !l.is_empty()).collect();
        let mut counts = CalibrationCounts {
            gold_links: gold.iter().filter(|l| !l.is_null()).count(),
            ..CalibrationCounts::default()
        };
        let mut seen = HashSet::new();
        for t in test {
            if t.link.is_null() || !seen.insert(&t.link) {
                continue;
            }
            let score = match t.score {
                None => {
                    counts.unscored += 1;
                    continue;
                }
                Some(s) if !(0.0..=1.0).contains(&s) => {
                    // NaN fails `contains` too.
                    counts.out_of_range += 1;
                    continue;
                }
                Some(s) => s,
            };
            let correct = usize::from(gold.contains(&t.link));
            let bin = &mut counts.bins[bin_of(score)];
            bin.beads += 1;
            bin.correct += correct;
            bin.score_sum += score;
            for (at, &threshold) in counts.at.iter_mut().zip(&THRESHOLDS) {
                if score >= threshold {
                    at.beads += 1;
                    at.correct += correct;
                }
            }
        }
        counts
    }

    /// Scored beads judged.
    pub fn beads(&self) -> usize {
        self.bins.iter().map(|b| b.beads).sum()
    }

    /// The report, or why there is none.
    pub fn report(&self) -> Result<Calibration, NotAvailable> {
        if self.out_of_range > 0 {
            return Err(NotAvailable::OutOfRange(self.out_of_range));
        }
        let beads = self.beads();
        if beads == 0 {
            return Err(NotAvailable::NoScores);
        }
        let correct: usize = self.bins.iter().map(|b| b.correct).sum();
        let gap: f64 = self
            .bins
            .iter()
            .map(|b| (b.correct as f64 - b.score_sum).abs())
            .sum();
        let bins = self
            .bins
            .iter()
            .enumerate()
            .map(|(k, b)| Bin {
                lower: k as f64 / BINS as f64,
                upper: (k + 1) as f64 / BINS as f64,
                beads: b.beads,
                correct: b.correct,
                mean_score: share(b.score_sum, b.beads),
                share_correct: share(b.correct as f64, b.beads),
            })
            .collect();
        let thresholds = self
            .at
            .iter()
            .zip(THRESHOLDS)
            .map(|(a, threshold)| AtThreshold {
                threshold,
                beads: a.beads,
                share_of_beads: a.beads as f64 / beads as f64,
                correct: a.correct,
                precision: share(a.correct as f64, a.beads),
                yield_: share(a.correct as f64, self.gold_links).unwrap_or(0.0),
            })
            .collect();
        Ok(Calibration {
            beads,
            correct,
            unscored: self.unscored,
            gold_links: self.gold_links,
            ece: gap / beads as f64,
            bins,
            thresholds,
        })
    }
}

/// `a / n`, or `None` for an empty bin (a share of nothing is no figure,
/// and 0 would draw a bar that is not there).
fn share(a: f64, n: usize) -> Option<f64> {
    (n > 0).then(|| a / n as f64)
}

impl Add for CalibrationCounts {
    type Output = CalibrationCounts;
    fn add(mut self, o: CalibrationCounts) -> CalibrationCounts {
        self += o;
        self
    }
}

impl AddAssign for CalibrationCounts {
    fn add_assign(&mut self, o: CalibrationCounts) {
        for (a, b) in self.bins.iter_mut().zip(o.bins) {
            a.beads += b.beads;
            a.correct += b.correct;
            a.score_sum += b.score_sum;
        }
        for (a, b) in self.at.iter_mut().zip(o.at) {
            a.beads += b.beads;
            a.correct += b.correct;
        }
        self.gold_links += o.gold_links;
        self.unscored += o.unscored;
        self.out_of_range += o.out_of_range;
    }
}

/// Why an alignment has no calibration report. Not an error: gold files,
/// and other aligners' output, often carry no scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotAvailable {
    /// No bead with ids on both sides carries a score.
    NoScores,
    /// This many beads carry a score outside [0, 1].
    OutOfRange(usize),
}

impl fmt::Display for NotAvailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAvailable::NoScores => write!(
                f,
                "no bead with sentences on both sides carries a score (`[i]:[j]:0.93`)"
            ),
            NotAvailable::OutOfRange(n) => write!(
                f,
                "{n} bead{} carry a score outside [0, 1]: the scores are not probabilities",
                if *n == 1 { "" } else { "s" }
            ),
        }
    }
}

/// One row of the reliability table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bin {
    /// The bin is `[lower, upper)`; the last one includes 1.
    pub lower: f64,
    pub upper: f64,
    pub beads: usize,
    pub correct: usize,
    /// `None` for an empty bin.
    pub mean_score: Option<f64>,
    /// `None` for an empty bin.
    pub share_correct: Option<f64>,
}

/// Precision and yield of the beads scored at or above a threshold.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct AtThreshold {
    pub threshold: f64,
    /// Beads kept (score ≥ threshold).
    pub beads: usize,
    /// Beads kept over all scored beads.
    pub share_of_beads: f64,
    /// Kept beads that gold holds.
    pub correct: usize,
    /// `correct / beads`; `None` when nothing is kept.
    pub precision: Option<f64>,
    /// `correct` over the distinct non-null gold links (0 without gold).
    #[serde(rename = "yield")]
    pub yield_: f64,
}

/// The calibration report of an alignment against gold.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    /// Scored beads with ids on both sides, judged.
    pub beads: usize,
    /// Of them, strict hits.
    pub correct: usize,
    /// Beads with ids on both sides but no score, left out.
    pub unscored: usize,
    /// Distinct non-null gold links.
    pub gold_links: usize,
    /// Expected calibration error over [`BINS`] equal-width bins.
    pub ece: f64,
    pub bins: Vec<Bin>,
    pub thresholds: Vec<AtThreshold>,
}

impl Calibration {
    /// Every figure rounded to 4 decimals, as `wasl eval --json` prints.
    pub fn rounded(&self) -> Calibration {
        let r = super::round4;
        Calibration {
            ece: r(self.ece),
            bins: self
                .bins
                .iter()
                .map(|b| Bin {
                    mean_score: b.mean_score.map(r),
                    share_correct: b.share_correct.map(r),
                    ..*b
                })
                .collect(),
            thresholds: self
                .thresholds
                .iter()
                .map(|t| AtThreshold {
                    share_of_beads: r(t.share_of_beads),
                    precision: t.precision.map(r),
                    yield_: r(t.yield_),
                    ..*t
                })
                .collect(),
            ..self.clone()
        }
    }

    /// The report at `threshold`, if it is one of [`THRESHOLDS`].
    pub fn at(&self, threshold: f64) -> Option<&AtThreshold> {
        self.thresholds.iter().find(|t| t.threshold == threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(src: &[usize], tgt: &[usize], score: Option<f64>) -> ScoredLink {
        ScoredLink {
            link: Link::new(src.iter().copied(), tgt.iter().copied()),
            score,
        }
    }

    #[test]
    fn bins_have_their_lower_edge_and_one_is_in_the_last() {
        assert_eq!(bin_of(0.0), 0);
        assert_eq!(bin_of(0.0999), 0);
        assert_eq!(bin_of(0.1), 1);
        assert_eq!(bin_of(0.7), 7);
        assert_eq!(bin_of(0.3), 3);
        assert_eq!(bin_of(0.9), 9);
        assert_eq!(bin_of(1.0), 9);
    }

    #[test]
    fn ece_by_hand() {
        // Bin 9: 0.95 right, 0.95 wrong → mean 0.95, share 0.5, gap 0.45.
        // Bin 2: 0.25 right → gap 0.75. ECE = (2·0.45 + 1·0.75) / 3 = 0.55.
        let gold = [Link::new([0], [0]), Link::new([2], [2]), Link::new([3], [])];
        let test = [
            s(&[0], &[0], Some(0.95)),
            s(&[1], &[1], Some(0.95)),
            s(&[2], &[2], Some(0.25)),
            // Null links are not judged; neither is a repeat.
            s(&[3], &[], Some(0.1)),
            s(&[0], &[0], Some(0.1)),
            s(&[4], &[4], None),
        ];
        let c = CalibrationCounts::document(&gold, &test);
        assert_eq!((c.gold_links, c.unscored), (2, 1));
        let r = c.report().unwrap();
        assert_eq!((r.beads, r.correct), (3, 2));
        assert!((r.ece - 0.55).abs() < 1e-12, "{}", r.ece);
        let at9 = r.at(0.9).unwrap();
        assert_eq!((at9.beads, at9.correct), (2, 1));
        assert_eq!(at9.precision, Some(0.5));
        assert_eq!(at9.yield_, 0.5);
        assert_eq!(r.at(0.5).unwrap().beads, 2);
        assert_eq!(r.bins[5].mean_score, None);
    }

    #[test]
    fn no_scores_or_scores_that_are_not_probabilities() {
        let gold = [Link::new([0], [0])];
        let none = CalibrationCounts::document(&gold, &[s(&[0], &[0], None)]);
        assert_eq!(none.report(), Err(NotAvailable::NoScores));
        let cost = CalibrationCounts::document(&gold, &[s(&[0], &[0], Some(3.5))]);
        assert_eq!(cost.report(), Err(NotAvailable::OutOfRange(1)));
    }

    #[test]
    fn documents_sum_to_a_micro_average() {
        let a = CalibrationCounts::document(&[Link::new([0], [0])], &[s(&[0], &[0], Some(1.0))]);
        let b = CalibrationCounts::document(&[Link::new([0], [0])], &[s(&[0], &[1], Some(1.0))]);
        let r = (a + b).report().unwrap();
        assert_eq!(r.bins[9].share_correct, Some(0.5));
        assert!((r.ece - 0.5).abs() < 1e-12);
        assert_eq!(r.gold_links, 2);
    }
}
