#pragma once
// The terminal: whether a stream is one, raw writes that are safe inside an interrupt handler,
// and Ctrl-C (SIGINT, SIGTERM; on Windows console Ctrl-C, Ctrl-Break and close).
#include <cstddef>

namespace ms::platform {

enum class Stream { Out = 1, Err = 2 };

bool isTerminal(Stream stream);
// Unbuffered, allocation-free: usable from an interrupt handler.
void writeRaw(Stream stream, const char* text, size_t size);
// `handler` runs on each interrupt (on POSIX inside the signal handler: only async-signal-safe
// work; on Windows on a thread of the console). Installed once per process.
void installInterruptHandler(void (*handler)());
// Windows: a GUI-subsystem program started from a console writes to that console from now on
// (AttachConsole); elsewhere, and without a parent console, nothing changes.
void attachParentConsole();

}  // namespace ms::platform
