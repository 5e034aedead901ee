#include "ui/AppLog.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

namespace ms {
namespace ui {
namespace {

constexpr int MaxEntries = 5000;  // the dock is a console, not an archive
QtMessageHandler previousHandler = nullptr;

void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (previousHandler)
        previousHandler(type, context, message);
    if (type == QtWarningMsg || type == QtCriticalMsg)
        AppLog::instance().add(type == QtCriticalMsg ? AppLog::Error : AppLog::Warning, message);
}

}  // namespace

AppLog& AppLog::instance()
{
    static AppLog* log = new AppLog;  // lives as long as the process; never destroyed mid-shutdown
    return *log;
}

void AppLog::add(Level level, const QString& text)
{
    const Entry entry{QDateTime::currentDateTime(), level, text};
    if (QThread::currentThread() == thread())
        append(entry);
    else
        QMetaObject::invokeMethod(
            this, [this, entry] { append(entry); }, Qt::QueuedConnection);
}

void AppLog::append(const Entry& entry)
{
    if (m_entries.size() >= MaxEntries)
        m_entries.remove(0, MaxEntries / 10);
    m_entries.push_back(entry);
    Q_EMIT added(entry);
}

void AppLog::clear()
{
    m_entries.clear();
    Q_EMIT cleared();
}

void AppLog::installQtMessageHandler() { previousHandler = qInstallMessageHandler(messageHandler); }

void AppLog::removeQtMessageHandler()
{
    qInstallMessageHandler(previousHandler);
    previousHandler = nullptr;
}

}  // namespace ui
}  // namespace ms
