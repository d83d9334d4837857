//! `wasl eval` as users run it: the real binary on bead files each test
//! writes into its own temporary folder (no shared eval data, so the tests
//! pass in a plain clone).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{json, Value};

/// A temporary folder that is removed when the test ends.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().expect("create a temporary folder"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    /// Writes `text` to `name` (parent folders created) and returns its path.
    fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }
}

fn wasl_eval(args: &[&Path], json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wasl"));
    cmd.arg("eval");
    if json {
        cmd.arg("--json");
    }
    cmd.args(args).output().expect("run wasl")
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "wasl eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A failure must be one clean error line and exit code 2, never a panic.
fn assert_clean_failure(out: &Output) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(err.starts_with("wasl: "), "stderr: {err}");
    assert!(out.stdout.is_empty());
    err
}

// Gold has a 2:1 link and a deletion; the test splits the 2:1, misses the
// deletion and adds a wrong link. By hand:
//   precision over 4 test links: [0]:[0] strict; [1]:[1] and [2]:[1] lax;
//     [3]:[3] miss (gold has [3]:[2]) → strict 1/4, lax 3/4;
//   recall over 3 non-null gold links ([4]:[] is null): [0]:[0] strict;
//     [1, 2]:[1] lax; [3]:[2] miss → strict 1/3, lax 2/3.
const GOLD: &str = "[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n[4]:[]\n";
const TEST: &str = "[0]:[0]:0.9\n[1]:[1]:0.5\n\n[2]:[1]:0.5\n[3]:[3]:0.1\n";

#[test]
fn json_of_two_files() {
    let d = Dir::new();
    let (g, t) = (d.write("gold", GOLD), d.write("test", TEST));
    let mut got = stdout_json(&wasl_eval(&[&g, &t], true));
    // The test beads carry scores, so calibration follows score.py's keys
    // (tests/calibration.rs checks its figures).
    let calibration = got.as_object_mut().unwrap().remove("calibration").unwrap();
    assert_eq!(calibration["beads"], 4);
    let f1 = |p: f64, r: f64| ((2.0 * p * r / (p + r)) * 1e4).round() / 1e4;
    assert_eq!(
        got,
        json!({
            "strict": {"precision": 0.25, "recall": 0.3333, "f1": f1(0.25, 1.0 / 3.0)},
            "lax": {"precision": 0.75, "recall": 0.6667, "f1": f1(0.75, 2.0 / 3.0)},
            "documents": 1,
            "missing": [],
        })
    );
}

#[test]
fn table_of_two_files() {
    let d = Dir::new();
    let (g, t) = (d.write("gold", GOLD), d.write("test", TEST));
    let out = wasl_eval(&[&g, &t], false);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in:\n{text}"))
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("strict"), ["0.2500", "0.3333", "0.2857"]);
    assert_eq!(row("lax"), ["0.7500", "0.6667", "0.7059"]);
    assert!(text.contains("documents: 1"), "{text}");
}

#[test]
fn gold_against_itself_is_perfect() {
    let d = Dir::new();
    let g = d.write("gold", GOLD);
    let got = stdout_json(&wasl_eval(&[&g, &g], true));
    for kind in ["strict", "lax"] {
        assert_eq!(
            got[kind],
            json!({"precision": 1.0, "recall": 1.0, "f1": 1.0})
        );
    }
}

#[test]
fn folders_matched_by_name_with_a_missing_test_file() {
    let d = Dir::new();
    d.write("gold/a", "[0]:[0]\n[1]:[1]\n");
    d.write("gold/b", "[0]:[0]\n[1]:[1]\n");
    d.write("test/a", "[0]:[0]\n[1]:[1]\n");
    // A test file with no gold is ignored.
    d.write("test/c", "[5]:[5]\n");
    let out = wasl_eval(&[&d.path("gold"), &d.path("test")], true);
    let got = stdout_json(&out);
    // b counts as an empty alignment: precision 2/2, recall 2/4.
    assert_eq!(got["documents"], 2);
    assert_eq!(got["missing"], json!(["b"]));
    assert_eq!(
        got["strict"],
        json!({"precision": 1.0, "recall": 0.5, "f1": 0.6667})
    );
    let err = stderr(&out);
    assert!(
        err.contains("b") && err.contains("empty alignment"),
        "{err}"
    );
}

#[test]
fn malformed_line_is_an_error_naming_file_and_line() {
    let d = Dir::new();
    let g = d.write("gold", GOLD);
    let t = d.write("broken.txt", "[0]:[0]\n\n[1]:[1]\n[2] [2]\n");
    let err = assert_clean_failure(&wasl_eval(&[&g, &t], true));
    assert!(
        err.contains(&format!("{}:4:", t.display())),
        "file and line not named: {err}"
    );
}

#[test]
fn malformed_gold_in_folder_mode_names_the_file() {
    let d = Dir::new();
    d.write("gold/a", "[0]:[0]\n");
    d.write("gold/README.md", "# notes\n");
    d.write("test/a", "[0]:[0]\n");
    let err = assert_clean_failure(&wasl_eval(&[&d.path("gold"), &d.path("test")], false));
    assert!(err.contains("README.md:1:"), "{err}");
}

#[test]
fn bad_inputs_fail_cleanly() {
    let d = Dir::new();
    let g = d.write("gold", GOLD);
    fs::create_dir(d.path("folder")).unwrap();
    let not_utf8 = d.write("latin1", b"[0]:[0]\n[1]:[1] \xe9\n");
    let cases: Vec<(Vec<PathBuf>, &str)> = vec![
        (vec![g.clone(), d.path("nope")], "nope"),
        (vec![g.clone(), d.path("folder")], "folder"),
        (vec![d.path("folder"), g.clone()], "folder"),
        (vec![g.clone(), not_utf8], "UTF-8"),
    ];
    for (args, needle) in cases {
        let args: Vec<&Path> = args.iter().map(PathBuf::as_path).collect();
        let err = assert_clean_failure(&wasl_eval(&args, false));
        assert!(err.contains(needle), "{needle} not in: {err}");
    }
}
