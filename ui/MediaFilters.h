#pragma once
// The file-dialog name filters for the images and videos the engine reads.
#include <QString>

namespace ms {
namespace ui {

inline QString imageNameFilter() { return QStringLiteral("*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp"); }
inline QString videoNameFilter() { return QStringLiteral("*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.wmv"); }

}  // namespace ui
}  // namespace ms
