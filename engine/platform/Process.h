#pragma once
// Processes: this one's id and host name, and child processes started in a group of their own so
// that a stop can be forwarded to them (SIGTERM to the group; CTRL_BREAK to a console group).
#include <cstdint>
#include <map>
#include <string>
#include <system_error>
#include <vector>

namespace ms::platform {

int64_t processId();
std::string hostName();  // "localhost" when the system has none

class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();  // kills a child that is still running
    ChildProcess(ChildProcess&& other) noexcept;
    ChildProcess& operator=(ChildProcess&& other) noexcept;
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Starts `program` with `arguments` (UTF-8) and the parent's environment plus `environment`,
    // sharing the parent's standard streams, in a new process group.
    static ChildProcess start(const std::string& program, const std::vector<std::string>& arguments,
                              const std::map<std::string, std::string>& environment, std::error_code& ec);

    bool isRunning();
    int64_t id() const { return m_id; }
    // Asks the child's group to stop as Ctrl-C would (it may finish its work first). POSIX: SIGTERM
    // to the group; Windows: the named event that installInterruptHandler listens for.
    void requestStop();
    void kill();
    // Waits up to `milliseconds` (-1: forever); true with the exit code once it has ended. A child
    // ended by a signal reports 128 + the signal number, as shells do.
    bool wait(int milliseconds, int& exitCode);

private:
    int64_t m_id = -1;
    intptr_t m_handle = -1;     // Windows: the process HANDLE
    intptr_t m_stopEvent = -1;  // Windows: the stop event, once one was sent
    bool m_finished = false;
    int m_exitCode = 0;
};

// A TCP port on the loopback interface that was free a moment ago; `fallback` when none is found.
int findFreeLocalPort(int fallback);

}  // namespace ms::platform
