"""kornia 0.4.1 filters used by the reference: sobel (via spatial_gradient) and box_blur."""
from typing import List, Tuple

import torch
import torch.nn.functional as F


def _sobel_kernels(dtype, device) -> torch.Tensor:
    # get_sobel_kernel2d(): x kernel and its transpose, each divided by its L1 norm (8) when normalized.
    kx = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]], dtype=dtype, device=device)
    return torch.stack([kx, kx.t()])  # 2x3x3


def spatial_gradient(input: torch.Tensor, mode: str = "sobel", order: int = 1, normalized: bool = True) -> torch.Tensor:
    """First-order Sobel gradient, (B, C, H, W) -> (B, C, 2, H, W): replicate padding, cross-correlation."""
    if mode != "sobel" or order != 1:
        raise NotImplementedError("the kornia shim only has mode='sobel', order=1")
    if input.dim() != 4:
        raise ValueError(f"Invalid input shape, we expect BxCxHxW. Got: {tuple(input.shape)}")
    b, c, h, w = input.shape
    k = _sobel_kernels(input.dtype, input.device)
    if normalized:
        k = k / k.abs().sum(dim=(-1, -2), keepdim=True)
    x = F.pad(input.reshape(b * c, 1, h, w), [1, 1, 1, 1], mode="replicate")
    return F.conv2d(x, k.unsqueeze(1)).view(b, c, 2, h, w)


def sobel(input: torch.Tensor, normalized: bool = True, eps: float = 1e-6) -> torch.Tensor:
    """Sobel edge magnitude per channel: sqrt(gx^2 + gy^2 + eps)."""
    g = spatial_gradient(input, normalized=normalized)
    gx, gy = g[:, :, 0], g[:, :, 1]
    return torch.sqrt(gx * gx + gy * gy + eps)


def _compute_padding(kernel_size: List[int]) -> List[int]:
    # kornia 0.4.1 filters.filter.compute_padding, including its quirk that the "- 1" for an even
    # kernel on one axis is decided by the other axis' size (irrelevant for square kernels).
    computed = [k // 2 for k in kernel_size]
    out = []
    for i in range(len(kernel_size)):
        tmp = computed[-(i + 1)]
        out.append(tmp - 1 if kernel_size[i] % 2 == 0 else tmp)
        out.append(tmp)
    return out


def filter2D(input: torch.Tensor, kernel: torch.Tensor, border_type: str = "reflect", normalized: bool = False) -> torch.Tensor:
    """Per-channel cross-correlation with a (1, kH, kW) kernel, padded to keep the size."""
    if input.dim() != 4:
        raise ValueError(f"Invalid input shape, we expect BxCxHxW. Got: {tuple(input.shape)}")
    b, c, h, w = input.shape
    k = kernel.to(input)
    if normalized:
        k = k / k.abs().sum(dim=(-1, -2), keepdim=True)
    kh, kw = k.shape[-2:]
    x = F.pad(input, _compute_padding([kh, kw]), mode=border_type)
    x = x.reshape(b * c, 1, x.shape[-2], x.shape[-1])
    return F.conv2d(x, k.reshape(1, 1, kh, kw)).view(b, c, h, w)


def box_blur(input: torch.Tensor, kernel_size: Tuple[int, int], border_type: str = "reflect", normalized: bool = True) -> torch.Tensor:
    """Mean over a kernel_size box (kernel ones / (kx * ky), L1-normalized again when normalized)."""
    kx, ky = int(kernel_size[0]), int(kernel_size[1])
    kernel = torch.ones(1, kx, ky) / float(kx * ky)
    if normalized:
        kernel = kernel / kernel.abs().sum(dim=(-1, -2), keepdim=True)
    return filter2D(input, kernel, border_type)
