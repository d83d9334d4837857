//! The bead format of gold alignments and other aligners (Bleualign,
//! Vecalign): one bead per line, `[source ids]:[target ids]:score`.
//!
//! ```text
//! [0]:[0]:0.9731
//! [3, 4]:[2]:0.8120
//! [5]:[]:0.4000
//! ```
//!
//! Ids are 0-based sentence indices, as in `wasl segment`'s output lines;
//! scorers ignore what follows the second `:`. Every bead is written, one-
//! sided ones as `[5]:[]` or `[]:[9]`. The format has no document marker:
//! documents follow one another and each one's ids start at 0, so write one
//! document per file when the output is to be scored.

use std::io::{self, Write};

use crate::align::Bead;

/// A bead as `[i, j]:[k]:score` (score with four decimals, clamped to
/// [0, 1]).
///
/// ```
/// use wasl::Bead;
/// let b = Bead { src: 3..5, tgt: 2..3, score: 0.97314 };
/// assert_eq!(wasl::write::bead_string(&b), "[3, 4]:[2]:0.9731");
/// ```
pub fn bead_string(b: &Bead) -> String {
    let mut out = Vec::new();
    write_bead(&mut out, b).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the bead format is ASCII")
}

/// Writes `b` as [`bead_string`] does, without building strings on the
/// way (a million beads are a million lines).
fn write_bead(out: &mut impl Write, b: &Bead) -> io::Result<()> {
    out.write_all(b"[")?;
    write_ids(out, &b.src)?;
    out.write_all(b"]:[")?;
    write_ids(out, &b.tgt)?;
    write!(out, "]:{:.4}", super::clamp_score(b.score))
}

/// `i, j, k` for the range `i..k + 1`.
fn write_ids(out: &mut impl Write, r: &std::ops::Range<usize>) -> io::Result<()> {
    for (k, i) in r.clone().enumerate() {
        if k > 0 {
            out.write_all(b", ")?;
        }
        write!(out, "{i}")?;
    }
    Ok(())
}

/// Writes beads one per line.
pub struct BeadsWriter<W: Write> {
    out: W,
}

impl<W: Write> BeadsWriter<W> {
    /// The format has no header.
    pub fn new(out: W) -> BeadsWriter<W> {
        BeadsWriter { out }
    }

    pub(crate) fn write(&mut self, bead: &Bead) -> io::Result<()> {
        write_bead(&mut self.out, bead)?;
        self.out.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// The format has no footer.
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
    fn one_line_per_bead_with_empty_sides() {
        let src = side(Lang::ar(), "أ\nب\nج");
        let tgt = side(Lang::en(), "a\nb");
        let al = alignment(vec![
            bead(0..2, 0..1, 1.0),
            bead(2..3, 1..1, 0.0),
            bead(3..3, 1..2, 0.5),
        ]);
        let doc = AlignedDoc {
            id: "d",
            src: &src,
            tgt: &tgt,
            alignment: &al,
        };
        let mut out = Vec::new();
        write_docs(Format::Beads, &[doc], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "[0, 1]:[0]:1.0000\n[2]:[]:0.0000\n[]:[1]:0.5000\n"
        );
    }
}
