//! `wasl eval`: score alignments against gold.
//!
//! Usage: `wasl eval GOLD TEST [--json] [--plot FILE.svg]`, files or
//! folders. Folders are matched by file name: every gold file is a
//! document, looked up in TEST; a missing test file counts as an empty
//! alignment and is reported. The figures agree with `score.py` (see
//! `wasl::eval` for the definition). When the test beads carry scores,
//! their calibration is reported too (`wasl::eval::calibration`).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{is_stdin, read_input, STDIN};
use wasl::eval::{
    evaluate_paths, parse_scored_links, read_scored_links, Calibration, Evaluation, Link,
    NotAvailable, Prf, ScoredLink,
};
use wasl::write::{check_outputs, reliability, write_atomically};
use wasl::{Error, Result};

#[derive(clap::Args)]
pub struct Args {
    /// Gold alignment: a bead file, or a folder of them (one per document).
    pub gold: PathBuf,
    /// Alignment to score: a bead file, or a folder with the gold file
    /// names. `-` (for either, not both) is standard input, so `wasl align
    /// -f beads … | wasl eval GOLD -` scores without a file.
    pub test: PathBuf,
    /// Print JSON with the keys score.py prints (`strict` and `lax`, each
    /// with `precision`, `recall`, `f1`; `documents`; `missing`), then
    /// `calibration`: the reliability table, ECE, precision and yield at
    /// 0.5, 0.8, 0.9, 0.95 (null when the test beads carry no scores).
    #[arg(long)]
    pub json: bool,
    /// Also draw the reliability diagram (score bins against share
    /// correct, ECE in the title) as an SVG file. Nothing is written when
    /// the test beads carry no scores.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    if let Some(plot) = &args.plot {
        // The picture must not replace a gold or test file, nor one inside
        // a gold or test folder.
        check_outputs(std::slice::from_ref(plot), &input_files(&args)?)?;
    }
    let eval = if is_stdin(&args.gold) || is_stdin(&args.test) {
        // One file and standard input: one document.
        super::inputs_or_stdin(&[args.gold.clone(), args.test.clone()])?;
        let links = |p: &Path| -> Result<Vec<ScoredLink>> {
            if is_stdin(p) {
                parse_scored_links(&read_input(p, None)?.text, Path::new(STDIN))
            } else {
                read_scored_links(p)
            }
        };
        let gold: Vec<Link> = links(&args.gold)?.into_iter().map(|s| s.link).collect();
        Evaluation::document(&gold, &links(&args.test)?)
    } else {
        evaluate_paths(&args.gold, &args.test)?
    };
    for name in &eval.missing {
        eprintln!(
            "wasl eval: {}: no test file of that name in {}; scored as an empty alignment",
            args.gold.join(name).display(),
            args.test.display()
        );
    }
    let calibration = eval.calibration_report();
    if let Some(plot) = &args.plot {
        match &calibration {
            Ok(cal) => {
                let label = format!("{} against {}", args.test.display(), args.gold.display());
                write_atomically(plot, |w| reliability::write_svg(cal, &label, w))?;
            }
            Err(why) => super::note(format!(
                "eval: calibration is not available: {why}; no plot written to {}",
                plot.display()
            )),
        }
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        write_json(&eval, &calibration, &mut out)
    } else {
        write_table(&eval, &calibration, &mut out)
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

/// Every file this run reads: gold and test, or the files in them.
fn input_files(args: &Args) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in [&args.gold, &args.test] {
        if p.is_dir() {
            for entry in std::fs::read_dir(p).map_err(|e| Error::io(p, e))? {
                files.push(entry.map_err(|e| Error::io(p, e))?.path());
            }
        } else if !is_stdin(p) {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// score.py's output, field for field and in its order, so scripts can use
/// either. Figures are rounded to 4 decimals as score.py rounds them.
/// `calibration` comes last, and is null when the test beads carry no
/// scores (a gold file against gold, another aligner's output).
#[derive(Serialize)]
struct Json<'a> {
    strict: Prf,
    lax: Prf,
    documents: usize,
    missing: &'a [String],
    calibration: Option<Calibration>,
}

fn write_json(
    eval: &Evaluation,
    calibration: &std::result::Result<Calibration, NotAvailable>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = eval.scores();
    let json = Json {
        strict: s.strict.rounded(),
        lax: s.lax.rounded(),
        documents: eval.documents,
        missing: &eval.missing,
        calibration: calibration.as_ref().ok().map(Calibration::rounded),
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

fn write_table(
    eval: &Evaluation,
    calibration: &std::result::Result<Calibration, NotAvailable>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let s = eval.scores();
    writeln!(
        out,
        "{:<8}{:>10}{:>10}{:>10}",
        "", "precision", "recall", "F1"
    )?;
    for (name, p) in [("strict", s.strict), ("lax", s.lax)] {
        writeln!(
            out,
            "{:<8}{:>10.4}{:>10.4}{:>10.4}",
            name, p.precision, p.recall, p.f1
        )?;
    }
    let c = eval.counts;
    writeln!(
        out,
        "documents: {} ({} missing); test links: {}; gold links (non-null): {}",
        eval.documents,
        eval.missing.len(),
        c.precision.links,
        c.recall.links
    )?;
    match calibration {
        Ok(cal) => write_calibration(cal, out),
        Err(why) => writeln!(out, "calibration: not available: {why}"),
    }
}

/// The reliability table and the thresholds, under the scores.
fn write_calibration(cal: &Calibration, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "calibration: ECE {:.4} over {} scored beads with sentences on both sides \
         ({} correct: an exact match with a gold bead){}",
        cal.ece,
        cal.beads,
        cal.correct,
        if cal.unscored > 0 {
            format!("; {} beads without a score left out", cal.unscored)
        } else {
            String::new()
        }
    )?;
    writeln!(
        out,
        "{:<10}{:>8}{:>12}{:>10}",
        "score", "beads", "mean score", "correct"
    )?;
    let figure = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
    for b in &cal.bins {
        writeln!(
            out,
            "{:<10}{:>8}{:>12}{:>10}",
            format!("{:.1}-{:.1}", b.lower, b.upper),
            b.beads,
            figure(b.mean_score),
            figure(b.share_correct)
        )?;
    }
    writeln!(
        out,
        "{:<10}{:>8}{:>10}{:>11}{:>9}",
        "score >=", "beads", "of beads", "precision", "yield"
    )?;
    for t in &cal.thresholds {
        writeln!(
            out,
            "{:<10}{:>8}{:>10.4}{:>11}{:>9.4}",
            format!("{:.2}", t.threshold),
            t.beads,
            t.share_of_beads,
            figure(t.precision),
            t.yield_
        )?;
    }
    writeln!(
        out,
        "(yield: correct beads kept over the {} gold links with sentences on both sides)",
        cal.gold_links
    )
}
