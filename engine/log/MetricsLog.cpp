#include "log/MetricsLog.h"

#include "core/Error.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ms {

namespace {

// Cuts the file back to just after its last newline (drops a line torn by a crash).
void dropTornTail(int fd, const std::string& path)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size == 0)
        return;
    off_t end = st.st_size;
    char buffer[4096];
    while (end > 0) {
        const off_t start = std::max<off_t>(0, end - static_cast<off_t>(sizeof buffer));
        const ssize_t n = ::pread(fd, buffer, static_cast<size_t>(end - start), start);
        if (n != end - start)
            throw Error("Cannot read the metrics log " + path + ": " + std::strerror(errno));
        for (ssize_t i = n - 1; i >= 0; --i)
            if (buffer[i] == '\n') {
                if (start + i + 1 != st.st_size && ::ftruncate(fd, start + i + 1) != 0)
                    throw Error("Cannot repair the metrics log " + path + ": " + std::strerror(errno));
                return;
            }
        end = start;
    }
    if (::ftruncate(fd, 0) != 0)  // no newline at all: the only line is torn
        throw Error("Cannot repair the metrics log " + path + ": " + std::strerror(errno));
}

} // namespace

std::string isoTimeNow()
{
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char full[48];
    std::snprintf(full, sizeof full, "%s.%03dZ", text, static_cast<int>(ms));
    return full;
}

MetricsLog::MetricsLog(const std::string& path) : m_path(path)
{
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty())
        std::filesystem::create_directories(parent, ec);
    m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw Error("Cannot open the metrics log " + path + ": " + std::strerror(errno));
    try {
        dropTornTail(m_fd, path);
    } catch (...) {
        ::close(m_fd);
        throw;
    }
}

MetricsLog::~MetricsLog() { ::close(m_fd); }

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
    struct stat st {};
    const off_t before = ::fstat(m_fd, &st) == 0 ? st.st_size : -1;
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(m_fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : EIO;
            if (before >= 0) {  // remove the partial line so the file still ends with a complete one
                [[maybe_unused]] const int ignored = ::ftruncate(m_fd, before);
            }
            throw Error("Cannot write the metrics log " + m_path + ": " + std::strerror(err));
        }
        done += static_cast<size_t>(n);
    }
}

std::vector<nlohmann::json> readMetricsLog(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
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

} // namespace ms
