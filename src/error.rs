//! Typed errors for the library.
//!
//! Every variant names the file (or stream record) it is about and what was
//! wrong with it, so the command-line shell can print one readable line and
//! exit non-zero without adding context of its own.

use std::io;
use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in wasl's library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed at the operating-system level.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The input is not valid UTF-8.
    #[error(
        "{}: invalid UTF-8 at byte {offset} (line {line}); wasl reads UTF-8, and UTF-16 \
         with a byte-order mark: name any other encoding with --encoding", path.display()
    )]
    Utf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    /// The input is not text in the encoding it was read as (`what`:
    /// "invalid windows-1256", "NUL byte"), with a hint of what it may be.
    #[error("{}: {what} at byte {offset} (line {line}){hint}", path.display())]
    Decode {
        path: PathBuf,
        what: String,
        offset: usize,
        line: usize,
        hint: String,
    },
    /// The input holds a NUL byte, which no text format wasl reads allows.
    #[error("{}: NUL byte at byte {offset} (line {line}); is this a binary file?", path.display())]
    Nul {
        path: PathBuf,
        offset: usize,
        line: usize,
    },
    /// The input has no text at all (empty or whitespace only).
    #[error("{}: {what} is empty: nothing to align", path.display())]
    Empty { path: PathBuf, what: String },
    /// A bilingual file lacks one of the two language sections.
    #[error("{}: no {missing} section found ({detail})", path.display())]
    NoSection {
        path: PathBuf,
        missing: String,
        detail: String,
    },
    /// A side is not in the language it is declared as, or the two sides
    /// were given the wrong way round.
    /// (Boxed: it is larger than every other variant, and would make every
    /// `Result` in the library as large.)
    #[error(transparent)]
    Lang(Box<crate::langcheck::Mismatch>),
    /// A structured input (beads, dictionary, stream record) is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A corpus model file is broken, newer than this wasl, or for
    /// another language pair.
    #[error("{}: {message}", path.display())]
    Model { path: PathBuf, message: String },
    /// A file of sentence embeddings is not a float matrix, holds NaNs,
    /// or does not match the sentences or the other side's embeddings.
    #[error("{}: {message}", path.display())]
    Embedding { path: PathBuf, message: String },
    /// A run would write over a file it reads.
    #[error(
        "{}: refusing to write this output: it is the input {}, the same file; \
         choose another output", output.display(), input.display()
    )]
    OutputIsInput { output: PathBuf, input: PathBuf },
    /// The caller asked for something that cannot be done.
    #[error("{0}")]
    Usage(String),
}

impl From<crate::langcheck::Mismatch> for Error {
    fn from(m: crate::langcheck::Mismatch) -> Error {
        Error::Lang(Box::new(m))
    }
}

impl Error {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// True when the error is a closed pipe on output, which the shell
    /// treats as a normal end (as `head` closing early is not a failure).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}
