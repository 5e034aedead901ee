#pragma once
// Persistent user settings (QSettings): recent projects, device, threads, language, window layout.
#include <QByteArray>
#include <QString>
#include <QStringList>

namespace ms {
namespace ui {

namespace AppSettings {

constexpr int MaxRecentProjects = 8;

QStringList recentProjects();
void addRecentProject(const QString& folder);  // moves it to the front
void removeRecentProject(const QString& folder);
QString lastProject();
void setLastProject(const QString& folder);

QString device();  // "cpu", "cuda:0", ...
void setDevice(const QString& device);
int threads();  // 0: every core
void setThreads(int threads);
QString language();  // "en", "de", "zh_CN"; empty: the system's
void setLanguage(const QString& language);

QByteArray windowGeometry();
QByteArray windowState();
void setWindowLayout(const QByteArray& geometry, const QByteArray& state);

// Where the built-in demo project lives (a folder in the user's application data).
QString demoProjectFolder();

}  // namespace AppSettings

}  // namespace ui
}  // namespace ms
