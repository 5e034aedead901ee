#include "ui/ScreenshotTour.h"

#include "ui/AppLog.h"
#include "ui/CheckpointBrowser.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/MattingPanel.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "ui/TrainingPanel.h"

#include <QDir>
#include <QDockWidget>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>

namespace ms {
namespace ui {

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& folder, QObject* parent)
    : QObject(parent)
    , m_window(window)
    , m_folder(folder)
{
}

void ScreenshotTour::start()
{
    QDir().mkpath(m_folder);
    m_window->resize(1480, 920);
    MainWindow* w = m_window;
    auto once = [this](auto* sender, auto signal, auto handler) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(sender, signal, this, [connection, handler](auto&&... args) {
            disconnect(*connection);
            handler(args...);
        });
    };
    m_steps = {
        [this] {
            shoot("welcome");
            next();
        },
        [this, w, once] {
            once(w, &MainWindow::projectOpened, [this](const QString&) { next(); });
            connect(w, &MainWindow::demoProjectFailed, this, [this](const QString& e) { fail(e); });
            w->openDemoProject();
        },
        [this, w, once] {
            // The curves of earlier runs come from the project's logs.
            w->resize(1480, 920);  // the docks appearing may have widened the window
            TrainingPanel* t = w->trainingPanel();
            w->showPanel(w->trainingDock());
            once(t, &TrainingPanel::historyLoaded, [this, w, once](int) {
                // ... and the checkpoint list must be complete before choosing where to continue.
                once(w->checkpointBrowser(), &CheckpointBrowser::scanFinished, [this] { next(); });
                w->checkpointBrowser()->refresh();
            });
            t->loadHistory();
        },
        [this, w, once] {
            // A short run so the plots, samples and checkpoint list have something to show: it
            // continues the newest checkpoint of the demo model when there is one.
            TrainingPanel* t = w->trainingPanel();
            const CheckpointEntry* latest = nullptr;
            for (const CheckpointEntry& e : w->checkpointBrowser()->entries())
                if (e.hasSidecar && e.modelName == "demo" && (!latest || e.step > latest->step))
                    latest = &e;
            TrainConfig c = t->config();
            c.maxSteps = latest ? latest->step + 21 : 60;
            c.logValidInterval = 10;
            c.logTrainImagesInterval = 10;
            c.checkpointInterval = 20;
            c.trainSize = 192;
            t->setConfig(c);
            once(t, &TrainingPanel::runFinished, [this](bool, const QString& error) {
                if (!error.isEmpty())
                    fail(error);
                else
                    QTimer::singleShot(800, this, &ScreenshotTour::next);
            });
            if (latest)
                t->resumeFrom(latest->path);
            else
                t->start();
        },
        [this, w] {
            shoot("training");
            w->trainingPanel()->findChild<QTabWidget*>()->setCurrentIndex(2);
            QTimer::singleShot(300, this, [this, w] {
                shoot("training-samples");
                w->trainingPanel()->findChild<QTabWidget*>()->setCurrentIndex(1);
                QTimer::singleShot(300, this, [this] {
                    shoot("training-metrics");
                    next();
                });
            });
        },
        [this, w] {
            CheckpointBrowser* b = w->checkpointBrowser();
            const QStringList best = b->bestPaths();
            if (!best.isEmpty())
                b->selectPaths(best);
            w->showPanel(w->checkpointDock());
            QTimer::singleShot(500, this, [this] {
                shoot("checkpoints");
                next();
            });
        },
        [this, w, once] {
            // The demo's freshly initialised MattingRefine: a short demo run does not matte yet,
            // the comparison below shows the trained checkpoint beside it.
            MattingPanel* m = w->mattingPanel();
            m->setCheckpoint(QDir(w->project()->root()).filePath("checkpoint/untrained/untrained-mobilenetv2.pth"));
            m->setCompareCheckpoint({});
            w->showPanel(w->mattingDock());
            once(m, &MattingPanel::previewUpdated, [this] { QTimer::singleShot(500, this, &ScreenshotTour::next); });
            m->previewCurrent();
        },
        [this, w, once] {
            shoot("matting");
            PreviewView* v = w->mattingPanel()->previewView();
            v->setSplit(true);
            v->setSplitPosition(0.45);
            QTimer::singleShot(300, this, [this, w, once] {
                shoot("matting-split");
                w->mattingPanel()->previewView()->setSplit(false);
                MattingPanel* m = w->mattingPanel();
                const QStringList best = w->checkpointBrowser()->bestPaths();
                m->setCompareCheckpoint(best.isEmpty() ? m->checkpoint() : best.first());
                once(m, &MattingPanel::comparisonUpdated, [this] { QTimer::singleShot(500, this, &ScreenshotTour::next); });
                m->previewCurrent();
            });
        },
        [this, w] {
            shoot("matting-compare");
            w->mattingPanel()->setCompareCheckpoint({});
            LanguageManager::instance().setLanguage("de");
            w->showPanel(w->trainingDock());
            w->trainingPanel()->findChild<QTabWidget*>()->setCurrentIndex(0);
            QTimer::singleShot(800, this, [this] {
                shoot("training-de");
                LanguageManager::instance().setLanguage("zh_CN");
                QTimer::singleShot(800, this, [this] {
                    shoot("training-zh_CN");
                    LanguageManager::instance().setLanguage("en");
                    next();
                });
            });
        },
        [this] { Q_EMIT done(0); },
    };
    m_index = 0;
    m_steps[0]();
}

void ScreenshotTour::next()
{
    if (++m_index < m_steps.size())
        m_steps[m_index]();
}

void ScreenshotTour::shoot(const QString& name)
{
    const QString path = QDir(m_folder).filePath(name + ".png");
    if (!m_window->grab().save(path))
        AppLog::error("cannot write " + path);
    std::fprintf(stderr, "screenshot: %s\n", qPrintable(path));
}

void ScreenshotTour::fail(const QString& why)
{
    std::fprintf(stderr, "screenshot tour failed: %s\n", qPrintable(why));
    Q_EMIT done(1);
}

} // namespace ui
} // namespace ms
