#pragma once
// The few pieces of the protobuf wire format that TensorBoard event files need, so the engine does
// not depend on protobuf: field encoding for the writer, a field-by-field cursor for the reader.
#include <cstdint>
#include <string>
#include <string_view>

namespace ms::proto {

enum class WireType : uint32_t { Varint = 0, Fixed64 = 1, Bytes = 2, Fixed32 = 5 };

void putVarint(std::string& out, uint64_t value);
void putTag(std::string& out, uint32_t field, WireType type);
void putVarintField(std::string& out, uint32_t field, int64_t value);  // int32/int64 (negatives as 10 bytes)
void putDoubleField(std::string& out, uint32_t field, double value);
void putFloatField(std::string& out, uint32_t field, float value);
void putBytesField(std::string& out, uint32_t field, std::string_view bytes);  // string, bytes, sub-message

// One field as read: `value` holds varint and fixed values (raw bits), `bytes` length-delimited ones.
struct Field {
    uint32_t number = 0;
    WireType type = WireType::Varint;
    uint64_t value = 0;
    std::string_view bytes;

    double asDouble() const;  // Fixed64
    float asFloat() const;    // Fixed32
};

// Walks the fields of one message. Throws ms::Error ("malformed protobuf: ...") on damaged data;
// the caller adds which file and record.
class FieldReader {
public:
    explicit FieldReader(std::string_view message)
        : m_data(message)
    {}
    bool next(Field& field);  // false at the end of the message

private:
    uint64_t readVarint();
    std::string_view m_data;
    size_t m_pos = 0;
};

}  // namespace ms::proto
