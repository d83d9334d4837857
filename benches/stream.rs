//! `wasl stream` throughput on many small documents, in documents per
//! second (criterion's `Throughput::Elements`, counting records): 10 000
//! news-sized Arabic–English document pairs of 15 units a side, built from
//! the bilingual sample in `data/` (see `support/workload.rs`: units drawn
//! at random with omissions, insertions and merges), as JSON Lines records
//! through the whole stream — parsing, alignment, JSON output — in memory.
//!
//! `stream/model` aligns each record with a corpus model learned once from
//! the same documents (`wasl learn`, then `wasl stream --model`): one pass,
//! nothing estimated per record. `stream/alone` is the default, where each
//! record learns what it can from itself in three passes.
//!
//! ```text
//! cargo bench --bench stream
//! RAYON_NUM_THREADS=1 cargo bench --bench stream   # one core
//! ```

#[path = "support/workload.rs"]
mod workload;

use std::hint::black_box;
use std::io::Cursor;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use wasl::align::Config;
use wasl::stream::{self, Options};
use wasl::{Aligner, Lang, Side};

use workload::{Perturb, Pool};

/// Records of `n` documents, and a model learned from them.
fn corpus(n: usize) -> (Vec<u8>, Arc<wasl::align::model::CorpusModel>) {
    let pool = Pool::sample();
    let mut jsonl = Vec::new();
    let mut texts = Vec::new();
    for k in 0..n {
        let w = workload::build(&pool, 15, 1000 + k as u64, Perturb::default());
        let (src, tgt) = (w.src_lines(), w.tgt_lines());
        let record = serde_json::json!({"id": k, "src": src, "tgt": tgt, "presegmented": true});
        jsonl.extend_from_slice(record.to_string().as_bytes());
        jsonl.push(b'\n');
        texts.push((src, tgt));
    }
    let sides: Vec<(Side, Side)> = texts
        .iter()
        .map(|(s, t)| {
            (
                Side::presegmented(Lang::ar(), s),
                Side::presegmented(Lang::en(), t),
            )
        })
        .collect();
    let pairs: Vec<(&Side, &Side)> = sides.iter().map(|(s, t)| (s, t)).collect();
    let (_, model) = Aligner::default().learn(&pairs, None, &|_| {});
    (jsonl, Arc::new(model))
}

fn bench_stream(c: &mut Criterion) {
    let n = 10_000;
    let (jsonl, model) = corpus(n);
    let with_model = Aligner::new(Config {
        passes: 0,
        model: Some(model),
        ..Config::default()
    });
    let alone = Aligner::default();
    let opts = Options::default();
    let mut group = c.benchmark_group("stream");
    group.throughput(Throughput::Elements(n as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    for (name, aligner) in [("model", &with_model), ("alone", &alone)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(jsonl.len() * 2);
                let summary = stream::run(
                    Cursor::new(jsonl.clone()),
                    &mut out,
                    &opts,
                    aligner,
                    aligner,
                    &mut |e| panic!("bad record: {e}"),
                )
                .expect("in memory");
                assert_eq!(summary.aligned, n);
                black_box(out.len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_stream);
criterion_main!(benches);
