// Video in the matting panel: a video source previews its frames with a slider, keeps matted frames
// while scrubbing (going back is instant), asks the network only for the newest frame wished for,
// plays in real time, and "Matte and save" writes the whole video like --batch matte-video, with
// progress and cancel.
#include "UiTestSupport.h"

#include "ui/MattingPanel.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "ui/VideoScrubber.h"
#include "worker/DemoProject.h"

#include <QDoubleSpinBox>
#include <QFile>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QToolButton>

#include <opencv2/videoio.hpp>

using ms::ui::MattingPanel;
using ms::ui::VideoScrubber;

namespace {

int framesIn(const QString& video)
{
    cv::VideoCapture capture(video.toStdString(), cv::CAP_FFMPEG);
    int n = 0;
    cv::Mat frame;
    while (capture.read(frame))
        ++n;
    return n;
}

}  // namespace

class TestMattingVideo : public QObject {
    Q_OBJECT

    QString m_root, m_clip, m_plate;
    std::unique_ptr<ms::ui::Project> m_project;
    std::unique_ptr<MattingPanel> m_panel;

    QSlider* slider() const { return m_panel->videoScrubber()->slider(); }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_mattingvideo");
        m_root = mstest::scratch("video");
        m_clip = m_root + "/src/clip.mp4";
        m_plate = m_root + "/bgr/clip.png";
        ms::writeDemoClip(m_clip, m_plate, 30, 25);
        m_project = std::make_unique<ms::ui::Project>(ms::ui::Project::create(m_root + "/project", "Video"));
        m_panel = std::make_unique<MattingPanel>();
        m_panel->resize(1200, 800);
        m_panel->show();
        m_panel->setProject(m_project.get());
        m_panel->setCheckpoint(mstest::fixtureCheckpoint("a-base-mobilenetv2"));
        // A folder of sources finds the video too; the plate pairs with it by name.
        m_panel->addSources({m_root + "/src"});
        m_panel->setBackgrounds(m_root + "/bgr");
        QTRY_VERIFY(!m_panel->isScanning());
        QCOMPARE(m_panel->pairs().size(), 1);
        QVERIFY(m_panel->pairs().first().source.endsWith("clip.mp4"));
    }

    void previewsTheFirstFrameWithControls()
    {
        mstest::CapturedReports reports;
        QVERIFY(m_panel->videoScrubber()->isHidden());
        QSignalSpy shown(m_panel.get(), &MattingPanel::frameShown);
        QTest::mouseClick(m_panel->findChild<QPushButton*>("mattingPreviewButton"), Qt::LeftButton);
        QVERIFY(shown.wait(60000));
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QCOMPARE(shown.first().at(0).toInt(), 0);
        QCOMPARE(shown.first().at(1).toBool(), false);
        QVERIFY(m_panel->videoScrubber()->isVisible());
        QCOMPARE(m_panel->videoScrubber()->frameCount(), 30);
        QCOMPARE(m_panel->videoScrubber()->fps(), 25.0);
        QCOMPARE(m_panel->previewView()->preview().pha.size(), QSize(512, 384));
        QCOMPARE(m_panel->previewView()->preview().frame, 0);
    }

    void scrubsAndKeepsMattedFrames()
    {
        mstest::CapturedReports reports;
        QSignalSpy shown(m_panel.get(), &MattingPanel::frameShown);
        // The user drags through several frames faster than the network mattes them: only the
        // frame in flight and the newest wish are matted, the ones passed over never.
        slider()->setFocus();
        slider()->setValue(10);
        slider()->setValue(11);
        slider()->setValue(12);
        slider()->setValue(20);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 20, 60000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QList<int> matted;
        for (const auto& s : shown)
            if (!s.at(1).toBool())
                matted << s.at(0).toInt();
        QCOMPARE(matted, QList<int>({10, 20}));
        QCOMPARE(m_panel->previewView()->preview().frame, 20);
        QCOMPARE(m_panel->cachedFrames(), 3);  // 0, 10 and 20

        // Back to a matted frame: shown at once, from the cache, without the network.
        shown.clear();
        QTest::keyClick(slider(), Qt::Key_PageDown);  // 20 -> 10 (page step 10)
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().at(0).toInt(), 10);
        QCOMPARE(shown.first().at(1).toBool(), true);
        QCOMPARE(m_panel->previewView()->preview().frame, 10);
        QCOMPARE(m_panel->videoScrubber()->frame(), 10);

        // Frames differ: the figure moves.
        const QImage at10 = m_panel->previewView()->preview().src;
        slider()->setValue(20);
        QCOMPARE(m_panel->previewView()->preview().frame, 20);
        QVERIFY(m_panel->previewView()->preview().src != at10);
    }

    void newSettingsMatteAgain()
    {
        QSignalSpy shown(m_panel.get(), &MattingPanel::frameShown);
        // A different network setting: the kept frames no longer apply.
        m_panel->findChild<QDoubleSpinBox*>("mattingBackboneScale")->setValue(0.125);
        slider()->setValue(10);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 60000);
        QCOMPARE(shown.last().at(0).toInt(), 10);
        QCOMPARE(shown.last().at(1).toBool(), false);
        QCOMPARE(m_panel->cachedFrames(), 1);
    }

    void playsInRealTimeToTheEnd()
    {
        mstest::CapturedReports reports;
        QSignalSpy shown(m_panel.get(), &MattingPanel::frameShown);
        slider()->setValue(15);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 15, 60000);
        shown.clear();
        QTest::mouseClick(m_panel->videoScrubber()->playButton(), Qt::LeftButton);
        QVERIFY(m_panel->videoScrubber()->isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->videoScrubber()->isPlaying(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 29, 60000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QList<int> frames;
        for (const auto& s : shown)
            frames << s.at(0).toInt();
        QVERIFY(std::is_sorted(frames.begin(), frames.end()));
        QVERIFY(frames.first() >= 15);
    }

    void failuresLeaveThePanelUsable()
    {
        mstest::CapturedReports reports;
        // A frame past the end: one clear error, and the panel is not left busy.
        m_panel->showFrame(500);
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(ms::ui::ErrorReporter::Kind::Error), 1, 60000);
        QVERIFY2(reports.lastText().contains("no frame 501"), qPrintable(reports.lastText()));
        QVERIFY(!m_panel->isBusy());
        // A checkpoint that does not load: its frames are never matted by the previous network
        // and kept as if they were its own.
        const QString good = m_panel->checkpoint(), junk = m_root + "/junk.pth";
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint");
        f.close();
        m_panel->setCheckpoint(junk);
        m_panel->showFrame(3);
        QTRY_COMPARE_WITH_TIMEOUT(reports.count(ms::ui::ErrorReporter::Kind::Error), 2, 60000);
        QCOMPARE(m_panel->cachedFrames(), 0);
        QVERIFY(m_panel->previewView()->preview().frame != 3);
        m_panel->setCheckpoint(good);
        QSignalSpy shown(m_panel.get(), &MattingPanel::frameShown);
        m_panel->showFrame(3);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == 3, 60000);
        QCOMPARE(reports.count(ms::ui::ErrorReporter::Kind::Error), 2);
    }

    void savesTheWholeVideo()
    {
        mstest::CapturedReports reports;
        const QString out = m_root + "/out";
        m_panel->setOutputDir(out);
        m_panel->setOutputTypes({"com", "pha"});
        QSignalSpy finished(m_panel.get(), &MattingPanel::saveFinished);
        QTest::mouseClick(m_panel->findChild<QPushButton*>("mattingSaveButton"), Qt::LeftButton);
        QVERIFY(m_panel->isBusy());
        QVERIFY(finished.wait(120000));
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QCOMPARE(finished.first().at(0).toInt(), 1);
        QCOMPARE(finished.first().at(1).toInt(), 0);
        QCOMPARE(finished.first().at(2).toBool(), false);
        QCOMPARE(framesIn(out + "/clip/com.mp4"), 30);
        QCOMPARE(framesIn(out + "/clip/pha.mp4"), 30);
        QVERIFY(!QFileInfo::exists(out + "/clip/fgr.mp4"));
        auto* progress = m_panel->findChild<QProgressBar*>();
        QCOMPARE(progress->value(), 30);
    }

    void cancelsASaveAndShowsTimeLeft()
    {
        mstest::CapturedReports reports(true);  // "overwrite?": yes
        QSignalSpy finished(m_panel.get(), &MattingPanel::saveFinished);
        auto* progress = m_panel->findChild<QProgressBar*>();
        m_panel->saveAll();
        QCOMPARE(reports.count(ms::ui::ErrorReporter::Kind::Question), 1);
        QTRY_VERIFY_WITH_TIMEOUT(progress->value() >= 3, 60000);
        QVERIFY2(progress->format().contains("left"), qPrintable(progress->format()));
        QTest::mouseClick(m_panel->findChild<QPushButton*>("mattingCancelButton"), Qt::LeftButton);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(2).toBool(), true);
        QVERIFY(!m_panel->isBusy());
        // What was matted before the cancel stays a playable video; nothing half-written remains.
        const int kept = framesIn(m_root + "/out/clip/com.mp4");
        QVERIFY2(kept >= 3 && kept < 30, qPrintable(QString::number(kept)));
        QVERIFY(!QFileInfo::exists(m_root + "/out/clip/.partial-com.mp4"));
    }

    void cleanupTestCase() { m_panel.reset(); }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestMattingVideo)
#include "tst_mattingvideo.moc"
