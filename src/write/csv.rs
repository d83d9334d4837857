//! CSV: one row per bead, for spreadsheets and scripts.
//!
//! RFC 4180 as the `csv` crate writes it (fields quoted only when they hold
//! a comma, a quote or a line break; quotes doubled; `\n` record ends), with
//! a header row:
//!
//! ```text
//! doc_id,src_ids,tgt_ids,src_text,tgt_text,score,bead
//! 003_18ef8cb601dfb36a,3 4,2,نص أول. نص ثان.,One text.,0.9731,2-1
//! ```
//!
//! - `src_ids`, `tgt_ids`: the bead's 0-based sentence indices separated by
//!   spaces (`3 4`), empty for an empty side. A spreadsheet keeps `3 4` as
//!   text and a script reads it back with a split on white space.
//! - `src_text`, `tgt_text`: the side's sentences joined with one space.
//! - `score`: confidence in [0, 1], four decimals.
//! - `bead`: the bead type, `m-n` (`1-1`, `2-1`, `0-1`).
//!
//! Every bead is a row, one-sided ones included, so nothing is lost.

use std::io::{self, Write};

use super::{ids_spaced, AlignedDoc, Pair};

/// The header row.
pub const HEADER: [&str; 7] = [
    "doc_id", "src_ids", "tgt_ids", "src_text", "tgt_text", "score", "bead",
];

/// Writes beads as CSV rows; the header row goes out on creation.
pub struct CsvWriter<W: Write> {
    out: ::csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the output with the header row.
    pub fn new(out: W) -> io::Result<CsvWriter<W>> {
        let mut out = ::csv::Writer::from_writer(out);
        out.write_record(HEADER)?;
        Ok(CsvWriter { out })
    }

    pub(crate) fn write(&mut self, doc: &AlignedDoc, pair: &Pair) -> io::Result<()> {
        self.out.write_record([
            doc.id,
            &ids_spaced(&pair.bead.src),
            &ids_spaced(&pair.bead.tgt),
            &pair.src,
            &pair.tgt,
            &pair.score_text(),
            &pair.bead.kind(),
        ])?;
        Ok(())
    }

    /// Hands everything written so far to the output and flushes it.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the output (CSV has no footer).
    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::write::testing::*;
    use crate::write::{write_docs, AlignedDoc, Format};

    #[test]
    fn rows_quote_what_needs_quoting_and_read_back() {
        let src = side(Lang::ar(), "قال \"نعم\", ثم\tذهب.\nثانية.");
        let tgt = side(Lang::en(), "He said \"yes\", then left.");
        let al = alignment(vec![bead(0..1, 0..1, 0.97314), bead(1..2, 1..1, 0.2)]);
        let doc = AlignedDoc {
            id: "d,1",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut out = Vec::new();
        write_docs(Format::Csv, &[doc], &mut out).unwrap();
        let mut r = ::csv::Reader::from_reader(out.as_slice());
        assert_eq!(r.headers().unwrap(), super::HEADER.as_slice());
        let rows: Vec<::csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(
            rows[0].iter().collect::<Vec<_>>(),
            [
                "d,1",
                "0",
                "0",
                "قال \"نعم\", ثم\tذهب.",
                "He said \"yes\", then left.",
                "0.9731",
                "1-1"
            ]
        );
        assert_eq!(
            rows[1].iter().collect::<Vec<_>>(),
            ["d,1", "1", "", "ثانية.", "", "0.2000", "1-0"]
        );
    }
}
