#include "ui/ScreenshotTour.h"

#include "ui/AppLog.h"
#include "ui/MainWindow.h"

#include <QDir>
#include <QDockWidget>
#include <QPixmap>
#include <QTimer>

namespace ms::ui {

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& folder, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_folder(folder)
{
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_folder);
    shoot("welcome");
    connect(m_window, &MainWindow::projectOpened, this, [this] {
        m_window->showPanel(m_window->checkpointDock());
        QTimer::singleShot(500, this, [this] {
            shoot("main");
            finish(0);
        });
    });
    connect(m_window, &MainWindow::demoProjectFailed, this, [this] { finish(1); });
    m_window->openDemoProject();
}

void ScreenshotTour::shoot(const QString& name)
{
    const QString path = QDir(m_folder).filePath(name + ".png");
    if (!m_window->grab().save(path))
        AppLog::error("cannot write " + path);
}

void ScreenshotTour::finish(int code)
{
    Q_EMIT done(code);
}

} // namespace ms::ui
