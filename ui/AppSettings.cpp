#include "ui/AppSettings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace ms::ui::AppSettings {

QStringList recentProjects()
{
    QStringList out;
    for (const QString& f : QSettings().value("projects/recent").toStringList())
        if (QFileInfo(f).isDir())
            out << f;
    return out;
}

void addRecentProject(const QString& folder)
{
    QStringList list = recentProjects();
    const QString path = QFileInfo(folder).absoluteFilePath();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > MaxRecentProjects)
        list.removeLast();
    QSettings().setValue("projects/recent", list);
}

void removeRecentProject(const QString& folder)
{
    QStringList list = QSettings().value("projects/recent").toStringList();
    list.removeAll(QFileInfo(folder).absoluteFilePath());
    QSettings().setValue("projects/recent", list);
}

QString lastProject() { return QSettings().value("projects/last").toString(); }
void setLastProject(const QString& folder) { QSettings().setValue("projects/last", folder); }

QString device() { return QSettings().value("engine/device", "cpu").toString(); }
void setDevice(const QString& device) { QSettings().setValue("engine/device", device); }
int threads() { return QSettings().value("engine/threads", 0).toInt(); }
void setThreads(int threads) { QSettings().setValue("engine/threads", threads); }
QString language() { return QSettings().value("ui/language").toString(); }
void setLanguage(const QString& language) { QSettings().setValue("ui/language", language); }

QByteArray windowGeometry() { return QSettings().value("ui/geometry").toByteArray(); }
QByteArray windowState() { return QSettings().value("ui/state").toByteArray(); }

void setWindowLayout(const QByteArray& geometry, const QByteArray& state)
{
    QSettings s;
    s.setValue("ui/geometry", geometry);
    s.setValue("ui/state", state);
}

QString demoProjectFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath("demo-project");
}

}  // namespace ms::ui::AppSettings
