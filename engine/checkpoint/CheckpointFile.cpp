#include "checkpoint/CheckpointFile.h"

#include "checkpoint/PthReader.h"
#include "checkpoint/Safetensors.h"
#include "checkpoint/ZipArchive.h"
#include "core/Error.h"
#include "io/AtomicFile.h"

#include <algorithm>

namespace ms {

namespace {

// Keys under which training scripts commonly nest the model's state dict, in order of preference.
const char* const kContainerKeys[] = {"model", "state_dict", "model_state", "model_state_dict", "net", "weights"};
const std::string kModulePrefix = "module.";

bool isTensorDict(const PickleValue& v)
{
    if (v.kind != PickleKind::Dict || v.entries.empty())
        return false;
    return std::all_of(v.entries.begin(), v.entries.end(), [](const auto& e) {
        return e.first->kind == PickleKind::String && e.second->kind == PickleKind::Tensor;
    });
}

std::string describeKeys(const PickleValue& dict)
{
    std::string out;
    size_t shown = 0;
    for (const auto& [k, v] : dict.entries) {
        if (shown++ == 8) {
            out += ", ...";
            break;
        }
        out += (out.empty() ? "" : ", ") + (k->kind == PickleKind::String ? "'" + k->text + "'" : "<non-string>");
    }
    return out;
}

// Turns the unpickled object into the state dict, recording where it came from.
void extractStateDict(const std::string& path, const PickleRef& root, CheckpointFile& out)
{
    const std::string src = "'" + path + "'";
    if (root->kind != PickleKind::Dict)
        throw Error("checkpoint " + src + " holds a " + PickleValue::kindName(root->kind) +
                    ", not a state dict (a dict of tensors)");
    const PickleValue* dict = root.get();
    if (!root->entries.empty() && !isTensorDict(*root)) {
        dict = nullptr;
        for (const char* key : kContainerKeys) {
            const PickleValue* nested = root->get(key);
            if (nested && isTensorDict(*nested)) {
                dict = nested;
                out.containerKey = key;
                break;
            }
        }
        if (!dict) {
            // A state dict with a stray non-tensor entry is reported by name; otherwise list the keys.
            const bool mostlyTensors =
                std::count_if(root->entries.begin(), root->entries.end(),
                              [](const auto& e) { return e.second->kind == PickleKind::Tensor; }) *
                    2 >
                static_cast<std::ptrdiff_t>(root->entries.size());
            if (mostlyTensors) {
                for (const auto& [k, v] : root->entries) {
                    if (k->kind != PickleKind::String)
                        throw Error("checkpoint " + src + " is not a state dict: it has a non-string key");
                    if (v->kind != PickleKind::Tensor)
                        throw Error("checkpoint " + src + " is not a state dict: entry '" + k->text + "' is a " +
                                    PickleValue::kindName(v->kind) + ", not a tensor");
                }
            }
            throw Error("checkpoint " + src + " holds a dict with keys " + describeKeys(*root) +
                        " but no state dict of tensors under any of 'model', 'state_dict', 'model_state', "
                        "'model_state_dict', 'net' or 'weights'");
        }
    }

    const bool strip =
        !dict->entries.empty() && std::all_of(dict->entries.begin(), dict->entries.end(), [](const auto& e) {
            return e.first->text.compare(0, kModulePrefix.size(), kModulePrefix) == 0;
        });
    out.strippedModulePrefix = strip;
    out.tensors.reserve(dict->entries.size());
    for (const auto& [k, v] : dict->entries) {
        const std::string name = strip ? k->text.substr(kModulePrefix.size()) : k->text;
        if (out.tensors.contains(name))
            throw Error("checkpoint " + src + " has two tensors named '" + name + "'");
        out.tensors.insert(name, v->tensor);
    }

    // OrderedDict._metadata: {prefix: {'version': n}}; kept so a rewrite can carry it along.
    if (dict->attributes) {
        if (const PickleValue* meta = dict->attributes->get("_metadata"); meta && meta->kind == PickleKind::Dict) {
            for (const auto& [k, v] : meta->entries) {
                const PickleValue* version = v->kind == PickleKind::Dict ? v->get("version") : nullptr;
                if (k->kind != PickleKind::String || !version || version->kind != PickleKind::Int)
                    continue;
                std::string prefix = k->text;
                if (strip)
                    prefix = prefix == "module" ? ""
                             : prefix.compare(0, kModulePrefix.size(), kModulePrefix) == 0
                                 ? prefix.substr(kModulePrefix.size())
                                 : prefix;
                out.moduleVersions.emplace_back(prefix, static_cast<int>(version->integer));
            }
        }
    }
}

std::string readHead(const InputFile& file)
{
    return file.readString(0, std::min<uint64_t>(file.size(), 64), "file header");
}

bool endsWithIgnoringCase(const std::string& s, const std::string& suffix)
{
    if (s.size() < suffix.size())
        return false;
    return std::equal(suffix.rbegin(), suffix.rend(), s.rbegin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
}

}  // namespace

const char* checkpointFormatName(CheckpointFormat format)
{
    switch (format) {
    case CheckpointFormat::PthZip: return "PyTorch (zip)";
    case CheckpointFormat::PthLegacy: return "PyTorch (legacy)";
    case CheckpointFormat::Safetensors: return "safetensors";
    case CheckpointFormat::TorchScript: return "TorchScript";
    }
    return "unknown";
}

CheckpointFile readCheckpointFile(const std::string& path)
{
    std::string head;
    uint64_t size = 0;
    {
        InputFile file(path);
        size = file.size();
        if (size == 0)
            throw Error("checkpoint '" + path + "' is empty (0 bytes); it was probably not written completely");
        head = readHead(file);
    }
    CheckpointFile out;
    if (ZipArchive::hasZipMagic(head.data(), head.size())) {
        const ZipArchive zip(path);
        out.format = CheckpointFormat::PthZip;
        extractStateDict(path, readPthZip(zip), out);  // throws for TorchScript
    } else if (hasLegacyPthMagic(head.data(), head.size())) {
        out.format = CheckpointFormat::PthLegacy;
        extractStateDict(path, readPthLegacy(path), out);
    } else if (hasSafetensorsMagic(head.data(), head.size(), size)) {
        SafetensorsContents st = readSafetensors(path);
        out.format = CheckpointFormat::Safetensors;
        out.tensors = std::move(st.tensors);
        out.metadata = std::move(st.metadata);
    } else {
        throw Error("'" + path +
                    "' is not a checkpoint this program can read: expected a PyTorch .pth (zip or "
                    "legacy) or a .safetensors file, but the content is neither");
    }
    return out;
}

bool isTorchScriptFile(const std::string& path)
{
    try {
        InputFile file(path);
        const std::string head = readHead(file);
        if (!ZipArchive::hasZipMagic(head.data(), head.size()))
            return false;
        return isTorchScriptArchive(ZipArchive(path));
    } catch (const std::exception&) {
        return false;
    }
}

void writeCheckpointFile(const std::string& path, const StateDict& tensors, const ModuleVersions& versions,
                         const std::map<std::string, std::string>& metadata)
{
    if (endsWithIgnoringCase(path, ".safetensors"))
        writeSafetensors(path, tensors, metadata);
    else
        writePth(path, tensors, versions);
}

}  // namespace ms
