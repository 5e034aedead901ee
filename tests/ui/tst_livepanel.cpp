// The live view, with a video file standing in for the camera (the same code path): the source's
// own picture until the background is captured, then composites; frames dropped when the network
// is slower than the source; refinement and target changed while running; recording; and clear
// errors for sources that cannot be opened.
#include "UiTestSupport.h"

#include "ui/FrameView.h"
#include "ui/LivePanel.h"
#include "ui/Project.h"
#include "worker/DemoProject.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QPushButton>

#include <opencv2/videoio.hpp>

using ms::ui::LivePanel;

class TestLivePanel : public QObject {
    Q_OBJECT

    QString m_root, m_clip, m_plate;
    std::unique_ptr<ms::ui::Project> m_project;
    std::unique_ptr<LivePanel> m_panel;

    QPushButton* button(const char* name) const { return m_panel->findChild<QPushButton*>(name); }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_livepanel");
        m_root = mstest::scratch("live");
        m_clip = m_root + "/clip.mp4";
        m_plate = m_root + "/clip.png";
        ms::writeDemoClip(m_clip, m_plate, 20, 100);  // 100 frames/s: faster than any CPU network
        m_project = std::make_unique<ms::ui::Project>(ms::ui::Project::create(m_root + "/project", "Live"));
        m_panel = std::make_unique<LivePanel>();
        m_panel->resize(1200, 800);
        m_panel->show();
        m_panel->setProject(m_project.get());
    }

    void explainsWhatIsMissing()
    {
        QVERIFY(!m_panel->problem().isEmpty());
        QVERIFY(!button("liveStart")->isEnabled());
        m_panel->setCheckpoint(mstest::fixtureCheckpoint("b-refine-mobilenetv2-sampling"));
        m_panel->useVideoFile(m_root + "/missing.mp4");
        QVERIFY2(m_panel->problem().contains("missing.mp4"), qPrintable(m_panel->problem()));
        m_panel->useVideoFile(m_clip);
        QVERIFY2(m_panel->problem().isEmpty(), qPrintable(m_panel->problem()));
        QVERIFY(button("liveStart")->isEnabled());
        QVERIFY(!button("liveCapture")->isEnabled());
    }

    void showsTheSourceThenMattesAfterCapture()
    {
        mstest::CapturedReports reports;
        QSignalSpy started(m_panel.get(), &LivePanel::started);
        QSignalSpy frames(m_panel.get(), &LivePanel::frameDisplayed);
        QTest::mouseClick(button("liveStart"), Qt::LeftButton);
        QVERIFY(started.wait(60000));
        QVERIFY(m_panel->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, 30000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        for (const auto& f : frames)
            QCOMPARE(f.at(0).toBool(), false);  // the source's own picture
        QCOMPARE(m_panel->frameView()->image().size(), QSize(512, 384));
        QVERIFY(button("liveCapture")->isEnabled());

        QSignalSpy captured(m_panel.get(), &LivePanel::backgroundCaptured);
        QTest::mouseClick(button("liveCapture"), Qt::LeftButton);
        QVERIFY(captured.wait(30000));
        QVERIFY(m_panel->hasBackground());
        frames.clear();
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, 60000);
        QCOMPARE(frames.last().at(0).toBool(), true);
        QVERIFY(m_panel->lastStatus().framesPerSecond > 0);
        QVERIFY(m_panel->lastStatus().latencyMedian > 0);
    }

    void dropsFramesRatherThanQueueing()
    {
        // The clip comes at 100 frames/s; the network at 512x384 on a CPU is slower.
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->lastStatus().dropped > 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->lastStatus().captured > 20, 30000);  // the file loops like a camera
        const ms::LiveStatus s = m_panel->lastStatus();
        // Each captured frame was shown or dropped, but for the one being matted now.
        QVERIFY2(s.captured - (s.shown + s.dropped) <= 1,
                 qPrintable(QString("captured %1, shown %2, dropped %3").arg(s.captured).arg(s.shown).arg(s.dropped)));
    }

    void changesSettingsWhileRunning()
    {
        mstest::CapturedReports reports;
        QSignalSpy frames(m_panel.get(), &LivePanel::frameDisplayed);
        m_panel->findChild<QDoubleSpinBox*>("liveBackboneScale")->setValue(0.125);
        auto* mode = m_panel->findChild<QComboBox*>("liveRefineMode");
        mode->setCurrentIndex(0);  // full
        m_panel->setTarget("#ff0000");
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 3, 60000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QVERIFY(m_panel->isRunning());
        // The composite is on red now: where the network sees no person, the picture is red.
        const QImage image = m_panel->frameView()->image();
        int red = 0;
        for (int y = 0; y < image.height(); y += 8)
            for (int x = 0; x < image.width(); x += 8)
                red += image.pixelColor(x, y) == QColor(255, 0, 0);
        QVERIFY2(red > 0, "no pixel of the new target colour");
    }

    void recordsWhatIsShown()
    {
        mstest::CapturedReports reports;
        m_panel->setRecordFolder(m_root + "/recordings");
        QSignalSpy frames(m_panel.get(), &LivePanel::frameDisplayed);
        QSignalSpy saved(m_panel.get(), &LivePanel::recordingSaved);
        QTest::mouseClick(button("liveRecord"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= 4 && m_panel->lastStatus().recordedFrames > 0, 60000);
        QTest::mouseClick(button("liveRecord"), Qt::LeftButton);
        QVERIFY(saved.wait(30000));
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        const QString path = saved.first().at(0).toString();
        QVERIFY(path.startsWith(m_root + "/recordings/live-"));
        cv::VideoCapture capture(path.toStdString(), cv::CAP_FFMPEG);
        QVERIFY(capture.isOpened());
        int n = 0;
        for (cv::Mat f; capture.read(f);)
            ++n;
        QCOMPARE(n, saved.first().at(1).toInt());
        QVERIFY(n >= 2);
    }

    void takesAPlateFromAFile()
    {
        mstest::CapturedReports reports;
        QSignalSpy captured(m_panel.get(), &LivePanel::backgroundCaptured);
        m_panel->loadBackground(m_plate);
        QVERIFY(captured.wait(30000));
        QVERIFY(reports.reports.empty());
        // A photo of another size cannot be this source's plate; the one in use stays.
        m_panel->loadBackground(mstest::sharedDir() + "/fixtures/parity/a-base-mobilenetv2/bgr.png");  // 256x192
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(ms::ui::ErrorReporter::Kind::Error), 1, 30000);
        QVERIFY2(reports.lastText().contains("same size"), qPrintable(reports.lastText()));
        QVERIFY(m_panel->isRunning());
        QVERIFY(m_panel->hasBackground());
    }

    void stops()
    {
        QSignalSpy stopped(m_panel.get(), &LivePanel::stopped);
        QTest::mouseClick(button("liveStart"), Qt::LeftButton);  // now "Stop"
        QVERIFY(stopped.wait(30000));
        QCOMPARE(stopped.first().at(0).toString(), QString());
        QVERIFY(!m_panel->isRunning());
        QVERIFY(!button("liveCapture")->isEnabled());
        m_panel->storeState();
        QCOMPARE(m_project->live().value("file").toString(), m_clip);
        QCOMPARE(m_project->live().value("backbone_scale").toDouble(), 0.125);
    }

    void damagedVideoShowsAnError()
    {
        mstest::CapturedReports reports;
        const QString junk = m_root + "/junk.mp4";
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a video");
        f.close();
        m_panel->useVideoFile(junk);
        QSignalSpy stopped(m_panel.get(), &LivePanel::stopped);
        m_panel->start();
        QVERIFY(stopped.wait(30000));
        QVERIFY(!m_panel->isRunning());
        QCOMPARE(reports.count(ms::ui::ErrorReporter::Kind::Error), 1);
        QVERIFY2(reports.lastText().contains("junk.mp4"), qPrintable(reports.lastText()));
    }

    void cleanupTestCase() { m_panel.reset(); }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestLivePanel)
#include "tst_livepanel.moc"
