#pragma once
#include <string>
#include <vector>

namespace ms {

struct ImageFile {
    std::string path;          // as found
    std::string relativeStem;  // "sub/name" relative to its folder, without extension (output name)
};

// Images named by a list of files and/or folders (folders are searched recursively; .png, .jpg,
// .jpeg, .bmp, .tif, .tiff, .webp; with `includeVideos` also video files, as the desktop matting
// panel takes them), sorted by relative path. Throws ms::Error for a missing path.
std::vector<ImageFile> collectImages(const std::vector<std::string>& filesOrFolders, bool includeVideos = false);

struct ImagePair {
    ImageFile source;
    std::string background;
};

// Pairs sources with backgrounds: one background serves every source; otherwise by relative name
// when every source has a background of the same name, else by sorted position (the reference's
// rule) when the counts are equal. Throws ms::Error explaining why pairing is impossible.
std::vector<ImagePair> pairImages(const std::vector<ImageFile>& sources, const std::vector<ImageFile>& backgrounds);

}  // namespace ms
