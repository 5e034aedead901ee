#pragma once
#include <torch/torch.h>

#include <array>
#include <string>

namespace ms {

// What the matted foreground is laid onto.
struct CompositeTarget {
    enum class Kind { Transparent, Colour, Image };
    Kind kind = Kind::Transparent;
    std::array<float, 3> colour{120 / 255.f, 255 / 255.f, 155 / 255.f};  // RGB in [0,1]; the reference's green
    torch::Tensor image;  // (1,3,H,W) RGB [0,1]; resized (bilinear) to the frame when sizes differ
};

// A target of kind Colour with the reference video script's green (120,255,155)/255.
CompositeTarget greenScreen();

// Transparent: (1,4,H,W) straight RGBA (fgr where pha > 0 else 0, alpha = pha: the reference's com).
// Colour / Image: (1,3,H,W) RGB = fgr * pha + target * (1 - pha).
// fgr (1,3,H,W), pha (1,1,H,W); the result is float32 on fgr's device.
torch::Tensor composite(const torch::Tensor& fgr, const torch::Tensor& pha, const CompositeTarget& target);

// Parses "transparent", a colour name (green, white, black, red, blue), "#RRGGBB", "R,G,B" (0-255)
// or an image path (read with readImageRgb). Throws ms::Error for anything else.
CompositeTarget parseCompositeTarget(const std::string& text);

}  // namespace ms
