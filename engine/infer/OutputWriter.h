#pragma once
#include "infer/Compositor.h"
#include "model/MattingModel.h"

#include <set>
#include <string>
#include <vector>

namespace ms {

// Output image types of the reference's inference script.
enum class OutputType { Com, Pha, Fgr, Err, Ref };

std::string toString(OutputType type);
// Parses "com,pha" or "com pha" (also several list items); throws ms::Error naming a bad type.
std::vector<OutputType> parseOutputTypes(const std::vector<std::string>& items);

struct OutputOptions {
    std::string outputDir;
    std::vector<OutputType> types{OutputType::Com, OutputType::Pha, OutputType::Fgr};
    std::string format = "jpg";  // for pha, fgr, err, ref; com is always PNG (it has alpha)
    int bitDepth = 8;            // 16 writes PNG
    CompositeTarget comTarget;   // com onto transparency (RGBA, the reference), a colour or an image
};

// The output images of one matted frame, as (C,H,W) tensors in [0,1] at the source's size:
// com = RGBA (fgr where pha > 0, else 0; alpha = pha), err and ref resized to the source size.
// With a colour or image `comTarget`, com is the RGB composite onto it instead.
torch::Tensor outputImage(OutputType type, const MattingOutput& out, const CompositeTarget& comTarget = {});

// Lays files out as the reference does: <dir>/<type>/<relative name>.<ext>, creating folders.
class OutputWriter {
public:
    explicit OutputWriter(OutputOptions options);
    // Paths that writing `relativeStem` would create (to check for existing files first).
    std::vector<std::string> pathsFor(const std::string& relativeStem) const;
    void write(const std::string& relativeStem, const MattingOutput& out) const;
    const OutputOptions& options() const { return m_options; }

private:
    std::string pathFor(OutputType type, const std::string& relativeStem) const;
    OutputOptions m_options;
};

}  // namespace ms
