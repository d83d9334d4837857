//! Line-aligned text: the parallel-corpus format of Moses, sacrebleu,
//! fairseq and most MT tooling. Two files, one per language, named
//! `PREFIX.SRC` and `PREFIX.TGT` with the language tags as extensions
//! (`out.ar`, `out.en`); line N of one translates line N of the other.
//!
//! ```text
//! out.ar, line 1:  نقلت شبكة CNN عن مصادر مطلعة، …
//! out.en, line 1:  CNN reported, citing informed sources, …
//! ```
//!
//! Only beads with text on both sides become lines (a line with no
//! counterpart would pair it with an empty line); the others are counted in
//! [`Stats`]. A side of several sentences is one line, joined
//! with a space. Characters that any common reader takes as a line end
//! (CR, VT, FF, U+001C–U+001E, U+0085, U+2028, U+2029: Python's
//! `str.splitlines` set) become spaces, so the two files cannot drift apart.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::file::{target, temp_beside, Target};
use super::{AlignedDoc, Format, Pair, Stats};
use crate::error::{Error, Result};
use crate::lang::Lang;

/// Writes pairs to two outputs, one line each.
pub struct TextWriter<W: Write> {
    src: W,
    tgt: W,
    stats: Stats,
    min_score: Option<f64>,
}

impl<W: Write> TextWriter<W> {
    /// `src` receives the source lines, `tgt` the target lines.
    pub fn new(src: W, tgt: W) -> TextWriter<W> {
        TextWriter {
            src,
            tgt,
            stats: Stats::default(),
            min_score: None,
        }
    }

    /// Writes only the pairs scored at least `min` (see
    /// [`super::meets_min_score`]); the rest are counted in [`Stats`].
    pub fn with_min_score(mut self, min: Option<f64>) -> TextWriter<W> {
        self.min_score = min;
        self
    }

    /// Writes one document's pairs and flushes both outputs.
    pub fn write_doc(&mut self, doc: &AlignedDoc) -> io::Result<()> {
        self.stats.docs += 1;
        for bead in &doc.alignment.beads {
            let pair = Pair::of(doc, bead)?;
            if self.stats.count(Format::Text, &pair, self.min_score) {
                write_line(&mut self.src, &pair.src)?;
                write_line(&mut self.tgt, &pair.tgt)?;
            }
        }
        self.src.flush()?;
        self.tgt.flush()
    }

    /// What has been written so far.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Flushes both outputs and returns them with the counts.
    pub fn finish(mut self) -> io::Result<(W, W, Stats)> {
        self.src.flush()?;
        self.tgt.flush()?;
        Ok((self.src, self.tgt, self.stats))
    }
}

/// True for the characters Python's `str.splitlines` breaks lines at.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn write_line(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.contains(is_line_break) {
        let clean: String = text
            .chars()
            .map(|c| if is_line_break(c) { ' ' } else { c })
            .collect();
        out.write_all(clean.as_bytes())?;
    } else {
        out.write_all(text.as_bytes())?;
    }
    out.write_all(b"\n")
}

/// The two file names for `prefix`: `PREFIX.SRC` and `PREFIX.TGT`, the
/// language tags appended (`out` → `out.ar`, `out.en`; `run.1` → `run.1.ar`).
pub fn text_paths(prefix: &Path, src: &Lang, tgt: &Lang) -> (PathBuf, PathBuf) {
    let with = |tag: &str| {
        let mut p = prefix.as_os_str().to_owned();
        p.push(".");
        p.push(tag);
        PathBuf::from(p)
    };
    (with(src.tag()), with(tgt.tag()))
}

/// Writes line-aligned text to `PREFIX.SRC` and `PREFIX.TGT` (language
/// tags as extensions, as Moses and sacrebleu expect), both atomically.
pub fn write_text_files(docs: &[AlignedDoc], prefix: &Path) -> Result<()> {
    write_text_files_stats(docs, prefix).map(|_| ())
}

/// [`write_text_files`], returning what was written and left out.
///
/// Both files are written to temporary files beside them first and renamed
/// into place only when both are complete, so a failed run leaves neither.
pub fn write_text_files_stats(docs: &[AlignedDoc], prefix: &Path) -> Result<Stats> {
    write_text_files_filtered(docs, prefix, None)
}

/// [`write_text_files_stats`], writing only the pairs scored at least
/// `min_score` (the rest are counted in the returned [`Stats`]).
pub fn write_text_files_filtered(
    docs: &[AlignedDoc],
    prefix: &Path,
    min_score: Option<f64>,
) -> Result<Stats> {
    // The file names carry the first document's languages; with no
    // document at all, the command line's defaults.
    let (src_lang, tgt_lang) = match docs.first() {
        Some(d) => (d.src.lang.clone(), d.tgt.lang.clone()),
        None => (Lang::ar(), Lang::en()),
    };
    let (src_path, tgt_path) = text_paths(prefix, &src_lang, &tgt_lang);
    if src_path == tgt_path {
        return Err(Error::Usage(format!(
            "{}: both languages are '{}', so both text files would be this one file; \
             give different --src-lang and --tgt-lang",
            src_path.display(),
            src_lang.tag()
        )));
    }
    // Text files are always renamed into place (a pair of devices is no
    // use as a parallel corpus); a replaced file keeps its mode, and a
    // symbolic link keeps pointing where it did.
    let replace = |path: &Path| match target(path)? {
        Target::Replace { file, existing } => Ok((temp_beside(&file, existing.as_ref())?, file)),
        Target::InPlace => Err(Error::Usage(format!(
            "{}: not a regular file; text output writes two files, PREFIX.{} and PREFIX.{}",
            path.display(),
            src_lang.tag(),
            tgt_lang.tag()
        ))),
    };
    let (src_tmp, src_file) = replace(&src_path)?;
    let (tgt_tmp, tgt_file) = replace(&tgt_path)?;
    let mut w = TextWriter::new(io::BufWriter::new(src_tmp), io::BufWriter::new(tgt_tmp))
        .with_min_score(min_score);
    for doc in docs {
        // An error here cannot say which of the two files failed; the
        // source path names the pair.
        w.write_doc(doc).map_err(|e| Error::io(&src_path, e))?;
    }
    let (src_buf, tgt_buf, stats) = w.finish().map_err(|e| Error::io(&src_path, e))?;
    let src_tmp = src_buf
        .into_inner()
        .map_err(|e| Error::io(&src_path, e.into_error()))?;
    let tgt_tmp = tgt_buf
        .into_inner()
        .map_err(|e| Error::io(&tgt_path, e.into_error()))?;
    src_tmp
        .persist(&src_file)
        .map_err(|e| Error::io(&src_path, e.error))?;
    tgt_tmp
        .persist(&tgt_file)
        .map_err(|e| Error::io(&tgt_path, e.error))?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::testing::*;

    #[test]
    fn line_n_of_each_file_is_pair_n() {
        let src = side(Lang::ar(), "أ.\nب.\nج\u{2028}د.");
        let tgt = side(Lang::en(), "A.\nC\rD.");
        let al = alignment(vec![
            bead(0..1, 0..1, 0.9),
            bead(1..2, 1..1, 0.1),
            bead(2..3, 1..2, 0.8),
        ]);
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut w = TextWriter::new(Vec::new(), Vec::new());
        w.write_doc(&doc).unwrap();
        let (s, t, stats) = w.finish().unwrap();
        assert_eq!(String::from_utf8(s).unwrap(), "أ.\nج د.\n");
        assert_eq!(String::from_utf8(t).unwrap(), "A.\nC D.\n");
        assert_eq!((stats.written, stats.one_sided), (2, 1));
    }

    #[test]
    fn file_names_append_language_tags() {
        let (s, t) = text_paths(Path::new("dir/run.1"), &Lang::ar(), &Lang::new("en_GB"));
        assert_eq!(s, Path::new("dir/run.1.ar"));
        assert_eq!(t, Path::new("dir/run.1.en-gb"));
    }
}
