// Win32 terminal, processes, time and the free-port probe.
#include "platform/Process.h"
#include "platform/Terminal.h"
#include "platform/Time.h"
#include "platform/Win32Text.h"

#include <winsock2.h>

#include <cstdio>

namespace ms::platform {
namespace {

using win32::wide;

void (*g_interruptHandler)() = nullptr;

BOOL WINAPI onConsoleEvent(DWORD event)
{
    if (event == CTRL_C_EVENT || event == CTRL_BREAK_EVENT || event == CTRL_CLOSE_EVENT) {
        g_interruptHandler();
        return TRUE;  // handled: the process finishes its work and exits by itself
    }
    return FALSE;
}

HANDLE streamHandle(Stream stream)
{
    return GetStdHandle(stream == Stream::Out ? STD_OUTPUT_HANDLE : STD_ERROR_HANDLE);
}

// One command-line argument quoted as CommandLineToArgvW and the C runtime read it back.
std::wstring quoted(const std::wstring& arg)
{
    if (!arg.empty() && arg.find_first_of(L" \t\n\v\"") == std::wstring::npos)
        return arg;
    std::wstring out = L"\"";
    for (size_t i = 0;; ++i) {
        size_t backslashes = 0;
        while (i < arg.size() && arg[i] == L'\\') {
            ++i;
            ++backslashes;
        }
        if (i == arg.size()) {
            out.append(backslashes * 2, L'\\');
            break;
        }
        if (arg[i] == L'"')
            out.append(backslashes * 2 + 1, L'\\');
        else
            out.append(backslashes, L'\\');
        out.push_back(arg[i]);
    }
    out.push_back(L'"');
    return out;
}

}  // namespace

bool isTerminal(Stream stream)
{
    DWORD mode = 0;
    return GetConsoleMode(streamHandle(stream), &mode) != 0;
}

void writeRaw(Stream stream, const char* text, size_t size)
{
    DWORD written = 0;
    WriteFile(streamHandle(stream), text, DWORD(size), &written, nullptr);
}

namespace {

// A stop asked for by a parent (ChildProcess::requestStop) arrives as this named event: console
// control events only reach processes that share a console, and a window message none at all.
std::wstring stopEventName(DWORD pid) { return L"Local\\mattestudio-stop-" + std::to_wstring(pid); }

DWORD WINAPI waitForStopEvent(LPVOID event)
{
    for (;;) {
        if (WaitForSingleObject(HANDLE(event), INFINITE) != WAIT_OBJECT_0)
            return 0;
        ResetEvent(HANDLE(event));
        g_interruptHandler();
    }
}

}  // namespace

void installInterruptHandler(void (*handler)())
{
    g_interruptHandler = handler;
    SetConsoleCtrlHandler(onConsoleEvent, TRUE);
    // Opens the event if the parent made it first (a stop sent before this process was ready).
    if (HANDLE event = CreateEventW(nullptr, TRUE, FALSE, stopEventName(GetCurrentProcessId()).c_str()))
        CloseHandle(CreateThread(nullptr, 0, waitForStopEvent, event, 0, nullptr));
}

void attachParentConsole()
{
    if (GetConsoleWindow() != nullptr || !AttachConsole(ATTACH_PARENT_PROCESS))
        return;  // a console program already has one; a program started from Explorer has none
    FILE* ignored = nullptr;
    freopen_s(&ignored, "CONOUT$", "w", stdout);
    freopen_s(&ignored, "CONOUT$", "w", stderr);
}

int64_t processId() { return int64_t(GetCurrentProcessId()); }

std::string hostName()
{
    wchar_t buffer[256] = {};
    DWORD size = 255;
    if (!GetComputerNameExW(ComputerNameDnsHostname, buffer, &size) || size == 0)
        return "localhost";
    return win32::utf8(std::wstring(buffer, size));
}

ChildProcess::~ChildProcess()
{
    if (m_handle != -1) {
        if (!m_finished)
            TerminateProcess(reinterpret_cast<HANDLE>(m_handle), 1);
        CloseHandle(reinterpret_cast<HANDLE>(m_handle));
    }
    if (m_stopEvent != -1)
        CloseHandle(reinterpret_cast<HANDLE>(m_stopEvent));
}

ChildProcess ChildProcess::start(const std::string& program, const std::vector<std::string>& arguments,
                                 const std::map<std::string, std::string>& environment, std::error_code& ec)
{
    std::wstring commandLine = quoted(wide(program));
    for (const std::string& a : arguments)
        commandLine += L" " + quoted(wide(a));
    // The parent's environment with `environment` set over it, as a sorted-by-name block.
    std::map<std::wstring, std::wstring> env;
    if (wchar_t* block = GetEnvironmentStringsW()) {
        for (const wchar_t* e = block; *e; e += wcslen(e) + 1) {
            const std::wstring entry(e);
            const size_t eq = entry.find(L'=', 1);  // "=C:=C:\..." entries start with '='
            if (eq != std::wstring::npos)
                env[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
        FreeEnvironmentStringsW(block);
    }
    for (const auto& [name, value] : environment)
        env[wide(name)] = wide(value);
    std::wstring envBlock;
    for (const auto& [name, value] : env)
        envBlock += name + L"=" + value + L'\0';
    envBlock += L'\0';

    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION info{};
    // A group of its own, so that a Ctrl-Break reaches it (and only it) when a stop is forwarded.
    if (!CreateProcessW(nullptr, commandLine.data(), nullptr, nullptr, TRUE,
                        CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT, envBlock.data(), nullptr, &startup,
                        &info)) {
        ec = win32::lastError();
        return {};
    }
    CloseHandle(info.hThread);
    ChildProcess child;
    child.m_id = int64_t(info.dwProcessId);
    child.m_handle = reinterpret_cast<intptr_t>(info.hProcess);
    ec.clear();
    return child;
}

bool ChildProcess::isRunning()
{
    int code = 0;
    return m_handle != -1 && !wait(0, code);
}

void ChildProcess::requestStop()
{
    if (m_id <= 0 || m_finished)
        return;
    // Our programs listen for the named event (installInterruptHandler); one made here first waits
    // for a child that is not listening yet. No Ctrl-Break as well: a child sharing this console
    // would take it as a second interrupt, which means "quit at once".
    if (m_stopEvent == -1)
        m_stopEvent =
            reinterpret_cast<intptr_t>(CreateEventW(nullptr, TRUE, FALSE, stopEventName(DWORD(m_id)).c_str()));
    if (m_stopEvent != 0 && m_stopEvent != -1)
        SetEvent(reinterpret_cast<HANDLE>(m_stopEvent));  // kept open until the child has seen it
}

void ChildProcess::kill()
{
    if (m_handle != -1 && !m_finished)
        TerminateProcess(reinterpret_cast<HANDLE>(m_handle), 137);
}

bool ChildProcess::wait(int milliseconds, int& exitCode)
{
    if (m_handle == -1)
        return false;
    if (!m_finished) {
        if (WaitForSingleObject(reinterpret_cast<HANDLE>(m_handle),
                                milliseconds < 0 ? INFINITE : DWORD(milliseconds)) != WAIT_OBJECT_0)
            return false;
        DWORD code = 0;
        GetExitCodeProcess(reinterpret_cast<HANDLE>(m_handle), &code);
        m_exitCode = int(code);
        m_finished = true;
    }
    exitCode = m_exitCode;
    return true;
}

int findFreeLocalPort(int fallback)
{
    WSADATA data;
    if (WSAStartup(MAKEWORD(2, 2), &data) != 0)
        return fallback;
    int port = fallback;
    const SOCKET s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s != INVALID_SOCKET) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        int length = sizeof address;
        if (bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
            getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            port = ntohs(address.sin_port);
        closesocket(s);
    }
    WSACleanup();
    return port;
}

std::tm utcTime(std::time_t seconds)
{
    std::tm out{};
    gmtime_s(&out, &seconds);
    return out;
}

}  // namespace ms::platform
