//! `wasl bench`: run sentence aligners over workloads and report time,
//! memory and accuracy (see `wasl::bench` for what is measured and how).
//!
//! ```text
//! wasl bench --sizes 1k,10k                                  # wasl alone
//! wasl bench --sizes 1k,10k --aligner gc=scripts/aligners/galechurch --plot speed.svg
//! wasl bench --gold ../shared/eval/ar_en_dev/ntrex128 --aligner toy='./pair-lines' --json
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use wasl::bench::workload::{self, Content, Shape, Workload};
use wasl::bench::{self, plot, render, AlignerSpec, Event, Invocation, Options};
use wasl::write::write_atomically;
use wasl::{Error, Result};

use super::progress::Progress;

#[derive(clap::Args)]
pub struct Args {
    /// Synthetic workloads of these sizes (source sentences, comma
    /// separated: 1k,10k,100k), generated from --seed as
    /// `scripts/workload.sh` generates them. Default 1k,10k when no
    /// --gold is given.
    #[arg(long, value_name = "LIST", value_delimiter = ',', value_parser = workload::parse_size)]
    pub sizes: Vec<usize>,
    /// Synthetic content that returns every PERIOD sentences, words
    /// shuffled, the source an Arabic-script image of the target with
    /// noise (as `scripts/workload.sh --periodic`): the trap for
    /// coarse-to-fine searches.
    #[arg(long, value_name = "PERIOD", value_parser = workload::parse_size)]
    pub periodic: Option<usize>,
    /// The seed of the synthetic workloads (the same seed, the same text).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Draw synthetic workloads from every gold-aligned document pair of
    /// --src-lang and --tgt-lang under DIR (e.g. ../shared/eval), instead
    /// of the bilingual sample in data/.
    #[arg(long, value_name = "DIR")]
    pub pool: Option<PathBuf>,
    /// A workload of every gold-aligned document pair under DIR (NAME.ar +
    /// NAME.en + gold NAME.aren, or ar/NAME + en/NAME + gold/NAME), as the
    /// evaluation sets are; repeatable.
    #[arg(long, value_name = "DIR")]
    pub gold: Vec<PathBuf>,
    /// The languages of --pool, and of gold folders laid out as
    /// SRC/NAME + TGT/NAME + gold/NAME.
    #[arg(long, default_value = "ar", value_name = "LANG")]
    pub src_lang: String,
    /// The target language of --pool and of such gold folders.
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub tgt_lang: String,
    /// Another aligner, NAME=COMMAND: `COMMAND SRC TGT` must print beads
    /// (`[i, j]:[k]` lines) for two one-sentence-per-line files, and exit
    /// 127 when its aligner is not installed (it is then skipped).
    /// Run by `sh -c`; WASL_BENCH_SRC_LANG and WASL_BENCH_TGT_LANG are set.
    /// Repeatable; adapters are in scripts/aligners/.
    #[arg(long = "aligner", value_name = "NAME=COMMAND", value_parser = AlignerSpec::parse)]
    pub aligners: Vec<AlignerSpec>,
    /// Leave wasl itself out (benchmark only the --aligner commands).
    #[arg(long)]
    pub no_wasl: bool,
    /// Runs of each aligner on each workload; the table shows the median,
    /// minimum and maximum wall time.
    #[arg(long, default_value_t = 3, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub runs: u32,
    /// Kill a run that takes longer than SECONDS on one document pair and
    /// record a timeout.
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
    /// Write the whole report as JSON (workloads with their seeds, every
    /// run's figures) to FILE, or to standard output without FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub json: Option<PathBuf>,
    /// Write one CSV row per aligner and workload to FILE, or to standard
    /// output without FILE.
    #[arg(long, value_name = "FILE", num_args = 0..=1, default_missing_value = "-")]
    pub csv: Option<PathBuf>,
    /// Draw wall time and strict F1 against size (log–log), one line per
    /// aligner, as an SVG picture.
    #[arg(long, value_name = "FILE.svg")]
    pub plot: Option<PathBuf>,
    /// Keep the workloads and every aligner's output and standard error
    /// in DIR (default: a temporary folder, removed at the end).
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
}

fn parse_seconds(s: &str) -> std::result::Result<Duration, String> {
    let secs: f64 = s
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if !(secs > 0.0 && secs.is_finite()) {
        return Err(format!("'{s}': a timeout is a positive number of seconds"));
    }
    Ok(Duration::from_secs_f64(secs))
}

pub fn run(args: Args) -> Result<()> {
    if args.json.as_deref() == Some(Path::new("-")) && args.csv.as_deref() == Some(Path::new("-")) {
        return Err(Error::Usage(
            "--json and --csv both to standard output: give one of them a FILE".into(),
        ));
    }
    // An output that cannot be written should fail now, not after an hour
    // of measuring.
    for path in [&args.json, &args.csv, &args.plot].into_iter().flatten() {
        if path == Path::new("-") {
            continue;
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        if !dir.is_dir() {
            return Err(Error::Usage(format!(
                "{}: cannot write there: {} is not a folder",
                path.display(),
                dir.display()
            )));
        }
    }
    let mut aligners = Vec::new();
    if !args.no_wasl {
        let exe = std::env::current_exe().map_err(|e| Error::io("wasl", e))?;
        aligners.push(AlignerSpec {
            name: "wasl".into(),
            invocation: Invocation::Wasl { exe },
        });
    }
    aligners.extend(args.aligners.iter().cloned());
    for (i, a) in aligners.iter().enumerate() {
        if aligners[..i].iter().any(|b| b.name == a.name) {
            return Err(Error::Usage(format!(
                "two aligners are named '{}': give each its own NAME",
                a.name
            )));
        }
    }
    if aligners.is_empty() {
        return Err(Error::Usage(
            "--no-wasl and no --aligner: nothing to benchmark".into(),
        ));
    }
    // Every gold folder is read before anything runs, so a typo fails at once.
    let langs = (args.src_lang.as_str(), args.tgt_lang.as_str());
    let mut workloads: Vec<Workload> = Vec::new();
    for dir in &args.gold {
        workloads.push(workload::gold(dir, langs)?);
    }
    let sizes = if args.sizes.is_empty() && args.gold.is_empty() {
        vec![1_000, 10_000]
    } else {
        args.sizes.clone()
    };

    let temp;
    let work = match &args.keep {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            dir.clone()
        }
        None => {
            temp = tempfile::Builder::new()
                .prefix("wasl-bench.")
                .tempdir()
                .map_err(|e| Error::io(std::env::temp_dir(), e))?;
            temp.path().to_path_buf()
        }
    };
    let progress = Progress::new(super::quiet());
    let content = match &args.pool {
        None => Content::Sample,
        Some(dir) => Content::Pool {
            dir: dir.clone(),
            src_lang: args.src_lang.clone(),
            tgt_lang: args.tgt_lang.clone(),
        },
    };
    let shape = match args.periodic {
        None => Shape::Drawn,
        Some(period) => Shape::Periodic { period },
    };
    for &size in &sizes {
        progress.phase(format!(
            "generating {} sentences",
            workload::size_label(size)
        ));
        let name = match shape {
            Shape::Drawn => format!("{size}-seed{}", args.seed),
            Shape::Periodic { period } => format!("{size}-seed{}-periodic{period}", args.seed),
        };
        let dir = work.join("workloads").join(name);
        workloads.push(workload::synthetic(&content, shape, size, args.seed, &dir)?);
    }
    // Two workloads of one name would be one row in every table.
    let mut seen = std::collections::HashMap::new();
    for w in &mut workloads {
        let n = seen.entry(w.name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            w.name = format!("{}#{n}", w.name);
        }
    }

    let options = Options {
        runs: args.runs as usize,
        timeout: args.timeout,
        work: work.join("out"),
    };
    let on_event = |e: Event| match e {
        Event::Run {
            aligner,
            workload,
            run,
            runs,
        } => progress.phase(format!("{aligner} on {workload}: run {run} of {runs}")),
        Event::Note(note) => {
            if !super::quiet() {
                progress.eprintln(&format!("wasl bench: {note}"));
            }
        }
    };
    let mut report = bench::run(&aligners, &workloads, &options, &on_event)?;
    report.command = std::env::args().collect();
    drop(progress);

    let mut to_stdout = false;
    for (path, write) in [
        (&args.json, render::json as Writer),
        (&args.csv, render::csv as Writer),
    ] {
        let Some(path) = path else { continue };
        if path == Path::new("-") {
            to_stdout = true;
            emit_stdout(|out| write(&report, out))?;
        } else {
            write_atomically(path, |out| write(&report, out))?;
        }
    }
    if let Some(path) = &args.plot {
        write_atomically(path, |out| plot::svg(&report, out))?;
    }
    // The table is for people: on standard output unless a machine format
    // took it, then on standard error.
    if to_stdout {
        let mut err = io::stderr().lock();
        render::table(&report, &mut err).map_err(|e| Error::io("<stderr>", e))?;
    } else {
        emit_stdout(|out| render::table(&report, out))?;
    }
    if let Some(dir) = &args.keep {
        super::note(format!("workloads and outputs kept in {}", dir.display()));
    }
    Ok(())
}

type Writer = fn(&bench::Report, &mut dyn Write) -> io::Result<()>;

fn emit_stdout(body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    body(&mut out)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("<stdout>", e))
}
