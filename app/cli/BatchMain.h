#pragma once

namespace ms::cli {

// Exit codes shared by every subcommand.
enum ExitCode { Success = 0, Failure = 1, BadArguments = 2, PartialSuccess = 3 };

// Parses `--batch <command> [options]` and runs the command; returns the process exit code.
int batchMain(int argc, char** argv);

} // namespace ms::cli
