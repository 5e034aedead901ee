#pragma once
// Hidden `--screenshot DIR` mode: opens the demo project, drives each panel into a typical state
// (the demo's training run, the checkpoint list, a matte with preview and comparison) and writes
// QWidget::grab() images of the window, so the README's screenshots come from the real app.
#include <QImage>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace ms {
namespace ui {

class MainWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, const QString& folder, QObject* parent = nullptr);
    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    using Step = std::function<void()>;
    void next();
    void shoot(const QString& name);
    void fail(const QString& why);
    void writeBeforeAfter();

    MainWindow* m_window;
    QString m_folder;
    std::vector<Step> m_steps;
    size_t m_index = 0;
    QImage m_before, m_after;  // the sample's preview with the untrained and the trained network
};

}  // namespace ui
}  // namespace ms
