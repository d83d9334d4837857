//! Output writers, one module per format.
//!
//! Every writer takes [`AlignedDoc`]s — the two sides and their alignment —
//! and writes them to any `io::Write`:
//!
//! | format | module | one record per | beads with an empty side |
//! |---|---|---|---|
//! | CSV (RFC 4180, header row) | [`csv`] | bead | written |
//! | TMX 1.4b | [`tmx`] | bead with text on both sides (`<tu>`) | counted, not written |
//! | beads (`[i, j]:[k]:score`) | [`beads`] | bead | written |
//! | line-aligned text (two files) | [`text`] | bead with text on both sides | counted, not written |
//! | JSON Lines | [`jsonl`] | bead | written |
//! | HTML review page | [`html`] | bead (a row, and a rectangle in the path picture) | written, marked |
//!
//! The formats that hold every bead lose nothing; TMX and line-aligned text
//! are pair formats (a translation memory entry, a line of a parallel
//! corpus) with no place for a sentence that has no counterpart, so they
//! count what they leave out in [`Stats`] for the caller to report.
//!
//! **`--min-score P`** ([`StreamWriter::with_min_score`],
//! [`text::TextWriter::with_min_score`]): the pair formats, made to build
//! translation memories and test sets where a wrong pair costs more than a
//! missing one, keep only the pairs whose score (as written, four
//! decimals) is at least `P`, and count the rest in [`Stats`]. The formats
//! that hold every bead ignore it: they carry each bead's score for the
//! reader to filter on, and drop nothing.
//!
//! The reliability diagram of `wasl eval --plot` is a picture of an
//! evaluation rather than of beads: [`reliability`].
//!
//! The core is [`StreamWriter`]: header, then documents one at a time (each
//! flushed, so a long-running `stream` command hands every document on as
//! soon as it is aligned), then footer. [`write_docs`] is that loop over a
//! slice; both share every line of format code. The HTML page is the one
//! exception: it summarises the whole run at its top, so it is written by
//! [`html::write_page`] from every document at once.

pub mod beads;
pub mod csv;
pub mod file;
pub mod html;
pub mod jsonl;
pub mod reliability;
pub mod text;
pub mod tmx;

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use crate::align::{Alignment, Bead};
use crate::lang::Lang;
use crate::segment::{Sentence, Side};

pub use beads::bead_string;
pub use file::{check_outputs, write_atomically};
pub use text::write_text_files;

/// One aligned document pair, as the writers see it.
#[derive(Clone, Copy, Debug)]
pub struct AlignedDoc<'a> {
    /// Document id (file stem or record id).
    pub id: &'a str,
    pub src: &'a Side<'a>,
    pub tgt: &'a Side<'a>,
    pub alignment: &'a Alignment,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// TMX 1.4b translation memory.
    Tmx,
    /// One bead per line, `[i, j]:[k]:score`, as gold files and other aligners.
    Beads,
    /// Line-aligned plain text: one file per language, line N of each a pair.
    Text,
    /// JSON Lines, one object per bead.
    Jsonl,
    /// A self-contained HTML page for reviewing the alignment.
    Html,
}

impl Format {
    /// Parses a format name as given to `--format`.
    pub fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "csv" => Format::Csv,
            "tmx" => Format::Tmx,
            "beads" | "bead" | "align" => Format::Beads,
            "text" | "txt" | "lines" | "moses" => Format::Text,
            "jsonl" | "json" | "ndjson" => Format::Jsonl,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }

    /// The name `--format` knows it by (`text`, not its extension `txt`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tmx => "tmx",
            Format::Beads => "beads",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tmx => "tmx",
            Format::Beads => "beads",
            Format::Text => "txt",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
        }
    }

    /// The names `--format` takes, as a list for messages.
    pub const NAMES: &'static str = "csv, tmx, beads, text, jsonl or html";

    /// Guesses the format from an output path's extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// True for the formats that write only beads with text on both sides
    /// (TMX, line-aligned text); the others write every bead.
    pub fn pairs_only(self) -> bool {
        matches!(self, Format::Tmx | Format::Text)
    }

    /// False for the bead format, which writes sentence ids and no text.
    fn writes_text(self) -> bool {
        !matches!(self, Format::Beads)
    }
}

/// What a writer wrote and what it left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Documents written.
    pub docs: usize,
    /// Beads seen, written or not.
    pub beads: usize,
    /// Records written: rows, lines or TUs.
    pub written: usize,
    /// Beads not written because one side has no text (TMX and text only).
    pub one_sided: usize,
    /// Source sentences in those beads.
    pub src_sentences_left_out: usize,
    /// Target sentences in those beads.
    pub tgt_sentences_left_out: usize,
    /// Pairs (beads with text on both sides) not written because their
    /// score is below the minimum score (TMX and text only).
    pub below_min_score: usize,
    /// Source sentences in those pairs.
    pub src_sentences_below_min_score: usize,
    /// Target sentences in those pairs.
    pub tgt_sentences_below_min_score: usize,
}

impl std::ops::AddAssign for Stats {
    /// Sums the counts of several outputs (a batch's files).
    fn add_assign(&mut self, o: Stats) {
        self.docs += o.docs;
        self.beads += o.beads;
        self.written += o.written;
        self.one_sided += o.one_sided;
        self.src_sentences_left_out += o.src_sentences_left_out;
        self.tgt_sentences_left_out += o.tgt_sentences_left_out;
        self.below_min_score += o.below_min_score;
        self.src_sentences_below_min_score += o.src_sentences_below_min_score;
        self.tgt_sentences_below_min_score += o.tgt_sentences_below_min_score;
    }
}

/// Reads a minimum score as `--min-score` takes it: a number in [0, 1].
///
/// ```
/// assert_eq!(wasl::write::parse_min_score("0.9"), Ok(0.9));
/// assert!(wasl::write::parse_min_score("1.5").is_err());
/// assert!(wasl::write::parse_min_score("NaN").is_err());
/// ```
pub fn parse_min_score(text: &str) -> std::result::Result<f64, String> {
    let p: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a number: give a score from 0 to 1"))?;
    if (0.0..=1.0).contains(&p) {
        Ok(p)
    } else {
        Err(format!(
            "{text} is not a score: give a number from 0 to 1 (scores are probabilities)"
        ))
    }
}

/// True when `score` passes a minimum score `min`. The score is compared
/// as every format writes it, with four decimals, so that a pair shown as
/// `0.9000` is kept by `--min-score 0.9` and every kept pair shows a score
/// of at least `min`.
pub fn meets_min_score(score: f64, min: f64) -> bool {
    let shown: f64 = format!("{:.4}", clamp_score(score)).parse().unwrap_or(0.0);
    shown >= min
}

impl Stats {
    /// Counts what writing `docs` in `format` writes and leaves out, without
    /// writing anything (so a caller of [`write_docs`] can report it).
    pub fn of(format: Format, docs: &[AlignedDoc]) -> io::Result<Stats> {
        Stats::of_filtered(format, docs, None)
    }

    /// [`of`](Self::of) with a minimum score for the pair formats.
    pub fn of_filtered(
        format: Format,
        docs: &[AlignedDoc],
        min_score: Option<f64>,
    ) -> io::Result<Stats> {
        let mut stats = Stats::default();
        for doc in docs {
            stats.docs += 1;
            for bead in &doc.alignment.beads {
                let pair = Pair::of(doc, bead)?;
                stats.count(format, &pair, min_score);
            }
        }
        Ok(stats)
    }

    /// Counts one bead; returns whether the format writes it. A minimum
    /// score applies to the pair formats only.
    fn count(&mut self, format: Format, pair: &Pair, min_score: Option<f64>) -> bool {
        self.beads += 1;
        if format.pairs_only() && !pair.has_both_sides() {
            self.one_sided += 1;
            self.src_sentences_left_out += pair.bead.src.len();
            self.tgt_sentences_left_out += pair.bead.tgt.len();
            false
        } else if format.pairs_only()
            && min_score.is_some_and(|min| !meets_min_score(pair.score, min))
        {
            self.below_min_score += 1;
            self.src_sentences_below_min_score += pair.bead.src.len();
            self.tgt_sentences_below_min_score += pair.bead.tgt.len();
            false
        } else {
            self.written += 1;
            true
        }
    }
}

/// One bead with its texts, as every writer needs it.
pub(crate) struct Pair<'a> {
    pub bead: &'a Bead,
    /// The source sentences of the bead joined with one space.
    pub src: Cow<'a, str>,
    /// The target sentences of the bead joined with one space.
    pub tgt: Cow<'a, str>,
    /// The score, made safe to print: in [0, 1], never NaN.
    pub score: f64,
}

impl<'a> Pair<'a> {
    /// Looks up the bead's sentences. A bead pointing past its side is an
    /// aligner bug; it becomes an error naming the document, not a panic.
    pub fn of(doc: &AlignedDoc<'a>, bead: &'a Bead) -> io::Result<Pair<'a>> {
        Ok(Pair {
            bead,
            src: joined(doc, doc.src, &bead.src, "source")?,
            tgt: joined(doc, doc.tgt, &bead.tgt, "target")?,
            score: clamp_score(bead.score),
        })
    }

    /// [`of`](Self::of) for a format that writes no text: the bead's
    /// ranges are checked the same way, its texts are left empty.
    fn without_text(doc: &AlignedDoc<'a>, bead: &'a Bead) -> io::Result<Pair<'a>> {
        sentences(doc, doc.src, &bead.src, "source")?;
        sentences(doc, doc.tgt, &bead.tgt, "target")?;
        Ok(Pair {
            bead,
            src: Cow::Borrowed(""),
            tgt: Cow::Borrowed(""),
            score: clamp_score(bead.score),
        })
    }

    /// True when both sides hold some text (a blank presegmented line is a
    /// sentence, but not text a translation memory can use).
    pub fn has_both_sides(&self) -> bool {
        !self.src.trim().is_empty() && !self.tgt.trim().is_empty()
    }

    /// The score with four decimals, as every text format prints it.
    pub fn score_text(&self) -> String {
        format!("{:.4}", self.score)
    }
}

/// The aligner promises scores in [0, 1]; the writers hold to it even if a
/// future model slips, because a NaN would make JSON `null` and a CSV column
/// that no longer parses as numbers.
fn clamp_score(score: f64) -> f64 {
    if score.is_nan() {
        0.0
    } else {
        score.clamp(0.0, 1.0)
    }
}

/// The sentences of `range` of `side`. A range past the side's end is an
/// aligner bug; it becomes an error naming the document, not a panic.
fn sentences<'a>(
    doc: &AlignedDoc,
    side: &'a Side<'a>,
    range: &Range<usize>,
    which: &str,
) -> io::Result<&'a [Sentence]> {
    side.sentences.get(range.clone()).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "document {}: a bead points at {which} sentences {}..{}, but the side has {}",
                doc.id,
                range.start,
                range.end,
                side.len()
            ),
        )
    })
}

/// The texts of `range` of `side` joined with one space; blank sentences
/// (presegmented blank lines) add nothing, so no stray spaces appear.
fn joined<'a>(
    doc: &AlignedDoc<'a>,
    side: &'a Side<'a>,
    range: &Range<usize>,
    which: &str,
) -> io::Result<Cow<'a, str>> {
    let mut texts = sentences(doc, side, range, which)?
        .iter()
        .map(|s| side.text.get(s.span()).unwrap_or(""))
        .filter(|t| !t.trim().is_empty());
    let Some(first) = texts.next() else {
        return Ok(Cow::Borrowed(""));
    };
    let Some(second) = texts.next() else {
        return Ok(Cow::Borrowed(first));
    };
    let mut out = String::with_capacity(first.len() + second.len() + 1);
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
    for t in texts {
        out.push(' ');
        out.push_str(t);
    }
    Ok(Cow::Owned(out))
}

/// Sentence ids of a range: `[3, 4]` → `"3 4"`, empty for an empty range.
/// Space-separated so a spreadsheet keeps the cell as text and a script
/// reads it back with a plain split.
pub(crate) fn ids_spaced(r: &Range<usize>) -> String {
    r.clone()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The format-specific part of a [`StreamWriter`].
enum Sink<W: Write> {
    // Boxed: the csv crate's writer carries its own buffer, which would
    // make every variant that size.
    Csv(Box<csv::CsvWriter<W>>),
    Tmx(tmx::TmxWriter<W>),
    Beads(beads::BeadsWriter<W>),
    Jsonl(jsonl::JsonlWriter<W>),
}

/// A writer for a stream of documents in one format: the header when
/// created, each document when given (flushed at once), the footer on
/// [`finish`](StreamWriter::finish).
///
/// ```
/// use wasl::write::{Format, StreamWriter};
/// use wasl::Lang;
///
/// let mut out = Vec::new();
/// let w = StreamWriter::new(Format::Csv, &mut out, &Lang::ar()).unwrap();
/// let stats = w.finish().unwrap();
/// assert_eq!(stats.docs, 0);
/// assert!(String::from_utf8(out).unwrap().starts_with("doc_id,src_ids,"));
/// ```
///
/// Line-aligned text needs two outputs: use [`text::TextWriter`] for it.
pub struct StreamWriter<W: Write> {
    sink: Sink<W>,
    format: Format,
    stats: Stats,
    min_score: Option<f64>,
}

impl<W: Write> StreamWriter<W> {
    /// Starts a stream: writes the format's header (CSV header row, TMX
    /// prologue and `<header>`). `src` is the source language the TMX
    /// header announces; each document's own languages label its texts.
    pub fn new(format: Format, out: W, src: &Lang) -> io::Result<StreamWriter<W>> {
        let sink = match format {
            Format::Csv => Sink::Csv(Box::new(csv::CsvWriter::new(out)?)),
            Format::Tmx => Sink::Tmx(tmx::TmxWriter::new(out, src)?),
            Format::Beads => Sink::Beads(beads::BeadsWriter::new(out)),
            Format::Jsonl => Sink::Jsonl(jsonl::JsonlWriter::new(out)),
            Format::Text => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "line-aligned text is two files, one per language: use text::TextWriter",
                ));
            }
            Format::Html => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "an HTML page summarises every document at its top: use html::write_page",
                ));
            }
        };
        Ok(StreamWriter {
            sink,
            format,
            stats: Stats::default(),
            min_score: None,
        })
    }

    /// Writes only the pairs scored at least `min` (see
    /// [`meets_min_score`]) when the format is a pair format (TMX); the
    /// others write every bead whatever it is. What is left out is counted
    /// in [`Stats::below_min_score`].
    pub fn with_min_score(mut self, min: Option<f64>) -> StreamWriter<W> {
        self.min_score = min;
        self
    }

    /// Writes one document and flushes it through to the output.
    pub fn write_doc(&mut self, doc: &AlignedDoc) -> io::Result<()> {
        self.stats.docs += 1;
        for (n, bead) in doc.alignment.beads.iter().enumerate() {
            let pair = if self.format.writes_text() {
                Pair::of(doc, bead)?
            } else {
                Pair::without_text(doc, bead)?
            };
            if !self.stats.count(self.format, &pair, self.min_score) {
                continue;
            }
            match &mut self.sink {
                Sink::Csv(w) => w.write(doc, &pair)?,
                Sink::Tmx(w) => w.write(doc, n, &pair)?,
                Sink::Beads(w) => w.write(pair.bead)?,
                Sink::Jsonl(w) => w.write(doc, &pair)?,
            }
        }
        match &mut self.sink {
            Sink::Csv(w) => w.flush(),
            Sink::Tmx(w) => w.flush(),
            Sink::Beads(w) => w.flush(),
            Sink::Jsonl(w) => w.flush(),
        }
    }

    /// What has been written so far.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Writes the footer (TMX's closing tags), flushes, and returns the
    /// counts.
    pub fn finish(self) -> io::Result<Stats> {
        match self.sink {
            Sink::Csv(w) => w.finish()?,
            Sink::Tmx(w) => w.finish()?,
            Sink::Beads(w) => w.finish()?,
            Sink::Jsonl(w) => w.finish()?,
        }
        Ok(self.stats)
    }
}

/// Writes `docs` in `format` to `out`. Line-aligned text needs two outputs:
/// use [`write_text_files`] for it. [`Stats::of`] tells what was left out.
/// HTML is written with no run settings; [`html::write_page`] takes them.
pub fn write_docs(format: Format, docs: &[AlignedDoc], out: &mut dyn Write) -> io::Result<()> {
    write_docs_stats(format, docs, out).map(|_| ())
}

/// [`write_docs`], returning what was written and left out.
pub fn write_docs_stats(
    format: Format,
    docs: &[AlignedDoc],
    out: &mut dyn Write,
) -> io::Result<Stats> {
    write_docs_filtered(format, docs, None, out)
}

/// [`write_docs_stats`] with a minimum score for the pair formats (TMX):
/// only pairs scored at least `min_score` are written, the rest counted.
/// CSV, JSON Lines, beads and HTML write every bead whatever it is.
pub fn write_docs_filtered(
    format: Format,
    docs: &[AlignedDoc],
    min_score: Option<f64>,
    out: &mut dyn Write,
) -> io::Result<Stats> {
    if format == Format::Html {
        return html::write_page(docs, &html::PageInfo::default(), out);
    }
    // The header names the first document's source language; with no
    // document at all, the command line's default.
    let src = docs.first().map_or_else(Lang::ar, |d| d.src.lang.clone());
    let mut w = StreamWriter::new(format, out, &src)?.with_min_score(min_score);
    for doc in docs {
        w.write_doc(doc)?;
    }
    w.finish()
}

#[cfg(test)]
pub(crate) mod testing {
    //! A small document for the writers' unit tests.

    use crate::align::{Alignment, Bead};
    use crate::lang::Lang;
    use crate::segment::{Sentence, Side};

    /// A side whose sentences are `texts`, one per line.
    pub fn side(lang: Lang, text: &str) -> Side<'_> {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (p, line) in text.split('\n').enumerate() {
            sentences.push(Sentence {
                start,
                end: start + line.len(),
                paragraph: p,
            });
            start += line.len() + 1;
        }
        Side {
            lang,
            text,
            sentences,
        }
    }

    pub fn bead(src: std::ops::Range<usize>, tgt: std::ops::Range<usize>, score: f64) -> Bead {
        Bead { src, tgt, score }
    }

    pub fn alignment(beads: Vec<Bead>) -> Alignment {
        Alignment { beads }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    fn doc_parts() -> (Side<'static>, Side<'static>, Alignment) {
        let src = side(Lang::ar(), "أ.\nب.\nج.");
        let tgt = side(Lang::en(), "A.\nB.");
        let al = alignment(vec![
            bead(0..2, 0..1, 0.9),
            bead(2..3, 1..1, 0.3),
            bead(3..3, 1..2, 0.1),
        ]);
        (src, tgt, al)
    }

    #[test]
    fn stats_count_one_sided_beads_for_pair_formats_only() {
        let (src, tgt, al) = doc_parts();
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let tmx = Stats::of(Format::Tmx, &[doc]).unwrap();
        assert_eq!((tmx.beads, tmx.written, tmx.one_sided), (3, 1, 2));
        assert_eq!(
            (tmx.src_sentences_left_out, tmx.tgt_sentences_left_out),
            (1, 1)
        );
        let csv = Stats::of(Format::Csv, &[doc]).unwrap();
        assert_eq!((csv.written, csv.one_sided), (3, 0));
    }

    #[test]
    fn min_score_compares_the_score_as_written() {
        // Shown as 0.9000: kept by 0.9, as the reader of the TMX expects.
        assert!(meets_min_score(0.89996, 0.9));
        assert!(!meets_min_score(0.89994, 0.9));
        assert!(meets_min_score(1.0, 1.0));
        assert!(meets_min_score(0.0, 0.0));
        assert!(meets_min_score(f64::NAN, 0.0));
        assert!(!meets_min_score(f64::NAN, 0.0001));
    }

    #[test]
    fn min_score_filters_pairs_of_pair_formats_only() {
        let (src, tgt, al) = doc_parts();
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        // The one pair scores 0.9; the two one-sided beads are counted as
        // one-sided, not as below the minimum.
        let tmx = Stats::of_filtered(Format::Tmx, &[doc], Some(0.95)).unwrap();
        assert_eq!((tmx.written, tmx.one_sided, tmx.below_min_score), (0, 2, 1));
        assert_eq!(
            (
                tmx.src_sentences_below_min_score,
                tmx.tgt_sentences_below_min_score
            ),
            (2, 1)
        );
        let mut out = Vec::new();
        let written = write_docs_filtered(Format::Tmx, &[doc], Some(0.95), &mut out).unwrap();
        assert_eq!(written, tmx);
        assert!(!String::from_utf8(out).unwrap().contains("<tu "));
        let kept = Stats::of_filtered(Format::Tmx, &[doc], Some(0.9)).unwrap();
        assert_eq!((kept.written, kept.below_min_score), (1, 0));
        let csv = Stats::of_filtered(Format::Csv, &[doc], Some(0.95)).unwrap();
        assert_eq!((csv.written, csv.below_min_score), (3, 0));
    }

    #[test]
    fn multi_sentence_sides_are_joined_with_one_space() {
        let (src, tgt, al) = doc_parts();
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let p = Pair::of(&doc, &al.beads[0]).unwrap();
        assert_eq!(p.src, "أ. ب.");
        assert_eq!(p.tgt, "A.");
    }

    #[test]
    fn bead_past_the_side_is_an_error_not_a_panic() {
        let (src, tgt, _) = doc_parts();
        for past in [bead(0..9, 0..1, 0.5), bead(0..1, 1..3, 0.5)] {
            let al = alignment(vec![bead(0..1, 0..1, 0.9), past]);
            let doc = AlignedDoc {
                id: "doc7",
                src: &src,
                tgt: &tgt,
                alignment: &al,
            };
            for format in [
                Format::Csv,
                Format::Tmx,
                Format::Beads,
                Format::Jsonl,
                Format::Html,
            ] {
                let err = write_docs(format, &[doc], &mut Vec::new()).unwrap_err();
                assert!(err.to_string().contains("doc7"), "{err}");
            }
        }
    }

    #[test]
    fn scores_are_clamped_and_never_nan() {
        assert_eq!(clamp_score(f64::NAN), 0.0);
        assert_eq!(clamp_score(1.5), 1.0);
        assert_eq!(clamp_score(-0.1), 0.0);
        assert_eq!(clamp_score(0.25), 0.25);
    }

    #[test]
    fn text_format_has_no_single_stream() {
        assert!(StreamWriter::new(Format::Text, Vec::new(), &Lang::ar()).is_err());
        assert!(StreamWriter::new(Format::Html, Vec::new(), &Lang::ar()).is_err());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Sentences of any characters but a line feed (sentences never
        /// span lines), some blank.
        fn sentences() -> impl Strategy<Value = Vec<String>> {
            proptest::collection::vec("[^\n]{0,12}", 0..6)
        }

        /// Two sides of the given sentences and an alignment of 0-2 by 0-2
        /// beads covering both, as any aligner's would.
        fn aligned(
            src: &[String],
            tgt: &[String],
            steps: &[(usize, usize)],
        ) -> (String, String, Alignment) {
            let (a, b) = (src.join("\n"), tgt.join("\n"));
            let (mut i, mut j) = (0, 0);
            let mut beads = Vec::new();
            for &(di, dj) in steps.iter().cycle().take(src.len() + tgt.len() + 1) {
                if i == src.len() && j == tgt.len() {
                    break;
                }
                let (ni, nj) = ((i + di).min(src.len()), (j + dj).min(tgt.len()));
                let (ni, nj) = if ni == i && nj == j {
                    ((i + 1).min(src.len()), (j + 1).min(tgt.len()))
                } else {
                    (ni, nj)
                };
                beads.push(bead(i..ni, j..nj, 0.5));
                (i, j) = (ni, nj);
            }
            (a, b, alignment(beads))
        }

        proptest! {
            #[test]
            fn csv_and_jsonl_give_back_every_text_and_tmx_stays_xml(
                src in sentences(),
                tgt in sentences(),
                steps in proptest::collection::vec((0usize..3, 0usize..3), 1..4),
            ) {
                let (a, b, al) = aligned(&src, &tgt, &steps);
                let (s, t) = (side(Lang::ar(), &a), side(Lang::en(), &b));
                // An empty text is still one (empty) sentence in `side`.
                let (s, t) = (
                    Side { sentences: if src.is_empty() { vec![] } else { s.sentences }, ..s },
                    Side { sentences: if tgt.is_empty() { vec![] } else { t.sentences }, ..t },
                );
                let doc = AlignedDoc { id: "p", src: &s, tgt: &t, alignment: &al };
                let want: Vec<(String, String)> = al
                    .beads
                    .iter()
                    .map(|b| {
                        let p = Pair::of(&doc, b).unwrap();
                        (p.src.into_owned(), p.tgt.into_owned())
                    })
                    .collect();

                let mut out = Vec::new();
                write_docs(Format::Csv, &[doc], &mut out).unwrap();
                let got: Vec<(String, String)> = ::csv::Reader::from_reader(out.as_slice())
                    .records()
                    .map(|r| {
                        let r = r.unwrap();
                        (r[3].to_string(), r[4].to_string())
                    })
                    .collect();
                prop_assert_eq!(&got, &want);

                let mut out = Vec::new();
                write_docs(Format::Jsonl, &[doc], &mut out).unwrap();
                let text = String::from_utf8(out).unwrap();
                let got: Vec<(String, String)> = text
                    .lines()
                    .map(|l| {
                        let v: serde_json::Value = serde_json::from_str(l).unwrap();
                        (v["src"].as_str().unwrap().to_string(), v["tgt"].as_str().unwrap().to_string())
                    })
                    .collect();
                prop_assert_eq!(&got, &want);

                let mut out = Vec::new();
                let stats = write_docs_stats(Format::Tmx, &[doc], &mut out).unwrap();
                let xml = String::from_utf8(out).unwrap();
                prop_assert!(xml.chars().all(tmx::is_xml_char));
                prop_assert_eq!(xml.matches("<tu ").count(), stats.written);
                prop_assert_eq!(stats.written + stats.one_sided, al.beads.len());
            }
        }
    }
}
