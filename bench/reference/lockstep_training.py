#!/usr/bin/env python3
"""Training in lockstep with the reference: MatteStudio's training step against the reference's,
from the same weights on the very same batches, step by step.

Where compare_training.sh measures what each tool's whole run ends with (and so mixes in each
tool's own random stream: data order, augmentation draws, initialisation), this takes the random
stream out. It

  1. cuts fixed batches from a synthetic dataset's training split (pha, fgr and background of one
     sample each, resized to --size, in file order; no augmentation), saved as one .pth;
  2. builds the reference's MattingBase (its model package, from --repo) with torch.manual_seed(0)
     and saves its initial weights;
  3. runs the reference's training step on them: its MattingBase, its compute_loss (taken from
     its train_base.py as it stands, by parsing the file, never copied), Adam with the groups and
     rates of its train_base.py (backbone 1e-4, aspp 5e-4, decoder 5e-4), the composite
     fgr * pha + bgr * (1 - pha), backward, step, zero_grad; float32 on the CPU (the reference's
     autocast is CUDA's: off on a CPU);
  4. runs mattestudio_lockstep (bench/lockstep: MatteStudio's model, loss, Adam groups and
     gradient clearing) on the same files;
  5. does both with 1 and with 2 threads. A thread count changes the order of floating-point sums,
     so the difference between a tool's two runs is the float noise of that tool, measured.

It prints the per-step losses and checks, per step and per tensor of the final weights, that the two
tools differ by no more than --factor times the larger of the two tools' own thread-count noise
(plus --floor times the loss or the tensor's largest magnitude, for steps where both noises happen to
be zero). Exits 1 when a check fails, 2 on a usage or setup error.

  lockstep_training.py --repo /tmp/bmv2-ref --dataset DIR --lockstep BUILD/bench/lockstep/mattestudio_lockstep
      [--steps 40] [--batch-size 4] [--size 128] [--factor 4] [--floor 1e-6] [--work DIR]
      [--ms-arg=--alpha-gradient-through-clamp]   (a negative control: a known difference that must fail)

Runs with /usr/bin/python3 (Debian's torch 1.13 and torchvision 0.14); bench/reference/shims
supplies kornia (for compute_loss's kornia.sobel), as for train_reference.py.
"""
import argparse
import ast
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fail(message, code=2):
    print(f"lockstep_training.py: {message}", file=sys.stderr)
    sys.exit(code)


def training_files(dataset: Path):
    """The training split's (pha, fgr, background) files, paired in sorted order as the reference's
    ImagesDataset lists them."""
    config = dataset / "dataset.json" if dataset.is_dir() else dataset
    j = json.loads(config.read_text(encoding="utf-8"))
    root = config.parent

    def listed(key):
        folder = (root / j["train"][key]).resolve()
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".png", ".jpg"))
        if not files:
            fail(f"no images in {folder}")
        return files

    pha, fgr, bgr = listed("pha"), listed("fgr"), listed("backgrounds")
    return [(pha[i], fgr[i], bgr[i % len(bgr)]) for i in range(min(len(pha), len(fgr)))]


def make_batches(files, steps, batch_size, size, out: Path):
    import torch
    import torch.nn.functional as F
    from PIL import Image

    def load(path, mode):
        image = Image.open(path).convert(mode)
        t = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
        t = t.view(image.height, image.width, len(mode)).permute(2, 0, 1).float().div(255)
        return F.interpolate(t[None], size=(size, size), mode="bilinear", align_corners=False)[0].clamp(0, 1)

    tensors = {}
    for step in range(steps):
        chosen = [files[(step * batch_size + k) % len(files)] for k in range(batch_size)]
        tensors[f"pha.{step}"] = torch.stack([load(p, "L") for p, _, _ in chosen]).contiguous()
        tensors[f"fgr.{step}"] = torch.stack([load(f, "RGB") for _, f, _ in chosen]).contiguous()
        tensors[f"bgr.{step}"] = torch.stack([load(b, "RGB") for _, _, b in chosen]).contiguous()
    torch.save(tensors, out)


def reference_compute_loss(repo: Path):
    """compute_loss as the reference's train_base.py defines it, compiled from that file."""
    source = (repo / "train_base.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    defs = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "compute_loss"]
    if not defs:
        fail(f"{repo}/train_base.py defines no compute_loss")
    import kornia
    import torch
    from torch.nn import functional as F

    namespace = {"torch": torch, "F": F, "kornia": kornia}
    exec(compile(ast.Module(body=defs, type_ignores=[]), str(repo / "train_base.py"), "exec"), namespace)
    return namespace["compute_loss"]


def reference_model(repo: Path):
    sys.path.insert(0, str(repo))
    from model import MattingBase  # the reference's model package

    return MattingBase


def run_reference(repo: Path, init: Path, batches: Path, steps: int, threads: int, out: Path):
    import torch

    torch.set_num_threads(threads)
    model = reference_model(repo)("mobilenetv2")
    model.load_state_dict(torch.load(init))
    model.train()
    compute_loss = reference_compute_loss(repo)
    optimizer = torch.optim.Adam([
        {"params": model.backbone.parameters(), "lr": 1e-4},
        {"params": model.aspp.parameters(), "lr": 5e-4},
        {"params": model.decoder.parameters(), "lr": 5e-4},
    ])
    data = torch.load(batches)
    torch.manual_seed(1)  # the dropout masks: mattestudio_lockstep draws the same from the same seed
    losses = []
    for step in range(steps):
        pha, fgr, bgr = data[f"pha.{step}"], data[f"fgr.{step}"], data[f"bgr.{step}"]
        src = fgr * pha + bgr * (1 - pha)
        pred_pha, pred_fgr, pred_err = model(src, bgr)[:3]
        loss = compute_loss(pred_pha, pred_fgr, pred_err, pha, fgr)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        losses.append(float(loss))
    torch.save(model.state_dict(), out)
    return losses


def run_mattestudio(binary: Path, init: Path, batches: Path, steps: int, threads: int, out: Path, extra):
    result = subprocess.run([str(binary), "--init", str(init), "--batches", str(batches), "--steps", str(steps),
                             "--threads", str(threads), "--out", str(out)] + extra, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"{binary} failed: {result.stderr.strip()}")
    return [float(line.split()[1]) for line in result.stdout.splitlines() if line.strip()]


def child(args):
    """--child: one reference run in a process of its own (torch's thread count is per process)."""
    losses = run_reference(Path(args.repo), Path(args.init), Path(args.batches), args.steps, args.threads,
                           Path(args.out))
    print(json.dumps(losses))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", required=True)
    parser.add_argument("--dataset")
    parser.add_argument("--lockstep")
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--size", type=int, default=128)
    parser.add_argument("--factor", type=float, default=4.0)
    parser.add_argument("--floor", type=float, default=1e-6)
    parser.add_argument("--work")
    parser.add_argument("--ms-arg", action="append", default=[],
                        help="an extra argument for mattestudio_lockstep (repeatable), e.g. "
                             "--alpha-gradient-through-clamp: a known difference the check must catch")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--init", help=argparse.SUPPRESS)
    parser.add_argument("--batches", help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args)
    if not args.dataset or not args.lockstep:
        fail("--dataset and --lockstep are required")
    repo, binary = Path(args.repo).resolve(), Path(args.lockstep).resolve()
    if not (repo / "train_base.py").is_file():
        fail(f"{repo} is no BackgroundMattingV2 checkout (no train_base.py)")
    if not binary.is_file():
        fail(f"no {binary}: build the tree first")
    work = Path(args.work or tempfile.mkdtemp(prefix="lockstep-"))
    work.mkdir(parents=True, exist_ok=True)

    import torch

    batches, init = work / "batches.pth", work / "init.pth"
    make_batches(training_files(Path(args.dataset).resolve()), args.steps, args.batch_size, args.size, batches)
    torch.manual_seed(0)
    torch.save(reference_model(repo)("mobilenetv2").state_dict(), init)

    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE / "shims"), os.environ.get("PYTHONPATH", "")]))
    runs = {}
    for threads in (1, 2):
        out = work / f"reference-{threads}.pth"
        result = subprocess.run([sys.executable, __file__, "--child", "--repo", str(repo), "--init", str(init),
                                 "--batches", str(batches), "--steps", str(args.steps), "--threads", str(threads),
                                 "--out", str(out)], capture_output=True, text=True, env=env)
        if result.returncode != 0:
            fail(f"the reference's run failed:\n{result.stderr.strip()}")
        runs[("reference", threads)] = (json.loads(result.stdout.strip().splitlines()[-1]), out)
        out = work / f"mattestudio-{threads}.pth"
        runs[("mattestudio", threads)] = (run_mattestudio(binary, init, batches, args.steps, threads, out,
                                                          args.ms_arg), out)

    failures = []
    print(f"{args.steps} steps, batch {args.batch_size}, {args.size} px, MattingBase mobilenetv2, float32 CPU; "
          f"allowed: {args.factor:g} x the larger thread-count noise + {args.floor:g} x the value")
    print("step  reference (1 thread)  mattestudio (1 thread)  |ms-ref| 1 thr  |ms-ref| 2 thr  noise ref  noise ms")
    worst_ratio, exact_steps = 0.0, 0
    for step in range(args.steps):
        r1, r2 = runs[("reference", 1)][0][step], runs[("reference", 2)][0][step]
        m1, m2 = runs[("mattestudio", 1)][0][step], runs[("mattestudio", 2)][0][step]
        noise = max(abs(r1 - r2), abs(m1 - m2))
        allowed = args.factor * noise + args.floor * abs(r1)
        beyond = []
        for threads, diff in ((1, abs(m1 - r1)), (2, abs(m2 - r2))):
            worst_ratio = max(worst_ratio, diff / allowed)
            if diff > allowed:
                beyond.append(threads)
                failures.append(f"step {step}, {threads} thread(s): the losses differ by {diff:.3e}, "
                                f"allowed {allowed:.3e}")
        exact_steps += m1 == r1 and m2 == r2
        print(f"{step:4d}  {r1:.12f}        {m1:.12f}          {abs(m1 - r1):.3e}       {abs(m2 - r2):.3e}"
              f"       {abs(r1 - r2):.3e}  {abs(m1 - m2):.3e}" + ("  <- beyond the noise" if beyond else ""))

    finals = {(tool, t): torch.load(runs[(tool, t)][1]) for tool in ("reference", "mattestudio") for t in (1, 2)}
    keys = set(finals[("reference", 1)])
    if keys != set(finals[("mattestudio", 1)]):
        failures.append(f"the final weights have different keys: {sorted(keys ^ set(finals[('mattestudio', 1)]))[:5]}")
    keys &= set(finals[("mattestudio", 1)])
    tensor_worst, exact_tensors = (0.0, ""), 0
    for key in sorted(keys):
        tensors = {k: v[key].double() for k, v in finals.items()}
        if tensors[("reference", 1)].shape != tensors[("mattestudio", 1)].shape:
            failures.append(f"{key}: shape {tuple(tensors[('reference', 1)].shape)} against "
                            f"{tuple(tensors[('mattestudio', 1)].shape)}")
            continue
        maxdiff = lambda a, b: (tensors[a] - tensors[b]).abs().max().item() if tensors[a].numel() else 0.0
        noise = max(maxdiff(("reference", 1), ("reference", 2)), maxdiff(("mattestudio", 1), ("mattestudio", 2)))
        magnitude = tensors[("reference", 1)].abs().max().item() if tensors[("reference", 1)].numel() else 0.0
        allowed = args.factor * noise + args.floor * magnitude
        same = True
        for t in (1, 2):
            diff = maxdiff(("mattestudio", t), ("reference", t))
            same = same and diff == 0
            ratio = diff / allowed if allowed > 0 else (0.0 if diff == 0 else float("inf"))
            tensor_worst = max(tensor_worst, (ratio, key))
            if diff > allowed:
                failures.append(f"{key}, {t} thread(s): the final weights differ by {diff:.3e}, allowed {allowed:.3e}")
        exact_tensors += same
    print(f"losses: {exact_steps} of {args.steps} steps identical to the last bit at 1 and 2 threads; worst "
          f"|ms-ref| / allowed = {worst_ratio:.3g}")
    print(f"final weights: {exact_tensors} of {len(keys)} tensors identical to the last bit at 1 and 2 threads; "
          f"worst |ms-ref| / allowed = {tensor_worst[0]:.3g} ({tensor_worst[1] or '-'})")
    print(f"work folder: {work}")
    if failures:
        print(f"{len(failures)} check(s) beyond the float noise:\n  " + "\n  ".join(failures[:20]))
        sys.exit(1)
    print("MatteStudio's training steps match the reference's within the measured float noise")


if __name__ == "__main__":
    main()
