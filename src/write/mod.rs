//! Output writers, one module per format.
//!
//! Every writer takes [`AlignedDoc`]s — the two sides and their alignment —
//! and writes them to any `io::Write`.

use crate::align::Alignment;
use crate::segment::Side;

/// One aligned document pair, as the writers see it.
#[derive(Clone, Copy, Debug)]
pub struct AlignedDoc<'a> {
    /// Document id (file stem or record id).
    pub id: &'a str,
    pub src: &'a Side<'a>,
    pub tgt: &'a Side<'a>,
    pub alignment: &'a Alignment,
}

use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

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
            _ => return None,
        })
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Tmx => "tmx",
            Format::Beads => "beads",
            Format::Text => "txt",
            Format::Jsonl => "jsonl",
        }
    }

    /// Guesses the format from an output path's extension.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }
}

/// Writes `docs` in `format` to `out`. Line-aligned text needs two outputs:
/// use [`write_text`] for it.
pub fn write_docs(format: Format, docs: &[AlignedDoc], out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Beads => {
            for doc in docs {
                for b in &doc.alignment.beads {
                    writeln!(out, "{}", bead_string(b))?;
                }
            }
            Ok(())
        }
        _ => Err(io::Error::other(format!(
            "{format:?} output is not built yet"
        ))),
    }
}

/// A bead as `[i, j]:[k]:score`.
pub fn bead_string(b: &crate::align::Bead) -> String {
    let ids = |r: &std::ops::Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("[{}]:[{}]:{:.4}", ids(&b.src), ids(&b.tgt), b.score)
}

/// Writes a file atomically: `body` writes into a temporary file in the
/// same directory, which is renamed over `path` only when `body` succeeded.
/// An interrupted or failed run therefore never leaves a truncated output.
pub fn write_atomically<F>(path: &Path, body: F) -> Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".wasl-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, e))?;
    let mut w = io::BufWriter::new(tmp);
    body(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| Error::io(path, e))?;
    let tmp = w
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes line-aligned text to `PREFIX.SRC` and `PREFIX.TGT` (language
/// tags as extensions, as Moses and sacrebleu expect), both atomically.
pub fn write_text_files(docs: &[AlignedDoc], prefix: &Path) -> Result<()> {
    let _ = (docs, prefix);
    Err(Error::Usage("text output is not built yet".into()))
}
