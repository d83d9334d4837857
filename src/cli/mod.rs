//! Subcommands: each file holds its arguments (clap derive) next to its
//! `run` function, and nothing but glue around the library.

pub mod align;
pub mod dict;
pub mod eval;
pub mod progress;
pub mod segment;
pub mod stream;
