//! `wasl stream` through the real binary: records built from the bilingual
//! sample in `data/`, bad records mixed in, a closed pipe, and (ignored by
//! plain `cargo test`, run by `.ci/run`) the engines users run it under:
//! GNU parallel and PySpark.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use base64::Engine as _;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

fn wasl_cmd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
}

fn wasl_ok(args: &[&str]) -> String {
    let out = wasl_cmd().args(args).output().expect("wasl runs");
    assert!(
        out.status.success(),
        "wasl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `wasl stream ARGS` with `input` on standard input.
fn stream(args: &[&str], input: &[u8]) -> Output {
    let mut child = wasl_cmd()
        .arg("stream")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wasl runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// The sample's sentences, Arabic and English, as `wasl segment` gives them.
fn sample_sentences() -> (Vec<String>, Vec<String>) {
    let side = |lang: &str| {
        wasl_ok(&["segment", "--section", lang, DOC])
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    (side("ar"), side("en"))
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// Document pairs cut from the sample: record `k` holds a window of
/// sentences of both sides, so records differ in length and content.
fn windows(n: usize) -> Vec<(String, Vec<String>, Vec<String>)> {
    let (ar, en) = sample_sentences();
    assert!(ar.len() >= 10 && en.len() >= 10, "the sample has sentences");
    (0..n)
        .map(|k| {
            let len = 3 + k % 8;
            let a = (k * 3) % (ar.len() - len);
            let e = (k * 3) % (en.len() - len);
            (
                format!("https://example.org/{k}/ar"),
                ar[a..a + len].to_vec(),
                en[e..e + len].to_vec(),
            )
        })
        .collect()
}

/// Bitextor document TSV for `records`, with a header.
fn bitextor_input(records: &[(String, Vec<String>, Vec<String>)]) -> String {
    let mut s = String::from("src_url\ttrg_url\tsrc_text\ttrg_text\n");
    for (url, ar, en) in records {
        s += &format!(
            "{url}\t{}\t{}\t{}\n",
            url.replace("/ar", "/en"),
            b64(&ar.join("\n")),
            b64(&en.join("\n"))
        );
    }
    s
}

/// Groups Bitextor sentence TSV rows by source URL, keeping row order.
fn rows_by_url(tsv: &str) -> BTreeMap<String, Vec<[String; 3]>> {
    let mut by: BTreeMap<String, Vec<[String; 3]>> = BTreeMap::new();
    for line in tsv.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 5, "five columns: {line:?}");
        let score: f64 = f[4].parse().expect("score is a number");
        assert!((0.0..=1.0).contains(&score), "{score}");
        by.entry(f[0].to_string()).or_default().push([
            f[2].to_string(),
            f[3].to_string(),
            f[1].to_string(),
        ]);
    }
    by
}

/// Every record's sentences appear in its rows exactly once, in order: the
/// rows' texts, concatenated, are the record's sentences concatenated.
fn check_every_sentence_once(
    records: &[(String, Vec<String>, Vec<String>)],
    by: &BTreeMap<String, Vec<[String; 3]>>,
) {
    for (url, ar, en) in records {
        let rows = by.get(url).unwrap_or_else(|| panic!("{url} written"));
        let joined = |i: usize| {
            rows.iter()
                .map(|r| r[i].as_str())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(joined(0), ar.join(" "), "{url}: Arabic side");
        assert_eq!(joined(1), en.join(" "), "{url}: English side");
        assert!(rows.iter().all(|r| r[2] == url.replace("/ar", "/en")));
    }
}

#[test]
fn raw_text_records_align_as_wasl_align_does() {
    let (ar, en) = sample_sentences();
    let dir = tempfile::tempdir().unwrap();
    // One paragraph per sentence, as raw text: wasl segments it again.
    let (ar_text, en_text) = (ar.join("\n"), en.join("\n"));
    let ar_path = dir.path().join("sample.ar");
    let en_path = dir.path().join("sample.en");
    std::fs::write(&ar_path, &ar_text).unwrap();
    std::fs::write(&en_path, &en_text).unwrap();
    let expected = wasl_ok(&[
        "align",
        "-f",
        "jsonl",
        ar_path.to_str().unwrap(),
        en_path.to_str().unwrap(),
    ]);
    let record = serde_json::json!({"id": "sample", "src": ar_text, "tgt": en_text});
    let input = format!("{record}\n{record}\n");
    let out = stream(&[], input.as_bytes());
    assert!(out.status.success());
    let got = String::from_utf8(out.stdout).unwrap();
    assert_eq!(got, expected.repeat(2), "the same beads as `wasl align`");
    // And they cover every sentence once, in order.
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for line in expected.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        src.extend(
            v["src_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap()),
        );
        tgt.extend(
            v["tgt_ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap()),
        );
    }
    assert_eq!(src, (0..ar.len() as u64).collect::<Vec<_>>());
    assert_eq!(tgt, (0..en.len() as u64).collect::<Vec<_>>());
}

#[test]
fn bad_records_are_reported_by_id_and_skipped_and_the_rest_is_right() {
    let records = windows(7);
    let mut input = bitextor_input(&records[..6]).into_bytes();
    let bad: [&[u8]; 5] = [
        b"https://bad/base64\tu\t***\tT25lLg==\n",
        b"https://bad/utf8\tu\t/w==\tT25lLg==\n",
        b"https://bad/fields\tu\tT25lLg==\n",
        b"https://bad/empty\tu\tT25lLg==\t\n",
        b"https://bad/\xff\xfe\tu\tT25lLg==\tT25lLg==x\n",
    ];
    for b in bad {
        input.extend_from_slice(b);
    }
    // After the bad ones, a good record again.
    input.extend_from_slice(
        bitextor_input(&records[6..])
            .split_once('\n')
            .unwrap()
            .1
            .as_bytes(),
    );
    let out = stream(
        &["--input", "bitextor", "--output", "bitextor", "--all-beads"],
        &input,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "bad records do not fail the job: {err}"
    );
    for (id, why) in [
        ("https://bad/base64", "src_text is not valid base64"),
        ("https://bad/utf8", "src_text decodes to invalid UTF-8"),
        ("https://bad/fields", "3 tab-separated fields"),
        ("https://bad/empty", "tgt is empty"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(id) && l.contains(why)),
            "{id}: {why}\n{err}"
        );
    }
    assert!(
        err.contains("line 12:"),
        "an unreadable URL: the line\n{err}"
    );
    assert!(err.contains("12 records, 7 aligned, 5 skipped"), "{err}");
    assert!(!err.contains("panicked"));
    let by = rows_by_url(&String::from_utf8(out.stdout).unwrap());
    assert!(by.keys().all(|u| !u.contains("bad")));
    check_every_sentence_once(&records, &by);
}

#[test]
fn a_closed_pipe_ends_the_stream_quietly() {
    let records = windows(200);
    let input = bitextor_input(&records);
    let mut child = wasl_cmd()
        .args(["stream", "--input", "bitextor", "--output", "bitextor"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert!(first.starts_with("https://example.org/0/ar\t"), "{first}");
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert!(status.success(), "exit 0 on a closed pipe: {err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
}

#[test]
fn an_unreadable_input_fails_the_run() {
    // A directory as standard input: reading it fails at the OS level.
    let out = wasl_cmd()
        .arg("stream")
        .stdin(std::fs::File::open(env!("CARGO_MANIFEST_DIR")).unwrap())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("standard input"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bitextor_input_needs_its_header() {
    let records = windows(2);
    let input = bitextor_input(&records);
    let headless = input.split_once('\n').unwrap().1;
    let out = stream(&["--input", "bitextor"], headless.as_bytes());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("standard input:1") && err.contains("src_url"),
        "{err}"
    );
}

/// Single-process output of `records`, grouped by URL.
fn reference(records: &[(String, Vec<String>, Vec<String>)]) -> BTreeMap<String, Vec<[String; 3]>> {
    let out = stream(
        &["--input", "bitextor", "--output", "bitextor", "--all-beads"],
        bitextor_input(records).as_bytes(),
    );
    assert!(out.status.success());
    rows_by_url(&String::from_utf8(out.stdout).unwrap())
}

/// PATH with the directory of the wasl under test first, as after
/// `cargo install`.
fn path_with_wasl() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_wasl")).parent().unwrap();
    let mut paths = vec![bin.to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

/// A Spark job's output folder: how many `part-*` files, and their texts
/// in order.
fn spark_output(output: &Path) -> (usize, String) {
    let mut parts: Vec<_> = std::fs::read_dir(output)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("part-")
        })
        .collect();
    parts.sort();
    let text = parts
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    (parts.len(), text)
}

fn require(program: &str, install: &str) {
    let ok = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "{program} is needed for this test: {install}");
}

#[test]
#[ignore = "needs GNU parallel (apt-get install parallel); run by .ci/run"]
fn under_gnu_parallel_the_output_is_the_single_process_output() {
    require("parallel", "apt-get install parallel");
    let records = windows(60);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.tsv");
    std::fs::write(&input, bitextor_input(&records)).unwrap();
    let wasl = env!("CARGO_BIN_EXE_wasl");
    // Small blocks: many chunks, each starting with the repeated header.
    let script = format!(
        "parallel --will-cite --pipe --header 1 --block 4k -j 2 \
         '{wasl} stream --quiet --input bitextor --output bitextor --all-beads' < '{}'",
        input.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let by = rows_by_url(&String::from_utf8(out.stdout).unwrap());
    check_every_sentence_once(&records, &by);
    assert_eq!(by, reference(&records), "same rows as one process");
}

#[test]
#[ignore = "needs PySpark and Java (pip install pyspark; WASL_PYTHON names the python); run by .ci/run"]
fn as_a_pyspark_job_the_output_is_the_single_process_output() {
    let python = std::env::var("WASL_PYTHON").unwrap_or_else(|_| "python3".into());
    let records = windows(40);
    let dir = tempfile::tempdir().unwrap();
    // JSON Lines: Spark splits a text file into partitions anywhere, so the
    // records must not depend on a header line.
    let jsonl = jsonl_records(records.len());
    let input = dir.path().join("docs.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let output = dir.path().join("aligned");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/spark-stream.py");
    let out = Command::new(&python)
        .arg(&script)
        .args(["--partitions", "4"])
        .arg(&input)
        .arg(&output)
        // The README's form, a bare `wasl` found on PATH as `cargo install`
        // leaves it; Spark's pipe starts it with an empty environment
        // (regression, issue 14: FileNotFoundError inside a Java trace).
        .args(["wasl", "stream", "--quiet"])
        .env("PATH", path_with_wasl())
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "spark job: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (parts, spark) = spark_output(&output);
    assert!(parts >= 2, "several partitions: {parts}");
    let single = stream(&[], jsonl.as_bytes());
    assert!(single.status.success());
    let group = |text: &str| {
        let mut by: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            by.entry(v["doc"].as_str().unwrap().to_string())
                .or_default()
                .push(v);
        }
        by
    };
    let spark = group(&spark);
    assert_eq!(spark.len(), records.len(), "every record");
    assert_eq!(spark, group(&String::from_utf8(single.stdout).unwrap()));
}

/// Regression (issue 14): a record's output was held back until a window
/// of 4 × cores records had been read or the input ended, so a client that
/// sends one record and waits for its answer waited forever.
#[test]
fn each_record_is_answered_before_the_next_one_is_sent() {
    let mut child = wasl_cmd()
        .args(["stream", "--quiet", "--presegmented"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("wasl runs");
    let mut stdin = child.stdin.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(&line.unwrap()).unwrap();
            if tx.send(v["doc"].as_str().unwrap().to_string()).is_err() {
                break;
            }
        }
    });
    let records = windows(3);
    for (url, ar, en) in &records {
        let record = serde_json::json!({"id": url, "src": ar.join("\n"), "tgt": en.join("\n")});
        writeln!(stdin, "{record}").unwrap();
        stdin.flush().unwrap();
        // The first bead of this record comes while standard input is
        // still open; a minute is an eternity for three sentences.
        let got = rx.recv_timeout(std::time::Duration::from_secs(60));
        if got.is_err() {
            let _ = child.kill();
        }
        assert_eq!(
            got.as_deref(),
            Ok(url.as_str()),
            "answered before the next record"
        );
        // The rest of its beads.
        while rx
            .recv_timeout(std::time::Duration::from_millis(200))
            .is_ok()
        {}
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}

/// JSON Lines records without an `id`, as in the issue-14 report.
fn idless_jsonl(n: usize) -> String {
    let mut jsonl = String::new();
    for (_, ar, en) in windows(n) {
        jsonl +=
            &serde_json::json!({"src": ar.join("\n"), "tgt": en.join("\n"), "presegmented": true})
                .to_string();
        jsonl.push('\n');
    }
    jsonl
}

/// The `doc` of each output line, counted.
fn docs_of(jsonl: &str) -> BTreeMap<String, usize> {
    let mut by = BTreeMap::new();
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *by.entry(v["doc"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    by
}

#[test]
fn records_without_an_id_are_named_by_content_not_by_position() {
    let jsonl = idless_jsonl(12);
    let whole = stream(&["--quiet"], jsonl.as_bytes());
    assert!(whole.status.success());
    let whole = docs_of(&String::from_utf8(whole.stdout).unwrap());
    // Records 8..12, as a second worker would see them.
    let tail: String = jsonl.lines().skip(8).map(|l| format!("{l}\n")).collect();
    let part = stream(&["--quiet"], tail.as_bytes());
    let part = docs_of(&String::from_utf8(part.stdout).unwrap());
    assert_eq!(part.len(), 4);
    for (doc, beads) in &part {
        assert_eq!(whole.get(doc), Some(beads), "{doc}: same name, same beads");
    }
}

#[test]
#[ignore = "needs GNU parallel (apt-get install parallel); run by .ci/run"]
fn under_gnu_parallel_records_without_an_id_keep_their_names() {
    // Regression (issue 14): 250 id-less records came out with 121
    // distinct names under `parallel --pipe`, named by line within blocks.
    require("parallel", "apt-get install parallel");
    let jsonl = idless_jsonl(250);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    std::fs::write(&input, &jsonl).unwrap();
    let wasl = env!("CARGO_BIN_EXE_wasl");
    let script = format!(
        "parallel --will-cite --pipe --block 8k -j 2 '{wasl} stream --quiet' < '{}'",
        input.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parallel = docs_of(&String::from_utf8(out.stdout).unwrap());
    let single = stream(&["--quiet"], jsonl.as_bytes());
    let single = docs_of(&String::from_utf8(single.stdout).unwrap());
    // windows() repeats its cuts of the sample, so equal records share a
    // name: compare with one process, not with 250.
    assert!(single.len() > 50, "{}", single.len());
    assert_eq!(parallel, single);
}

/// JSON Lines records of `windows(n)`, with ids, presegmented.
fn jsonl_records(n: usize) -> String {
    let mut jsonl = String::new();
    for (url, ar, en) in windows(n) {
        jsonl += &serde_json::json!({"id": url, "src": ar.join("\n"), "tgt": en.join("\n"), "presegmented": true})
            .to_string();
        jsonl.push('\n');
    }
    jsonl
}

/// The README's two-stage recipe: learn a model once, then every worker
/// aligns its block with it; the output is one process's.
#[test]
#[ignore = "needs GNU parallel (apt-get install parallel); run by .ci/run"]
fn under_gnu_parallel_a_model_learned_once_gives_the_single_process_output() {
    require("parallel", "apt-get install parallel");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let jsonl = jsonl_records(80);
    std::fs::write(&input, &jsonl).unwrap();
    let model = dir.path().join("news.model");
    let wasl = env!("CARGO_BIN_EXE_wasl");
    wasl_ok(&[
        "learn",
        "--jsonl",
        input.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ]);
    let script = format!(
        "parallel --will-cite --pipe -k --block 8k -j 2 '{wasl} stream --quiet --model {}' < '{}'",
        model.display(),
        input.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let single = stream(
        &["--quiet", "--model", model.to_str().unwrap()],
        jsonl.as_bytes(),
    );
    assert!(single.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(single.stdout).unwrap()
    );
}

#[test]
#[ignore = "needs PySpark and Java (pip install pyspark; WASL_PYTHON names the python); run by .ci/run"]
fn as_a_pyspark_job_with_a_model_the_output_is_the_single_process_output() {
    let python = std::env::var("WASL_PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("docs.jsonl");
    let jsonl = jsonl_records(40);
    std::fs::write(&input, &jsonl).unwrap();
    let model = dir.path().join("news.model");
    wasl_ok(&[
        "learn",
        "--jsonl",
        input.to_str().unwrap(),
        "-o",
        model.to_str().unwrap(),
    ]);
    let output = dir.path().join("aligned");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/spark-stream.py");
    // The README's form: `--files MODEL` ships the model to the workers,
    // and the command names it by its file name.
    let out = Command::new(&python)
        .arg(&script)
        .args(["--partitions", "4", "--files"])
        .arg(&model)
        .arg(&input)
        .arg(&output)
        .args(["wasl", "stream", "--quiet", "--model", "news.model"])
        .env("PATH", path_with_wasl())
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "spark job: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, spark) = spark_output(&output);
    let single = stream(
        &["--quiet", "--model", model.to_str().unwrap()],
        jsonl.as_bytes(),
    );
    assert_eq!(spark, String::from_utf8(single.stdout).unwrap());
}
