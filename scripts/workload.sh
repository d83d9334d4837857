#!/usr/bin/env bash
# Build a synthetic Arabic-English (or any pair) document pair of SIZE
# sentences per side from real parallel text, for speed measurements and for
# running other aligners on the same input.
#
# usage: scripts/workload.sh SIZE OUT_DIR [--pool DIR] [--seed N]
#                            [--src-lang ar] [--tgt-lang en] [--clean]
#                            [--periodic PERIOD]
#
#   SIZE          source sentences (the target side gets about as many)
#   OUT_DIR       gets seg/doc.SRC, seg/doc.TGT (one sentence per line),
#                 gold/doc (gold beads), raw/doc.SRC, raw/doc.TGT (paragraphs),
#                 and an empty out/ for the aligner's output
#   --pool DIR    draw from every gold-aligned pair of the two languages
#                 under DIR (e.g. ../shared/eval) instead of data/'s sample
#   --seed N      another document of the same size (default 1)
#   --clean       no omissions, insertions or merges
#   --periodic P  content that returns every P sentences, words shuffled,
#                 the source an Arabic-script image of the target with 10%
#                 word noise, 4% merges, 4% splits, 1% omissions, 1%
#                 insertions (a trap for coarse-to-fine searches)
#
# Units (gold beads) are drawn at random, with 2% omissions, 2% insertions
# and 3% merges; see benches/support/workload.rs. Then, for example:
#
#   wasl align --presegmented --format beads OUT/seg/doc.ar OUT/seg/doc.en -o OUT/out/doc
#   wasl eval OUT/gold OUT/out
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
cargo build --release --quiet --example workload
exec "$repo/target/release/examples/workload" "$@"
