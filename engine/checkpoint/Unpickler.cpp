#include "checkpoint/Unpickler.h"

#include "core/CheckedMath.h"
#include "core/Error.h"

#include <cstring>
#include <set>

namespace ms {

namespace {

PickleRef makeValue(PickleKind kind) { return std::make_shared<PickleValue>(kind); }

PickleRef makeInt(int64_t v)
{
    auto p = makeValue(PickleKind::Int);
    p->integer = v;
    return p;
}

PickleRef makeBool(bool v)
{
    auto p = makeValue(PickleKind::Bool);
    p->boolean = v;
    return p;
}

PickleRef makeText(PickleKind kind, const unsigned char* data, size_t n)
{
    auto p = makeValue(kind);
    p->text.assign(reinterpret_cast<const char*>(data), n);
    return p;
}

// Opcode bytes (pickle protocols 0-5, only those a checkpoint may contain).
// (A table, as pickletools lists them: kept out of clang-format.)
// clang-format off
enum Op : uint8_t {
    MARK = '(', STOP = '.', POP = '0', POP_MARK = '1', DUP = '2', BININT = 'J', BININT1 = 'K', BININT2 = 'M',
    NONE = 'N', BINPERSID = 'Q', REDUCE = 'R', BINSTRING = 'T', SHORT_BINSTRING = 'U', BINUNICODE = 'X',
    APPEND = 'a', BUILD = 'b', GLOBAL = 'c', DICT = 'd', APPENDS = 'e', BINGET = 'h', LONG_BINGET = 'j',
    LIST = 'l', BINPUT = 'q', LONG_BINPUT = 'r', SETITEM = 's', TUPLE = 't', SETITEMS = 'u', EMPTY_DICT = '}',
    EMPTY_LIST = ']', EMPTY_TUPLE = ')', BINFLOAT = 'G', BINBYTES = 'B', SHORT_BINBYTES = 'C',
    PROTO = 0x80, TUPLE1 = 0x85, TUPLE2 = 0x86, TUPLE3 = 0x87, NEWTRUE = 0x88, NEWFALSE = 0x89, LONG1 = 0x8a,
    LONG4 = 0x8b, SHORT_BINUNICODE = 0x8c, BINUNICODE8 = 0x8d, BINBYTES8 = 0x8e, STACK_GLOBAL = 0x93,
    MEMOIZE = 0x94, FRAME = 0x95,
};
// clang-format on

const std::set<std::string>& allowedGlobals()
{
    static const std::set<std::string> names = {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
    };
    return names;
}

}  // namespace

bool storageScalarType(const std::string& name, c10::ScalarType& type)
{
    static const std::vector<std::pair<std::string, c10::ScalarType>> types = {
        {"torch.FloatStorage", c10::ScalarType::Float}, {"torch.DoubleStorage", c10::ScalarType::Double},
        {"torch.HalfStorage", c10::ScalarType::Half},   {"torch.BFloat16Storage", c10::ScalarType::BFloat16},
        {"torch.LongStorage", c10::ScalarType::Long},   {"torch.IntStorage", c10::ScalarType::Int},
        {"torch.ShortStorage", c10::ScalarType::Short}, {"torch.CharStorage", c10::ScalarType::Char},
        {"torch.ByteStorage", c10::ScalarType::Byte},   {"torch.BoolStorage", c10::ScalarType::Bool},
    };
    for (const auto& [n, t] : types) {
        if (n == name) {
            type = t;
            return true;
        }
    }
    return false;
}

PickleValue::~PickleValue()
{
    std::vector<PickleRef> work;
    auto adopt = [&work](PickleValue& v) {
        for (auto& item : v.items)
            work.push_back(std::move(item));
        for (auto& [k, val] : v.entries) {
            work.push_back(std::move(k));
            work.push_back(std::move(val));
        }
        if (v.attributes)
            work.push_back(std::move(v.attributes));
        v.items.clear();
        v.entries.clear();
    };
    adopt(*this);
    while (!work.empty()) {
        PickleRef p = std::move(work.back());
        work.pop_back();
        if (p && p.use_count() == 1)
            adopt(*p);  // p is freed at the end of this iteration, with no children left
    }
}

const PickleValue* PickleValue::get(const std::string& key) const
{
    const auto it = stringIndex.find(key);
    return it == stringIndex.end() ? nullptr : entries[it->second].second.get();
}

const char* PickleValue::kindName(PickleKind kind)
{
    switch (kind) {
    case PickleKind::None: return "None";
    case PickleKind::Bool: return "bool";
    case PickleKind::Int: return "int";
    case PickleKind::Float: return "float";
    case PickleKind::String: return "string";
    case PickleKind::Bytes: return "bytes";
    case PickleKind::Tuple: return "tuple";
    case PickleKind::List: return "list";
    case PickleKind::Dict: return "dict";
    case PickleKind::Tensor: return "tensor";
    case PickleKind::Storage: return "storage";
    case PickleKind::Global: return "global";
    }
    return "value";
}

Unpickler::Unpickler(const char* data, size_t size, std::string source, PersistentLoader loader)
    : m_data(reinterpret_cast<const unsigned char*>(data))
    , m_size(size)
    , m_source(std::move(source))
    , m_loader(std::move(loader))
{}

void Unpickler::corrupt(const std::string& what) const
{
    throw Error("checkpoint " + m_source + " is corrupt or not a state dict: " + what + " (pickle byte " +
                std::to_string(m_pos) + ")");
}

const unsigned char* Unpickler::take(size_t n)
{
    if (n > m_size - m_pos)
        throw PickleTruncated("checkpoint " + m_source + " is truncated: the pickled data ends before its STOP marker");
    const unsigned char* p = m_data + m_pos;
    m_pos += n;
    return p;
}

uint8_t Unpickler::u8() { return *take(1); }

uint64_t Unpickler::uint(size_t n)
{
    const unsigned char* p = take(n);
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i)
        v |= uint64_t(p[i]) << (8 * i);
    return v;
}

void Unpickler::push(PickleRef v) { m_stack.push_back(std::move(v)); }

PickleRef Unpickler::pop()
{
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
        corrupt("stack underflow");
    PickleRef v = std::move(m_stack.back());
    m_stack.pop_back();
    return v;
}

PickleRef& Unpickler::top()
{
    if (m_stack.size() <= (m_marks.empty() ? 0 : m_marks.back()))
        corrupt("stack underflow");
    return m_stack.back();
}

std::vector<PickleRef> Unpickler::popMark()
{
    if (m_marks.empty())
        corrupt("missing MARK");
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<PickleRef> items(std::make_move_iterator(m_stack.begin() + static_cast<ptrdiff_t>(mark)),
                                 std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return items;
}

PickleRef Unpickler::makeTuple(std::vector<PickleRef> items)
{
    auto t = makeValue(PickleKind::Tuple);
    t->items = std::move(items);
    return t;
}

void Unpickler::memoPut(uint64_t index) { m_memo[index] = top(); }

PickleRef Unpickler::memoGet(uint64_t index)
{
    const auto it = m_memo.find(index);
    if (it == m_memo.end())
        corrupt("reference to unknown memo entry " + std::to_string(index));
    return it->second;
}

void Unpickler::setItem(PickleValue& dict, PickleRef key, PickleRef value)
{
    if (dict.kind != PickleKind::Dict)
        corrupt("SETITEM on a " + std::string(PickleValue::kindName(dict.kind)));
    if (key->kind == PickleKind::String) {
        const auto [it, fresh] = dict.stringIndex.emplace(key->text, dict.entries.size());
        if (!fresh) {  // Python keeps the first position and the last value
            dict.entries[it->second].second = std::move(value);
            return;
        }
    }
    dict.entries.emplace_back(std::move(key), std::move(value));
}

PickleRef Unpickler::global(const std::string& module, const std::string& name)
{
    const std::string full = module + "." + name;
    c10::ScalarType unused;
    if (!allowedGlobals().count(full) && !storageScalarType(full, unused))
        throw Error("refusing to load checkpoint " + m_source + ": global '" + full +
                    "' is not allowed in a checkpoint (a state dict holds only tensors and containers; "
                    "this file may contain code and was not executed)");
    auto g = makeValue(PickleKind::Global);
    g->text = full;
    return g;
}

PickleRef Unpickler::rebuildTensor(const std::vector<PickleRef>& args, bool v2)
{
    if (args.size() < 4 || args[0]->kind != PickleKind::Storage || args[1]->kind != PickleKind::Int ||
        args[2]->kind != PickleKind::Tuple || args[3]->kind != PickleKind::Tuple || (v2 && args.size() < 6))
        corrupt("malformed tensor record");
    const torch::Tensor& storage = args[0]->tensor;
    const int64_t offset = args[1]->integer;
    const auto& sizeItems = args[2]->items;
    const auto& strideItems = args[3]->items;
    if (sizeItems.size() != strideItems.size() || sizeItems.size() > 64)
        corrupt("tensor size and stride differ in length");
    std::vector<int64_t> sizes, strides;
    bool empty = false;
    // The largest element index touched; `fits` turns false when it leaves 64 bits (then it lies
    // far beyond any storage).
    uint64_t last = offset < 0 ? 0 : static_cast<uint64_t>(offset);
    bool fits = true;
    for (size_t i = 0; i < sizeItems.size(); ++i) {
        if (sizeItems[i]->kind != PickleKind::Int || strideItems[i]->kind != PickleKind::Int)
            corrupt("tensor size or stride is not an integer");
        const int64_t s = sizeItems[i]->integer, st = strideItems[i]->integer;
        if (s < 0 || st < 0)
            corrupt("negative tensor size or stride");
        sizes.push_back(s);
        strides.push_back(st);
        empty = empty || s == 0;
        uint64_t span = 0;
        fits = fits && checkedMultiply(static_cast<uint64_t>(s > 0 ? s - 1 : 0), static_cast<uint64_t>(st), span) &&
               checkedAdd(last, span, last);
    }
    if (offset < 0 || (!empty && (!fits || last >= static_cast<uint64_t>(storage.numel()))))
        corrupt("tensor of size " + c10::str(c10::IntArrayRef(sizes)) + " at offset " + std::to_string(offset) +
                " exceeds its storage of " + std::to_string(storage.numel()) + " elements");
    auto t = makeValue(PickleKind::Tensor);
    t->tensor = storage.as_strided(sizes, strides, offset);
    return t;
}

PickleRef Unpickler::reduce(const PickleRef& callable, const PickleRef& argsRef)
{
    if (callable->kind != PickleKind::Global || argsRef->kind != PickleKind::Tuple)
        corrupt("REDUCE of a " + std::string(PickleValue::kindName(callable->kind)));
    const std::string& fn = callable->text;
    const auto& args = argsRef->items;
    if (fn == "collections.OrderedDict") {
        auto d = makeValue(PickleKind::Dict);
        if (args.size() == 1 && args[0]->kind == PickleKind::List) {  // OrderedDict([[k, v], ...])
            for (const auto& pair : args[0]->items) {
                if ((pair->kind != PickleKind::List && pair->kind != PickleKind::Tuple) || pair->items.size() != 2)
                    corrupt("malformed OrderedDict item");
                setItem(*d, pair->items[0], pair->items[1]);
            }
        } else if (!args.empty()) {
            corrupt("malformed OrderedDict arguments");
        }
        return d;
    }
    if (fn == "torch._utils._rebuild_tensor_v2")
        return rebuildTensor(args, true);
    if (fn == "torch._utils._rebuild_tensor")
        return rebuildTensor(args, false);
    if (fn == "torch._utils._rebuild_parameter" || fn == "torch._utils._rebuild_parameter_with_state") {
        if (args.empty() || args[0]->kind != PickleKind::Tensor)
            corrupt("malformed parameter record");
        return args[0];  // a Parameter is just its data here
    }
    corrupt("'" + fn + "' cannot be called");
}

PickleRef Unpickler::load()
{
    m_stack.clear();
    m_marks.clear();
    m_memo.clear();
    for (;;) {
        const uint8_t op = u8();
        switch (op) {
        case PROTO:
            if (u8() > 5)
                corrupt("unsupported pickle protocol");
            break;
        case FRAME: uint(8); break;
        case STOP: {
            PickleRef result = pop();
            m_stack.clear();
            m_marks.clear();
            m_memo.clear();
            return result;
        }
        case MARK: m_marks.push_back(m_stack.size()); break;
        case POP: pop(); break;
        case POP_MARK: popMark(); break;
        case DUP: push(top()); break;
        case NONE: push(makeValue(PickleKind::None)); break;
        case NEWTRUE: push(makeBool(true)); break;
        case NEWFALSE: push(makeBool(false)); break;
        case BININT: push(makeInt(static_cast<int32_t>(uint(4)))); break;
        case BININT1: push(makeInt(u8())); break;
        case BININT2: push(makeInt(static_cast<int64_t>(uint(2)))); break;
        case LONG1:
        case LONG4: {
            const uint64_t n = op == LONG1 ? u8() : uint(4);
            if (n > 8)
                corrupt("integer too large");
            const unsigned char* p = take(static_cast<size_t>(n));
            uint64_t v = 0;
            for (size_t i = 0; i < n; ++i)
                v |= uint64_t(p[i]) << (8 * i);
            if (n > 0 && n < 8 && (p[n - 1] & 0x80))  // sign-extend
                v |= ~uint64_t(0) << (8 * n);
            push(makeInt(static_cast<int64_t>(v)));
            break;
        }
        case BINFLOAT: {
            const unsigned char* p = take(8);
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i)
                bits = (bits << 8) | p[i];  // big-endian
            auto f = makeValue(PickleKind::Float);
            std::memcpy(&f->real, &bits, 8);
            push(f);
            break;
        }
        case BINUNICODE:
        case SHORT_BINUNICODE:
        case BINUNICODE8:
        case BINSTRING:
        case SHORT_BINSTRING:
        case BINBYTES:
        case SHORT_BINBYTES:
        case BINBYTES8: {
            const size_t lenBytes = (op == SHORT_BINUNICODE || op == SHORT_BINSTRING || op == SHORT_BINBYTES) ? 1
                                    : (op == BINUNICODE8 || op == BINBYTES8)                                  ? 8
                                                                                                              : 4;
            const uint64_t n = uint(lenBytes);
            if (op == BINSTRING && n > 0x7fffffff)
                corrupt("negative string length");
            const bool isBytes = op == BINBYTES || op == SHORT_BINBYTES || op == BINBYTES8;
            if (n > m_size - m_pos)
                take(m_size - m_pos + 1);  // throws "truncated"
            push(makeText(isBytes ? PickleKind::Bytes : PickleKind::String, take(static_cast<size_t>(n)),
                          static_cast<size_t>(n)));
            break;
        }
        case EMPTY_TUPLE: push(makeTuple({})); break;
        case TUPLE: push(makeTuple(popMark())); break;
        case TUPLE1:
        case TUPLE2:
        case TUPLE3: {
            const size_t n = op - TUPLE1 + 1;
            std::vector<PickleRef> items(n);
            for (size_t i = n; i-- > 0;)
                items[i] = pop();
            push(makeTuple(std::move(items)));
            break;
        }
        case EMPTY_LIST: push(makeValue(PickleKind::List)); break;
        case LIST: {
            auto l = makeValue(PickleKind::List);
            l->items = popMark();
            push(l);
            break;
        }
        case APPEND: {
            PickleRef v = pop();
            PickleRef& l = top();
            if (l->kind != PickleKind::List)
                corrupt("APPEND to a " + std::string(PickleValue::kindName(l->kind)));
            l->items.push_back(std::move(v));
            break;
        }
        case APPENDS: {
            std::vector<PickleRef> items = popMark();
            PickleRef& l = top();
            if (l->kind != PickleKind::List)
                corrupt("APPENDS to a " + std::string(PickleValue::kindName(l->kind)));
            for (auto& v : items)
                l->items.push_back(std::move(v));
            break;
        }
        case EMPTY_DICT: push(makeValue(PickleKind::Dict)); break;
        case DICT:
        case SETITEMS: {
            std::vector<PickleRef> items = popMark();
            if (items.size() % 2)
                corrupt("odd number of dict items");
            if (op == DICT)
                push(makeValue(PickleKind::Dict));
            PickleRef& d = top();
            for (size_t i = 0; i < items.size(); i += 2)
                setItem(*d, std::move(items[i]), std::move(items[i + 1]));
            break;
        }
        case SETITEM: {
            PickleRef value = pop();
            PickleRef key = pop();
            setItem(*top(), std::move(key), std::move(value));
            break;
        }
        case BINPUT: memoPut(u8()); break;
        case LONG_BINPUT: memoPut(uint(4)); break;
        case MEMOIZE: memoPut(m_memo.size()); break;
        case BINGET: push(memoGet(u8())); break;
        case LONG_BINGET: push(memoGet(uint(4))); break;
        case GLOBAL: {
            auto line = [this]() {
                const size_t start = m_pos;
                while (u8() != '\n') {
                    if (m_pos - start > 256)
                        corrupt("overlong global name");
                }
                return std::string(reinterpret_cast<const char*>(m_data + start), m_pos - start - 1);
            };
            const std::string module = line();
            const std::string name = line();
            push(global(module, name));
            break;
        }
        case STACK_GLOBAL: {
            PickleRef name = pop();
            PickleRef module = pop();
            if (module->kind != PickleKind::String || name->kind != PickleKind::String)
                corrupt("malformed STACK_GLOBAL");
            push(global(module->text, name->text));
            break;
        }
        case REDUCE: {
            PickleRef args = pop();
            PickleRef callable = pop();
            push(reduce(callable, args));
            break;
        }
        case BUILD: {
            PickleRef state = pop();
            PickleRef& obj = top();
            // Only OrderedDict's attribute dict (state dict `_metadata`) and tensor/parameter state.
            if (obj->kind == PickleKind::Dict && state->kind == PickleKind::Dict)
                obj->attributes = state;
            else if (obj->kind != PickleKind::Tensor)
                corrupt("BUILD on a " + std::string(PickleValue::kindName(obj->kind)));
            break;
        }
        case BINPERSID: {
            PickleRef pid = pop();
            if (!m_loader)
                corrupt("unexpected persistent id");
            push(m_loader(*pid));
            break;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            corrupt(std::string("unsupported pickle opcode ") + hex);
        }
        }
    }
}

}  // namespace ms
