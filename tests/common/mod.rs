//! Running the `wasl` binary from the integration tests that share these
//! helpers (each test file is its own crate, so not every one uses all).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `wasl ARGS`.
pub fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("wasl runs")
}

/// Runs `wasl ARGS` expecting success; returns standard output.
pub fn ok(args: &[&str]) -> String {
    let out = wasl(args);
    assert!(
        out.status.success(),
        "wasl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs wasl expecting a clean failure (exit 2, no panic, nothing on
/// standard output); returns standard error.
pub fn refused(args: &[&str]) -> String {
    let out = wasl(args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "wasl {args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty(), "nothing on standard output");
    err
}

/// A path as the `&str` an argument list takes.
pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}
