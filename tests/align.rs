//! Integration tests of `wasl align` on the real sample documents.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

#[path = "../benches/support/workload.rs"]
mod workload;

fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("run wasl")
}

fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV"))
        .collect()
}

/// `data/003…` holds 18 Arabic paragraphs followed by their 18 English
/// translations, paragraph k of one translating paragraph k of the other
/// (checked by reading both). Every bead must pair text of Arabic paragraph
/// k with text of English paragraph k, and every paragraph must be in a
/// bead: the expected pairs, pinned by the document's own structure.
#[test]
fn bilingual_sample_pairs_every_paragraph_with_its_translation() {
    let doc = "data/003_18ef8cb601dfb36a.txt";
    let text = fs::read_to_string(doc).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let (ar, en) = lines.split_at(18);
    assert_eq!(en.len(), 18);
    let out = wasl(&["align", doc, "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = csv_rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows.len(), 18, "one bead per paragraph pair");
    for (k, row) in rows.iter().enumerate() {
        let (src, tgt) = (&row[3], &row[4]);
        assert!(
            ar[k].contains(src),
            "bead {k}: Arabic {src:?} not in paragraph {k}"
        );
        assert!(
            en[k].contains(tgt),
            "bead {k}: English {tgt:?} not in paragraph {k}"
        );
        // Whole paragraphs: nothing of either side is left for another bead.
        assert_eq!(
            src.len(),
            ar[k].trim().len(),
            "bead {k} holds all of Arabic paragraph {k}"
        );
        assert_eq!(
            tgt.split_whitespace().count(),
            en[k].split_whitespace().count()
        );
        let score: f64 = row[5].parse().unwrap();
        assert!((0.0..=1.0).contains(&score));
    }
    // Paragraph 11 is one Arabic quotation that the English renders as
    // three sentences: a 1-3 bead, the others 1-1.
    assert_eq!(&rows[11][6], "1-3");
    assert!(rows
        .iter()
        .enumerate()
        .all(|(k, r)| k == 11 || &r[6] == "1-1"));
    // Confident where the evidence is plain: names, numbers, CNN, APEC.
    let mean: f64 = rows
        .iter()
        .map(|r| r[5].parse::<f64>().unwrap())
        .sum::<f64>()
        / 18.0;
    assert!(mean > 0.8, "mean score {mean}");
}

#[test]
fn arabic_only_samples_are_a_clear_error_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for doc in [
        "data/000_f6d2bda94287a3c5.txt",
        "data/001_5420158eb8b6de07.txt",
        "data/002_905532f870414288.txt",
        "data/004_f7a595203ed4f7d3.txt",
    ] {
        let out_path = dir.path().join("pairs.tmx");
        let out = wasl(&["align", doc, "-o", out_path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{doc}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(doc) && err.contains("no English section found"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(!out_path.exists(), "{doc}: no output file");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            0,
            "no temp file left"
        );
    }
}

/// Any language pair, presegmented: line N is sentence N, the bead format
/// carries a score, and every line is in exactly one bead, in order.
#[test]
fn presegmented_pair_in_bead_format_covers_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let de = dir.path().join("doc.de");
    let fr = dir.path().join("doc.fr");
    fs::write(
        &de,
        "Die Hütte liegt auf 2 800 Metern.\nWir stiegen um 5 Uhr auf.\nDer Gipfel war frei.\nZermatt lag unter uns, und das Matterhorn leuchtete.\n",
    )
    .unwrap();
    fs::write(
        &fr,
        "La cabane est à 2 800 mètres.\nNous sommes partis à 5 heures.\nLe sommet était dégagé.\nZermatt était sous nous.\nLe Matterhorn brillait.\n",
    )
    .unwrap();
    let out = wasl(&[
        "align",
        "--presegmented",
        "--src-lang",
        "de",
        "--tgt-lang",
        "fr",
        "--format",
        "beads",
        de.to_str().unwrap(),
        fr.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (mut next_src, mut next_tgt) = (0, 0);
    for line in text.lines() {
        let (ids, score) = line.rsplit_once(':').unwrap();
        let score: f64 = score.parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "{line}");
        let link = wasl::eval::Link::parse(ids).unwrap().unwrap();
        for &i in &link.src {
            assert_eq!(i, next_src, "{text}");
            next_src += 1;
        }
        for &j in &link.tgt {
            assert_eq!(j, next_tgt, "{text}");
            next_tgt += 1;
        }
    }
    assert_eq!((next_src, next_tgt), (4, 5));
    // The last German sentence is translated by the last two French ones.
    assert!(
        text.lines().last().unwrap().starts_with("[3]:[3, 4]:"),
        "{text}"
    );
}

/// `--batch`: every NAME.src/NAME.tgt pair of a folder, one output each.
#[test]
fn batch_aligns_every_pair_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    fs::create_dir(&input).unwrap();
    let text = fs::read_to_string("data/003_18ef8cb601dfb36a.txt").unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for (name, range) in [("first", 0..9), ("second", 9..18)] {
        let ar: Vec<&str> = lines[range.clone()].to_vec();
        let en: Vec<&str> = lines[18 + range.start..18 + range.end].to_vec();
        fs::write(input.join(format!("{name}.ar")), ar.join("\n")).unwrap();
        fs::write(input.join(format!("{name}.en")), en.join("\n")).unwrap();
    }
    fs::write(input.join("orphan.ar"), "نص بلا ترجمة.").unwrap();
    let out_dir = dir.path().join("out");
    let out = wasl(&[
        "align",
        "--batch",
        input.to_str().unwrap(),
        "--format",
        "csv",
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    // A file without its partner is reported, and the exit status says
    // that not every pair was aligned (issue 14).
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("orphan.ar") && err.contains("skipped"),
        "{err}"
    );
    for (name, paragraphs) in [("first", 9), ("second", 9)] {
        let rows = csv_rows(&fs::read_to_string(out_dir.join(format!("{name}.csv"))).unwrap());
        assert_eq!(rows.len(), paragraphs, "{name}");
        assert!(rows.iter().all(|r| &r[0] == name));
    }
    assert!(!Path::new(&out_dir.join("orphan.csv")).exists());
}

/// A 10 000-sentence workload drawn from the bilingual sample (the
/// generator of the benchmarks), long enough for the search to cut it into
/// spans searched in parallel: the output must be the same byte for byte
/// on one core and on three.
#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let w = workload::build(&workload::Pool::sample(), 10_000, 1, Default::default());
    let dir = tempfile::tempdir().unwrap();
    let (src_path, tgt_path) = (dir.path().join("long.ar"), dir.path().join("long.en"));
    fs::write(&src_path, w.src_raw()).unwrap();
    fs::write(&tgt_path, w.tgt_raw()).unwrap();
    let run = |threads: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "align",
                "--src-lang",
                "ar",
                "--tgt-lang",
                "en",
                "--format",
                "beads",
            ])
            .arg(&src_path)
            .arg(&tgt_path)
            .output()
            .expect("run wasl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run("1");
    assert!(one.lines().count() > 8_000, "{} beads", one.lines().count());
    assert_eq!(run("3"), one);
}

/// Paragraph marks in presegmented input: a line that begins with white
/// space continues the paragraph of the line before. The fixture is
/// `data/003…`'s 18 translated paragraph pairs, grouped into paragraphs of
/// 3, 1, 2, 3, 1, 2… pairs. The Arabic side has one paragraph per line; the
/// English side one sentence per line, each paragraph's later sentences
/// indented. Each Arabic line must pair with exactly the English lines of
/// its paragraph. The same English lines without the indentation are a
/// control: from length and words alone the grouping is ambiguous (several
/// Arabic paragraphs translate into a run of English sentences of similar
/// lengths), so the control must not come out right, or the fixture no
/// longer tests the marks.
#[test]
fn indented_lines_continue_a_paragraph_in_presegmented_input() {
    let text = fs::read_to_string("data/003_18ef8cb601dfb36a.txt").unwrap();
    let paras: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let (ar, en) = paras.split_at(18);
    let (mut src, mut tgt, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let mut k = 0;
    for size in [3, 1, 2].into_iter().cycle() {
        if k >= ar.len() {
            break;
        }
        let group = k..(k + size).min(ar.len());
        k = group.end;
        src.push(
            ar[group.clone()]
                .iter()
                .map(|p| p.trim())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let first = tgt.len();
        for p in &en[group] {
            let p = p.trim();
            let whole = 0..p.len();
            let side = wasl::Side::segment(wasl::Lang::new("en"), p, std::slice::from_ref(&whole));
            for s in side.texts() {
                let indent = if tgt.len() > first { " " } else { "" };
                tgt.push(format!("{indent}{s}"));
            }
        }
        gold.push(format!(
            "[{}]:{:?}",
            src.len() - 1,
            (first..tgt.len()).collect::<Vec<_>>()
        ));
    }
    assert!(
        tgt.len() > src.len() + 6,
        "the fixture has many-to-one beads"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str, lines: &[String]| {
        let p = dir.path().join(name);
        fs::write(&p, lines.join("\n") + "\n").unwrap();
        p.to_str().unwrap().to_string()
    };
    let ar_file = path("doc.ar", &src);
    let beads = |en_file: &str| {
        let out = wasl(&[
            "align",
            "--presegmented",
            "--src-lang",
            "ar",
            "--tgt-lang",
            "en",
            "--format",
            "beads",
            &ar_file,
            en_file,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| l.rsplit_once(':').unwrap().0.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(beads(&path("marked.en", &tgt)), gold);
    let plain: Vec<String> = tgt.iter().map(|l| l.trim().to_string()).collect();
    assert_ne!(beads(&path("plain.en", &plain)), gold, "control");
}

/// A long document whose content returns every 200 sentences (words
/// shuffled each time, the source an Arabic-script image of the target
/// with words dropped and doubled, and merges, splits, omissions and
/// insertions): a copy one period away looks as good as the right one to
/// every bead, and a coarse level that could skip a block of sentences for
/// the price of one used to follow such a copy for most of the document
/// (strict F1 0.27 at 20 000 sentences). The alignment must stay on the
/// copy it belongs to.
#[test]
fn content_that_repeats_does_not_pull_the_path_off_its_copy() {
    let periodic = workload::Periodic {
        period: 200,
        ..Default::default()
    };
    let w = workload::periodic(&workload::Pool::sample(), 20_000, 7, periodic);
    let dir = tempfile::tempdir().unwrap();
    let (src_path, tgt_path) = (dir.path().join("rep.ar"), dir.path().join("rep.en"));
    fs::write(&src_path, w.src_lines()).unwrap();
    fs::write(&tgt_path, w.tgt_lines()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(["align", "--presegmented", "--format", "beads"])
        .arg(&src_path)
        .arg(&tgt_path)
        .output()
        .expect("run wasl");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let test = wasl::eval::parse_links(&String::from_utf8(out.stdout).unwrap(), &src_path)
        .expect("wasl writes beads it can read back");
    let gold = wasl::eval::parse_links(&w.gold_beads(), &src_path).unwrap();
    let scores = wasl::eval::score_documents(&[(gold, test)]);
    assert!(
        scores.strict.f1 > 0.98,
        "strict F1 {} on a 20 000-sentence document with a period of 200",
        scores.strict.f1
    );
}

const SAMPLE: &str = "data/003_18ef8cb601dfb36a.txt";

/// `--decode posterior` writes a path covering every sentence once, with
/// scores that are probabilities; on the sample, where the model is sure
/// of nearly every bead, it is the most probable path too.
#[test]
fn posterior_decoding_covers_every_sentence_and_agrees_where_sure() {
    let run = |decode: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
            .args(["align", "-f", "beads", "--decode", decode, SAMPLE])
            .output()
            .expect("run wasl");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let (viterbi, posterior) = (run("viterbi"), run("posterior"));
    let links = wasl::eval::parse_links(&posterior, Path::new(SAMPLE)).unwrap();
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for l in &links {
        src.extend(l.src.iter().copied());
        tgt.extend(l.tgt.iter().copied());
    }
    assert_eq!(src, (0..src.len()).collect::<Vec<_>>());
    assert_eq!(tgt, (0..tgt.len()).collect::<Vec<_>>());
    for line in posterior.lines() {
        let score: f64 = line.rsplit(':').next().unwrap().parse().unwrap();
        assert!((0.0..=1.0).contains(&score), "{line}");
    }
    assert_eq!(posterior, viterbi);
    let bad = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(["align", "--decode", "best", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("viterbi"));
}
