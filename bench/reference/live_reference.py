#!/usr/bin/env python3
"""Runs the reference's own inference_webcam.py (PeterL1n/BackgroundMattingV2, from a checkout) on a
video file instead of a camera, headless and on the CPU, and prints its frames/s and latency as one
JSON line (see shims/webcam/cv2.py for how the camera, the window and the keys are stood in for).
The checkout is never changed: the script is read, the edits in EDITS are applied to the text in
memory (each must match exactly once), and the result runs with the checkout on sys.path.

  /usr/bin/python3 bench/reference/live_reference.py --list-changes
  /usr/bin/python3 bench/reference/live_reference.py --repo /tmp/bmv2-ref --video clip.mp4 --fps 25 \
      --model-type mattingrefine --model-backbone mobilenetv2 --model-checkpoint model.pth

Needs Debian's python3-torch, python3-torchvision, python3-opencv, python3-pil and python3-tqdm.
"""
import argparse
import os
import sys
from pathlib import Path

# (old, new, reason): what running on the CPU needs; nothing else changes.
EDITS = [
    ("model = model.cuda().eval()", "model = model.eval()", "cpu: the model stays on the CPU"),
    ("torch.load(args.model_checkpoint)", "torch.load(args.model_checkpoint, map_location='cpu')",
     "cpu: load CUDA-saved checkpoints onto the CPU"),
    ("ToTensor()(Image.fromarray(frame)).unsqueeze_(0).cuda()", "ToTensor()(Image.fromarray(frame)).unsqueeze_(0)",
     "cpu: frames stay on the CPU"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--list-changes', action='store_true')
    parser.add_argument('--repo')
    parser.add_argument('--video')
    parser.add_argument('--fps', type=float, default=25)
    args, script_args = parser.parse_known_args()
    if args.list_changes:
        for old, new, reason in EDITS:
            print(f"inference_webcam.py: {old!r} -> {new!r}  ({reason})")
        print("shims/webcam/cv2.py: camera -> the video at --fps; window -> none; keys: 'b' at the first "
              "frame (the empty scene), 'q' at the end of the video")
        return 0
    if not args.repo or not args.video:
        parser.error('--repo and --video are required')
    source = (Path(args.repo) / 'inference_webcam.py').read_text()
    for old, new, reason in EDITS:
        if source.count(old) != 1:
            sys.exit(f"edit did not apply ({reason}): {old!r} occurs {source.count(old)} times")
        source = source.replace(old, new)
    os.environ['LIVE_VIDEO'] = str(Path(args.video).resolve())
    os.environ['LIVE_FPS'] = str(args.fps)
    sys.path[:0] = [str(Path(__file__).resolve().parent / 'shims' / 'webcam'), str(Path(args.repo).resolve())]
    sys.argv = ['inference_webcam.py'] + script_args
    exec(compile(source, 'inference_webcam.py', 'exec'), {'__name__': '__main__'})
    return 0


if __name__ == '__main__':
    sys.exit(main())
