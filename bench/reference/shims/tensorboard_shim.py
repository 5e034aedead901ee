"""A stand-in for torch.utils.tensorboard.SummaryWriter (tensorboard is not packaged for Debian 12),
for bench/reference/train_reference.py only. add_scalar appends {"tag", "step", "value", "time"}
lines to <log_dir>/scalars.jsonl; images, histograms and graphs are dropped."""
import json
import os
import time


class SummaryWriter:
    def __init__(self, log_dir=None, *args, **kwargs):
        self.log_dir = log_dir or "runs"
        os.makedirs(self.log_dir, exist_ok=True)
        self._file = open(os.path.join(self.log_dir, "scalars.jsonl"), "a", encoding="utf-8")

    def add_scalar(self, tag, scalar_value, global_step=None, walltime=None, **kwargs):
        value = float(scalar_value.item() if hasattr(scalar_value, "item") else scalar_value)
        step = None if global_step is None else int(global_step)
        self._file.write(json.dumps({"tag": tag, "step": step, "value": value,
                                     "time": walltime if walltime is not None else time.time()}) + "\n")
        self._file.flush()

    def _drop(self, *args, **kwargs):
        pass

    add_image = add_images = add_histogram = add_graph = add_text = add_figure = add_hparams = _drop

    def flush(self):
        self._file.flush()

    def close(self):
        if not self._file.closed:
            self._file.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
