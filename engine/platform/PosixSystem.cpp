// POSIX terminal, processes, time and the free-port probe.
#include "platform/Process.h"
#include "platform/Terminal.h"
#include "platform/Time.h"

#include <cerrno>
#include <csignal>
#include <cstring>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ms::platform {
namespace {

void (*g_interruptHandler)() = nullptr;
void onSignal(int) { g_interruptHandler(); }

}  // namespace

bool isTerminal(Stream stream) { return ::isatty(static_cast<int>(stream)) == 1; }

void writeRaw(Stream stream, const char* text, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(static_cast<int>(stream), text, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        text += n;
        size -= static_cast<size_t>(n);
    }
}

void installInterruptHandler(void (*handler)())
{
    g_interruptHandler = handler;
    struct sigaction action {};
    action.sa_handler = onSignal;
    action.sa_flags = SA_RESTART;  // blocking reads elsewhere go on after a Ctrl-C, as with signal()
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void attachParentConsole() {}

int64_t processId() { return static_cast<int64_t>(::getpid()); }

std::string hostName()
{
    char buffer[256] = {};
    if (::gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == 0)
        return "localhost";
    return buffer;
}

ChildProcess::~ChildProcess()
{
    if (m_id > 0 && !m_finished) {
        kill();
        int code = 0;
        wait(-1, code);
    }
}

ChildProcess ChildProcess::start(const std::string& program, const std::vector<std::string>& arguments,
                                 const std::map<std::string, std::string>& environment, std::error_code& ec)
{
    // Everything the child needs is built before fork: after it, only async-signal-safe calls.
    std::vector<std::string> argStore{program};
    argStore.insert(argStore.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (std::string& a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> envStore;
    for (char** e = environ; e && *e; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        if (!environment.count(name))
            envStore.push_back(entry);
    }
    for (const auto& [name, value] : environment)
        envStore.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (std::string& e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    int pipeFds[2];  // reports a failed exec to the parent
    if (::pipe(pipeFds) != 0) {
        ec = {errno, std::generic_category()};
        return {};
    }
    ::fcntl(pipeFds[1], F_SETFD, FD_CLOEXEC);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ec = {errno, std::generic_category()};
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        return {};
    }
    if (pid == 0) {
        ::close(pipeFds[0]);
        ::setpgid(0, 0);  // its own group: a stop reaches it and whatever it starts
        ::execve(program.c_str(), argv.data(), envp.data());
        const int err = errno;
        [[maybe_unused]] const ssize_t n = ::write(pipeFds[1], &err, sizeof err);
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    int childErr = 0;
    ssize_t got = 0;
    do
        got = ::read(pipeFds[0], &childErr, sizeof childErr);
    while (got < 0 && errno == EINTR);
    ::close(pipeFds[0]);
    ChildProcess child;
    child.m_id = pid;
    if (got == sizeof childErr) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        child.m_finished = true;
        ec = {childErr, std::generic_category()};
        return {};
    }
    ec.clear();
    return child;
}

bool ChildProcess::isRunning()
{
    int code = 0;
    return m_id > 0 && !wait(0, code);
}

void ChildProcess::requestStop()
{
    if (m_id > 0 && !m_finished)
        ::kill(-static_cast<pid_t>(m_id), SIGTERM);
}

void ChildProcess::kill()
{
    if (m_id > 0 && !m_finished)
        ::kill(-static_cast<pid_t>(m_id), SIGKILL);
}

bool ChildProcess::wait(int milliseconds, int& exitCode)
{
    if (m_id <= 0)
        return false;
    for (int waited = 0; !m_finished; waited += 10) {
        int status = 0;
        const pid_t r = ::waitpid(static_cast<pid_t>(m_id), &status, WNOHANG);
        if (r == static_cast<pid_t>(m_id)) {
            m_finished = true;
            m_exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (r < 0 && errno != EINTR)
            return false;
        if (milliseconds >= 0 && waited >= milliseconds)
            return false;
        ::usleep(10000);
    }
    exitCode = m_exitCode;
    return true;
}

int findFreeLocalPort(int fallback)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return fallback;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;  // the system picks
    socklen_t length = sizeof address;
    int port = fallback;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    ::close(fd);
    return port;
}

std::tm utcTime(std::time_t seconds)
{
    std::tm out{};
    ::gmtime_r(&seconds, &out);
    return out;
}

}  // namespace ms::platform
