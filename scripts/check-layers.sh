#!/bin/sh
# Fails when an #include crosses a layer the wrong way (in the spirit of Bitcoin Core's
# contrib/devtools/check-deps.sh). The engine's layers, lowest first, each its own library
# (engine/CMakeLists.txt):
#
#   platform < core < io < model < checkpoint < data, infer, log < train (with dist) < worker
#
# A layer includes itself and the layers below it, and data, infer and log not each other. ui/
# includes only ui/ and worker/ (the engine's value types come through worker's headers) and never
# LibTorch; Qt appears in engine/ only in worker/. app/ is the top and may include anything.
set -eu
cd "$(dirname "$0")/.."

allowed() {
    case $1 in
    platform) echo "platform" ;;
    core) echo "core platform" ;;
    io) echo "io core platform" ;;
    model) echo "model core platform" ;;
    checkpoint) echo "checkpoint model io core platform" ;;
    data) echo "data checkpoint model io core platform" ;;
    infer) echo "infer checkpoint model io core platform" ;;
    log) echo "log io core platform" ;;
    dist) echo "dist checkpoint model io core platform" ;;
    train) echo "train dist data infer log checkpoint model io core platform" ;;
    worker) echo "worker train dist data infer log checkpoint model io core platform" ;;
    ui) echo "ui worker" ;;
    *) echo "?" ;;
    esac
}

failures=0
report() {
    echo "check-layers: $1" >&2
    failures=$((failures + 1))
}

for file in $(find engine ui -name '*.cpp' -o -name '*.h' | sort); do
    case $file in
    engine/*/*) layer=$(echo "$file" | cut -d/ -f2) ;;
    ui/*) layer=ui ;;
    *) continue ;;  # engine/pch.h, engine/pch_torch.h
    esac
    permitted=$(allowed "$layer")
    if [ "$permitted" = "?" ]; then
        report "$file: engine/$layer is no known layer (add it to scripts/check-layers.sh and engine/CMakeLists.txt)"
        continue
    fi
    # Project includes: "folder/File.h". Comment lines are skipped.
    for target in $(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[A-Za-z_]+/' "$file" |
                    sed -E 's/.*"([A-Za-z_]+)\/.*/\1/' | sort -u); do
        case " $permitted " in
        *" $target "*) ;;
        *) report "$file ($layer) includes $target/: $(grep -nE "#[[:space:]]*include[[:space:]]*\"$target/" "$file" | head -1)" ;;
        esac
    done
    if [ "$layer" = ui ] && grep -qE '#[[:space:]]*include[[:space:]]*<(torch|ATen|c10|opencv2)/' "$file"; then
        report "$file (ui) includes LibTorch or OpenCV; the GUI reaches the engine through engine/worker only"
    fi
    case $layer in
    worker | ui) ;;
    *) if grep -qE '#[[:space:]]*include[[:space:]]*<Q[A-Za-z]+(/[A-Za-z]+)?(\.h)?>' "$file"; then
           report "$file ($layer) includes Qt; only engine/worker (and ui/, app/) may"
       fi ;;
    esac
done

if [ "$failures" -gt 0 ]; then
    echo "check-layers: $failures include(s) cross a layer the wrong way (see the order at the top of $0)" >&2
    exit 1
fi
echo "check-layers: every include in engine/ and ui/ points down the layers"
