#include "checkpoint/PthReader.h"

#include "checkpoint/ZipArchive.h"
#include "core/Error.h"
#include "io/AtomicFile.h"
#include "platform/Files.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace ms {

namespace {

// 0x1950a86a20f9469cfc6c as a pickled LONG1 (little-endian, 10 bytes).
const unsigned char kLegacyMagic[] = {0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19};
constexpr int64_t kLegacyProtocol = 1001;

std::string quoted(const std::string& path) { return "'" + path + "'"; }

// Position just after the magic number's LONG1 in the first bytes of a legacy file, or npos.
size_t legacyMagicEnd(const char* head, size_t size)
{
    const size_t window = std::min<size_t>(size, 32);
    const char* end = head + window;
    const char* hit = std::search(head, end, reinterpret_cast<const char*>(kLegacyMagic),
                                  reinterpret_cast<const char*>(kLegacyMagic) + sizeof kLegacyMagic);
    return hit == end ? std::string::npos : static_cast<size_t>(hit - head) + sizeof kLegacyMagic;
}

// Checks a persistent id ('storage', <type>, key, location, numel[, view]) and returns its parts.
struct StorageId {
    c10::ScalarType type;
    std::string key;
    int64_t numel = 0;
    const PickleValue* view = nullptr;
};

StorageId parseStorageId(const PickleValue& pid, const std::string& source)
{
    const auto bad = [&](const std::string& what) -> StorageId {
        throw Error("checkpoint " + source + " is corrupt: " + what);
    };
    if (pid.kind != PickleKind::Tuple || pid.items.size() < 5 || pid.items[0]->kind != PickleKind::String)
        return bad("malformed storage reference");
    if (pid.items[0]->text != "storage")
        return bad("unsupported persistent object '" + pid.items[0]->text + "'");
    StorageId id;
    const PickleValue& type = *pid.items[1];
    if (type.kind != PickleKind::Global || !storageScalarType(type.text, id.type))
        return bad("unsupported storage type" + (type.kind == PickleKind::Global ? " '" + type.text + "'" : ""));
    if (pid.items[2]->kind != PickleKind::String || pid.items[4]->kind != PickleKind::Int || pid.items[4]->integer < 0)
        return bad("malformed storage reference");
    id.key = pid.items[2]->text;
    id.numel = pid.items[4]->integer;
    if (pid.items.size() > 5 && pid.items[5]->kind != PickleKind::None)
        id.view = pid.items[5].get();
    return id;
}

PickleRef storageValue(torch::Tensor flat)
{
    auto s = std::make_shared<PickleValue>(PickleKind::Storage);
    s->tensor = std::move(flat);
    return s;
}

// The archive's top folder: the directory holding data.pkl (its name varies between writers).
std::string archivePrefix(const ZipArchive& zip)
{
    std::string found;
    for (const auto& e : zip.entries()) {
        const auto slash = e.name.find('/');
        if (slash != std::string::npos && e.name.compare(slash, std::string::npos, "/data.pkl") == 0) {
            found = e.name.substr(0, slash + 1);
            break;
        }
    }
    return found;
}

// One anonymous mapping for all storages of a file. Faulting in fresh memory page by page costs
// more than reading the data; with huge pages a 161 MB checkpoint loads several times faster.
class StorageArena {
public:
    explicit StorageArena(uint64_t bytes)
        : m_size(bytes)
    {
        if (bytes == 0)
            return;
        m_data = static_cast<char*>(platform::allocatePages(bytes));  // huge pages where Linux has them
        if (!m_data)
            throw Error("not enough memory to load a checkpoint of " + std::to_string(bytes >> 20) + " MiB");
    }
    ~StorageArena() { platform::freePages(m_data, m_size); }
    StorageArena(const StorageArena&) = delete;
    StorageArena& operator=(const StorageArena&) = delete;
    char* data() { return m_data; }

private:
    char* m_data = nullptr;
    uint64_t m_size = 0;
};

}  // namespace

bool hasLegacyPthMagic(const char* head, size_t size)
{
    return size >= 2 && static_cast<unsigned char>(head[0]) == 0x80 && legacyMagicEnd(head, size) != std::string::npos;
}

bool isTorchScriptArchive(const ZipArchive& zip)
{
    for (const auto& e : zip.entries()) {
        const auto slash = e.name.find('/');
        if (slash == std::string::npos)
            continue;
        const std::string rest = e.name.substr(slash + 1);
        if (rest == "constants.pkl" || rest.rfind("code/", 0) == 0 || rest == "bytecode.pkl")
            return true;
    }
    return false;
}

PickleRef readPthZip(const ZipArchive& zip)
{
    const std::string& path = zip.path();
    if (isTorchScriptArchive(zip))
        throw Error("checkpoint " + quoted(path) +
                    " is a TorchScript model (it contains code/ and constants.pkl), "
                    "not a state dict; open it as a TorchScript model instead");
    const std::string prefix = archivePrefix(zip);
    if (prefix.empty())
        throw Error("checkpoint " + quoted(path) + " is a ZIP file but not a PyTorch checkpoint (no data.pkl inside)");
    if (const auto* order = zip.find(prefix + "byteorder")) {
        const std::string value = zip.read(*order);
        if (value != "little")
            throw Error("checkpoint " + quoted(path) + " stores tensors in '" + value +
                        "' byte order; only little-endian checkpoints are supported");
    }
    const std::string pickle = zip.read(*zip.find(prefix + "data.pkl"));

    // Lay out every storage record in one arena (64-byte aligned slots). Records lie inside the
    // file, so together they need at most about the file size unless records overlap.
    const std::string dataPrefix = prefix + "data/";
    std::map<std::string, uint64_t> arenaSlots;
    uint64_t arenaSize = 0;
    uint64_t fileSize = 0;
    for (const auto& e : zip.entries()) {
        fileSize = std::max(fileSize, e.localHeaderOffset + e.compressedSize);
        if (e.name.compare(0, dataPrefix.size(), dataPrefix) == 0 && e.method == 0) {
            arenaSlots.emplace(e.name.substr(dataPrefix.size()), arenaSize);
            arenaSize += (e.size + 63) & ~uint64_t(63);
        }
    }
    if (arenaSize > fileSize + 64 * arenaSlots.size())
        throw Error("checkpoint " + quoted(path) + " is corrupt: its tensor data records overlap");
    auto arena = std::make_shared<StorageArena>(arenaSize);

    std::map<std::string, PickleRef> storages;  // several tensors may share one storage
    const std::string source = quoted(path) + " (" + prefix + "data.pkl)";
    auto loader = [&](const PickleValue& pid) -> PickleRef {
        const StorageId id = parseStorageId(pid, source);
        if (auto it = storages.find(id.key); it != storages.end())
            return it->second;
        const ZipArchive::Entry* entry = zip.find(prefix + "data/" + id.key);
        if (!entry)
            throw Error("checkpoint " + quoted(path) + " is incomplete: tensor data record '" + prefix + "data/" +
                        id.key + "' is missing");
        const uint64_t itemSize = c10::elementSize(id.type);
        if (entry->size % itemSize != 0)
            throw Error("checkpoint " + quoted(path) + " is corrupt: record '" + entry->name + "' has " +
                        std::to_string(entry->size) + " bytes, not a whole number of " + c10::toString(id.type) +
                        " elements");
        const int64_t numel = static_cast<int64_t>(entry->size / itemSize);
        const auto options = torch::TensorOptions().dtype(id.type);
        const auto slot = arenaSlots.find(id.key);
        torch::Tensor flat = slot != arenaSlots.end()
                                 ? torch::from_blob(
                                       arena->data() + slot->second, {numel}, [arena](void*) {}, options)
                                 : torch::empty({numel}, options);
        zip.readInto(*entry, flat.data_ptr());  // straight into the tensor, CRC checked
        PickleRef value = storageValue(std::move(flat));
        storages.emplace(id.key, value);
        return value;
    };
    try {
        return Unpickler(pickle.data(), pickle.size(), source, loader).load();
    } catch (const PickleTruncated& e) {
        throw Error(e.what());
    }
}

PickleRef readPthLegacy(const std::string& path)
{
    InputFile file(path);
    const std::string src = quoted(path);
    std::map<std::string, torch::Tensor> storages;
    uint64_t allocated = 0;
    auto loader = [&](const PickleValue& pid) -> PickleRef {
        const StorageId id = parseStorageId(pid, src);
        auto it = storages.find(id.key);
        if (it == storages.end()) {
            const uint64_t itemSize = c10::elementSize(id.type);
            // All storages together cannot hold more bytes than the file.
            if (static_cast<uint64_t>(id.numel) > (file.size() - allocated) / itemSize)
                throw Error("checkpoint " + src + " is truncated or corrupt: storage '" + id.key + "' claims " +
                            std::to_string(id.numel) + " elements, more than the file holds");
            allocated += static_cast<uint64_t>(id.numel) * itemSize;
            it = storages.emplace(id.key, torch::empty({id.numel}, torch::TensorOptions().dtype(id.type))).first;
        }
        torch::Tensor flat = it->second;
        if (id.view) {  // pre-1.0 storage views: (view_key, offset, size)
            const auto& v = id.view->items;
            if (id.view->kind != PickleKind::Tuple || v.size() != 3 || v[1]->kind != PickleKind::Int ||
                v[2]->kind != PickleKind::Int || v[1]->integer < 0 || v[2]->integer < 0 ||
                v[1]->integer + v[2]->integer > flat.numel())
                throw Error("checkpoint " + src + " is corrupt: malformed storage view");
            flat = flat.narrow(0, v[1]->integer, v[2]->integer);
        }
        return storageValue(flat);
    };

    // The pickles come first; their total length is unknown, so parse a prefix and grow it if needed.
    uint64_t chunk = std::min<uint64_t>(file.size(), 4u << 20);
    for (;;) {
        storages.clear();
        allocated = 0;
        const std::string head = file.readString(0, chunk, "legacy header");
        try {
            const size_t magicEnd = legacyMagicEnd(head.data(), head.size());
            if (magicEnd == std::string::npos || magicEnd >= head.size() || head[magicEnd] != '.')
                throw Error("checkpoint " + src + " is not a legacy PyTorch file (bad magic number)");
            Unpickler unpickler(head.data() + magicEnd + 1, head.size() - magicEnd - 1, src, loader);
            const PickleRef protocol = unpickler.load();
            if (protocol->kind != PickleKind::Int || protocol->integer != kLegacyProtocol)
                throw Error("checkpoint " + src + " uses an unsupported legacy protocol version");
            const PickleRef sysInfo = unpickler.load();
            const PickleValue* little = sysInfo->kind == PickleKind::Dict ? sysInfo->get("little_endian") : nullptr;
            if (little && little->kind == PickleKind::Bool && !little->boolean)
                throw Error("checkpoint " + src + " was written on a big-endian machine; this is not supported");
            PickleRef root = unpickler.load();
            const PickleRef keys = unpickler.load();
            if (keys->kind != PickleKind::List)
                throw Error("checkpoint " + src + " is corrupt: the storage key list is missing");

            // Then, per key: int64 element count and the raw little-endian elements.
            uint64_t pos = magicEnd + 1 + unpickler.position();
            for (const auto& key : keys->items) {
                const auto it = key->kind == PickleKind::String ? storages.find(key->text) : storages.end();
                if (it == storages.end())
                    throw Error("checkpoint " + src + " is corrupt: the storage key list names an unknown storage");
                int64_t count = 0;
                file.readAt(pos, &count, 8, "storage header");
                torch::Tensor& flat = it->second;
                if (count != flat.numel())
                    throw Error("checkpoint " + src + " is corrupt: storage '" + key->text + "' holds " +
                                std::to_string(count) + " elements, expected " + std::to_string(flat.numel()));
                const uint64_t bytes = static_cast<uint64_t>(flat.numel()) * flat.element_size();
                file.readAt(pos + 8, flat.data_ptr(), bytes, "tensor data");
                pos += 8 + bytes;
                storages.erase(it);
            }
            if (!storages.empty())
                throw Error("checkpoint " + src + " is corrupt: data for storage '" + storages.begin()->first +
                            "' is missing");
            return root;
        } catch (const PickleTruncated& e) {
            if (chunk >= file.size())
                throw Error(e.what());
            chunk = std::min<uint64_t>(file.size(), chunk * 4);
        }
    }
}

}  // namespace ms
