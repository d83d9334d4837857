//! Sentence alignment: pairs the sentences of two sides into scored beads.
//!
//! The model (details in each submodule):
//!
//! ```text
//!     cost(bead) = −ln P(a, b)            bead-type prior          (estimated)
//!                − LLRₗₑₙ(l₁, l₂)          Gale–Church length model  (length)
//!                − LLRₗₑₓ(cos(S, T))       lexical evidence          (features)
//!                − LLRₑₘ(cos(ΣeS, ΣeT))   sentence embeddings       (embedding)
//! ```
//!
//! (the last only when the user gives embeddings: see
//! [`Aligner::align_batch_embedded`]; a block's own embedding, when the
//! user embedded the blocks `wasl overlaps` lists, in place of the sum,
//! with a merge-gain term for beads of several sentences)
//!
//! minimised over all monotone paths by dynamic programming ([`dp`]),
//! exactly for small documents and coarse-to-fine in a band for long ones
//! ([`search`]).
//!
//! Nothing in the model is fixed to a language pair or a document: the
//! aligner works in passes, Viterbi-EM style. A first pass with generic
//! starting values gives a path; from the paths of *all* documents in the
//! run it re-estimates the length variance, the bead-type priors and the
//! mappings from lexical and embedding similarity to likelihood ratio
//! (aligned beads against shifted, unrelated pairs), learns a word-translation lexicon with
//! IBM Model 1 from the confident 1-1 beads ([`lexicon`]), and aligns again.
//!
//! What the last pass estimated can be kept as a corpus model
//! ([`model`], `wasl learn`): an aligner given one starts from it instead
//! of generic values and, by default, aligns in that one pass.
//!
//! Each bead's score is its posterior probability ([`posterior`]): the
//! costs define a distribution over all paths, and forward–backward over
//! the search's lattice gives each bead the mass of the paths through it.
//! [`Decode::Posterior`] writes the path of most expected-right beads
//! instead of the most probable one.

pub mod boundary;
pub mod dp;
pub mod embedding;
pub mod features;
pub mod length;
pub mod lexicon;
pub mod model;
pub mod paragraph;
pub mod posterior;
pub mod search;
pub mod translit;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use self::dp::{BeadType, LexModel, Params, PathBead, Units};
use self::embedding::{EmbedMap, Embeddings, Rows};
use self::features::SparseVec;
use self::length::LengthModel;
use self::lexicon::Lexicon;
use self::model::{CorpusModel, LexiconTest, Provenance};
use self::paragraph::ParaModel;
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
#[derive(Clone, Debug)]
pub struct Config {
    /// Largest number of sentences on one side of a bead (the other side
    /// then has one). Literary translation splits one Arabic clause into as
    /// many as eight English sentences.
    pub max_bead: usize,
    /// Re-estimation passes after the first (0: generic values only).
    pub passes: usize,
    /// Learn a word-translation lexicon from the input (IBM Model 1).
    pub learn_lexicon: bool,
    /// Use cross-script names, numbers, Latin tokens, punctuation.
    pub anchors: bool,
    /// Use paragraph structure (see [`paragraph`]).
    pub paragraphs: bool,
    /// A user's bilingual dictionary.
    pub dictionary: Option<Lexicon>,
    /// Search the whole grid even for long documents.
    pub exact: bool,
    /// A corpus model to start from instead of generic values (see
    /// [`model`]); its lexicon holds its dictionary's evidence too.
    pub model: Option<Arc<CorpusModel>>,
    /// Which path is written: the best one, or the one with the most
    /// expected correct beads (see [`posterior`]).
    pub decode: Decode,
}

/// How the final path is chosen from the lattice.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Decode {
    /// The path of least cost (Viterbi).
    #[default]
    Viterbi,
    /// The path whose beads' posteriors sum highest: the most beads
    /// expected right.
    Posterior,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            max_bead: 8,
            passes: 2,
            learn_lexicon: true,
            anchors: true,
            paragraphs: true,
            dictionary: None,
            exact: false,
            model: None,
            decode: Decode::default(),
        }
    }
}

/// What [`Aligner::align_batch_with`] is about to do, for a progress
/// display. Passes after the first go on while the paragraph model
/// settles, so their number is not known in advance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading each sentence's words, numbers and names.
    Features,
    /// Searching every document for its best path (1: the first pass, with
    /// generic starting values; then each pass after re-estimation).
    Pass(usize),
    /// Weighing omissions and insertions against their neighbours.
    Settle,
}

/// The aligner.
#[derive(Clone, Debug, Default)]
pub struct Aligner {
    pub config: Config,
}

/// One document pair during alignment.
struct Doc<'a> {
    src: Vec<&'a str>,
    tgt: Vec<&'a str>,
    src_lang: &'a crate::Lang,
    tgt_lang: &'a crate::Lang,
    src_lens: Vec<f32>,
    tgt_lens: Vec<f32>,
    /// Each side's words, split once for every pass.
    src_tokens: features::Tokens<'a>,
    tgt_tokens: features::Tokens<'a>,
    /// Names matched across the sides (the same in every pass).
    names: features::Names,
    /// Whether a paragraph starts at each sentence, per side.
    src_brk: Vec<bool>,
    tgt_brk: Vec<bool>,
    /// Sentence embeddings of both sides, when the user gave them.
    emb: Option<(Rows<'a>, Rows<'a>)>,
}

/// A document's block norms on both sides, for blocks of up to `stride`
/// sentences (see [`dp::Norms`]).
struct DocNorms {
    src: Vec<f32>,
    tgt: Vec<f32>,
    stride: usize,
}

impl<'a> Doc<'a> {
    /// Both sides as the search sees them, with this pass's features and
    /// their block norms (where [`Aligner::norms`] worked them out).
    fn units<'d>(
        &'d self,
        feats: &'d (Vec<SparseVec>, Vec<SparseVec>),
        norms: &'d Option<DocNorms>,
    ) -> (Units<'d>, Units<'d>) {
        let mut src = Units::new(&self.src_lens, &feats.0).with_breaks(&self.src_brk);
        let mut tgt = Units::new(&self.tgt_lens, &feats.1).with_breaks(&self.tgt_brk);
        if let Some(n) = norms {
            src = src.with_norms(&n.src, n.stride);
            tgt = tgt.with_norms(&n.tgt, n.stride);
        }
        match &self.emb {
            Some((s, t)) => (
                src.with_embeddings(s.slice(0..s.len())),
                tgt.with_embeddings(t.slice(0..t.len())),
            ),
            None => (src, tgt),
        }
    }
}

impl Aligner {
    /// An aligner with the given settings.
    pub fn new(config: Config) -> Aligner {
        Aligner { config }
    }

    /// Aligns one document pair.
    pub fn align(&self, src: &Side, tgt: &Side) -> Alignment {
        self.align_batch(&[(src, tgt)]).pop().unwrap_or_default()
    }

    /// Aligns many document pairs, in parallel, with parameters and lexicon
    /// estimated from all of them together.
    pub fn align_batch(&self, pairs: &[(&Side, &Side)]) -> Vec<Alignment> {
        self.align_batch_with(pairs, &|_| {})
    }

    /// [`align_batch`](Self::align_batch), telling `stage` what it starts
    /// on (from the calling thread, between parallel steps).
    pub fn align_batch_with(
        &self,
        pairs: &[(&Side, &Side)],
        stage: &dyn Fn(Stage),
    ) -> Vec<Alignment> {
        self.run(pairs, &[], stage).alignments
    }

    /// [`align_batch_with`](Self::align_batch_with), with sentence
    /// embeddings for the documents that have them (`embeddings[k]` for
    /// `pairs[k]`, source then target; see [`embedding`]). Embeddings
    /// whose rows are not one per sentence, or whose two sides differ in
    /// dimension, are an error naming their file.
    pub fn align_batch_embedded(
        &self,
        pairs: &[(&Side, &Side)],
        embeddings: &[Option<(&Embeddings, &Embeddings)>],
        stage: &dyn Fn(Stage),
    ) -> crate::Result<Vec<Alignment>> {
        check_embeddings(pairs, embeddings)?;
        Ok(self.run(pairs, embeddings, stage).alignments)
    }

    /// Aligns many document pairs as [`align_batch`](Self::align_batch)
    /// does, and returns what the run learned as a [`CorpusModel`] for the
    /// language pair of the first document (`dictionary` names the
    /// dictionary given, for the model's record).
    pub fn learn(
        &self,
        pairs: &[(&Side, &Side)],
        dictionary: Option<String>,
        stage: &dyn Fn(Stage),
    ) -> (Vec<Alignment>, CorpusModel) {
        let run = self.run(pairs, &[], stage);
        let model = run.model(pairs, &self.config, dictionary);
        (run.alignments, model)
    }

    /// [`learn`](Self::learn) with sentence embeddings, as
    /// [`align_batch_embedded`](Self::align_batch_embedded) takes them;
    /// the model then holds the embedding map too.
    pub fn learn_embedded(
        &self,
        pairs: &[(&Side, &Side)],
        embeddings: &[Option<(&Embeddings, &Embeddings)>],
        dictionary: Option<String>,
        stage: &dyn Fn(Stage),
    ) -> crate::Result<(Vec<Alignment>, CorpusModel)> {
        check_embeddings(pairs, embeddings)?;
        let run = self.run(pairs, embeddings, stage);
        let model = run.model(pairs, &self.config, dictionary);
        Ok((run.alignments, model))
    }

    /// The passes over a run of documents (`embeddings` as
    /// [`align_batch_embedded`](Self::align_batch_embedded) takes them,
    /// already checked; empty for none).
    fn run(
        &self,
        pairs: &[(&Side, &Side)],
        embeddings: &[Option<(&Embeddings, &Embeddings)>],
        stage: &dyn Fn(Stage),
    ) -> Run<'_> {
        let t0 = std::time::Instant::now();
        stage(Stage::Features);
        let mut docs: Vec<Doc> = pairs
            .par_iter()
            .enumerate()
            .map(|(k, (s, t))| {
                let src = s.texts();
                let tgt = t.texts();
                let (src_tokens, tgt_tokens) = rayon::join(
                    || features::Tokens::new(&src),
                    || features::Tokens::new(&tgt),
                );
                let names = if self.config.anchors {
                    features::Names::find(&src_tokens, &s.lang, &tgt_tokens, &t.lang)
                } else {
                    features::Names::default()
                };
                Doc {
                    src_brk: breaks(s, self.config.paragraphs),
                    tgt_brk: breaks(t, self.config.paragraphs),
                    src_tokens,
                    tgt_tokens,
                    names,
                    src_lens: src.par_iter().map(|x| char_len(x)).collect(),
                    tgt_lens: tgt.par_iter().map(|x| char_len(x)).collect(),
                    src,
                    tgt,
                    src_lang: &s.lang,
                    tgt_lang: &t.lang,
                    emb: embeddings.get(k).copied().flatten().map(|(e, f)| {
                        let lens =
                            |x: &Side| x.texts().iter().map(|t| char_len(t).max(1.0)).collect();
                        let max = self.config.max_bead;
                        (
                            e.rows(s.len()).with_weights(lens(s)).memoized(true, max),
                            f.rows(t.len()).with_weights(lens(t)).memoized(false, max),
                        )
                    }),
                }
            })
            .collect();
        let tick = |what: &str| {
            if std::env::var_os("WASL_TIMING").is_some() {
                eprintln!("{:>8.3} s  {what}", t0.elapsed().as_secs_f64());
            }
        };
        tick("docs");
        let model = self.config.model.as_deref();
        // What every pass's lexicon starts from: the model's (which holds
        // its dictionary's evidence) and the user's dictionary. Borrowed
        // when there is only one: a stream record aligned with a model
        // would otherwise copy the model's whole lexicon (twice), 2% of
        // its work.
        let base: Option<Cow<Lexicon>> = match (model, &self.config.dictionary) {
            (None, d) => d.as_ref().map(Cow::Borrowed),
            (Some(m), None) => Some(Cow::Borrowed(&m.lexicon)),
            (Some(m), Some(d)) => {
                let mut l = m.lexicon.clone();
                l.merge(d);
                Some(Cow::Owned(l))
            }
        };
        let mut lexicon = base.clone();
        // Whether a lexicon learned from this run has generalised yet (see
        // `learn_lexicon`); once it has, later passes keep learning one. A
        // model's lexicon passed that test on its corpus.
        let mut trusted = model.is_some_and(|m| m.lexicon_trusted);
        let mut test = None;
        let mut feats: Vec<(Vec<SparseVec>, Vec<SparseVec>)> =
            self.features(&docs, lexicon.as_deref());
        let mut norms = self.norms(&docs, &feats);
        tick("features");
        // The embedding map starts from the model's, else from the
        // documents' own mutual best matches (see `embedding`).
        let emb_start: Option<EmbedMap> = if docs.iter().any(|d| d.emb.is_some()) {
            model
                .and_then(|m| m.embedding.clone())
                .or_else(|| EmbedMap::initial(&embedded(&docs)))
        } else {
            None
        };
        let mut params: Vec<Params> = docs
            .iter()
            .map(|d| {
                let mut p = match model {
                    Some(m) => m.params_for(&d.src_lens, &d.tgt_lens, self.config.max_bead),
                    None => self.initial_params(d),
                };
                p.emb = d.emb.as_ref().and(emb_start.clone());
                p
            })
            .collect();
        if std::env::var_os("WASL_DEBUG").is_some() {
            debug_params("start", &params[..params.len().min(1)], lexicon.as_deref());
        }
        stage(Stage::Pass(1));
        // With no pass after the first (a corpus model's default), the
        // first search is the last: each document is then searched where
        // it is settled and scored below, so that its posterior sweeps go
        // on with the bead costs its search computed.
        let one_pass = self.config.passes == 0;
        let mut paths = if one_pass {
            Vec::new()
        } else {
            self.solve_all(&docs, &feats, &norms, &params, &[])
        };
        tick("solve");
        // Share of beads the last pass changed.
        let mut moved = 1.0;
        let mut passes_run = 0;
        for pass in 0.. {
            // The paragraph model starts from nothing (the first pass has no
            // path to learn it from), so while it is on, passes go on until
            // the paths settle; the other parameters start from sensible
            // values and take the configured number of passes.
            let settling = self.config.passes > 0
                && params.iter().any(|p| !p.para.is_off())
                && moved > SETTLED
                && pass < self.config.passes + EXTRA_PASSES;
            if pass >= self.config.passes && !settling {
                break;
            }
            stage(Stage::Pass(pass + 2));
            if self.config.learn_lexicon {
                let learned = learn_lexicon(&docs, &paths, &mut trusted, &mut test);
                let mut lex = base.as_deref().cloned().unwrap_or_default();
                lex.merge(&learned);
                tick("lexicon");
                // An unchanged lexicon (often: an empty one, where nothing
                // was learned) gives the same features.
                let unchanged = match &lexicon {
                    Some(old) => **old == lex,
                    None => lex.is_empty(),
                };
                lexicon = Some(Cow::Owned(lex));
                if !unchanged {
                    // The old features are dropped first, so that the new
                    // ones reuse their memory instead of adding to the
                    // peak.
                    feats.clear();
                    norms.clear();
                    feats = self.features(&docs, lexicon.as_deref());
                    norms = self.norms(&docs, &feats);
                    tick("features");
                }
            }
            params = self.reestimate(&docs, &feats, &params, &paths);
            tick("reestimate");
            if std::env::var_os("WASL_DEBUG").is_some() {
                debug_params(&format!("pass {}", pass + 1), &params, lexicon.as_deref());
            }
            let next = self.solve_all(&docs, &feats, &norms, &params, &paths);
            let total = next.iter().map(Vec::len).sum::<usize>();
            let changes = changed(&paths, &next);
            moved = changes as f64 / total.max(1) as f64;
            if std::env::var_os("WASL_DEBUG").is_some() {
                eprintln!("pass {}: {changes} of {total} beads changed", pass + 1);
            }
            paths = next;
            passes_run += 1;
            tick("solve");
        }
        // The words have made every feature they will: freed before the
        // posteriors, the last stage's large allocations (forward and
        // backward tables), which then reuse their memory. At a million
        // sentences a side, the peak was in that stage.
        let sentences: usize = docs.iter().map(|d| d.src.len() + d.tgt.len()).sum();
        for d in &mut docs {
            d.src_tokens = features::Tokens::default();
            d.tgt_tokens = features::Tokens::default();
            d.names = features::Names::default();
        }
        if sentences >= TRIM_SENTENCES {
            release_freed_memory();
            tick("trim");
        }
        // The final paths' omissions and insertions, weighed against their
        // neighbours (see `dp::settle_nulls`); then each bead's posterior
        // probability, by forward–backward around the final path (see
        // `posterior`).
        stage(Stage::Settle);
        let decode = self.config.decode;
        let found: Vec<Option<Vec<PathBead>>> = if one_pass {
            (0..docs.len()).map(|_| None).collect()
        } else {
            paths.into_iter().map(Some).collect()
        };
        let (paths, scores): (Vec<Vec<PathBead>>, Vec<Vec<f64>>) = found
            .into_par_iter()
            .zip(docs.par_iter().zip(feats.par_iter()).zip(params.par_iter()))
            .zip(norms.par_iter())
            .map(|((found, ((d, f), p)), norms)| {
                let (src, tgt) = d.units(f, norms);
                let (mut path, search) = match found {
                    Some(path) => (path, None),
                    None => match search::solve_keeping(&src, &tgt, p) {
                        Some((path, scorer, costs)) => (path, Some((scorer, costs))),
                        None => (search::solve(&src, &tgt, p, self.config.exact, None), None),
                    },
                };
                dp::settle_nulls(&src, &tgt, p, &mut path);
                let lattice = posterior::Lattice::after_search(&src, &tgt, p, &path, 1.0, search);
                if decode == Decode::Posterior {
                    let best = lattice.decode();
                    if covers(&best, src.len(), tgt.len()) {
                        path = best;
                    }
                }
                let scores = path.iter().map(|b| lattice.posterior(b)).collect();
                (path, scores)
            })
            .unzip();
        tick("posteriors");
        let alignments = paths
            .iter()
            .zip(&scores)
            .map(|(p, s)| Alignment {
                beads: p
                    .iter()
                    .zip(s)
                    .map(|(b, &score)| Bead {
                        src: b.i..b.i + b.a,
                        tgt: b.j..b.j + b.b,
                        score,
                    })
                    .collect(),
            })
            .collect();
        Run {
            alignments,
            paths,
            params,
            lexicon,
            trusted,
            test,
            passes_run,
        }
    }

    fn features(
        &self,
        docs: &[Doc],
        lexicon: Option<&Lexicon>,
    ) -> Vec<(Vec<SparseVec>, Vec<SparseVec>)> {
        docs.par_iter()
            .map(|d| {
                let f = features::build(
                    &d.src_tokens,
                    d.src_lang,
                    &d.tgt_tokens,
                    d.tgt_lang,
                    &d.names,
                    lexicon,
                    self.config.anchors,
                );
                (f.src, f.tgt)
            })
            .collect()
    }

    /// The block norms of each document's features (see [`dp::Norms`]), for
    /// blocks of up to `max_bead` sentences, the most any bead shape spans,
    /// for the documents searched coarse to fine, which search the same
    /// features many times a pass; `None` for the others (one exact search
    /// a pass works them out as cheaply itself, and a stream record would
    /// pay for sizes its shapes never reach).
    fn norms(
        &self,
        docs: &[Doc],
        feats: &[(Vec<SparseVec>, Vec<SparseVec>)],
    ) -> Vec<Option<DocNorms>> {
        let stride = self.config.max_bead;
        docs.par_iter()
            .zip(feats.par_iter())
            .map(|(d, (s, t))| {
                let cells = (d.src.len() + 1) * (d.tgt.len() + 1);
                (!self.config.exact && cells > search::EXACT_CELLS).then(|| {
                    let (src, tgt) = rayon::join(
                        || dp::block_norms_of(s, stride),
                        || dp::block_norms_of(t, stride),
                    );
                    DocNorms { src, tgt, stride }
                })
            })
            .collect()
    }

    /// Solves every document; `guides` are the paths of the pass before
    /// (empty on the first pass).
    fn solve_all(
        &self,
        docs: &[Doc],
        feats: &[(Vec<SparseVec>, Vec<SparseVec>)],
        norms: &[Option<DocNorms>],
        params: &[Params],
        guides: &[Vec<PathBead>],
    ) -> Vec<Vec<PathBead>> {
        docs.par_iter()
            .zip(feats.par_iter())
            .zip(params.par_iter())
            .zip(norms.par_iter())
            .enumerate()
            .map(|(k, (((d, f), p), norms))| {
                let (src, tgt) = d.units(f, norms);
                let guide = guides.get(k).map(Vec::as_slice);
                search::solve(&src, &tgt, p, self.config.exact, guide)
            })
            .collect()
    }

    /// Generic starting values; the length ratio and the skew of the bead
    /// prior come from the document's own lengths and sentence counts.
    fn initial_params(&self, d: &Doc) -> Params {
        let (n, m) = (d.src.len().max(1) as f64, d.tgt.len().max(1) as f64);
        Params {
            length: LengthModel::initial(&d.src_lens, &d.tgt_lens),
            types: generic_priors(self.config.max_bead, (m / n).clamp(0.2, 5.0)),
            lex: LexModel::initial(),
            para: ParaModel::default(),
            emb: None,
            emb_merge: None,
            boundary: None,
        }
    }

    /// Viterbi re-estimation from the current paths of all documents.
    fn reestimate(
        &self,
        docs: &[Doc],
        feats: &[(Vec<SparseVec>, Vec<SparseVec>)],
        old: &[Params],
        paths: &[Vec<PathBead>],
    ) -> Vec<Params> {
        // Bead-type counts over the run, smoothed toward each document's
        // starting prior (so rare types stay possible).
        let mut counts: rustc_hash::FxHashMap<(usize, usize), f64> = Default::default();
        let mut total = 0.0;
        for p in paths {
            for b in p {
                *counts.entry((b.a, b.b)).or_default() += 1.0;
                total += 1.0;
            }
        }
        // Length variance from the better half of the 1-1 beads.
        let mut ones: Vec<(f32, f64, f64)> = Vec::new();
        for (d, p) in docs.iter().zip(paths) {
            for b in p.iter().filter(|b| b.a == 1 && b.b == 1) {
                ones.push((b.cost, d.src_lens[b.i] as f64, d.tgt_lens[b.j] as f64));
            }
        }
        ones.sort_by(|x, y| x.0.total_cmp(&y.0));
        ones.truncate(ones.len().div_ceil(2));
        let lex = estimate_lex(feats, paths);
        // The embedding map from the documents that have embeddings; where
        // their paths say too little, the map they had.
        let emb_paths: Vec<&[PathBead]> = docs
            .iter()
            .zip(paths)
            .filter(|(d, _)| d.emb.is_some())
            .map(|(_, p)| &p[..])
            .collect();
        let emb = if emb_paths.is_empty() {
            None
        } else {
            EmbedMap::estimate(&embedded(docs), &emb_paths)
        };
        let emb_merge = if emb_paths.is_empty() {
            None
        } else {
            EmbedMap::estimate_merge(&embedded(docs), &emb_paths)
        };
        // Evidence against boundaries, where there are embeddings (from
        // lexical features alone it cost a bead or two on every set).
        let boundary = if emb_paths.is_empty() {
            None
        } else {
            let f: Vec<(&[SparseVec], &[SparseVec])> =
                feats.iter().map(|(s, t)| (&s[..], &t[..])).collect();
            let e: Vec<Option<(Rows, Rows)>> = docs
                .iter()
                .map(|d| {
                    d.emb
                        .as_ref()
                        .map(|(s, t)| (s.slice(0..s.len()), t.slice(0..t.len())))
                })
                .collect();
            let p: Vec<&[PathBead]> = paths.iter().map(|p| &p[..]).collect();
            boundary::BoundaryModel::estimate(&f, &e, &p)
        };
        let para = ParaModel::estimate(
            docs.iter()
                .zip(paths)
                .map(|(d, p)| (&d.src_brk[..], &d.tgt_brk[..], &p[..])),
        );
        docs.iter()
            .zip(old)
            .map(|(d, o)| {
                let length = LengthModel::initial(&d.src_lens, &d.tgt_lens);
                // The variance is a property of the translation style, shared
                // by the run; residuals are measured against this document's
                // own ratio.
                let pairs: Vec<(f64, f64)> = ones.iter().map(|&(_, l1, l2)| (l1, l2)).collect();
                let length = LengthModel {
                    variance: o.length.variance,
                    ..length
                }
                .with_variance_from(&pairs);
                let prior_weight = 20.0;
                let mut weights = Vec::new();
                for t in &o.types {
                    let c = counts.get(&(t.a, t.b)).copied().unwrap_or(0.0);
                    // Shapes no document of the run used are dropped from the
                    // search (each costs time in every cell); the common ones
                    // always stay.
                    if c == 0.0 && t.a + t.b > 3 && total > 200.0 {
                        continue;
                    }
                    let p0 = (-t.cost as f64).exp();
                    weights.push(((t.a, t.b), (c + prior_weight * p0) / (total + prior_weight)));
                }
                Params {
                    length,
                    types: priors(&weights),
                    lex: lex.clone(),
                    para: para.clone(),
                    emb: d.emb.as_ref().and(emb.clone().or_else(|| o.emb.clone())),
                    emb_merge: d
                        .emb
                        .as_ref()
                        .and(emb_merge.clone().or_else(|| o.emb_merge.clone())),
                    boundary: boundary.clone(),
                }
            })
            .collect()
    }
}

/// What a run ends with: the alignments, and the state of its last pass
/// (what a corpus model keeps).
struct Run<'a> {
    alignments: Vec<Alignment>,
    paths: Vec<Vec<PathBead>>,
    params: Vec<Params>,
    lexicon: Option<Cow<'a, Lexicon>>,
    trusted: bool,
    test: Option<LexiconTest>,
    passes_run: usize,
}

impl Run<'_> {
    /// The run's last estimates as a corpus model (see [`model`]).
    fn model(
        &self,
        pairs: &[(&Side, &Side)],
        config: &Config,
        dictionary: Option<String>,
    ) -> CorpusModel {
        let (src_lang, tgt_lang) = pairs
            .first()
            .map_or((crate::Lang::ar(), crate::Lang::en()), |(s, t)| {
                (s.lang.clone(), t.lang.clone())
            });
        let src_sentences: usize = pairs.iter().map(|(s, _)| s.len()).sum();
        let tgt_sentences: usize = pairs.iter().map(|(_, t)| t.len()).sum();
        // Each sentence's length in characters, once for everything below.
        let char_lens =
            |side: &Side| -> Vec<f64> { side.texts().iter().map(|x| char_len(x) as f64).collect() };
        let lens: Vec<(Vec<f64>, Vec<f64>)> = pairs
            .iter()
            .map(|(s, t)| (char_lens(s), char_lens(t)))
            .collect();
        let src_chars: f64 = lens.iter().map(|(s, _)| s.iter().sum::<f64>()).sum();
        let tgt_chars: f64 = lens.iter().map(|(_, t)| t.iter().sum::<f64>()).sum();
        let sentence_ratio =
            (tgt_sentences.max(1) as f64 / src_sentences.max(1) as f64).clamp(0.2, 5.0);
        // The length model's spread: the lengths of the better half of the
        // last paths' 1-1 beads, as a pass re-estimates it, kept as a
        // sample; a document aligned with the model measures its variance
        // by how far these stray from its own ratio, as a pass inside the
        // corpus would. "Better" is judged here without the length term:
        // beads picked for fitting the length model spread too little (on
        // AlignAR's literary text, a variance of 8 against 36 for all its
        // 1-1 beads), and a document aligned with the model would then
        // trust lengths more than its corpus did.
        let mut ones: Vec<(f64, (f32, f32))> = Vec::new();
        for (((sl, tl), path), params) in lens.iter().zip(&self.paths).zip(&self.params) {
            for bead in path.iter().filter(|x| x.a == 1 && x.b == 1) {
                let (l1, l2) = (sl[bead.i], tl[bead.j]);
                if l1 > 0.0 {
                    let other = bead.cost as f64 + params.length.llr(l1, l2, bead.b);
                    ones.push((other, (l1 as f32, l2 as f32)));
                }
            }
        }
        ones.sort_by(|x, y| x.0.total_cmp(&y.0));
        ones.truncate(ones.len().div_ceil(2));
        // At most a few thousand, evenly spread, are kept: the median
        // needs no more.
        let step = ones.len().div_ceil(LENGTH_SAMPLE).max(1);
        // Stored as the file stores them (f32), so a model read back
        // aligns exactly as the one just learned.
        let length_sample: Vec<(f64, f64)> = ones
            .iter()
            .step_by(step)
            .map(|x| (x.1 .0 as f64, x.1 .1 as f64))
            .collect();
        let corpus_ratio = if src_chars > 0.0 && tgt_chars > 0.0 {
            tgt_chars / src_chars
        } else {
            1.0
        };
        // Bead priors: the last paths' shapes over the run, smoothed toward
        // the generic prior as re-estimation does; shapes no document used
        // are dropped from a large run's model, as from its search.
        let mut counts: rustc_hash::FxHashMap<(usize, usize), f64> = Default::default();
        let mut total = 0.0;
        for p in &self.paths {
            for b in p {
                *counts.entry((b.a, b.b)).or_default() += 1.0;
                total += 1.0;
            }
        }
        let generic = generic_priors(config.max_bead, sentence_ratio);
        let prior_weight = 20.0;
        let mut weights = Vec::new();
        for t in &generic {
            let c = counts.get(&(t.a, t.b)).copied().unwrap_or(0.0);
            if c == 0.0 && t.a + t.b > 3 && total > 200.0 {
                continue;
            }
            let p0 = (-t.cost as f64).exp();
            weights.push(((t.a, t.b), (c + prior_weight * p0) / (total + prior_weight)));
        }
        let z: f64 = weights.iter().map(|w| w.1).sum();
        let types = weights.iter().map(|&((a, b), w)| (a, b, w / z)).collect();
        let first = self.params.first();
        CorpusModel {
            src_lang,
            tgt_lang,
            learned_from: Provenance {
                wasl_version: env!("CARGO_PKG_VERSION").into(),
                documents: pairs.len(),
                src_sentences,
                tgt_sentences,
                beads: total as usize,
                passes: self.passes_run,
                lexicon_test: self.test.clone(),
                dictionary,
            },
            length_variance: CorpusModel::variance_at_ratio(&length_sample, corpus_ratio),
            length_sample,
            length_ratio: corpus_ratio,
            sentence_ratio,
            types,
            lex: first.map_or_else(LexModel::initial, |p| p.lex.clone()),
            para: first.map_or_else(ParaModel::default, |p| p.para.clone()),
            lexicon: self.lexicon.as_deref().cloned().unwrap_or_default(),
            lexicon_trusted: self.trusted,
            embedding: self.params.iter().find_map(|p| p.emb.clone()),
            boundary: self.params.iter().find_map(|p| p.boundary.clone()),
        }
    }
}

/// `WASL_DEBUG`: the parameters of a pass (the first document's, or the
/// one `WASL_DEBUG_DOC` numbers), on standard error.
fn debug_params(when: &str, params: &[Params], lexicon: Option<&Lexicon>) {
    let k = std::env::var("WASL_DEBUG_DOC")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let Some(p) = params.get(k).or(params.first()) else {
        return;
    };
    eprintln!(
        "{when}: length {:?}\nlex {:?}\npara {:?}\nlexicon {}\nembedding {:?}",
        p.length,
        p.lex.points,
        p.para,
        lexicon.map_or(0, |l| l.len()),
        p.emb
    );
    let mut t = p.types.clone();
    t.sort_by(|x, y| x.cost.total_cmp(&y.cost));
    eprintln!(
        "types {:?}",
        t.iter()
            .take(10)
            .map(|t| format!("{}-{}:{:.2}", t.a, t.b, t.cost))
            .collect::<Vec<_>>()
    );
}

/// The embeddings of the documents that have them, in order.
fn embedded<'d>(docs: &'d [Doc]) -> Vec<(Rows<'d>, Rows<'d>)> {
    docs.iter()
        .filter_map(|d| d.emb.as_ref())
        .map(|(s, t)| (s.slice(0..s.len()), t.slice(0..t.len())))
        .collect()
}

/// Refuses embeddings that do not fit their documents: one row per
/// sentence, the same dimension on both sides, one entry (or none) per
/// pair.
fn check_embeddings(
    pairs: &[(&Side, &Side)],
    embeddings: &[Option<(&Embeddings, &Embeddings)>],
) -> crate::Result<()> {
    if embeddings.len() > pairs.len() {
        return Err(crate::Error::Usage(format!(
            "{} embedding pairs for {} document pairs",
            embeddings.len(),
            pairs.len()
        )));
    }
    for ((s, t), e) in pairs.iter().zip(embeddings) {
        if let Some((se, te)) = e {
            se.check_count(s.len(), "the source side")?;
            te.check_count(t.len(), "the target side")?;
            Embeddings::check_pair(se, te)?;
        }
    }
    Ok(())
}

/// Most beads a corpus model keeps for its length model.
const LENGTH_SAMPLE: usize = 4000;

/// Passes beyond the configured ones while the paragraph model settles.
const EXTRA_PASSES: usize = 4;

/// Paths have settled when a pass changes at most this share of beads.
const SETTLED: f64 = 0.01;

/// Beads of `new` that are not in `old` (same corner and shape).
fn changed(old: &[Vec<PathBead>], new: &[Vec<PathBead>]) -> usize {
    old.iter()
        .zip(new)
        .map(|(o, n)| {
            let o: FxHashSet<(usize, usize, usize, usize)> =
                o.iter().map(|b| (b.i, b.j, b.a, b.b)).collect();
            n.iter()
                .filter(|b| !o.contains(&(b.i, b.j, b.a, b.b)))
                .count()
        })
        .sum()
}

/// Whether a paragraph starts at each sentence of `side` (with `use_them`
/// false, at every one: no marks, no evidence).
fn breaks(side: &Side, use_them: bool) -> Vec<bool> {
    let s = &side.sentences;
    (0..s.len())
        .map(|k| !use_them || k == 0 || s[k].paragraph != s[k - 1].paragraph)
        .collect()
}

/// Length of a sentence in characters (what Gale & Church count).
fn char_len(s: &str) -> f32 {
    s.chars().count() as f32
}

/// The bead shapes searched: 1-0, 0-1, and every `a-b` with both sides
/// non-empty, at most `max` sentences on a side and at most 3 on the
/// smaller side.
fn bead_shapes(max: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(1, 0), (0, 1)];
    for a in 1..=max {
        for b in 1..=max {
            if a.min(b) <= 1 || (a.min(b) <= 3 && a.max(b) <= 3) {
                out.push((a, b));
            }
        }
    }
    out
}

/// The generic bead prior before anything is learned, tilted by `skew`,
/// the target/source sentence-count ratio (more target sentences, more
/// 1-2 beads).
fn generic_priors(max_bead: usize, skew: f64) -> Vec<BeadType> {
    let mut weights = Vec::new();
    for (a, b) in bead_shapes(max_bead) {
        let base = match (a, b) {
            (1, 1) => 1.0,
            (0, 1) | (1, 0) => 0.01,
            (1, 2) | (2, 1) => 0.06,
            (2, 2) => 0.01,
            (1, 3) | (3, 1) => 0.01,
            (2, 3) | (3, 2) | (3, 3) => 0.003,
            // 1-4 and beyond: rarer the longer, never impossible.
            (a, b) => 0.004 / (a.max(b) as f64 - 3.0),
        };
        weights.push(((a, b), base * skew.powi(b as i32 - a as i32)));
    }
    priors(&weights)
}

/// Normalises weights into bead types with `−ln P` costs.
fn priors(weights: &[((usize, usize), f64)]) -> Vec<BeadType> {
    let z: f64 = weights.iter().map(|w| w.1).sum();
    weights
        .iter()
        .map(|&((a, b), w)| BeadType {
            a,
            b,
            cost: -((w / z).max(1e-12)).ln() as f32,
        })
        .collect()
}

/// Runs of at least this many sentences (both sides) hand the memory
/// their words held back to the system before the posteriors: from about
/// this size the words take megabytes (12 MB at 100 000 sentences a side,
/// 130 MB at a million), and trimming (a walk over the allocator's heaps)
/// takes milliseconds, which a stream of small records should not pay
/// each.
const TRIM_SENTENCES: usize = 100_000;

/// Hands memory the allocator holds free back to the system. glibc keeps
/// freed small allocations in its heaps, and the large tables allocated
/// next are mapped afresh, so what was freed would otherwise still count
/// toward the peak.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages to the system; it takes
    // no pointer and may be called at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether `path` covers the `n` × `m` grid from corner to corner.
fn covers(path: &[PathBead], n: usize, m: usize) -> bool {
    let (mut i, mut j) = (0, 0);
    for b in path {
        if (b.i, b.j) != (i, j) {
            return false;
        }
        (i, j) = (b.i + b.a, b.j + b.b);
    }
    (i, j) == (n, m)
}

/// Cosine of two sparse vectors.
fn cosine(a: &SparseVec, b: &SparseVec) -> Option<f32> {
    let na: f32 = a.iter().map(|e| e.1 * e.1).sum();
    let nb: f32 = b.iter().map(|e| e.1 * e.1).sum();
    if na <= 0.0 && nb <= 0.0 {
        return None;
    }
    if na <= 0.0 || nb <= 0.0 {
        return Some(0.0);
    }
    Some((sparse_dot(a, b) / (na * nb).sqrt()).clamp(0.0, 1.0))
}

/// Dot product of two sparse vectors (sorted by feature), summed in
/// feature order (as [`dp::Scorer`]'s dot rows sum it).
#[inline]
fn sparse_dot(a: &SparseVec, b: &SparseVec) -> f32 {
    let (mut x, mut y, mut d) = (0, 0, 0f32);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                d += a[x].1 * b[y].1;
                x += 1;
                y += 1;
            }
        }
    }
    d
}

/// The similarity → LLR mapping, from 1-1 beads of the paths (aligned)
/// against the same source sentences paired with targets a few sentences
/// away (unrelated), as a smoothed, monotone histogram ratio.
fn estimate_lex(feats: &[(Vec<SparseVec>, Vec<SparseVec>)], paths: &[Vec<PathBead>]) -> LexModel {
    const POINTS: usize = 11;
    type Histogram = [f64; POINTS];
    let add = |h: &mut Histogram, c: f32| {
        let x = c as f64 * (POINTS - 1) as f64;
        let k = (x.floor() as usize).min(POINTS - 2);
        let t = x - k as f64;
        h[k] += 1.0 - t;
        h[k + 1] += t;
    };
    // Cosines of aligned pairs and of pairs a few sentences off, over
    // fixed runs of beads in parallel; the runs' histograms are summed in
    // order, so the model does not depend on the number of threads.
    let runs: Vec<(&[SparseVec], &[SparseVec], &[PathBead])> = feats
        .iter()
        .zip(paths)
        .flat_map(|((src, tgt), path)| path.chunks(4096).map(move |run| (&src[..], &tgt[..], run)))
        .collect();
    let histograms: Vec<(Histogram, Histogram)> = runs
        .par_iter()
        .map(|&(src, tgt, run)| {
            let (mut aligned, mut random) = ([0f64; POINTS], [0f64; POINTS]);
            let m = tgt.len();
            for b in run.iter().filter(|b| b.a == 1 && b.b == 1) {
                if let Some(c) = cosine(&src[b.i], &tgt[b.j]) {
                    add(&mut aligned, c);
                }
                for off in [3usize, 7] {
                    for j in [b.j.checked_sub(off), Some(b.j + off).filter(|&j| j < m)]
                        .into_iter()
                        .flatten()
                    {
                        if let Some(c) = cosine(&src[b.i], &tgt[j]) {
                            add(&mut random, c);
                        }
                    }
                }
            }
            (aligned, random)
        })
        .collect();
    let (mut aligned, mut random) = ([0f64; POINTS], [0f64; POINTS]);
    for (a, r) in &histograms {
        for k in 0..POINTS {
            aligned[k] += a[k];
            random[k] += r[k];
        }
    }
    let (sa, sr): (f64, f64) = (aligned.iter().sum(), random.iter().sum());
    if sa < 5.0 || sr < 5.0 {
        return LexModel::initial();
    }
    let alpha = 0.5;
    let mut points: Vec<f32> = (0..POINTS)
        .map(|k| {
            let pa = (aligned[k] + alpha) / (sa + alpha * POINTS as f64);
            let pr = (random[k] + alpha) / (sr + alpha * POINTS as f64);
            (pa / pr).ln().clamp(-4.0, 8.0) as f32
        })
        .collect();
    // More similar is never less evidence: enforce a non-decreasing map.
    for k in 1..POINTS {
        points[k] = points[k].max(points[k - 1]);
    }
    LexModel { points }
}

/// IBM Model 1 over the confident 1-1 beads of all documents.
fn learn_lexicon(
    docs: &[Doc],
    paths: &[Vec<PathBead>],
    trusted: &mut bool,
    test: &mut Option<LexiconTest>,
) -> Lexicon {
    // Many-to-one beads are sentence pairs too (with the block's text
    // concatenated); where translation splits sentences they are most of
    // the data. Costs are compared per sentence so large beads are not
    // favoured for being large.
    let mut beads: Vec<(f32, usize, &PathBead)> = Vec::new();
    for (k, p) in paths.iter().enumerate() {
        for b in p.iter().filter(|b| b.a >= 1 && b.b >= 1 && b.a + b.b <= 5) {
            beads.push((b.cost / (b.a + b.b) as f32, k, b));
        }
    }
    beads.sort_by(|x, y| x.0.total_cmp(&y.0));
    // The better two thirds, and no more than EM needs.
    beads.truncate((beads.len() * 2).div_ceil(3).min(LEXICON_PAIRS));
    let stems = |lang: &crate::Lang, text: &str| {
        let mut v = Vec::new();
        features::tokens(text, |kind, tok| {
            if kind != features::TokenKind::Number {
                v.push(features::stem(lang, tok));
            }
        });
        v
    };
    let pairs: Vec<(Vec<String>, Vec<String>)> = beads
        .par_iter()
        .map(|&(_, k, b)| {
            let d = &docs[k];
            let side = |lang, texts: &[&str]| {
                texts
                    .iter()
                    .flat_map(|t| stems(lang, t))
                    .collect::<Vec<_>>()
            };
            (
                side(d.src_lang, &d.src[b.i..b.i + b.a]),
                side(d.tgt_lang, &d.tgt[b.j..b.j + b.b]),
            )
        })
        .collect();
    // A lexicon learned from too little text, or from text the first pass
    // aligned badly, pairs words at random; as features it then makes any
    // two sentences look alike (AlignAR's literary document: 97 beads,
    // strict F1 0.56 without the lexicon, 0.43 with it). It is used only if
    // it generalises: learned from half of the beads, it must tell the
    // other half's targets from unrelated ones by a sign test at three
    // standard deviations. Once it has, it stays trusted: a pass whose
    // test falls short (a repetitive text, where unrelated pairs are often
    // the same sentence again) does not throw it away.
    if *trusted {
        return Lexicon::learn_ibm1(&pairs, 5);
    }
    // On a small run the test and the lexicon it would admit are learned
    // side by side: each is mostly serial work on a small document (a
    // thousand sentences: a third of the run), and the lexicon is only
    // thrown away when the test fails. A run with the full sample learns
    // in parallel within each (EM over blocks of pairs), so the test goes
    // first and the lexicon is learned only if it passes: on the
    // 100 000-sentence workload, whose test fails, the two lexicons
    // thrown away were a tenth of the run's instructions.
    let ((wins, losses), learned) = if pairs.len() >= LEXICON_PAIRS {
        (held_out_wins(&pairs), None)
    } else {
        let (test, learned) =
            rayon::join(|| held_out_wins(&pairs), || Lexicon::learn_ibm1(&pairs, 5));
        (test, Some(learned))
    };
    let z = sign_test_z(wins, losses);
    *test = Some(LexiconTest {
        pairs: pairs.len(),
        wins,
        losses,
        z,
    });
    if std::env::var_os("WASL_DEBUG").is_some() {
        eprintln!(
            "lexicon held out: {} pairs, {wins} wins, {losses} losses, z = {z:.1}",
            pairs.len()
        );
    }
    if z < LEXICON_MIN_Z {
        return Lexicon::new();
    }
    *trusted = true;
    learned.unwrap_or_else(|| Lexicon::learn_ibm1(&pairs, 5))
}

/// Bead pairs a lexicon is learned from at most: a few thousand teach IBM
/// Model 1 the words that matter (the frequent ones); more cost time
/// linearly and add little.
const LEXICON_PAIRS: usize = 4_000;

/// Standard deviations by which a learned lexicon must beat chance on
/// held-out beads (see [`learn_lexicon`]). On the evaluation sets: 6.8
/// (AlignAR law), 8.4 (Bleualign), 8.6 (NTREX perturbed), against 1.7
/// (AlignAR literature, where the lexicon cost 0.13 F1).
const LEXICON_MIN_Z: f64 = 3.0;

/// Standard deviations by which `wins` exceed `losses`, against even odds.
fn sign_test_z(wins: usize, losses: usize) -> f64 {
    (wins as f64 - losses as f64) / ((wins + losses) as f64).sqrt().max(1.0)
}

/// Trains on every other pair and tests on the rest: how often a held-out
/// pair's target is better covered by its own source's translations than
/// by an unrelated source's (wins: the next held-out pair's, pairs being in
/// order of confidence, not of the text), and how often worse (losses).
fn held_out_wins(pairs: &[(Vec<String>, Vec<String>)]) -> (usize, usize) {
    let train: Vec<_> = pairs.iter().step_by(2).collect();
    let test: Vec<_> = pairs.iter().skip(1).step_by(2).collect();
    if test.len() < 2 {
        return (0, 0);
    }
    let lex = Lexicon::learn_ibm1(&train, 5);
    let cover = |s: &[String], t: &[String]| -> f64 {
        if t.is_empty() {
            return 0.0;
        }
        let known: FxHashSet<&str> = s
            .iter()
            .flat_map(|f| lex.translations(f).iter().map(|(e, _)| e.as_str()))
            .collect();
        t.iter().filter(|e| known.contains(e.as_str())).count() as f64 / t.len() as f64
    };
    let (mut wins, mut losses) = (0, 0);
    for k in 0..test.len() {
        let other = test[(k + 1) % test.len()];
        let own = cover(&test[k].0, &test[k].1);
        let shifted = cover(&other.0, &test[k].1);
        if own > shifted {
            wins += 1;
        } else if own < shifted {
            losses += 1;
        }
    }
    (wins, losses)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` sentence pairs of 6 words from a vocabulary of 40, each source
    /// word `sK` translated as `tK`; `related` false pairs each source with
    /// another pair's target.
    fn corpus(n: usize, related: bool) -> Vec<(Vec<String>, Vec<String>)> {
        let mut x = 3u64;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 40) as usize % 40
        };
        let words: Vec<Vec<usize>> = (0..n).map(|_| (0..6).map(|_| next()).collect()).collect();
        (0..n)
            .map(|k| {
                let t = if related { k } else { (k * 7 + 3) % n };
                (
                    words[k].iter().map(|w| format!("s{w}")).collect(),
                    words[t].iter().map(|w| format!("t{w}")).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_lexicon_that_generalises_passes_the_held_out_test() {
        let (wins, losses) = held_out_wins(&corpus(200, true));
        let z = sign_test_z(wins, losses);
        assert!(z >= LEXICON_MIN_Z, "{wins} wins, {losses} losses");
    }

    #[test]
    fn a_lexicon_learned_from_unrelated_pairs_does_not() {
        let (wins, losses) = held_out_wins(&corpus(200, false));
        let z = sign_test_z(wins, losses);
        assert!(z < LEXICON_MIN_Z, "{wins} wins, {losses} losses");
        assert_eq!(held_out_wins(&corpus(1, true)), (0, 0));
    }
}
