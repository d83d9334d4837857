//! The reliability diagram of `wasl eval --plot FILE.svg`: calibration
//! drawn, because people look at calibration rather than read it.
//!
//! One self-contained SVG (no script, no external font or style): score
//! across, share correct up; the diagonal is perfect calibration; each of
//! the ten score bins is a bar as tall as its share of correct beads, with
//! a dot at the bin's mean score (on the diagonal when the bin is
//! calibrated) and its bead count above; the expected calibration error
//! and the number of beads are in the title. A bar below the diagonal is
//! over-confidence, above it under-confidence.
//!
//! Hand-written rather than drawn with a plotting crate: it is a few dozen
//! elements, and text enters it through one escaping function,
//! `escape`.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::eval::Calibration;

/// Size of the picture and of the plot inside it, in SVG user units.
const WIDTH: f64 = 520.0;
const HEIGHT: f64 = 560.0;
const LEFT: f64 = 70.0;
const TOP: f64 = 80.0;
const SIDE: f64 = 400.0;

/// Writes `cal` as a reliability diagram. `label` names what was scored
/// (the test file or folder); it is shown under the title, escaped.
///
/// ```
/// use wasl::eval::{CalibrationCounts, Link, ScoredLink};
/// let gold = [Link::new([0], [0])];
/// let test = [ScoredLink { link: Link::new([0], [0]), score: Some(0.97) }];
/// let cal = CalibrationCounts::document(&gold, &test).report().unwrap();
/// let mut svg = Vec::new();
/// wasl::write::reliability::write_svg(&cal, "out/", &mut svg).unwrap();
/// let svg = String::from_utf8(svg).unwrap();
/// assert!(svg.starts_with("<?xml") && svg.contains("ECE 0.0300"));
/// ```
pub fn write_svg(cal: &Calibration, label: &str, out: &mut dyn Write) -> io::Result<()> {
    let x = |score: f64| LEFT + score * SIDE;
    let y = |share: f64| TOP + (1.0 - share) * SIDE;
    let mut s = String::with_capacity(8 << 10);
    // `write!` into a String cannot fail: the results are ignored below.
    let _ = write!(
        s,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" \
         font-size=\"12\">\n"
    );
    let title = format!(
        "Reliability: ECE {:.4} over {} beads",
        cal.ece,
        group_digits(cal.beads)
    );
    let _ = writeln!(s, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        s,
        "<rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#fff\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        WIDTH / 2.0,
        escape(&title)
    );
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"48\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
        WIDTH / 2.0,
        escape(&shortened(label, 72))
    );
    // Grid and ticks every 0.2.
    for k in 0..=5 {
        let v = k as f64 / 5.0;
        let _ = writeln!(
            s,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#e4e4e8\"/>",
            x(0.0),
            y(v),
            x(1.0),
            y(v)
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{v:.1}</text>",
            x(0.0) - 6.0,
            y(v) + 4.0
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v:.1}</text>",
            x(v),
            y(0.0) + 18.0
        );
    }
    // Bars: share correct per bin, a dot at the bin's mean score.
    for bin in &cal.bins {
        let (x0, x1) = (x(bin.lower) + 2.0, x(bin.upper) - 2.0);
        if let (Some(share), Some(mean)) = (bin.share_correct, bin.mean_score) {
            let _ = writeln!(
                s,
                "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" \
                 fill=\"#4c78a8\" fill-opacity=\"0.75\"><title>{}</title></rect>",
                y(share),
                x1 - x0,
                y(0.0) - y(share),
                escape(&format!(
                    "scores {:.1}–{:.1}: {} beads, mean score {mean:.4}, {:.1}% correct",
                    bin.lower,
                    bin.upper,
                    bin.beads,
                    100.0 * share
                ))
            );
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#e45756\"/>",
                x(mean),
                y(share)
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#333\">{}</text>",
            (x0 + x1) / 2.0,
            y(bin.share_correct.unwrap_or(0.0)) - 5.0,
            bin.beads
        );
    }
    // Perfect calibration, and the frame.
    let _ = writeln!(
        s,
        "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\" \
         stroke-dasharray=\"5 4\"/>",
        x(0.0),
        y(0.0),
        x(1.0),
        y(1.0)
    );
    let _ = writeln!(
        s,
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{SIDE}\" height=\"{SIDE}\" fill=\"none\" stroke=\"#333\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">score (bead confidence)</text>",
        x(0.5),
        y(0.0) + 40.0
    );
    let _ = writeln!(
        s,
        "<text transform=\"translate({:.1} {:.1}) rotate(-90)\" text-anchor=\"middle\">\
         share correct (exact match with gold)</text>",
        LEFT - 42.0,
        y(0.5)
    );
    for (dy, line) in [
        (
            58.0,
            "bars: share correct in each score bin, bead count above",
        ),
        (
            72.0,
            "dots: the bin's mean score; dashed: perfect calibration",
        ),
    ] {
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#555\">{line}</text>",
            x(0.5),
            y(0.0) + dy
        );
    }
    s.push_str("</svg>\n");
    out.write_all(s.as_bytes())
}

/// `label` cut to its last `max` characters behind an ellipsis, so that a
/// long path stays inside the picture (its end names the set).
fn shortened(label: &str, max: usize) -> String {
    let n = label.chars().count();
    if n <= max {
        return label.to_string();
    }
    let tail: String = label.chars().skip(n - (max - 1)).collect();
    format!("…{tail}")
}

/// `12345` → `12 345`, as the README writes numbers.
fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}

/// Text escaped for XML character data and attribute values, with the
/// characters XML 1.0 cannot hold dropped (a file name may hold anything).
/// The only way text enters the picture.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if super::tmx::is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"'\u{1}c"), "a&lt;b&gt;&amp;&quot;&#39;c");
    }

    #[test]
    fn long_labels_keep_their_end() {
        assert_eq!(shortened("short", 72), "short");
        let long = "a".repeat(80) + "/ntrex/out";
        let cut = shortened(&long, 72);
        assert_eq!(cut.chars().count(), 72);
        assert!(cut.starts_with('…') && cut.ends_with("/ntrex/out"));
    }

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(12), "12");
        assert_eq!(group_digits(1234), "1\u{2009}234");
        assert_eq!(group_digits(1234567), "1\u{2009}234\u{2009}567");
    }
}
