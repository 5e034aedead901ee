#!/usr/bin/env python3
"""Independent computation of the BackgroundMattingV2 training losses (spec 4.4) with PyTorch,
for tst_losses. Reads raw float32 tensors <name>.bin described by shapes.json in DIR and prints
the loss terms as JSON. Written from the spec; shares no code with the C++ engine."""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F


def load(folder, shapes, name):
    data = np.fromfile(f"{folder}/{name}.bin", dtype=np.float32)
    return torch.from_numpy(data.reshape(shapes[name]))


def sobel(x):
    # kornia.filters.sobel(normalized=True): replicate pad, kernels / 8, magnitude with eps 1e-6.
    c = x.shape[1]
    kx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]) / 8.0
    ky = kx.t()
    padded = F.pad(x, (1, 1, 1, 1), mode="replicate")
    gx = F.conv2d(padded, kx.expand(c, 1, 3, 3).contiguous(), groups=c)
    gy = F.conv2d(padded, ky.expand(c, 1, 3, 3).contiguous(), groups=c)
    return torch.sqrt(gx * gx + gy * gy + 1e-6)


def resize(x, h, w):
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


def main():
    folder = sys.argv[1]
    shapes = json.load(open(f"{folder}/shapes.json"))
    t = {name: load(folder, shapes, name) for name in shapes}
    out = {}
    pha, fgr, tpha, tfgr = t["pha"], t["fgr"], t["true_pha"], t["true_fgr"]
    m = (tpha != 0).float()
    base = {
        "pha_l1": F.l1_loss(pha, tpha),
        "pha_grad": F.l1_loss(sobel(pha), sobel(tpha)),
        "fgr_l1": F.l1_loss(fgr * m, tfgr * m),
        "err_mse": F.mse_loss(t["err"], (pha - tpha).abs()),
    }
    out["base"] = {k: float(v) for k, v in base.items()}
    out["base"]["total"] = float(sum(base.values()))

    pha_sm, fgr_sm, err_sm = t["pha_sm"], t["fgr_sm"], t["err_sm"]
    h, w = tpha.shape[2:]
    hs, ws = pha_sm.shape[2:]
    tpha_sm, tfgr_sm = resize(tpha, hs, ws), resize(tfgr, hs, ws)
    m_sm = (tpha_sm != 0).float()
    refine = {
        "pha_l1": F.l1_loss(pha, tpha),
        "pha_sm_l1": F.l1_loss(pha_sm, tpha_sm),
        "pha_grad": F.l1_loss(sobel(pha), sobel(tpha)),
        "pha_sm_grad": F.l1_loss(sobel(pha_sm), sobel(tpha_sm)),
        "fgr_l1": F.l1_loss(fgr * m, tfgr * m),
        "fgr_sm_l1": F.l1_loss(fgr_sm * m_sm, tfgr_sm * m_sm),
        "err_mse": F.mse_loss(resize(err_sm, h, w), (resize(pha_sm, h, w) - tpha).abs()),
    }
    out["refine"] = {k: float(v) for k, v in refine.items()}
    out["refine"]["total"] = float(sum(refine.values()))
    # A flat image's gradient magnitude is sqrt(1e-6), not 0.
    out["sobel_flat"] = float(sobel(torch.full((1, 1, 4, 4), 0.5))[0, 0, 1, 1])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
