#pragma once
// Writes TensorBoard event files (scalars and images) without protobuf or TensorFlow: the few
// messages needed are encoded by hand (log/ProtoWire.h) and framed as TFRecords (log/TfRecord.h).
//
// Records are buffered and written every flushInterval by a background thread, when the buffer
// grows large, on flush() and on destruction. A failed write (full disk, file size limit) cuts the
// file back to its last complete record, so the records already written stay readable; the records
// of that write are dropped and ms::Error (naming the file) is thrown, by flush() or, for a
// background write, by the next call. Thread-safe.
#include "platform/Files.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace cv {
class Mat;
}

namespace ms {

class TensorBoardWriter {
public:
    // Creates logDir (and its parents) and a new file events.out.tfevents.<unix s>.<host>.<pid>.<n>
    // in it, starting with the file_version record "brain.Event:2". ms::Error if either fails.
    explicit TensorBoardWriter(const std::string& logDir,
                               std::chrono::milliseconds flushInterval = std::chrono::seconds(2));
    ~TensorBoardWriter();  // flushes; errors are swallowed here (a destructor cannot report them)
    TensorBoardWriter(const TensorBoardWriter&) = delete;
    TensorBoardWriter& operator=(const TensorBoardWriter&) = delete;

    // A scalar, stored as TensorBoard's simple_value (float32, like every TensorBoard writer).
    void addScalar(const std::string& tag, double value, int64_t step);
    // An 8-bit image: CV_8UC1 grey, CV_8UC3 in RGB order, or CV_8UC4 RGBA. Stored as PNG.
    void addImage(const std::string& tag, const cv::Mat& rgbOrGrey8, int64_t step);
    void flush();
    std::string path() const { return m_path; }

private:
    void append(std::string&& event);
    void writePending();  // throws on failure
    void throwDeferredError();
    void flusherLoop();

    std::string m_path;
    platform::File m_file;
    uint64_t m_size = 0;  // bytes of complete records in the file (guarded by m_writeMutex)
    std::chrono::milliseconds m_interval;

    std::mutex m_writeMutex;  // the file; always taken before m_mutex
    std::mutex m_mutex;       // everything below
    std::condition_variable m_wake;
    std::string m_pending;        // framed records not yet written
    std::string m_deferredError;  // a background write's failure, thrown by the next call
    bool m_stop = false;
    std::thread m_flusher;
};

}  // namespace ms
