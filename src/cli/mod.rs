//! Subcommands: each file holds its arguments (clap derive) next to its
//! `run` function, and nothing but glue around the library.

pub mod align;
pub mod dict;
pub mod eval;
pub mod learn;
pub mod model;
pub mod segment;
pub mod stream;

/// How a run that did not fail outright ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done: exit status 0.
    Done,
    /// Some inputs were bad and left out, the rest written (a `--batch`
    /// with an unreadable pair): exit status 1.
    Partial,
}
