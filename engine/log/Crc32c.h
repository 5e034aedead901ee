#pragma once
// CRC-32C (Castagnoli), the checksum of TFRecord framing. zlib only has the IEEE CRC-32, hence our own.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ms {

// Plain CRC-32C of `size` bytes; pass a previous result as `crc` to continue over several buffers.
uint32_t crc32c(const void* data, size_t size, uint32_t crc = 0);
inline uint32_t crc32c(std::string_view bytes) { return crc32c(bytes.data(), bytes.size()); }

// TFRecord stores CRCs "masked" (rotated and offset) so that a CRC of data holding CRCs stays strong.
inline uint32_t maskCrc32c(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

}  // namespace ms
