#include "infer/ImagePairs.h"

#include "core/Error.h"
#include "io/VideoIO.h"
#include "platform/Paths.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace ms {
namespace {

bool isImageFile(const fs::path& path)
{
    const std::string ext = platform::lowerExtension(path);
    for (const char* known : {".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})
        if (ext == known)
            return true;
    return false;
}

std::string stemOf(const fs::path& relative)
{
    return platform::utf8GenericPath(relative.parent_path() / relative.stem());
}

}  // namespace

std::vector<ImageFile> collectImages(const std::vector<std::string>& items, bool includeVideos)
{
    std::vector<ImageFile> images;
    for (const std::string& item : items) {
        const fs::path path = platform::fsPath(item);
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<ImageFile> found;
            for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
                 it != fs::recursive_directory_iterator(); it.increment(ec)) {
                if (ec)
                    break;
                const std::string file = platform::utf8Path(it->path());
                if (it->is_regular_file(ec) && (isImageFile(it->path()) || (includeVideos && hasVideoExtension(file))))
                    found.push_back({file, stemOf(fs::relative(it->path(), path, ec))});
            }
            std::sort(found.begin(), found.end(),
                      [](const ImageFile& a, const ImageFile& b) { return a.relativeStem < b.relativeStem; });
            images.insert(images.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            images.push_back({item, platform::utf8Path(path.stem())});
        } else {
            throw Error("no such file or folder: " + item);
        }
    }
    return images;
}

std::vector<ImagePair> pairImages(const std::vector<ImageFile>& sources, const std::vector<ImageFile>& backgrounds)
{
    if (sources.empty())
        throw Error("no source images found");
    if (backgrounds.empty())
        throw Error("no background images found");
    std::vector<ImagePair> pairs;
    if (backgrounds.size() == 1) {
        for (const auto& s : sources)
            pairs.push_back({s, backgrounds.front().path});
        return pairs;
    }
    std::map<std::string, std::string> byName;
    for (const auto& b : backgrounds)
        byName[b.relativeStem] = b.path;
    const bool allNamed = std::all_of(sources.begin(), sources.end(),
                                      [&](const ImageFile& s) { return byName.count(s.relativeStem) > 0; });
    if (allNamed) {
        for (const auto& s : sources)
            pairs.push_back({s, byName[s.relativeStem]});
        return pairs;
    }
    if (sources.size() != backgrounds.size())
        throw Error("cannot pair " + std::to_string(sources.size()) + " sources with " +
                    std::to_string(backgrounds.size()) +
                    " backgrounds: give one background for all, one per source with the same name, "
                    "or equally many (paired in sorted order)");
    for (size_t i = 0; i < sources.size(); ++i)
        pairs.push_back({sources[i], backgrounds[i].path});
    return pairs;
}

}  // namespace ms
