//! The `wasl` command: flags and glue around the library.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

/// wasl (وصل, "joining"): split bilingual text into sentences and align them.
#[derive(Parser)]
#[command(name = "wasl", version, about, long_about = None)]
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
    /// Import and inspect bilingual dictionaries (hunalign, FreeDict).
    Dict(cli::dict::Args),
    /// Align a stream of document pairs, one record per line on standard
    /// input (JSON Lines or Bitextor TSV), for GNU parallel, Spark and the like.
    Stream(cli::stream::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Align(args) => cli::align::run(args),
        Command::Segment(args) => cli::segment::run(args),
        Command::Eval(args) => cli::eval::run(args),
        Command::Dict(args) => cli::dict::run(args),
        Command::Stream(args) => cli::stream::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`wasl … | head`) is a normal way for output to end.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wasl: {e}");
            ExitCode::from(2)
        }
    }
}
