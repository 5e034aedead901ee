#include "checkpoint/Safetensors.h"

#include "core/CheckedMath.h"
#include "core/Error.h"
#include "io/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace ms {

namespace {

// The reference implementation's limit; real headers are a few hundred KiB at most.
constexpr uint64_t kMaxHeaderSize = 100u << 20;

const std::vector<std::pair<std::string, c10::ScalarType>>& dtypeNames()
{
    static const std::vector<std::pair<std::string, c10::ScalarType>> names = {
        {"F32", c10::ScalarType::Float},  {"F16", c10::ScalarType::Half}, {"BF16", c10::ScalarType::BFloat16},
        {"F64", c10::ScalarType::Double}, {"I64", c10::ScalarType::Long}, {"I32", c10::ScalarType::Int},
        {"I16", c10::ScalarType::Short},  {"I8", c10::ScalarType::Char},  {"U8", c10::ScalarType::Byte},
        {"BOOL", c10::ScalarType::Bool},
    };
    return names;
}

uint64_t readLe64(const char* p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

struct PendingTensor {
    std::string name;
    c10::ScalarType type;
    std::vector<int64_t> shape;
    uint64_t begin = 0;
    uint64_t end = 0;
};

}  // namespace

bool hasSafetensorsMagic(const char* head, size_t size, uint64_t fileSize)
{
    if (size < 9 || fileSize < 10)
        return false;
    const uint64_t n = readLe64(head);
    return n >= 2 && n <= fileSize - 8 && head[8] == '{';
}

SafetensorsContents readSafetensors(const std::string& path)
{
    InputFile file(path);
    const std::string src = "'" + path + "'";
    const auto corrupt = [&](const std::string& what) {
        return Error("safetensors checkpoint " + src + " is corrupt: " + what);
    };
    if (file.size() < 8)
        throw corrupt("the file is too short (" + std::to_string(file.size()) + " bytes)");
    char lenBytes[8];
    file.readAt(0, lenBytes, 8, "header length");
    const uint64_t headerSize = readLe64(lenBytes);
    if (headerSize > kMaxHeaderSize || headerSize > file.size() - 8)
        throw corrupt("the header length " + std::to_string(headerSize) + " exceeds the file size or limit");
    const std::string headerText = file.readString(8, headerSize, "header");
    nlohmann::ordered_json header;  // keeps the file's key order to break ties between empty tensors
    try {
        header = nlohmann::ordered_json::parse(headerText);
    } catch (const nlohmann::json::exception& e) {
        throw corrupt(std::string("the JSON header does not parse (") + e.what() + ")");
    }
    if (!header.is_object())
        throw corrupt("the JSON header is not an object");

    const uint64_t dataStart = 8 + headerSize;
    const uint64_t dataSize = file.size() - dataStart;
    SafetensorsContents out;
    std::vector<PendingTensor> pending;
    for (const auto& [name, info] : header.items()) {
        if (name == "__metadata__") {
            if (!info.is_object())
                throw corrupt("__metadata__ is not an object");
            for (const auto& [k, v] : info.items()) {
                if (!v.is_string())
                    throw corrupt("__metadata__ value '" + k + "' is not a string");
                out.metadata[k] = v.get<std::string>();
            }
            continue;
        }
        if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") || !info.contains("data_offsets") ||
            !info["dtype"].is_string() || !info["shape"].is_array() || !info["data_offsets"].is_array() ||
            info["data_offsets"].size() != 2)
            throw corrupt("entry '" + name + "' lacks a valid dtype, shape or data_offsets");
        PendingTensor t;
        t.name = name;
        const std::string dtype = info["dtype"].get<std::string>();
        const auto& names = dtypeNames();
        const auto it = std::find_if(names.begin(), names.end(), [&](const auto& p) { return p.first == dtype; });
        if (it == names.end())
            throw Error("safetensors checkpoint " + src + ": tensor '" + name + "' has unsupported dtype '" + dtype +
                        "'");
        t.type = it->second;
        uint64_t numel = 1;
        for (const auto& d : info["shape"]) {
            if (!d.is_number_unsigned())
                throw corrupt("entry '" + name + "' has an invalid shape");
            const uint64_t dim = d.get<uint64_t>();
            if (dim > uint64_t(INT64_MAX))
                throw corrupt("entry '" + name + "' has an invalid shape");
            t.shape.push_back(static_cast<int64_t>(dim));
            if (!checkedMultiply(numel, dim, numel) || numel > dataSize)
                throw corrupt("entry '" + name + "' is larger than the file");
        }
        const auto& offsets = info["data_offsets"];
        if (!offsets[0].is_number_unsigned() || !offsets[1].is_number_unsigned())
            throw corrupt("entry '" + name + "' has invalid data_offsets");
        t.begin = offsets[0].get<uint64_t>();
        t.end = offsets[1].get<uint64_t>();
        if (t.begin > t.end || t.end > dataSize)
            throw corrupt("entry '" + name + "' lies outside the data section");
        if (numel * c10::elementSize(t.type) != t.end - t.begin)
            throw corrupt("entry '" + name + "' has " + std::to_string(t.end - t.begin) +
                          " bytes, which does not fit its shape and dtype");
        pending.push_back(std::move(t));
    }

    // Writers may sort the JSON keys by name; the data order is the writer's tensor order.
    // Empty tensors sit at the offset where they were written (before a non-empty one there).
    std::stable_sort(pending.begin(), pending.end(), [](const auto& a, const auto& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
    });
    uint64_t previousEnd = 0;
    for (const auto& t : pending) {
        if (t.begin < previousEnd && t.begin != t.end)
            throw corrupt("the data of '" + t.name + "' overlaps another tensor");
        previousEnd = t.end;
    }
    out.tensors.reserve(pending.size());
    for (const auto& t : pending) {
        torch::Tensor tensor = torch::empty(t.shape, torch::TensorOptions().dtype(t.type));
        file.readAt(dataStart + t.begin, tensor.data_ptr(), t.end - t.begin, "tensor data");
        out.tensors.insert(t.name, std::move(tensor));
    }
    return out;
}

void writeSafetensors(const std::string& path, const StateDict& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    // ordered_json keeps the StateDict order in the header too, for humans reading it.
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    if (!metadata.empty())
        header["__metadata__"] = metadata;
    std::vector<torch::Tensor> data;
    data.reserve(tensors.size());
    uint64_t offset = 0;
    for (const auto& item : tensors) {
        const auto& names = dtypeNames();
        const auto type = item.value().scalar_type();
        const auto it = std::find_if(names.begin(), names.end(), [&](const auto& p) { return p.second == type; });
        if (it == names.end())
            throw Error("cannot write checkpoint '" + path + "': tensor '" + item.key() + "' has dtype " +
                        c10::toString(type) + ", which safetensors does not support here");
        if (item.key() == "__metadata__")
            throw Error("cannot write checkpoint '" + path + "': '__metadata__' is reserved and cannot name a tensor");
        torch::Tensor t = item.value().detach().to(torch::kCPU).contiguous();
        const uint64_t bytes = static_cast<uint64_t>(t.numel()) * t.element_size();
        header[item.key()] = {
            {"dtype", it->first}, {"shape", t.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
        data.push_back(std::move(t));
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');  // keeps the data 8-byte aligned
    char lenBytes[8];
    uint64_t n = headerText.size();
    for (char& b : lenBytes) {
        b = static_cast<char>(n & 0xff);
        n >>= 8;
    }
    AtomicFile out(path);
    out.write(lenBytes, 8);
    out.write(headerText.data(), headerText.size());
    for (const auto& t : data)
        out.write(t.data_ptr(), static_cast<size_t>(t.numel()) * t.element_size());
    out.commit();
}

}  // namespace ms
