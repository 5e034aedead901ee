#!/usr/bin/env python3
"""Launcher used by train_reference.py: runs a (patched) train_base.py as __main__ in this process,
after setting torch's thread count, and counts the optimizer steps it takes (torch.optim.Adam.step
calls) into a file, so the harness can check that exactly --max-steps steps were run. Without
OpenCV installed it registers shims/cv2_stub.py as cv2 (imported, never used, by the reference's
dataset package).

  run_train_base.py --count-file F [--threads T] TRAIN_BASE_PY [its arguments...]
"""
import importlib.util
import os
import runpy
import sys

import torch


def main():
    argv = sys.argv[1:]
    count_file, threads = None, 0
    while argv and argv[0].startswith("--"):
        flag = argv.pop(0)
        if flag == "--count-file":
            count_file = argv.pop(0)
        elif flag == "--threads":
            threads = int(argv.pop(0))
        else:
            raise SystemExit(f"run_train_base.py: unknown option {flag}")
    if not argv or count_file is None:
        raise SystemExit("usage: run_train_base.py --count-file F [--threads T] TRAIN_BASE_PY [args...]")
    script = os.path.abspath(argv[0])
    if threads > 0:
        torch.set_num_threads(threads)

    steps = [0]
    adam_step = torch.optim.Adam.step

    def counted_step(self, *args, **kwargs):
        steps[0] += 1
        return adam_step(self, *args, **kwargs)

    torch.optim.Adam.step = counted_step
    if importlib.util.find_spec("cv2") is None:
        # The reference's dataset package imports cv2 (for VideoDataset, unused by train_base.py).
        import cv2_stub  # bench/reference/shims, on PYTHONPATH
        sys.modules["cv2"] = cv2_stub
    sys.argv = [script] + argv[1:]
    sys.path.insert(0, os.path.dirname(script))
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        with open(count_file, "w") as f:
            f.write(f"{steps[0]}\n")


if __name__ == "__main__":
    main()
