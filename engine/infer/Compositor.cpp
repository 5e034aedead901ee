#include "infer/Compositor.h"

#include "core/Error.h"
#include "io/ImageIO.h"
#include "model/Layers.h"
#include "platform/Paths.h"

#include <cctype>
#include <filesystem>
#include <sstream>

namespace ms {
namespace {

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

CompositeTarget colourTarget(int r, int g, int b)
{
    CompositeTarget t;
    t.kind = CompositeTarget::Kind::Colour;
    t.colour = {static_cast<float>(r) / 255.f, static_cast<float>(g) / 255.f, static_cast<float>(b) / 255.f};
    return t;
}

// "#RRGGBB" -> true and the three channels.
bool parseHex(const std::string& s, int rgb[3])
{
    if (s.size() != 7 || s[0] != '#')
        return false;
    for (size_t i = 1; i < 7; ++i)
        if (!std::isxdigit(static_cast<unsigned char>(s[i])))
            return false;
    for (int c = 0; c < 3; ++c)
        rgb[c] = std::stoi(s.substr(1 + 2 * c, 2), nullptr, 16);
    return true;
}

// "R,G,B" with integers 0-255 -> true; a malformed triple throws (it clearly meant a colour).
bool parseTriple(const std::string& s, int rgb[3])
{
    if (std::count(s.begin(), s.end(), ',') != 2)
        return false;
    std::istringstream in(s);
    std::string part;
    for (int c = 0; c < 3; ++c) {
        std::getline(in, part, ',');
        size_t used = 0;
        int value = -1;
        try {
            value = std::stoi(part, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        while (used < part.size() && std::isspace(static_cast<unsigned char>(part[used])))
            ++used;
        if (used == 0 || used != part.size() || value < 0 || value > 255)
            throw Error("bad colour '" + s + "': R,G,B expects three integers from 0 to 255");
        rgb[c] = value;
    }
    return true;
}

}  // namespace

CompositeTarget greenScreen()
{
    CompositeTarget t;
    t.kind = CompositeTarget::Kind::Colour;
    return t;
}

torch::Tensor composite(const torch::Tensor& fgr, const torch::Tensor& pha, const CompositeTarget& target)
{
    if (fgr.dim() != 4 || fgr.size(1) != 3 || pha.dim() != 4 || pha.size(1) != 1)
        throw Error("composite expects fgr (B,3,H,W) and pha (B,1,H,W)");
    const torch::Tensor f = fgr.to(torch::kFloat32), a = pha.to(torch::kFloat32);
    switch (target.kind) {
    case CompositeTarget::Kind::Transparent:
        // reference: straight colour, zeroed where fully transparent.
        return torch::cat({f * (a > 0), a}, 1);
    case CompositeTarget::Kind::Colour: {
        const torch::Tensor c =
            torch::tensor({target.colour[0], target.colour[1], target.colour[2]}, f.options()).view({1, 3, 1, 1});
        return f * a + c * (1 - a);
    }
    case CompositeTarget::Kind::Image: {
        if (!target.image.defined() || target.image.dim() != 4 || target.image.size(1) != 3)
            throw Error("composite target image must be an RGB image (1,3,H,W)");
        torch::Tensor b = target.image.to(f.device(), torch::kFloat32);
        if (b.size(2) != f.size(2) || b.size(3) != f.size(3))
            b = resizeBilinear(b, f.size(2), f.size(3)).clamp(0, 1);
        return f * a + b * (1 - a);
    }
    }
    return {};
}

CompositeTarget parseCompositeTarget(const std::string& text)
{
    const std::string s = lower(text);
    if (s == "transparent" || s == "none" || s == "alpha")
        return {};
    if (s == "green")
        return greenScreen();
    if (s == "white")
        return colourTarget(255, 255, 255);
    if (s == "black")
        return colourTarget(0, 0, 0);
    if (s == "red")
        return colourTarget(255, 0, 0);
    if (s == "blue")
        return colourTarget(0, 0, 255);
    int rgb[3];
    if (parseHex(s, rgb) || parseTriple(s, rgb))
        return colourTarget(rgb[0], rgb[1], rgb[2]);
    std::error_code ec;
    if (!text.empty() && std::filesystem::is_regular_file(platform::fsPath(text), ec)) {
        CompositeTarget t;
        t.kind = CompositeTarget::Kind::Image;
        t.image = readImageRgb(text);
        return t;
    }
    throw Error("'" + text +
                "' is neither a background image file nor a colour: use transparent, green, white, "
                "black, red, blue, #RRGGBB or R,G,B (0-255)");
}

}  // namespace ms
