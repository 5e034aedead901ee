#pragma once
// Hidden `--screenshot DIR` mode: opens the demo project, drives each panel into a typical state
// and writes QWidget::grab() images of the window (README screenshots come from the real app).
#include <QObject>
#include <QString>

namespace ms::ui {

class MainWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, const QString& folder, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    void shoot(const QString& name);
    void finish(int code);

    MainWindow* m_window;
    QString m_folder;
};

} // namespace ms::ui
