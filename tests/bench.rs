//! `wasl bench` as users run it: the real binary on small workloads, with
//! wasl and toy aligners written by each test (a script that pairs line i
//! with line i, one that sleeps, one that crashes, one that is missing,
//! one that prints nonsense). Nothing here reads `../shared`, so the tests
//! pass in a plain clone.
//!
//! The ignored test runs the galechurch adapter against galechurch
//! installed by pip (`.ci/run` installs it into a virtual environment and
//! names its python in `WASL_PYTHON`).

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use wasl::eval::{parse_links, read_links, Counts};

/// Pairs line i of SRC with line i of TGT; the longer side's rest is
/// unaligned.
const PAIR_LINES: &str = r#"#!/bin/sh
awk 'NR == FNR { n++; next } { m++ }
     END { k = n < m ? n : m
           for (i = 0; i < k; i++) print "[" i "]:[" i "]"
           for (i = k; i < n; i++) print "[" i "]:[]"
           for (i = k; i < m; i++) print "[]:[" i "]" }' "$1" "$2"
"#;

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().expect("create a temporary folder"))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, text).unwrap();
        p
    }

    /// An executable script.
    fn script(&self, name: &str, text: &str) -> String {
        let p = self.write(name, text);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
        p.display().to_string()
    }
}

fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("run wasl")
}

/// Runs `wasl bench ARGS --json` and returns the report.
fn bench_json(args: &[&str]) -> (Value, String) {
    let mut all = vec!["bench", "--json"];
    all.extend_from_slice(args);
    let out = wasl(&all);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "wasl {all:?}: {stderr}");
    let json = serde_json::from_slice(&out.stdout).expect("--json prints JSON");
    (json, stderr)
}

/// The report's entry for `aligner` on `workload`.
fn entry<'a>(report: &'a Value, aligner: &str, workload: &str) -> &'a Value {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["aligner"] == aligner && e["workload"] == workload)
        .unwrap_or_else(|| panic!("no entry for {aligner} on {workload}: {report:#}"))
}

#[test]
fn wasl_and_a_toy_aligner_are_timed_and_scored_on_a_reproducible_workload() {
    let dir = Dir::new();
    let toy = dir.script("pair-lines", PAIR_LINES);
    let keep = dir.path("kept");
    let (report, _) = bench_json(&[
        "--sizes",
        "200,400",
        "--seed",
        "5",
        "--runs",
        "2",
        "--aligner",
        &format!("toy={toy}"),
        "--keep",
        keep.to_str().unwrap(),
    ]);
    assert_eq!(report["runs"], 2);
    let command = report["command"].as_array().unwrap();
    assert_eq!(command[1], "bench");
    assert!(command.iter().any(|a| a == "--seed"));
    let workloads = report["workloads"].as_array().unwrap();
    assert_eq!(workloads.len(), 2);
    for (w, size) in workloads.iter().zip([200, 400]) {
        assert_eq!(w["kind"], "synthetic");
        assert_eq!(w["seed"], 5);
        assert_eq!(w["size"], size);
        assert!(w["src_sentences"].as_u64().unwrap() >= size);
        assert!(w["reproduce"].as_str().unwrap().contains("--seed 5"));
    }
    for workload in ["200", "400"] {
        for aligner in ["wasl", "toy"] {
            let e = entry(&report, aligner, workload);
            assert_eq!(e["status"], "ok", "{e:#}");
            let runs = e["runs"].as_array().unwrap();
            assert_eq!(runs.len(), 2);
            let wall = &e["wall_s"];
            let (lo, mid, hi) = (
                wall["min"].as_f64().unwrap(),
                wall["median"].as_f64().unwrap(),
                wall["max"].as_f64().unwrap(),
            );
            assert!(0.0 < lo && lo <= mid && mid <= hi, "{wall}");
            // Every process has some resident memory.
            assert!(e["peak_rss_bytes"].as_u64().unwrap() > 100_000, "{e:#}");
            let per_s = e["sentences_per_s"].as_f64().unwrap();
            let sentences = e["sentences"].as_f64().unwrap();
            assert!((per_s * mid - sentences).abs() < 1e-6 * sentences);
        }
        // wasl aligns; pairing line i with line i does not, once the
        // workload's omissions and merges have shifted the two sides.
        let f1 = |a: &str| {
            entry(&report, a, workload)["strict"]["f1"]
                .as_f64()
                .unwrap()
        };
        assert!(f1("wasl") > 0.9, "wasl strict F1 {}", f1("wasl"));
        assert!(f1("toy") < 0.5, "toy strict F1 {}", f1("toy"));
    }
    // The toy's F1 is the measure of wasl::eval on its output against the
    // workload's gold, both kept.
    let doc = keep.join("workloads/200-seed5");
    let gold = read_links(&doc.join("gold")).unwrap();
    let src = doc.join("doc.ar");
    let out = Command::new(&toy)
        .arg(&src)
        .arg(doc.join("doc.en"))
        .output()
        .unwrap();
    let toy_links = parse_links(&String::from_utf8(out.stdout).unwrap(), &src).unwrap();
    let want = Counts::document(&gold, &toy_links).scores();
    let got = &entry(&report, "toy", "200")["strict"];
    assert!((got["f1"].as_f64().unwrap() - want.strict.f1).abs() < 1e-12);
    assert!((got["precision"].as_f64().unwrap() - want.strict.precision).abs() < 1e-12);

    // The same seed writes the same workload again.
    let again = dir.path("again");
    bench_json(&[
        "--sizes",
        "200",
        "--seed",
        "5",
        "--runs",
        "1",
        "--no-wasl",
        "--aligner",
        &format!("toy={toy}"),
        "--keep",
        again.to_str().unwrap(),
    ]);
    for f in ["doc.ar", "doc.en", "gold"] {
        let read = |d: &Path| fs::read(d.join("workloads/200-seed5").join(f)).unwrap();
        assert_eq!(read(&keep), read(&again), "{f}");
    }
}

/// Regression: spawned by vfork (std's posix_spawn), every aligner
/// reported at least the harness's own peak memory (116 MB for a 1k run
/// after generating 100k), since the kernel folds the peak of the address
/// space an exec replaces into the process's.
#[test]
fn an_aligners_peak_memory_is_its_own_not_the_harness() {
    let (report, _) = bench_json(&[
        "--sizes",
        "5k",
        "--runs",
        "1",
        "--no-wasl",
        "--aligner",
        "noop=true",
    ]);
    let peak = entry(&report, "noop", "5k")["peak_rss_bytes"]
        .as_u64()
        .unwrap();
    // `sh -c true` is about 1.6 MB under /usr/bin/time.
    assert!(
        peak < 8_000_000,
        "a shell running `true` peaked at {peak} bytes"
    );
}

#[test]
fn timeouts_crashes_missing_aligners_and_nonsense_are_recorded_not_fatal() {
    let dir = Dir::new();
    let toy = dir.script("pair-lines", PAIR_LINES);
    let slow = dir.script("slow", "#!/bin/sh\nsleep 30\n");
    let segv = dir.script("segv", "#!/bin/sh\nkill -SEGV $$\n");
    let fails = dir.script("fails", "#!/bin/sh\necho 'no such option' >&2\nexit 3\n");
    let missing = dir.script(
        "missing",
        "#!/bin/sh\necho 'frobalign: not installed (pip install frobalign)' >&2\nexit 127\n",
    );
    let nonsense = dir.script("nonsense", "#!/bin/sh\necho 'hello world'\n");
    let started = std::time::Instant::now();
    let (report, stderr) = bench_json(&[
        "--sizes",
        "100,150",
        "--runs",
        "2",
        "--timeout",
        "0.5",
        "--no-wasl",
        "--aligner",
        &format!("slow={slow}"),
        "--aligner",
        &format!("segv={segv}"),
        "--aligner",
        &format!("fails={fails}"),
        "--aligner",
        &format!("missing={missing}"),
        "--aligner",
        &format!("nonsense={nonsense}"),
        "--aligner",
        &format!("toy={toy}"),
    ]);
    // Two workloads of four 0.5 s timeouts at most (the first run of each
    // ends the entry), not 30 s sleeps.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    for w in ["100", "150"] {
        let status = |a: &str| entry(&report, a, w)["status"].as_str().unwrap().to_string();
        let detail = |a: &str| entry(&report, a, w)["detail"].as_str().unwrap().to_string();
        assert_eq!(status("slow"), "timeout");
        assert!(detail("slow").contains("0.5 s"), "{}", detail("slow"));
        assert_eq!(status("segv"), "crashed");
        assert!(detail("segv").contains("signal 11"), "{}", detail("segv"));
        assert_eq!(status("fails"), "crashed");
        assert!(detail("fails").contains("exit status 3: no such option"));
        assert_eq!(status("missing"), "missing");
        assert!(detail("missing").contains("pip install frobalign"));
        assert_eq!(status("nonsense"), "bad-output");
        assert!(detail("nonsense").contains(":1:"), "{}", detail("nonsense"));
        assert_eq!(status("toy"), "ok");
        assert!(entry(&report, "slow", w)["wall_s"].is_null());
    }
    // A missing aligner is reported once as the run goes, and once under
    // the table (on standard error here, as --json took standard output),
    // where it has no row.
    assert_eq!(
        stderr.matches("wasl bench: missing: not installed").count(),
        1,
        "{stderr}"
    );
    let under_table = stderr
        .lines()
        .filter(|l| l.starts_with("missing: not installed"));
    assert_eq!(under_table.count(), 1, "{stderr}");
    assert!(
        !stderr.lines().any(|l| l.starts_with("missing  ")),
        "{stderr}"
    );
}

#[test]
fn gold_folders_are_workloads_and_every_output_format_agrees() {
    let dir = Dir::new();
    let toy = dir.script("pair-lines", PAIR_LINES);
    // Two documents in the two layouts of the evaluation sets. The toy is
    // right on the first (gold is the diagonal) and on 1 of the 2 links
    // of the second.
    dir.write("set/news/a.de", "Eins.\nZwei.\nDrei.\n");
    dir.write("set/news/a.fr", "Un.\nDeux.\nTrois.\n");
    dir.write("set/news/a.defr", "[0]:[0]\n[1]:[1]\n[2]:[2]\n");
    dir.write("set/law/ar/d", "أ\nب\n");
    dir.write("set/law/en/d", "a\nb\nc\n");
    dir.write("set/law/gold/d", "[0]:[0]\n[1]:[1, 2]\n");
    let set = dir.path("set");
    let (csv_path, svg_path, json_path) =
        (dir.path("r.csv"), dir.path("r.svg"), dir.path("r.json"));
    let out = wasl(&[
        "bench",
        "--gold",
        set.to_str().unwrap(),
        "--no-wasl",
        "--runs",
        "1",
        "--aligner",
        &format!("toy<&>={toy}"),
        "--json",
        json_path.to_str().unwrap(),
        "--csv",
        csv_path.to_str().unwrap(),
        "--plot",
        svg_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    let report: Value = serde_json::from_slice(&fs::read(&json_path).unwrap()).unwrap();
    let w = &report["workloads"][0];
    assert_eq!(w["kind"], "gold");
    assert_eq!(w["documents"], 2);
    assert_eq!(w["src_sentences"], 5);
    assert_eq!(w["languages"], serde_json::json!(["ar-en", "de-fr"]));
    let e = entry(&report, "toy<&>", "set");
    // Precision: test links [0]:[0] [1]:[1] [2]:[]  + three right = 4 of 6
    // strictly; recall: 4 of 5 gold links.
    assert_eq!(e["strict"]["precision"].as_f64().unwrap(), 4.0 / 6.0);
    assert_eq!(e["strict"]["recall"].as_f64().unwrap(), 4.0 / 5.0);

    // The table, the CSV and the JSON say the same.
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("toy<&>") && l.contains("0.727")),
        "{table}"
    );
    let mut csv = csv::Reader::from_path(&csv_path).unwrap();
    let header = csv.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let col = |name: &str| &rows[0][header.iter().position(|h| h == name).unwrap()];
    assert_eq!(col("aligner"), "toy<&>");
    assert_eq!(col("status"), "ok");
    let f1: f64 = col("strict_f1").parse().unwrap();
    assert!((f1 - e["strict"]["f1"].as_f64().unwrap()).abs() < 1e-6);

    // The plot is SVG, with the aligner's name escaped, one point per
    // workload in each of its two panels.
    let svg = fs::read_to_string(&svg_path).unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("toy&lt;&amp;&gt;") && !svg.contains("toy<&>"));
    assert_eq!(svg.matches("<circle").count(), 2);
    // A gold set is a point of its own (hollow), not a step of a curve.
    assert_eq!(svg.matches(r#"fill="white" stroke"#).count(), 2);
    assert_eq!(svg.matches("<polyline").count(), 0);
}

#[test]
fn periodic_content_is_a_workload_shape() {
    let dir = Dir::new();
    let toy = dir.script("pair-lines", PAIR_LINES);
    let (report, _) = bench_json(&[
        "--sizes",
        "300",
        "--periodic",
        "100",
        "--runs",
        "1",
        "--no-wasl",
        "--aligner",
        &format!("toy={toy}"),
    ]);
    let w = &report["workloads"][0];
    assert_eq!(w["shape"], "periodic");
    assert_eq!(w["period"], 100);
    assert_eq!(w["languages"], serde_json::json!(["ar-en"]));
    assert!(w["reproduce"].as_str().unwrap().ends_with("--periodic 100"));
    assert_eq!(entry(&report, "toy", "300")["status"], "ok");
}

#[test]
fn a_plot_draws_one_line_per_aligner_across_sizes() {
    let dir = Dir::new();
    let toy = dir.script("pair-lines", PAIR_LINES);
    let svg = dir.path("p.svg");
    let out = wasl(&[
        "bench",
        "--sizes",
        "100,1k",
        "--runs",
        "1",
        "--aligner",
        &format!("toy={toy}"),
        "--plot",
        svg.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = fs::read_to_string(&svg).unwrap();
    // Two aligners, two panels each: four lines of two points.
    assert_eq!(svg.matches("<polyline").count(), 4);
    assert_eq!(svg.matches("<circle").count(), 8);
    assert!(svg.contains(">1k<") && svg.contains(">100<"));
}

/// An interrupted benchmark kills the aligner it is measuring, which sits
/// in a process group of its own and so does not get the terminal's Ctrl-C.
#[test]
fn an_interrupted_benchmark_leaves_no_aligner_running() {
    use std::os::unix::process::ExitStatusExt;
    use std::time::{Duration, Instant};

    let dir = Dir::new();
    let pid_file = dir.path("pid");
    let slow = dir.script(
        "slow",
        &format!(
            "#!/bin/sh\necho $$ > {}.tmp && mv {0}.tmp {0}\nexec sleep 30\n",
            pid_file.display()
        ),
    );
    let mut bench = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(["bench", "--sizes", "100", "--no-wasl", "--runs", "1"])
        .arg("--aligner")
        .arg(format!("slow={slow}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let pid = loop {
        if let Ok(text) = fs::read_to_string(&pid_file) {
            break text.trim().to_string();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the aligner never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let kill = Command::new("kill")
        .args(["-INT", &bench.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = bench.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(2),
        "wasl bench ends as interrupted: {status:?}"
    );
    // The aligner is gone, or a zombie waiting for whoever reaps orphans.
    let gone = || match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
    };
    let killed = Instant::now();
    while !gone() {
        assert!(
            killed.elapsed() < Duration::from_secs(5),
            "the aligner (pid {pid}) outlived the interrupted benchmark"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn bad_arguments_and_folders_are_clear_errors() {
    let dir = Dir::new();
    let empty = dir.path("empty");
    fs::create_dir_all(&empty).unwrap();
    let cases: [(&[&str], &str); 6] = [
        (
            &["--plot", "/nonexistent/folder/p.svg"],
            "/nonexistent/folder/p.svg",
        ),
        (&["--aligner", "no-equals-sign"], "NAME=COMMAND"),
        (&["--sizes", "0"], "at least one sentence"),
        (&["--sizes", "ten"], "is not a size"),
        (
            &["--gold", empty.to_str().unwrap()],
            "no gold-aligned document pairs",
        ),
        (&["--aligner", "wasl=cat"], "two aligners are named 'wasl'"),
    ];
    for (args, message) in cases {
        let mut all = vec!["bench"];
        all.extend_from_slice(args);
        let out = wasl(&all);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let missing = dir.path("nowhere");
    let out = wasl(&["bench", "--gold", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

/// The shipped hunalign adapter turns hunalign's ladder (rungs `i j
/// score`, from 0 0 to the two lengths) into beads. A stand-in `hunalign`
/// on PATH prints a ladder, so the conversion is tested without hunalign.
#[test]
fn the_hunalign_adapter_turns_a_ladder_into_beads() {
    let dir = Dir::new();
    dir.script(
        "bin/hunalign",
        "#!/bin/sh\nprintf '0\\t0\\t0.5\\n1\\t1\\t0.3\\n3\\t2\\t0.1\\n3\\t3\\t0\\n4\\t4\\t0.2\\n'\n",
    );
    let src = dir.write("s", "a\nb\nc\nd\n");
    let tgt = dir.write("t", "A\nB\nC\nD\n");
    let adapter = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/aligners/hunalign");
    let path = format!(
        "{}:{}",
        dir.path("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(adapter)
        .arg(&src)
        .arg(&tgt)
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "[0]:[0]\n[1, 2]:[1]\n[]:[2]\n[3]:[3]\n"
    );
}

/// hunalign segfaults on long inputs: through the adapter's pipe into
/// awk, that must still be a crash (the shell's 128 + 11), not beads.
#[test]
fn the_hunalign_adapter_passes_a_crash_on() {
    let dir = Dir::new();
    dir.script(
        "bin/hunalign",
        "#!/bin/sh\nprintf '0\\t0\\t0.5\\n'\nkill -SEGV $$\n",
    );
    let src = dir.write("s", "a\n");
    let adapter = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/aligners/hunalign");
    let path = format!(
        "{}:{}",
        dir.path("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(adapter)
        .arg(&src)
        .arg(&src)
        .env("PATH", path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(139), "{out:?}");
}

/// Every shipped adapter, its aligner absent, says what to install and
/// exits 127, which `wasl bench` reads as "not installed".
#[test]
fn every_adapter_says_when_its_aligner_is_missing() {
    let dir = Dir::new();
    let src = dir.write("s", "a\n");
    let nowhere = dir.path("nowhere");
    for (adapter, says) in [
        ("galechurch", "pip install galechurch"),
        ("hunalign", "hunalign"),
        ("vecalign", "VECALIGN_DIR"),
        ("bertalign", "pip install bertalign"),
    ] {
        let path = format!("{}/scripts/aligners/{adapter}", env!("CARGO_MANIFEST_DIR"));
        let out = Command::new(&path)
            .arg(&src)
            .arg(&src)
            .env("GALECHURCH", &nowhere)
            .env("HUNALIGN", &nowhere)
            .env_remove("VECALIGN_DIR")
            .env("WASL_PYTHON", &nowhere)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(127), "{adapter}: {stderr}");
        assert!(stderr.contains(says), "{adapter}: {stderr}");
        assert!(out.stdout.is_empty(), "{adapter}");
    }
}

/// `wasl bench` against galechurch from PyPI at 1 000 sentences, through
/// the shipped adapter: it runs, is timed and scored, and is far from
/// the line-by-line toy.
#[test]
#[ignore = "needs galechurch (pip install galechurch; WASL_PYTHON names the venv's python); run by .ci/run"]
fn galechurch_from_pip_through_its_adapter() {
    let python = std::env::var("WASL_PYTHON").unwrap_or_else(|_| "python3".into());
    // The venv's console scripts sit beside its python.
    let bin = Path::new(&python)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let adapter = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/aligners/galechurch");
    let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(["bench", "--sizes", "1k", "--runs", "1", "--json"])
        .args(["--timeout", "600", "--aligner"])
        .arg(format!("galechurch={adapter}"))
        .env("PATH", path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let gc = entry(&report, "galechurch", "1k");
    assert_eq!(gc["status"], "ok", "{gc:#}\n{stderr}");
    let f1 = gc["strict"]["f1"].as_f64().unwrap();
    // Gale–Church on this workload: far better than chance, below wasl.
    assert!(f1 > 0.5, "galechurch strict F1 {f1}");
    let wasl_f1 = entry(&report, "wasl", "1k")["strict"]["f1"]
        .as_f64()
        .unwrap();
    assert!(wasl_f1 > f1, "wasl {wasl_f1} vs galechurch {f1}");
    assert!(gc["peak_rss_bytes"].as_u64().unwrap() > 1_000_000);
}
