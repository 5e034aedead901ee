#include "ui/ScreenshotTour.h"

#include "ui/AppLog.h"
#include "ui/CheckpointBrowser.h"
#include "ui/LanguageManager.h"
#include "ui/LivePanel.h"
#include "ui/MainWindow.h"
#include "ui/MattingPanel.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "ui/TrainingPanel.h"

#include <QDir>
#include <QDockWidget>
#include <QPainter>
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
{}

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
            // The demo recipe's run, as a user starts it (or a short continuation of an earlier
            // one); when it completes the window previews a sample with the trained network.
            TrainingPanel* t = w->trainingPanel();
            const CheckpointEntry* latest = nullptr;
            for (const CheckpointEntry& e : w->checkpointBrowser()->entries())
                if (e.hasSidecar && e.modelName == "demo" && (!latest || e.step > latest->step))
                    latest = &e;
            if (latest) {
                TrainConfig c = t->config();
                c.maxSteps = latest->step + 21;
                t->setConfig(c);
            }
            once(t, &TrainingPanel::runFinished, [this, w, once](TrainingWorker::RunEnd, const QString& error) {
                if (!error.isEmpty())
                    return fail(error);
                once(w->mattingPanel(), &MattingPanel::previewUpdated,
                     [this] { QTimer::singleShot(500, this, &ScreenshotTour::next); });
            });
            if (latest)
                t->resumeFrom(latest->path);
            else
                t->start();
        },
        [this, w] {
            shoot("demo-trained");
            m_after = w->mattingPanel()->previewView()->grab().toImage();
            w->showPanel(w->trainingDock());
            QTimer::singleShot(500, this, &ScreenshotTour::next);
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
            // The demo's freshly initialised network, for the before/after picture; the
            // comparison below shows the trained checkpoint beside it.
            MattingPanel* m = w->mattingPanel();
            m->setCheckpoint(QDir(w->project()->root()).filePath("checkpoint/untrained/untrained-mobilenetv2.pth"));
            m->setCompareCheckpoint({});
            w->showPanel(w->mattingDock());
            once(m, &MattingPanel::previewUpdated, [this] { QTimer::singleShot(500, this, &ScreenshotTour::next); });
            m->previewCurrent();
        },
        [this, w, once] {
            shoot("matting");
            m_before = w->mattingPanel()->previewView()->grab().toImage();
            writeBeforeAfter();
            PreviewView* v = w->mattingPanel()->previewView();
            v->setSplit(true);
            v->setSplitPosition(0.45);
            QTimer::singleShot(300, this, [this, w, once] {
                shoot("matting-split");
                w->mattingPanel()->previewView()->setSplit(false);
                MattingPanel* m = w->mattingPanel();
                const QStringList best = w->checkpointBrowser()->bestPaths();
                m->setCompareCheckpoint(best.isEmpty() ? m->checkpoint() : best.first());
                once(m, &MattingPanel::comparisonUpdated,
                     [this] { QTimer::singleShot(500, this, &ScreenshotTour::next); });
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
        [this, w, once] {
            // A video source in the matting panel, with the trained network, scrubbed into the clip.
            MattingPanel* m = w->mattingPanel();
            const QStringList best = w->checkpointBrowser()->bestPaths();
            if (!best.isEmpty())
                m->setCheckpoint(best.first());
            int video = -1;
            for (int i = 0; i < m->pairs().size(); ++i)
                if (m->pairs()[i].source.endsWith("video.mp4"))
                    video = i;
            if (video < 0)
                return fail("the demo project has no video");
            w->showPanel(w->mattingDock());
            once(m, &MattingPanel::frameShown, [this, m, once](int, bool) {
                once(m, &MattingPanel::frameShown,
                     [this](int, bool) { QTimer::singleShot(500, this, &ScreenshotTour::next); });
                m->showFrame(45);
            });
            m->selectPair(video);
            m->previewCurrent();
        },
        [this, w, once] {
            shoot("matting-video");
            // The live view with the clip standing in for a camera and the plate from its file.
            LivePanel* l = w->livePanel();
            l->setCheckpoint(w->mattingPanel()->checkpoint());
            l->setTarget(QDir(w->project()->root()).filePath("images/bgr/sample-002.png"));
            w->showPanel(w->liveDock());
            connect(l, &LivePanel::stopped, this, [this](const QString& error) {
                if (!error.isEmpty())
                    fail(error);
            });
            once(l, &LivePanel::started, [this, w, l, once] {
                once(l, &LivePanel::backgroundCaptured, [this, l] {
                    auto matted = std::make_shared<int>(0);
                    auto connection = std::make_shared<QMetaObject::Connection>();
                    *connection =
                        connect(l, &LivePanel::frameDisplayed, this, [this, l, matted, connection](bool isMatted) {
                            if (isMatted && ++*matted == 40) {
                                disconnect(*connection);
                                shoot("live");
                                l->stop();
                                QTimer::singleShot(300, this, &ScreenshotTour::next);
                            }
                        });
                });
                l->loadBackground(QDir(w->project()->root()).filePath("images/bgr/video.png"));
            });
            l->start();
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

// The untrained and the trained network's preview of the same sample side by side, labelled.
void ScreenshotTour::writeBeforeAfter()
{
    if (m_before.isNull() || m_after.isNull())
        return;
    const int label = 28, gap = 8;
    QImage out(m_before.width() + gap + m_after.width(), label + std::max(m_before.height(), m_after.height()),
               QImage::Format_RGB32);
    out.fill(Qt::white);
    QPainter painter(&out);
    painter.drawImage(0, label, m_before);
    painter.drawImage(m_before.width() + gap, label, m_after);
    QFont font = painter.font();
    font.setPixelSize(16);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRect(0, 0, m_before.width(), label), Qt::AlignCenter, tr("Before training (untrained network)"));
    painter.drawText(QRect(m_before.width() + gap, 0, m_after.width(), label), Qt::AlignCenter,
                     tr("After the demo's training run"));
    painter.end();
    const QString path = QDir(m_folder).filePath("demo-before-after.png");
    if (!out.save(path))
        AppLog::error("cannot write " + path);
    std::fprintf(stderr, "screenshot: %s\n", qPrintable(path));
}

void ScreenshotTour::fail(const QString& why)
{
    std::fprintf(stderr, "screenshot tour failed: %s\n", qPrintable(why));
    Q_EMIT done(1);
}

}  // namespace ui
}  // namespace ms
