//! `wasl segment` on the real news articles in `data/`: the binary, the
//! files, and the sentences a reader finds in them.

use std::path::PathBuf;
use std::process::Command;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).expect("sample document in data/")
}

/// Runs `wasl segment ARGS FILE` and returns its stdout lines.
fn segment(file: &str, args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_wasl"))
        .arg("segment")
        .args(args)
        .arg(data(file))
        .output()
        .expect("run wasl");
    assert!(
        out.status.success(),
        "wasl segment {file} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(str::to_string)
        .collect()
}

const BILINGUAL: &str = "003_18ef8cb601dfb36a.txt";

#[test]
fn bilingual_003_arabic_section_is_its_18_lines() {
    // Each of the 18 Arabic lines is one sentence (4 headlines without
    // final punctuation, the rest ending in `.` or `».`); none splits.
    let text = read(BILINGUAL);
    let lines: Vec<&str> = text.lines().take(18).collect();
    let got = segment(BILINGUAL, &["--section", "ar"]);
    assert_eq!(got, lines);
    assert_eq!(got[4], "اهتمام البيت الأبيض");
    assert_eq!(
        got[10],
        "ودعا لي الرئيس الأمريكي رسمياً للمشاركة في اجتماع وزراء تجارة منظمة التعاون \
         الاقتصادي لآسيا والمحيط الهادئ (APEC)، الذي يُعقد في كوريا الجنوبية، واقترح أن يكون \
         ذلك فرصة مناسبة للقاء كيم."
    );
    assert!(got[11].ends_with("وتحسين العلاقات»."), "{}", got[11]);
}

#[test]
fn bilingual_003_english_section_splits_the_quoted_sentences() {
    // 18 lines; line 12 quotes three sentences, which are three sentences.
    let got = segment(BILINGUAL, &["--section", "en"]);
    assert_eq!(got.len(), 20, "{got:#?}");
    assert!(got[0].starts_with("CNN reported from informed sources"));
    assert_eq!(
        got[11..14],
        [
            "Trump responded to the invitation by saying, \"I will do that, and we will have talks.",
            "I believe he wants to meet me.",
            "We look forward to meeting him and improving relations.\"",
        ]
    );
    assert_eq!(got[4], "White House Interest");
}

#[test]
fn period_comma_separator_in_000_splits_where_a_reader_would() {
    let got = segment("000_f6d2bda94287a3c5.txt", &["--lang", "ar"]);
    // The headline, then the body paragraph: 11 `., `-joined sentences,
    // one of which quotes two sentences (`فبراير. الرئيس`).
    assert_eq!(got.len(), 1 + 12, "{got:#?}");
    assert_eq!(
        got[0],
        "قمة ثنائية بين ترمب وزعيم كوريا الشمالية نهاية فبراير"
    );
    assert_eq!(
        got[1],
        "البيت الأبيض، الجمعة، إن الرئيس دونالد ترمب سيعقد قمة ثانية مع زعيم كوريا \
         الشمالية، كيم يونغ أون، أواخر فبراير/ شباط.,"
    );
    assert!(got[2].starts_with("جاء الإعلان بعد أن التقى ترمب"));
    assert!(got[2].ends_with("ويعد شخصية متشددة.,"));
    // `"أواخر شباط/فبراير" .,` (space before the full stop) also separates.
    assert!(got.iter().any(|s| s.ends_with("\"أواخر شباط/فبراير\" .,")));
    assert!(got.iter().any(|s| s.starts_with("وعلى الرغم من الإعلان")));
    // The second quoted sentence ends with the quote and the separator.
    assert!(got
        .iter()
        .any(|s| s == "الرئيس يتطلع للقاء الزعيم كيم في مكان سيعلن عنه في تاريخ لاحق\".,"));
    // Every body sentence but the last ends with the separator, except
    // the first quoted sentence.
    for s in &got[1..got.len() - 1] {
        assert!(s.ends_with(".,") || s.ends_with("أواخر فبراير."), "{s}");
    }
    assert!(got[got.len() - 1].ends_with("ولم تذكر الوزارة أي تفاصيل."));
}

#[test]
fn guillemet_oddities_in_004_split_after_the_quote() {
    let got = segment("004_f7a595203ed4f7d3.txt", &["--lang", "ar"]);
    // `لتقديمه».وأضاف`: no space after the quote, still a boundary.
    let i = got
        .iter()
        .position(|s| s.ends_with("لما هم مستعدون لتقديمه»."))
        .expect("sentence ending in `لتقديمه».`");
    assert!(
        got[i + 1].starts_with("وأضاف أن الولاياتالمتحدة «حريصة"),
        "{}",
        got[i + 1]
    );
    // ` ، ` (space before the Arabic comma) is not a boundary.
    assert!(got[0].starts_with("بعد أن انتهت قمة هانوى إلى طريق مسدود ، تعهدت"));
    // A misplaced opening guillemet before the full stop stays in the sentence.
    assert!(got.iter().any(|s| s.ends_with("فوق السياسة «.")));
    assert_eq!(got.len(), 13, "{got:#?}");
}

#[test]
fn latin_commas_in_001_are_not_separators() {
    let got = segment("001_5420158eb8b6de07.txt", &["--lang", "ar"]);
    let russia = got
        .iter()
        .find(|s| s.starts_with("ودعت في السياق روسيا , للتسريع"))
        .expect("` , ` kept inside its sentence");
    assert!(russia.ends_with("زعيم كوريا الشمالية.."), "{russia}");
    // `الدولي.غير أن`: a full stop with no space still ends the sentence.
    assert!(got
        .iter()
        .any(|s| s.ends_with("والتي ستحصل على موافقة المجتمع الدولي.")));
    assert!(got.iter().any(|s| s.starts_with("غير أن كيم شدد")));
}

#[test]
fn spans_map_back_to_the_exact_bytes_and_cover_the_text() {
    for file in [
        "000_f6d2bda94287a3c5.txt",
        "001_5420158eb8b6de07.txt",
        "002_905532f870414288.txt",
        BILINGUAL,
        "004_f7a595203ed4f7d3.txt",
    ] {
        let text = read(file);
        let mut covered = vec![false; text.len()];
        let mut spans = Vec::new();
        for line in segment(file, &["--spans"]) {
            let mut f = line.splitn(3, '\t');
            let start: usize = f.next().unwrap().parse().unwrap();
            let end: usize = f.next().unwrap().parse().unwrap();
            let sentence = f.next().unwrap();
            assert_eq!(&text[start..end], sentence, "{file}: span {start}..{end}");
            assert!(start < end, "{file}: empty span at {start}");
            covered[start..end].iter_mut().for_each(|c| *c = true);
            spans.push((start, end));
        }
        // Sections are printed one after the other, so sort before checking
        // that no two spans share a byte.
        spans.sort_unstable();
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "{file}: {:?} overlaps {:?}", w[0], w[1]);
        }
        for (i, c) in text.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "{file}: byte {i} ({c:?}) dropped"
            );
        }
    }
}
