#pragma once

namespace ms::cli {

// Exit codes shared by every subcommand.
// Interrupted: the shell's code for "ended by SIGINT" (128 + 2), after a clean stop on Ctrl-C.
enum ExitCode { Success = 0, Failure = 1, BadArguments = 2, PartialSuccess = 3, Interrupted = 130 };

// Parses `--batch <command> [options]` and runs the command; returns the process exit code.
int batchMain(int argc, char** argv);

}  // namespace ms::cli
