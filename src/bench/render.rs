//! A [`Report`] for people (a table) and for programs (JSON, CSV). The
//! picture is [`super::plot`].
//!
//! JSON is the report whole — every run's figures, the workloads'
//! descriptions and seeds, the commands — so that a table can be checked
//! and made again; CSV is one row per aligner and workload, the figures a
//! spreadsheet plots.

use std::io::{self, Write};

use super::{Entry, Report, Status};

/// Writes the report as one JSON object (pretty-printed: it is read by
/// people diffing two benchmarks as often as by programs).
pub fn json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 19] = [
    "aligner",
    "workload",
    "sentences",
    "status",
    "detail",
    "runs",
    "wall_median_s",
    "wall_min_s",
    "wall_max_s",
    "cpu_s",
    "peak_rss_bytes",
    "sentences_per_s",
    "strict_precision",
    "strict_recall",
    "strict_f1",
    "lax_precision",
    "lax_recall",
    "lax_f1",
    "seed",
];

/// Writes one CSV row per entry (RFC 4180, header row); a figure that was
/// not measured is an empty field.
pub fn csv(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    for e in &report.results {
        let seed = report
            .workloads
            .iter()
            .find(|w| w.name == e.workload)
            .and_then(|w| match &w.description {
                super::workload::Description::Synthetic { seed, .. } => Some(seed.to_string()),
                _ => None,
            })
            .unwrap_or_default();
        let f = |x: Option<f64>| x.map_or(String::new(), |x| format!("{x:.6}"));
        let prf = |p: Option<crate::eval::Prf>| {
            [
                f(p.map(|p| p.precision)),
                f(p.map(|p| p.recall)),
                f(p.map(|p| p.f1)),
            ]
        };
        let [sp, sr, sf] = prf(e.strict);
        let [lp, lr, lf] = prf(e.lax);
        w.write_record([
            e.aligner.clone(),
            e.workload.clone(),
            e.sentences.to_string(),
            e.status.as_str().to_string(),
            e.detail.clone().unwrap_or_default(),
            e.runs.len().to_string(),
            f(e.wall_s.map(|s| s.median)),
            f(e.wall_s.map(|s| s.min)),
            f(e.wall_s.map(|s| s.max)),
            f(e.cpu_s),
            e.peak_rss_bytes.map_or(String::new(), |b| b.to_string()),
            f(e.sentences_per_s),
            sp,
            sr,
            sf,
            lp,
            lr,
            lf,
            seed,
        ])?;
    }
    w.flush()
}

/// Writes the table for a terminal: one line per aligner and workload,
/// then the notes (what crashed, what was skipped) below it.
pub fn table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let header = [
        "aligner",
        "workload",
        "sentences",
        "wall (median, min–max)",
        "CPU",
        "peak mem",
        "sentences/s",
        "strict F1",
        "lax F1",
    ];
    // An aligner that is not installed has nothing to show: it is named
    // once under the table, not given a row of dashes per workload.
    let rows: Vec<[String; 9]> = report
        .results
        .iter()
        .filter(|e| e.status != Status::Missing)
        .map(row)
        .collect();
    let mut width = header.map(|h| h.chars().count());
    for r in &rows {
        for (w, cell) in width.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // Names left-aligned, figures right-aligned, as numbers are read.
    let line = |cells: &[String; 9], out: &mut dyn Write| -> io::Result<()> {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
            let pad = " ".repeat(w - cell.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if i < 2 {
                s.push_str(cell);
                s.push_str(&pad);
            } else {
                s.push_str(&pad);
                s.push_str(cell);
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(&header.map(String::from), out)?;
    for r in &rows {
        line(r, out)?;
    }
    let mut notes: Vec<String> = Vec::new();
    for e in &report.results {
        let detail = e.detail.as_deref().unwrap_or("");
        let note = match e.status {
            Status::Ok => continue,
            Status::Missing => format!("{}: not installed, skipped: {detail}", e.aligner),
            status => format!(
                "{} on {}: {}: {detail}",
                e.aligner,
                e.workload,
                status.as_str()
            ),
        };
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    if !notes.is_empty() {
        writeln!(out)?;
    }
    for note in notes {
        writeln!(out, "{note}")?;
    }
    writeln!(
        out,
        "\n{} run{} each; {} core{}, {} {}; wasl {}",
        report.runs,
        if report.runs == 1 { "" } else { "s" },
        report.machine.cores,
        if report.machine.cores == 1 { "" } else { "s" },
        report.machine.os,
        report.machine.arch,
        report.wasl_version
    )
}

fn row(e: &Entry) -> [String; 9] {
    let dash = || "—".to_string();
    let wall = match (e.status, e.wall_s) {
        (Status::Ok, Some(s)) if e.runs.len() > 1 => format!(
            "{} ({}–{})",
            seconds(s.median),
            seconds(s.min).trim_end_matches(" s"),
            seconds(s.max)
        ),
        (Status::Ok, Some(s)) => seconds(s.median),
        (status, _) => status.as_str().to_string(),
    };
    [
        e.aligner.clone(),
        e.workload.clone(),
        thousands(e.sentences as f64),
        wall,
        e.cpu_s.map_or_else(dash, seconds),
        e.peak_rss_bytes.map_or_else(dash, megabytes),
        e.sentences_per_s.map_or_else(dash, thousands),
        e.strict.map_or_else(dash, |p| format!("{:.3}", p.f1)),
        e.lax.map_or_else(dash, |p| format!("{:.3}", p.f1)),
    ]
}

/// Seconds with three significant figures or so: `0.243 s`, `17.0 s`.
pub fn seconds(s: f64) -> String {
    if s < 1.0 {
        format!("{s:.3} s")
    } else if s < 100.0 {
        format!("{s:.2} s")
    } else {
        format!("{s:.0} s")
    }
}

/// Bytes as megabytes (10⁶, as `/usr/bin/time`'s kilobytes are read).
pub fn megabytes(b: u64) -> String {
    let mb = b as f64 / 1e6;
    if mb < 10.0 {
        format!("{mb:.1} MB")
    } else {
        format!("{mb:.0} MB")
    }
}

/// A whole number with thin spaces between thousands, as the README
/// writes them: `142 000`.
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.max(0.0));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_the_readme_writes_them() {
        assert_eq!(thousands(142_000.4), "142 000");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_000_000.0), "1 000 000");
        assert_eq!(seconds(0.2434), "0.243 s");
        assert_eq!(seconds(17.04), "17.04 s");
        assert_eq!(megabytes(148_000_000), "148 MB");
        assert_eq!(megabytes(1_300_000), "1.3 MB");
    }
}
