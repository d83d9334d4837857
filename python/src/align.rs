//! `wasl.align`, `wasl.align_file`, `wasl.align_batch` and
//! `wasl.Dictionary`: Python inputs to the core's sides, the core's
//! alignments to [`Bead`]s.
//!
//! Inputs are read the way the CLI reads files, so the same text gives the
//! same beads: a `str` is raw text (`wasl align a.ar a.en`), or one
//! sentence per line with `presegmented=True`; a list of strings is one
//! sentence per item, joined into lines and read exactly as
//! `--presegmented` reads a file. The texts are validated by the core (a
//! NUL character, a blank side and a bilingual text without one of its
//! languages are `ValueError`s, as the CLI refuses those files).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use numpy::{PyReadonlyArray2, PyUntypedArray, PyUntypedArrayMethods};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;
use wasl::align::embedding::Embeddings;
use wasl::align::lexicon::Lexicon;
use wasl::align::Config;
use wasl::input::split_sections;
use wasl::{Aligner, Document, Error, Lang, Sentence, Side};

use crate::bead::{Bead, DocData, SideData};
use crate::error::IntoPy;
use crate::run;

/// A bilingual dictionary loaded once, for many calls:
/// `Dictionary(path, src_lang="ar", tgt_lang="en")`. `path` is a hunalign
/// dictionary (`target @ source` per line) or a FreeDict/dictd database by
/// its `.index` file, as `wasl align --dict` takes.
#[pyclass(module = "wasl", frozen)]
pub struct Dictionary {
    lexicon: Lexicon,
    src_lang: Lang,
    tgt_lang: Lang,
}

#[pymethods]
impl Dictionary {
    #[new]
    #[pyo3(signature = (path, src_lang = "ar", tgt_lang = "en"))]
    fn new(py: Python<'_>, path: PathBuf, src_lang: &str, tgt_lang: &str) -> PyResult<Dictionary> {
        let (src_lang, tgt_lang) = (Lang::new(src_lang), Lang::new(tgt_lang));
        let (s, t) = (src_lang.clone(), tgt_lang.clone());
        let lexicon = run::run(py, run::INLINE_BYTES, move || {
            wasl::dict::load(&path, &s, &t)
        })
        .and_then(IntoPy::py_err)?;
        Ok(Dictionary {
            lexicon,
            src_lang,
            tgt_lang,
        })
    }

    /// Number of source words with translations.
    fn __len__(&self) -> usize {
        self.lexicon.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Dictionary({} → {}, {} source words)",
            self.src_lang.tag(),
            self.tgt_lang.tag(),
            self.lexicon.len()
        )
    }
}

/// Where the dictionary comes from.
enum Dict {
    Path(PathBuf),
    Loaded {
        lexicon: Lexicon,
        src_lang: Lang,
        tgt_lang: Lang,
    },
}

impl Dict {
    fn from_py(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Dict>> {
        let Some(obj) = obj.filter(|o| !o.is_none()) else {
            return Ok(None);
        };
        if let Ok(d) = obj.cast::<Dictionary>() {
            let d = d.get();
            return Ok(Some(Dict::Loaded {
                lexicon: d.lexicon.clone(),
                src_lang: d.src_lang.clone(),
                tgt_lang: d.tgt_lang.clone(),
            }));
        }
        match obj.extract::<PathBuf>() {
            Ok(p) => Ok(Some(Dict::Path(p))),
            Err(_) => Err(PyTypeError::new_err(format!(
                "dict must be a path or a wasl.Dictionary, not {}",
                obj.get_type().name()?
            ))),
        }
    }
}

/// The aligner's settings: the CLI's model options.
///
/// `model=` is a corpus model file made by `wasl learn` (the CLI's
/// `--model`): alignment starts from what it learned, in one pass unless
/// `passes` says otherwise. Sentence embeddings are not settings but
/// inputs, one pair of arrays per document (see [`embeddings`]).
struct Options {
    dict: Option<Dict>,
    /// A corpus model file (`wasl learn`), read in the worker.
    model: Option<PathBuf>,
    max_bead: usize,
    /// `None`: 2, or 0 with a model (as the CLI's `--passes`).
    passes: Option<usize>,
    learned_lexicon: bool,
    anchors: bool,
    paragraphs: bool,
    exact: bool,
}

impl Options {
    #[allow(clippy::too_many_arguments)]
    fn new(
        dict: Option<&Bound<'_, PyAny>>,
        model: Option<PathBuf>,
        max_bead: usize,
        passes: Option<usize>,
        learned_lexicon: bool,
        anchors: bool,
        paragraphs: bool,
        exact: bool,
    ) -> PyResult<Options> {
        if !(1..=16).contains(&max_bead) {
            return Err(PyValueError::new_err(format!(
                "max_bead must be from 1 to 16, not {max_bead}"
            )));
        }
        Ok(Options {
            dict: Dict::from_py(dict)?,
            model,
            max_bead,
            passes,
            learned_lexicon,
            anchors,
            paragraphs,
            exact,
        })
    }

    /// The aligner these settings describe (as `wasl align`'s flags make
    /// it).
    fn aligner(self, src: &Lang, tgt: &Lang) -> wasl::Result<Aligner> {
        let dictionary = match self.dict {
            None => None,
            Some(Dict::Path(p)) => Some(wasl::dict::load(&p, src, tgt)?),
            Some(Dict::Loaded {
                lexicon,
                src_lang,
                tgt_lang,
            }) => {
                if src_lang.primary() != src.primary() || tgt_lang.primary() != tgt.primary() {
                    return Err(Error::Usage(format!(
                        "the dictionary is for {} → {}, but the text is {} → {}",
                        src_lang.tag(),
                        tgt_lang.tag(),
                        src.tag(),
                        tgt.tag()
                    )));
                }
                Some(lexicon)
            }
        };
        let model = match &self.model {
            Some(path) => {
                let m = wasl::align::model::CorpusModel::read(path)?;
                m.check_pair(src, tgt, path)?;
                Some(std::sync::Arc::new(m))
            }
            None => None,
        };
        let passes = self.passes.unwrap_or(if model.is_some() { 0 } else { 2 });
        // `..Config::default()`: settings the core gains later keep their
        // defaults until they are arguments here.
        #[allow(clippy::needless_update)]
        let config = Config {
            max_bead: self.max_bead,
            passes,
            model,
            learn_lexicon: self.learned_lexicon,
            anchors: self.anchors,
            paragraphs: self.paragraphs,
            dictionary,
            exact: self.exact,
            ..Config::default()
        };
        Ok(Aligner::new(config))
    }
}

/// One side's input, not yet validated.
struct SideIn {
    doc: Input,
    presegmented: bool,
}

/// Text from Python (validated in the worker, off the GIL) or a file.
enum Input {
    Text { name: String, text: String },
    File(PathBuf),
}

impl Input {
    fn size(&self) -> usize {
        match self {
            Input::Text { text, .. } => text.len(),
            // Files are read in the worker; assume they are worth it.
            Input::File(_) => run::INLINE_BYTES,
        }
    }

    /// The document, validated as the CLI validates a file.
    fn read(self) -> wasl::Result<Document> {
        let doc = match self {
            Input::Text { name, text } => Document::from_bytes(name, text.into_bytes())?,
            Input::File(path) => Document::read(path)?,
        };
        if doc.is_blank() {
            return Err(Error::Empty {
                path: doc.path.clone(),
                what: "the text".into(),
            });
        }
        Ok(doc)
    }
}

/// One document pair's input.
enum PairIn {
    Two {
        id: String,
        src: SideIn,
        tgt: SideIn,
    },
    Bilingual {
        id: String,
        doc: Input,
    },
}

impl PairIn {
    fn size(&self) -> usize {
        match self {
            PairIn::Two { src, tgt, .. } => src.doc.size() + tgt.doc.size(),
            PairIn::Bilingual { doc, .. } => doc.size(),
        }
    }
}

/// A validated pair, owning its texts.
enum PairDoc {
    Two {
        id: String,
        src: Document,
        tgt: Document,
        presegmented: (bool, bool),
    },
    Bilingual {
        id: String,
        doc: Document,
    },
}

/// A side's input from Python: `str` (raw, or lines when `presegmented`)
/// or a sequence of sentences.
fn side_in(obj: &Bound<'_, PyAny>, name: &str, presegmented: bool) -> PyResult<SideIn> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(SideIn {
            doc: Input::Text {
                name: name.to_string(),
                text: s.to_cow()?.into_owned(),
            },
            presegmented,
        });
    }
    if obj.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(PyTypeError::new_err(format!(
            "{name}: bytes, not str: decode the text first (wasl reads UTF-8)"
        )));
    }
    let items = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}: expected a str or a list of str, not {}",
            crate::error::type_name(obj)
        ))
    })?;
    // One sentence per line, as `--presegmented` reads a file; every
    // sentence ends with a newline so that a blank last sentence stays one.
    let mut text = String::new();
    for (i, item) in items.enumerate() {
        let item = item?;
        let s = item.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "{name}[{i}]: sentences must be str, not {}",
                crate::error::type_name(&item)
            ))
        })?;
        let s = s.to_cow()?;
        if s.contains('\n') {
            return Err(PyValueError::new_err(format!(
                "{name}[{i}]: a sentence holds a line break; give one sentence per item \
                 (or the whole text as one str, to be segmented)"
            )));
        }
        text.push_str(&s);
        text.push('\n');
    }
    Ok(SideIn {
        doc: Input::Text {
            name: name.to_string(),
            text,
        },
        presegmented: true,
    })
}

/// One side's embeddings from Python: a 2-D NumPy array of float32 or
/// float16 (float64 is taken too, narrowed), row k for sentence k, or for
/// the blocks `wasl overlaps` lists (as `--src-embed` reads a `.npy`
/// file). `name` (`src_embeddings`, …) names it in errors. The rows are
/// copied once, with the GIL held; the core checks them against the
/// sentences in the worker.
fn embeddings(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<Embeddings> {
    let array = obj.cast::<PyUntypedArray>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{name}: expected a NumPy array (sentences × dimension, float32 or float16), not {}",
            crate::error::type_name(obj)
        ))
    })?;
    if array.ndim() != 2 {
        return Err(PyValueError::new_err(format!(
            "{name}: shape {:?}: want a 2-D array, one row per sentence (sentences, dimension)",
            array.shape()
        )));
    }
    let (rows, dim) = (array.shape()[0], array.shape()[1]);
    let data: Vec<f32> = if let Ok(a) = obj.extract::<PyReadonlyArray2<'_, f32>>() {
        a.as_array().iter().copied().collect()
    } else if let Ok(a) = obj.extract::<PyReadonlyArray2<'_, half::f16>>() {
        a.as_array().iter().map(|x| x.to_f32()).collect()
    } else if let Ok(a) = obj.extract::<PyReadonlyArray2<'_, f64>>() {
        a.as_array().iter().map(|&x| x as f32).collect()
    } else {
        return Err(PyTypeError::new_err(format!(
            "{name}: dtype {}: want float32 or float16 (array.astype(numpy.float32))",
            array.dtype().str()?
        )));
    };
    Embeddings::new(name, rows, dim, data).py_err()
}

/// Both sides' embeddings, when given: both or neither.
fn embedding_pair(
    src: Option<&Bound<'_, PyAny>>,
    tgt: Option<&Bound<'_, PyAny>>,
    names: (&str, &str),
) -> PyResult<Option<(Embeddings, Embeddings)>> {
    match (src.filter(|o| !o.is_none()), tgt.filter(|o| !o.is_none())) {
        (None, None) => Ok(None),
        (Some(s), Some(t)) => Ok(Some((embeddings(s, names.0)?, embeddings(t, names.1)?))),
        _ => Err(PyValueError::new_err(format!(
            "{} and {} go together: give both sides' embeddings, or neither",
            names.0, names.1
        ))),
    }
}

/// Aligns `pairs` in one run (parameters and lexicon estimated from all of
/// them) and makes the beads, all in the worker.
/// `embeddings[k]` are pair `k`'s sentence embeddings (empty: none).
fn align_pairs(
    py: Python<'_>,
    pairs: Vec<PairIn>,
    embeddings: Vec<Option<(Embeddings, Embeddings)>>,
    src_lang: &str,
    tgt_lang: &str,
    options: Options,
) -> PyResult<Vec<Vec<Bead>>> {
    let (src_lang, tgt_lang) = (Lang::new(src_lang), Lang::new(tgt_lang));
    let size = pairs.iter().map(PairIn::size).sum();
    run::run(py, size, move || {
        align_in_worker(pairs, &embeddings, &src_lang, &tgt_lang, options)
    })?
    .py_err()
}

fn align_in_worker(
    pairs: Vec<PairIn>,
    embeddings: &[Option<(Embeddings, Embeddings)>],
    src_lang: &Lang,
    tgt_lang: &Lang,
    options: Options,
) -> wasl::Result<Vec<Vec<Bead>>> {
    // Validate every text (both sides at once, one per core); the first
    // error in input order is the one reported.
    let docs: Vec<PairDoc> = pairs
        .into_par_iter()
        .map(|p| match p {
            PairIn::Two { id, src, tgt } => {
                let (s, t) = rayon::join(|| src.doc.read(), || tgt.doc.read());
                Ok(PairDoc::Two {
                    id,
                    src: s?,
                    tgt: t?,
                    presegmented: (src.presegmented, tgt.presegmented),
                })
            }
            PairIn::Bilingual { id, doc } => Ok(PairDoc::Bilingual {
                id,
                doc: doc.read()?,
            }),
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<wasl::Result<_>>()?;
    let sides: Vec<(&str, Side, Side)> = docs
        .par_iter()
        .map(|d| match d {
            PairDoc::Two {
                id,
                src,
                tgt,
                presegmented: (ps, pt),
            } => {
                let (s, t) = rayon::join(
                    || side_of(src_lang.clone(), src, *ps),
                    || side_of(tgt_lang.clone(), tgt, *pt),
                );
                Ok((id.as_str(), s, t))
            }
            PairDoc::Bilingual { id, doc } => {
                let sections = split_sections(doc, src_lang, tgt_lang)?;
                let (s, t) = rayon::join(
                    || Side::segment(src_lang.clone(), &doc.text, &sections.source),
                    || Side::segment(tgt_lang.clone(), &doc.text, &sections.target),
                );
                Ok((id.as_str(), s, t))
            }
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<wasl::Result<_>>()?;
    let aligner = options.aligner(src_lang, tgt_lang)?;
    let alignments = {
        let refs: Vec<(&Side, &Side)> = sides.iter().map(|(_, s, t)| (s, t)).collect();
        if embeddings.iter().any(Option::is_some) {
            let embs: Vec<Option<(&Embeddings, &Embeddings)>> = embeddings
                .iter()
                .map(|e| e.as_ref().map(|(s, t)| (s, t)))
                .collect();
            aligner.align_batch_embedded(&refs, &embs, &|_| {})?
        } else {
            aligner.align_batch(&refs)
        }
    };
    // The sentences are kept and the texts moved into the beads' shared
    // document; the sides' borrows of the texts end here.
    let spans: Vec<(Vec<Sentence>, Vec<Sentence>)> = sides
        .into_iter()
        .map(|(_, s, t)| (s.sentences, t.sentences))
        .collect();
    let side = |lang: &Lang, text: Arc<String>, sentences| SideData {
        lang: lang.clone(),
        text,
        first: 0,
        sentences,
    };
    Ok(docs
        .into_iter()
        .zip(spans)
        .zip(alignments)
        .map(|((d, (src, tgt)), alignment)| {
            let (id, src_text, tgt_text) = match d {
                PairDoc::Two { id, src, tgt, .. } => (id, Arc::new(src.text), Arc::new(tgt.text)),
                PairDoc::Bilingual { id, doc } => {
                    let text = Arc::new(doc.text);
                    (id, text.clone(), text)
                }
            };
            let doc = Arc::new(DocData {
                id,
                src: side(src_lang, src_text, src),
                tgt: side(tgt_lang, tgt_text, tgt),
                whole: true,
            });
            alignment
                .beads
                .into_iter()
                .map(|b| Bead {
                    src: b.src,
                    tgt: b.tgt,
                    score: b.score,
                    doc: doc.clone(),
                })
                .collect()
        })
        .collect())
}

/// One whole text as one side (as the CLI reads one file).
fn side_of(lang: Lang, doc: &Document, presegmented: bool) -> Side<'_> {
    if presegmented {
        Side::presegmented(lang, &doc.text)
    } else {
        Side::segment(lang, &doc.text, &doc.paragraphs())
    }
}

/// Aligns a source text with its translation.
///
/// `src` and `tgt` are each raw text (`str`: segmented into sentences by
/// wasl; each line a paragraph) or sentences (a list of `str`, line N is
/// sentence N; an item that begins with white space continues the
/// paragraph of the item before, as in `wasl align --presegmented`).
/// With `presegmented=True` a `str` is one sentence per line. Without
/// `tgt`, `src` is one bilingual text whose two languages are found by
/// script, as `wasl align FILE` does.
///
/// `src_embeddings` and `tgt_embeddings` (both or neither) are sentence
/// embeddings as one more kind of evidence: 2-D NumPy arrays, float32 or
/// float16, row k for sentence k of that side (or one row per block that
/// `wasl overlaps` lists), as `wasl align --src-embed/--tgt-embed` reads
/// them from `.npy` files.
///
/// Returns the beads in order; every sentence of both sides is in exactly
/// one bead. Raises `ValueError` for input wasl cannot align (a blank
/// side, a NUL character, a bilingual text lacking a language, embeddings
/// whose shape does not fit the sentences).
#[pyfunction]
#[pyo3(signature = (src, tgt = None, *, src_lang = "ar", tgt_lang = "en", presegmented = false,
    doc = "", dict = None, model = None, max_bead = 8, passes = None, learned_lexicon = true,
    anchors = true, paragraphs = true, exact = false, src_embeddings = None, tgt_embeddings = None))]
#[allow(clippy::too_many_arguments)]
pub fn align(
    py: Python<'_>,
    src: &Bound<'_, PyAny>,
    tgt: Option<&Bound<'_, PyAny>>,
    src_lang: &str,
    tgt_lang: &str,
    presegmented: bool,
    doc: &str,
    dict: Option<&Bound<'_, PyAny>>,
    model: Option<PathBuf>,
    max_bead: usize,
    passes: Option<usize>,
    learned_lexicon: bool,
    anchors: bool,
    paragraphs: bool,
    exact: bool,
    src_embeddings: Option<&Bound<'_, PyAny>>,
    tgt_embeddings: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Bead>> {
    let options = Options::new(
        dict,
        model,
        max_bead,
        passes,
        learned_lexicon,
        anchors,
        paragraphs,
        exact,
    )?;
    let emb = embedding_pair(
        src_embeddings,
        tgt_embeddings,
        ("src_embeddings", "tgt_embeddings"),
    )?;
    let pair = match tgt.filter(|t| !t.is_none()) {
        Some(tgt) => PairIn::Two {
            id: doc.to_string(),
            src: side_in(src, "src", presegmented)?,
            tgt: side_in(tgt, "tgt", presegmented)?,
        },
        None => {
            let text = src.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(
                    "align(text) without tgt takes one bilingual str; give sentences as align(src, tgt)",
                )
            })?;
            if presegmented {
                return Err(PyValueError::new_err(
                    "presegmented needs two sides, src and tgt",
                ));
            }
            PairIn::Bilingual {
                id: doc.to_string(),
                doc: Input::Text {
                    name: "text".into(),
                    text: text.to_cow()?.into_owned(),
                },
            }
        }
    };
    let mut out = align_pairs(py, vec![pair], vec![emb], src_lang, tgt_lang, options)?;
    Ok(out.pop().unwrap_or_default())
}

/// Aligns one bilingual file (its two languages found by script), or a
/// source file and its translation (`tgt_path`), as `wasl align` does; the
/// same file gives the same beads. The beads' `doc` is the (source) file's
/// name without its extension. Raises `OSError` when a file cannot be
/// read and `ValueError` when its text cannot be aligned.
#[pyfunction]
#[pyo3(signature = (path, tgt_path = None, *, src_lang = "ar", tgt_lang = "en",
    presegmented = false, dict = None, model = None, max_bead = 8, passes = None, learned_lexicon = true,
    anchors = true, paragraphs = true, exact = false, src_embeddings = None, tgt_embeddings = None))]
#[allow(clippy::too_many_arguments)]
pub fn align_file(
    py: Python<'_>,
    path: PathBuf,
    tgt_path: Option<PathBuf>,
    src_lang: &str,
    tgt_lang: &str,
    presegmented: bool,
    dict: Option<&Bound<'_, PyAny>>,
    model: Option<PathBuf>,
    max_bead: usize,
    passes: Option<usize>,
    learned_lexicon: bool,
    anchors: bool,
    paragraphs: bool,
    exact: bool,
    src_embeddings: Option<&Bound<'_, PyAny>>,
    tgt_embeddings: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Bead>> {
    let options = Options::new(
        dict,
        model,
        max_bead,
        passes,
        learned_lexicon,
        anchors,
        paragraphs,
        exact,
    )?;
    let emb = embedding_pair(
        src_embeddings,
        tgt_embeddings,
        ("src_embeddings", "tgt_embeddings"),
    )?;
    let id = stem(&path);
    let pair = match tgt_path {
        Some(t) => PairIn::Two {
            id,
            src: SideIn {
                doc: Input::File(path),
                presegmented,
            },
            tgt: SideIn {
                doc: Input::File(t),
                presegmented,
            },
        },
        None if presegmented => {
            return Err(PyValueError::new_err(
                "presegmented needs two files, path and tgt_path",
            ))
        }
        None => PairIn::Bilingual {
            id,
            doc: Input::File(path),
        },
    };
    let mut out = align_pairs(py, vec![pair], vec![emb], src_lang, tgt_lang, options)?;
    Ok(out.pop().unwrap_or_default())
}

/// A file's name without its extension: the CLI's document id.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Aligns many document pairs in one run, as `wasl align --batch` does:
/// the model's parameters and the learned lexicon are estimated from all
/// of them together, and the documents are aligned in parallel.
///
/// `pairs` is an iterable of `(src, tgt)`, each side a `str` or a list of
/// sentences as in `align`. `ids` names the documents (the beads' `doc`);
/// by default they are numbered from `"0"`. Returns one list of beads per
/// pair, in order.
#[pyfunction]
#[pyo3(signature = (pairs, *, ids = None, src_lang = "ar", tgt_lang = "en",
    presegmented = false, dict = None, model = None, max_bead = 8, passes = None, learned_lexicon = true,
    anchors = true, paragraphs = true, exact = false, embeddings = None))]
#[allow(clippy::too_many_arguments)]
pub fn align_batch(
    py: Python<'_>,
    pairs: &Bound<'_, PyAny>,
    ids: Option<Vec<String>>,
    src_lang: &str,
    tgt_lang: &str,
    presegmented: bool,
    dict: Option<&Bound<'_, PyAny>>,
    model: Option<PathBuf>,
    max_bead: usize,
    passes: Option<usize>,
    learned_lexicon: bool,
    anchors: bool,
    paragraphs: bool,
    exact: bool,
    embeddings: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<Vec<Bead>>> {
    let options = Options::new(
        dict,
        model,
        max_bead,
        passes,
        learned_lexicon,
        anchors,
        paragraphs,
        exact,
    )?;
    let items: Vec<Bound<'_, PyAny>> = pairs.try_iter()?.collect::<PyResult<_>>()?;
    if let Some(ids) = &ids {
        if ids.len() != items.len() {
            return Err(PyValueError::new_err(format!(
                "ids has {} names for {} pairs",
                ids.len(),
                items.len()
            )));
        }
    }
    let mut inputs = Vec::with_capacity(items.len());
    for (k, pair) in items.iter().enumerate() {
        let (s, t) = pair
            .extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
            .map_err(|_| PyTypeError::new_err(format!("pairs[{k}]: expected a (src, tgt) pair")))?;
        let id = match &ids {
            Some(ids) => ids[k].clone(),
            None => k.to_string(),
        };
        inputs.push(PairIn::Two {
            id,
            src: side_in(&s, &format!("pairs[{k}].src"), presegmented)?,
            tgt: side_in(&t, &format!("pairs[{k}].tgt"), presegmented)?,
        });
    }
    // One (src, tgt) pair of arrays, or None, per document pair.
    let mut embs = Vec::new();
    if let Some(given) = embeddings.filter(|e| !e.is_none()) {
        let given: Vec<Bound<'_, PyAny>> = given.try_iter()?.collect::<PyResult<_>>()?;
        if given.len() != items.len() {
            return Err(PyValueError::new_err(format!(
                "embeddings has {} entries for {} pairs (None for a pair without)",
                given.len(),
                items.len()
            )));
        }
        for (k, e) in given.iter().enumerate() {
            if e.is_none() {
                embs.push(None);
                continue;
            }
            let (s, t) = e
                .extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>()
                .map_err(|_| {
                    PyTypeError::new_err(format!(
                        "embeddings[{k}]: expected a (src, tgt) pair of arrays, or None"
                    ))
                })?;
            let names = (
                format!("embeddings[{k}].src"),
                format!("embeddings[{k}].tgt"),
            );
            embs.push(embedding_pair(Some(&s), Some(&t), (&names.0, &names.1))?);
        }
    }
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    align_pairs(py, inputs, embs, src_lang, tgt_lang, options)
}
