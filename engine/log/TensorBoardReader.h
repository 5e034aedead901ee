#pragma once
// Reads TensorBoard event files back: the scalar curves (for tests and the GUI's view of earlier
// runs) and the images. Understands what TensorBoardWriter and PyTorch's SummaryWriter write
// (Summary.Value.simple_value and .image); TF2-style tensor summaries are skipped.
#include <cstdint>
#include <string>
#include <vector>

namespace ms {

struct ScalarEvent {
    std::string tag;
    int64_t step = 0;
    double wallTime = 0;  // seconds since the Unix epoch
    double value = 0;
};

struct ImageEvent {
    std::string tag;
    int64_t step = 0;
    double wallTime = 0;
    int height = 0, width = 0, colorspace = 0;  // colorspace: 1 grey, 3 RGB, 4 RGBA
    std::string encoded;                        // PNG (or whatever the writer chose) bytes
};

// The event files of a folder (names containing "tfevents", not in subfolders), sorted by name,
// i.e. by creation time. Empty if there are none; ms::Error if the folder cannot be listed.
std::vector<std::string> tensorBoardEventFiles(const std::string& dir);

// All scalars of one event file, or of every event file of a folder, in file order (a resumed run
// may repeat steps; the caller decides what to show). CRCs are checked; a cut-off last record is
// skipped; a damaged record elsewhere throws ms::Error naming the file and offset.
std::vector<ScalarEvent> readTensorBoardScalars(const std::string& fileOrDir);
std::vector<ImageEvent> readTensorBoardImages(const std::string& fileOrDir);

}  // namespace ms
