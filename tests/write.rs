//! Output formats through the real binary on real data.
//!
//! Each format is written by `wasl align`, parsed back with an independent
//! reader (the csv crate, serde_json, a small XML reader below) and checked
//! for what SPEC.md promises: every sentence of both sides once and in order
//! (TMX and line-aligned text: every pair with text on both sides, in order),
//! a header, scores in [0, 1], and no file left behind by a failed run.
//!
//! The aligner is still a placeholder, so nothing here pins which sentences
//! pair up: sentence ids and texts come from `wasl segment`, and the checks
//! hold for any alignment.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");
/// A sample document with no English section.
const ARABIC_ONLY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/000_f6d2bda94287a3c5.txt");

fn wasl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasl"))
        .args(args)
        .output()
        .expect("the wasl binary runs")
}

/// Runs wasl, requires success, returns standard output.
fn wasl_ok(args: &[&str]) -> String {
    let out = wasl(args);
    assert!(
        out.status.success(),
        "wasl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// The sentences of one side of `doc`, as `wasl segment` cuts them.
fn sentences(doc: &str, section: &str) -> Vec<String> {
    wasl_ok(&["segment", "--section", section, doc])
        .lines()
        .map(str::to_string)
        .collect()
}

/// One bead as read back from any format.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    src_ids: Vec<usize>,
    tgt_ids: Vec<usize>,
    src: String,
    tgt: String,
    score: f64,
}

fn join(sentences: &[String], ids: &[usize]) -> String {
    ids.iter()
        .map(|&i| sentences[i].as_str())
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every sentence once and in order, texts as segmented, scores in [0, 1].
fn check_all_beads(rows: &[Row], src: &[String], tgt: &[String], what: &str) {
    let src_ids: Vec<usize> = rows.iter().flat_map(|r| r.src_ids.clone()).collect();
    let tgt_ids: Vec<usize> = rows.iter().flat_map(|r| r.tgt_ids.clone()).collect();
    assert_eq!(
        src_ids,
        (0..src.len()).collect::<Vec<_>>(),
        "{what}: source ids"
    );
    assert_eq!(
        tgt_ids,
        (0..tgt.len()).collect::<Vec<_>>(),
        "{what}: target ids"
    );
    check_texts_and_scores(rows, src, tgt, what);
}

fn check_texts_and_scores(rows: &[Row], src: &[String], tgt: &[String], what: &str) {
    for r in rows {
        assert_eq!(r.src, join(src, &r.src_ids), "{what}: source text of {r:?}");
        assert_eq!(r.tgt, join(tgt, &r.tgt_ids), "{what}: target text of {r:?}");
        assert!((0.0..=1.0).contains(&r.score), "{what}: score of {r:?}");
    }
}

fn ids(field: &str) -> Vec<usize> {
    field
        .split_whitespace()
        .map(|i| i.parse().expect("an id is a number"))
        .collect()
}

fn read_csv(text: &str) -> Vec<Row> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().expect("a header row"),
        vec!["doc_id", "src_ids", "tgt_ids", "src_text", "tgt_text", "score", "bead"]
    );
    r.records()
        .map(|rec| {
            let rec = rec.expect("a valid CSV record");
            let row = Row {
                src_ids: ids(&rec[1]),
                tgt_ids: ids(&rec[2]),
                src: rec[3].to_string(),
                tgt: rec[4].to_string(),
                score: rec[5].parse().expect("score is a number"),
            };
            assert_eq!(
                &rec[6],
                format!("{}-{}", row.src_ids.len(), row.tgt_ids.len()),
                "bead type"
            );
            assert_eq!(
                rec[5].split('.').nth(1).map(str::len),
                Some(4),
                "4 decimals"
            );
            row
        })
        .collect()
}

fn read_jsonl(text: &str) -> Vec<Row> {
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("a JSON object a line");
            let ids = |k: &str| -> Vec<usize> {
                v[k].as_array()
                    .expect("ids are an array")
                    .iter()
                    .map(|i| i.as_u64().expect("an id is a number") as usize)
                    .collect()
            };
            let row = Row {
                src_ids: ids("src_ids"),
                tgt_ids: ids("tgt_ids"),
                src: v["src"].as_str().expect("src").to_string(),
                tgt: v["tgt"].as_str().expect("tgt").to_string(),
                score: v["score"].as_f64().expect("score"),
            };
            assert!(v["doc"].is_string(), "doc id");
            assert_eq!(
                v["bead"],
                format!("{}-{}", row.src_ids.len(), row.tgt_ids.len())
            );
            row
        })
        .collect()
}

/// `[3, 4]:[2]:0.9731` lines; texts are filled in from the sentences.
fn read_beads(text: &str, src: &[String], tgt: &[String]) -> Vec<Row> {
    text.lines()
        .map(|line| {
            let mut parts = line.splitn(3, ':');
            let mut side = || -> Vec<usize> {
                let f = parts.next().expect("a bead has two sides");
                let inner = f
                    .strip_prefix('[')
                    .and_then(|f| f.strip_suffix(']'))
                    .expect("ids in brackets");
                inner
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(|i| i.parse().expect("an id is a number"))
                    .collect()
            };
            let (src_ids, tgt_ids) = (side(), side());
            let score = parts.next().expect("a score").parse().expect("a number");
            Row {
                src: join(src, &src_ids),
                tgt: join(tgt, &tgt_ids),
                src_ids,
                tgt_ids,
                score,
            }
        })
        .collect()
}

/// A small reader for wasl's TMX: enough to check structure and get the
/// units back, independent of the writer's code.
mod tmx {
    /// The text between `open` and `close` after `from`, and where it ends.
    fn between<'a>(s: &'a str, open: &str, close: &str, from: usize) -> Option<(&'a str, usize)> {
        let start = s[from..].find(open)? + from + open.len();
        let end = s[start..].find(close)? + start;
        Some((&s[start..end], end + close.len()))
    }

    /// Resolves the five entities and character references; panics on a
    /// raw `<` or `&` that would make the XML ill-formed.
    pub fn unescape(s: &str) -> String {
        assert!(!s.contains('<'), "raw < in text: {s:?}");
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('&') {
            out.push_str(&rest[..i]);
            let end = rest[i..].find(';').expect("an entity ends with ;") + i;
            let ent = &rest[i + 1..end];
            match ent {
                "amp" => out.push('&'),
                "lt" => out.push('<'),
                "gt" => out.push('>'),
                "quot" => out.push('"'),
                "apos" => out.push('\''),
                _ => {
                    let code = match ent.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16),
                        None => ent.strip_prefix('#').expect("known entity").parse(),
                    }
                    .expect("a character reference");
                    out.push(char::from_u32(code).expect("a character"));
                }
            }
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    pub struct Unit {
        pub tuid: String,
        pub props: Vec<(String, String)>,
        pub tuvs: Vec<(String, String)>,
    }

    impl Unit {
        pub fn prop(&self, kind: &str) -> &str {
            &self
                .props
                .iter()
                .find(|(k, _)| k == kind)
                .unwrap_or_else(|| panic!("prop {kind} in {}", self.tuid))
                .1
        }
    }

    /// Checks the prologue and header; returns the header's srclang and the
    /// units.
    pub fn read(xml: &str) -> (String, Vec<Unit>) {
        assert!(xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
        ));
        assert!(xml.trim_end().ends_with("</body>\n</tmx>"));
        let (header, _) = between(xml, "<header ", "/>", 0).expect("a header");
        for attr in [
            "creationtool=\"wasl\"",
            "creationtoolversion=\"",
            "segtype=\"sentence\"",
            "o-tmf=\"",
            "adminlang=\"",
            "datatype=\"plaintext\"",
        ] {
            assert!(header.contains(attr), "header has {attr}: {header}");
        }
        let (srclang, _) = between(header, "srclang=\"", "\"", 0).expect("srclang");
        let mut units = Vec::new();
        let mut at = 0;
        while let Some((tu, next)) = between(xml, "<tu ", "</tu>", at) {
            at = next;
            let (tuid, _) = between(tu, "tuid=\"", "\"", 0).expect("a tuid");
            let mut props = Vec::new();
            let mut p = 0;
            while let Some((prop, next)) = between(tu, "<prop type=\"", "</prop>", p) {
                p = next;
                let (kind, value) = prop.split_once("\">").expect("prop type");
                props.push((kind.to_string(), unescape(value)));
            }
            // The DTD wants every prop before the first tuv.
            if let (Some(last_prop), Some(first_tuv)) = (tu.rfind("</prop>"), tu.find("<tuv")) {
                assert!(last_prop < first_tuv, "props before tuvs in {tuid}");
            }
            let mut tuvs = Vec::new();
            let mut t = 0;
            while let Some((tuv, next)) = between(tu, "<tuv xml:lang=\"", "</tuv>", t) {
                t = next;
                let (lang, seg) = tuv.split_once("\">").expect("tuv lang");
                let seg = seg
                    .strip_prefix("<seg>")
                    .and_then(|s| s.strip_suffix("</seg>"))
                    .expect("a seg");
                tuvs.push((lang.to_string(), unescape(seg)));
            }
            units.push(Unit {
                tuid: unescape(tuid),
                props,
                tuvs,
            });
        }
        (srclang.to_string(), units)
    }
}

/// Drops what XML 1.0 cannot hold, as the TMX writer must.
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

fn tmx_rows(xml: &str, src_lang: &str, tgt_lang: &str) -> Vec<Row> {
    let (srclang, units) = tmx::read(xml);
    assert_eq!(srclang, src_lang);
    units
        .iter()
        .map(|u| {
            assert_eq!(u.tuvs.len(), 2, "two tuvs in {}", u.tuid);
            assert_eq!(u.tuvs[0].0, src_lang);
            assert_eq!(u.tuvs[1].0, tgt_lang);
            let row = Row {
                src_ids: ids(u.prop("x-src-ids")),
                tgt_ids: ids(u.prop("x-tgt-ids")),
                src: u.tuvs[0].1.clone(),
                tgt: u.tuvs[1].1.clone(),
                score: u.prop("x-score").parse().expect("x-score is a number"),
            };
            assert!(u.tuid.starts_with(u.prop("x-doc")), "tuid {}", u.tuid);
            assert_eq!(
                u.prop("x-bead"),
                format!("{}-{}", row.src_ids.len(), row.tgt_ids.len())
            );
            row
        })
        .collect()
}

/// The beads with text on both sides, which TMX and text formats hold.
fn pairs(rows: &[Row]) -> Vec<Row> {
    rows.iter()
        .filter(|r| !r.src.trim().is_empty() && !r.tgt.trim().is_empty())
        .cloned()
        .collect()
}

fn xml_clean(rows: &[Row]) -> Vec<Row> {
    rows.iter()
        .map(|r| Row {
            src: xml_chars(&r.src),
            tgt: xml_chars(&r.tgt),
            ..r.clone()
        })
        .collect()
}

#[test]
fn every_format_holds_every_sentence_once_in_order() {
    let src = sentences(DOC, "ar");
    let tgt = sentences(DOC, "en");
    assert!(src.len() > 5 && tgt.len() > 5, "the sample has both sides");

    let csv = read_csv(&wasl_ok(&["align", DOC, "--format", "csv"]));
    check_all_beads(&csv, &src, &tgt, "csv");

    let jsonl = read_jsonl(&wasl_ok(&["align", DOC, "--format", "jsonl"]));
    check_all_beads(&jsonl, &src, &tgt, "jsonl");
    assert_eq!(jsonl, csv, "JSONL and CSV hold the same beads");

    let beads = read_beads(&wasl_ok(&["align", DOC, "--format", "beads"]), &src, &tgt);
    check_all_beads(&beads, &src, &tgt, "beads");
    assert_eq!(beads, csv, "beads and CSV hold the same beads");

    let tmx = tmx_rows(&wasl_ok(&["align", DOC, "--format", "tmx"]), "ar", "en");
    check_texts_and_scores(&tmx, &src, &tgt, "tmx");
    assert_eq!(
        tmx,
        pairs(&csv),
        "TMX holds the CSV's two-sided beads, in order"
    );
}

#[test]
fn text_format_writes_line_aligned_files() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("out");
    wasl_ok(&["align", DOC, "--format", "text", "-o", path_str(&prefix)]);
    let ar = fs::read_to_string(dir.path().join("out.ar")).expect("out.ar written");
    let en = fs::read_to_string(dir.path().join("out.en")).expect("out.en written");
    let csv = read_csv(&wasl_ok(&["align", DOC]));
    let want = pairs(&csv);
    assert_eq!(
        ar.lines().collect::<Vec<_>>(),
        want.iter().map(|r| r.src.as_str()).collect::<Vec<_>>()
    );
    assert_eq!(
        en.lines().collect::<Vec<_>>(),
        want.iter().map(|r| r.tgt.as_str()).collect::<Vec<_>>()
    );
    assert!(ar.ends_with('\n') && en.ends_with('\n'));
    let mut names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["out.ar", "out.en"], "no temporary file is left");
}

#[test]
fn file_output_is_the_same_as_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "tmx", "beads", "jsonl"] {
        let path = dir.path().join(format!("out.{format}"));
        // The format follows the extension.
        wasl_ok(&["align", DOC, "-o", path_str(&path)]);
        let file = fs::read_to_string(&path).unwrap();
        assert_eq!(
            file,
            wasl_ok(&["align", DOC, "--format", format]),
            "{format}"
        );
    }
}

/// Writes a presegmented pair full of characters that break naive writers.
fn nasty_pair(dir: &Path) -> (PathBuf, PathBuf) {
    let ar = [
        "قال: \"نعم\" & <لا> 'ربما'، ثم ذهب.",
        "\u{200F}عمود\tعمود, مع فاصلة\u{200F}",
        "تحكم\u{1}\u{7}\u{1b} هنا\u{7f}\u{85} وفصل\u{2028}سطر",
        "",
        "\u{202B}نص مضمن\u{202C} ]]> <!-- --> &amp; \u{FFFE}\u{FFFF}",
        "سطر\u{b}مع جدولة\u{c}عمودية",
        "=SUM(A1) \"اقتباس, بفاصلة\"",
    ];
    let en = [
        "He said: \"yes\" & <no> 'maybe', then left.",
        "col\tcol, with a comma",
        "control\u{1}\u{7}\u{1b} here\u{7f}\u{85} and line\u{2028}break",
        "A line facing a blank one.",
        "\u{202A}embedded\u{202C} ]]> <!-- --> &amp; \u{FFFE}",
        "line\u{b}with a vertical\u{c}tab (a CR ends a line)",
        "=SUM(A1) \"quote, with comma\"",
        "One more, with no counterpart.",
    ];
    let (a, e) = (dir.join("nasty.ar"), dir.join("nasty.en"));
    fs::write(&a, ar.join("\n") + "\n").unwrap();
    fs::write(&e, en.join("\n") + "\n").unwrap();
    (a, e)
}

#[test]
fn any_text_gives_valid_output_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (a, e) = nasty_pair(dir.path());
    let (a, e) = (path_str(&a), path_str(&e));
    let lines = |p: &str| -> Vec<String> {
        let text = fs::read_to_string(p).unwrap();
        text.strip_suffix('\n')
            .unwrap()
            .split('\n')
            .map(|l| l.trim().to_string())
            .collect()
    };
    let (src, tgt) = (lines(a), lines(e));
    let align = |format: &str| wasl_ok(&["align", "--presegmented", a, e, "--format", format]);

    let csv = read_csv(&align("csv"));
    check_all_beads(&csv, &src, &tgt, "csv");
    let jsonl = read_jsonl(&align("jsonl"));
    assert_eq!(jsonl, csv);
    let beads = read_beads(&align("beads"), &src, &tgt);
    assert_eq!(beads, csv);

    let xml = align("tmx");
    assert_eq!(xml_chars(&xml), xml, "no character XML forbids");
    let tmx = tmx_rows(&xml, "ar", "en");
    assert_eq!(tmx, xml_clean(&pairs(&csv)));
    // One-sided beads (if the aligner made any) are rows in CSV, not TMX units.
    assert_eq!(
        tmx.len(),
        pairs(&csv).len(),
        "one-sided beads are left out of TMX"
    );

    let prefix = dir.path().join("nasty-out");
    wasl_ok(&[
        "align",
        "--presegmented",
        a,
        e,
        "-f",
        "text",
        "-o",
        path_str(&prefix),
    ]);
    let ar = fs::read_to_string(dir.path().join("nasty-out.ar")).unwrap();
    let en = fs::read_to_string(dir.path().join("nasty-out.en")).unwrap();
    // Python's splitlines is the strictest common line reader.
    let count = |s: &str| {
        s.split([
            '\n', '\r', '\u{b}', '\u{c}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{85}', '\u{2028}',
            '\u{2029}',
        ])
        .count()
            - 1
    };
    assert_eq!(count(&ar), tmx.len());
    assert_eq!(count(&en), tmx.len());
}

/// Lists a directory's entries' names.
fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    v.sort();
    v
}

#[test]
fn output_into_a_missing_directory_fails_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name) in [("csv", "missing/out.csv"), ("text", "missing/out")] {
        let path = dir.path().join(name);
        let out = wasl(&["align", DOC, "-f", format, "-o", path_str(&path)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{format}: exit status");
        assert!(
            err.contains("missing/out"),
            "{format}: message names the file: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        assert!(entries(dir.path()).is_empty(), "{format}: nothing written");
    }
}

#[test]
fn a_failed_run_leaves_existing_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for (format, files) in [
        ("csv", vec!["out.csv"]),
        ("tmx", vec!["out.tmx"]),
        ("jsonl", vec!["out.jsonl"]),
        ("beads", vec!["out.beads"]),
        ("text", vec!["out.ar", "out.en"]),
    ] {
        for f in &files {
            fs::write(dir.path().join(f), "old\n").unwrap();
        }
        let target = match format {
            "text" => dir.path().join("out"),
            _ => dir.path().join(files[0]),
        };
        let out = wasl(&["align", ARABIC_ONLY, "-f", format, "-o", path_str(&target)]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "{format}: an Arabic-only input fails"
        );
        assert!(
            err.contains("000_f6d2bda94287a3c5.txt"),
            "{format}: names the input: {err}"
        );
        for f in &files {
            assert_eq!(
                fs::read_to_string(dir.path().join(f)).unwrap(),
                "old\n",
                "{format}: {f}"
            );
        }
    }
    assert!(
        entries(dir.path()).iter().all(|n| !n.starts_with('.')),
        "no temporary file is left: {:?}",
        entries(dir.path())
    );
}

#[test]
fn a_failed_run_creates_no_output() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "tmx", "text"] {
        let target = dir.path().join("new");
        let out = wasl(&["align", ARABIC_ONLY, "-f", format, "-o", path_str(&target)]);
        assert!(!out.status.success());
    }
    assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
}

/// `-o /dev/null` is how users time a run without keeping its output. A
/// rename over it would turn the device into a regular file (as root), and
/// every later program writing to /dev/null would fill it.
#[cfg(unix)]
#[test]
fn output_to_a_device_is_written_in_place() {
    use std::os::unix::fs::FileTypeExt;
    let out = wasl(&["align", DOC, "-f", "tmx", "-o", "/dev/null"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta = fs::symlink_metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is still a device, not {:?}",
        meta.file_type()
    );
}

/// A symbolic link to the output keeps pointing where it pointed: the file
/// it names gets the new content.
#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_replaces_the_file_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    let link = dir.path().join("link.csv");
    fs::write(&real, "old\n").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let stdout = wasl_ok(&["align", DOC, "-f", "csv"]);
    wasl_ok(&["align", DOC, "-o", path_str(&link)]);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), stdout);
    assert_eq!(entries(dir.path()), ["link.csv", "real.csv"]);
}

#[test]
fn output_onto_a_directory_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    fs::create_dir(&target).unwrap();
    let out = wasl(&["align", DOC, "-o", path_str(&target)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("out.csv") && err.contains("directory"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(entries(dir.path()), ["out.csv"]);
}
