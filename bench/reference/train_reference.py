#!/usr/bin/env python3
"""Trains MattingBase (mobilenetv2) with the reference's own training script, train_base.py of
PeterL1n/BackgroundMattingV2, on the CPU and on a MatteStudio dataset (dataset.json), for exactly
--steps optimizer steps, and saves the final weights (the reference's own
torch.save(model.state_dict())) to --output. To compare with `mattestudio --batch train`; see
compare_training.sh.

No reference code is kept in MatteStudio: the checkout given with --repo is copied to a temporary
folder and the edits listed by --list-changes (patch_reference.py) are applied to the copy -- CPU
placement, stand-ins for kornia and tensorboard (bench/reference/shims, put on PYTHONPATH for this
run only), the sample size, a step limit, seeding and the data paths. Everything else (model,
Adam groups and learning rates, losses, augmentation, data loading) is the reference's.

Needs /usr/bin/python3 with Debian's python3-torch, python3-torchvision, python3-pil, python3-tqdm.

  /usr/bin/python3 bench/reference/train_reference.py --repo /tmp/bmv2-ref --dataset DIR \
      --train-size 128 --batch-size 8 --steps 300 --seed 0 --threads 2 --output /tmp/ref-seed0.pth
  /usr/bin/python3 bench/reference/train_reference.py --list-changes
"""
import argparse
import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import patch_reference  # noqa: E402

MODEL_NAME = "bench"
DATASET_NAME = "bench"


def fail(message):
    print(f"train_reference.py: {message}", file=sys.stderr)
    sys.exit(1)


def read_dataset(path: Path):
    """dataset.json (or a folder holding it) -> absolute train/valid fgr, pha, backgrounds folders."""
    config = path / "dataset.json" if path.is_dir() else path
    if not config.is_file():
        fail(f"no dataset.json at {path}")
    j = json.loads(config.read_text(encoding="utf-8"))
    root = config.parent
    out = {}
    for split in ("train", "valid"):
        if split not in j:
            fail(f"{config} has no '{split}' split")
        for key in ("fgr", "pha", "backgrounds"):
            if key not in j[split]:
                fail(f"{config}: {split} has no '{key}'")
            folder = (root / j[split][key]).resolve()
            if not folder.is_dir():
                fail(f"{config}: {split}.{key} folder {folder} does not exist")
            out[(split, key)] = str(folder)
    return out


def count_images(folder):
    # The same files the reference's ImagesDataset picks up.
    return len(glob.glob(os.path.join(folder, "**", "*.jpg"), recursive=True) +
               glob.glob(os.path.join(folder, "**", "*.png"), recursive=True))


def write_data_path(copy: Path, folders):
    data_path = {
        DATASET_NAME: {split: {"fgr": folders[(split, "fgr")], "pha": folders[(split, "pha")]}
                       for split in ("train", "valid")},
        "backgrounds": {split: folders[(split, "backgrounds")] for split in ("train", "valid")},
    }
    (copy / "bench_data_path.py").write_text(
        "# Written by MatteStudio's bench/reference/train_reference.py: the dataset for this run.\n"
        f"DATA_PATH = {data_path!r}\n", encoding="utf-8")


def revision(repo: Path):
    try:
        return subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git work tree)"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", help="checkout of PeterL1n/BackgroundMattingV2 (not changed)")
    p.add_argument("--dataset", help="MatteStudio dataset.json, or the folder holding it")
    p.add_argument("--train-size", type=int, default=512, help="sample size N (reference: 512); crops are N/2..N-1")
    p.add_argument("--batch-size", type=int, default=8, help="reference default 8")
    p.add_argument("--steps", type=int, help="optimizer steps to run (epochs continue until then)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0, help="torch intra-op threads (0: torch's default)")
    p.add_argument("--num-workers", type=int, default=0,
                   help="the reference's --num-workers (DataLoader processes; 0: load in the training process)")
    p.add_argument("--output", help="where the final state_dict (.pth) goes")
    p.add_argument("--log-output", help="also copy the loss log (JSONL: tag, step, value, time) here")
    p.add_argument("--log-train-loss-interval", type=int, default=1,
                   help="the reference's flag of that name (its default 10 counts batches within an epoch, so an "
                        "epoch of under 10 batches never logs); only what is logged changes")
    p.add_argument("--work", help="folder for the patched copy and its checkpoint/, log/ (default: a temporary "
                                  "folder, removed afterwards); must be new or empty")
    p.add_argument("--python", default=sys.executable, help="interpreter for the reference (default: this one)")
    p.add_argument("--list-changes", action="store_true", help="print the edits made to the reference and exit")
    a = p.parse_args()

    if a.list_changes:
        patch_reference.list_changes()
        return 0
    for name in ("repo", "dataset", "steps", "output"):
        if getattr(a, name) is None:
            p.error(f"--{name.replace('_', '-')} is required")
    if a.steps <= 0 or a.batch_size <= 0 or a.train_size < 32:
        p.error("--steps and --batch-size must be positive and --train-size at least 32")

    repo = Path(a.repo).resolve()
    folders = read_dataset(Path(a.dataset).resolve())
    samples = max(count_images(folders[("train", "pha")]), count_images(folders[("train", "backgrounds")]))
    if samples == 0:
        fail("the training split has no images")
    per_epoch = -(-samples // a.batch_size)  # DataLoader keeps the last, smaller batch

    temporary = a.work is None
    work = Path(tempfile.mkdtemp(prefix="bmv2-train-")) if temporary else Path(a.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "reference"
    try:
        try:
            patch_reference.make_patched_copy(repo, copy)
        except RuntimeError as e:
            fail(str(e))
        write_data_path(copy, folders)

        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([str(HERE / "shims")] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        env["PYTHONHASHSEED"] = str(a.seed)
        if a.threads > 0:
            env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(a.threads)
        count_file = work / "optimizer-steps.txt"
        command = [a.python, str(HERE / "run_train_base.py"), "--count-file", str(count_file),
                   "--threads", str(a.threads), str(copy / "train_base.py"),
                   "--dataset-name", DATASET_NAME, "--model-backbone", "mobilenetv2", "--model-name", MODEL_NAME,
                   "--batch-size", str(a.batch_size), "--num-workers", str(a.num_workers),
                   "--epoch-end", str(10 ** 9), "--train-size", str(a.train_size),
                   "--max-steps", str(a.steps), "--seed", str(a.seed),
                   "--log-train-loss-interval", str(a.log_train_loss_interval)]
        train_sha = hashlib.sha256((repo / "train_base.py").read_bytes()).hexdigest()[:16]
        print(f"reference {repo} at {revision(repo)} (train_base.py sha256 {train_sha}...), "
              f"{len(patch_reference.EDITS)} edits (--list-changes)", flush=True)
        print(f"training MattingBase (mobilenetv2) on {samples} samples, {per_epoch} steps per epoch, "
              f"{a.steps} steps, size {a.train_size}, batch {a.batch_size}, seed {a.seed}", flush=True)
        start = time.monotonic()
        rc = subprocess.run(command, cwd=copy, env=env).returncode
        seconds = time.monotonic() - start
        if rc != 0:
            fail(f"the reference's train_base.py failed (exit {rc})")
        steps = int(count_file.read_text().strip()) if count_file.is_file() else -1
        if steps != a.steps:
            fail(f"the reference took {steps} optimizer steps, not {a.steps}")
        last_epoch = (a.steps - 1) // per_epoch
        final = copy / "checkpoint" / MODEL_NAME / f"epoch-{last_epoch}.pth"
        if not final.is_file():
            fail(f"the reference did not write {final}")
        out = Path(a.output)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(final, out)
        losses = []
        log = copy / "log" / MODEL_NAME / "scalars.jsonl"
        if log.is_file():
            losses = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
            if a.log_output:
                shutil.copyfile(log, a.log_output)
        last = [r for r in losses if r["tag"] == "loss"]
        tail = f", last logged loss {last[-1]['value']:.5f} at step {last[-1]['step']}" if last else ""
        print(f"finished {steps} steps in {seconds:.1f} s{tail}; final weights {out}", flush=True)
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
