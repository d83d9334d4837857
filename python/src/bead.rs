//! `wasl.Bead`: one bead of an alignment, with its texts.
//!
//! The core's [`wasl::Bead`] is two ranges and a score; its texts live in
//! the sides it was aligned from. A Python bead stands alone — it can be
//! filtered, pickled to another process, put in a DataFrame and back — so
//! it holds its document: the beads of one alignment share one
//! [`DocData`] (the texts as read, and the sentences' spans), and a bead's
//! texts are cut from it when an attribute is read. Making the beads of a
//! long document thus costs one small object each, and writing them back
//! out hands the core writers the sides they were aligned from.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};
use wasl::{Lang, Sentence, Side};

/// One side of a document, as the beads need it.
#[derive(Debug)]
pub struct SideData {
    pub lang: Lang,
    /// The text the sentences point into (both sides of a bilingual text
    /// share it).
    pub text: Arc<String>,
    /// The id of `sentences[0]`: 0 for an aligned document; a bead made by
    /// hand holds only its own sentences.
    pub first: usize,
    pub sentences: Vec<Sentence>,
}

impl SideData {
    /// The side as the core's writers take it.
    pub fn side(&self) -> Side<'_> {
        Side {
            lang: self.lang.clone(),
            text: self.text.as_str(),
            sentences: self.sentences.clone(),
        }
    }

    /// The text of sentences `ids`, as the core's writers write a bead's
    /// side: the sentences joined with one space, blank ones (blank lines
    /// of presegmented input) left out.
    pub fn joined(&self, ids: &Range<usize>) -> Cow<'_, str> {
        let lo = ids.start.saturating_sub(self.first);
        let hi = ids.end.saturating_sub(self.first).min(self.sentences.len());
        let mut texts = self.sentences[lo.min(hi)..hi]
            .iter()
            .map(|s| self.text.get(s.span()).unwrap_or(""))
            .filter(|t| !t.trim().is_empty());
        let Some(first) = texts.next() else {
            return Cow::Borrowed("");
        };
        match texts.next() {
            None => Cow::Borrowed(first),
            Some(second) => {
                let mut out = format!("{first} {second}");
                for t in texts {
                    out.push(' ');
                    out.push_str(t);
                }
                Cow::Owned(out)
            }
        }
    }

    /// A side holding one bead's text at its first id (the other ids are
    /// blank), for a bead made from its parts.
    fn of_bead(lang: Lang, ids: &Range<usize>, text: String) -> SideData {
        let end = text.len();
        let mut sentences = vec![
            Sentence {
                start: 0,
                end: 0,
                paragraph: 0,
            };
            ids.len()
        ];
        if let Some(s) = sentences.first_mut() {
            s.end = end;
        }
        SideData {
            lang,
            text: Arc::new(text),
            first: ids.start,
            sentences,
        }
    }
}

/// What the beads of one document share.
#[derive(Debug)]
pub struct DocData {
    pub id: String,
    pub src: SideData,
    pub tgt: SideData,
    /// True for a document as aligned (every sentence of both sides);
    /// false for the part of one that a bead made by hand holds.
    pub whole: bool,
}

impl DocData {
    /// Whether two documents are one for writing (same id and languages).
    pub fn same_doc(&self, other: &DocData) -> bool {
        self.id == other.id && self.src.lang == other.src.lang && self.tgt.lang == other.tgt.lang
    }
}

/// One bead: consecutive source sentences paired with consecutive target
/// sentences (either side may be empty: an omission or an insertion).
#[pyclass(module = "wasl", frozen)]
#[derive(Clone, Debug)]
pub struct Bead {
    pub src: Range<usize>,
    pub tgt: Range<usize>,
    pub score: f64,
    pub doc: Arc<DocData>,
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

    pub fn src_text(&self) -> Cow<'_, str> {
        self.doc.src.joined(&self.src)
    }

    pub fn tgt_text(&self) -> Cow<'_, str> {
        self.doc.tgt.joined(&self.tgt)
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
    #[pyo3(signature = (src_ids, tgt_ids, src, tgt, score, doc = "", src_lang = "ar", tgt_lang = "en", kind = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        src_ids: Vec<usize>,
        tgt_ids: Vec<usize>,
        src: String,
        tgt: String,
        score: f64,
        doc: &str,
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
        let (src_lang, tgt_lang) = (Lang::new(src_lang), Lang::new(tgt_lang));
        let doc = DocData {
            id: doc.to_string(),
            src: SideData::of_bead(src_lang, &s, src),
            tgt: SideData::of_bead(tgt_lang, &t, tgt),
            whole: false,
        };
        Ok(Bead {
            src: s,
            tgt: t,
            score,
            doc: Arc::new(doc),
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
    fn src(&self) -> Cow<'_, str> {
        self.src_text()
    }

    /// The target sentences' text, joined with one space.
    #[getter]
    fn tgt(&self) -> Cow<'_, str> {
        self.tgt_text()
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
        self.doc.src.lang.tag()
    }

    /// The target language tag.
    #[getter]
    fn tgt_lang(&self) -> &str {
        self.doc.tgt.lang.tag()
    }

    /// The bead as a dict (keys `doc`, `src_ids`, `tgt_ids`, `src`, `tgt`,
    /// `score`, `kind`, `src_lang`, `tgt_lang`): a row for
    /// `pandas.DataFrame`, and the keyword arguments of `Bead`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("doc", self.doc())?;
        d.set_item("src_ids", self.src_ids())?;
        d.set_item("tgt_ids", self.tgt_ids())?;
        d.set_item("src", self.src_text())?;
        d.set_item("tgt", self.tgt_text())?;
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
                    && self.score == o.score
                    && self.doc.same_doc(&o.doc)
                    && self.src_text() == o.src_text()
                    && self.tgt_text() == o.tgt_text()
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
            preview(&self.src_text()),
            preview(&self.tgt_text())
        )
    }

    /// Pickling (multiprocessing hands beads between processes).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.get_type::<Bead>();
        let args = (
            self.src_ids(),
            self.tgt_ids(),
            self.src_text(),
            self.tgt_text(),
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
