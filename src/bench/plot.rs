//! The benchmark as a picture: a standalone SVG of two panels, median
//! wall time against size and strict F1 against size, one line per
//! aligner.
//!
//! Time is drawn on log–log axes, because growth is what a scaling curve
//! is read for: a straight line of slope 1 is linear time, slope 2
//! quadratic, and a fixed start-up cost bends the line flat at the left.
//! F1 shares the log size axis; its own axis is linear, since F1 lives in
//! [0, 1] and the differences that matter (0.85 against 0.99) would be
//! squeezed together on a log scale. Synthetic workloads are joined into a
//! line (filled points); a gold set is other text, drawn as a hollow point
//! of its own. Only runs that finished and were scored are drawn; a
//! timeout or a crash ends its aligner's line (the table says why).

use std::fmt::Write as _;
use std::io::{self, Write};

use super::workload::size_label;
use super::workload::Description;
use super::{Report, Status};

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 420.0;
/// Plot area of each panel.
const PANEL_W: f64 = 360.0;
const PANEL_H: f64 = 280.0;
const TOP: f64 = 50.0;
const LEFTS: [f64; 2] = [80.0, 560.0];
/// Colour-blind-safe (Okabe–Ito), in the order aligners are given.
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442",
];

/// Writes the plot of `report` as an SVG document.
pub fn svg(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // Sizes of one generator make a curve; a gold set is other text, so
    // it is a point of its own (hollow), not a step of the curve.
    let synthetic: Vec<&str> = report
        .workloads
        .iter()
        .filter(|w| matches!(w.description, Description::Synthetic { .. }))
        .map(|w| w.name.as_str())
        .collect();
    let series: Vec<Series> = report
        .aligners
        .iter()
        .map(|a| {
            let mut points: Vec<Point> = report
                .results
                .iter()
                .filter(|e| e.aligner == a.name && e.status == Status::Ok && e.sentences > 0)
                .filter_map(|e| {
                    Some(Point {
                        size: e.sentences as f64,
                        wall: e.wall_s?.median,
                        f1: e.strict?.f1,
                        on_line: synthetic.contains(&e.workload.as_str()),
                    })
                })
                .collect();
            points.sort_by(|a, b| a.size.total_cmp(&b.size));
            Series {
                name: a.name.clone(),
                points,
            }
        })
        .collect();
    let all = || series.iter().flat_map(|s| s.points.iter());
    let x = LogAxis::new(all().map(|p| p.size));
    let time = LogAxis::new(all().map(|p| p.wall.max(1e-4)));
    let lowest_f1 = all().map(|p| p.f1).fold(1.0, f64::min);
    let f1_lo = ((lowest_f1 * 10.0).floor() / 10.0).clamp(0.0, 0.9);

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        s,
        r#"<rect width="100%" height="100%" fill="white"/><text x="{}" y="24" text-anchor="middle" font-size="15">{}</text>"#,
        WIDTH / 2.0,
        escape(&format!(
            "wasl bench: {} run{} per point, {} core{}",
            report.runs,
            if report.runs == 1 { "" } else { "s" },
            report.machine.cores,
            if report.machine.cores == 1 { "" } else { "s" }
        ))
    );
    // Panel frames, grids and labels.
    let y_time = |v: f64| TOP + PANEL_H * (1.0 - time.unit(v));
    let y_f1 = |v: f64| TOP + PANEL_H * (1.0 - (v - f1_lo) / (1.0 - f1_lo));
    let titles = ["median wall time (s)", "strict F1"];
    for (p, left) in LEFTS.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<rect x="{left}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#444"/>"##
        );
        for t in x.ticks() {
            let px = left + PANEL_W * x.unit(t);
            let _ = writeln!(
                s,
                r##"<line x1="{px:.1}" y1="{TOP}" x2="{px:.1}" y2="{}" stroke="#ddd"/><text x="{px:.1}" y="{}" text-anchor="middle">{}</text>"##,
                TOP + PANEL_H,
                TOP + PANEL_H + 16.0,
                escape(&size_label(t as usize))
            );
        }
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">source sentences (log)</text><text x="{}" y="{}" text-anchor="middle" transform="rotate(-90 {} {})">{}</text>"#,
            left + PANEL_W / 2.0,
            TOP + PANEL_H + 36.0,
            left - 52.0,
            TOP + PANEL_H / 2.0,
            left - 52.0,
            TOP + PANEL_H / 2.0,
            titles[p]
        );
    }
    for t in time.ticks() {
        let py = y_time(t);
        let _ = writeln!(
            s,
            r##"<line x1="{}" y1="{py:.1}" x2="{}" y2="{py:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFTS[0],
            LEFTS[0] + PANEL_W,
            LEFTS[0] - 6.0,
            py + 4.0,
            trim_number(t)
        );
    }
    let step = if 1.0 - f1_lo > 0.3 { 0.1 } else { 0.05 };
    let mut t = f1_lo;
    while t <= 1.0 + 1e-9 {
        let py = y_f1(t);
        let _ = writeln!(
            s,
            r##"<line x1="{}" y1="{py:.1}" x2="{}" y2="{py:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{t:.2}</text>"##,
            LEFTS[1],
            LEFTS[1] + PANEL_W,
            LEFTS[1] - 6.0,
            py + 4.0
        );
        t += step;
    }
    // One line per aligner in each panel, and the legend below.
    let series_before = |k: usize| series[..k].iter().filter(|s| !s.points.is_empty()).count();
    for (k, series) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        for (p, left) in LEFTS.iter().enumerate() {
            let pts: Vec<(f64, f64, bool)> = series
                .points
                .iter()
                .map(|pt| {
                    let px = left + PANEL_W * x.unit(pt.size);
                    let py = if p == 0 {
                        y_time(pt.wall.max(1e-4))
                    } else {
                        y_f1(pt.f1)
                    };
                    (px, py, pt.on_line)
                })
                .collect();
            let line: Vec<String> = pts
                .iter()
                .filter(|pt| pt.2)
                .map(|(a, b, _)| format!("{a:.1},{b:.1}"))
                .collect();
            if line.len() > 1 {
                let path = line;
                let _ = writeln!(
                    s,
                    r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
                    path.join(" ")
                );
            }
            for (px, py, on_line) in pts {
                let fill = if on_line { colour } else { "white" };
                let _ = writeln!(
                    s,
                    r#"<circle cx="{px:.1}" cy="{py:.1}" r="3.5" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>"#
                );
            }
        }
        // The legend names what is drawn; the table says why an aligner
        // is not.
        if series.points.is_empty() {
            continue;
        }
        let slot = series_before(k);
        let lx = LEFTS[0] + 150.0 * slot as f64;
        let ly = HEIGHT - 20.0;
        let _ = writeln!(
            s,
            r#"<line x1="{lx}" y1="{ly}" x2="{}" y2="{ly}" stroke="{colour}" stroke-width="3"/><text x="{}" y="{}">{}</text>"#,
            lx + 24.0,
            lx + 30.0,
            ly + 4.0,
            escape(&series.name)
        );
    }
    s.push_str("</svg>\n");
    out.write_all(s.as_bytes())
}

struct Series {
    name: String,
    /// By size.
    points: Vec<Point>,
}

struct Point {
    /// Source sentences.
    size: f64,
    /// Median wall time, seconds.
    wall: f64,
    f1: f64,
    /// A synthetic workload's point, joined to the next by the line.
    on_line: bool,
}

/// A base-10 log axis over whole decades that hold every value.
struct LogAxis {
    lo: i32,
    hi: i32,
}

impl LogAxis {
    fn new(values: impl Iterator<Item = f64>) -> LogAxis {
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for v in values.filter(|v| *v > 0.0) {
            lo = lo.min(v.log10().floor() as i32);
            hi = hi.max(v.log10().ceil() as i32);
        }
        if lo > hi {
            // Nothing to draw: any decade will do.
            (lo, hi) = (0, 1);
        }
        if lo == hi {
            hi += 1;
        }
        LogAxis { lo, hi }
    }

    /// Where `v` falls, 0 at the lowest decade and 1 at the highest.
    fn unit(&self, v: f64) -> f64 {
        (v.log10() - f64::from(self.lo)) / f64::from(self.hi - self.lo)
    }

    fn ticks(&self) -> impl Iterator<Item = f64> {
        (self.lo..=self.hi).map(|e| 10f64.powi(e))
    }
}

/// `0.01`, `0.1`, `1`, `10`: a power of ten without trailing zeros.
fn trim_number(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text and attribute values: `&`, `<`, `>`, quotes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axis_spans_whole_decades() {
        let a = LogAxis::new([1000.0, 100_000.0].into_iter());
        assert_eq!((a.lo, a.hi), (3, 5));
        assert_eq!(a.unit(10_000.0), 0.5);
        let one = LogAxis::new([0.25].into_iter());
        assert_eq!((one.lo, one.hi), (-1, 0));
        assert_eq!(trim_number(0.01), "0.01");
        assert_eq!(trim_number(100.0), "100");
    }

    #[test]
    fn names_are_escaped() {
        assert_eq!(escape(r#"<a & "b">"#), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
