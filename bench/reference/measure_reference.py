#!/usr/bin/env python3
"""Measures the Python reference (PeterL1n/BackgroundMattingV2) on this machine, the way
`mattestudio --batch bench` measures the engine, so the two can be compared.

The reference's code is NOT part of MatteStudio: pass the path of a checkout with --repo.
Needs Debian's python3-torch (the same LibTorch 1.13 as the engine) and python3-torchvision;
`images` mode also needs python3-tqdm, python3-pil and python3-opencv (the reference script's imports).

  model  : forward passes only, like the reference's inference_speed_test.py (random inputs,
           refine built with refine_prevent_oversampling=False, no_grad), but timed per run
           (median, p10, p90) instead of tqdm's rate; prints peak RSS (VmHWM).
  images : runs the reference's own inference_images.py on a folder as a child process and
           reports its wall time (model load included, as a user sees it) and images/s.
  save   : writes a random-weight checkpoint of the given model (torch.save(state_dict)), so
           both tools can run the same weights.

Examples:
  python3 measure_reference.py --repo /path/to/BackgroundMattingV2 model \
      --model-backbone resnet50 --resolution 1920 1080 --threads 2 --warmup 2 --runs 10
  python3 measure_reference.py --repo REPO images --model-backbone mobilenetv2 \
      --model-checkpoint ck.pth --images-src src/ --images-bgr bgr/ --threads 2
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def peak_rss_mib():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024.0
    return 0.0


def percentile(sorted_values, p):
    pos = p * (len(sorted_values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def build_model(args):
    sys.path.insert(0, args.repo)
    from model import MattingBase, MattingRefine  # the reference's classes, imported, not copied
    if args.model_type == 'mattingbase':
        return MattingBase(args.model_backbone)
    return MattingRefine(args.model_backbone, args.model_backbone_scale, args.model_refine_mode,
                         args.model_refine_sample_pixels, args.model_refine_threshold,
                         args.model_refine_kernel_size, refine_prevent_oversampling=False)


def fold_batchnorms(model):
    """Folds every (Conv2d, BatchNorm2d) sibling pair ("convN"/"bnN" or Sequential "k"/"k+1") and
    replaces the BN by nn.Identity: what skipping folded BNs is worth on this LibTorch."""
    from torch import nn
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    count = 0
    for module in list(model.modules()):
        children = dict(module.named_children())
        for name, conv in children.items():
            if not isinstance(conv, nn.Conv2d):
                continue
            bn_name = 'bn' + name[4:] if name.startswith('conv') else (str(int(name) + 1) if name.isdigit() else None)
            bn = children.get(bn_name)
            if isinstance(bn, nn.BatchNorm2d):
                setattr(module, name, fuse_conv_bn_eval(conv, bn))
                setattr(module, bn_name, nn.Identity())
                count += 1
    return count


def run_model(args):
    import torch
    torch.set_num_threads(args.threads)
    model = build_model(args)
    if args.model_checkpoint:
        model.load_state_dict(torch.load(args.model_checkpoint), strict=False)
    model = model.eval()
    folded = fold_batchnorms(model) if args.fold_bn else 0
    w, h = args.resolution
    src = torch.rand((args.batch_size, 3, h, w))
    bgr = torch.rand((args.batch_size, 3, h, w))
    times = []
    with torch.no_grad():
        for i in range(args.warmup + args.runs):
            start = time.perf_counter()
            model(src, bgr)
            if i >= args.warmup:
                times.append(time.perf_counter() - start)
    s = sorted(times)
    med = statistics.median(s)
    print(f'Reference model forward: {args.model_type} / {args.model_backbone}, scale {args.model_backbone_scale}, '
          f'{args.model_refine_mode} {args.model_refine_sample_pixels} px, input {w}x{h}, batch {args.batch_size}, '
          f'{args.runs} run(s) after {args.warmup} warm-up, torch {torch.__version__}')
    print(f'BatchNorm folded (fuse_conv_bn_eval + nn.Identity): {folded} pair(s)')
    print('| resolution | threads | median ms | p10 ms | p90 ms | frames/s | peak RSS MiB |')
    print('|---|---|---|---|---|---|---|')
    print(f'| {w}x{h} | {torch.get_num_threads()} | {med * 1000:.1f} | {percentile(s, 0.1) * 1000:.1f} | '
          f'{percentile(s, 0.9) * 1000:.1f} | {args.batch_size / med:.2f} | {peak_rss_mib():.0f} |')


def run_images(args):
    out_dir = tempfile.mkdtemp(prefix='bmv2-ref-out-')
    cmd = [sys.executable, os.path.join(args.repo, 'inference_images.py'),
           '--model-type', args.model_type, '--model-backbone', args.model_backbone,
           '--model-backbone-scale', str(args.model_backbone_scale),
           '--model-checkpoint', args.model_checkpoint,
           '--model-refine-mode', args.model_refine_mode,
           '--model-refine-sample-pixels', str(args.model_refine_sample_pixels),
           '--images-src', args.images_src, '--images-bgr', args.images_bgr,
           '--device', 'cpu', '--output-dir', out_dir, '--output-types', 'com', 'pha', 'fgr', '-y']
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=args.repo, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit('inference_images.py failed:\n' + proc.stderr[-3000:])
    count = len(os.listdir(os.path.join(out_dir, 'pha')))
    # ru_maxrss of the finished child, in KiB on Linux
    import resource
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    print(f'Reference inference_images.py ({args.model_backbone}, outputs com pha fgr), wall time incl. model load')
    print('| images | threads | wall s | images/s | peak RSS MiB |')
    print('|---|---|---|---|---|')
    print(f'| {count} | {args.threads} | {wall:.2f} | {count / wall:.2f} | {child_peak:.0f} |')


def save_checkpoint(args):
    import torch
    model = build_model(args)
    torch.save(model.state_dict(), args.output)
    print('wrote', args.output)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--repo', required=True, help='checkout of PeterL1n/BackgroundMattingV2')
    parser.add_argument('mode', choices=['model', 'images', 'save'])
    parser.add_argument('--model-type', default='mattingrefine', choices=['mattingbase', 'mattingrefine'])
    parser.add_argument('--model-backbone', default='resnet50', choices=['resnet101', 'resnet50', 'mobilenetv2'])
    parser.add_argument('--model-backbone-scale', type=float, default=0.25)
    parser.add_argument('--model-checkpoint', default=None)
    parser.add_argument('--model-refine-mode', default='sampling', choices=['full', 'sampling', 'thresholding'])
    parser.add_argument('--model-refine-sample-pixels', type=int, default=80_000)
    parser.add_argument('--model-refine-threshold', type=float, default=0.7)
    parser.add_argument('--model-refine-kernel-size', type=int, default=3)
    parser.add_argument('--resolution', type=int, nargs=2, default=[1920, 1080])
    parser.add_argument('--batch-size', type=int, default=1)
    parser.add_argument('--threads', type=int, default=os.cpu_count())
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--runs', type=int, default=20)
    parser.add_argument('--fold-bn', action='store_true', help='model: fold BNs into convs (not the reference)')
    parser.add_argument('--images-src')
    parser.add_argument('--images-bgr')
    parser.add_argument('--output', help='save: checkpoint path')
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.repo, 'model', 'model.py')):
        sys.exit(f'{args.repo} is not a BackgroundMattingV2 checkout (no model/model.py)')
    if args.mode == 'model':
        run_model(args)
    elif args.mode == 'images':
        if not (args.images_src and args.images_bgr and args.model_checkpoint):
            sys.exit('images mode needs --images-src, --images-bgr and --model-checkpoint')
        run_images(args)
    else:
        if not args.output:
            sys.exit('save mode needs --output')
        save_checkpoint(args)


if __name__ == '__main__':
    main()
