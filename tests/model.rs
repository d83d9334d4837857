//! Corpus models through the real binary (issue 15): `wasl learn` on
//! documents made from the sample in `data/`, `wasl model show`, and
//! `--model` on `align` and `stream`: a small document aligned alone with
//! a model does at least as well as alone without one, any partitioning
//! of a stream gives the same output, and a bad model file is a clear
//! error, never half-read.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::{ok, p, refused, wasl};

#[path = "../benches/support/workload.rs"]
mod workload;

/// `n` news-sized document pairs (15 units each, with merges, omissions
/// and insertions) drawn from the sample, as `NAME.ar`/`NAME.en` in
/// `dir/in`, their gold beads in `dir/gold`.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let (input, gold) = (dir.join("in"), dir.join("gold"));
    fs::create_dir_all(&input).unwrap();
    fs::create_dir_all(&gold).unwrap();
    let pool = workload::Pool::sample();
    let perturb = workload::Perturb {
        omit: 0.06,
        insert: 0.06,
        merge: 0.1,
    };
    for k in 0..n {
        let w = workload::build(&pool, 15, 100 + k as u64, perturb);
        let name = format!("doc{k:02}");
        fs::write(input.join(format!("{name}.ar")), w.src_lines()).unwrap();
        fs::write(input.join(format!("{name}.en")), w.tgt_lines()).unwrap();
        fs::write(gold.join(&name), w.gold_beads()).unwrap();
    }
    input
}

/// Aligns every document of `input` alone into `out` (beads), with the
/// extra arguments, and returns strict F1 against `gold`.
fn alone(input: &Path, out: &Path, gold: &Path, extra: &[&str]) -> f64 {
    fs::create_dir_all(out).unwrap();
    let mut names: Vec<String> = fs::read_dir(input)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|x| x.extension().is_some_and(|e| e == "ar"))
        .map(|x| x.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in &names {
        let mut args = vec!["align", "--presegmented", "-f", "beads"];
        args.extend_from_slice(extra);
        let (a, e, o) = (
            input.join(format!("{name}.ar")),
            input.join(format!("{name}.en")),
            out.join(name),
        );
        args.extend([p(&a), p(&e), "-o", p(&o)]);
        ok(&args);
    }
    let json = ok(&["eval", "--json", p(gold), p(out)]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["strict"]["f1"].as_f64().unwrap()
}

#[test]
fn a_small_document_aligns_better_with_what_its_corpus_taught() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = corpus(d, 40);
    let model = d.join("news.model");
    let err = String::from_utf8(
        wasl(&[
            "learn",
            "--batch",
            p(&input),
            "--presegmented",
            "-o",
            p(&model),
        ])
        .stderr,
    )
    .unwrap();
    assert!(err.contains("from 40 documents"), "{err}");
    let show = ok(&["model", "show", p(&model)]);
    for want in ["ar → en", "40 documents", "bead priors", "held-out test"] {
        assert!(show.contains(want), "{want}: {show}");
    }
    let gold = d.join("gold");
    let without = alone(&input, &d.join("alone"), &gold, &[]);
    let with = alone(&input, &d.join("model"), &gold, &["--model", p(&model)]);
    assert!(
        with >= without && with > 0.8,
        "strict F1 alone {without:.4}, with the model {with:.4}"
    );
    // The model file is the whole of it: a copy aligns the same, byte for
    // byte, and what it says survives being read and written again.
    let copy = d.join("copy.model");
    fs::copy(&model, &copy).unwrap();
    let a = ok(&[
        "align",
        "--presegmented",
        "-f",
        "beads",
        "--model",
        p(&model),
        p(&input.join("doc00.ar")),
        p(&input.join("doc00.en")),
    ]);
    let b = ok(&[
        "align",
        "--presegmented",
        "-f",
        "beads",
        "--model",
        p(&copy),
        p(&input.join("doc00.ar")),
        p(&input.join("doc00.en")),
    ]);
    assert_eq!(a, b);
    assert_eq!(ok(&["model", "show", p(&copy)]), show);
}

#[test]
fn learn_takes_every_input_align_takes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");
    // One bilingual file.
    let m1 = d.join("one.model");
    ok(&["learn", doc, "-o", p(&m1)]);
    assert!(ok(&["model", "show", p(&m1)]).contains("1 documents"));
    // JSON Lines records, one bad and one of another pair: reported, left
    // out, the rest learned; exit 1 says so.
    let ar = ok(&["segment", "--section", "ar", doc]);
    let en = ok(&["segment", "--section", "en", doc]);
    let mut jsonl = String::new();
    for k in 0..3 {
        jsonl +=
            &serde_json::json!({"id": k, "src": ar, "tgt": en, "presegmented": true}).to_string();
        jsonl.push('\n');
    }
    jsonl += "{not json\n";
    jsonl += &serde_json::json!({"src": "Guten Tag.", "tgt": "Bonjour.", "src_lang": "de", "tgt_lang": "fr"}).to_string();
    jsonl.push('\n');
    fs::write(d.join("docs.jsonl"), &jsonl).unwrap();
    let m2 = d.join("jsonl.model");
    let out = wasl(&["learn", "--jsonl", p(&d.join("docs.jsonl")), "-o", p(&m2)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("line 4") && err.contains("line 5"), "{err}");
    assert!(ok(&["model", "show", p(&m2)]).contains("3 documents"));
    // The model is never written over an input.
    let err = refused(&["learn", doc, "-o", doc]);
    assert!(err.contains("refusing"), "{err}");
}

#[test]
fn a_stream_with_a_model_gives_the_same_output_however_it_is_cut() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let input = corpus(d, 12);
    let model = d.join("m");
    ok(&[
        "learn",
        "--batch",
        p(&input),
        "--presegmented",
        "-o",
        p(&model),
    ]);
    let mut records = Vec::new();
    for k in 0..12 {
        let read = |ext: &str| fs::read_to_string(input.join(format!("doc{k:02}.{ext}"))).unwrap();
        records.push(
            serde_json::json!({"id": k, "src": read("ar"), "tgt": read("en"), "presegmented": true})
                .to_string(),
        );
    }
    let run = |lines: &[String]| -> String {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wasl"))
            .args(["stream", "--quiet", "--model", p(&model)])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        for l in lines {
            writeln!(stdin, "{l}").unwrap();
        }
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let whole = run(&records);
    let parts = run(&records[..5]) + &run(&records[5..]);
    assert_eq!(whole, parts);
    // And each record as `wasl align --model` aligns it alone.
    let beads: Vec<String> = whole
        .lines()
        .filter(|l| l.contains("\"doc\":\"3\""))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!("{}:{}", v["src_ids"], v["tgt_ids"]).replace(',', ", ")
        })
        .collect();
    let align = ok(&[
        "align",
        "--presegmented",
        "-f",
        "beads",
        "--model",
        p(&model),
        p(&input.join("doc03.ar")),
        p(&input.join("doc03.en")),
    ]);
    let ids: Vec<String> = align
        .lines()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect();
    assert_eq!(beads, ids);
}

#[test]
fn a_bad_model_file_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");
    let model = d.join("good.model");
    ok(&["learn", doc, "-o", p(&model)]);
    let text = fs::read_to_string(&model).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let variants: Vec<(&str, String, &str)> = vec![
        ("truncated", text[..text.len() / 2].to_string(), "bad JSON"),
        ("empty", String::new(), "bad JSON"),
        ("other", "{\"format\": \"x\"}".into(), "not a wasl model"),
        (
            "newer",
            {
                let mut v = value.clone();
                v["version"] = 99.into();
                v.to_string()
            },
            "newer wasl",
        ),
        (
            "negative",
            {
                let mut v = value.clone();
                v["bead_priors"]["1-1"] = (-0.5).into();
                v.to_string()
            },
            "probability",
        ),
        (
            "unknown",
            {
                let mut v = value.clone();
                v["surprise"] = 1.into();
                v.to_string()
            },
            "unknown field",
        ),
        (
            "missing",
            {
                let mut v = value.clone();
                v.as_object_mut().unwrap().remove("lexicon");
                v.to_string()
            },
            "missing field",
        ),
    ];
    for (name, body, want) in variants {
        let path = d.join(name);
        fs::write(&path, body).unwrap();
        for args in [
            vec!["model", "show", p(&path)],
            vec!["align", doc, "-f", "beads", "--model", p(&path)],
        ] {
            let err = refused(&args);
            assert!(err.contains(name) && err.contains(want), "{name}: {err}");
        }
    }
    // A model for another language pair.
    value["src_lang"] = "de".into();
    value["tgt_lang"] = "fr".into();
    let path = d.join("defr");
    fs::write(&path, value.to_string()).unwrap();
    let err = refused(&["align", doc, "-f", "beads", "--model", p(&path)]);
    assert!(err.contains("model is for German → French"), "{err}");
}

#[test]
#[ignore = "needs Debian's dict-freedict-ara-eng; run by .ci/run"]
fn the_dictionary_travels_in_the_model() {
    let index = Path::new("/usr/share/dictd/freedict-ara-eng.index");
    assert!(
        index.exists(),
        "apt-get install dict-freedict-ara-eng for this test"
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let doc = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");
    let (with, without) = (d.join("dict.model"), d.join("plain.model"));
    ok(&["learn", doc, "--dict", "freedict", "-o", p(&with)]);
    ok(&["learn", doc, "-o", p(&without)]);
    let show = ok(&["model", "show", p(&with)]);
    assert!(show.contains("freedict-ara-eng.index"), "{show}");
    let stems = |m: &Path| -> usize {
        let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(m).unwrap()).unwrap();
        v["lexicon"].as_object().unwrap().len()
    };
    assert!(stems(&with) > stems(&without) + 1000);
    // The model alone (no --dict) aligns as the dictionary did.
    let a = ok(&["align", doc, "-f", "beads", "--model", p(&with)]);
    let b = ok(&[
        "align",
        doc,
        "-f",
        "beads",
        "--model",
        p(&with),
        "--dict",
        p(index),
    ]);
    assert_eq!(a, b);
}
