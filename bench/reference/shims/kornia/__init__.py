"""A minimal stand-in for kornia 0.4.1 (the version PeterL1n/BackgroundMattingV2 pins), for
bench/reference/train_reference.py only. kornia is not packaged for Debian 12.

It provides exactly what the reference's train_base.py calls -- kornia.sobel, kornia.filters.box_blur,
kornia.resize, kornia.center_crop and kornia.augmentation.ColorJitter -- written with plain torch
ops after the semantics of kornia 0.4.1 (kernels, padding modes, sampling coordinates, parameter
ranges and the order in which random numbers are drawn). Anything else raises AttributeError.
Put this folder on PYTHONPATH for the reference's process only; do not install it.
"""
from . import augmentation, filters, geometry
from .filters import box_blur, sobel, spatial_gradient
from .geometry import center_crop, resize

__version__ = "0.4.1-bench-shim"
