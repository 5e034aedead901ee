#pragma once
// TFRecord framing, the container of TensorBoard event files:
//   uint64 length | uint32 masked CRC-32C of the length bytes | data | uint32 masked CRC-32C of data
// (all little-endian).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace ms {

// One framed record, ready to append to a file.
std::string frameTfRecord(std::string_view payload);

// Calls onRecord(payload, byteOffsetOfRecord) for each record of the file, in order, with both CRCs
// checked. A damaged tail is skipped and reported by returning true: a last record cut short (a run
// killed mid-write, or a file still being written) or a record that the zero-filled end of the
// file reaches into (a crash before the data reached the disk). Any other damage throws ms::Error naming the file and the byte offset.
// Only the bytes present when the file is opened are read.
bool forEachTfRecord(const std::string& path,
                     const std::function<void(std::string_view payload, uint64_t offset)>& onRecord);

}  // namespace ms
