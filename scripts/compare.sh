#!/usr/bin/env bash
# Time wasl and other sentence aligners on the same synthetic workload, and
# score each against the workload's gold beads.
#
# usage: scripts/compare.sh SIZE [WORK_DIR] [-- workload options]
#
#   SIZE       sentences per side (scripts/workload.sh builds the pair)
#   WORK_DIR   where the workload and outputs go (default: a temp folder)
#   options after -- go to scripts/workload.sh (e.g. --pool ../shared/eval)
#
# Aligners run when they are installed, else are skipped with a note:
#   wasl        target/release/wasl (built here)
#   galechurch  pip install galechurch       (Rust Gale-Church, PyPI)
#   hunalign    on PATH; Debian's `hunalign` package where the release has
#               it, or built from its source
#   vecalign    needs sentence embeddings (LASER or LaBSE) of the overlaps
#               of both sides, which this script does not make; see its
#               README for `overlap.py` + `vecalign.py`, run them on
#               WORK_DIR/seg/doc.ar and doc.en, and score the output with
#               `wasl eval WORK_DIR/gold OUT_DIR`.
#
# Prints one line per aligner: wall seconds, peak memory (/usr/bin/time),
# strict and lax F1 from `wasl eval`.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
size="$1"; shift
work=""
if [[ $# -gt 0 && "$1" != "--" ]]; then work="$1"; shift; fi
[[ "${1:-}" == "--" ]] && shift
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ -z "$work" ]]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/wasl-compare.XXXXXX")"
fi
(cd "$repo" && cargo build --release --quiet)
wasl="$repo/target/release/wasl"
"$repo/scripts/workload.sh" "$size" "$work" "$@"
[[ -x /usr/bin/time ]] || { echo "compare.sh: needs /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

score() {  # score NAME OUT_DIR TIME_FILE
    local f
    f="$("$wasl" eval "$work/gold" "$2" | awk '/^strict/{s=$4} /^lax/{l=$4} END{print s, l}')"
    printf '%-12s %10s s %10s KB   strict-F1 %s  lax-F1 %s\n' "$1" $(cat "$3") $f
}

mkdir -p "$work/out/wasl"
/usr/bin/time -f "%e %M" -o "$work/time.wasl" "$wasl" align --presegmented --format beads \
    "$work/seg/doc.ar" "$work/seg/doc.en" -o "$work/out/wasl/doc"
score wasl "$work/out/wasl" "$work/time.wasl"

if command -v galechurch >/dev/null; then
    mkdir -p "$work/gc/src" "$work/gc/tgt" "$work/out/galechurch"
    cp "$work/seg/doc.ar" "$work/gc/src/doc"; cp "$work/seg/doc.en" "$work/gc/tgt/doc"
    /usr/bin/time -f "%e %M" -o "$work/time.gc" galechurch -src "$work/gc/src" -trg "$work/gc/tgt" \
        -out "$work/out/galechurch" -align pharaoh --max-block-size 100000000000 >/dev/null
    score galechurch "$work/out/galechurch" "$work/time.gc"
else
    echo "galechurch: not installed (pip install galechurch); skipped"
fi

if command -v hunalign >/dev/null; then
    mkdir -p "$work/out/hunalign"
    : >"$work/empty.dic"
    # -realign: hunalign's second pass with a dictionary it builds itself.
    /usr/bin/time -f "%e %M" -o "$work/time.hun" hunalign -text -realign "$work/empty.dic" \
        "$work/seg/doc.ar" "$work/seg/doc.en" >"$work/hunalign.txt" || true
    echo "hunalign: $(cat "$work/time.hun") (s KB); ladder output in $work/hunalign.txt, not scored"
else
    echo "hunalign: not on PATH; skipped"
fi
echo "workload and outputs in $work"
