#pragma once
#include <QIcon>

namespace ms {
namespace ui {

// The application icon from its embedded PNG renderings (resources/mattestudio-*.png, drawn from
// resources/mattestudio.svg; PNGs because Qt's SVG plugin is not a dependency).
inline QIcon appIcon()
{
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256, 512})
        icon.addFile(QString(":/icons/mattestudio-%1.png").arg(size), QSize(size, size));
    return icon;
}

}  // namespace ui
}  // namespace ms
