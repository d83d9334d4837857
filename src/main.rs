//! The `wasl` command: flags and glue around the library.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod cli;

use cli::Outcome;

/// The exit statuses, in `--help` and in every subcommand's.
const EXIT_STATUS: &str = "Exit status: 0 done (`wasl stream` included when it skipped bad \
    records); 1 `align --batch` wrote every good pair but some pairs were bad, incomplete or \
    not in their declared languages (each reported on standard error); 2 an error, nothing \
    written: bad input or options, a side not in its declared language or the files the \
    wrong way round (--force aligns anyway), an output that is an input.";

/// wasl (وصل, "joining"): split bilingual text into sentences and align them.
#[derive(Parser)]
#[command(
    name = "wasl",
    version,
    about,
    long_about = None,
    after_help = EXIT_STATUS,
)]
struct Cli {
    /// Threads to run on (default: one per core; RAYON_NUM_THREADS works too).
    #[arg(short = 'j', long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// No notes on standard error (what was written, what a format left
    /// out, summaries); errors and skipped inputs are still reported.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Align a bilingual file, two files, or a batch of document pairs.
    #[command(after_help = EXIT_STATUS)]
    Align(cli::align::Args),
    /// Split a file into sentences, one per line.
    Segment(cli::segment::Args),
    /// List blocks of consecutive sentences, one per line, to embed for
    /// `align --src-embed/--tgt-embed`.
    Overlaps(cli::overlaps::Args),
    /// Score alignments against gold: strict and lax P/R/F1, and the
    /// scores' calibration.
    Eval(cli::eval::Args),
    /// Learn a corpus model from documents, for `align --model` and
    /// `stream --model`.
    Learn(cli::learn::Args),
    /// Inspect a corpus model file.
    Model(cli::model::Args),
    /// Import and inspect bilingual dictionaries (hunalign, FreeDict).
    Dict(cli::dict::Args),
    /// Align a stream of document pairs, one record per line on standard
    /// input (JSON Lines or Bitextor TSV), for GNU parallel, Spark and the like.
    Stream(cli::stream::Args),
    /// Benchmark aligners (wasl and any other) on the same workloads: time,
    /// memory, strict/lax F1; a table, JSON, CSV or an SVG plot.
    Bench(cli::bench::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cli::shell::CompletionsArgs),
    /// Print the manual page (roff), of wasl or of one subcommand.
    Man(cli::shell::ManArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    cli::set_quiet(cli.quiet);
    if let Some(n) = cli.threads {
        // Only fails when a pool was already built, which nothing before
        // this line does.
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build_global()
        {
            eprintln!("wasl: --threads {n}: {e}");
            return ExitCode::from(2);
        }
    }
    let done = |r: wasl::Result<()>| r.map(|()| Outcome::Done);
    let result = match cli.command {
        Command::Align(args) => cli::align::run(args),
        Command::Segment(args) => done(cli::segment::run(args)),
        Command::Overlaps(args) => done(cli::overlaps::run(args)),
        Command::Eval(args) => done(cli::eval::run(args)),
        Command::Learn(args) => cli::learn::run(args),
        Command::Model(args) => done(cli::model::run(args)),
        Command::Dict(args) => done(cli::dict::run(args)),
        Command::Stream(args) => done(cli::stream::run(args)),
        Command::Bench(args) => done(cli::bench::run(args)),
        Command::Completions(args) => done(cli::shell::completions(args, Cli::command())),
        Command::Man(args) => done(cli::shell::man(args, Cli::command())),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        // Some inputs were reported and left out; the rest was written.
        Ok(Outcome::Partial) => ExitCode::from(1),
        // A closed pipe (`wasl … | head`) is a normal way for output to end.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasl: {e}");
            ExitCode::from(2)
        }
    }
}
