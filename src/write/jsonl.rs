//! JSON Lines: one JSON object per bead, one bead per line, for scripts and
//! data pipelines (`jq`, pandas' `read_json(lines=True)`).
//!
//! ```text
//! {"doc":"003_18ef8cb601dfb36a","src_ids":[3,4],"tgt_ids":[2],"src":"…","tgt":"…","score":0.9731,"bead":"2-1"}
//! ```
//!
//! Fields as in CSV, but ids are arrays of numbers and the score a number
//! (rounded to four decimals like the other formats). Every bead is written,
//! one-sided ones with an empty array and an empty string. serde_json
//! escapes control characters, so any text gives one valid line.

use std::io::{self, Write};

use serde::Serialize;

use super::{AlignedDoc, Pair};

/// One line of output.
#[derive(Serialize)]
struct Record<'a> {
    doc: &'a str,
    src_ids: Vec<usize>,
    tgt_ids: Vec<usize>,
    src: &'a str,
    tgt: &'a str,
    score: f64,
    bead: String,
}

/// Writes beads as JSON Lines.
pub struct JsonlWriter<W: Write> {
    out: W,
    /// The line being written, kept from line to line: a new string for
    /// every bead, grown step by step to the length of its text, was a
    /// tenth of the stream's output work.
    line: Vec<u8>,
}

impl<W: Write> JsonlWriter<W> {
    /// The format has no header.
    pub fn new(out: W) -> JsonlWriter<W> {
        JsonlWriter {
            out,
            line: Vec::new(),
        }
    }

    pub(crate) fn write(&mut self, doc: &AlignedDoc, pair: &Pair) -> io::Result<()> {
        let record = Record {
            doc: doc.id,
            src_ids: pair.bead.src.clone().collect(),
            tgt_ids: pair.bead.tgt.clone().collect(),
            src: &pair.src,
            tgt: &pair.tgt,
            // Four decimals, as CSV and beads print it; the nearest f64
            // prints back as those four decimals.
            score: (pair.score * 10_000.0).round() / 10_000.0,
            bead: pair.bead.kind(),
        };
        self.line.clear();
        serde_json::to_writer(&mut self.line, &record)?;
        if has_line_separator(&self.line) {
            let json = String::from_utf8_lossy(&self.line).into_owned();
            let json = escape_line_separators(json);
            self.line.clear();
            self.line.extend_from_slice(json.as_bytes());
        }
        self.line.push(b'\n');
        self.out.write_all(&self.line)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The format has no footer.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// JSON allows U+0085, U+2028 and U+2029 raw inside strings, and serde_json
/// writes them so; but Python's `str.splitlines` and JavaScript line readers
/// break lines there, which would cut a record in two. Inside JSON these
/// characters can only be in strings, where `\uXXXX` means the same.
fn escape_line_separators(json: String) -> String {
    const SEPARATORS: [char; 3] = ['\u{85}', '\u{2028}', '\u{2029}'];
    if !has_line_separator(json.as_bytes()) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if SEPARATORS.contains(&c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether UTF-8 `bytes` hold U+0085 (`C2 85`), U+2028 (`E2 80 A8`) or
/// U+2029 (`E2 80 A9`): a byte scan, where decoding every character to
/// look for three was 2% of a stream record's work.
fn has_line_separator(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|i| match bytes[i] {
        0xC2 => bytes.get(i + 1) == Some(&0x85),
        _ => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
    })
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::write::testing::*;
    use crate::write::{write_docs, AlignedDoc, Format};

    #[test]
    fn line_separators_are_found_by_their_bytes_and_nothing_else_is() {
        use super::has_line_separator as has;
        for sep in ["\u{85}", "\u{2028}", "\u{2029}"] {
            assert!(has(format!("نص{sep}").as_bytes()), "{sep:?}");
            assert!(has(sep.as_bytes()), "{sep:?} alone");
        }
        // Neighbours in the encoding: Â, …, ’, the en dash, U+202A.
        for other in ["\u{c2}", "…", "\u{2019}", "\u{2013}", "\u{202a}", "نص", ""] {
            assert!(!has(other.as_bytes()), "{other:?}");
        }
    }

    #[test]
    fn one_object_per_line_with_control_characters_escaped() {
        let src = side(Lang::ar(), "نص\u{1}\t\"مقتبس\"\u{2028}.");
        let tgt = side(Lang::en(), "Text.");
        let al = alignment(vec![bead(0..1, 0..1, 0.97314), bead(1..1, 1..1, 0.0)]);
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut out = Vec::new();
        write_docs(Format::Jsonl, &[doc], &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        // Line separators are escaped, so even `str.splitlines` sees 2 lines.
        assert!(!lines[0].contains('\u{2028}') && lines[0].contains("\\u2028"));
        let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(v["src"], "نص\u{1}\t\"مقتبس\"\u{2028}.");
        assert_eq!(v["src_ids"], serde_json::json!([0]));
        assert_eq!(v["score"], 0.9731);
        assert_eq!(v["bead"], "1-1");
        let v: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["src_ids"], serde_json::json!([]));
        assert_eq!(v["bead"], "0-0");
    }
}
