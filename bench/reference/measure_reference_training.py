#!/usr/bin/env python3
"""Times the reference's training step (train_base.py / train_refine.py) on this machine, for
docs/performance.md. Uses the reference repository's model code (pass its checkout with --ref) on
random tensors, with the reference's optimizer groups and loss terms; kornia's sobel and resize
are written out here (kornia is not packaged for Debian). Data loading is not included, so this
is the model step only (forward, loss, backward, Adam) -- the part both implementations share.

  /usr/bin/python3 bench/reference/measure_reference_training.py --ref /tmp/bmv2-ref \
      --model-type mattingbase --backbone mobilenetv2 --size 256 --batch 4 --steps 10
"""
import argparse
import resource
import sys
import time

import torch
import torch.nn.functional as F


def sobel(x):
    c = x.shape[1]
    kx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]) / 8.0
    k = torch.stack([kx, kx.t()]).unsqueeze(1).repeat(c, 1, 1, 1)
    g = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), k, groups=c)
    gx, gy = g[:, 0::2], g[:, 1::2]
    return torch.sqrt(gx * gx + gy * gy + 1e-6)


def resize(x, size):
    return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


def base_loss(pha, fgr, err, tpha, tfgr):
    m = tpha != 0
    return (F.l1_loss(pha, tpha) + F.l1_loss(sobel(pha), sobel(tpha)) + F.l1_loss(fgr * m, tfgr * m)
            + F.mse_loss(err, (pha.detach() - tpha).abs()))


def refine_loss(pha, fgr, pha_sm, fgr_sm, err_sm, tpha, tfgr):
    tpha_sm = resize(tpha, pha_sm.shape[2:])
    tfgr_sm = resize(tfgr, pha_sm.shape[2:])
    m, m_sm = tpha != 0, tpha_sm != 0
    return (F.l1_loss(pha, tpha) + F.l1_loss(pha_sm, tpha_sm) + F.l1_loss(sobel(pha), sobel(tpha))
            + F.l1_loss(sobel(pha_sm), sobel(tpha_sm)) + F.l1_loss(fgr * m, tfgr * m)
            + F.l1_loss(fgr_sm * m_sm, tfgr_sm * m_sm)
            + F.mse_loss(resize(err_sm, tpha.shape[2:]), (resize(pha_sm, tpha.shape[2:]) - tpha).abs()))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ref", required=True)
    p.add_argument("--model-type", default="mattingbase")
    p.add_argument("--backbone", default="mobilenetv2")
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--fixed-size", type=int, nargs=2, metavar=("W", "H"),
                   help="train on exactly W x H (no random crop), to compare with `bench --train-step`")
    a = p.parse_args()
    sys.path.insert(0, a.ref)
    from model import MattingBase, MattingRefine
    if a.threads:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.model_type == "mattingbase":
        model = MattingBase(a.backbone)
        opt = torch.optim.Adam([{"params": model.backbone.parameters(), "lr": 1e-4},
                                {"params": model.aspp.parameters(), "lr": 5e-4},
                                {"params": model.decoder.parameters(), "lr": 5e-4}])
    else:
        # Exactly 80,000 px refined per image (no oversampling guard): random weights leave a random
        # share of the error map at zero, which would make the refined area differ between runs.
        model = MattingRefine(a.backbone, backbone_scale=0.25, refine_mode="sampling",
                              refine_sample_pixels=80000, refine_threshold=0.7, refine_kernel_size=3,
                              refine_prevent_oversampling=False)
        opt = torch.optim.Adam([{"params": model.backbone.parameters(), "lr": 5e-5},
                                {"params": model.aspp.parameters(), "lr": 5e-5},
                                {"params": model.decoder.parameters(), "lr": 1e-4},
                                {"params": model.refiner.parameters(), "lr": 3e-4}])
    model.train()
    s, b = max([a.size] + (a.fixed_size or [])), a.batch

    phases = []  # per step: forward, loss, backward, optimizer seconds

    def train_step(tpha, tfgr, bgr):
        t = [time.perf_counter()]
        src = tfgr * tpha + bgr * (1 - tpha)
        if a.model_type == "mattingbase":
            pha, fgr, err, _ = model(src, bgr)
            t.append(time.perf_counter())
            loss = base_loss(pha, fgr, err, tpha, tfgr)
        else:
            pha, fgr, pha_sm, fgr_sm, err_sm, _ = model(src, bgr)
            t.append(time.perf_counter())
            loss = refine_loss(pha, fgr, pha_sm, fgr_sm, err_sm, tpha, tfgr)
        t.append(time.perf_counter())
        loss.backward()
        t.append(time.perf_counter())
        opt.step()
        opt.zero_grad()
        t.append(time.perf_counter())
        phases.append([t[i + 1] - t[i] for i in range(4)])

    times = []
    for step in range(a.warmup + a.steps):
        if a.fixed_size:
            w, h = a.fixed_size
            tpha, tfgr, bgr = torch.rand(b, 1, h, w), torch.rand(b, 3, h, w), torch.rand(b, 3, h, w)
            t0 = time.perf_counter()
            train_step(tpha, tfgr, bgr)
        else:
            tpha = torch.rand(b, 1, s, s)
            tfgr, bgr = torch.rand(b, 3, s, s), torch.rand(b, 3, s, s)
            t0 = time.perf_counter()
            # The reference's batch-level random crop: base crops to [S/2, S) after resizing to the
            # larger side; refine to multiples of 4 (so the model sees ~0.75 S on average).
            rng = torch.Generator().manual_seed(step)
            w = int(torch.randint(s // 2, s, (1,), generator=rng))
            h = int(torch.randint(s // 2, s, (1,), generator=rng))
            if a.model_type != "mattingbase":
                w, h = w // 4 * 4, h // 4 * 4
            m = max(w, h)

            def crop(x):
                x = resize(x, (m, m))
                t, l = (m - h) // 2, (m - w) // 2
                return x[:, :, t:t + h, l:l + w]
            train_step(crop(tpha), crop(tfgr), crop(bgr))
        if step >= a.warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    timed = phases[a.warmup:]
    medians = [sorted(p[i] for p in timed)[len(timed) // 2] * 1000 for i in range(4)]
    med = times[len(times) // 2]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = f"{a.fixed_size[0]}x{a.fixed_size[1]}" if a.fixed_size else f"{s}x{s} (random crop)"
    print(f"reference {a.model_type} {a.backbone} {size} batch {b}: median step {med*1000:.0f} ms, "
          f"{1/med:.2f} steps/s, {b/med:.1f} img/s, peak RSS {rss:.0f} MiB, threads {torch.get_num_threads()}")
    print("median phases: forward {:.1f} ms, loss {:.1f} ms, backward {:.1f} ms, optimizer {:.1f} ms".format(*medians))


if __name__ == "__main__":
    main()
