"""kornia 0.4.1 geometry used by the reference: resize and center_crop."""
import sys
from typing import Tuple, Union

import torch
import torch.nn.functional as F


def _side_to_image_size(side_size: int, aspect_ratio: float, side: str = "short") -> Tuple[int, int]:
    if side not in ("short", "long", "vert", "horz"):
        raise ValueError(f"side can be one of 'short', 'long', 'vert', and 'horz'. Got '{side}'")
    if side == "vert":
        return side_size, int(side_size * aspect_ratio)
    if side == "horz":
        return int(side_size / aspect_ratio), side_size
    if (side == "short") ^ (aspect_ratio < 1.0):
        return side_size, int(side_size * aspect_ratio)
    return int(side_size / aspect_ratio), side_size


def resize(input: torch.Tensor, size: Union[int, Tuple[int, int]], interpolation: str = "bilinear",
           align_corners: bool = False, side: str = "short") -> torch.Tensor:
    """F.interpolate to (h, w) without antialiasing; returns the input itself when the size already matches."""
    h, w = input.shape[-2:]
    if isinstance(size, int):
        size = _side_to_image_size(size, w / h, side)
    if tuple(size) == (h, w):
        return input
    return F.interpolate(input, size=tuple(size), mode=interpolation, align_corners=align_corners)


def center_crop(tensor: torch.Tensor, size: Tuple[int, int], interpolation: str = "bilinear",
                align_corners: bool = True) -> torch.Tensor:
    """kornia 0.4.1 center_crop: a warp that samples the source at (start + i) with
    start = src/2 - dst/2, so an odd size difference samples half-way between pixels (bilinear),
    not an integer slice. Implemented as the same grid_sample (pixel normalisation 2/(n-1), zeros padding)."""
    if tensor.dim() != 4:
        raise ValueError(f"Only tensor with shape (B, C, H, W) supported. Got {tuple(tensor.shape)}.")
    dst_h, dst_w = int(size[0]), int(size[1])
    src_h, src_w = tensor.shape[-2:]
    start_x = src_w / 2 - dst_w / 2
    start_y = src_h / 2 - dst_h / 2
    xs = (torch.arange(dst_w, dtype=tensor.dtype, device=tensor.device) + start_x) * (2.0 / (src_w - 1)) - 1
    ys = (torch.arange(dst_h, dtype=tensor.dtype, device=tensor.device) + start_y) * (2.0 / (src_h - 1)) - 1
    gy, gx = torch.meshgrid(ys, xs, indexing="ij")
    grid = torch.stack([gx, gy], dim=-1).unsqueeze(0).expand(tensor.shape[0], -1, -1, -1)
    return F.grid_sample(tensor, grid, mode=interpolation, padding_mode="zeros", align_corners=align_corners)


# kornia.geometry.transform.resize / center_crop are the same functions.
transform = sys.modules[__name__]
