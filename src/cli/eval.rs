//! `wasl eval`: score alignments against gold.
//!
//! Usage: `wasl eval GOLD TEST [--json]`, files or folders. Folders are
//! matched by file name: every gold file is a document, looked up in TEST;
//! a missing test file counts as an empty alignment and is reported. The
//! figures agree with `score.py` (see `wasl::eval` for the definition).

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{is_stdin, read_input, STDIN};
use wasl::eval::{evaluate_paths, parse_links, read_links, Counts, Evaluation, Link, Prf};
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
    /// with `precision`, `recall`, `f1`; `documents`; `missing`).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> Result<()> {
    let eval = if is_stdin(&args.gold) || is_stdin(&args.test) {
        // One file and standard input: one document.
        super::inputs_or_stdin(&[args.gold.clone(), args.test.clone()])?;
        let links = |p: &Path| -> Result<Vec<Link>> {
            if is_stdin(p) {
                parse_links(&read_input(p, None)?.text, Path::new(STDIN))
            } else {
                read_links(p)
            }
        };
        Evaluation {
            counts: Counts::document(&links(&args.gold)?, &links(&args.test)?),
            documents: 1,
            missing: Vec::new(),
        }
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
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        write_json(&eval, &mut out)
    } else {
        write_table(&eval, &mut out)
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}

/// score.py's output, field for field and in its order, so scripts can use
/// either. Figures are rounded to 4 decimals as score.py rounds them.
#[derive(Serialize)]
struct Json<'a> {
    strict: Prf,
    lax: Prf,
    documents: usize,
    missing: &'a [String],
}

fn write_json(eval: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
    let s = eval.scores();
    let json = Json {
        strict: s.strict.rounded(),
        lax: s.lax.rounded(),
        documents: eval.documents,
        missing: &eval.missing,
    };
    serde_json::to_writer(&mut *out, &json)?;
    writeln!(out)
}

fn write_table(eval: &Evaluation, out: &mut dyn Write) -> io::Result<()> {
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
    )
}
