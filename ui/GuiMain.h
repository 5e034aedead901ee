#pragma once

namespace ms {
namespace ui {

// Runs the desktop application: `mattestudio [PROJECT] [--demo] [--language CODE]`.
// Returns the process exit code.
int guiMain(int argc, char** argv);

} // namespace ui
} // namespace ms
