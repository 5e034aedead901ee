#!/usr/bin/env bash
# Builds and tests MatteStudio against LibTorch 2.x: Debian trixie (libtorch-dev 2.6, Qt 6.8,
# OpenCV 4.10, GCC 14) in a minbase root made with debootstrap from the Debian mirror this machine
# already uses. The root and its ccache live outside the clone (default /var/cache/mattestudio) so
# every clone and CI run on the machine reuses them.
#   scripts/trixie-env.sh test [ctest args]   make/refresh the root, build in it, run ctest
#   scripts/trixie-env.sh shell               an interactive shell in the root, the tree at /src
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${MATTESTUDIO_TRIXIE_CACHE:-/var/cache/mattestudio}
ROOT=$CACHE/trixie-root
CCACHE_DIR_HOST=$CACHE/ccache-trixie

# What the build and the suite need inside the root (the trixie names of ./dev's packages).
PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git xz-utils
  libtorch-dev libopenblas0-pthread
  libopencv-dev zlib1g-dev nlohmann-json3-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
  libqcustomplot-dev libgloo-dev
  python3 python3-torch python3-numpy
  xvfb xauth
)
STAMP="$ROOT/.mattestudio-packages"

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    exec sudo -E "$0" "$@"
  fi
}

# The Debian mirror the host's apt already uses: no host name is written into the project.
host_mirror() {
  local uri
  uri=$(grep -h -E '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$uri" ] || uri=$(grep -h -E '^\s*deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)
  [ -n "$uri" ] || { echo "trixie: no Debian mirror found in /etc/apt" >&2; exit 1; }
  echo "$uri"
}

# Runs a command inside the root with /proc, /dev and the tree mounted, in a private mount
# namespace: the mounts vanish with the command, even when it is killed.
in_root() {
  unshare --mount --propagation private -- bash -euc '
    root=$1; src=$2; cc=$3; shift 3
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mkdir -p "$root/src" "$root/ccache"
    mount --bind "$src" "$root/src"
    mount --bind "$cc" "$root/ccache"
    # The reference fixtures sit beside the clone (../shared), as the tests expect.
    if [ -d "$src/../shared" ]; then
      mkdir -p "$root/shared"
      mount --bind "$src/../shared" "$root/shared"
    fi
    [ -f /etc/resolv.conf ] && cp -L /etc/resolv.conf "$root/etc/resolv.conf" || true
    exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
      LANG=C.UTF-8 CI="${CI:-}" CCACHE_DIR=/ccache CCACHE_MAXSIZE=8G \
      CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime "$@"
  ' _ "$ROOT" "$SRC" "$CCACHE_DIR_HOST" "$@"
}

make_root() {
  mkdir -p "$CACHE" "$CCACHE_DIR_HOST"
  if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap; }
    echo "trixie: debootstrap into $ROOT"
    rm -rf "$ROOT.partial"
    debootstrap --variant=minbase trixie "$ROOT.partial" "$(host_mirror)"
    mv "$ROOT.partial" "$ROOT"
  fi
  if [ "$(cat "$STAMP" 2>/dev/null)" != "${PACKAGES[*]}" ]; then
    echo "trixie: installing packages"
    in_root bash -euc 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null' _ "${PACKAGES[@]}"
    echo "${PACKAGES[*]}" > "$STAMP"
  fi
}

cmd=${1:-test}
[ $# -gt 0 ] && shift
need_root "$cmd" "$@"
case "$cmd" in
  root) make_root ;;
  test)
    make_root
    in_root bash -euc '
      cd /src
      torch_version=$(python3 -c "import torch; print(torch.__version__)")
      echo "trixie: LibTorch $torch_version, $(g++ --version | head -n1)"
      cmake --preset trixie >/dev/null
      cmake --build --preset trixie
      QT_QPA_PLATFORM=offscreen ctest --preset trixie -j2 "$@"' _ "$@"
    ;;
  shell) make_root; in_root bash ;;
  *) echo "usage: scripts/trixie-env.sh [test [ctest args] | root | shell]" >&2; exit 2 ;;
esac
