//! Subcommands: each file holds its arguments (clap derive) next to its
//! `run` function, and nothing but glue around the library.

pub mod align;
pub mod bench;
pub mod dict;
pub mod eval;
pub mod learn;
pub mod model;
pub mod overlaps;
pub mod progress;
pub mod segment;
pub mod shell;
pub mod stream;

use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use wasl::encoding::Encoding;
use wasl::{Document, Error, Result};

/// How a run that did not fail outright ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done: exit status 0.
    Done,
    /// Some inputs were bad and left out, the rest written (a `--batch`
    /// with an unreadable pair): exit status 1.
    Partial,
}

/// `-q/--quiet`, set once by `main` before any subcommand runs. A global
/// rather than an argument threaded through every `run`: it only decides
/// whether a note reaches standard error.
static QUIET: AtomicBool = AtomicBool::new(false);

pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Prints a note on standard error: what a run did or left out, never an
/// error or a report of bad input (those are printed whatever `-q` says).
pub fn note(message: impl std::fmt::Display) {
    if !quiet() {
        eprintln!("wasl: {message}");
    }
}

/// Standard input's name in messages.
pub const STDIN: &str = "<stdin>";

/// `-` stands for standard input wherever a file is read.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// The files to read: as given, or `-` (standard input) when none is
/// given and standard input is not a terminal, as `cat` and `sort` do.
/// Standard input can be read once, so `-` names one side at most.
pub fn inputs_or_stdin(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    if inputs.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Error::Usage(
                "no input: give a FILE, or pipe text in (`-` names standard input)".into(),
            ));
        }
        return Ok(vec![PathBuf::from("-")]);
    }
    if inputs.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(Error::Usage(
            "standard input (`-`) can be read once: give it for one side at most".into(),
        ));
    }
    Ok(inputs.to_vec())
}

/// Reads a file named on the command line, or standard input for `-`,
/// in `encoding` (UTF-8 by default; a UTF-16 byte-order mark wins).
pub fn read_input(path: &Path, encoding: Option<&'static Encoding>) -> Result<Document> {
    if !is_stdin(path) {
        return Document::read_as(path, encoding);
    }
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(STDIN, e))?;
    let mut doc = Document::from_bytes_as(STDIN, bytes, encoding)?;
    doc.id = "stdin".into();
    Ok(doc)
}
