#!/usr/bin/env python3
"""Makes the live benchmark's clips from the demo clip (mattestudio --batch demo writes it): the clip
played `--repeat` times, at its own size and resized to each `--size WxH`, with the plate resized
alike. Writes <out>/clip-<W>x<H>.mp4 and <out>/plate-<W>x<H>.png. Needs python3-opencv."""
import argparse
from pathlib import Path

import cv2


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--video', required=True)
    p.add_argument('--plate', required=True)
    p.add_argument('--out', required=True)
    p.add_argument('--repeat', type=int, default=4)
    p.add_argument('--size', action='append', default=[], help='WxH, e.g. 1280x720 (repeatable)')
    a = p.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    cap = cv2.VideoCapture(a.video, cv2.CAP_FFMPEG)
    fps = cap.get(cv2.CAP_PROP_FPS) or 25
    frames = []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(f)
    plate = cv2.imread(a.plate, cv2.IMREAD_COLOR)
    h, w = plate.shape[:2]
    for size in [f'{w}x{h}'] + a.size:
        sw, sh = (int(v) for v in size.split('x'))
        writer = cv2.VideoWriter(str(out / f'clip-{size}.mp4'), cv2.VideoWriter_fourcc(*'mp4v'), fps, (sw, sh))
        for _ in range(a.repeat):
            for f in frames:
                writer.write(cv2.resize(f, (sw, sh), interpolation=cv2.INTER_LINEAR))
        writer.release()
        cv2.imwrite(str(out / f'plate-{size}.png'), cv2.resize(plate, (sw, sh), interpolation=cv2.INTER_LINEAR))
        print(out / f'clip-{size}.mp4', len(frames) * a.repeat, 'frames at', fps)


if __name__ == '__main__':
    main()
