//! Nothing lost, nothing silently wrong: the failures a new user found by
//! trying every README command (issue 14), each pinned through the real
//! binary on the sample in `data/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

fn wasl_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("wasl runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn ok_in(dir: &Path, args: &[&str]) -> String {
    let out = wasl_in(dir, args);
    assert!(out.status.success(), "wasl {args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// A clean refusal: exit 2, a message, no panic.
fn refused_in(dir: &Path, args: &[&str]) -> String {
    let out = wasl_in(dir, args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "wasl {args:?}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// The sample's two sections, one sentence per line, as `om.ar` and
/// `om.en` (the names `--batch` expects) in a fresh directory.
fn sections() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let ar = ok_in(dir.path(), &["segment", "--section", "ar", DOC]);
    let en = ok_in(dir.path(), &["segment", "--section", "en", DOC]);
    fs::write(dir.path().join("om.ar"), &ar).unwrap();
    fs::write(dir.path().join("om.en"), &en).unwrap();
    (dir, ar, en)
}

/// Every file in `dir` with its bytes: what a run must leave alone.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_run_never_writes_over_its_own_input() {
    let (dir, _, _) = sections();
    let d = dir.path();
    fs::create_dir(d.join("sub")).unwrap();
    fs::hard_link(d.join("om.ar"), d.join("hard.ar")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("om.en"), d.join("link.csv")).unwrap();
    let before = snapshot(d);
    let mut cases: Vec<(Vec<&str>, &str)> = vec![
        // Text output `om` is om.ar + om.en: the inputs themselves.
        (
            vec![
                "align",
                "--presegmented",
                "om.ar",
                "om.en",
                "-f",
                "text",
                "-o",
                "om",
            ],
            "om.ar",
        ),
        (vec!["align", "om.ar", "om.en", "-o", "om.ar"], "om.ar"),
        (vec!["align", "om.ar", "om.en", "-o", "./om.en"], "om.en"),
        (
            vec!["align", "om.ar", "om.en", "-o", "sub/../om.ar"],
            "om.ar",
        ),
        (vec!["align", "om.ar", "om.en", "-o", "hard.ar"], "om.ar"),
        // The dictionary is read too.
        (
            vec![
                "align", "om.ar", "om.en", "--dict", "hard.ar", "-o", "om.ar",
            ],
            "om.ar",
        ),
    ];
    #[cfg(unix)]
    cases.push((vec!["align", "om.ar", "om.en", "-o", "link.csv"], "om.en"));
    for (args, input) in cases {
        let err = refused_in(d, &args);
        assert!(
            err.contains("refusing") && err.contains(input),
            "{args:?}: {err}"
        );
        assert_eq!(snapshot(d), before, "{args:?} changed a file");
    }
}

#[test]
fn a_batch_never_writes_over_its_inputs() {
    let (dir, _, _) = sections();
    let d = dir.path();
    let before = snapshot(d);
    let err = refused_in(
        d,
        &[
            "align",
            "--batch",
            ".",
            "--presegmented",
            "-o",
            ".",
            "-f",
            "text",
            "--out-ext",
            "",
        ],
    );
    assert!(err.contains("refusing") && err.contains("om."), "{err}");
    assert_eq!(snapshot(d), before);
}

#[cfg(unix)]
#[test]
fn a_replaced_output_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, _, _) = sections();
    let d = dir.path();
    for (out, format) in [("pairs.tmx", "tmx"), ("pairs", "text")] {
        let files: Vec<String> = if format == "text" {
            vec!["pairs.ar".into(), "pairs.en".into()]
        } else {
            vec![out.into()]
        };
        for f in &files {
            fs::write(d.join(f), "old").unwrap();
            fs::set_permissions(d.join(f), fs::Permissions::from_mode(0o600)).unwrap();
        }
        ok_in(d, &["align", "om.ar", "om.en", "-f", format, "-o", out]);
        for f in &files {
            let meta = fs::metadata(d.join(f)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600, "{f}");
            assert_ne!(fs::read(d.join(f)).unwrap(), b"old", "{f} replaced");
        }
    }
}

/// `text` with every line end replaced by `end`.
fn with_line_ends(text: &str, end: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', end)
}

#[test]
fn lone_cr_line_ends_work_through_every_input_path() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let doc = fs::read_to_string(DOC).unwrap();
    let want_bilingual = ok_in(d, &["align", "-f", "beads", DOC]);
    let want_pre = ok_in(
        d,
        &["align", "--presegmented", "-f", "beads", "om.ar", "om.en"],
    );
    let want_segment = ok_in(d, &["segment", DOC]);
    for end in ["\r", "\r\n"] {
        fs::write(d.join("cr.txt"), with_line_ends(&doc, end)).unwrap();
        assert_eq!(
            ok_in(d, &["align", "-f", "beads", "cr.txt"]),
            want_bilingual,
            "bilingual file, {end:?}"
        );
        assert_eq!(ok_in(d, &["segment", "cr.txt"]), want_segment, "{end:?}");
        fs::write(d.join("cr.ar"), with_line_ends(&ar, end)).unwrap();
        fs::write(d.join("cr.en"), with_line_ends(&en, end)).unwrap();
        assert_eq!(
            ok_in(
                d,
                &["align", "--presegmented", "-f", "beads", "cr.ar", "cr.en"]
            ),
            want_pre,
            "presegmented, {end:?}"
        );
        assert_eq!(
            ok_in(d, &["align", "-f", "beads", "cr.ar", "cr.en"]),
            ok_in(d, &["align", "-f", "beads", "om.ar", "om.en"]),
            "two raw files, {end:?}"
        );
        // Gold and test bead files read by `eval`.
        fs::write(d.join("gold.beads"), with_line_ends(&want_pre, end)).unwrap();
        fs::write(d.join("test.beads"), &want_pre).unwrap();
        let table = ok_in(d, &["eval", "--json", "gold.beads", "test.beads"]);
        assert!(table.contains("\"f1\":1.0"), "{end:?}: {table}");
    }
}

#[test]
fn a_bad_pair_does_not_stop_a_batch() {
    let (dir, _, _) = sections();
    let d = dir.path();
    fs::create_dir(d.join("in")).unwrap();
    for name in ["a", "b"] {
        fs::copy(d.join("om.ar"), d.join(format!("in/{name}.ar"))).unwrap();
        fs::copy(d.join("om.en"), d.join(format!("in/{name}.en"))).unwrap();
    }
    fs::write(d.join("in/z.ar"), "").unwrap();
    fs::copy(d.join("om.en"), d.join("in/z.en")).unwrap();
    fs::copy(d.join("om.ar"), d.join("in/c.ar")).unwrap();
    fs::copy(d.join("om.en"), d.join("in/d.en")).unwrap();
    let out = wasl_in(
        d,
        &[
            "align",
            "--batch",
            "in",
            "--presegmented",
            "-f",
            "beads",
            "-o",
            "out",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "some pairs failed: {err}");
    for named in ["z.ar", "c.ar", "d.en"] {
        assert!(err.contains(named), "{named} reported: {err}");
    }
    assert!(err.contains("aligned 2 document pairs"), "{err}");
    let want = ok_in(
        d,
        &["align", "--presegmented", "-f", "beads", "om.ar", "om.en"],
    );
    for name in ["a", "b"] {
        let got = fs::read_to_string(d.join(format!("out/{name}.beads"))).unwrap();
        assert_eq!(got.lines().count(), want.lines().count(), "{name}");
    }
    assert!(!d.join("out/z.beads").exists());
    // Nothing good at all: an error, exit 2.
    fs::create_dir(d.join("bad")).unwrap();
    fs::write(d.join("bad/z.ar"), "").unwrap();
    fs::write(d.join("bad/z.en"), "x").unwrap();
    refused_in(d, &["align", "--batch", "bad", "-o", "out2"]);
}

#[test]
fn small_things() {
    let (dir, _, _) = sections();
    let d = dir.path();

    // Spans index the file as it is on disk, a byte-order mark counted.
    let doc = fs::read(DOC).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(&doc);
    fs::write(d.join("bom.txt"), &bom).unwrap();
    let spans = ok_in(d, &["segment", "--spans", "bom.txt"]);
    for line in spans.lines() {
        let f: Vec<&str> = line.splitn(3, '\t').collect();
        let (s, e): (usize, usize) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        assert_eq!(&bom[s..e], f[2].as_bytes(), "{line}");
    }

    // `-o -` is standard output, not a file named `-`.
    let out = ok_in(d, &["align", "om.ar", "om.en", "-f", "beads", "-o", "-"]);
    assert!(out.starts_with("[0]:[0]:"), "{out}");
    assert!(!d.join("-").exists());

    // --batch with -o naming a file: a clear error, not "File exists".
    fs::write(d.join("afile"), "x").unwrap();
    fs::create_dir(d.join("in")).unwrap();
    fs::copy(d.join("om.ar"), d.join("in/a.ar")).unwrap();
    fs::copy(d.join("om.en"), d.join("in/a.en")).unwrap();
    let err = refused_in(d, &["align", "--batch", "in", "-o", "afile"]);
    assert!(
        err.contains("afile") && err.contains("not a folder"),
        "{err}"
    );

    // Counts read as English.
    let out = wasl_in(d, &["align", "--batch", "in", "-o", "outdir"]);
    assert!(
        stderr(&out).contains("aligned 1 document pair into"),
        "{}",
        stderr(&out)
    );
    let record = r#"{"id":"x","src":"مرحبا.","tgt":"Hello."}"#;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .arg("stream")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{record}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        stderr(&out).contains("1 record, 1 aligned, 0 skipped; 1 bead written"),
        "{}",
        stderr(&out)
    );
    // The format is called `text`, not by its extension.
    let out = wasl_in(d, &["align", "om.ar", "om.en", "-f", "text", "-o", "t"]);
    if stderr(&out).contains("output holds pairs only") {
        assert!(stderr(&out).contains("text output"), "{}", stderr(&out));
    }

    // Language tags are checked: they end up in xml:lang.
    for bad in ["xx!!", "", "e", "en--us", "toolonglanguage"] {
        let err = refused_in(d, &["align", "om.ar", "om.en", "--src-lang", bad]);
        assert!(err.contains("language tag"), "{bad:?}: {err}");
    }
    ok_in(
        d,
        &[
            "align",
            "om.ar",
            "om.en",
            "--src-lang",
            "ar-EG",
            "-f",
            "beads",
        ],
    );
}

/// The README's first command writes `pairs.tmx` at the top of the clone:
/// git must not offer to commit it.
#[test]
fn the_readme_first_command_output_is_ignored_by_git() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let first = readme
        .lines()
        .find(|l| l.starts_with("cargo run"))
        .expect("a first command");
    let output = first
        .split_whitespace()
        .skip_while(|w| *w != "-o")
        .nth(1)
        .expect("it names its output");
    let ignore = fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(
        ignore.lines().any(|l| l.trim_start_matches('/') == output),
        "{output} in .gitignore"
    );
}

/// The README's example outputs are what the binary writes for the sample
/// (texts elided with `…` match in order around the elision).
#[test]
fn the_readme_examples_are_what_wasl_writes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let section = &readme[readme.find("## Output formats").expect("section")..];
    // The first block opened by ```LANG after `after`.
    let block_after = |after: &str, lang: &str| -> Vec<String> {
        let section = &section[section.find(after).expect("anchor")..];
        let start = section
            .find(&format!("```{lang}\n"))
            .unwrap_or_else(|| panic!("a {lang} example"));
        let body = &section[start + lang.len() + 4..];
        body[..body.find("```").unwrap()]
            .lines()
            .map(str::to_string)
            .collect()
    };
    let block = |lang: &str| block_after("", lang);
    let run = |format: &str| ok_in(root, &["align", "-f", format, DOC]);

    // beads: exact lines.
    let beads = run("beads");
    let example = block_after("**beads**", "");
    assert!(!example.is_empty());
    assert!(example.iter().all(|l| l.starts_with('[')), "{example:?}");
    for line in &example {
        assert!(beads.lines().any(|l| l == line), "beads example {line}");
    }

    // CSV: ids, score and kind exact, texts as elided.
    let csv_out = run("csv");
    let rows = |text: &str| -> Vec<csv::StringRecord> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect()
    };
    let real = rows(&csv_out);
    let examples = rows(&block("csv").join("\n"));
    assert_eq!(examples.len(), 2);
    for ex in &examples {
        let row = real
            .iter()
            .find(|r| r[1] == ex[1] && r[2] == ex[2])
            .unwrap_or_else(|| panic!("bead {} : {}", &ex[1], &ex[2]));
        assert_eq!((&row[0], &row[5], &row[6]), (&ex[0], &ex[5], &ex[6]));
        assert!(elided(&ex[3], &row[3]) && elided(&ex[4], &row[4]), "{ex:?}");
    }

    // JSON Lines.
    let jsonl = run("jsonl");
    for ex in block("json") {
        let ex: serde_json::Value = serde_json::from_str(&ex).unwrap();
        let row: serde_json::Value = jsonl
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["src_ids"] == ex["src_ids"])
            .expect("the bead");
        for key in ["doc", "tgt_ids", "score", "bead"] {
            assert_eq!(row[key], ex[key], "{key}");
        }
        for key in ["src", "tgt"] {
            assert!(
                elided(ex[key].as_str().unwrap(), row[key].as_str().unwrap()),
                "{key}"
            );
        }
    }

    // TMX: the example's first unit's score.
    let tmx = run("tmx");
    let xml = block("xml").join("\n");
    let score = |text: &str| {
        let at = text.find("<prop type=\"x-score\">").unwrap() + 21;
        text[at..at + 6].to_string()
    };
    assert_eq!(score(&xml), score(&tmx));
}

/// True when `real` holds the pieces of `example` between `…`, in order.
fn elided(example: &str, real: &str) -> bool {
    let mut rest = real;
    for piece in example.split('…').map(str::trim).filter(|p| !p.is_empty()) {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}
