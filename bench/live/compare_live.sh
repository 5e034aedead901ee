#!/bin/sh
# Live matting, MatteStudio against the reference's own inference_webcam.py, on the same clip at the
# same pace (a camera stand-in), the same checkpoint and refine settings, on the CPU, one after the
# other, RUNS times each, alternating. Prints one table row per run.
#
#   bench/live/compare_live.sh REFERENCE_CHECKOUT CHECKPOINT [SIZE...]
#
# CHECKPOINT: a MattingRefine MobileNetV2 .pth in the reference's format (e.g.
# ../shared/fixtures/parity/b-refine-mobilenetv2-sampling/model.pth). SIZE: extra WxH, e.g. 1280x720.
# Needs the built application (build/default), and Debian's python3-torch, python3-torchvision,
# python3-opencv, python3-pil and python3-tqdm for the reference.
set -eu
ref=$1; ckpt=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
app=${MATTESTUDIO:-$root/build/default/app/mattestudio}
runs=${RUNS:-2}; fps=${FPS:-25}
work=$(mktemp -d /tmp/live-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$app" --batch demo --output-dir "$work/demo" --train-steps 1 > /dev/null 2>&1
sizes=""
for s in "$@"; do sizes="$sizes --size $s"; done
/usr/bin/python3 "$here/make_clips.py" --video "$work/demo/images/src/video.mp4" --plate "$work/demo/images/bgr/video.png" \
    --out "$work/clips" $sizes > /dev/null
echo "| clip | tool | run | captured | matted | frames/s | latency median ms | latency p90 ms |"
echo "|---|---|---|---|---|---|---|---|"
for clip in "$work"/clips/clip-*.mp4; do
    size=$(basename "$clip" .mp4 | sed 's/clip-//'); plate="$work/clips/plate-$size.png"
    for run in $(seq "$runs"); do
        "$app" --batch bench --live --video-src "$clip" --video-bgr "$plate" --video-fps "$fps" \
            --model-checkpoint "$ckpt" 2>/dev/null | tail -1 |
            awk -F'|' -v s="$size" -v r="$run" '{printf "| %s | MatteStudio | %s |%s|%s|%s|%s|%s|\n", s, r, $4, $5, $7, $8, $9}'
        /usr/bin/python3 "$root/bench/reference/live_reference.py" --repo "$ref" --video "$clip" --fps "$fps" \
            --model-type mattingrefine --model-backbone mobilenetv2 --model-checkpoint "$ckpt" --hide-fps 2>/dev/null |
            tail -1 | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(f\"| $size | reference | $run | {d['captured']} | {d['matted']} | {d['fps']:.2f} | {d['latency_median_ms']:.1f} | {d['latency_p90_ms']:.1f} |\")"
    done
done
