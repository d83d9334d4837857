//! `wasl.segment`: sentences with their offsets in the Python string.
//!
//! The core's sentences are UTF-8 byte spans; Python indexes strings by
//! code point. The spans come out in text order, so one walk over the text
//! turns every byte offset into a character offset.

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::run;

/// One sentence of a text: `text[start:end] == sentence.text`.
#[pyclass(module = "wasl", frozen)]
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    text: String,
    start: usize,
    end: usize,
    paragraph: usize,
}

#[pymethods]
impl Sentence {
    #[new]
    #[pyo3(signature = (text, start, end, paragraph = 0))]
    fn new(text: String, start: usize, end: usize, paragraph: usize) -> Sentence {
        Sentence {
            text,
            start,
            end,
            paragraph,
        }
    }

    /// The sentence's text.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// Offset of its first character in the segmented string.
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// Offset one past its last character.
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The paragraph (non-blank line) it is in, counted from 0.
    #[getter]
    fn paragraph(&self) -> usize {
        self.paragraph
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Sentence>().is_ok_and(|o| *o.get() == *self)
    }

    fn __repr__(&self) -> String {
        format!(
            "Sentence(start={}, end={}, paragraph={}, text={:?})",
            self.start, self.end, self.paragraph, self.text
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let args = (&self.text, self.start, self.end, self.paragraph);
        (py.get_type::<Sentence>(), args).into_pyobject(py)
    }
}

/// Splits `text` into sentences with the rules of `lang` (a BCP 47 tag;
/// Arabic and English have their own rules, other languages Unicode's).
/// Every non-blank line is a paragraph, and no sentence crosses one.
///
/// Returns `Sentence` objects with `text`, `start`, `end` (offsets in
/// `text`, as Python indexes it: `text[s.start:s.end] == s.text`) and
/// `paragraph`.
#[pyfunction]
#[pyo3(signature = (text, lang))]
pub fn segment(py: Python<'_>, text: String, lang: &str) -> PyResult<Vec<Sentence>> {
    let lang = wasl::Lang::new(lang);
    let size = text.len();
    run::run(py, size, move || {
        let mut paragraphs = wasl::input::paragraphs(&text);
        // A byte-order mark is not text (the CLI drops it when reading a
        // file); here it stays in the string, so offsets stay the user's,
        // and only the first paragraph starts after it.
        if let Some(first) = paragraphs.first_mut() {
            if first.start == 0 && text.starts_with('\u{FEFF}') {
                first.start = '\u{FEFF}'.len_utf8();
                if let Some(r) = wasl::input::trim_range(&text, first.clone()) {
                    *first = r;
                } else {
                    paragraphs.remove(0);
                }
            }
        }
        let spans = wasl::segment::segment(&text, &paragraphs, &lang);
        char_offsets(&text, &spans)
    })
}

/// The sentences of `spans` (byte spans in text order) with character
/// offsets.
fn char_offsets(text: &str, spans: &[wasl::Sentence]) -> Vec<Sentence> {
    // (byte, char) of the last position converted; spans only move forward.
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_char = |b: usize| {
        if b >= byte {
            chars += text[byte..b].chars().count();
        } else {
            // Not expected (spans are in order), but never wrong.
            chars = text[..b].chars().count();
        }
        byte = b;
        chars
    };
    spans
        .iter()
        .map(|s| {
            let start = to_char(s.start);
            let end = to_char(s.end);
            Sentence {
                text: s.text(text).to_string(),
                start,
                end,
                paragraph: s.paragraph,
            }
        })
        .collect()
}

/// The blocks of 1 to `max` consecutive sentences, one string each, in the
/// order `wasl overlaps` lists them: every sentence, then every two
/// consecutive sentences joined by a space, and so on. Embedded by an
/// encoder, one row per block, they are `src_embeddings`/`tgt_embeddings`
/// that give each block of up to `max` sentences its own vector.
#[pyfunction]
#[pyo3(signature = (sentences, max = 4))]
pub fn overlaps(sentences: Vec<String>, max: usize) -> PyResult<Vec<String>> {
    if !(1..=16).contains(&max) {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "max must be from 1 to 16, not {max}"
        )));
    }
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    Ok(wasl::align::embedding::overlaps(texts.len(), max)
        .map(|r| wasl::align::embedding::block_text(&texts[r]))
        .collect())
}
