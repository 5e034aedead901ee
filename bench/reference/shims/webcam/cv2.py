"""Stands in for OpenCV inside the reference's inference_webcam.py, so that it runs headless on a video
file instead of a camera (bench/reference/live_reference.py puts this folder first on sys.path).
Everything is the real cv2 (Debian's python3-opencv) except:
  - VideoCapture(int): the video named by $LIVE_VIDEO, delivered at $LIVE_FPS frames/s like a camera
    (read() blocks until the next frame is due), ending when the file ends;
  - namedWindow, resizeWindow: nothing (no display);
  - imshow: records when each picture would be shown;
  - waitKey: presses 'b' once (the first frames of the demo clip show the empty scene, so that is the
    clean plate, as a user would capture it) and 'q' when the video has ended.
At exit it prints one JSON line: frames captured, frames matted, the rate of matted frames and the
latency from capture of the newest frame (what the script's Camera.read takes next) to its imshow.
"""
import atexit
import importlib.util
import json
import os
import sys
import threading
import time

_self = sys.modules[__name__]
_here = os.path.dirname(os.path.abspath(__file__))
sys.path = [p for p in sys.path if os.path.abspath(p or '.') != _here]
sys.modules.pop('cv2', None)
_spec = importlib.util.find_spec('cv2')
_real = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_real)  # the extension registers itself as 'cv2': this module takes the name back
sys.modules['cv2'] = _self
# Every cv2 name, also those that shadow Python's (cv2.min, cv2.max): the code below says builtins.min.
import builtins
globals().update({k: v for k, v in vars(_real).items() if not k.startswith('__')})

_lock = threading.Lock()
_state = {'captured': 0, 'ended': False, 'latest_at': None, 'pending_at': None,
          'mode': 'plate', 'shown_matted': [], 'latencies': []}


class VideoCapture:
    def __init__(self, device, *args):
        self._cap = _real.VideoCapture(os.environ['LIVE_VIDEO'], _real.CAP_FFMPEG)
        self._period = 1.0 / float(os.environ.get('LIVE_FPS', '25'))
        self._next = None

    def set(self, prop, value):
        return True

    def get(self, prop):
        return self._cap.get(prop)

    def read(self):
        now = time.perf_counter()
        if self._next is None:
            self._next = now
        if self._next > now:
            time.sleep(self._next - now)
        self._next += self._period
        ok, frame = self._cap.read()
        with _lock:
            if ok:
                _state['captured'] += 1
                _state['latest_at'] = time.perf_counter()
            else:
                _state['ended'] = True
        return ok, frame

    def release(self):
        self._cap.release()


def namedWindow(*args, **kwargs):
    pass


def resizeWindow(*args, **kwargs):
    pass


def imshow(title, image):
    now = time.perf_counter()
    with _lock:
        if _state['mode'] == 'matting' and _state['pending_at'] is not None:
            _state['shown_matted'].append(now)
            _state['latencies'].append(now - _state['pending_at'])


def waitKey(delay=0):
    with _lock:
        # The script's next cam.read() takes the newest frame: its capture time starts the latency.
        _state['pending_at'] = _state['latest_at']
        if _state['ended']:
            return ord('q')
        if _state['mode'] == 'plate':
            _state['mode'] = 'matting'
            return ord('b')
    return -1


def _report():
    shown, lat = _state['shown_matted'], sorted(_state['latencies'])
    span = shown[-1] - shown[0] if len(shown) > 1 else 0
    q = lambda p: lat[builtins.min(len(lat) - 1, builtins.round(p * (len(lat) - 1)))] if lat else 0
    print(json.dumps({'captured': _state['captured'], 'matted': builtins.len(shown),
                      'fps': (len(shown) - 1) / span if span > 0 else 0,
                      'latency_median_ms': 1000 * q(0.5), 'latency_p90_ms': 1000 * q(0.9)}), flush=True)


atexit.register(_report)
