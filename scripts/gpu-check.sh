#!/usr/bin/env bash
# The GPU check: builds the Qt-free, OpenCV-free part of the engine with bench/gpucheck against the
# LibTorch of Python's torch, and checks on one NVIDIA GPU
#   parity      every parity fixture: CPU against the reference files, CUDA float32 and float16
#               against the CPU
#   train       200 mixed-precision training steps on synthetic data; the loss must fall
#   checkpoint  a checkpoint written from CUDA tensors reads back on the CPU bit for bit
#   dist        two ranks on the one GPU (Gloo): an all-reduce, a synchronised BatchNorm step
#   bench       the forward pass of the three backbones at HD and 4K, float32 and float16
# and writes one JSON report; exits 1 when a check fails. docs/performance.md ("GPU check").
#
#   scripts/gpu-check.sh [--report FILE]        on the GPU machine (default report:
#                                               build/gpu-check/report.json)
#   scripts/gpu-check.sh --cpu [--report FILE]  the same checks on the CPU, small (CI)
#   scripts/gpu-check.sh --prepare [DIR]        on a Debian machine with network: downloads and
#                                               unpacks the headers the GPU machine lacks into DIR
#                                               (default bench/gpucheck/deps, git-ignored) to carry
# Other options: --fixtures DIR (parity fixtures; default ../shared/fixtures/parity or
# ./shared/fixtures/parity), --deps DIR (carried headers; default bench/gpucheck/deps where it
# exists, not used with --cpu), --torch-cmake auto|config|manual (how LibTorch is found: its
# TorchConfig.cmake, which needs a CUDA toolkit for a CUDA build, or the wheel's files directly),
# --jobs N, --python PYTHON.
# Nothing is downloaded except by --prepare.
set -euo pipefail
CALLER_DIR=$PWD
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$CALLER_DIR/$1" ;; esac; }

MODE=cuda
REPORT=""
FIXTURES=""
DEPS=""
DEPS_DEFAULT="$ROOT/bench/gpucheck/deps"
TORCH_CMAKE=auto
JOBS=$(nproc 2>/dev/null || echo 2)
PYTHON=${PYTHON:-}
PREPARE=""

usage() { sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) MODE=cpu ;;
    --report) REPORT=$(absolute "$2"); shift ;;
    --fixtures) FIXTURES=$(absolute "$2"); shift ;;
    --deps) DEPS=$(absolute "$2"); shift ;;
    --torch-cmake) TORCH_CMAKE=$2; shift ;;
    --jobs) JOBS=$2; shift ;;
    --python) PYTHON=$2; shift ;;
    --prepare)
      PREPARE=$DEPS_DEFAULT
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then PREPARE=$(absolute "$2"); shift; fi ;;
    -h|--help) usage 0 ;;
    *) echo "gpu-check: unknown option $1" >&2; usage 2 ;;
  esac
  shift
done

log() { echo "gpu-check: $*" >&2; }
die() { log "$*"; exit 2; }

# --- --prepare: Debian packages for a machine without them ----------------------------------------
# Headers only (plus zlib's static library as a last resort), ~5 MiB:
#   libgloo-dev (trixie)        gloo/ for c10d's ProcessGroupGloo.hpp (pip wheels ship none); trixie's
#                               has the store-v2 interface a LibTorch 2.x was built against
#   nlohmann-json3-dev, zlib1g-dev (bookworm)
prepare() {
  local dest=$1 tmp mirror deb
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "--prepare needs apt-get and dpkg-deb (Debian)"
  mirror=$(grep -h -E '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$mirror" ] || mirror=$(grep -h -E '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/debs" "$tmp/parts"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  {
    echo "deb [signed-by=$keyring] $mirror bookworm main"
    echo "deb [signed-by=$keyring] $mirror trixie main"
  } > "$tmp/sources.list"
  # A private apt state: the machine's own lists and cache are left alone.
  local apt=(apt-get -q -o Dir::Etc::SourceList="$tmp/sources.list" -o Dir::Etc::SourceParts="$tmp/parts"
             -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o Dir::State::status=/var/lib/dpkg/status
             -o Acquire::Languages=none -o APT::Architecture=amd64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
  log "downloading package lists (bookworm, trixie) from $mirror"
  "${apt[@]}" update >/dev/null
  (cd "$tmp/debs" && "${apt[@]}" download libgloo-dev/trixie nlohmann-json3-dev/bookworm zlib1g-dev/bookworm >/dev/null)
  rm -rf "$dest.partial"
  mkdir -p "$dest.partial"
  : > "$dest.partial/PACKAGES"
  for deb in "$tmp"/debs/*.deb; do
    dpkg-deb -x "$deb" "$dest.partial"
    echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)" >> "$dest.partial/PACKAGES"
  done
  # Keep the headers, CMake configs, licences and zlib's static library; drop the rest.
  find "$dest.partial/usr/lib" -mindepth 1 \( -name 'libgloo*' -o -name 'libz.so*' -o -name pkgconfig \) -prune -exec rm -rf {} + 2>/dev/null || true
  find "$dest.partial/usr/share" -mindepth 1 -maxdepth 1 ! -name cmake ! -name doc -exec rm -rf {} +
  find "$dest.partial/usr/share/doc" -type f ! -name copyright -delete 2>/dev/null || true
  rm -rf "$dest.partial/usr/share/cmake/Gloo"  # it names the libgloo left out (the headers are what is needed)
  rm -rf "$dest"
  mv "$dest.partial" "$dest"
  log "carried packages in $dest: $(tr '\n' ',' < "$dest/PACKAGES" | sed 's/,$//; s/,/, /g')"
  log "size: $(du -sh "$dest" | cut -f1) ($(du -sb "$dest" | cut -f1) bytes)"
}

if [ -n "$PREPARE" ]; then
  prepare "$PREPARE"
  exit 0
fi

# --- where things are -----------------------------------------------------------------------------
OUT=$ROOT/build/gpu-check
BUILD=$OUT/build-$MODE
WORK=$OUT/work-$MODE
CHECKS=$WORK/checks
REPORT=${REPORT:-$OUT/report.json}
mkdir -p "$OUT" "$WORK"
rm -rf "$CHECKS"
mkdir -p "$CHECKS"
START=$(date +%s)

if [ -z "$FIXTURES" ]; then
  for d in "$ROOT/../shared/fixtures/parity" "$ROOT/shared/fixtures/parity" "${MATTESTUDIO_SHARED_DIR:-/nonexistent}/fixtures/parity"; do
    if [ -f "$d/index.json" ]; then FIXTURES=$(cd "$d" && pwd); break; fi
  done
fi
if [ -z "$FIXTURES" ] || [ ! -d "$FIXTURES" ]; then
  # The other checks still run; parity fails with this reason.
  log "warning: no parity fixtures found (../shared/fixtures/parity, ./shared/fixtures/parity; --fixtures DIR)"
  FIXTURES=""
fi

# A Python with torch: required on the GPU machine (its LibTorch is the wheel's); with --cpu it only
# locates Debian's LibTorch and adds versions to the report.
python_has_torch() { "$1" -c 'import torch' >/dev/null 2>&1; }
if [ -z "$PYTHON" ]; then
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null && python_has_torch "$p"; then PYTHON=$p; break; fi
  done
fi
HOST_PYTHON=${PYTHON:-$(command -v python3 || true)}
[ -n "$HOST_PYTHON" ] || die "python3 is needed (PNG decoding, the report)"
if [ "$MODE" = cuda ] && [ -z "$PYTHON" ]; then
  die "no Python with torch found (pip install torch, or --python PYTHON)"
fi

# --- configure ------------------------------------------------------------------------------------
CMAKE_ARGS=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DMATTESTUDIO_ENGINE_ONLY=ON -DMATTESTUDIO_BUILD_GPUCHECK=ON
            # The GPU machine has no OpenCV; build the same OpenCV-free targets everywhere.
            -DCMAKE_DISABLE_FIND_PACKAGE_OpenCV=ON)
if command -v ccache >/dev/null; then
  CMAKE_ARGS+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$ROOT}
  # The machine's cache that ./dev uses too, where there is one.
  if [ -z "${CCACHE_DIR:-}" ] && [ -w /var/cache/mattestudio/ccache-host ]; then
    export CCACHE_DIR=/var/cache/mattestudio/ccache-host
  fi
fi
if [ -z "$DEPS" ] && [ "$MODE" = cuda ] && [ -d "$DEPS_DEFAULT/usr/include" ]; then DEPS=$DEPS_DEFAULT; fi
if [ -n "$DEPS" ]; then
  [ -d "$DEPS/usr/include" ] || die "--deps $DEPS: no usr/include (scripts/gpu-check.sh --prepare makes it)"
  [ "$(uname -m)" = x86_64 ] || log "warning: the carried packages are amd64, this machine is $(uname -m)"
  CMAKE_ARGS+=(-DMATTESTUDIO_DEPS_ROOT="$(cd "$DEPS" && pwd)")
fi

TORCH_PREFIX="" TORCH_DIR=""
if [ -n "$PYTHON" ]; then
  TORCH_PREFIX=$("$PYTHON" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')
  TORCH_DIR=$("$PYTHON" -c 'import os, torch; print(os.path.dirname(torch.__file__))')
fi
config_args() {
  if [ -n "$TORCH_PREFIX" ] && [ -f "$TORCH_PREFIX/Torch/TorchConfig.cmake" ]; then
    echo "-DCMAKE_PREFIX_PATH=$TORCH_PREFIX"
  fi  # else: the system's LibTorch (Debian's python3-torch names a cmake folder it does not ship)
}
manual_args() {
  "$PYTHON" - "$TORCH_DIR" <<'EOF'
import sys, torch, torch.distributed as dist
root = sys.argv[1]
defs = ["USE_DISTRIBUTED"] if dist.is_available() else []
if dist.is_available() and dist.is_gloo_available():
    defs.append("USE_C10D_GLOO")
if dist.is_available() and dist.is_nccl_available():
    defs.append("USE_C10D_NCCL")  # as the wheel's torch_cuda target says; NCCL still needs its headers
print(f"-DMATTESTUDIO_TORCH_ROOT={root}")
print(f"-DMATTESTUDIO_TORCH_CXX11_ABI={int(torch._C._GLIBCXX_USE_CXX11_ABI)}")
print("-DMATTESTUDIO_TORCH_DEFINITIONS=" + ";".join(defs))
print("-DMATTESTUDIO_TORCH_VERSION=" + torch.__version__.split("+")[0])
EOF
}
# TorchConfig.cmake of a CUDA wheel enables the CUDA language: it needs nvcc of the same major
# version as the wheel's CUDA. Without one, the wheel's files are used directly.
nvcc_matches() {
  local nvcc want have
  nvcc=$(command -v nvcc || true)
  [ -n "$nvcc" ] || for c in "${CUDA_HOME:-/nonexistent}/bin/nvcc" /usr/local/cuda/bin/nvcc; do [ -x "$c" ] && nvcc=$c && break; done
  [ -n "$nvcc" ] || return 1
  want=$("$PYTHON" -c 'import torch; print((torch.version.cuda or "").split(".")[0])')
  have=$("$nvcc" --version | sed -n 's/.*release \([0-9]*\)\..*/\1/p')
  [ -n "$want" ] && [ "$want" = "$have" ]
}

configure() {  # $1: config|manual
  local extra=() args key
  if [ "$1" = manual ]; then
    args=$(manual_args) || { log "cannot read torch's settings with $PYTHON"; return 1; }
  else
    args=$(config_args)
  fi
  [ -z "$args" ] || mapfile -t extra <<< "$args"
  # A build folder configured otherwise (other LibTorch, other carried packages) starts afresh:
  # CMake would keep the old cached values.
  key="$1 ${CMAKE_ARGS[*]} ${extra[*]}"
  if [ -f "$BUILD/CMakeCache.txt" ] && [ "$(cat "$BUILD/.gpu-check-configuration" 2>/dev/null)" != "$key" ]; then
    rm -rf "$BUILD"
  fi
  mkdir -p "$BUILD"
  log "configuring ($1) in $BUILD"
  if cmake -S "$ROOT" -B "$BUILD" "${CMAKE_ARGS[@]}" "${extra[@]}" > "$WORK/configure-$1.log" 2>&1; then
    echo "$key" > "$BUILD/.gpu-check-configuration"
    return 0
  fi
  log "configure ($1) failed; the end of $WORK/configure-$1.log:"
  tail -n 25 "$WORK/configure-$1.log" >&2
  rm -rf "$BUILD"
  return 1
}

case "$TORCH_CMAKE" in
  config) configure config || die "configure failed" ;;
  manual) [ -n "$PYTHON" ] || die "--torch-cmake manual needs a Python with torch"; configure manual || die "configure failed" ;;
  auto)
    if [ "$MODE" = cpu ] || [ -z "$TORCH_DIR" ] || nvcc_matches; then
      configure config || { [ -n "$TORCH_DIR" ] && configure manual; } || die "configure failed"
    else
      log "no nvcc matching torch's CUDA: LibTorch without its TorchConfig.cmake"
      configure manual || configure config || die "configure failed"
    fi ;;
  *) die "--torch-cmake: auto, config or manual" ;;
esac

BUILD_START=$(date +%s)
log "building mattestudio_gpucheck (-j$JOBS)"
if ! cmake --build "$BUILD" --target mattestudio_gpucheck -j "$JOBS" > "$WORK/build.log" 2>&1; then
  log "build failed; the end of $WORK/build.log:"
  grep -E "error|Error" "$WORK/build.log" | head -n 30 >&2 || true
  tail -n 30 "$WORK/build.log" >&2
  exit 2
fi
BUILD_SECONDS=$(( $(date +%s) - BUILD_START ))
BIN=$BUILD/bench/gpucheck/mattestudio_gpucheck
log "built in ${BUILD_SECONDS} s"

# --- inputs and checks ----------------------------------------------------------------------------
if [ -n "$FIXTURES" ]; then
  "$HOST_PYTHON" "$ROOT/bench/gpucheck/gpucheck.py" prepare-inputs --fixtures "$FIXTURES" --out "$WORK/inputs" >&2
fi
if [ -n "$PYTHON" ]; then
  "$HOST_PYTHON" "$ROOT/bench/gpucheck/gpucheck.py" env --python-torch --out "$WORK/env.json"
else
  "$HOST_PYTHON" "$ROOT/bench/gpucheck/gpucheck.py" env --out "$WORK/env.json"
fi

if [ "$MODE" = cuda ]; then
  DEVICE=cuda
  TRAIN=(--steps 200 --size 256 --batch 8 --pool 64 --window 20 --factor 0.7)
  BENCH=(--warmup 5 --runs 20)
else
  DEVICE=cpu
  TRAIN=(--steps 30 --size 96 --batch 4 --pool 16 --window 5 --factor 0.8)
  BENCH=(--tiny --warmup 1 --runs 2)
fi

# One process per check: a crash or a hang fails that check, not the report.
run_check() {  # name timeout args...
  local name=$1 limit=$2 rc=0 t0
  shift 2
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$BIN" "$name" --out "$CHECKS/$name.json" "$@" > "$WORK/$name.log" 2>&1 || rc=$?
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "timed out after $limit s" > "$CHECKS/$name.status"
    rm -f "$CHECKS/$name.json"
  elif [ ! -f "$CHECKS/$name.json" ]; then
    echo "exit code $rc; see $WORK/$name.log" > "$CHECKS/$name.status"
  fi
  log "$(printf '%-10s' "$name") $(tail -n 1 "$WORK/$name.log" 2>/dev/null | cut -c1-200) [$(( $(date +%s) - t0 )) s]"
}

run_check env 60 --device "$DEVICE"
if [ -n "$FIXTURES" ]; then
  run_check parity 300 --device "$DEVICE" --fixtures "$FIXTURES" --inputs "$WORK/inputs"
else
  echo "no parity fixtures found: give --fixtures DIR" > "$CHECKS/parity.status"
fi
run_check train 300 --device "$DEVICE" "${TRAIN[@]}"
run_check checkpoint 120 --device "$DEVICE" --work "$WORK/checkpoint"
run_check dist 240 --device "$DEVICE" --work "$WORK/dist" --timeout 120
run_check bench 400 --device "$DEVICE" "${BENCH[@]}"

rc=0
"$HOST_PYTHON" "$ROOT/bench/gpucheck/gpucheck.py" report --checks "$CHECKS" --env "$WORK/env.json" --out "$REPORT" \
  --mode "$MODE" --build-seconds "$BUILD_SECONDS" --total-seconds "$(( $(date +%s) - START ))" || rc=$?
exit $rc
