//! Sentence alignment: pairs the sentences of two sides into beads.
//!
//! (Placeholder: the real model — length + anchors + banded DP — replaces
//! this body; the types below are the stable interface.)

pub mod features;
pub mod lexicon;
pub mod translit;

use std::ops::Range;

use crate::segment::Side;

/// A bead: consecutive source sentences paired with consecutive target
/// sentences. Either side may be empty (an omission or insertion).
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// Confidence in [0, 1] that the bead is right.
    pub score: f64,
}

impl Bead {
    /// The bead type as `m-n` (`1-1`, `2-1`, `0-1`, …).
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// The alignment of one document pair: beads in order, covering every
/// sentence of both sides exactly once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    pub beads: Vec<Bead>,
}

/// Settings of the aligner.
#[derive(Clone, Debug, Default)]
pub struct Config {}

/// The aligner.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    pub config: Config,
}

impl Aligner {
    /// An aligner with default settings.
    pub fn new(config: Config) -> Aligner {
        Aligner { config }
    }

    /// Aligns one document pair.
    pub fn align(&self, src: &Side, tgt: &Side) -> Alignment {
        let (n, m) = (src.len(), tgt.len());
        let k = n.min(m);
        let mut beads: Vec<Bead> = (0..k)
            .map(|i| Bead {
                src: i..i + 1,
                tgt: i..i + 1,
                score: 0.5,
            })
            .collect();
        beads.extend((k..n).map(|i| Bead {
            src: i..i + 1,
            tgt: m..m,
            score: 0.5,
        }));
        beads.extend((k..m).map(|j| Bead {
            src: n..n,
            tgt: j..j + 1,
            score: 0.5,
        }));
        Alignment { beads }
    }

    /// Aligns many document pairs in parallel.
    pub fn align_batch(&self, pairs: &[(Side, Side)]) -> Vec<Alignment> {
        use rayon::prelude::*;
        pairs.par_iter().map(|(s, t)| self.align(s, t)).collect()
    }
}
