//! wasl — a fast, accurate bilingual sentence aligner.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`input`]: read text (UTF-8, UTF-16 or a legacy encoding,
//!    [`encoding`]), find paragraphs and the language sections of a
//!    bilingual file, and check each side is in its declared language
//!    ([`langcheck`]); read the user's sentence embeddings, if any
//!    ([`npy`]);
//! 2. [`segment`]: split each side into sentences (byte spans);
//! 3. [`align`]: pair the sentences into beads, starting from generic
//!    values or from a corpus model ([`align::model`]: what a run over a
//!    corpus learned, so a document aligned alone aligns as it would
//!    inside its corpus), each scored by its posterior probability
//!    ([`align::posterior`]);
//! 4. [`write`]: write the pairs as CSV, TMX, beads, line-aligned text,
//!    JSON Lines or an HTML review page, never over an input
//!    ([`write::file`]); the pair formats can keep only the pairs scored
//!    at least a minimum ([`write::meets_min_score`]);
//!
//! and [`eval`] scores alignments against gold, and the scores' calibration
//! ([`eval::calibration`], drawn by [`write::reliability`]); [`stream`]
//! runs the pipeline record by record for GNU parallel and Spark; [`bench`]
//! measures aligners (wasl and others) on the same workloads.

// The workload generator of `benches/support/` is compiled into
// [`bench::workload`] as it is, and it names this crate `wasl::`, as code
// outside the crate does.
extern crate self as wasl;

pub mod align;
pub mod bench;
pub mod dict;
pub mod encoding;
pub mod error;
pub mod eval;
pub mod input;
pub mod lang;
pub mod langcheck;
pub mod npy;
pub mod segment;
pub mod stream;
pub mod write;

pub use align::{Aligner, Alignment, Bead};
pub use error::{Error, Result};
pub use input::Document;
pub use lang::Lang;
pub use segment::{Sentence, Side};

/// The sample news articles in `data/`, in file-name order: real text for
/// the library's unit tests.
#[cfg(test)]
pub(crate) fn sample_articles() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}
