//! Builds a synthetic document pair of a given size from real parallel
//! text, for speed measurements and for comparing aligners on the same
//! input. See `benches/support/workload.rs` for how it is made, and
//! `scripts/workload.sh` for the usual way to run it.
//!
//! ```text
//! cargo run --release --example workload -- SIZE OUT_DIR [--pool DIR]
//!     [--seed N] [--src-lang ar] [--tgt-lang en] [--clean] [--periodic PERIOD]
//!     [--records N]
//! ```
//!
//! Writes, for source language `ar` and target `en`:
//!
//! - `OUT_DIR/seg/doc.ar`, `OUT_DIR/seg/doc.en`: one sentence per line;
//! - `OUT_DIR/gold/doc`: the gold beads of those lines (`wasl eval
//!   OUT_DIR/gold OUT_DIR/out` scores an alignment written to `OUT_DIR/out/doc`);
//! - `OUT_DIR/raw/doc.ar`, `OUT_DIR/raw/doc.en`: the same text as
//!   paragraphs, one per line, for segmentation and end-to-end runs.
//!
//! `--pool DIR` draws from every gold-aligned document pair of the two
//! languages under DIR (e.g. `../shared/eval`) instead of the sample in
//! `data/`; `--clean` turns off omissions, insertions and merges.
//! `--records N` writes instead `OUT_DIR/stream.jsonl`: N `wasl stream`
//! records of SIZE units a side, seeds 1000, 1001, … (the records of
//! `cargo bench --bench stream`, which uses 10 000 of 15 units), and their
//! gold beads, one JSON array of `[src, tgt]` index lists per record, in
//! `OUT_DIR/stream.gold.jsonl`.
//! `--periodic PERIOD` makes content that returns every PERIOD sentences
//! with its words shuffled, the source side an Arabic-script image of the
//! target's (`workload::periodic`): the input that long-document searches
//! can mistake for a copy one period away.

#[path = "../benches/support/workload.rs"]
mod workload;

use std::path::PathBuf;
use std::process::ExitCode;

use workload::{Perturb, Pool};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("workload: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let (mut pool_dir, mut seed, mut clean) = (None, 1u64, false);
    let mut period: Option<usize> = None;
    let mut records: Option<usize> = None;
    let (mut src, mut tgt) = ("ar".to_string(), "en".to_string());
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--pool" => pool_dir = Some(PathBuf::from(value("--pool")?)),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--src-lang" => src = value("--src-lang")?,
            "--tgt-lang" => tgt = value("--tgt-lang")?,
            "--clean" => clean = true,
            "--periodic" => {
                period = Some(
                    value("--periodic")?
                        .replace('_', "")
                        .parse()
                        .map_err(|e| format!("--periodic: {e}"))?,
                )
            }
            "--records" => {
                records = Some(
                    value("--records")?
                        .replace('_', "")
                        .parse()
                        .map_err(|e| format!("--records: {e}"))?,
                )
            }
            "-h" | "--help" => {
                return Err("usage: workload SIZE OUT_DIR [--pool DIR] [--seed N] \
                            [--src-lang ar] [--tgt-lang en] [--clean] [--periodic PERIOD] \
                            [--records N]"
                    .into())
            }
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => positional.push(a),
        }
    }
    let [size, out] = positional.as_slice() else {
        return Err("usage: workload SIZE OUT_DIR [options] (--help)".into());
    };
    let size: usize = size
        .replace('_', "")
        .parse()
        .map_err(|e| format!("SIZE {size:?}: {e}"))?;
    let out = PathBuf::from(out);
    let pool = match &pool_dir {
        Some(dir) => {
            Pool::from_dir(dir, &src, &tgt).map_err(|e| format!("{}: {e}", dir.display()))?
        }
        None => {
            if (src.as_str(), tgt.as_str()) != ("ar", "en") {
                return Err(
                    "the built-in sample is Arabic-English; give --pool for other languages".into(),
                );
            }
            Pool::sample()
        }
    };
    if pool.units.is_empty() {
        return Err(format!(
            "no gold-aligned {src}-{tgt} document pairs under {}",
            pool_dir.unwrap_or_default().display()
        ));
    }
    let perturb = if clean {
        Perturb {
            omit: 0.0,
            insert: 0.0,
            merge: 0.0,
        }
    } else {
        Perturb::default()
    };
    if let Some(n) = records {
        return write_records(&pool, size, n, perturb, &out);
    }
    let w = match period {
        Some(period) => workload::periodic(
            &pool,
            size,
            seed,
            workload::Periodic {
                period,
                ..Default::default()
            },
        ),
        None => workload::build(&pool, size, seed, perturb),
    };
    let write = |rel: String, text: String| -> Result<(), String> {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    };
    write(format!("seg/doc.{src}"), w.src_lines())?;
    write(format!("seg/doc.{tgt}"), w.tgt_lines())?;
    write("gold/doc".into(), w.gold_beads())?;
    write(format!("raw/doc.{src}"), w.src_raw())?;
    write(format!("raw/doc.{tgt}"), w.tgt_raw())?;
    // The folder the README's recipe writes the aligner's output into, so
    // `wasl align … -o OUT/out/doc` works as written.
    let out_dir = out.join("out");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    eprintln!(
        "workload: {} {src} and {} {tgt} sentences, {} gold beads, from a pool of {} units, in {}",
        w.src.len(),
        w.tgt.len(),
        w.gold.len(),
        pool.units.len(),
        out.display()
    );
    Ok(())
}

/// `--records N`: the stream benchmark's records (seeds 1000 + k), and
/// their gold beads.
fn write_records(
    pool: &Pool,
    size: usize,
    n: usize,
    perturb: Perturb,
    out: &std::path::Path,
) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let (mut jsonl, mut gold) = (String::new(), String::new());
    for k in 0..n {
        let w = workload::build(pool, size, 1000 + k as u64, perturb);
        let record = serde_json::json!({
            "id": k, "src": w.src_lines(), "tgt": w.tgt_lines(), "presegmented": true
        });
        jsonl.push_str(&record.to_string());
        jsonl.push('\n');
        let beads: Vec<serde_json::Value> = w
            .gold
            .iter()
            .map(|(s, t)| {
                serde_json::json!([s.clone().collect::<Vec<_>>(), t.clone().collect::<Vec<_>>()])
            })
            .collect();
        gold.push_str(&serde_json::Value::Array(beads).to_string());
        gold.push('\n');
    }
    for (name, text) in [("stream.jsonl", &jsonl), ("stream.gold.jsonl", &gold)] {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!(
        "workload: {n} records of {size} units a side in {}/stream.jsonl",
        out.display()
    );
    Ok(())
}
