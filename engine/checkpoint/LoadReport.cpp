#include "checkpoint/LoadReport.h"

#include "core/Error.h"

#include <sstream>

namespace ms {
namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::ostringstream out;
    out << '[';
    for (size_t i = 0; i < shape.size(); ++i)
        out << (i ? ", " : "") << shape[i];
    out << ']';
    return out.str();
}

void appendList(std::ostringstream& out, const char* title, const std::vector<std::string>& keys, size_t limit)
{
    if (keys.empty())
        return;
    out << '\n' << title << " (" << keys.size() << "):";
    for (size_t i = 0; i < keys.size() && i < limit; ++i)
        out << "\n  " << keys[i];
    if (keys.size() > limit)
        out << "\n  ... and " << keys.size() - limit << " more";
}

}  // namespace

std::string LoadReport::summary() const
{
    std::ostringstream out;
    out << matched.size() << '/' << (matched.size() + missing.size() + mismatched.size()) << " matched, "
        << missing.size() << " missing, " << unexpected.size() << " unexpected, " << mismatched.size()
        << " shape mismatches";
    return out.str();
}

std::string LoadReport::details(size_t limit) const
{
    std::ostringstream out;
    out << summary();
    appendList(out, "Missing in the file", missing, limit);
    appendList(out, "Unexpected in the file", unexpected, limit);
    if (!mismatched.empty()) {
        out << "\nShape mismatches (" << mismatched.size() << "):";
        for (size_t i = 0; i < mismatched.size() && i < limit; ++i)
            out << "\n  " << mismatched[i].key << ": model " << shapeText(mismatched[i].modelShape) << ", file "
                << shapeText(mismatched[i].fileShape);
    }
    return out.str();
}

StateDict stateDictOf(const torch::nn::Module& model)
{
    StateDict dict;
    // Per module: parameters, then buffers, then children — PyTorch's state_dict order.
    std::function<void(const torch::nn::Module&, const std::string&)> visit = [&](const torch::nn::Module& module,
                                                                                  const std::string& prefix) {
        for (const auto& p : module.named_parameters(/*recurse=*/false))
            dict.insert(prefix + p.key(), p.value());
        for (const auto& b : module.named_buffers(/*recurse=*/false))
            dict.insert(prefix + b.key(), b.value());
        for (const auto& child : module.named_children())
            visit(*child.value(), prefix + child.key() + ".");
    };
    visit(model, "");
    return dict;
}

LoadReport loadStateDict(torch::nn::Module& model, const StateDict& tensors, LoadMode mode)
{
    LoadReport report;
    StateDict target = stateDictOf(model);
    torch::NoGradGuard noGrad;
    for (const auto& item : target) {
        const std::string& key = item.key();
        const torch::Tensor* source = tensors.find(key);
        if (!source) {
            // Files written without BatchNorm counters (old PyTorch, some converters) are valid.
            if (!endsWith(key, ".num_batches_tracked"))
                report.missing.push_back(key);
            continue;
        }
        if (source->sizes() != item.value().sizes()) {
            report.mismatched.push_back({key, item.value().sizes().vec(), source->sizes().vec()});
            continue;
        }
        report.matched.push_back(key);
    }
    for (const auto& item : tensors)
        if (!target.contains(item.key()))
            report.unexpected.push_back(item.key());

    // A file for another backbone still shares a few shapes (decoder.conv4, ASPP BatchNorms): a load
    // that fills less than half of the model is refused like one that matched nothing.
    if (report.matched.empty() || report.matched.size() < report.missing.size() + report.mismatched.size())
        throw Error("the checkpoint does not fit this model (" + report.summary() +
                    "); is it for another model type or backbone?");
    if (mode == LoadMode::Strict && !report.isExact())
        throw Error("the checkpoint does not match this model exactly: " + report.details(5));

    // Only now touch the model, so a refused load leaves it as it was.
    for (const std::string& key : report.matched)
        target[key].copy_(tensors[key]);
    for (const auto& item : target)
        if (endsWith(item.key(), ".num_batches_tracked") && !tensors.contains(item.key()))
            item.value().zero_();
    return report;
}

}  // namespace ms
