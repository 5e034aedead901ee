#!/bin/sh
# Installs the Debian package that ./dev package built, runs the installed `mattestudio --batch demo`
# (a short training run and the matting of the samples) from outside the clone, checks what it
# wrote, and removes the package again. Needs root or sudo (apt-get).
set -eu
cd "$(dirname "$0")/.."
deb=$(ls build/default/mattestudio_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "check-deb: no package in build/default (run ./dev package)" >&2; exit 1; }
sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
echo "check-deb: installing $deb"
dpkg-deb --info "$deb" | sed -n 's/^ *\(Depends\|Installed-Size\):/  \1:/p'
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "./$deb" > /dev/null
trap 'DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -qq mattestudio > /dev/null || true; rm -rf "$work"' EXIT
work=$(mktemp -d /tmp/check-deb.XXXXXX)
for f in /usr/bin/mattestudio /usr/share/applications/io.github.mattestudio.MatteStudio.desktop \
         /usr/share/icons/hicolor/256x256/apps/io.github.mattestudio.MatteStudio.png; do
    [ -e "$f" ] || { echo "check-deb: the package did not install $f" >&2; exit 1; }
done
(cd "$work" && env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/mattestudio --batch demo --output-dir "$work/demo" --train-steps 3)
for f in demo/output/com/sample-000.png demo/output/pha/sample-003.jpg demo/images/src/video.mp4; do
    [ -s "$work/$f" ] || { echo "check-deb: the installed demo wrote no $f" >&2; exit 1; }
done
/usr/bin/mattestudio --batch --help > /dev/null 2>&1
echo "check-deb: installed, ran the demo, removed again"
