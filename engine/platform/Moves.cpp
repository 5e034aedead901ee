// What the POSIX and the Win32 implementations share: moving files and child processes (the
// moved-from object keeps the other's old handle, which its destructor then closes).
#include "platform/Files.h"
#include "platform/Process.h"

#include <utility>

namespace ms::platform {

File::File(File&& other) noexcept
    : m_handle(std::exchange(other.m_handle, -1))
    , m_append(other.m_append)
{}

File& File::operator=(File&& other) noexcept
{
    std::swap(m_handle, other.m_handle);
    std::swap(m_append, other.m_append);
    return *this;
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : m_id(std::exchange(other.m_id, -1))
    , m_handle(std::exchange(other.m_handle, -1))
    , m_stopEvent(std::exchange(other.m_stopEvent, -1))
    , m_finished(other.m_finished)
    , m_exitCode(other.m_exitCode)
{}

ChildProcess& ChildProcess::operator=(ChildProcess&& other) noexcept
{
    std::swap(m_id, other.m_id);
    std::swap(m_handle, other.m_handle);
    std::swap(m_finished, other.m_finished);
    std::swap(m_exitCode, other.m_exitCode);
    std::swap(m_stopEvent, other.m_stopEvent);
    return *this;
}

}  // namespace ms::platform
