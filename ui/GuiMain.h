#pragma once

#include <QString>

#include <optional>

namespace ms {
namespace ui {

// Runs the desktop application: `mattestudio [PROJECT] [--demo] [--language CODE]`.
// Returns the process exit code.
// --help, --version and option errors need no display; without one the application says so in
// one line and returns 2 instead of aborting in Qt.
int guiMain(int argc, char** argv);

// Why no window can open with this Qt platform and these display variables; none if one can.
std::optional<QString> missingDisplayReason(const QString& platform, const QString& x11Display,
                                            const QString& waylandDisplay);

}  // namespace ui
}  // namespace ms
