#!/usr/bin/env python3
"""Checks bench/reference/shims/kornia against the real kornia 0.4.1 source (the version the
reference pins), on random tensors: every function train_base.py uses, with the same seeds.
kornia 0.4.1 calls torch.solve, which torch 1.13 no longer has; this script supplies it (from
torch.linalg.solve) for the real kornia only.

  git --git-dir=KORNIA_GIT archive v0.4.1 kornia | tar -x -C /tmp/kornia041
  /usr/bin/python3 bench/reference/check_kornia_shim.py --kornia-src /tmp/kornia041
"""
import argparse
import sys
from pathlib import Path

import torch


def load(path):
    for name in [m for m in sys.modules if m == "kornia" or m.startswith("kornia.")]:
        del sys.modules[name]
    sys.path.insert(0, str(path))
    try:
        import kornia
    finally:
        sys.path.pop(0)
    return kornia


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kornia-src", required=True, help="folder holding kornia 0.4.1's kornia/ package")
    p.add_argument("--tolerance", type=float, default=1e-4)
    a = p.parse_args()
    torch.solve = lambda b, A: (torch.linalg.solve(A, b), None)  # for the real kornia's crop_by_boxes
    real = load(Path(a.kornia_src).resolve())
    shim = load(Path(__file__).resolve().parent / "shims")
    print(f"real: {real.__file__}\nshim: {shim.__file__}")
    torch.manual_seed(0)
    x = torch.rand(3, 1, 45, 57)
    y = torch.rand(2, 3, 61, 61)
    checks = [("sobel", lambda k: k.sobel(x))]
    checks += [(f"box_blur {n}x{n}", lambda k, n=n: k.filters.box_blur(x, (n, n))) for n in (20, 23, 31, 39)]
    checks += [("resize 80x80", lambda k: k.resize(y, (80, 80))), ("resize 40x40", lambda k: k.resize(y, (40, 40)))]
    checks += [(f"center_crop {h}x{w}", lambda k, h=h, w=w: k.center_crop(y, (h, w)))
               for h, w in ((40, 51), (61, 30), (33, 33), (60, 60), (61, 61))]

    def jitter(k, seed):
        torch.manual_seed(seed)
        return k.augmentation.ColorJitter(0.18, 0.18, 0.18, 0.1)(y)
    checks += [(f"ColorJitter seed {s}", lambda k, s=s: jitter(k, s)) for s in range(4)]

    def sobel_grad(k):
        t = x.clone().requires_grad_()
        k.sobel(t).sum().backward()
        return t.grad
    checks.append(("sobel gradient", sobel_grad))

    worst = 0.0
    for name, f in checks:
        d = (f(real) - f(shim)).abs().max().item()
        worst = max(worst, d)
        print(f"{name:24s} max |real - shim| = {d:.3g}")
    ok = worst <= a.tolerance
    print("OK" if ok else f"FAILED: {worst:.3g} > {a.tolerance}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
