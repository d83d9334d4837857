//! `wasl.evaluate`: strict and lax precision, recall and F1 against gold,
//! as `wasl eval` and the literature's `score.py` compute them
//! ([`wasl::eval`] has the definition).

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};
use wasl::eval::{evaluate_paths, read_links, Counts, Link};

use crate::bead::Bead;
use crate::error::IntoPy;

/// Precision, recall and F1.
#[pyclass(module = "wasl", frozen)]
#[derive(Clone, Debug)]
pub struct Prf {
    #[pyo3(get)]
    precision: f64,
    #[pyo3(get)]
    recall: f64,
    #[pyo3(get)]
    f1: f64,
}

impl From<wasl::eval::Prf> for Prf {
    fn from(p: wasl::eval::Prf) -> Prf {
        Prf {
            precision: p.precision,
            recall: p.recall,
            f1: p.f1,
        }
    }
}

#[pymethods]
impl Prf {
    /// `{"precision": …, "recall": …, "f1": …}`
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("precision", self.precision)?;
        d.set_item("recall", self.recall)?;
        d.set_item("f1", self.f1)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Prf(precision={:.4}, recall={:.4}, f1={:.4})",
            self.precision, self.recall, self.f1
        )
    }
}

/// The scores of an alignment against gold: `strict` and `lax` (each a
/// `Prf`), how many `documents` were scored, and the gold documents that
/// had no test alignment (`missing`, scored as empty).
#[pyclass(module = "wasl", frozen)]
pub struct Evaluation {
    #[pyo3(get)]
    strict: Prf,
    #[pyo3(get)]
    lax: Prf,
    #[pyo3(get)]
    documents: usize,
    #[pyo3(get)]
    missing: Vec<String>,
}

#[pymethods]
impl Evaluation {
    /// The keys `wasl eval --json` and score.py print: `strict` and `lax`
    /// (each with `precision`, `recall`, `f1`; not rounded), `documents`,
    /// `missing`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("strict", self.strict.to_dict(py)?)?;
        d.set_item("lax", self.lax.to_dict(py)?)?;
        d.set_item("documents", self.documents)?;
        d.set_item("missing", &self.missing)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Evaluation(strict={}, lax={}, documents={})",
            self.strict.__repr__(),
            self.lax.__repr__(),
            self.documents
        )
    }
}

/// One link: a `Bead`, a bead line (`"[1, 2]:[3]"`, a score after it
/// ignored), or a pair of id lists (`([1, 2], [3])`).
fn link(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Link> {
    if let Ok(b) = obj.cast::<Bead>() {
        return Ok(Link::from(&b.get().core()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return match Link::parse(&s.to_cow()?) {
            Ok(Some(l)) => Ok(l),
            Ok(None) => Ok(Link::new([], [])),
            Err(e) => Err(PyValueError::new_err(format!(
                "{what}: not a bead `[src ids]:[tgt ids]`: {e}"
            ))),
        };
    }
    match obj.extract::<(Vec<usize>, Vec<usize>)>() {
        Ok((s, t)) => Ok(Link::new(s, t)),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what}: a link is a Bead, a bead string \"[1, 2]:[3]\" or a pair of id lists \
             ([1, 2], [3])"
        ))),
    }
}

fn links(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Link>> {
    obj.try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{what}: expected a list of links")))?
        .enumerate()
        .map(|(i, l)| link(&l?, &format!("{what}[{i}]")))
        .collect()
}

/// What a side of `evaluate` was given.
enum Side {
    Path(PathBuf),
    Docs(BTreeMap<String, Vec<Link>>),
    Links(Vec<Link>),
}

fn side(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Side> {
    if obj.is_instance_of::<PyString>() || obj.hasattr("__fspath__")? {
        return Ok(Side::Path(obj.extract()?));
    }
    if let Ok(m) = obj.cast::<PyMapping>() {
        let mut docs = BTreeMap::new();
        for item in m.items()?.iter() {
            let (name, value): (String, Bound<'_, PyAny>) = item.extract()?;
            let l = links(&value, &format!("{what}[{name:?}]"))?;
            docs.insert(name, l);
        }
        return Ok(Side::Docs(docs));
    }
    Ok(Side::Links(links(obj, what)?))
}

/// Scores `test` against `gold`: strict and lax precision, recall and F1,
/// as `wasl eval` and score.py compute them.
///
/// Each of `gold` and `test` is
/// - a path: a bead file, or a folder of them matched by file name;
/// - one document's links: each a `Bead`, a bead string `"[1, 2]:[3]"`,
///   or a pair of id lists `([1, 2], [3])`;
/// - a dict from document name to links: several documents,
///   micro-averaged; a gold document missing from `test` scores as an
///   empty alignment and is listed in `missing`.
///
/// A bead file is one document, a folder is documents by name, so a path
/// can be scored against links of the same kind (`evaluate("gold.beads",
/// beads)`).
#[pyfunction]
pub fn evaluate(
    py: Python<'_>,
    gold: &Bound<'_, PyAny>,
    test: &Bound<'_, PyAny>,
) -> PyResult<Evaluation> {
    let (gold, test) = match (side(gold, "gold")?, side(test, "test")?) {
        (Side::Path(g), Side::Path(t)) => {
            // Both on disk: exactly `wasl eval GOLD TEST`.
            let e = py.detach(|| evaluate_paths(&g, &t)).py_err()?;
            return Ok(evaluation(e.counts, e.documents, e.missing));
        }
        (g, t) => (load(py, g)?, load(py, t)?),
    };
    let (counts, documents, missing) = match (gold, test) {
        (Side::Links(g), Side::Links(t)) => (Counts::document(&g, &t), 1, Vec::new()),
        (Side::Docs(g), Side::Docs(t)) => {
            let mut counts = Counts::default();
            let mut missing = Vec::new();
            for (name, gold_links) in &g {
                let test_links = match t.get(name) {
                    Some(l) => l.as_slice(),
                    None => {
                        missing.push(name.clone());
                        &[]
                    }
                };
                counts += Counts::document(gold_links, test_links);
            }
            (counts, g.len(), missing)
        }
        _ => {
            return Err(PyTypeError::new_err(
                "gold and test must hold the same kind: one document (a bead file or a \
                 list of links) or documents by name (a folder or a dict)",
            ))
        }
    };
    Ok(evaluation(counts, documents, missing))
}

fn evaluation(counts: Counts, documents: usize, missing: Vec<String>) -> Evaluation {
    let s = counts.scores();
    Evaluation {
        strict: s.strict.into(),
        lax: s.lax.into(),
        documents,
        missing,
    }
}

/// A path read into links: a bead file is one document, a folder one
/// document per file (by name, as `wasl eval` matches folders).
fn load(py: Python<'_>, side: Side) -> PyResult<Side> {
    let Side::Path(path) = side else {
        return Ok(side);
    };
    py.detach(|| -> wasl::Result<Side> {
        let meta = std::fs::metadata(&path).map_err(|e| wasl::Error::io(&path, e))?;
        if !meta.is_dir() {
            return Ok(Side::Links(read_links(&path)?));
        }
        let mut docs = BTreeMap::new();
        for entry in std::fs::read_dir(&path).map_err(|e| wasl::Error::io(&path, e))? {
            let file = entry.map_err(|e| wasl::Error::io(&path, e))?.path();
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            docs.insert(name, read_links(&file)?);
        }
        Ok(Side::Docs(docs))
    })
    .py_err()
}
