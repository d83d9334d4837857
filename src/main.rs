//! The `wasl` command: flags and glue around the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

use cli::Outcome;

/// wasl (وصل, "joining"): split bilingual text into sentences and align them.
#[derive(Parser)]
#[command(
    name = "wasl",
    version,
    about,
    long_about = None,
    after_help = "Exit status: 0 done; 1 `align --batch` wrote every good pair but some pairs \
                  were bad or incomplete (reported on standard error); 2 an error, nothing \
                  written (bad input or options, an output that is an input)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Align a bilingual file, two files, or a batch of document pairs.
    Align(cli::align::Args),
    /// Split a file into sentences, one per line.
    Segment(cli::segment::Args),
    /// Score alignments against gold: strict and lax P/R/F1.
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = |r: wasl::Result<()>| r.map(|()| Outcome::Done);
    let result = match cli.command {
        Command::Align(args) => cli::align::run(args),
        Command::Segment(args) => done(cli::segment::run(args)),
        Command::Eval(args) => done(cli::eval::run(args)),
        Command::Learn(args) => cli::learn::run(args),
        Command::Model(args) => done(cli::model::run(args)),
        Command::Dict(args) => done(cli::dict::run(args)),
        Command::Stream(args) => done(cli::stream::run(args)),
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
