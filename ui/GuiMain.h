#pragma once

namespace ms::ui {

// Runs the desktop application: `mattestudio [PROJECT] [--demo] [--language CODE]`.
// Returns the process exit code.
int guiMain(int argc, char** argv);

} // namespace ms::ui
