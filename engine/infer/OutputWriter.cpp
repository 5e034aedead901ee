#include "infer/OutputWriter.h"

#include "core/Error.h"
#include "io/ImageIO.h"
#include "model/Layers.h"

#include <sstream>

namespace ms {

std::string toString(OutputType type)
{
    switch (type) {
    case OutputType::Com: return "com";
    case OutputType::Pha: return "pha";
    case OutputType::Fgr: return "fgr";
    case OutputType::Err: return "err";
    case OutputType::Ref: return "ref";
    }
    return {};
}

std::vector<OutputType> parseOutputTypes(const std::vector<std::string>& items)
{
    std::vector<OutputType> types;
    for (const std::string& item : items) {
        std::string token;
        std::istringstream in(item);
        while (std::getline(in, token, ',')) {
            std::istringstream words(token);
            std::string word;
            while (words >> word) {
                bool known = false;
                for (auto t : {OutputType::Com, OutputType::Pha, OutputType::Fgr, OutputType::Err, OutputType::Ref}) {
                    if (toString(t) == word) {
                        known = true;
                        if (std::find(types.begin(), types.end(), t) == types.end())
                            types.push_back(t);
                    }
                }
                if (!known)
                    throw Error("unknown output type '" + word + "': choose from com, pha, fgr, err, ref");
            }
        }
    }
    if (types.empty())
        throw Error("no output type given: choose from com, pha, fgr, err, ref");
    return types;
}

torch::Tensor outputImage(OutputType type, const MattingOutput& out, const CompositeTarget& comTarget)
{
    const int64_t H = out.pha.size(2), W = out.pha.size(3);
    const torch::Tensor pha = out.pha.squeeze(0).to(torch::kFloat32);
    switch (type) {
    case OutputType::Com: return composite(out.fgr, out.pha, comTarget).squeeze(0);
    case OutputType::Pha: return pha;
    case OutputType::Fgr: return out.fgr.squeeze(0).to(torch::kFloat32);
    case OutputType::Err:
        if (out.err.defined())
            return out.err.squeeze(0).to(torch::kFloat32);
        return resizeBilinear(out.errSm.to(torch::kFloat32), H, W).squeeze(0);
    case OutputType::Ref: {
        // MattingBase has no refinement map: nothing was refined.
        if (!out.refSm.defined())
            return torch::zeros({1, H, W}, pha.options());  // on the output's device, as the others
        return resizeNearest(out.refSm.to(torch::kFloat32), H, W).squeeze(0);
    }
    }
    return {};
}

OutputWriter::OutputWriter(OutputOptions options)
    : m_options(std::move(options))
{
    if (m_options.format != "jpg" && m_options.format != "png")
        throw Error("unknown output format '" + m_options.format + "': use png or jpg");
    if (m_options.bitDepth != 8 && m_options.bitDepth != 16)
        throw Error("output bit depth must be 8 or 16, got " + std::to_string(m_options.bitDepth));
}

std::string OutputWriter::pathFor(OutputType type, const std::string& stem) const
{
    const bool png = type == OutputType::Com || m_options.format == "png" || m_options.bitDepth == 16;
    return m_options.outputDir + "/" + toString(type) + "/" + stem + (png ? ".png" : ".jpg");
}

std::vector<std::string> OutputWriter::pathsFor(const std::string& stem) const
{
    std::vector<std::string> paths;
    for (OutputType type : m_options.types)
        paths.push_back(pathFor(type, stem));
    return paths;
}

void OutputWriter::write(const std::string& stem, const MattingOutput& out) const
{
    for (OutputType type : m_options.types)
        writeImage(pathFor(type, stem), toCvImage(outputImage(type, out, m_options.comTarget), m_options.bitDepth));
}

}  // namespace ms
