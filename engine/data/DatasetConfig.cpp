#include "data/DatasetConfig.h"

#include "core/Error.h"
#include "io/AtomicFile.h"
#include "platform/Paths.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using nlohmann::json;

namespace ms {
namespace {

std::string readText(const std::string& file)
{
    std::ifstream in(platform::fsPath(file), std::ios::binary);
    if (!in)
        throw Error("cannot read dataset config " + file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string folderOf(const json& split, const std::string& splitName, const char* key, const fs::path& base,
                     const std::string& file)
{
    const std::string where = "'" + splitName + "." + key + "' in " + file;
    if (!split.contains(key))
        throw Error("dataset config: " + where + " is missing (a folder of " +
                    (std::string(key) == "backgrounds" ? "background images" : std::string(key) + " images") + ")");
    const json& value = split.at(key);
    if (!value.is_string() || value.get<std::string>().empty())
        throw Error("dataset config: " + where + " must be a folder name (a non-empty string)");
    fs::path path = platform::fsPath(value.get<std::string>());
    if (path.is_relative())
        path = base / path;
    path = path.lexically_normal();
    if (!path.has_filename() && path.has_relative_path())  // "dir/." normalises to "dir/"
        path = path.parent_path();
    return platform::utf8Path(path);
}

DatasetSplit splitOf(const json& root, const std::string& splitName, const fs::path& base, const std::string& file)
{
    if (!root.contains(splitName))
        throw Error("dataset config: '" + splitName + "' is missing in " + file + " (expected \"" + splitName +
                    "\": {\"fgr\": ..., \"pha\": ..., \"backgrounds\": ...})");
    const json& split = root.at(splitName);
    if (!split.is_object())
        throw Error("dataset config: '" + splitName + "' in " + file +
                    " must be an object with fgr, pha and backgrounds");
    return {folderOf(split, splitName, "fgr", base, file), folderOf(split, splitName, "pha", base, file),
            folderOf(split, splitName, "backgrounds", base, file)};
}

// Relative to `base` when the folder lies inside it, else absolute; always with '/' separators.
std::string storedPath(const std::string& folder, const fs::path& base)
{
    const fs::path absolute = fs::absolute(platform::fsPath(folder)).lexically_normal();
    const fs::path relative = absolute.lexically_relative(base);
    const bool inside = !relative.empty() && *relative.begin() != "..";
    return platform::utf8GenericPath(inside ? relative : absolute);
}

}  // namespace

DatasetConfig loadDatasetConfig(const std::string& configOrDir)
{
    std::error_code ec;
    fs::path file = platform::fsPath(configOrDir);
    const bool folder = fs::is_directory(file, ec);
    if (folder)
        file /= "dataset.json";
    if (!fs::is_regular_file(file, ec))
        throw Error(folder ? "no dataset.json in " + configOrDir + " (make one with `mattestudio --batch make-dataset`)"
                           : "dataset config not found: " + configOrDir);
    file = fs::absolute(file).lexically_normal();
    const std::string name = platform::utf8Path(file);
    json root;
    try {
        root = json::parse(readText(name));
    } catch (const json::parse_error& e) {
        throw Error("dataset config " + name + " is not valid JSON: " + e.what());
    }
    if (!root.is_object())
        throw Error("dataset config " + name + " must hold a JSON object");

    DatasetConfig config;
    config.file = name;
    const fs::path base = file.parent_path();
    if (root.contains("name")) {
        if (!root["name"].is_string())
            throw Error("dataset config: 'name' in " + name + " must be a string");
        config.name = root["name"].get<std::string>();
    }
    if (config.name.empty())
        config.name = platform::utf8Path(base.filename());
    config.train = splitOf(root, "train", base, name);
    config.valid = splitOf(root, "valid", base, name);
    return config;
}

void saveDatasetConfig(const DatasetConfig& config, const std::string& file)
{
    const fs::path target = fs::absolute(platform::fsPath(file)).lexically_normal();
    const fs::path base = target.parent_path();
    auto split = [&](const DatasetSplit& s) {
        nlohmann::ordered_json folders;
        folders["fgr"] = storedPath(s.fgr, base);
        folders["pha"] = storedPath(s.pha, base);
        folders["backgrounds"] = storedPath(s.backgrounds, base);
        return folders;
    };
    nlohmann::ordered_json root;  // keys in the documented order
    root["name"] = config.name;
    root["train"] = split(config.train);
    root["valid"] = split(config.valid);
    const std::string text = root.dump(2) + "\n";
    std::error_code ec;
    fs::create_directories(base, ec);
    AtomicFile out(platform::utf8Path(target));
    out.write(text.data(), text.size());
    out.commit();
}

}  // namespace ms
