#!/usr/bin/env python3
"""Writes the Windows (.ico) and macOS (.icns) application icons from the PNG set in resources/.
Both formats are containers of PNG images: .ico (PNG entries, Windows Vista and later) and .icns
(icp4/icp5/ic07/ic08/ic09 entries). Run after changing the PNGs:  python3 scripts/make-platform-icons.py
"""
import pathlib
import struct

RES = pathlib.Path(__file__).resolve().parent.parent / "resources"


def png(size):
    return (RES / f"mattestudio-{size}.png").read_bytes()


def write_ico(sizes):
    entries, images = [], []
    offset = 6 + 16 * len(sizes)
    for size in sizes:
        data = png(size)
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    (RES / "mattestudio.ico").write_bytes(struct.pack("<HHH", 0, 1, len(sizes)) + b"".join(entries) + b"".join(images))


def write_icns(types):
    body = b"".join(struct.pack(">4sI", kind.encode(), 8 + len(png(size))) + png(size) for kind, size in types)
    (RES / "mattestudio.icns").write_bytes(struct.pack(">4sI", b"icns", 8 + len(body)) + body)


write_ico([16, 32, 48, 64, 128, 256])
write_icns([("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512)])
print("wrote", RES / "mattestudio.ico", "and", RES / "mattestudio.icns")
