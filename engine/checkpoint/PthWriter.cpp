#include "checkpoint/PthWriter.h"

#include "core/Error.h"
#include "io/AtomicFile.h"

#include <caffe2/serialize/inline_container.h>

#include <cerrno>

namespace ms {

namespace {

const char* storageTypeName(c10::ScalarType type)
{
    switch (type) {
    case c10::ScalarType::Float: return "FloatStorage";
    case c10::ScalarType::Double: return "DoubleStorage";
    case c10::ScalarType::Half: return "HalfStorage";
    case c10::ScalarType::BFloat16: return "BFloat16Storage";
    case c10::ScalarType::Long: return "LongStorage";
    case c10::ScalarType::Int: return "IntStorage";
    case c10::ScalarType::Short: return "ShortStorage";
    case c10::ScalarType::Char: return "CharStorage";
    case c10::ScalarType::Byte: return "ByteStorage";
    case c10::ScalarType::Bool: return "BoolStorage";
    default: return nullptr;
    }
}

// Emits the handful of protocol-2 opcodes a state dict needs, the way Python's pickler spells them
// (without memoisation, which readers do not require).
class Pickler {
public:
    std::string& bytes() { return m_out; }
    void op(char c) { m_out.push_back(c); }
    void proto() { m_out += "\x80\x02"; }
    void global(const char* module, const char* name) { m_out += std::string("c") + module + "\n" + name + "\n"; }
    void str(const std::string& s)
    {
        op('X');
        le(s.size(), 4);
        m_out += s;
    }
    void integer(int64_t v)
    {
        if (v >= 0 && v < 0x100) {
            op('K');
            le(static_cast<uint64_t>(v), 1);
        } else if (v >= 0 && v < 0x10000) {
            op('M');
            le(static_cast<uint64_t>(v), 2);
        } else if (v >= INT32_MIN && v <= INT32_MAX) {
            op('J');
            le(static_cast<uint32_t>(static_cast<int32_t>(v)), 4);
        } else {
            m_out += "\x8a\x08";
            le(static_cast<uint64_t>(v), 8);
        }
    }
    void tuple(c10::IntArrayRef values)
    {
        if (values.empty()) {
            op(')');
            return;
        }
        if (values.size() > 3)
            op('(');
        for (int64_t v : values)
            integer(v);
        static const char kSmall[] = {'\x85', '\x86', '\x87'};
        op(values.size() > 3 ? 't' : kSmall[values.size() - 1]);
    }
    void emptyOrderedDict()
    {
        global("collections", "OrderedDict");
        op(')');
        op('R');
    }

private:
    void le(uint64_t v, int n)
    {
        for (int i = 0; i < n; ++i, v >>= 8)
            m_out.push_back(static_cast<char>(v & 0xff));
    }
    std::string m_out;
};

// Python batches SETITEMS in groups of 1000; follow suit.
template <typename Range, typename Fn>
void setItems(Pickler& p, const Range& items, Fn emitItem)
{
    size_t n = 0;
    for (const auto& item : items) {
        if (n % 1000 == 0) {
            if (n > 0)
                p.op('u');
            p.op('(');
        }
        emitItem(item);
        ++n;
    }
    if (n > 0)
        p.op('u');
}

torch::Tensor storageTensor(const std::string& path, const std::string& key, const torch::Tensor& t)
{
    if (!t.defined())
        throw Error("cannot write checkpoint '" + path + "': tensor '" + key + "' is undefined");
    if (!storageTypeName(t.scalar_type()))
        throw Error("cannot write checkpoint '" + path + "': tensor '" + key + "' has unsupported dtype " +
                    c10::toString(t.scalar_type()));
    return t.detach().to(torch::kCPU).contiguous();
}

}  // namespace

std::string picklePthStateDict(const StateDict& tensors, const ModuleVersions& versions)
{
    Pickler p;
    p.proto();
    p.emptyOrderedDict();
    size_t index = 0;
    setItems(p, tensors, [&](const auto& item) {
        const torch::Tensor& t = item.value();
        p.str(item.key());
        p.global("torch._utils", "_rebuild_tensor_v2");
        p.op('(');
        // Persistent id: ('storage', torch.<Type>Storage, key, 'cpu', numel)
        p.op('(');
        p.str("storage");
        p.global("torch", storageTypeName(t.scalar_type()));
        p.str(std::to_string(index++));
        p.str("cpu");
        p.integer(t.numel());
        p.op('t');
        p.op('Q');
        p.integer(0);  // storage offset: each tensor has its own contiguous storage
        p.tuple(t.sizes());
        p.tuple(t.strides());
        p.op('\x89');          // requires_grad=False
        p.emptyOrderedDict();  // backward hooks
        p.op('t');
        p.op('R');
    });
    if (!versions.empty()) {
        // BUILD sets OrderedDict.__dict__ = {'_metadata': OrderedDict(prefix -> {'version': n})}.
        p.op('}');
        p.str("_metadata");
        p.emptyOrderedDict();
        setItems(p, versions, [&](const auto& v) {
            p.str(v.first);
            p.op('}');
            p.str("version");
            p.integer(v.second);
            p.op('s');
        });
        p.op('s');
        p.op('b');
    }
    p.op('.');
    return std::move(p.bytes());
}

void writePth(const std::string& path, const StateDict& tensors, const ModuleVersions& versions)
{
    StateDict contiguous;
    contiguous.reserve(tensors.size());
    for (const auto& item : tensors)
        contiguous.insert(item.key(), storageTensor(path, item.key(), item.value()));
    const std::string pickle = picklePthStateDict(contiguous, versions);

    AtomicFile out(path);
    // The stream writer must not see an exception from its callback (it runs inside miniz), so a
    // failed write is remembered here and rethrown once the writer is done.
    std::string failure;
    auto sink = [&](const void* buf, size_t n) -> size_t {
        if (failure.empty()) {
            try {
                out.write(buf, n);
            } catch (const Error& e) {
                failure = e.what();
            }
        }
        return n;
    };
    try {
        caffe2::serialize::PyTorchStreamWriter writer(sink);
        writer.writeRecord("data.pkl", pickle.data(), pickle.size());
        size_t index = 0;
        for (const auto& item : contiguous) {
            const torch::Tensor& t = item.value();
            writer.writeRecord("data/" + std::to_string(index++), t.data_ptr(),
                               static_cast<size_t>(t.numel()) * t.element_size());
        }
        writer.writeEndOfFile();
    } catch (const c10::Error& e) {
        if (failure.empty())
            failure = "cannot write checkpoint '" + path + "': " + e.what_without_backtrace();
    }
    if (!failure.empty())
        throw Error(failure);  // `out` removes the temporary file
    out.commit();
}

}  // namespace ms
