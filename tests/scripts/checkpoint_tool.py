#!/usr/bin/env python3
"""Python side of the checkpoint interchange tests (tst_checkpointio).

  compare <written.pth> <reference.pth> [--metadata]   torch.load(weights_only=True) the C++ file and
                                                       compare it with the Python one
  variants <outdir> <reference.pth>                    write checkpoint variants for the C++ reader
  read-safetensors <file> <reference.pth> <meta.json>  parse a C++-written safetensors file by hand

Exits 0 on success; prints what differs otherwise.
"""
import collections
import json
import os
import struct
import sys
import zipfile

import torch


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def same_bits(a, b):
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    return a.numel() == 0 or torch.equal(a.contiguous().view(-1).view(torch.uint8), b.contiguous().view(-1).view(torch.uint8))


def compare_dicts(got, ref):
    if list(got.keys()) != list(ref.keys()):
        fail("key order differs: %s vs %s" % (list(got.keys())[:5], list(ref.keys())[:5]))
    for k in ref:
        if not isinstance(got[k], torch.Tensor) or not same_bits(got[k].reshape(-1) if got[k].dim() == 0 else got[k],
                                                                   ref[k].reshape(-1) if ref[k].dim() == 0 else ref[k]):
            fail("tensor %s differs" % k)
        if got[k].dim() != ref[k].dim():
            fail("tensor %s has %d dims, expected %d" % (k, got[k].dim(), ref[k].dim()))


def compare(written, reference, want_metadata):
    got = torch.load(written, weights_only=True)
    ref = torch.load(reference)
    if type(got) is not collections.OrderedDict:
        fail("loaded a %s, not an OrderedDict" % type(got).__name__)
    compare_dicts(got, ref)
    if want_metadata:
        if getattr(got, "_metadata", None) != ref._metadata:
            fail("_metadata differs")
    elif hasattr(got, "_metadata"):
        fail("unexpected _metadata")
    print("ok: %d tensors" % len(got))


def special_tensors():
    """Tensors sharing one storage, with offsets and strides; the C++ test rebuilds the same values."""
    base = torch.arange(60, dtype=torch.float32).reshape(6, 10)
    return collections.OrderedDict([
        ("half", torch.linspace(-2, 2, 7).half()),
        ("base", base),
        ("view", base[1:4, 2::3]),
        ("transposed", base.t()),
        ("scalar", torch.tensor(7, dtype=torch.int64)),
        ("bf16", torch.linspace(-1, 1, 5).bfloat16()),
        ("flags", torch.tensor([True, False, True])),
        ("double", torch.linspace(0, 1, 3, dtype=torch.float64)),
    ])


def rezip(src, dst, compression, zip64):
    """Copies a torch.save archive with other ZIP settings (deflate; zip64 records everywhere)."""
    old_limit = zipfile.ZIP64_LIMIT
    if zip64:
        zipfile.ZIP64_LIMIT = 1  # makes zipfile write zip64 extra fields and end records for everything
    try:
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression) as zout:
            for info in zin.infolist():
                zout.writestr(info.filename, zin.read(info.filename), compress_type=compression)
    finally:
        zipfile.ZIP64_LIMIT = old_limit
    if list(torch.load(dst).keys()) != list(special_tensors().keys()):
        fail("rezipped %s does not load in Python" % dst)


def variants(outdir, reference):
    sd = torch.load(reference)
    torch.save(dict(sd), os.path.join(outdir, "plain_dict.pth"))
    torch.save({"model": sd, "optimizer": {"state": {}, "param_groups": [{"lr": 0.1, "params": [0, 1]}]}, "epoch": 3},
               os.path.join(outdir, "nested_model.pth"))
    torch.save({"epoch": 5, "best": 0.25, "state_dict": sd}, os.path.join(outdir, "nested_state_dict.pth"))
    prefixed = collections.OrderedDict(("module." + k, v) for k, v in sd.items())
    prefixed._metadata = collections.OrderedDict(("module" + ("." + k if k else ""), v) for k, v in sd._metadata.items())
    torch.save(prefixed, os.path.join(outdir, "module_prefix.pth"))
    torch.save(sd, os.path.join(outdir, "legacy.pth"), _use_new_zipfile_serialization=False)
    torch.save(special_tensors(), os.path.join(outdir, "special.pth"))
    torch.save(special_tensors(), os.path.join(outdir, "special_legacy.pth"), _use_new_zipfile_serialization=False)
    rezip(os.path.join(outdir, "special.pth"), os.path.join(outdir, "special_deflated.pth"), zipfile.ZIP_DEFLATED, False)
    rezip(os.path.join(outdir, "special.pth"), os.path.join(outdir, "special_zip64.pth"), zipfile.ZIP_STORED, True)
    torch.save(collections.OrderedDict(w=torch.nn.Parameter(torch.ones(2, 3))), os.path.join(outdir, "parameter.pth"))
    torch.save(sd, os.path.join(outdir, "protocol4.pth"), pickle_protocol=4)
    torch.save({"x": torch.zeros(1), "evil": os.system}, os.path.join(outdir, "forbidden.pth"))
    torch.save({"epoch": 3, "args": [1, 2]}, os.path.join(outdir, "no_state_dict.pth"))
    print(archive_features(os.path.join(outdir, "plain_dict.pth")))
    print("ok")


def archive_features(path):
    """What this torch.save wrote: its version, a .data/serialization_id record (newer 2.x) and
    whether every tensor record starts 64-byte aligned in the file (2.1 and later)."""
    with zipfile.ZipFile(path) as z, open(path, "rb") as raw:
        names = z.namelist()
        aligned = True
        for info in z.infolist():
            if "/data/" not in info.filename:
                continue
            raw.seek(info.header_offset + 26)
            name_len, extra_len = struct.unpack("<HH", raw.read(4))
            aligned &= (info.header_offset + 30 + name_len + extra_len) % 64 == 0
    version = ".".join(torch.__version__.split("+")[0].split(".")[:2])
    serialization_id = any(n.endswith("/.data/serialization_id") for n in names)
    return f"features torch={version} serialization_id={int(serialization_id)} aligned={int(aligned)}"


SAFETENSORS_DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "F64": torch.float64,
                      "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
                      "U8": torch.uint8, "BOOL": torch.bool}


def read_safetensors(path, reference, meta_json):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    data = blob[8 + n:]
    meta = header.pop("__metadata__", {})
    if meta != json.loads(meta_json):
        fail("metadata %r differs from %r" % (meta, meta_json))
    got = collections.OrderedDict()
    end = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        begin, stop = info["data_offsets"]
        if begin != end:
            fail("gap or overlap before %s" % name)
        end = stop
        dtype = SAFETENSORS_DTYPES[info["dtype"]]
        raw = bytearray(data[begin:stop])
        t = torch.frombuffer(raw, dtype=dtype) if raw else torch.empty(0, dtype=dtype)
        got[name] = t.reshape(info["shape"]).clone()
    if end != len(data):
        fail("trailing bytes after the last tensor")
    compare_dicts(got, torch.load(reference))
    print("ok: %d tensors" % len(got))


def main(argv):
    if len(argv) >= 3 and argv[0] == "compare":
        compare(argv[1], argv[2], "--metadata" in argv[3:])
    elif len(argv) == 3 and argv[0] == "variants":
        variants(argv[1], argv[2])
    elif len(argv) == 4 and argv[0] == "read-safetensors":
        read_safetensors(argv[1], argv[2], argv[3])
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv[1:])
