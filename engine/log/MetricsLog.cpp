#include "log/MetricsLog.h"

#include "core/Error.h"

#include "platform/Files.h"
#include "platform/Paths.h"
#include "platform/Time.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ms {

namespace {

// Cuts the file back to just after its last newline (drops a line torn by a crash).
void dropTornTail(platform::File& file, const std::string& path)
{
    std::error_code ec;
    const uint64_t size = file.size(ec);
    if (ec || size == 0)
        return;
    uint64_t end = size;
    char buffer[4096];
    while (end > 0) {
        const uint64_t start = end > sizeof buffer ? end - sizeof buffer : 0;
        const int64_t n = file.readAt(start, buffer, static_cast<size_t>(end - start), ec);
        if (n != static_cast<int64_t>(end - start))
            throw Error("Cannot read the metrics log " + path + ": " + (ec ? platform::describe(ec) : "short read"));
        for (int64_t i = n - 1; i >= 0; --i)
            if (buffer[i] == '\n') {
                if (start + i + 1 != size && !file.truncate(start + i + 1, ec))
                    throw Error("Cannot repair the metrics log " + path + ": " + platform::describe(ec));
                return;
            }
        end = start;
    }
    if (!file.truncate(0, ec))  // no newline at all: the only line is torn
        throw Error("Cannot repair the metrics log " + path + ": " + platform::describe(ec));
}

}  // namespace

std::string isoTimeNow()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::tm utc = platform::utcTime(seconds);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char full[48];
    std::snprintf(full, sizeof full, "%s.%03dZ", text, static_cast<int>(ms));
    return full;
}

MetricsLog::MetricsLog(const std::string& path)
    : m_path(path)
{
    const std::filesystem::path parent = platform::fsPath(path).parent_path();
    std::error_code ec;
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    m_file = platform::File::open(path, platform::File::Open::Append, ec);
    if (ec)
        throw Error("Cannot open the metrics log " + path + ": " + platform::describe(ec));
    dropTornTail(m_file, path);
}

MetricsLog::~MetricsLog() = default;

void MetricsLog::append(const std::string& kind, int64_t step, int64_t epoch, const nlohmann::json& values)
{
    if (!values.is_object() && !values.is_null())
        throw Error("Metrics log " + m_path + ": the values must be a JSON object.");
    nlohmann::json line = {{"time", isoTimeNow()}, {"step", step}, {"epoch", epoch}, {"kind", kind}};
    if (values.is_object())
        for (const auto& [key, value] : values.items()) {
            if (line.contains(key))
                throw Error("Metrics log " + m_path + ": '" + key + "' is a reserved key.");
            line[key] = value;
        }
    // Replace invalid UTF-8 instead of throwing: a tag from a file name must not stop a run.
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";

    std::lock_guard lock(m_mutex);
    std::error_code ec;
    const uint64_t before = m_file.size(ec);
    const bool sized = !ec;
    if (!m_file.write(text.data(), text.size(), ec)) {
        std::error_code ignored;
        if (sized)  // remove the partial line so the file still ends with a complete one
            m_file.truncate(before, ignored);
        throw Error("Cannot write the metrics log " + m_path + ": " + platform::describe(ec));
    }
}

std::vector<nlohmann::json> readMetricsLog(const std::string& path)
{
    std::ifstream in(platform::fsPath(path), std::ios::binary);
    if (!in)
        throw Error("Cannot open the metrics log " + path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();

    std::vector<nlohmann::json> lines;
    size_t start = 0, number = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        const bool complete = end != std::string::npos;
        if (!complete)
            end = text.size();
        ++number;
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos)
            continue;
        nlohmann::json value = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
        if (value.is_discarded()) {
            if (!complete)
                break;  // torn by a crash
            throw Error("The metrics log " + path + " has an unreadable line " + std::to_string(number) + ".");
        }
        lines.push_back(std::move(value));
    }
    return lines;
}

}  // namespace ms
