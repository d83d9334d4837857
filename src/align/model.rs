//! Corpus models: what the passes learn from a corpus, kept in a file so
//! that a document aligned alone aligns as it would inside its corpus.
//!
//! wasl learns its parameters from the run (see [`super`]): the length
//! variance `s²`, the bead-type priors `P(a, b)`, the map from lexical
//! similarity to log-likelihood ratio, the paragraph model, and a
//! word-translation lexicon (IBM Model 1 on confident beads). A run over a
//! corpus learns them well; a 15-sentence news article aligned alone (a
//! stream record, a Spark partition) learns almost nothing and pays for
//! passes that cannot help. A [`CorpusModel`] holds the final estimates of
//! a run (`wasl learn`); an aligner given one starts from them instead of
//! generic values and, by default, aligns in one pass:
//!
//! ```text
//!     s², P(a, b), LLRₗₑₓ, paragraph costs, lexicon   ← the model
//!     c (length ratio), target length marginal         ← the document
//!     P(a, b) · (k_doc / k_corpus)^(b − a)             k = target/source sentences
//! ```
//!
//! The length ratio stays the document's own (its total lengths say it
//! well even for a few sentences), and the bead prior is tilted by how far
//! the document's sentence-count ratio departs from the corpus's, as the
//! generic prior is (a document with more target sentences has more 1-2
//! beads).
//!
//! The file is JSON, one object, so a person can read it (`wasl model
//! show` prints its summary): `format` = `"wasl-model"` and `version`
//! come first, then the language pair, what it was learned from, the
//! parameters, and the lexicon. A file of a newer version, or one that is
//! broken in any way (bad JSON, a missing field, a NaN, a probability out
//! of range), is refused whole with an error that says what is wrong:
//! never half-read.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::boundary::BoundaryModel;
use super::dp::{LexModel, Params};
use super::embedding::EmbedMap;
use super::length::LengthModel;
use super::lexicon::Lexicon;
use super::paragraph::ParaModel;
use crate::error::{Error, Result};
use crate::lang::Lang;

/// The name in every model file's `format` field.
pub const FORMAT: &str = "wasl-model";

/// The version of the file format this wasl writes and the newest it reads.
pub const VERSION: u32 = 1;

/// What a corpus taught: the parameters of the last pass over it.
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusModel {
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    pub learned_from: Provenance,
    /// Source and target lengths `(l₁, l₂)` of the corpus's confident
    /// beads, a few thousand at most: the corpus's length variance `s²` is
    /// measured on them at its ratio (see
    /// [`LengthModel::with_variance_from`]).
    pub length_sample: Vec<(f64, f64)>,
    /// Target characters per source character over the corpus (each
    /// document aligns at its own; see [`CorpusModel::params_for`]).
    pub length_ratio: f64,
    /// The sample's variance at the corpus's ratio
    /// ([`CorpusModel::variance_at_ratio`]), worked out once when the
    /// model is made or read rather than for every document.
    pub length_variance: f64,
    /// Target sentences per source sentence over the corpus.
    pub sentence_ratio: f64,
    /// Bead shapes `(a, b)` with their probabilities (summing to 1).
    pub types: Vec<(usize, usize, f64)>,
    /// The similarity → log-likelihood-ratio map.
    pub lex: LexModel,
    pub para: ParaModel,
    /// Word translations: the lexicon learned from the corpus, merged with
    /// the dictionary the model was learned with, if any.
    pub lexicon: Lexicon,
    /// Whether the learned lexicon passed its held-out test (the aligner
    /// then keeps learning one in later passes, as in the run itself).
    pub lexicon_trusted: bool,
    /// The embedding similarity → LLR map, when the corpus was aligned
    /// with embeddings (the embeddings themselves belong to each
    /// document). Older model files have none.
    pub embedding: Option<EmbedMap>,
    /// The maps of the evidence against bead boundaries, when the corpus
    /// was aligned with embeddings (see [`super::boundary`]).
    pub boundary: Option<BoundaryModel>,
}

/// What a model was learned from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The wasl that learned it.
    pub wasl_version: String,
    pub documents: usize,
    pub src_sentences: usize,
    pub tgt_sentences: usize,
    /// Beads of the last pass.
    pub beads: usize,
    /// Passes run after the first.
    pub passes: usize,
    /// The held-out test of the learned lexicon, when one was run.
    pub lexicon_test: Option<LexiconTest>,
    /// The dictionary whose evidence is in the lexicon (its path as given).
    pub dictionary: Option<String>,
}

/// The learned lexicon's held-out sign test (see `learn_lexicon`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LexiconTest {
    pub pairs: usize,
    pub wins: usize,
    pub losses: usize,
    pub z: f64,
}

impl CorpusModel {
    /// The parameters a document starts from: the model's, with the
    /// document's own length ratio and target-length marginal and the bead
    /// prior tilted by its sentence-count ratio. Shapes over `max_bead`
    /// are left out.
    pub(crate) fn params_for(&self, src_lens: &[f32], tgt_lens: &[f32], max_bead: usize) -> Params {
        // The document's own ratio, and the corpus's variance scaled to
        // it (a variance per source character grows with the ratio, as
        // the generic one does). The variance is measured at the corpus's
        // ratio, where the sample was drawn, not at the document's: a
        // document whose ratio is off the corpus's (an omission in 15
        // sentences moves it by a tenth) would otherwise count that
        // offset, times every sample bead's length, as translation noise
        // and trust lengths less than its corpus does (on NTREX perturbed,
        // a variance of 4.2 for a document whose corpus has 3.4; strict
        // F1 0.967 → 0.971 aligned alone with the model).
        let own = LengthModel::initial(src_lens, tgt_lens);
        let length = LengthModel {
            variance: self.length_variance * own.ratio / self.length_ratio.max(1e-9),
            ..own
        };
        let (n, m) = (src_lens.len().max(1) as f64, tgt_lens.len().max(1) as f64);
        let tilt = ((m / n) / self.sentence_ratio.max(1e-3)).clamp(0.2, 5.0);
        let weights: Vec<((usize, usize), f64)> = self
            .types
            .iter()
            .filter(|&&(a, b, _)| a <= max_bead && b <= max_bead)
            .map(|&(a, b, p)| ((a, b), p * tilt.powi(b as i32 - a as i32)))
            .collect();
        Params {
            length,
            types: super::priors(&weights),
            lex: self.lex.clone(),
            para: self.para.clone(),
            emb: self.embedding.clone(),
            emb_merge: None,
            boundary: self.boundary.clone(),
        }
    }

    /// The length variance of `sample` measured at `ratio`, the corpus's:
    /// the spread of its translation, per source character.
    pub fn variance_at_ratio(sample: &[(f64, f64)], ratio: f64) -> f64 {
        LengthModel::initial(&[1.0], &[ratio as f32])
            .with_variance_from(sample)
            .variance
    }

    /// Refuses a model for another language pair than `src` → `tgt`.
    pub fn check_pair(&self, src: &Lang, tgt: &Lang, path: &Path) -> Result<()> {
        if self.src_lang.primary() == src.primary() && self.tgt_lang.primary() == tgt.primary() {
            return Ok(());
        }
        Err(Error::Model {
            path: path.to_path_buf(),
            message: format!(
                "the model is for {} → {} ({} → {}), not {} → {}{}",
                self.src_lang.name(),
                self.tgt_lang.name(),
                self.src_lang,
                self.tgt_lang,
                src.name(),
                tgt.name(),
                if self.src_lang.primary() == tgt.primary()
                    && self.tgt_lang.primary() == src.primary()
                {
                    "; learn one the other way round, or swap the inputs and languages"
                } else {
                    ""
                }
            ),
        })
    }

    /// Writes the model as JSON (atomically, never over an input).
    pub fn write(&self, path: &Path) -> Result<()> {
        let file = ModelFile::from(self);
        crate::write::write_atomically(path, |w| {
            serde_json::to_writer_pretty(&mut *w, &file).map_err(std::io::Error::other)?;
            w.write_all(b"\n")
        })
    }

    /// Reads and checks a model file.
    pub fn read(path: &Path) -> Result<CorpusModel> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        CorpusModel::from_json(&bytes, path)
    }

    /// Parses and checks a model from its JSON bytes; `path` names it in
    /// errors.
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<CorpusModel> {
        let fail = |message: String| Error::Model {
            path: path.to_path_buf(),
            message,
        };
        // The header first, so that a newer file is named as such rather
        // than as a file with unknown fields.
        let header: Header = serde_json::from_slice(bytes)
            .map_err(|e| fail(format!("not a wasl model file (bad JSON: {e})")))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(fail(format!(
                "not a wasl model file (its \"format\" is {}, not \"{FORMAT}\")",
                header
                    .format
                    .map_or("missing".to_string(), |f| format!("{f:?}"))
            )));
        }
        match header.version {
            Some(v) if v > VERSION => {
                return Err(fail(format!(
                    "made by a newer wasl (model format version {v}; this wasl reads up to \
                     {VERSION}): upgrade wasl, or learn the model again with this one"
                )))
            }
            Some(v) if v >= 1 => {}
            other => return Err(fail(format!("bad format version {other:?}"))),
        }
        let file: ModelFile =
            serde_json::from_slice(bytes).map_err(|e| fail(format!("broken model file: {e}")))?;
        file.into_model().map_err(fail)
    }

    /// A human summary: what `wasl model show` prints.
    pub fn summary(&self) -> String {
        let p = &self.learned_from;
        let mut s = String::new();
        let mut line = |k: &str, v: String| {
            s += &format!("{k:<22}{v}\n");
        };
        line("format", format!("{FORMAT} version {VERSION}"));
        line(
            "language pair",
            format!(
                "{} → {} ({} → {})",
                self.src_lang,
                self.tgt_lang,
                self.src_lang.name(),
                self.tgt_lang.name()
            ),
        );
        line("learned by", format!("wasl {}", p.wasl_version));
        line(
            "learned from",
            format!(
                "{} documents, {} + {} sentences, {} beads, {} passes",
                p.documents, p.src_sentences, p.tgt_sentences, p.beads, p.passes
            ),
        );
        line(
            "dictionary",
            p.dictionary.clone().unwrap_or_else(|| "none".into()),
        );
        line(
            "lexicon",
            format!(
                "{} source stems, {} translations{}",
                self.lexicon.len(),
                self.lexicon.entries().map(|(_, t)| t.len()).sum::<usize>(),
                match &p.lexicon_test {
                    Some(t) => format!(
                        "; held-out test: {} pairs, {} wins, {} losses, z = {:.1} ({})",
                        t.pairs,
                        t.wins,
                        t.losses,
                        t.z,
                        if self.lexicon_trusted {
                            "learned lexicon used"
                        } else {
                            "learned lexicon not used"
                        }
                    ),
                    None => String::new(),
                }
            ),
        );
        line(
            "length",
            format!(
                "ratio {:.3} target/source characters, variance {:.2} per source character \
                 at that ratio ({} beads)",
                self.length_ratio,
                self.length_variance,
                self.length_sample.len()
            ),
        );
        line(
            "sentences",
            format!("{:.3} target per source sentence", self.sentence_ratio),
        );
        let mut types = self.types.clone();
        types.sort_by(|x, y| y.2.total_cmp(&x.2));
        line(
            "bead priors",
            types
                .iter()
                .take(8)
                .map(|(a, b, p)| format!("{a}-{b} {p:.4}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        line(
            "similarity LLR",
            self.lex
                .points
                .iter()
                .map(|x| format!("{x:.2}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        let map = |e: &EmbedMap| {
            format!(
                "cosine {:.3} to {:.3}: {}",
                e.lo,
                e.hi,
                e.points
                    .iter()
                    .map(|x| format!("{x:.2}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        };
        if let Some(e) = &self.embedding {
            line("embedding LLR", map(e));
        }
        if let Some(b) = &self.boundary {
            if let Some(e) = &b.lex {
                line("boundary LLR, lexical", map(e));
            }
            if let Some(e) = &b.emb {
                line("boundary LLR, embeddings", map(e));
            }
        }
        line(
            "paragraphs",
            if self.para.is_off() {
                "no evidence".to_string()
            } else {
                format!("{:?}", self.para)
            },
        );
        s
    }
}

/// The fields read first, to tell a newer or foreign file from a broken one.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

/// The file's layout. Field order is the order a reader meets them.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    format: String,
    version: u32,
    src_lang: String,
    tgt_lang: String,
    learned_from: Provenance,
    length: LengthFile,
    sentence_ratio: f64,
    /// `"a-b"` → probability.
    bead_priors: BTreeMap<String, f64>,
    /// LLR at evenly spaced cosines 0..=1.
    similarity_llr: Vec<f32>,
    paragraphs: ParaFile,
    lexicon_trusted: bool,
    /// The embedding map, when learned with embeddings (absent from files
    /// learned without, and from older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    embedding_llr: Option<EmbedFile>,
    /// The maps against bead boundaries (lexical and embedding cosine of
    /// the sentence pairs across a boundary), when learned with
    /// embeddings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    boundary_llr: Option<BoundaryFile>,
    /// Source stem → `[target stem, probability]`, sorted.
    lexicon: BTreeMap<String, Vec<(String, f32)>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LengthFile {
    ratio: f64,
    /// `[source length, target length]` of confident beads.
    sample: Vec<(f32, f32)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbedFile {
    /// Cosines from `lo` to `hi`, evenly spaced, and the LLR at each.
    lo: f32,
    hi: f32,
    points: Vec<f32>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoundaryFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lexical: Option<EmbedFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    embedding: Option<EmbedFile>,
}

impl EmbedFile {
    fn of(e: &EmbedMap) -> EmbedFile {
        EmbedFile {
            lo: e.lo,
            hi: e.hi,
            points: e.points.clone(),
        }
    }

    /// The map, checked; `field` names it in the error.
    fn map(self, field: &str) -> std::result::Result<EmbedMap, String> {
        let map = EmbedMap {
            lo: self.lo,
            hi: self.hi,
            points: self.points,
        };
        if !map.is_valid() {
            return Err(format!(
                "{field}: want lo < hi and at least two finite points"
            ));
        }
        Ok(map)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ParaFile {
    start: [[f32; 2]; 2],
    start_src: [f32; 2],
    start_tgt: [f32; 2],
    inside_src: [f32; 2],
    inside_tgt: [f32; 2],
}

impl From<&CorpusModel> for ModelFile {
    fn from(m: &CorpusModel) -> ModelFile {
        let mut lexicon = BTreeMap::new();
        for (s, ts) in m.lexicon.entries() {
            let mut ts = ts.to_vec();
            ts.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            lexicon.insert(s.to_string(), ts);
        }
        ModelFile {
            format: FORMAT.into(),
            version: VERSION,
            src_lang: m.src_lang.tag().into(),
            tgt_lang: m.tgt_lang.tag().into(),
            learned_from: m.learned_from.clone(),
            length: LengthFile {
                ratio: m.length_ratio,
                sample: m
                    .length_sample
                    .iter()
                    .map(|&(a, b)| (a as f32, b as f32))
                    .collect(),
            },
            sentence_ratio: m.sentence_ratio,
            bead_priors: m
                .types
                .iter()
                .map(|&(a, b, p)| (format!("{a}-{b}"), p))
                .collect(),
            similarity_llr: m.lex.points.clone(),
            paragraphs: ParaFile {
                start: m.para.start,
                start_src: m.para.start_src,
                start_tgt: m.para.start_tgt,
                inside_src: m.para.inside_src,
                inside_tgt: m.para.inside_tgt,
            },
            lexicon_trusted: m.lexicon_trusted,
            embedding_llr: m.embedding.as_ref().map(EmbedFile::of),
            boundary_llr: m.boundary.as_ref().map(|b| BoundaryFile {
                lexical: b.lex.as_ref().map(EmbedFile::of),
                embedding: b.emb.as_ref().map(EmbedFile::of),
            }),
            lexicon,
        }
    }
}

impl ModelFile {
    /// The model, every value checked: a file that fails any check is
    /// refused whole.
    fn into_model(self) -> std::result::Result<CorpusModel, String> {
        let lang = |tag: &str, field: &str| Lang::parse(tag).map_err(|e| format!("{field}: {e}"));
        let src_lang = lang(&self.src_lang, "src_lang")?;
        let tgt_lang = lang(&self.tgt_lang, "tgt_lang")?;
        let positive = |x: f64, field: &str| {
            if x.is_finite() && x > 0.0 {
                Ok(x)
            } else {
                Err(format!("{field} must be a positive number, not {x}"))
            }
        };
        let length_sample: Vec<(f64, f64)> = self
            .length
            .sample
            .iter()
            .map(|&(a, b)| (a as f64, b as f64))
            .collect();
        if length_sample
            .iter()
            .any(|&(a, b)| !(a.is_finite() && b.is_finite() && a >= 0.0 && b >= 0.0))
        {
            return Err("length.sample: lengths must be finite and not negative".into());
        }
        let length_ratio = positive(self.length.ratio, "length.ratio")?;
        let sentence_ratio = positive(self.sentence_ratio, "sentence_ratio")?;
        let mut types = Vec::new();
        for (shape, p) in &self.bead_priors {
            let parsed = shape
                .split_once('-')
                .and_then(|(a, b)| Some((a.parse::<usize>().ok()?, b.parse::<usize>().ok()?)));
            let Some((a, b)) = parsed.filter(|&(a, b)| a + b > 0 && a <= 64 && b <= 64) else {
                return Err(format!(
                    "bead_priors: {shape:?} is not a bead shape like \"1-2\""
                ));
            };
            if !(p.is_finite() && *p > 0.0 && *p <= 1.0) {
                return Err(format!("bead_priors: {shape} has probability {p}"));
            }
            types.push((a, b, *p));
        }
        if !types.iter().any(|&(a, b, _)| (a, b) == (1, 1)) {
            return Err("bead_priors: no 1-1 beads".into());
        }
        let total: f64 = types.iter().map(|t| t.2).sum();
        if (total - 1.0).abs() > 1e-3 {
            return Err(format!("bead_priors sum to {total}, not 1"));
        }
        let points = self.similarity_llr;
        if points.len() < 2 || points.iter().any(|x| !x.is_finite()) {
            return Err("similarity_llr: at least two finite numbers are needed".into());
        }
        let p = &self.paragraphs;
        let para_values = p
            .start
            .iter()
            .flatten()
            .chain(&p.start_src)
            .chain(&p.start_tgt)
            .chain(&p.inside_src)
            .chain(&p.inside_tgt);
        if para_values.into_iter().any(|x| !x.is_finite()) {
            return Err("paragraphs: a cost is not a finite number".into());
        }
        let embedding = self
            .embedding_llr
            .map(|e| e.map("embedding_llr"))
            .transpose()?;
        let boundary = match self.boundary_llr {
            Some(b) => Some(BoundaryModel {
                lex: b
                    .lexical
                    .map(|e| e.map("boundary_llr.lexical"))
                    .transpose()?,
                emb: b
                    .embedding
                    .map(|e| e.map("boundary_llr.embedding"))
                    .transpose()?,
            }),
            None => None,
        };
        let mut lexicon = Lexicon::new();
        for (s, ts) in &self.lexicon {
            for (t, p) in ts {
                if !(p.is_finite() && (0.0..=1.0).contains(p)) {
                    return Err(format!("lexicon: {s:?} → {t:?} has probability {p}"));
                }
                lexicon.insert(s, t, *p);
            }
        }
        Ok(CorpusModel {
            src_lang,
            tgt_lang,
            learned_from: self.learned_from,
            length_variance: CorpusModel::variance_at_ratio(&length_sample, length_ratio),
            length_sample,
            length_ratio,
            sentence_ratio,
            types,
            lex: LexModel { points },
            para: ParaModel {
                start: p.start,
                start_src: p.start_src,
                start_tgt: p.start_tgt,
                inside_src: p.inside_src,
                inside_tgt: p.inside_tgt,
            },
            lexicon,
            lexicon_trusted: self.lexicon_trusted,
            embedding,
            boundary,
        })
    }
}
