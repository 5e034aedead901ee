#!/usr/bin/env python3
"""Copies a checkout of the reference (PeterL1n/BackgroundMattingV2) to a new folder and applies the
edits listed in EDITS there, by exact string replacement. Every edit states how many times its old
text must occur; if a file or a string is missing or occurs a different number of times, nothing is
run and the script fails with the edit that did not apply. The checkout itself is never changed, and
no reference code lives in this repository: only the short strings that are replaced.

  /usr/bin/python3 bench/reference/patch_reference.py --list-changes
  /usr/bin/python3 bench/reference/patch_reference.py --repo /tmp/bmv2-ref --out /tmp/bmv2-patched

Kinds of edit (reason column): cpu = what running on the CPU needs; debian = replaces something the
reference imports that Debian 12 lacks; size = makes it runnable at our size, step count, seed and data.
Things that needed no edit: torch.cuda.amp.autocast and GradScaler switch themselves off (with a
warning) without CUDA, DataLoader's pin_memory=True is ignored without CUDA, `import kornia` finds
bench/reference/shims/kornia on PYTHONPATH, the worker count is the reference's --num-workers flag.
"""
import argparse
import shutil
import sys
from pathlib import Path

TRAIN = "train_base.py"

# (file, old, new, expected occurrences of old, kind, reason)
EDITS = [
    (TRAIN,
     "from torch.utils.tensorboard import SummaryWriter",
     "from tensorboard_shim import SummaryWriter",
     1, "debian",
     "tensorboard is not in Debian: bench/reference/shims/tensorboard_shim.py writes add_scalar to "
     "log/<name>/scalars.jsonl and drops images"),
    (TRAIN,
     "from data_path import DATA_PATH",
     "from bench_data_path import DATA_PATH",
     1, "size",
     "data paths: bench_data_path.py (written into the copy by train_reference.py) points the dataset "
     "name 'bench' and 'backgrounds' at our dataset.json's folders; data_path.py only has placeholders"),
    (TRAIN,
     "parser.add_argument('--checkpoint-interval', type=int, default=5000)\n",
     "parser.add_argument('--checkpoint-interval', type=int, default=5000)\n"
     "parser.add_argument('--train-size', type=int, default=512)\n"
     "parser.add_argument('--max-steps', type=int, default=0)\n"
     "parser.add_argument('--seed', type=int, default=0)\n",
     1, "size",
     "new flags for the sample size (default 512, the reference's), a step limit (0: none) and a seed"),
    (TRAIN,
     "args = parser.parse_args()\n",
     "args = parser.parse_args()\n"
     "random.seed(args.seed)\n"
     "torch.manual_seed(args.seed)\n",
     1, "size",
     "seeding: Python's random (crop size, blur radius, shadow/noise strength) and torch's generator "
     "(initial weights, shuffling, torchvision transforms, the kornia shim); the reference seeds nothing"),
    (TRAIN,
     "(512, 512)",
     "(args.train_size, args.train_size)",
     4, "size",
     "the four RandomAffineAndResize sizes (train/valid foreground pairs and backgrounds) hard-coded "
     "to 512 become --train-size"),
    (TRAIN,
     "range(256, 512)",
     "range(args.train_size // 2, args.train_size)",
     2, "size",
     "random_crop's width and height, hard-coded to 256..511, become train_size/2 .. train_size-1"),
    (TRAIN,
     "model = MattingBase(args.model_backbone).cuda()",
     "model = MattingBase(args.model_backbone)",
     1, "cpu",
     "the model stays on the CPU"),
    (TRAIN,
     ".cuda(non_blocking=True)",
     "",
     6, "cpu",
     "the batches stay on the CPU (3 tensors in train(), 3 in valid())"),
    (TRAIN,
     "                torch.save(model.state_dict(), f'checkpoint/{args.model_name}/epoch-{epoch}-iter-{step}.pth')\n",
     "                torch.save(model.state_dict(), f'checkpoint/{args.model_name}/epoch-{epoch}-iter-{step}.pth')\n"
     "\n"
     "            if args.max_steps and step + 1 >= args.max_steps:\n"
     "                break\n",
     1, "size",
     "step limit: leave the batch loop after optimizer step --max-steps (the end-of-epoch "
     "torch.save(model.state_dict()) that follows then saves the final weights)"),
    (TRAIN,
     "        torch.save(model.state_dict(), f'checkpoint/{args.model_name}/epoch-{epoch}.pth')\n",
     "        torch.save(model.state_dict(), f'checkpoint/{args.model_name}/epoch-{epoch}.pth')\n"
     "        if args.max_steps and step + 1 >= args.max_steps:\n"
     "            break\n",
     1, "size",
     "step limit: leave the epoch loop after that save, so --epoch-end can simply be large"),
]

ADDED = [
    ("bench_data_path.py", "size",
     "written by train_reference.py: DATA_PATH for our dataset.json (not part of the reference)"),
]


def list_changes(out=sys.stdout):
    for n, (path, old, new, count, kind, reason) in enumerate(EDITS, 1):
        print(f"[{n}] {path}  ({kind}, {count}x)  {reason}", file=out)
        for tag, text in (("-", old), ("+", new)):
            lines = text.split("\n")
            if lines[-1] == "":
                lines.pop()
            for line in lines or [""]:
                print(f"      {tag} {line}", file=out)
    for path, kind, reason in ADDED:
        print(f"[+] {path}  ({kind})  {reason}", file=out)


def apply_edits(folder: Path):
    """Applies EDITS inside folder (already a copy). Raises RuntimeError on the first mismatch."""
    texts = {}
    for n, (path, old, new, count, kind, reason) in enumerate(EDITS, 1):
        file = folder / path
        if path not in texts:
            if not file.is_file():
                raise RuntimeError(f"edit {n}: {path} is missing from the checkout")
            texts[path] = file.read_text(encoding="utf-8")
        found = texts[path].count(old)
        if found != count:
            raise RuntimeError(f"edit {n} ({path}): expected {count} occurrence(s) of {old!r}, found {found}; "
                               "the checkout is not the reference revision these edits were written for")
        texts[path] = texts[path].replace(old, new)
    for path, text in texts.items():
        (folder / path).write_text(text, encoding="utf-8")


def make_patched_copy(repo: Path, out: Path):
    repo = Path(repo)
    if not (repo / TRAIN).is_file():
        raise RuntimeError(f"{repo} does not look like a BackgroundMattingV2 checkout (no {TRAIN})")
    if out.exists() and any(out.iterdir()):
        raise RuntimeError(f"{out} exists and is not empty")
    shutil.copytree(repo, out, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".git", "__pycache__"))
    apply_edits(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repo", help="checkout of PeterL1n/BackgroundMattingV2 (left unchanged)")
    p.add_argument("--out", help="new or empty folder for the patched copy")
    p.add_argument("--list-changes", action="store_true", help="print every edit with its reason and exit")
    a = p.parse_args()
    if a.list_changes:
        list_changes()
        return 0
    if not a.repo or not a.out:
        p.error("--repo and --out are required (or --list-changes)")
    try:
        make_patched_copy(Path(a.repo), Path(a.out))
    except RuntimeError as e:
        print(f"patch_reference.py: {e}", file=sys.stderr)
        return 1
    print(f"patched copy in {a.out} ({len(EDITS)} edits)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
