#pragma once
// A restricted pickle reader for checkpoints. It never imports or calls anything: it knows the few
// globals a state dict needs (OrderedDict, tensor rebuilders, storage types) and rejects the rest.
#include <torch/torch.h>

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ms {

struct PickleValue;
using PickleRef = std::shared_ptr<PickleValue>;

enum class PickleKind { None, Bool, Int, Float, String, Bytes, Tuple, List, Dict, Tensor, Storage, Global };

// One unpickled value. Containers hold shared references, as in Python, so memoised objects
// mutated later (APPENDS, SETITEMS) are seen by every holder.
struct PickleValue {
    PickleKind kind = PickleKind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0;
    std::string text;                                      // String, Bytes; Global: "module.name"
    std::vector<PickleRef> items;                          // Tuple, List
    std::vector<std::pair<PickleRef, PickleRef>> entries;  // Dict, in insertion order
    std::unordered_map<std::string, size_t> stringIndex;   // Dict: string key -> entry
    torch::Tensor tensor;                                  // Tensor; Storage: the flat 1-D storage
    PickleRef attributes;                                  // Dict set by BUILD (e.g. OrderedDict._metadata)

    PickleValue() = default;
    explicit PickleValue(PickleKind k)
        : kind(k)
    {}
    PickleValue(const PickleValue&) = delete;
    PickleValue& operator=(const PickleValue&) = delete;
    // Frees nested values iteratively: a hostile pickle nesting a million tuples must not
    // exhaust the stack through recursive destructors.
    ~PickleValue();

    const PickleValue* get(const std::string& key) const;  // Dict lookup by string key
    static const char* kindName(PickleKind kind);
};

// The tensor dtype of a storage global such as "torch.FloatStorage"; false if it is none.
bool storageScalarType(const std::string& globalName, c10::ScalarType& type);

// Thrown when the data ends before STOP: the caller may retry with more bytes.
class PickleTruncated : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Unpickler {
public:
    // Maps a persistent id (the tuple of BINPERSID) to a Storage value.
    using PersistentLoader = std::function<PickleRef(const PickleValue& pid)>;

    // `source` names the file and part for error messages, e.g. "'/x/model.pth' (model/data.pkl)".
    Unpickler(const char* data, size_t size, std::string source, PersistentLoader loader = {});

    // Reads one pickle up to STOP. Can be called again for the next pickle of a stream.
    PickleRef load();
    size_t position() const { return m_pos; }

private:
    [[noreturn]] void corrupt(const std::string& what) const;
    const unsigned char* take(size_t n);
    uint8_t u8();
    uint64_t uint(size_t n);
    void push(PickleRef v);
    PickleRef pop();
    PickleRef& top();
    std::vector<PickleRef> popMark();
    PickleRef makeTuple(std::vector<PickleRef> items);
    PickleRef global(const std::string& module, const std::string& name);
    PickleRef reduce(const PickleRef& callable, const PickleRef& args);
    PickleRef rebuildTensor(const std::vector<PickleRef>& args, bool v2);
    void setItem(PickleValue& dict, PickleRef key, PickleRef value);
    void memoPut(uint64_t index);
    PickleRef memoGet(uint64_t index);

    const unsigned char* m_data;
    size_t m_size;
    size_t m_pos = 0;
    std::string m_source;
    PersistentLoader m_loader;
    std::vector<PickleRef> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, PickleRef> m_memo;
};

}  // namespace ms
