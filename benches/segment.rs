//! Segmentation throughput, in MB/s (criterion's `Throughput::Bytes`), for
//! Arabic and English at 100 KB, 1 MB and 10 MB, built by repeating the two
//! sections of the real news article `data/003_18ef8cb601dfb36a.txt`. The
//! sizes show whether cost grows linearly with input; `uax29-baseline` is
//! plain `unicode-segmentation` on the same text, for comparison.
//!
//! `cargo bench --bench segment`

use std::hint::black_box;

use unicode_segmentation::UnicodeSegmentation;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wasl::lang::Script;
use wasl::segment::segment;
use wasl::{input, Lang};

const SAMPLE: &str = include_str!("../data/003_18ef8cb601dfb36a.txt");

/// The paragraphs of SAMPLE in `script`, repeated to at least `size` bytes.
fn section(script: Script, size: usize) -> String {
    let paras: Vec<&str> = SAMPLE
        .lines()
        .filter(|l| Script::dominant(l) == Some(script))
        .collect();
    let one = paras.join("\n") + "\n";
    one.repeat(size.div_ceil(one.len()))
}

fn bench_segment(c: &mut Criterion) {
    for (name, script, lang) in [
        ("arabic", Script::Arabic, Lang::ar()),
        ("english", Script::Latin, Lang::en()),
    ] {
        let mut group = c.benchmark_group(format!("segment/{name}"));
        for (label, size) in [("100KB", 100_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
            let text = section(script, size);
            let paragraphs = input::paragraphs(&text);
            group.throughput(Throughput::Bytes(text.len() as u64));
            if size >= 10_000_000 {
                group.sample_size(10);
            }
            group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
                b.iter(|| segment(black_box(text), black_box(&paragraphs), &lang))
            });
        }
        // Baseline: plain UAX #29 from `unicode-segmentation`, what the
        // segmenter replaced, on the same 1 MB.
        let text = section(script, 1_000_000);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("uax29-baseline/1MB", |b| {
            b.iter(|| black_box(&text).split_sentence_bound_indices().count())
        });
        group.finish();
    }
}

criterion_group!(benches, bench_segment);
criterion_main!(benches);
