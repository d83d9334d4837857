//! Calibration in `wasl eval` and `--min-score` in `wasl align` and
//! `wasl stream`, through the real binary: hand-made gold and scored beads
//! whose figures are worked out here independently of the library, and
//! the sample document in `data/` (no shared eval data, so the tests pass
//! in a plain clone).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("the wasl binary runs")
}

fn wasl_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the wasl binary runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn ok(out: Output, what: &str) -> (String, String) {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{what} failed: {err}");
    (String::from_utf8(out.stdout).expect("UTF-8 output"), err)
}

fn p(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

// --- calibration: hand-made cases -------------------------------------------

/// One test bead: source id, target id, score in hundredths (kept as an
/// integer so that the expected figures below need no floating-point bin
/// edges), and whether gold holds it.
struct B(usize, usize, u32, bool);

/// The expected calibration error from the definition, worked out on the
/// integer scores: beads binned by the tens digit of their hundredths
/// (100 in the last bin), ECE = Σ_b n_b/N · |share correct_b − mean_b|.
fn expected_ece(beads: &[B]) -> f64 {
    let mut bins = vec![(0usize, 0usize, 0u32); 10];
    for b in beads {
        let k = (b.2 / 10).min(9) as usize;
        bins[k].0 += 1;
        bins[k].1 += usize::from(b.3);
        bins[k].2 += b.2;
    }
    let n = beads.len() as f64;
    bins.iter()
        .filter(|b| b.0 > 0)
        .map(|&(count, correct, sum)| {
            let share = correct as f64 / count as f64;
            let mean = sum as f64 / 100.0 / count as f64;
            count as f64 / n * (share - mean).abs()
        })
        .sum()
}

/// Gold and test bead files for `beads`: a correct bead is in gold as is;
/// a wrong one pairs its source with a target gold gives to another
/// source (`[i]:[i]` in gold, `[i]:[i + 1000]` in the test).
fn files(beads: &[B]) -> (String, String) {
    let mut gold = String::new();
    let mut test = String::new();
    for b in beads {
        gold.push_str(&format!("[{}]:[{}]\n", b.0, b.1));
        let tgt = if b.3 { b.1 } else { b.1 + 1000 };
        test.push_str(&format!(
            "[{}]:[{}]:{:.4}\n",
            b.0,
            tgt,
            f64::from(b.2) / 100.0
        ));
    }
    (gold, test)
}

fn hand_made() -> Vec<B> {
    vec![
        B(0, 0, 97, true),
        B(1, 1, 95, true),
        B(2, 2, 92, false),
        B(3, 3, 99, true),
        B(4, 4, 100, true),
        B(5, 5, 85, true),
        B(6, 6, 81, false),
        B(7, 7, 55, true),
        B(8, 8, 50, false),
        B(9, 9, 30, true),
        B(10, 10, 5, true),
        B(11, 11, 2, false),
    ]
}

#[test]
fn ece_reliability_table_and_thresholds_of_hand_made_beads() {
    let dir = tempfile::tempdir().unwrap();
    let beads = hand_made();
    let (gold, mut test) = files(&beads);
    // What calibration does not judge: a null bead, a bead without a
    // score, a repeat (its second score is ignored).
    test.push_str("[20]:[]:0.9900\n[21]:[21]\n[0]:[0]:0.0100\n");
    fs::write(dir.path().join("gold"), &gold).unwrap();
    fs::write(dir.path().join("test"), &test).unwrap();
    let (g, t) = (dir.path().join("gold"), dir.path().join("test"));
    let (json, _) = ok(wasl(&["eval", "--json", p(&g), p(&t)]), "eval --json");
    let v: Value = serde_json::from_str(&json).unwrap();
    // score.py's keys come first and are unchanged.
    assert_eq!(v["documents"], 1);
    let cal = &v["calibration"];
    assert_eq!(cal["beads"], 12);
    assert_eq!(cal["correct"], 8);
    assert_eq!(cal["unscored"], 1);
    assert_eq!(cal["gold_links"], 12);
    let ece = cal["ece"].as_f64().unwrap();
    assert!((ece - expected_ece(&beads)).abs() < 1e-4, "{ece}");
    // The table: bin 9 holds 0.92 to 1.00 (5 beads, 4 right).
    let bin9 = &cal["bins"][9];
    assert_eq!(
        (bin9["beads"].as_u64(), bin9["correct"].as_u64()),
        (Some(5), Some(4))
    );
    assert_eq!(bin9["share_correct"], 0.8);
    assert!((bin9["mean_score"].as_f64().unwrap() - 0.966).abs() < 1e-9);
    assert_eq!(cal["bins"][4]["beads"], 0);
    assert!(cal["bins"][4]["share_correct"].is_null());
    // Thresholds: ≥ 0.9 keeps 5 beads, 4 right; ≥ 0.8 seven, 5 right;
    // ≥ 0.5 nine, 6 right; ≥ 0.95 four (0.95, 0.97, 0.99, 1.00), all right.
    let at = |t: f64| {
        cal["thresholds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["threshold"].as_f64() == Some(t))
            .unwrap_or_else(|| panic!("no threshold {t}"))
            .clone()
    };
    for (t, kept, right) in [(0.5, 9, 6), (0.8, 7, 5), (0.9, 5, 4), (0.95, 4, 4)] {
        let a = at(t);
        assert_eq!(
            (a["beads"].as_u64(), a["correct"].as_u64()),
            (Some(kept), Some(right))
        );
        let precision = a["precision"].as_f64().unwrap();
        assert!((precision - right as f64 / kept as f64).abs() < 1e-4, "{t}");
        let yield_ = a["yield"].as_f64().unwrap();
        assert!((yield_ - right as f64 / 12.0).abs() < 1e-4, "{t}");
    }

    let (table, _) = ok(wasl(&["eval", p(&g), p(&t)]), "eval");
    assert!(
        table.contains(&format!("ECE {:.4}", expected_ece(&beads))),
        "{table}"
    );
    assert!(
        table.contains("1 beads without a score left out"),
        "{table}"
    );
    let row = table
        .lines()
        .find(|l| l.starts_with("0.9-1.0"))
        .expect("a row for the last bin");
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["0.9-1.0", "5", "0.9660", "0.8000"]
    );
    let row = table.lines().find(|l| l.starts_with("0.90 ")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["0.90", "5", "0.4167", "0.8000", "0.3333"]
    );
}

#[test]
fn a_folder_is_micro_averaged_and_a_missing_test_file_adds_gold_only() {
    let dir = tempfile::tempdir().unwrap();
    let all = hand_made();
    let (first, second) = all.split_at(5);
    for (name, part) in [("a", first), ("b", second)] {
        let (gold, test) = files(part);
        fs::create_dir_all(dir.path().join("gold")).unwrap();
        fs::create_dir_all(dir.path().join("test")).unwrap();
        fs::write(dir.path().join("gold").join(name), gold).unwrap();
        fs::write(dir.path().join("test").join(name), test).unwrap();
    }
    fs::write(dir.path().join("gold/c"), "[0]:[0]\n[1]:[1]\n").unwrap();
    let (g, t) = (dir.path().join("gold"), dir.path().join("test"));
    let (json, _) = ok(wasl(&["eval", "--json", p(&g), p(&t)]), "eval");
    let v: Value = serde_json::from_str(&json).unwrap();
    let cal = &v["calibration"];
    assert_eq!(cal["beads"], 12);
    assert_eq!(cal["gold_links"], 14);
    let ece = cal["ece"].as_f64().unwrap();
    // Micro: the ECE of all beads together, not the mean of two ECEs.
    assert!((ece - expected_ece(&all)).abs() < 1e-4, "{ece}");
}

#[test]
fn without_scores_calibration_is_not_available_and_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("gold");
    fs::write(&g, "[0]:[0]\n[1]:[1]\n").unwrap();
    let costs = dir.path().join("costs");
    // Vecalign writes costs after the second colon: not probabilities.
    fs::write(&costs, "[0]:[0]:0.3\n[1]:[1]:2.5\n").unwrap();
    let plot = dir.path().join("plot.svg");
    for (test, why) in [(&g, "carries a score"), (&costs, "outside [0, 1]")] {
        let (json, err) = ok(
            wasl(&["eval", "--json", "--plot", p(&plot), p(&g), p(test)]),
            "eval",
        );
        let v: Value = serde_json::from_str(&json).unwrap();
        assert!(v["calibration"].is_null(), "{json}");
        assert!(err.contains("not available") && err.contains(why), "{err}");
        assert!(!plot.exists(), "no plot without calibration");
        let (table, _) = ok(wasl(&["eval", p(&g), p(test)]), "eval");
        assert!(table.contains("calibration: not available"), "{table}");
    }
    // -q drops the note; the table still says it.
    let (_, err) = ok(
        wasl(&["-q", "eval", "--plot", p(&plot), p(&g), p(&g)]),
        "eval -q",
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn scores_of_an_alignment_against_itself_give_ece_one_minus_the_mean_score() {
    // Real data: the sample document aligned, scored against its own beads.
    // Every bead is right, so each bin's gap is 1 − its mean score and the
    // ECE is 1 − the mean score of the beads with both sides.
    let dir = tempfile::tempdir().unwrap();
    let beads = dir.path().join("doc.beads");
    ok(
        wasl(&["align", DOC, "-f", "beads", "-o", p(&beads)]),
        "align",
    );
    let text = fs::read_to_string(&beads).unwrap();
    let scores: Vec<f64> = text
        .lines()
        .filter(|l| !l.contains("[]"))
        .map(|l| l.rsplit(':').next().unwrap().parse().unwrap())
        .collect();
    assert!(scores.len() > 10);
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let plot = dir.path().join("reliability.svg");
    let input = fs::read(&beads).unwrap();
    let out = wasl_stdin(
        &["eval", "--json", "--plot", p(&plot), p(&beads), "-"],
        &input,
    );
    let (json, _) = ok(out, "eval from stdin");
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["strict"]["f1"], 1.0);
    let cal = &v["calibration"];
    assert_eq!(cal["beads"].as_u64(), Some(scores.len() as u64));
    assert!((cal["ece"].as_f64().unwrap() - (1.0 - mean)).abs() < 1e-4);
    let svg = fs::read_to_string(&plot).unwrap();
    check_svg(&svg);
    assert!(
        svg.contains(&format!("ECE {:.4}", 1.0 - mean)),
        "ECE in the title"
    );
}

#[test]
fn the_plot_is_well_formed_svg_with_the_diagonal_bars_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let beads = hand_made();
    let (gold, test) = files(&beads);
    // A file name with markup in it is shown as text.
    let g = dir.path().join("gold<&>");
    let t = dir.path().join("test");
    fs::write(&g, gold).unwrap();
    fs::write(&t, test).unwrap();
    let plot = dir.path().join("r.svg");
    ok(
        wasl(&["eval", "--plot", p(&plot), p(&g), p(&t)]),
        "eval --plot",
    );
    let svg = fs::read_to_string(&plot).unwrap();
    check_svg(&svg);
    assert!(svg.contains(&format!(
        "<title>Reliability: ECE {:.4} over 12 beads</title>",
        expected_ece(&beads)
    )));
    assert!(svg.contains("gold&lt;&amp;&gt;"));
    assert!(svg.contains("stroke-dasharray"), "the diagonal");
    // A bar per non-empty bin (0, 3, 5, 8, 9), with its bead count.
    assert_eq!(svg.matches("<rect x=").count(), 5 + 1, "bars and the frame");
    assert!(svg.contains(">5</text>") && svg.contains(">0</text>"));
    assert!(svg.contains("share correct") && svg.contains("score"));
    // An existing plot is replaced whole.
    fs::write(&plot, "old").unwrap();
    ok(wasl(&["eval", "--plot", p(&plot), p(&g), p(&t)]), "again");
    check_svg(&fs::read_to_string(&plot).unwrap());
}

#[test]
fn the_plot_is_never_written_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let (gold, test) = files(&hand_made());
    fs::create_dir_all(dir.path().join("g")).unwrap();
    fs::create_dir_all(dir.path().join("t")).unwrap();
    let (g, t) = (dir.path().join("g/doc"), dir.path().join("t/doc"));
    fs::write(&g, &gold).unwrap();
    fs::write(&t, &test).unwrap();
    let cases = [
        (vec![p(&g), p(&t)], t.clone()),
        (vec![p(&g), p(&t)], g.clone()),
        (
            vec![p(g.parent().unwrap()), p(t.parent().unwrap())],
            t.clone(),
        ),
    ];
    for (args, plot) in cases {
        let mut all = vec!["eval", "--plot", p(&plot)];
        all.extend(args);
        let out = wasl(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("refusing to write"), "{err}");
        assert_eq!(fs::read_to_string(&g).unwrap(), gold);
        assert_eq!(fs::read_to_string(&t).unwrap(), test);
    }
}

/// A small well-formedness check, independent of the writer: one root
/// `svg` element, tags balanced, attributes quoted, text and attribute
/// values free of raw `<` and of `&` that is not an entity.
fn check_svg(svg: &str) {
    let rest = svg
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .expect("an XML declaration");
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut i = 0;
    let bytes = rest.as_bytes();
    while i < rest.len() {
        if bytes[i] == b'<' {
            let end = rest[i..].find('>').expect("a tag ends") + i;
            let tag = &rest[i + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name), "closing {name}");
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let (name, attrs) = body.split_once(' ').unwrap_or((body, ""));
                assert!(
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
                    "element name {name:?}"
                );
                check_attributes(attrs);
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "svg");
                }
                if !self_closing {
                    stack.push(name.to_string());
                }
            }
            i = end + 1;
        } else {
            let end = rest[i..].find('<').map_or(rest.len(), |e| e + i);
            let text = &rest[i..end];
            assert!(
                !stack.is_empty() || text.trim().is_empty(),
                "text outside the root"
            );
            check_entities(text);
            i = end;
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1);
}

fn check_attributes(mut attrs: &str) {
    loop {
        attrs = attrs.trim_start();
        if attrs.is_empty() {
            return;
        }
        let (name, rest) = attrs.split_once("=\"").expect("name=\"value\"");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':'),
            "attribute {name:?}"
        );
        let (value, rest) = rest.split_once('"').expect("a closing quote");
        assert!(!value.contains('<'), "< in {name}");
        check_entities(value);
        attrs = rest;
    }
}

fn check_entities(text: &str) {
    for (k, _) in text.match_indices('&') {
        let end = text[k..].find(';').expect("an entity ends with ;") + k;
        let name = &text[k + 1..end];
        assert!(
            ["amp", "lt", "gt", "quot", "apos"].contains(&name)
                || name
                    .strip_prefix('#')
                    .is_some_and(|n| n.parse::<u32>().is_ok()),
            "entity {name:?}"
        );
    }
}

// --- --min-score ---------------------------------------------------------------

/// The sample's beads as CSV rows: (src ids, tgt ids, src, tgt, score).
fn csv_rows(csv: &str) -> Vec<(String, String, String, String, f64)> {
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[1].to_string(),
                rec[2].to_string(),
                rec[3].to_string(),
                rec[4].to_string(),
                rec[5].parse().unwrap(),
            )
        })
        .collect()
}

fn pairs_at(rows: &[(String, String, String, String, f64)], min: f64) -> usize {
    rows.iter()
        .filter(|r| !r.2.trim().is_empty() && !r.3.trim().is_empty() && r.4 >= min)
        .count()
}

#[test]
fn min_score_keeps_in_tmx_and_text_exactly_the_pairs_scored_at_least_p() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, _) = ok(wasl(&["align", DOC]), "align");
    let rows = csv_rows(&csv);
    let all_pairs = pairs_at(&rows, 0.0);
    let tmx = dir.path().join("out.tmx");
    let plain = fs::read(&{
        ok(wasl(&["align", DOC, "-o", p(&tmx)]), "align tmx");
        tmx.clone()
    })
    .unwrap();
    for min in ["0", "0.5", "0.9", "0.99", "1.0"] {
        let (_, err) = ok(
            wasl(&["align", DOC, "-o", p(&tmx), "--min-score", min]),
            "align --min-score",
        );
        let xml = fs::read_to_string(&tmx).unwrap();
        let kept = pairs_at(&rows, min.parse().unwrap());
        assert_eq!(xml.matches("<tu ").count(), kept, "--min-score {min}");
        for score in xml
            .split("<prop type=\"x-score\">")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].parse::<f64>().unwrap())
        {
            assert!(score >= min.parse::<f64>().unwrap());
        }
        assert!(
            err.contains(&format!(
                "{} of {all_pairs} pairs scored below it left out of the tmx output",
                all_pairs - kept
            )),
            "{err}"
        );
        if min == "0" {
            assert_eq!(fs::read(&tmx).unwrap(), plain, "0 keeps everything");
        }
        let prefix = dir.path().join("lines");
        ok(
            wasl(&[
                "align",
                DOC,
                "-f",
                "text",
                "-o",
                p(&prefix),
                "--min-score",
                min,
            ]),
            "align -f text",
        );
        for ext in ["ar", "en"] {
            let text = fs::read_to_string(prefix.with_extension(ext)).unwrap();
            assert_eq!(text.lines().count(), kept, "{ext} at {min}");
        }
    }
    // 1.0 leaves out every pair the aligner is not certain of, and says
    // how many sentences went with them.
    let (_, err) = ok(
        wasl(&["align", DOC, "-o", p(&tmx), "--min-score", "1"]),
        "1",
    );
    let gone: Vec<_> = rows
        .iter()
        .filter(|r| !r.2.trim().is_empty() && !r.3.trim().is_empty() && r.4 < 1.0)
        .collect();
    let src: usize = gone.iter().map(|r| r.0.split_whitespace().count()).sum();
    let tgt: usize = gone.iter().map(|r| r.1.split_whitespace().count()).sum();
    assert!(
        err.contains(&format!("({src} source, {tgt} target sentences)")),
        "{err}"
    );
}

#[test]
fn min_score_leaves_csv_jsonl_and_beads_whole_and_says_so() {
    for format in ["csv", "jsonl", "beads"] {
        let (plain, _) = ok(wasl(&["align", DOC, "-f", format]), format);
        let (filtered, err) = ok(
            wasl(&["align", DOC, "-f", format, "--min-score", "0.99"]),
            format,
        );
        assert_eq!(filtered, plain, "{format} keeps every bead");
        assert!(err.contains("keeps every bead"), "{err}");
    }
    // -q: no summary, no note.
    let dir = tempfile::tempdir().unwrap();
    let tmx = dir.path().join("q.tmx");
    let (_, err) = ok(
        wasl(&["-q", "align", DOC, "-o", p(&tmx), "--min-score", "0.9"]),
        "-q",
    );
    assert!(err.is_empty(), "{err}");
}

#[test]
fn min_score_out_of_range_is_a_clear_usage_error() {
    for bad in ["1.5", "-0.1", "NaN", "high", "inf"] {
        let out = wasl(&["align", DOC, "-f", "tmx", &format!("--min-score={bad}")]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(
            err.contains("--min-score") && err.contains("from 0 to 1"),
            "{bad}: {err}"
        );
        assert!(out.stdout.is_empty());
    }
    let out = wasl(&[
        "stream",
        "--output",
        "bitextor",
        "--all-beads",
        "--min-score",
        "0.5",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// The sample's two sections, one sentence per line, as `wasl segment`
/// cuts them.
fn sections() -> (String, String) {
    let (ar, _) = ok(wasl(&["segment", "--section", "ar", DOC]), "segment");
    let (en, _) = ok(wasl(&["segment", "--section", "en", DOC]), "segment");
    (ar, en)
}

#[test]
fn min_score_in_a_batch_filters_every_file_and_reports_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ar, en) = sections();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    // Two documents: the sample, and its first half.
    let half = |s: &str| s.lines().take(8).collect::<Vec<_>>().join("\n") + "\n";
    for (name, a, e) in [
        ("one", ar.clone(), en.clone()),
        ("two", half(&ar), half(&en)),
    ] {
        fs::write(input.join(format!("{name}.ar")), a).unwrap();
        fs::write(input.join(format!("{name}.en")), e).unwrap();
    }
    let batch = |format: &str, out: &PathBuf, extra: &[&str]| {
        let mut args = vec![
            "align",
            "--batch",
            p(&input),
            "--presegmented",
            "-f",
            format,
            "-o",
            p(out),
        ];
        args.extend(extra);
        ok(wasl(&args), "align --batch")
    };
    let csv_dir = dir.path().join("csv");
    batch("csv", &csv_dir, &[]);
    let tmx_dir = dir.path().join("tmx");
    let (_, err) = batch("tmx", &tmx_dir, &["--min-score", "0.9"]);
    let (mut kept, mut pairs) = (0, 0);
    for name in ["one", "two"] {
        let rows = csv_rows(&fs::read_to_string(csv_dir.join(format!("{name}.csv"))).unwrap());
        let xml = fs::read_to_string(tmx_dir.join(format!("{name}.tmx"))).unwrap();
        assert_eq!(xml.matches("<tu ").count(), pairs_at(&rows, 0.9), "{name}");
        kept += pairs_at(&rows, 0.9);
        pairs += pairs_at(&rows, 0.0);
    }
    assert_eq!(err.matches("--min-score 0.9:").count(), 1, "{err}");
    assert!(
        err.contains(&format!("{} of {pairs} pairs", pairs - kept)),
        "{err}"
    );
}

#[test]
fn min_score_in_a_stream_filters_bitextor_output_the_same_in_any_partitioning() {
    let (ar, en) = sections();
    let half = |s: &str, skip: usize| s.lines().skip(skip).take(9).collect::<Vec<_>>().join("\n");
    let records: Vec<String> = [(0, "a"), (5, "b"), (9, "c")]
        .iter()
        .map(|&(skip, id)| {
            serde_json::json!({
                "id": id, "src": half(&ar, skip), "tgt": half(&en, skip), "presegmented": true
            })
            .to_string()
                + "\n"
        })
        .collect();
    let all = records.concat();
    let (jsonl, _) = ok(wasl_stdin(&["stream"], all.as_bytes()), "stream");
    let expected = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| {
            !v["src"].as_str().unwrap().trim().is_empty()
                && !v["tgt"].as_str().unwrap().trim().is_empty()
                && v["score"].as_f64().unwrap() >= 0.8
        })
        .count();
    let args = ["stream", "--output", "bitextor", "--min-score", "0.8"];
    let (whole, err) = ok(wasl_stdin(&args, all.as_bytes()), "stream");
    assert_eq!(whole.lines().count(), expected);
    for line in whole.lines() {
        let score: f64 = line.rsplit('\t').next().unwrap().parse().unwrap();
        assert!(score >= 0.8, "{line}");
    }
    assert!(err.contains("--min-score 0.8:"), "{err}");
    // One record per process, concatenated: the same bytes.
    let parts: String = records
        .iter()
        .map(|r| ok(wasl_stdin(&args, r.as_bytes()), "stream part").0)
        .collect();
    assert_eq!(parts, whole);
    // JSON Lines output keeps every bead.
    let (filtered, _) = ok(
        wasl_stdin(&["stream", "--min-score", "0.8"], all.as_bytes()),
        "stream jsonl",
    );
    assert_eq!(filtered, jsonl);
}

#[test]
fn completions_and_man_pages_know_the_new_options() {
    let (bash, _) = ok(wasl(&["completions", "bash"]), "completions");
    assert!(bash.contains("--min-score") && bash.contains("--plot"));
    let (man, _) = ok(wasl(&["man", "align"]), "man align");
    assert!(man.contains("min\\-score"), "{man}");
    let (man, _) = ok(wasl(&["man", "eval"]), "man eval");
    assert!(man.contains("\\-\\-plot"), "{man}");
}
