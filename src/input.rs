//! Reading input text and finding its language sections.
//!
//! Input is UTF-8 (or decoded to it, [`crate::encoding`]); a byte-order mark is skipped, and a line ends at LF,
//! CRLF or a lone CR ([`line_spans`], the one notion of a line everywhere). Text
//! is kept exactly as read so that every sentence can be a byte span into it:
//! no stage copies or rewrites the input.
//!
//! A *paragraph* is one non-blank line, trimmed of surrounding white space.
//! A bilingual file is split into its two sides by classifying each
//! paragraph by the script most of its letters are in. This handles both
//! layouts seen in the wild — one contiguous section per language, in either
//! order, and paragraph-by-paragraph alternation — because the decision is
//! made per paragraph, not per section. Paragraphs without letters (a date,
//! a number) go with the paragraph before them, or after them at the start.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::encoding::Encoding;
use crate::error::{Error, Result};
use crate::lang::{Lang, Script};

/// One input text, owned, with the name it is reported under.
#[derive(Clone, Debug)]
pub struct Document {
    /// Where the text came from (a path, or a stream record id).
    pub path: PathBuf,
    /// Document id for output: the file stem, or the record id.
    pub id: String,
    /// The text, without a BOM.
    pub text: String,
    /// Bytes of the input before `text` starts: 3 for a UTF-8 byte-order
    /// mark, else 0. Spans index `text`; for UTF-8 input, add this to index
    /// the file as it is on disk. Text decoded from another encoding
    /// (UTF-16, `--encoding`) is a new string: this is 0 and spans index
    /// the decoded UTF-8 text, not the file.
    pub offset: usize,
}

impl Document {
    /// Reads and validates a file: UTF-8 (or UTF-16 with a byte-order
    /// mark), no NUL bytes. An empty file is accepted here; the caller
    /// decides whether emptiness is an error.
    pub fn read(path: impl AsRef<Path>) -> Result<Document> {
        Document::read_as(path, None)
    }

    /// Reads a file in `encoding` (UTF-8 when `None`; a UTF-16 byte-order
    /// mark wins over either). See [`crate::encoding`].
    pub fn read_as(
        path: impl AsRef<Path>,
        encoding: Option<&'static Encoding>,
    ) -> Result<Document> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Document::from_bytes_as(path, bytes, encoding)
    }

    /// Validates bytes that came from `path` (or a record named so).
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Document> {
        Document::from_bytes_as(path, bytes, None)
    }

    /// Decodes bytes in `encoding` (UTF-8 when `None`; a UTF-16
    /// byte-order mark wins over either) that came from `path`.
    pub fn from_bytes_as(
        path: impl Into<PathBuf>,
        bytes: Vec<u8>,
        encoding: Option<&'static Encoding>,
    ) -> Result<Document> {
        let path = path.into();
        let decoded = crate::encoding::decode(&path, bytes, encoding)?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Document {
            path,
            id,
            text: decoded.text,
            offset: decoded.offset,
        })
    }

    /// Wraps text already in memory (tests, streams, library users).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        let text = text.into();
        let (text, offset) = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => (rest.to_string(), 3),
            None => (text, 0),
        };
        Document {
            path: PathBuf::from(&id),
            id,
            text,
            offset,
        }
    }

    /// The paragraphs of the whole text.
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        paragraphs(&self.text)
    }

    /// True when the text has nothing a reader would see: only white
    /// space, control characters, bidi marks and the like.
    pub fn is_blank(&self) -> bool {
        !crate::segment::has_visible(&self.text)
    }
}

/// Byte ranges of the lines of `text`, without their line ends.
///
/// This is wasl's one notion of a line, used for every input it reads
/// (bilingual and raw files, presegmented input, stream records, gold
/// beads, dictionaries): a line ends at LF, at CRLF, or at a lone CR (old
/// Mac files, some OCR and subtitle tools), and the empty piece after a
/// final line end is not a line.
///
/// ```
/// let text = "one\r\ntwo\rthree\n\nfour\n";
/// let lines: Vec<&str> = wasl::input::line_spans(text).map(|r| &text[r]).collect();
/// assert_eq!(lines, ["one", "two", "three", "", "four"]);
/// ```
pub fn line_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let rest = &bytes[start..];
        let (len, end_len) = match memchr::memchr2(b'\n', b'\r', rest) {
            None => (rest.len(), 0),
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => (i, 2),
            Some(i) => (i, 1),
        };
        let line = start..start + len;
        start += len + end_len;
        Some(line)
    })
}

/// The lines of `text` as string slices (see [`line_spans`]).
pub fn text_lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    line_spans(text).map(move |r| &text[r])
}

/// The line (from 1) that byte `offset` of `bytes` is on, counting line
/// ends as [`line_spans`] does.
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    let head = &bytes[..offset.min(bytes.len())];
    let lf = head.iter().filter(|&&b| b == b'\n').count();
    let lone_cr = head
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    1 + lf + lone_cr
}

/// Byte ranges of the non-blank lines of `text`, trimmed of white space.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    line_spans(text)
        .filter_map(|r| trim_range(text, r))
        .collect()
}

/// Byte ranges of every line of `text`, blank ones included, trimmed. Used
/// for presegmented input, where line N is sentence N whatever it holds.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    line_spans(text)
        .map(|r| trim_range(text, r.clone()).unwrap_or(r.start..r.start))
        .collect()
}

/// `range` of `text` without leading and trailing white space, or `None`
/// when nothing but white space is left.
pub fn trim_range(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let trimmed_start = s.trim_start();
    if trimmed_start.is_empty() {
        return None;
    }
    let start = range.start + (s.len() - trimmed_start.len());
    let end = start + trimmed_start.trim_end().len();
    Some(start..end)
}

/// The two sides of a bilingual file: paragraph ranges for each script.
#[derive(Clone, Debug, Default)]
pub struct Sections {
    pub source: Vec<Range<usize>>,
    pub target: Vec<Range<usize>>,
}

/// Splits a bilingual document's paragraphs into a side in the script of
/// `src` and a side in the script of `tgt`. Errors name the document and the
/// missing language.
pub fn split_sections(doc: &Document, src: &Lang, tgt: &Lang) -> Result<Sections> {
    let (source, target) = (src.script(), tgt.script());
    if source == target {
        return Err(Error::Usage(format!(
            "{}: {} and {} are both written in {} letters, so one file cannot be split \
             into the two languages by script; give the two sides as two files",
            doc.path.display(),
            src.name(),
            tgt.name(),
            source.name()
        )));
    }
    if doc.is_blank() {
        return Err(Error::Empty {
            path: doc.path.clone(),
            what: "the file".into(),
        });
    }
    let paras = doc.paragraphs();
    let mut scripts: Vec<Option<Script>> = paras
        .iter()
        .map(|r| Script::dominant(&doc.text[r.clone()]))
        .collect();
    // Letterless paragraphs take the script of the paragraph before them;
    // leading ones take the first script seen.
    let first = scripts.iter().flatten().next().copied();
    let mut last = first;
    for s in scripts.iter_mut() {
        match s {
            Some(x) => last = Some(*x),
            None => *s = last,
        }
    }
    let mut sections = Sections::default();
    let mut other = 0usize;
    for (r, s) in paras.into_iter().zip(scripts) {
        match s {
            Some(s) if s == source => sections.source.push(r),
            Some(s) if s == target => sections.target.push(r),
            _ => other += 1,
        }
    }
    let describe = |n: usize, script: Script| {
        format!(
            "{n} paragraph{} in {} letters, none in {} letters{}",
            if n == 1 { "" } else { "s" },
            script.name(),
            if script == source {
                target.name()
            } else {
                source.name()
            },
            if other > 0 {
                format!(", {other} in other scripts")
            } else {
                String::new()
            }
        )
    };
    if sections.target.is_empty() {
        return Err(Error::NoSection {
            path: doc.path.clone(),
            missing: tgt.name(),
            detail: describe(sections.source.len(), source),
        });
    }
    if sections.source.is_empty() {
        return Err(Error::NoSection {
            path: doc.path.clone(),
            missing: src.name(),
            detail: describe(sections.target.len(), target),
        });
    }
    Ok(sections)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let doc = Document::from_bytes("x.txt", "\u{FEFF}one\r\n\r\ntwo\r\n".into()).unwrap();
        let p: Vec<&str> = doc.paragraphs().into_iter().map(|r| &doc.text[r]).collect();
        assert_eq!(p, ["one", "two"]);
    }

    #[test]
    fn lone_cr_crlf_and_lf_end_lines_alike() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["one", " two", "", "three", ""].join(end);
            let l: Vec<&str> = lines(&text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(l, ["one", "two", "", "three"], "{end:?}");
            let p: Vec<&str> = paragraphs(&text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(p, ["one", "two", "three"], "{end:?}");
            assert_eq!(line_of(text.as_bytes(), text.find("three").unwrap()), 4);
        }
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let err = Document::from_bytes("bad.txt", b"ok\nbad \xff here".to_vec()).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("bad.txt") && msg.contains("line 2") && msg.contains("byte 7"),
            "{msg}"
        );
    }

    #[test]
    fn nul_byte_is_an_error() {
        let err = Document::from_bytes("n.txt", b"a\0b".to_vec()).unwrap_err();
        assert!(matches!(err, Error::Nul { offset: 1, .. }));
    }

    #[test]
    fn lines_keep_blank_lines_as_sentences() {
        let text = "a\n\n b \n";
        let l: Vec<&str> = lines(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(l, ["a", "", "b"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn alternating_paragraphs_split_by_script() {
        let doc = Document::from_text("alt", "مرحبا بكم\nWelcome\n2019\nشكرا\nThanks\n");
        let s = split_sections(&doc, &Lang::ar(), &Lang::en()).unwrap();
        let ar: Vec<&str> = s.source.iter().map(|r| &doc.text[r.clone()]).collect();
        let en: Vec<&str> = s.target.iter().map(|r| &doc.text[r.clone()]).collect();
        assert_eq!(ar, ["مرحبا بكم", "شكرا"]);
        assert_eq!(en, ["Welcome", "2019", "Thanks"]);
    }

    #[test]
    fn missing_side_is_named() {
        let doc = Document::from_text("only_ar.txt", "مرحبا بكم\nشكرا\n");
        let msg = split_sections(&doc, &Lang::ar(), &Lang::en())
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("only_ar.txt") && msg.contains("no English section found"),
            "{msg}"
        );
    }
}
