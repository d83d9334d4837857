//! Reading input text and finding its language sections.
//!
//! Input is UTF-8; a byte-order mark is skipped and CRLF line ends are
//! accepted (the `\r` is treated as trailing white space of the line). Text
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
}

impl Document {
    /// Reads and validates a file: UTF-8, no NUL bytes. An empty file is
    /// accepted here; the caller decides whether emptiness is an error.
    pub fn read(path: impl AsRef<Path>) -> Result<Document> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Document::from_bytes(path, bytes)
    }

    /// Validates bytes that came from `path` (or a record named so).
    pub fn from_bytes(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<Document> {
        let path = path.into();
        let text = decode(&path, bytes)?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Document { path, id, text })
    }

    /// Wraps text already in memory (tests, streams, library users).
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        let text = text.into();
        let text = match text.strip_prefix('\u{FEFF}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Document {
            path: PathBuf::from(&id),
            id,
            text,
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

/// UTF-8 validation with an error that says where the bad byte is.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
            return Err(Error::Utf8 {
                path: path.to_path_buf(),
                offset,
                line,
            });
        }
    };
    // `contains` on bytes is a vectorised memchr; the position is only
    // needed for the error.
    let nul = if text.as_bytes().contains(&0) {
        text.bytes().position(|b| b == 0)
    } else {
        None
    };
    if let Some(offset) = nul {
        let line = 1 + text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(Error::Nul {
            path: path.to_path_buf(),
            offset,
            line,
        });
    }
    Ok(match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Byte ranges of the non-blank lines of `text`, trimmed of white space
/// (which includes the `\r` of CRLF line ends).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.len();
        if let Some(r) = trim_range(text, start..end) {
            out.push(r);
        }
        start = end + 1;
    }
    out
}

/// Byte ranges of every line of `text`, blank ones included, trimmed; the
/// empty last line after a final newline is not a line. Used for
/// presegmented input, where line N is sentence N whatever it holds.
pub fn lines(text: &str) -> Vec<Range<usize>> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    if body.is_empty() && text.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for line in body.split('\n') {
        let end = start + line.len();
        out.push(trim_range(text, start..end).unwrap_or(start..start));
        start = end + 1;
    }
    out
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
