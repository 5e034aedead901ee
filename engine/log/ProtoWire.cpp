#include "log/ProtoWire.h"

#include "core/Error.h"

#include <cstring>

namespace ms::proto {

namespace {

// Little-endian regardless of the host, as the wire format says.
void putFixed(std::string& out, uint64_t bits, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((bits >> (8 * i)) & 0xffu));
}

[[noreturn]] void malformed(const std::string& what) { throw Error("malformed protobuf: " + what); }

}  // namespace

void putVarint(std::string& out, uint64_t value)
{
    while (value >= 0x80) {
        out.push_back(static_cast<char>((value & 0x7fu) | 0x80u));
        value >>= 7;
    }
    out.push_back(static_cast<char>(value));
}

void putTag(std::string& out, uint32_t field, WireType type)
{
    putVarint(out, (static_cast<uint64_t>(field) << 3) | static_cast<uint32_t>(type));
}

void putVarintField(std::string& out, uint32_t field, int64_t value)
{
    putTag(out, field, WireType::Varint);
    putVarint(out, static_cast<uint64_t>(value));
}

void putDoubleField(std::string& out, uint32_t field, double value)
{
    uint64_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    putTag(out, field, WireType::Fixed64);
    putFixed(out, bits, 8);
}

void putFloatField(std::string& out, uint32_t field, float value)
{
    uint32_t bits;
    std::memcpy(&bits, &value, sizeof bits);
    putTag(out, field, WireType::Fixed32);
    putFixed(out, bits, 4);
}

void putBytesField(std::string& out, uint32_t field, std::string_view bytes)
{
    putTag(out, field, WireType::Bytes);
    putVarint(out, bytes.size());
    out.append(bytes.data(), bytes.size());
}

double Field::asDouble() const
{
    double d;
    std::memcpy(&d, &value, sizeof d);
    return d;
}

float Field::asFloat() const
{
    const auto bits = static_cast<uint32_t>(value);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

uint64_t FieldReader::readVarint()
{
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size())
            malformed("varint runs past the end");
        const auto byte = static_cast<unsigned char>(m_data[m_pos++]);
        result |= static_cast<uint64_t>(byte & 0x7fu) << shift;
        if (!(byte & 0x80u))
            return result;
    }
    malformed("varint longer than 10 bytes");
}

bool FieldReader::next(Field& field)
{
    if (m_pos >= m_data.size())
        return false;
    const uint64_t key = readVarint();
    field.number = static_cast<uint32_t>(key >> 3);
    field.value = 0;
    field.bytes = {};
    if (field.number == 0)
        malformed("field number 0");
    auto fixed = [&](int bytes) {
        if (m_data.size() - m_pos < static_cast<size_t>(bytes))
            malformed("fixed-size field runs past the end");
        for (int i = 0; i < bytes; ++i)
            field.value |= static_cast<uint64_t>(static_cast<unsigned char>(m_data[m_pos + i])) << (8 * i);
        m_pos += bytes;
    };
    switch (key & 7u) {
    case 0:
        field.type = WireType::Varint;
        field.value = readVarint();
        break;
    case 1:
        field.type = WireType::Fixed64;
        fixed(8);
        break;
    case 5:
        field.type = WireType::Fixed32;
        fixed(4);
        break;
    case 2: {
        field.type = WireType::Bytes;
        const uint64_t size = readVarint();
        if (size > m_data.size() - m_pos)
            malformed("length-delimited field runs past the end");
        field.bytes = m_data.substr(m_pos, size);
        m_pos += size;
        break;
    }
    default: malformed("unsupported wire type " + std::to_string(key & 7u));
    }
    return true;
}

}  // namespace ms::proto
