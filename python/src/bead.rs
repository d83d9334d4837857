//! `wasl.Bead`: one bead of an alignment, with its texts.
//!
//! The core's [`wasl::Bead`] is two ranges and a score; its texts live in
//! the sides it was aligned from. A Python bead stands alone — it can be
//! filtered, pickled to another process, put in a DataFrame and back — so
//! it carries its texts (joined as the writers join them) and the
//! document's id and languages, which the writers need. The conversion to
//! Python values happens when an attribute is read, so making the beads
//! of a long document costs one small object each.

use std::ops::Range;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

/// What the beads of one document share.
#[derive(Debug, PartialEq, Eq)]
pub struct DocInfo {
    pub id: String,
    pub src_lang: wasl::Lang,
    pub tgt_lang: wasl::Lang,
}

/// One bead: consecutive source sentences paired with consecutive target
/// sentences (either side may be empty: an omission or an insertion).
#[pyclass(module = "wasl", frozen)]
#[derive(Clone, Debug)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub src_text: String,
    pub tgt_text: String,
    pub score: f64,
    pub doc: Arc<DocInfo>,
}

impl Bead {
    /// The core's bead (ranges and score).
    pub fn core(&self) -> wasl::Bead {
        wasl::Bead {
            src: self.src.clone(),
            tgt: self.tgt.clone(),
            score: self.score,
        }
    }
}

/// Sentence ids as a range: they must be consecutive and increasing.
fn ids_range(ids: &[usize], which: &str) -> PyResult<Range<usize>> {
    let Some(&first) = ids.first() else {
        return Ok(0..0);
    };
    for (k, &id) in ids.iter().enumerate() {
        if id != first + k {
            return Err(PyValueError::new_err(format!(
                "{which} {ids:?}: a bead's sentence ids must be consecutive and increasing"
            )));
        }
    }
    Ok(first..first + ids.len())
}

fn kind_of(src: &Range<usize>, tgt: &Range<usize>) -> String {
    format!("{}-{}", src.len(), tgt.len())
}

#[pymethods]
impl Bead {
    /// A bead from its parts, as `Bead.to_dict()` gives them (so
    /// `Bead(**b.to_dict())` equals `b`). `kind`, if given, must agree
    /// with the ids.
    #[new]
    #[pyo3(signature = (src_ids, tgt_ids, src, tgt, score, doc = String::new(), src_lang = "ar", tgt_lang = "en", kind = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        src_ids: Vec<usize>,
        tgt_ids: Vec<usize>,
        src: String,
        tgt: String,
        score: f64,
        doc: String,
        src_lang: &str,
        tgt_lang: &str,
        kind: Option<&str>,
    ) -> PyResult<Bead> {
        let (s, t) = (
            ids_range(&src_ids, "src_ids")?,
            ids_range(&tgt_ids, "tgt_ids")?,
        );
        if let Some(k) = kind {
            if k != kind_of(&s, &t) {
                return Err(PyValueError::new_err(format!(
                    "kind '{k}' does not match the ids ({})",
                    kind_of(&s, &t)
                )));
            }
        }
        Ok(Bead {
            src: s,
            tgt: t,
            src_text: src,
            tgt_text: tgt,
            score,
            doc: Arc::new(DocInfo {
                id: doc,
                src_lang: wasl::Lang::new(src_lang),
                tgt_lang: wasl::Lang::new(tgt_lang),
            }),
        })
    }

    /// Source sentence ids (0-based, consecutive; empty for an insertion).
    #[getter]
    fn src_ids(&self) -> Vec<usize> {
        self.src.clone().collect()
    }

    /// Target sentence ids (0-based, consecutive; empty for an omission).
    #[getter]
    fn tgt_ids(&self) -> Vec<usize> {
        self.tgt.clone().collect()
    }

    /// The source sentences' text, joined with one space.
    #[getter]
    fn src(&self) -> &str {
        &self.src_text
    }

    /// The target sentences' text, joined with one space.
    #[getter]
    fn tgt(&self) -> &str {
        &self.tgt_text
    }

    /// Confidence in [0, 1] that the bead is right.
    #[getter]
    fn score(&self) -> f64 {
        self.score
    }

    /// The bead type, `m-n`: `1-1`, `2-1`, `1-0` (an omission), …
    #[getter]
    fn kind(&self) -> String {
        kind_of(&self.src, &self.tgt)
    }

    /// The document's id (a file's stem, or the id given to `align`).
    #[getter]
    fn doc(&self) -> &str {
        &self.doc.id
    }

    /// The source language tag.
    #[getter]
    fn src_lang(&self) -> &str {
        self.doc.src_lang.tag()
    }

    /// The target language tag.
    #[getter]
    fn tgt_lang(&self) -> &str {
        self.doc.tgt_lang.tag()
    }

    /// The bead as a dict (keys `doc`, `src_ids`, `tgt_ids`, `src`, `tgt`,
    /// `score`, `kind`, `src_lang`, `tgt_lang`): a row for
    /// `pandas.DataFrame`, and the keyword arguments of `Bead`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", self.doc())?;
        d.set_item("src_ids", self.src_ids())?;
        d.set_item("tgt_ids", self.tgt_ids())?;
        d.set_item("src", &self.src_text)?;
        d.set_item("tgt", &self.tgt_text)?;
        d.set_item("score", self.score)?;
        d.set_item("kind", self.kind())?;
        d.set_item("src_lang", self.src_lang())?;
        d.set_item("tgt_lang", self.tgt_lang())?;
        Ok(d)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        match other.cast::<Bead>() {
            Ok(o) => {
                let o = o.get();
                self.src == o.src
                    && self.tgt == o.tgt
                    && self.src_text == o.src_text
                    && self.tgt_text == o.tgt_text
                    && self.score == o.score
                    && self.doc == o.doc
            }
            Err(_) => false,
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "Bead(src_ids={:?}, tgt_ids={:?}, kind='{}', score={:.4}, src={:?}, tgt={:?})",
            self.src_ids(),
            self.tgt_ids(),
            self.kind(),
            self.score,
            preview(&self.src_text),
            preview(&self.tgt_text)
        )
    }

    /// Pickling (multiprocessing hands beads between processes).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.get_type::<Bead>();
        let args = (
            self.src_ids(),
            self.tgt_ids(),
            &self.src_text,
            &self.tgt_text,
            self.score,
            self.doc(),
            self.src_lang(),
            self.tgt_lang(),
        );
        (cls, args).into_pyobject(py)
    }
}

/// The start of a long text, for `repr`.
fn preview(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
