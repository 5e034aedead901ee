"""kornia 0.4.1 augmentation.ColorJitter (p=1, same_on_batch=False, return_transform=False only)."""
import math

import torch
from torch import nn

_PI = torch.tensor(3.14159265358979323846)


def _range_bound(factor, center, bounds):
    f = torch.as_tensor(factor, dtype=torch.float32)
    if f.dim() == 0:
        if f < 0:
            raise ValueError("a single-number jitter factor must be non negative")
        return torch.tensor([center - float(f), center + float(f)]).clamp(bounds[0], bounds[1])
    return f.float()


def rgb_to_hsv(image: torch.Tensor) -> torch.Tensor:
    maxc, max_indices = image.max(-3)
    minc = image.min(-3)[0]
    v = maxc
    deltac = maxc - minc
    s = deltac / (v + 1e-31)
    deltac = torch.where(deltac == 0, torch.ones_like(deltac), deltac)
    rc, gc, bc = torch.unbind(maxc.unsqueeze(-3) - image, dim=-3)
    h = torch.stack([bc - gc, 2.0 * deltac + rc - bc, 4.0 * deltac + gc - rc], dim=-3)
    h = torch.gather(h, dim=-3, index=max_indices[..., None, :, :]).squeeze(-3) / deltac
    h = (h / 6.0) % 1.0
    h = 2 * _PI.to(image.device) * h
    return torch.stack([h, s, v], dim=-3)


def hsv_to_rgb(image: torch.Tensor) -> torch.Tensor:
    h = image[..., 0, :, :] / (2 * _PI.to(image.device))
    s = image[..., 1, :, :]
    v = image[..., 2, :, :]
    hi = torch.floor(h * 6) % 6
    f = ((h * 6) % 6) - hi
    one = torch.tensor(1.0).to(image.device)
    p = v * (one - s)
    q = v * (one - f * s)
    t = v * (one - (one - f) * s)
    hi = hi.long()
    indices = torch.stack([hi, hi + 6, hi + 12], dim=-3)
    out = torch.stack((v, q, p, p, t, v, t, v, v, q, p, p, p, p, t, v, v, q), dim=-3)
    return torch.gather(out, -3, indices)


def _per_sample(factor: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    return factor.to(x).view(-1, *([1] * (x.dim() - 1)))


def adjust_brightness(x, delta):   # additive, then clamp to [0, 1]
    return (x + _per_sample(delta, x)).clamp(0.0, 1.0)


def adjust_contrast(x, factor):    # multiplicative (no mean), then clamp to [0, 1]
    return (x * _per_sample(factor, x)).clamp(0.0, 1.0)


def adjust_saturation(x, factor):  # scale S in HSV, clamp S to [0, 1]
    h, s, v = torch.chunk(rgb_to_hsv(x), chunks=3, dim=-3)
    s = torch.clamp(s * _per_sample(factor, s), min=0, max=1)
    return hsv_to_rgb(torch.cat([h, s, v], dim=-3))


def adjust_hue(x, radians):        # shift H (radians) with fmod 2*pi
    h, s, v = torch.chunk(rgb_to_hsv(x), chunks=3, dim=-3)
    h = torch.fmod(h + _per_sample(radians, h), 2 * _PI.item())
    return hsv_to_rgb(torch.cat([h, s, v], dim=-3))


class ColorJitter(nn.Module):
    """Per-image factors drawn uniformly: brightness in [1-b, 1+b] (clamped to [0, 2]) applied as an
    additive shift of factor-1, contrast and saturation in [1-c, 1+c] (>= 0), hue in [-h, h] (within
    [-0.5, 0.5]) times 2*pi; the four adjustments run in one random order (torch.randperm(4)) per call.
    Random numbers are drawn in kornia 0.4.1's order: brightness, contrast, hue, saturation, order."""

    def __init__(self, brightness=0.0, contrast=0.0, saturation=0.0, hue=0.0,
                 return_transform=False, same_on_batch=False, p=1.0):
        super().__init__()
        if return_transform or same_on_batch or p != 1.0:
            raise NotImplementedError("the kornia shim's ColorJitter only has p=1, same_on_batch=False, return_transform=False")
        self.brightness = _range_bound(brightness, 1.0, (0, 2))
        self.contrast = _range_bound(contrast, 1.0, (0, float("inf")))
        self.saturation = _range_bound(saturation, 1.0, (0, float("inf")))
        self.hue = _range_bound(hue, 0.0, (-0.5, 0.5))

    @staticmethod
    def _uniform(n, bound):
        lo, hi = float(bound[0]), float(bound[1])
        return lo + torch.rand(n) * (hi - lo)

    def forward(self, input: torch.Tensor) -> torch.Tensor:
        x = input if input.dim() == 4 else input.view(-1, *input.shape[-3:])
        if not x.is_floating_point():
            raise TypeError("ColorJitter needs a floating point tensor")
        n = x.shape[0]
        brightness = self._uniform(n, self.brightness)
        contrast = self._uniform(n, self.contrast)
        hue = self._uniform(n, self.hue)
        saturation = self._uniform(n, self.saturation)
        order = torch.randperm(4)
        steps = [lambda t: adjust_brightness(t, brightness - 1),
                 lambda t: adjust_contrast(t, contrast),
                 lambda t: adjust_saturation(t, saturation),
                 lambda t: adjust_hue(t, hue * 2 * _PI.item())]
        for i in order.tolist():
            x = steps[i](x)
        return x
