//! Boundary precision and recall of the segmenter against one-sentence-
//! per-line documents (development tool, not part of `cargo test`).
//!
//! For each `<doc>.<lang>` file in DIR, the lines are joined with one space
//! into unsegmented text; the reference boundaries are where the lines
//! started. A predicted boundary is the start of every sentence but the
//! first. Also scores plain UAX #29 (`unicode-segmentation`) as a baseline,
//! and wasl again with the document's first line given as its own
//! paragraph ("title¶"): NTREX documents open with a headline without final
//! punctuation, which no segmenter can find once it is joined to the text,
//! while in real input it is a line of its own.
//!
//! ```text
//! cargo run --release --example segeval -- /path/to/ntrex128 [ar en ...] [-v]
//! ```
//! With `-v` every missed (FN) and spurious (FP) boundary is printed with
//! its context.

use std::collections::BTreeSet;
use std::path::Path;

use unicode_segmentation::UnicodeSegmentation;
use wasl::segment::segment;
use wasl::Lang;

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn add(&mut self, reference: &BTreeSet<usize>, predicted: &BTreeSet<usize>) {
        self.tp += reference.intersection(predicted).count();
        self.fp += predicted.difference(reference).count();
        self.fn_ += reference.difference(predicted).count();
    }

    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<8} P {:.4}  R {:.4}  F1 {:.4}  (tp {} fp {} fn {})",
            p, r, f, self.tp, self.fp, self.fn_
        )
    }
}

fn context(text: &str, at: usize) -> String {
    let lo = text[..at]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |(i, _)| i);
    let hi = text[at..]
        .char_indices()
        .nth(40)
        .map_or(text.len(), |(i, _)| at + i);
    format!("{}⟦|⟧{}", &text[lo..at], &text[at..hi])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let mut rest = args.iter().filter(|a| *a != "-v");
    let Some(dir) = rest.next() else {
        eprintln!("usage: segeval DIR [LANG ...] [-v]");
        std::process::exit(2);
    };
    let mut langs: Vec<&str> = rest.map(String::as_str).collect();
    if langs.is_empty() {
        langs = vec!["ar", "en"];
    }
    let mut files: Vec<_> = match std::fs::read_dir(Path::new(dir)) {
        Ok(d) => d.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("segeval: {dir}: {e}");
            std::process::exit(1);
        }
    };
    files.sort();
    for lang in langs {
        let (mut ours, mut base, mut titled) =
            (Score::default(), Score::default(), Score::default());
        let mut docs = 0;
        for path in files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == lang))
        {
            let Ok(raw) = std::fs::read_to_string(path) else {
                continue;
            };
            let lines: Vec<&str> = raw
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let text = lines.join(" ");
            let mut reference = BTreeSet::new();
            let mut at = 0;
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    reference.insert(at);
                }
                at += l.len() + 1;
            }
            let whole = wasl::input::paragraphs(&text);
            let sents = segment(&text, &whole, &Lang::new(lang));
            let predicted: BTreeSet<usize> = sents.iter().skip(1).map(|s| s.start).collect();
            let uax: BTreeSet<usize> = text
                .split_sentence_bound_indices()
                .filter(|(_, s)| !s.trim().is_empty())
                .skip(1)
                .map(|(i, s)| i + (s.len() - s.trim_start().len()))
                .collect();
            let first = lines.first().map_or(0, |l| l.len());
            let paras = [0..first, (first + 1).min(text.len())..text.len()];
            let with_title: BTreeSet<usize> = segment(&text, &paras, &Lang::new(lang))
                .iter()
                .skip(1)
                .map(|s| s.start)
                .collect();
            titled.add(&reference, &with_title);
            ours.add(&reference, &predicted);
            base.add(&reference, &uax);
            docs += 1;
            if verbose {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                for &b in reference.difference(&predicted) {
                    println!("{name} FN {}", context(&text, b));
                }
                for &b in predicted.difference(&reference) {
                    println!("{name} FP {}", context(&text, b));
                }
            }
        }
        println!("{lang}: {docs} documents");
        println!("  {}", ours.line("wasl"));
        println!("  {}", base.line("UAX #29"));
        println!("  {}", titled.line("title¶"));
    }
}
