//! `wasl.write` and `wasl.dumps`: beads to CSV, TMX, beads, line-aligned
//! text or JSON Lines, by the core's writers.
//!
//! The writers take documents (two sides and an alignment); Python hands
//! over beads. Each run of consecutive beads of one document (same id and
//! languages) becomes a document again. Beads straight from an alignment
//! share their document, whose sides go to the writers as they are; beads
//! made by hand, or gathered from several alignments, are put together
//! into a new document whose sentence at each bead's first id holds the
//! bead's text (its other ids are blank, which the writers skip when
//! joining), so the core writes exactly the texts the beads carry.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use wasl::write::{self as writers, AlignedDoc, Format, Stats};
use wasl::{Alignment, Sentence, Side};

use crate::bead::{Bead, DocData, SideData};
use crate::error::{io_to_py, IntoPy};

/// A side being put together from beads' texts.
struct Gathered {
    text: String,
    sentences: Vec<Sentence>,
}

impl Gathered {
    fn new() -> Gathered {
        Gathered {
            text: String::new(),
            sentences: Vec::new(),
        }
    }

    /// Puts `text` at the first sentence of `ids`.
    fn put(&mut self, ids: &std::ops::Range<usize>, text: &str) {
        if ids.end > self.sentences.len() {
            let blank = Sentence {
                start: 0,
                end: 0,
                paragraph: 0,
            };
            self.sentences.resize(ids.end, blank);
        }
        if ids.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(text);
        self.sentences[ids.start] = Sentence {
            start,
            end: self.text.len(),
            paragraph: 0,
        };
    }

    fn into_side(self, lang: wasl::Lang) -> SideData {
        SideData {
            lang,
            text: Arc::new(self.text),
            first: 0,
            sentences: self.sentences,
        }
    }
}

/// Whether `b` belongs to the document of `run`: the same aligned
/// document, or beads made by hand with the same id and languages whose
/// ids go on forward (two documents given the same id, one after the
/// other, stay two).
fn continues(run: &[Bead], b: &Bead) -> bool {
    let last = &run[run.len() - 1];
    if Arc::ptr_eq(&last.doc, &b.doc) {
        return true;
    }
    !last.doc.whole
        && !b.doc.whole
        && last.doc.same_doc(&b.doc)
        && b.src.start >= last.src.end
        && b.tgt.start >= last.tgt.end
}

/// The beads as documents: a new document wherever the document changes.
fn documents(beads: &Bound<'_, PyAny>) -> PyResult<Vec<(Arc<DocData>, Alignment)>> {
    // Runs of beads of one document.
    let mut runs: Vec<Vec<Bead>> = Vec::new();
    for (i, item) in beads
        .try_iter()
        .map_err(|_| PyTypeError::new_err("beads: expected a list of wasl.Bead"))?
        .enumerate()
    {
        let item = item?;
        let b = item.cast::<Bead>().map_err(|_| {
            PyTypeError::new_err(format!(
                "beads[{i}]: expected a wasl.Bead, not {}",
                crate::error::type_name(&item)
            ))
        })?;
        let b = b.get();
        match runs.last_mut() {
            Some(run) if continues(run, b) => run.push(b.clone()),
            _ => runs.push(vec![b.clone()]),
        }
    }
    Ok(runs
        .into_iter()
        .map(|run| {
            let alignment = Alignment {
                beads: run.iter().map(Bead::core).collect(),
            };
            let first = run[0].doc.clone();
            let shared = first.whole && run.iter().all(|b| Arc::ptr_eq(&b.doc, &first));
            if shared {
                return (first, alignment);
            }
            let (mut src, mut tgt) = (Gathered::new(), Gathered::new());
            for b in &run {
                src.put(&b.src, &b.src_text());
                tgt.put(&b.tgt, &b.tgt_text());
            }
            let doc = DocData {
                id: first.id.clone(),
                src: src.into_side(first.src.lang.clone()),
                tgt: tgt.into_side(first.tgt.lang.clone()),
                whole: true,
            };
            (Arc::new(doc), alignment)
        })
        .collect())
}

/// The format by name, or by `path`'s extension, or CSV (as `wasl align
/// -f` and `-o` choose it).
fn format_of(name: Option<&str>, path: Option<&Path>) -> PyResult<Format> {
    match (name, path) {
        (Some(n), _) => Format::from_name(n).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown format '{n}': use csv, tmx, beads, text or jsonl"
            ))
        }),
        (None, Some(p)) => Ok(Format::from_path(p).unwrap_or(Format::Csv)),
        (None, None) => Ok(Format::Csv),
    }
}

fn stats_dict<'py>(py: Python<'py>, s: Stats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("docs", s.docs)?;
    d.set_item("beads", s.beads)?;
    d.set_item("written", s.written)?;
    d.set_item("one_sided", s.one_sided)?;
    d.set_item("src_sentences_left_out", s.src_sentences_left_out)?;
    d.set_item("tgt_sentences_left_out", s.tgt_sentences_left_out)?;
    Ok(d)
}

/// Writes beads to `path` in `format`: `"csv"`, `"tmx"`, `"beads"`,
/// `"jsonl"`, or `"text"` (line-aligned: two files, `path.SRC` and
/// `path.TGT` named by the languages). Without `format`, the format
/// follows `path`'s extension, else CSV. The file is written completely
/// or not at all (a temporary file renamed into place), as the CLI
/// writes its output.
///
/// TMX and text hold pairs only: beads with one side empty are left out
/// and counted. Returns the counts: `docs`, `beads`, `written`,
/// `one_sided`, `src_sentences_left_out`, `tgt_sentences_left_out`.
#[pyfunction]
#[pyo3(signature = (beads, path, *, format = None))]
pub fn write<'py>(
    py: Python<'py>,
    beads: &Bound<'py, PyAny>,
    path: PathBuf,
    format: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let format = format_of(format, Some(&path))?;
    let owned = documents(beads)?;
    let stats = py.detach(|| -> PyResult<Stats> {
        let sides: Vec<(Side, Side)> = owned
            .iter()
            .map(|(d, _)| (d.src.side(), d.tgt.side()))
            .collect();
        let docs = aligned(&owned, &sides);
        if format == Format::Text {
            return writers::text::write_text_files_stats(&docs, &path).py_err();
        }
        let mut stats = Stats::default();
        let mut failure = None;
        writers::write_atomically(&path, |w| {
            writers::write_docs_stats(format, &docs, w)
                .map(|s| stats = s)
                .inspect_err(|e| {
                    // Kept to tell a refused bead from a full disk.
                    failure = Some(e.kind());
                })
        })
        .map_err(|e| match (e, failure) {
            (wasl::Error::Io { source, .. }, Some(std::io::ErrorKind::InvalidData)) => {
                io_to_py(&path, source)
            }
            (e, _) => crate::error::to_py(e),
        })?;
        Ok(stats)
    })?;
    stats_dict(py, stats)
}

/// The beads written in `format` (`"csv"`, `"tmx"`, `"beads"`, `"jsonl"`),
/// as a string.
#[pyfunction]
#[pyo3(signature = (beads, format = "csv"))]
pub fn dumps(py: Python<'_>, beads: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = format_of(Some(format), None)?;
    if format == Format::Text {
        return Err(PyValueError::new_err(
            "text is two files, one per language: use write(beads, prefix, format=\"text\")",
        ));
    }
    let owned = documents(beads)?;
    py.detach(|| {
        let sides: Vec<(Side, Side)> = owned
            .iter()
            .map(|(d, _)| (d.src.side(), d.tgt.side()))
            .collect();
        let docs = aligned(&owned, &sides);
        let mut out = Vec::new();
        writers::write_docs_stats(format, &docs, &mut out)
            .map_err(|e| io_to_py(Path::new("<string>"), e))?;
        String::from_utf8(out)
            .map_err(|e| PyValueError::new_err(format!("wasl: output is not UTF-8: {e}")))
    })
}

fn aligned<'a>(
    owned: &'a [(Arc<DocData>, Alignment)],
    sides: &'a [(Side<'a>, Side<'a>)],
) -> Vec<AlignedDoc<'a>> {
    owned
        .iter()
        .zip(sides)
        .map(|((d, alignment), (s, t))| AlignedDoc {
            id: &d.id,
            src: s,
            tgt: t,
            alignment,
        })
        .collect()
}
