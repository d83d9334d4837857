//! Input as it comes in the wild, through the real binary. Each case is
//! made from the bilingual sample in `data/` and must give the output the
//! clean text gives, or a clear error naming the file and the problem
//! (exit status 2, no output file), never a panic.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{ok, p, refused as fails};

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/003_18ef8cb601dfb36a.txt");

/// The sample's two sections as files `clean.ar` and `clean.en` (one
/// paragraph per sentence), in a fresh directory.
fn sections() -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let ar = ok(&["segment", "--section", "ar", DOC]);
    let en = ok(&["segment", "--section", "en", DOC]);
    fs::write(dir.path().join("clean.ar"), &ar).unwrap();
    fs::write(dir.path().join("clean.en"), &en).unwrap();
    (dir, ar, en)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Bead ids only (`[0]:[0]`), scores cut off.
fn bead_ids(beads: &str) -> Vec<String> {
    beads
        .lines()
        .map(|l| l.rsplit_once(':').unwrap().0.to_string())
        .collect()
}

fn beads(src: &Path, tgt: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["align", "-f", "beads", p(src), p(tgt)];
    args.extend_from_slice(extra);
    bead_ids(&ok(&args))
}

#[test]
fn encodings_and_invisible_characters_do_not_change_the_alignment() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let clean = beads(&d.join("clean.ar"), &d.join("clean.en"), &[]);
    assert!(clean.len() >= 15, "{clean:?}");

    // Presentation forms: isolated letter forms as old PDF exports give.
    let forms = [
        ('ا', '\u{FE8D}'),
        ('ب', '\u{FE8F}'),
        ('ت', '\u{FE95}'),
        ('ل', '\u{FEDD}'),
        ('م', '\u{FEE1}'),
        ('ن', '\u{FEE5}'),
        ('ي', '\u{FEF1}'),
        ('ر', '\u{FEAD}'),
    ];
    let presentation: String = ar
        .chars()
        .map(|c| forms.iter().find(|f| f.0 == c).map_or(c, |f| f.1))
        .collect();
    let cases: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        (
            "BOM",
            [&b"\xef\xbb\xbf"[..], ar.as_bytes()].concat(),
            en.clone().into_bytes(),
        ),
        (
            "CRLF",
            ar.replace('\n', "\r\n").into_bytes(),
            en.replace('\n', "\r\n").into_bytes(),
        ),
        (
            "presentation forms",
            presentation.into_bytes(),
            en.clone().into_bytes(),
        ),
        (
            "tatweel",
            ar.replace("ال", "الــ").into_bytes(),
            en.clone().into_bytes(),
        ),
        (
            "bidi controls",
            ar.lines()
                .map(|l| format!("\u{202B}{l}\u{202C}\u{200F}\n"))
                .collect::<String>()
                .into_bytes(),
            en.lines()
                .map(|l| format!("\u{2066}{l}\u{2069}\u{200E}\n"))
                .collect::<String>()
                .into_bytes(),
        ),
        (
            "stray controls and noncharacters",
            ar.replace('،', "\u{1}،\u{B}")
                .replacen('.', ".\u{FFFE}", 3)
                .into_bytes(),
            en.replace(", ", ",\u{7F} ").into_bytes(),
        ),
    ];
    for (what, a, e) in cases {
        let a = write(d, "case.ar", a);
        let e = write(d, "case.en", e);
        assert_eq!(beads(&a, &e, &[]), clean, "{what}");
    }
}

#[test]
fn lone_carriage_returns_end_lines_too() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let clean = ok(&["segment", p(&d.join("clean.en"))]);
    let cr = write(d, "cr.en", en.replace('\n', "\r"));
    assert_eq!(ok(&["segment", p(&cr)]), clean);
    let ar_cr = write(d, "cr.ar", ar.replace('\n', "\r"));
    assert_eq!(
        beads(&ar_cr, &cr, &[]),
        beads(&d.join("clean.ar"), &d.join("clean.en"), &[])
    );
}

#[test]
fn control_characters_never_reach_a_tmx() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let a = write(
        d,
        "c.ar",
        ar.replace(' ', " \u{1}\u{8}").replace('.', ".\u{FFFF}"),
    );
    let e = write(d, "c.en", en.replace(' ', "\u{C} \u{1F}"));
    let tmx = d.join("out.tmx");
    ok(&["align", p(&a), p(&e), "-o", p(&tmx)]);
    let xml = fs::read_to_string(&tmx).unwrap();
    assert!(xml.matches("<tu ").count() >= 15);
    let bad: Vec<char> = xml
        .chars()
        .filter(|&c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    assert!(bad.is_empty(), "forbidden in XML 1.0: {bad:?}");
}

#[test]
fn broken_bytes_are_errors_naming_file_and_place() {
    let (dir, ar, _) = sections();
    let d = dir.path();
    let en = d.join("clean.en");
    let mut nul = ar.clone().into_bytes();
    nul.insert(100, 0);
    let nul = write(d, "nul.ar", nul);
    let err = fails(&["align", p(&nul), p(&en)]);
    assert!(
        err.contains("nul.ar") && err.contains("NUL byte at byte 100"),
        "{err}"
    );

    let mut bad = ar.clone().into_bytes();
    bad.splice(101..101, [0xff, 0xfe]);
    let bad = write(d, "latin1.ar", bad);
    let err = fails(&["align", p(&bad), p(&en)]);
    assert!(
        err.contains("latin1.ar") && err.contains("invalid UTF-8 at byte 101"),
        "{err}"
    );
    let err = fails(&["segment", p(&bad)]);
    assert!(
        err.contains("latin1.ar") && err.contains("invalid UTF-8"),
        "{err}"
    );

    // A failed run writes no output file.
    let out = d.join("out.tmx");
    fails(&["align", p(&nul), p(&en), "-o", p(&out)]);
    assert!(!out.exists());
}

#[test]
fn empty_and_missing_inputs_are_errors_naming_the_file() {
    let (dir, _, _) = sections();
    let d = dir.path();
    let (ar, en) = (d.join("clean.ar"), d.join("clean.en"));
    let empty = write(d, "empty.ar", "");
    let blank = write(d, "blank.en", " \n\t\r\n\u{200F}\n");
    for args in [
        vec!["align", p(&empty), p(&en)],
        vec!["align", p(&ar), p(&empty)],
        vec!["align", "--presegmented", p(&empty), p(&en)],
        vec!["align", p(&empty)],
    ] {
        let err = fails(&args);
        assert!(
            err.contains("empty.ar") && err.contains("empty"),
            "{args:?}: {err}"
        );
    }
    let err = fails(&["align", p(&ar), p(&blank)]);
    assert!(err.contains("blank.en") && err.contains("empty"), "{err}");
    let err = fails(&["align", p(d), p(&en)]);
    assert!(err.contains(p(d)) && err.contains("directory"), "{err}");
    let missing = d.join("missing.ar");
    let err = fails(&["align", p(&missing), p(&en)]);
    assert!(
        err.contains("missing.ar") && err.contains("No such file"),
        "{err}"
    );
}

#[test]
fn one_sentence_against_ten_thousand_keeps_every_sentence_in_order() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let one = write(d, "one.ar", format!("{}\n", ar.lines().next().unwrap()));
    let en_lines: Vec<&str> = en.lines().collect();
    let many: String = (0..10_000)
        .map(|i| format!("{}\n", en_lines[i % en_lines.len()]))
        .collect();
    let many = write(d, "many.en", many);
    for (a, b, n, m) in [(&one, &many, 1, 10_000), (&many, &one, 10_000, 1)] {
        let out = ok(&[
            "align",
            "--presegmented",
            "-f",
            "beads",
            "--src-lang",
            "en",
            "--tgt-lang",
            "en",
            // One Arabic sentence declared English, both ways round: this
            // test is about sizes, not languages.
            "--force",
            p(a),
            p(b),
        ]);
        let (mut src, mut tgt) = (Vec::new(), Vec::new());
        for line in out.lines() {
            let mut parts = line.split(':');
            let ids = |s: &str| -> Vec<usize> {
                s.trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .filter(|x| !x.trim().is_empty())
                    .map(|x| x.trim().parse().unwrap())
                    .collect()
            };
            src.extend(ids(parts.next().unwrap()));
            tgt.extend(ids(parts.next().unwrap()));
        }
        assert_eq!(src, (0..n).collect::<Vec<_>>());
        assert_eq!(tgt, (0..m).collect::<Vec<_>>());
    }
}

#[test]
fn a_sentence_of_megabytes_is_aligned_not_choked_on() {
    let (dir, _, _) = sections();
    let d = dir.path();
    // Two megabytes without a full stop, against a normal text.
    let words = ["كلمة", "نص", "باب", "2024", "CNN"];
    let huge: String = (0..400_000)
        .map(|i| words[i % words.len()])
        .collect::<Vec<_>>()
        .join(" ");
    let huge = write(d, "huge.ar", huge);
    let out = ok(&["align", "-f", "beads", p(&huge), p(&d.join("clean.en"))]);
    let ids = bead_ids(&out);
    assert!(
        ids.iter().filter(|b| b.starts_with("[0")).count() == 1,
        "{ids:?}"
    );
    assert_eq!(ok(&["segment", p(&huge)]).lines().count(), 1);
}

/// 50 MB on one line: the size the issue names. Ignored by plain `cargo
/// test` (it takes a while in a debug build); `.ci/run` runs it.
#[test]
#[ignore = "50 MB input; run by .ci/run"]
fn a_fifty_megabyte_line_is_segmented_and_aligned() {
    let (dir, ar, en) = sections();
    let d = dir.path();
    let one_line = en.replace('\n', " ");
    let big: String = one_line.repeat(50_000_000 / one_line.len() + 1);
    let big_path = write(d, "big.en", &big);
    let sentences = ok(&["segment", p(&big_path)]);
    assert!(sentences.lines().count() > 100_000);
    // The sentences are the text: nothing lost, nothing added.
    assert!(
        sentences.split_whitespace().eq(big.split_whitespace()),
        "the sentences hold every word of the line, in order"
    );
    // And one 50 MB sentence (no full stop at all) against a document.
    let nostop = write(
        d,
        "nostop.ar",
        ar.replace(['.', '\n'], " ")
            .repeat(50_000_000 / ar.len() + 1),
    );
    let out = ok(&["align", "-f", "beads", p(&nostop), p(&d.join("clean.en"))]);
    assert!(out.lines().count() >= en.lines().count());
}
