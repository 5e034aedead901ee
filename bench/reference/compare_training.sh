#!/usr/bin/env bash
# Trains MattingBase (mobilenetv2) with the reference's own train_base.py (through
# train_reference.py) and with `mattestudio --batch train`, from the same seeds on one synthetic
# dataset, then scores every final checkpoint with `mattestudio --batch evaluate` on the valid split
# and prints one table (tool, seed, the evaluate metrics, training seconds) with per-tool means.
# MatteStudio runs at its reference defaults (constant learning rates, the reference's clamp); the
# only extra flags are the ones that set the shared size, steps, seed, threads and data.
#
#   bench/reference/compare_training.sh --repo /tmp/bmv2-ref [--seeds "0 1 2"] [--train-size 128]
#       [--batch-size 8] [--steps 300] [--threads 2] [--mattestudio BIN] [--work DIR]
#
# Other options: --count 64 --valid-count 16 --data-size 256 --data-seed 7 (make-dataset),
# --eval-size N (default: the train size), --ref-workers 0 (the reference's DataLoader processes),
# --ms-workers 1 (MatteStudio's loader threads), --python /usr/bin/python3.
# Everything (dataset, checkpoints, logs) goes to --work (default: a new folder under /tmp, kept).
# Exits non-zero on any error.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo=""
seeds="0 1 2"
train_size=128
batch_size=8
steps=300
threads=2
count=64
valid_count=16
data_size=256
data_seed=7
eval_size=""
ref_workers=0
ms_workers=1
python=/usr/bin/python3
mattestudio=/tmp/ms-bin/mattestudio
work=""

die() { echo "compare_training.sh: $*" >&2; exit 1; }
while [[ $# -gt 0 ]]; do
    [[ $# -ge 2 ]] || die "$1 needs a value"
    case "$1" in
        --repo) repo="$2" ;;
        --seeds) seeds="$2" ;;
        --train-size) train_size="$2" ;;
        --batch-size) batch_size="$2" ;;
        --steps) steps="$2" ;;
        --threads) threads="$2" ;;
        --count) count="$2" ;;
        --valid-count) valid_count="$2" ;;
        --data-size) data_size="$2" ;;
        --data-seed) data_seed="$2" ;;
        --eval-size) eval_size="$2" ;;
        --ref-workers) ref_workers="$2" ;;
        --ms-workers) ms_workers="$2" ;;
        --python) python="$2" ;;
        --mattestudio) mattestudio="$2" ;;
        --work) work="$2" ;;
        *) die "unknown option $1 (see the comment at the top of this script)" ;;
    esac
    shift 2
done
[[ -n "$repo" ]] || die "--repo REF (a checkout of PeterL1n/BackgroundMattingV2) is required"
[[ -f "$repo/train_base.py" ]] || die "$repo has no train_base.py"
[[ -x "$mattestudio" ]] || die "no mattestudio binary at $mattestudio (--mattestudio BIN)"
[[ -n "$seeds" ]] || die "--seeds is empty"
eval_size="${eval_size:-$train_size}"
if [[ -z "$work" ]]; then work="$(mktemp -d /tmp/compare-training.XXXXXX)"; fi
mkdir -p "$work/logs"
work="$(cd "$work" && pwd)"
[[ ! -e "$work/dataset" ]] || die "$work/dataset exists already; give a new --work folder"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "work folder: $work"
echo "dataset: $count train / $valid_count valid pairs at ${data_size}x${data_size}, seed $data_seed"
"$mattestudio" --batch make-dataset "$work/dataset" --count "$count" --valid-count "$valid_count" \
    --size "$data_size" "$data_size" --seed "$data_seed" > "$work/logs/make-dataset.log" 2>&1 \
    || { cat "$work/logs/make-dataset.log" >&2; die "make-dataset failed"; }
[[ -f "$work/dataset/dataset.json" ]] || die "make-dataset wrote no dataset.json"

# evaluate CHECKPOINT LOG: prints "header-line<TAB>row-line" of evaluate's valid table
evaluate() {
    "$mattestudio" --batch evaluate --model-checkpoint "$1" --dataset "$work/dataset" --split valid \
        --size "$eval_size" --samples 0 --threads "$threads" --num-workers 1 --device cpu > "$2" 2>&1 \
        || { cat "$2" >&2; die "evaluate failed on $1"; }
    grep -q ' 0 shape mismatches' "$2" || { cat "$2" >&2; die "evaluate did not load every weight of $1"; }
    local header row
    header="$(grep -m1 '^| split ' "$2" || true)"
    row="$(grep -m1 '^| valid ' "$2" || true)"
    [[ -n "$header" && -n "$row" ]] || { cat "$2" >&2; die "no result table in evaluate's output for $1"; }
    printf '%s\t%s\n' "$header" "$row"
}

results="$work/results.tsv"   # tool seed seconds header row
: > "$results"
echo "settings: train size $train_size, batch $batch_size, $steps steps, $threads threads, seeds: $seeds"
for seed in $seeds; do
    # The reference's train_base.py, patched as train_reference.py --list-changes shows.
    log="$work/logs/reference-seed$seed.log"
    echo "seed $seed: reference train_base.py ..."
    t0="$(now)"
    "$python" "$here/train_reference.py" --repo "$repo" --dataset "$work/dataset" --train-size "$train_size" \
        --batch-size "$batch_size" --steps "$steps" --seed "$seed" --threads "$threads" \
        --num-workers "$ref_workers" --output "$work/reference/seed$seed.pth" \
        --log-output "$work/reference/seed$seed-loss.jsonl" > "$log" 2>&1 \
        || { tail -40 "$log" >&2; die "the reference run for seed $seed failed (log: $log)"; }
    t1="$(now)"
    [[ -f "$work/reference/seed$seed.pth" ]] || die "the reference run for seed $seed wrote no checkpoint"
    printf 'reference\t%s\t%s\t%s\n' "$seed" "$(elapsed "$t0" "$t1")" \
        "$(evaluate "$work/reference/seed$seed.pth" "$work/logs/evaluate-reference-seed$seed.log")" >> "$results"

    # MatteStudio at the reference's defaults.
    log="$work/logs/mattestudio-seed$seed.log"
    echo "seed $seed: mattestudio --batch train ..."
    t0="$(now)"
    "$mattestudio" --batch train --dataset "$work/dataset" --model-type mattingbase --model-backbone mobilenetv2 \
        --model-name "seed$seed" --output-root "$work/mattestudio" --train-size "$train_size" \
        --batch-size "$batch_size" --max-steps "$steps" --epoch-end 1000000 --seed "$seed" \
        --num-workers "$ms_workers" --threads "$threads" --valid-samples "$valid_count" --device cpu --keep-last 1 > "$log" 2>&1 \
        || { tail -40 "$log" >&2; die "the mattestudio run for seed $seed failed (log: $log)"; }
    t1="$(now)"
    checkpoint="$(ls -t "$work/mattestudio/checkpoint/seed$seed"/*.pth 2>/dev/null | head -1 || true)"
    [[ -n "$checkpoint" ]] || die "the mattestudio run for seed $seed wrote no checkpoint"
    grep -q "finished after step $((steps - 1)) " "$log" || { tail -20 "$log" >&2; die "mattestudio did not run $steps steps for seed $seed"; }
    printf 'mattestudio\t%s\t%s\t%s\n' "$seed" "$(elapsed "$t0" "$t1")" \
        "$(evaluate "$checkpoint" "$work/logs/evaluate-mattestudio-seed$seed.log")" >> "$results"
done

echo
echo "MattingBase (mobilenetv2), size $train_size, batch $batch_size, $steps steps, $threads threads;" \
     "evaluate on the valid split ($valid_count samples at $eval_size px)"
awk -F'\t' '
function trim(s) { gsub(/^ +| +$/, "", s); return s }
{
    nh = split($4, h, "|"); split($5, r, "|")
    ncol = 0
    for (i = 2; i < nh; i++) {
        name = trim(h[i])
        if (name == "split" || name == "samples" || name == "seconds") continue
        ncol++; col[ncol] = name; val[NR, ncol] = trim(r[i])
    }
    tool[NR] = $1; seed[NR] = $2; secs[NR] = $3; n = NR
}
END {
    line = "| tool | seed |"; sep = "|---|---|"
    for (c = 1; c <= ncol; c++) { line = line " " col[c] " |"; sep = sep "---|" }
    print line " train seconds |"; print sep "---|"
    for (k = 1; k <= n; k++) {
        line = "| " tool[k] " | " seed[k] " |"
        for (c = 1; c <= ncol; c++) { line = line " " val[k, c] " |"; sum[tool[k], c] += val[k, c] }
        print line " " secs[k] " |"
        sums[tool[k]] += secs[k]; cnt[tool[k]]++
        if (!(tool[k] in seen)) { seen[tool[k]] = 1; order[++nt] = tool[k] }
    }
    for (t = 1; t <= nt; t++) {
        name = order[t]; line = "| " name " | mean |"
        for (c = 1; c <= ncol; c++) line = line sprintf(" %.5g |", sum[name, c] / cnt[name])
        print line sprintf(" %.1f |", sums[name] / cnt[name])
    }
}' "$results"
empty="$(grep -m1 '^an empty matte' "$work/logs/evaluate-reference-seed${seeds%% *}.log" || true)"
[[ -z "$empty" ]] || echo "(${empty})"
echo "logs, checkpoints and loss curves: $work"
