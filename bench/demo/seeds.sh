#!/usr/bin/env bash
# The demo recipe on several seeds: each run's final validation SAD against the SAD of an all-zero
# alpha on the same held-out set (the issue's bar: at most half), its validation points and its
# wall time. The recipe is the one `--batch demo` and the desktop demo use (train/DemoRecipe),
# taken from the config that `--batch demo` writes.
#   bench/demo/seeds.sh [--binary build/default/app/mattestudio] [--seeds "0 1 2 3 4"] [--work DIR]
#                       [-- extra train flags, e.g. --max-steps 300]
set -euo pipefail
binary=build/default/app/mattestudio
seeds="0 1 2 3 4"
work=$(mktemp -d /tmp/mattestudio-demo-seeds.XXXXXX)
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
python=/usr/bin/python3
mkdir -p "$work"
"$binary" --batch demo --train-steps 1 --output-dir "$work/demo" > "$work/demo.log" 2>&1 \
  || { cat "$work/demo.log" >&2; exit 1; }
config=$work/demo/training/demo-config.json  # the recipe, but for its steps (1 here)
steps=$("$binary" --batch demo --help | tr -s ' \n' ' ' | sed -n "s/.*the recipe's, \([0-9]*\)).*/\1/p")
[ -n "$steps" ] || { echo "cannot read the recipe's steps from --batch demo --help" >&2; exit 1; }
echo "demo recipe, $steps steps, $(nproc) cores"
# Two scores per run: the run's own last validation (its validation crops, 128 px) and one
# evaluator for every run, `evaluate` on the whole held-out split at its default 512 px.
printf '%-5s %9s %9s %7s %9s %9s %7s %7s %8s\n' seed run-sad empty ratio eval-sad empty ratio points seconds
worst=0
for seed in $seeds; do
  start=$(date +%s.%N)
  "$binary" --batch train --config "$config" --max-steps "$steps" --seed "$seed" --model-name "seed-$seed" \
    --output-root "$work/runs" "$@" > "$work/seed-$seed.log" 2>&1 || { tail -20 "$work/seed-$seed.log" >&2; exit 1; }
  end=$(date +%s.%N)
  last=$(ls -t "$work/runs/checkpoint/seed-$seed"/epoch-*.pth | head -1)
  "$binary" --batch evaluate --model-checkpoint "$last" --dataset "$work/demo/data" --samples 0 \
    > "$work/seed-$seed-evaluate.log" 2>&1 || { cat "$work/seed-$seed-evaluate.log" >&2; exit 1; }
  "$python" - "$work/runs/log/seed-$seed/metrics.jsonl" "$work/seed-$seed-evaluate.log" "$seed" "$start" "$end" <<'PY' \
    || worst=1
import json, re, sys
metrics, evaluation, seed, start, end = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
valid = [e for e in map(json.loads, open(metrics)) if e.get("kind") == "valid"]
last = valid[-1]
text = open(evaluation).read()
row = re.search(r"^\| valid \| \d+ \| [^|]+ \| ([0-9.]+) \|", text, re.M)
empty = re.search(r"an empty matte scores SAD ([0-9.]+)", text)
eval_sad, eval_empty = float(row.group(1)), float(empty.group(1))
run_ratio, eval_ratio = last["sad"] / last["empty_matte_sad"], eval_sad / eval_empty
print(f"{seed:<5} {last['sad']:9.3f} {last['empty_matte_sad']:9.3f} {run_ratio:7.3f} {eval_sad:9.3f} "
      f"{eval_empty:9.3f} {eval_ratio:7.3f} {len(valid):7d} {end - start:8.0f}")
sys.exit(0 if max(run_ratio, eval_ratio) <= 0.5 else 1)
PY
done
echo "runs and logs: $work"
[ $worst -eq 0 ] || { echo "a seed scored more than half of the empty matte's SAD" >&2; exit 1; }
