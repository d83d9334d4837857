//! Alignment throughput, in sentences per second (criterion's
//! `Throughput::Elements`, counting source sentences), on synthetic
//! Arabic–English documents of 1 000, 10 000 and 100 000 sentences per side
//! built from the bilingual sample in `data/` (see `support/workload.rs`:
//! units drawn at random with omissions, insertions and merges). The sizes
//! show how cost grows with length; `end-to-end` runs raw text → sentences
//! → beads → TMX.
//!
//! ```text
//! cargo bench --bench align                      # 1k, 10k, 100k and end to end
//! cargo bench --bench align -- 'align/10000'     # one size
//! WASL_BENCH_1M=1 cargo bench --bench align -- 'align/1000000'
//! ```
//!
//! 1 000 000 sentences per side take about a minute an iteration, so that
//! size runs only when `WASL_BENCH_1M` is set. `RAYON_NUM_THREADS=1` measures
//! one core.

#[path = "support/workload.rs"]
mod workload;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use wasl::write::{self, AlignedDoc, Format};
use wasl::{Aligner, Lang, Side};

use workload::{Perturb, Pool};

fn bench_align(c: &mut Criterion) {
    let pool = Pool::sample();
    let mut sizes = vec![1_000, 10_000, 100_000];
    if std::env::var_os("WASL_BENCH_1M").is_some() {
        sizes.push(1_000_000);
    }
    let mut group = c.benchmark_group("align");
    for size in sizes {
        let w = workload::build(&pool, size, 1, Perturb::default());
        let (src_text, tgt_text) = (w.src_lines(), w.tgt_lines());
        let src = Side::presegmented(Lang::ar(), &src_text);
        let tgt = Side::presegmented(Lang::en(), &tgt_text);
        let aligner = Aligner::default();
        group.throughput(Throughput::Elements(size as u64));
        if size >= 100_000 {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(if size >= 1_000_000 {
                600
            } else {
                40
            }));
        } else {
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        group.bench_with_input(BenchmarkId::from_parameter(size), &size, |b, _| {
            b.iter(|| aligner.align(black_box(&src), black_box(&tgt)))
        });
    }
    group.finish();
}

/// Raw paragraphs of both languages to a TMX file in memory: segmentation,
/// alignment and writing, as `wasl align A B -o out.tmx` does after reading.
fn bench_end_to_end(c: &mut Criterion) {
    let pool = Pool::sample();
    let mut group = c.benchmark_group("end-to-end");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    for size in [10_000, 100_000] {
        let w = workload::build(&pool, size, 1, Perturb::default());
        let (src_text, tgt_text) = (w.src_raw(), w.tgt_raw());
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(BenchmarkId::new("tmx", size), &size, |b, _| {
            b.iter(|| {
                let src = Side::segment(Lang::ar(), &src_text, &wasl::input::paragraphs(&src_text));
                let tgt = Side::segment(Lang::en(), &tgt_text, &wasl::input::paragraphs(&tgt_text));
                let alignment = Aligner::default().align(&src, &tgt);
                let doc = AlignedDoc {
                    id: "bench",
                    src: &src,
                    tgt: &tgt,
                    alignment: &alignment,
                };
                let mut out = Vec::new();
                write::write_docs(Format::Tmx, &[doc], &mut out).expect("writing to memory");
                black_box(out.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_align, bench_end_to_end);
criterion_main!(benches);
