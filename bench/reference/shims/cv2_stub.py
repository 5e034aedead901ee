"""Stand-in for OpenCV's cv2, for bench/reference/run_train_base.py only, which registers it as
`cv2` when no real OpenCV is installed. The reference's dataset/__init__.py imports
dataset/video.py (VideoDataset), which imports cv2 at the top; train_base.py never uses
VideoDataset, so nothing here is ever called. Any use raises."""


def __getattr__(name):
    raise RuntimeError(f"cv2.{name}: OpenCV is not installed (this is MatteStudio's bench stub; "
                       "install python3-opencv to use the reference's VideoDataset)")
