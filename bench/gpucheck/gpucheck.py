#!/usr/bin/env python3
"""Python side of scripts/gpu-check.sh (standard library only; torch is used when importable).

  gpucheck.py prepare-inputs --fixtures DIR --out DIR
      Decodes every fixture's src.png / bgr.png into raw H x W x 3 uint8 RGB (<fixture>/src.u8,
      bgr.u8) for mattestudio_gpucheck, which has no image library, and unpacks checkpoints that
      ship as .tar.xz (<fixture>/model.pth).
  gpucheck.py env --out FILE [--python-torch]
      The machine: OS, CPU, Python, and where importable torch's version, CUDA, cuDNN and GPUs;
      nvidia-smi's driver and GPU names.
  gpucheck.py report --checks DIR --env FILE --out FILE --mode cpu|cuda
      Merges the per-check JSON files into one report, prints a summary; exit 1 if a check failed.
"""
import argparse
import json
import os
import platform
import shutil
import struct
import subprocess
import sys
import tarfile
import zlib

CHECKS = ["env", "parity", "train", "checkpoint", "dist", "bench"]


# --- PNG (8-bit RGB / RGBA, non-interlaced: what the fixtures are) ----------------------------

def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(path):
    """Returns (height, width, bytes of H*W*3 RGB)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]:
            raise ValueError(f"{path}: CRC error in chunk {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise ValueError(f"{path}: no IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        raise ValueError(f"{path}: only 8-bit RGB/RGBA non-interlaced PNGs are supported "
                         f"(depth {depth}, colour type {colour}, interlace {interlace})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    out = bytearray(height * stride)
    prev = bytearray(stride)
    pos = 0
    for y in range(height):
        kind = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:  # Average
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                if i >= bpp:
                    line[i] = (line[i] + _paeth(line[i - bpp], prev[i], prev[i - bpp])) & 0xFF
                else:
                    line[i] = (line[i] + prev[i]) & 0xFF
        elif kind != 0:
            raise ValueError(f"{path}: unknown filter {kind} in row {y}")
        out[y * stride:(y + 1) * stride] = line
        prev = line
    if bpp == 4:
        rgb = bytearray(height * width * 3)
        rgb[0::3], rgb[1::3], rgb[2::3] = out[0::4], out[1::4], out[2::4]
        out = rgb
    return height, width, bytes(out)


def prepare_inputs(args):
    fixtures, out = args.fixtures, args.out
    names = sorted(n for n in os.listdir(fixtures) if os.path.isfile(os.path.join(fixtures, n, "manifest.json")))
    if not names:
        sys.exit(f"gpucheck.py: no fixtures (folders with manifest.json) in {fixtures}")
    for name in names:
        with open(os.path.join(fixtures, name, "manifest.json")) as f:
            manifest = json.load(f)
        target = os.path.join(out, name)
        os.makedirs(target, exist_ok=True)
        for which in ("src", "bgr"):
            h, w, rgb = decode_png(os.path.join(fixtures, name, which + ".png"))
            if (h, w) != (manifest["input"]["H"], manifest["input"]["W"]):
                sys.exit(f"gpucheck.py: {name}/{which}.png is {w}x{h}, the manifest says "
                         f"{manifest['input']['W']}x{manifest['input']['H']}")
            with open(os.path.join(target, which + ".u8"), "wb") as f:
                f.write(rgb)
        archive = manifest["checkpoint"]["file"]
        if archive.endswith(".tar.xz"):
            model = os.path.join(target, "model.pth")
            size = manifest["checkpoint"].get("extracted_bytes")
            if not (os.path.isfile(model) and (size is None or os.path.getsize(model) == size)):
                with tarfile.open(os.path.join(fixtures, archive), "r:xz") as tar:
                    member = next(m for m in tar.getmembers() if m.name.endswith("model.pth"))
                    with tar.extractfile(member) as src, open(model + ".part", "wb") as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                os.replace(model + ".part", model)
    print(f"inputs: {len(names)} fixtures decoded into {out}")


# --- environment -----------------------------------------------------------------------------

def environment(args):
    env = {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }
    try:
        with open("/proc/cpuinfo") as f:
            env["cpu"] = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    if args.python_torch:
        try:
            import torch
            env["torch"] = torch.__version__
            env["torch_cuda"] = torch.version.cuda
            env["cuda_available"] = torch.cuda.is_available()
            if torch.cuda.is_available():
                env["cudnn"] = torch.backends.cudnn.version()
                env["gpus"] = [{"name": torch.cuda.get_device_name(i),
                                "capability": ".".join(map(str, torch.cuda.get_device_capability(i))),
                                "memory_gib": round(torch.cuda.get_device_properties(i).total_memory / 2**30, 1)}
                               for i in range(torch.cuda.device_count())]
        except Exception as e:  # noqa: BLE001 - reported, not fatal
            env["torch_error"] = str(e)
    if shutil.which("nvidia-smi"):
        try:
            out = subprocess.run(["nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                                  "--format=csv,noheader"], capture_output=True, text=True, timeout=30).stdout
            env["nvidia_smi"] = [l.strip() for l in out.splitlines() if l.strip()]
            head = subprocess.run(["nvidia-smi"], capture_output=True, text=True, timeout=30).stdout
            for token in head.split("|"):
                if "CUDA Version" in token:
                    env["driver_cuda_version"] = token.split("CUDA Version:")[1].strip().split()[0]
        except Exception as e:  # noqa: BLE001
            env["nvidia_smi_error"] = str(e)
    with open(args.out, "w") as f:
        json.dump(env, f, indent=2)


# --- report ----------------------------------------------------------------------------------

def report(args):
    with open(args.env) as f:
        env = json.load(f)
    checks, failed = [], []
    for name in CHECKS:
        path = os.path.join(args.checks, name + ".json")
        if os.path.isfile(path):
            with open(path) as f:
                check = json.load(f)
        else:
            status_path = os.path.join(args.checks, name + ".status")
            why = open(status_path).read().strip() if os.path.isfile(status_path) else "did not run"
            check = {"name": name, "status": "fail", "reason": f"wrote no result ({why})", "items": []}
        if name == "env":
            env["libtorch"] = (check.get("items") or [{}])[0].get("numbers", {})
            continue
        checks.append(check)
        if check["status"] == "fail":
            failed.append(name)
    result = {
        "mode": args.mode,
        "status": "fail" if failed else "pass",
        "failed": failed,
        "environment": env,
        "build_seconds": args.build_seconds,
        "total_seconds": args.total_seconds,
        "checks": checks,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")

    print(f"\nGPU check ({args.mode}): {result['status'].upper()}   report: {args.out}")
    lt = env.get("libtorch", {})
    gpus = ", ".join(g["name"] for g in env.get("gpus", [])) or ", ".join(env.get("nvidia_smi", [])) or "none"
    print(f"  LibTorch {lt.get('libtorch_version', '?')}, GPU: {gpus}")
    for check in checks:
        line = f"  {check['name']:<11} {check['status']:<8} {check.get('seconds', 0):7.1f} s"
        if check.get("reason"):
            line += "  " + check["reason"][:300]
        print(line)
        for item in check.get("items", []):
            if item["status"] == "fail":
                print(f"      fail: {item['name']}: {item.get('reason', '')[:300]}")
    bench = next((c for c in checks if c["name"] == "bench"), None)
    if bench:
        for item in bench.get("items", []):
            n = item.get("numbers", {})
            if "median_ms" in n:
                print(f"      {item['name']:<36} {n['median_ms']:9.2f} ms  {n['frames_per_second']:8.2f} frames/s")
    train = next((c for c in checks if c["name"] == "train"), None)
    if train:
        for item in train.get("items", []):
            n = item.get("numbers", {})
            if "loss_first_mean" in n:
                print(f"      {item['name']}: loss {n['loss_first_mean']:.4f} -> {n['loss_last_mean']:.4f} "
                      f"(x{n['loss_ratio']:.2f}), {n['skipped_steps']} skipped, {n['ms_per_step_after_first']:.1f} ms/step")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare-inputs")
    p.add_argument("--fixtures", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("env")
    p.add_argument("--out", required=True)
    p.add_argument("--python-torch", action="store_true")
    p = sub.add_parser("report")
    p.add_argument("--checks", required=True)
    p.add_argument("--env", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--mode", required=True)
    p.add_argument("--build-seconds", type=float, default=0)
    p.add_argument("--total-seconds", type=float, default=0)
    args = parser.parse_args()
    if args.command == "prepare-inputs":
        prepare_inputs(args)
        return 0
    if args.command == "env":
        environment(args)
        return 0
    return report(args)


if __name__ == "__main__":
    sys.exit(main())
