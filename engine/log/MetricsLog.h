#pragma once
// A JSON-lines metrics file: one object per line,
//   {"time": "2026-01-31T12:00:00.123Z", "step": S, "epoch": E, "kind": "train", <values>...}
// Each line is appended with one write and reaches the OS before append() returns, so a crash
// loses at most the line being written. Easy to read from Python (pandas.read_json(lines=True)).
#include "platform/Files.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace ms {

class MetricsLog {
public:
    // Opens (creating it and its folder if needed) `path` for appending. A torn last line left by
    // a crash is cut off first, so new lines never join it. ms::Error if the file cannot be opened.
    explicit MetricsLog(const std::string& path);
    ~MetricsLog();
    MetricsLog(const MetricsLog&) = delete;
    MetricsLog& operator=(const MetricsLog&) = delete;

    // values: a JSON object of numbers (or anything JSON), e.g. {"loss": 0.1, "sad": 12.5}; its keys
    // must not be time, step, epoch or kind. NaN/inf become null (JSON has no such numbers).
    // A failed write (full disk) removes the partial line and throws ms::Error naming the file.
    // Thread-safe.
    void append(const std::string& kind, int64_t step, int64_t epoch, const nlohmann::json& values);
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    platform::File m_file;
    std::mutex m_mutex;
};

// All lines of a metrics file, in order. An unparsable last line without its newline (torn by a
// crash) is skipped; an unparsable line elsewhere throws ms::Error naming the file and line.
std::vector<nlohmann::json> readMetricsLog(const std::string& path);

// Current UTC time as ISO 8601 with milliseconds, e.g. "2026-01-31T12:00:00.123Z".
std::string isoTimeNow();

}  // namespace ms
