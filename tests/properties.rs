//! Property tests and a fuzzer over the whole library: reader, section
//! splitter, segmenter, aligner and writers.
//!
//! For random documents (sentences mixing Arabic, Latin, digits,
//! punctuation, white space, bidi marks, control characters and
//! noncharacters), the aligner's beads cover both sides in order without
//! crossing, and every sentence comes out of the writers exactly once, in
//! order. `PROPTEST_CASES` scales the number of cases (default 256).
//!
//! The fuzzer (`fuzz_*`, ignored by plain `cargo test`) feeds arbitrary
//! bytes through every stage for `WASL_FUZZ_SECONDS` (default 20) seconds:
//! each stage must return a value or a typed error, never panic. cargo-fuzz
//! needs a nightly toolchain; this runs on stable and in CI.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use wasl::input::{lines, split_sections};
use wasl::write::{write_docs, AlignedDoc, Format};
use wasl::{Aligner, Alignment, Document, Lang, Side};

/// Characters documents are drawn from: mostly ordinary text, with the
/// characters that break naive code mixed in.
const ALPHABET: &[char] = &[
    'a', 'b', 'e', 'n', 's', 't', 'T', 'M', 'U', 'S', ' ', ' ', ' ', '.', '.', '?', '!', ',', ';',
    ':', '"', '\'', '(', ')', '1', '2', '9', '٣', '٤', '۵', '،', '؟', '؛', '«', '»', 'ا', 'ل', 'م',
    'ن', 'ي', 'و', 'ب', 'ة', 'د', 'ق', '\u{64E}', '\u{640}', '\u{FEFB}', '\u{FE8D}', '…', '\n',
    '\r', '\t', '\u{2029}', '\u{200F}', '\u{202B}', '\u{202C}', '\u{200B}', '\u{FEFF}', '\u{1}',
    '\u{B}', '\u{7F}', '\u{FFFE}', '\u{FFFF}', '\u{0}', 'é', 'ß', '中', '😀', '\u{301}',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

/// The beads cover `0..n` and `0..m` contiguously, in order, never both
/// sides empty, scores in [0, 1].
fn check_beads(al: &Alignment, n: usize, m: usize) -> Result<(), TestCaseError> {
    let (mut i, mut j) = (0, 0);
    for b in &al.beads {
        prop_assert_eq!(b.src.start, i, "source continues where it stopped");
        prop_assert_eq!(b.tgt.start, j, "target continues where it stopped");
        prop_assert!(!(b.src.is_empty() && b.tgt.is_empty()), "empty bead");
        prop_assert!((0.0..=1.0).contains(&b.score), "score {}", b.score);
        (i, j) = (b.src.end, b.tgt.end);
    }
    prop_assert_eq!((i, j), (n, m), "every sentence of both sides");
    Ok(())
}

/// Writes `doc` as JSON Lines and checks every sentence id comes back once,
/// in order, with its text.
fn check_written(doc: &AlignedDoc) -> Result<(), TestCaseError> {
    let mut out = Vec::new();
    write_docs(Format::Jsonl, &[*doc], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let ids = |k: &str| -> Vec<usize> {
            v[k].as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as usize)
                .collect()
        };
        let (s, t) = (ids("src_ids"), ids("tgt_ids"));
        // The bead's text is its sentences' texts, blank ones left out.
        let joined = |side: &Side, ids: &[usize]| {
            ids.iter()
                .map(|&i| side.sentence(i))
                .filter(|x| !x.trim().is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        prop_assert_eq!(v["src"].as_str().unwrap(), joined(doc.src, &s));
        prop_assert_eq!(v["tgt"].as_str().unwrap(), joined(doc.tgt, &t));
        src.extend(s);
        tgt.extend(t);
    }
    prop_assert_eq!(src, (0..doc.src.len()).collect::<Vec<_>>());
    prop_assert_eq!(tgt, (0..doc.tgt.len()).collect::<Vec<_>>());
    Ok(())
}

fn align_and_check(src: &Side, tgt: &Side) -> Result<(), TestCaseError> {
    let al = Aligner::default().align(src, tgt);
    check_beads(&al, src.len(), tgt.len())?;
    check_written(&AlignedDoc {
        id: "random",
        src,
        tgt,
        alignment: &al,
    })
}

proptest! {
    /// Raw text on both sides, segmented by the Arabic and English rules.
    #[test]
    fn raw_documents_keep_every_sentence_once_and_in_order(
        a in text(300),
        b in text(300),
    ) {
        let src_doc = Document::from_text("a", a);
        let tgt_doc = Document::from_text("b", b);
        let src = Side::segment(Lang::ar(), &src_doc.text, &src_doc.paragraphs());
        let tgt = Side::segment(Lang::en(), &tgt_doc.text, &tgt_doc.paragraphs());
        align_and_check(&src, &tgt)?;
    }

    /// Presegmented sides: line N is sentence N, blank lines included, and
    /// very unequal lengths (up to 1 line against 120).
    #[test]
    fn presegmented_documents_keep_every_line_once_and_in_order(
        a in proptest::collection::vec(text(40), 0..8),
        b in proptest::collection::vec(text(40), 0..120),
        src_lang in proptest::sample::select(vec!["ar", "de", "en"]),
    ) {
        let a: Vec<String> = a.iter().map(|s| s.replace(['\n', '\r'], " ")).collect();
        let b: Vec<String> = b.iter().map(|s| s.replace(['\n', '\r'], " ")).collect();
        let (a, b) = (a.join("\n"), b.join("\n"));
        let src = Side::presegmented(Lang::new(src_lang), &a);
        let tgt = Side::presegmented(Lang::en(), &b);
        prop_assert_eq!(src.len(), lines(&a).len());
        align_and_check(&src, &tgt)?;
    }

    /// A bilingual file: when sections are found, each paragraph goes to
    /// exactly one side.
    #[test]
    fn sections_split_every_paragraph_to_one_side(t in text(400)) {
        let doc = Document::from_text("bi", t);
        if let Ok(sections) = split_sections(&doc, &Lang::ar(), &Lang::en()) {
            let mut all: Vec<_> = sections.source.iter().chain(&sections.target).cloned().collect();
            all.sort_by_key(|r| r.start);
            prop_assert_eq!(all, doc.paragraphs());
        }
    }
}

/// Runs `body` on random byte strings for the configured time; returns how
/// many cases ran.
fn fuzz(name: &str, body: impl Fn(&[u8])) -> usize {
    let seconds = std::env::var("WASL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let seed = std::env::var("WASL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    eprintln!("{name}: seed {seed} (WASL_FUZZ_SEED={seed} repeats this run)");
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes),
    );
    // Half the cases: bytes drawn from text-like pieces (UTF-8 of the
    // alphabet); half: any bytes at all.
    let pieces: Vec<Vec<u8>> = ALPHABET
        .iter()
        .map(|c| c.to_string().into_bytes())
        .chain([
            vec![0xff],
            vec![0xc3],
            vec![0xe2, 0x80],
            vec![0xed, 0xa0, 0x80],
        ])
        .collect();
    let texty = proptest::collection::vec(proptest::sample::select(pieces), 0..400)
        .prop_map(|v| v.concat());
    let raw = proptest::collection::vec(any::<u8>(), 0..400);
    let strategy = prop_oneof![texty, raw];
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut cases = 0;
    while Instant::now() < deadline {
        let bytes = strategy.new_tree(&mut runner).unwrap().current();
        body(&bytes);
        cases += 1;
    }
    eprintln!("{name}: {cases} cases in {seconds} s, no panic");
    cases
}

/// Every stage on arbitrary bytes: reading (UTF-8, NUL checks), section
/// splitting, segmenting, aligning (the bytes cut in two as the two sides),
/// and writing every format.
#[test]
#[ignore = "runs for WASL_FUZZ_SECONDS (default 20); run by .ci/run"]
fn fuzz_reader_segmenter_aligner_writers() {
    let cases = fuzz("fuzz", |bytes| {
        // Bytes the reader rejects (invalid UTF-8, NUL) still go through
        // the later stages, repaired, so every case exercises all of them.
        let doc = match Document::from_bytes("fuzz.txt", bytes.to_vec()) {
            Ok(doc) => doc,
            Err(e) => {
                assert!(e.to_string().starts_with("fuzz.txt: "), "{e}");
                let text = String::from_utf8_lossy(bytes).replace('\0', "");
                Document::from_text("fuzz", text)
            }
        };
        if let Ok(sections) = split_sections(&doc, &Lang::ar(), &Lang::en()) {
            let src = Side::segment(Lang::ar(), &doc.text, &sections.source);
            let tgt = Side::segment(Lang::en(), &doc.text, &sections.target);
            let al = Aligner::default().align(&src, &tgt);
            check_beads(&al, src.len(), tgt.len()).unwrap();
        }
        let cut = (0..=doc.text.len() / 2)
            .rev()
            .find(|&i| doc.text.is_char_boundary(i))
            .unwrap_or(0);
        let (a, b) = doc.text.split_at(cut);
        for pre in [false, true] {
            let side = |lang: Lang, t| {
                if pre {
                    Side::presegmented(lang, t)
                } else {
                    Side::segment(lang, t, &wasl::input::paragraphs(t))
                }
            };
            let (src, tgt) = (side(Lang::ar(), a), side(Lang::en(), b));
            let al = Aligner::default().align(&src, &tgt);
            check_beads(&al, src.len(), tgt.len()).unwrap();
            let doc = AlignedDoc {
                id: "fuzz",
                src: &src,
                tgt: &tgt,
                alignment: &al,
            };
            for format in [Format::Csv, Format::Tmx, Format::Beads, Format::Jsonl] {
                let mut out = Vec::new();
                write_docs(format, &[doc], &mut out).unwrap();
                let out = String::from_utf8(out).expect("output is UTF-8");
                if format == Format::Tmx {
                    assert!(
                        !out.chars().any(|c| matches!(c,
                            '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}'
                            | '\u{FFFE}' | '\u{FFFF}')),
                        "a character XML forbids reached the TMX"
                    );
                }
            }
        }
    });
    assert!(cases > 0);
}
