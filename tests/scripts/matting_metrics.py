#!/usr/bin/env python3
"""Independent numpy-only implementation of the matting metrics of engine/train/Metrics.h, for
tests/engine/tst_metrics.cpp. Written separately from the C++ on purpose: 2-D kernels applied by a
true convolution of shifted slices (the C++ uses separable OpenCV filters), and a plain flood-fill
labelling (the C++ uses OpenCV's connected components).

usage: matting_metrics.py PRED.bin TRUE.bin B H W
  .bin: raw little-endian float32 (B,1,H,W). Prints a JSON list, one {sad, mse, grad, conn} per image.
"""
import json
import math
import sys

import numpy as np

SIGMA = 1.4
EPSILON = 1e-2
CONN_STEP = 0.1
CONN_STEPS = 10
CONN_MIN_DISTANCE = 0.15


def gauss(x, s):
    return np.exp(-x ** 2 / (2 * s * s)) / (s * math.sqrt(2 * math.pi))


def dgauss(x, s):
    return -x * gauss(x, s) / (s * s)


def gradient_kernels():
    half = int(math.ceil(SIGMA * math.sqrt(-2 * math.log(math.sqrt(2 * math.pi) * SIGMA * EPSILON))))
    offsets = np.arange(-half, half + 1, dtype=np.float64)
    # hx[i, j] = g(i - half) * dg(j - half): smooths down the rows, differentiates along x.
    hx = np.outer(gauss(offsets, SIGMA), dgauss(offsets, SIGMA))
    hx = hx / np.sqrt(np.sum(hx * hx))
    return hx, hx.T


def convolve_replicate(image, kernel):
    """out[y, x] = sum_ij kernel[i, j] * image[y - (i - r), x - (j - r)], edges replicated."""
    r = kernel.shape[0] // 2
    h, w = image.shape
    padded = np.pad(image, r, mode="edge")
    out = np.zeros_like(image)
    for i in range(kernel.shape[0]):
        for j in range(kernel.shape[1]):
            out += kernel[i, j] * padded[2 * r - i:2 * r - i + h, 2 * r - j:2 * r - j + w]
    return out


def gradient_error(pred, true):
    hx, hy = gradient_kernels()

    def amplitude(a):
        return np.sqrt(convolve_replicate(a, hx) ** 2 + convolve_replicate(a, hy) ** 2)

    return float(np.sum((amplitude(pred) - amplitude(true)) ** 2) / 1000)


def largest_component(mask):
    """Largest 4-connected component of a boolean mask; ties: the one met first in row-major order."""
    h, w = mask.shape
    cells = mask.tolist()
    labels = [[0] * w for _ in range(h)]
    best, best_size, count = 0, 0, 0
    for y in range(h):
        for x in range(w):
            if not cells[y][x] or labels[y][x]:
                continue
            count += 1
            labels[y][x] = count
            stack, size = [(y, x)], 0
            while stack:
                cy, cx = stack.pop()
                size += 1
                for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                    if 0 <= ny < h and 0 <= nx < w and cells[ny][nx] and not labels[ny][nx]:
                        labels[ny][nx] = count
                        stack.append((ny, nx))
            if size > best_size:
                best, best_size = count, size
    return np.array(labels) == best if best else np.zeros_like(mask)


def connectivity_error(pred, true):
    level = np.full(pred.shape, -1.0)
    for i in range(1, CONN_STEPS + 1):
        threshold = i * CONN_STEP
        omega = largest_component((pred >= threshold) & (true >= threshold))
        level[(level == -1) & ~omega] = (i - 1) * CONN_STEP
    level[level == -1] = 1.0

    def phi(a):
        d = a - level
        return 1 - d * (d >= CONN_MIN_DISTANCE)

    return float(np.sum(np.abs(phi(pred) - phi(true))) / 1000)


def metrics(pred, true):
    pred = np.clip(pred.astype(np.float64), 0, 1)
    true = np.clip(true.astype(np.float64), 0, 1)
    return {
        "sad": float(np.sum(np.abs(pred - true)) / 1000),
        "mse": float(np.mean((pred - true) ** 2)),
        "grad": gradient_error(pred, true),
        "conn": connectivity_error(pred, true),
    }


def main():
    pred_path, true_path, b, h, w = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])
    pred = np.fromfile(pred_path, dtype="<f4").reshape(b, h, w)
    true = np.fromfile(true_path, dtype="<f4").reshape(b, h, w)
    print(json.dumps([metrics(pred[i], true[i]) for i in range(b)]))


if __name__ == "__main__":
    main()
