#pragma once
// The application's message log: every warning and error the engine or the GUI reports ends up
// here, and the log dock shows it. Thread-safe: messages from worker threads are queued to the GUI.
#include <QDateTime>
#include <QObject>
#include <QString>
#include <QVector>

namespace ms {
namespace ui {

class AppLog : public QObject {
    Q_OBJECT
public:
    enum Level { Info, Warning, Error };
    struct Entry {
        QDateTime time;
        Level level;
        QString text;
    };

    static AppLog& instance();

    // Callable from any thread.
    static void info(const QString& text) { instance().add(Info, text); }
    static void warning(const QString& text) { instance().add(Warning, text); }
    static void error(const QString& text) { instance().add(Error, text); }
    void add(Level level, const QString& text);

    const QVector<Entry>& entries() const { return m_entries; }  // GUI thread only
    void clear();

    // Routes qWarning/qCritical into the log as well (kept on the console too).
    static void installQtMessageHandler();
    static void removeQtMessageHandler();

Q_SIGNALS:
    void added(const ms::ui::AppLog::Entry& entry);
    void cleared();

private:
    AppLog() = default;
    void append(const Entry& entry);

    QVector<Entry> m_entries;
};

}  // namespace ui
}  // namespace ms
