#pragma once
// Where a training dataset's images are: one JSON file, dataset.json by convention,
//   {"name": "...", "train": {"fgr": "train/fgr", "pha": "train/pha", "backgrounds": "train/bgr"},
//                   "valid": {"fgr": ..., "pha": ..., "backgrounds": ...}}
// with folders relative to the file's own folder (or absolute), so a dataset can be moved as a whole.
#include <string>

namespace ms {

struct DatasetSplit {
    std::string fgr, pha, backgrounds;  // folders (absolute after loading)
};

struct DatasetConfig {
    std::string name;
    std::string file;  // the JSON file it was loaded from or saved to (absolute)
    DatasetSplit train, valid;
};

// `configOrDir` is a JSON file, or a folder holding dataset.json. Relative folders resolve against
// the file's folder. Throws ms::Error naming the file and the key on any problem; a missing name
// defaults to the folder's name. The folders themselves are not checked here (checkDataset does).
DatasetConfig loadDatasetConfig(const std::string& configOrDir);

// Writes atomically. Folders inside the file's folder are stored relative to it, others absolute.
// Sets nothing in `config`; a later loadDatasetConfig(file) gives the same absolute folders.
void saveDatasetConfig(const DatasetConfig& config, const std::string& file);

}  // namespace ms
