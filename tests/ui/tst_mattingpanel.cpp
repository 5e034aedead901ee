// The matting panel: pairing, preview of every map, comparison of two checkpoints, saving like
// --batch matte with overwrite confirmation, and error dialogs for bad checkpoints and pairs.
#include "UiTestSupport.h"

#include "ui/MattingPanel.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"

#include <QFile>
#include <QPushButton>

using ms::ui::ErrorReporter;
using ms::ui::MattingPanel;
using ms::ui::PreviewView;

class TestMattingPanel : public QObject {
    Q_OBJECT

    QString m_root;
    std::unique_ptr<ms::ui::Project> m_project;
    std::unique_ptr<MattingPanel> m_panel;

    void copy(const QString& from, const QString& to)
    {
        QDir().mkpath(QFileInfo(to).path());
        QVERIFY(QFile::copy(from, to));
    }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_mattingpanel");
        m_root = mstest::scratch("matting");
        const QString a = mstest::sharedDir() + "/fixtures/parity/a-base-mobilenetv2/";
        copy(a + "src.png", m_root + "/src/first.png");
        copy(a + "bgr.png", m_root + "/bgr/first.png");
        copy(a + "src.png", m_root + "/src/second.png");
        copy(a + "bgr.png", m_root + "/bgr/second.png");
        m_project = std::make_unique<ms::ui::Project>(ms::ui::Project::create(m_root + "/project", "Matting"));
        m_panel = std::make_unique<MattingPanel>();
        m_panel->resize(1200, 800);
        m_panel->show();
        m_panel->setProject(m_project.get());
    }

    void pairsAndValidates()
    {
        QVERIFY(!m_panel->problem(false).isEmpty());
        m_panel->setCheckpoint(mstest::fixtureCheckpoint("a-base-mobilenetv2"));
        m_panel->addSources({m_root + "/src"});
        QVERIFY(!m_panel->problem(false).isEmpty());  // no backgrounds yet
        QSignalSpy paired(m_panel.get(), &MattingPanel::pairsChanged);
        m_panel->setBackgrounds(m_root + "/bgr");
        // The folders are listed off the GUI thread: until then nothing is paired, and it says so.
        QVERIFY(m_panel->isScanning());
        QVERIFY(m_panel->pairs().isEmpty());
        QVERIFY2(m_panel->problem(false).contains("Finding"), qPrintable(m_panel->problem(false)));
        QVERIFY(!m_panel->findChild<QPushButton*>("mattingPreviewButton")->isEnabled());
        QVERIFY(paired.wait(30000));
        QVERIFY(!m_panel->isScanning());
        QCOMPARE(m_panel->pairs().size(), 2);
        QCOMPARE(m_panel->pairs().at(0).relativeStem, QString("first"));
        QVERIFY(m_panel->pairs().at(0).background.endsWith("bgr/first.png"));
        QVERIFY2(m_panel->problem(false).isEmpty(), qPrintable(m_panel->problem(false)));
        QVERIFY(m_panel->findChild<QPushButton*>("mattingPreviewButton")->isEnabled());
    }

    void previewShowsEveryMap()
    {
        mstest::CapturedReports reports;
        QSignalSpy updated(m_panel.get(), &MattingPanel::previewUpdated);
        QTest::mouseClick(m_panel->findChild<QPushButton*>("mattingPreviewButton"), Qt::LeftButton);
        QVERIFY(updated.wait(60000));
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        PreviewView* view = m_panel->previewView();
        QVERIFY(view->hasPreview());
        QCOMPARE(view->preview().pha.size(), QSize(256, 192));
        QCOMPARE(view->preview().com.format(), QImage::Format_RGBA8888);
        QVERIFY(view->preview().source.endsWith("first.png"));
        for (auto map : {PreviewView::Map::Composite, PreviewView::Map::Alpha, PreviewView::Map::Foreground,
                         PreviewView::Map::Error, PreviewView::Map::Refinement, PreviewView::Map::Source}) {
            view->setMap(map);
            QCOMPARE(view->rendered().size(), QSize(256, 192));
        }
        view->setMap(PreviewView::Map::Composite);
        view->setBackdrop(PreviewView::Backdrop::Colour);
        view->setBackdropColour(Qt::green);
        const QImage green = view->rendered();
        view->setBackdrop(PreviewView::Backdrop::Checkerboard);
        QVERIFY(green != view->rendered());
        view->actualSize();
        QCOMPARE(view->zoom(), 1.0);
        view->zoomBy(2.0);
        QCOMPARE(view->zoom(), 2.0);
        view->fitToView();
        view->setSplit(true);
        QVERIFY(!view->grab().isNull());

        m_panel->selectPair(1);
        m_panel->previewCurrent();
        QVERIFY(updated.wait(60000));
        QVERIFY(view->preview().source.endsWith("second.png"));
    }

    void comparesTwoCheckpoints()
    {
        mstest::CapturedReports reports;
        m_panel->setCompareCheckpoint(mstest::fixtureCheckpoint("b-refine-mobilenetv2-sampling"));
        QSignalSpy compared(m_panel.get(), &MattingPanel::comparisonUpdated);
        m_panel->previewCurrent();
        QVERIFY(compared.wait(60000));
        QVERIFY(m_panel->previewView()->isComparing());
        QVERIFY(!m_panel->previewView()->rendered(true).isNull());
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        m_panel->setCompareCheckpoint({});
    }

    void savesOutputsAndAsksBeforeOverwriting()
    {
        mstest::CapturedReports reports(false);
        const QString out = m_root + "/out";
        m_panel->setOutputDir(out);
        m_panel->setOutputTypes({"com", "pha"});
        QSignalSpy finished(m_panel.get(), &MattingPanel::saveFinished);
        m_panel->saveAll();
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.first().at(0).toInt(), 2);
        QCOMPARE(finished.first().at(1).toInt(), 0);
        for (const char* f : {"/com/first.png", "/com/second.png", "/pha/first.png", "/pha/second.png"})
            QVERIFY2(QFileInfo::exists(out + f), f);
        QVERIFY(!QFileInfo::exists(out + "/fgr"));
        // Saving again would overwrite: the user is asked, and declining changes nothing.
        const QDateTime before = QFileInfo(out + "/com/first.png").lastModified();
        m_panel->saveAll();
        QCOMPARE(reports.count(ErrorReporter::Kind::Question), 1);
        QVERIFY(!m_panel->isBusy());
        QCOMPARE(QFileInfo(out + "/com/first.png").lastModified(), before);
    }

    void badCheckpointShowsDialog()
    {
        mstest::CapturedReports reports;
        const QString junk = m_root + "/junk.pth";
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a checkpoint at all");
        f.close();
        m_panel->setCheckpoint(junk);
        QSignalSpy busy(m_panel.get(), &MattingPanel::busyChanged);
        m_panel->previewCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy() && busy.count() >= 2, 60000);
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 1);
        QVERIFY(reports.reports.back().title.contains("checkpoint"));
        // The earlier preview is kept.
        QVERIFY(m_panel->previewView()->hasPreview());
    }

    void mismatchedPairShowsDialog()
    {
        mstest::CapturedReports reports;
        m_panel->setCheckpoint(mstest::fixtureCheckpoint("a-base-mobilenetv2"));
        m_panel->clearSources();
        m_panel->addSources({mstest::sharedDir() + "/fixtures/parity/b-refine-mobilenetv2-sampling/src.png"});
        m_panel->setBackgrounds(m_root + "/bgr/first.png");  // 256x192 against 512x384
        QTRY_VERIFY(!m_panel->isScanning());
        QCOMPARE(m_panel->pairs().size(), 1);
        QSignalSpy busy(m_panel.get(), &MattingPanel::busyChanged);
        m_panel->previewCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isBusy() && busy.count() >= 2, 60000);
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 1);
        QVERIFY2(reports.lastText().contains("same size"), qPrintable(reports.lastText()));
    }

    // Only the newest scan counts: sources changed while a scan runs drop its result, and a
    // preview asked for meanwhile runs once the pairs are known.
    void staleScansAreDroppedAndPreviewWaits()
    {
        m_panel->clearSources();
        m_panel->setBackgrounds(m_root + "/bgr");
        m_panel->addSources({m_root + "/src"});
        QVERIFY(m_panel->isScanning());
        m_panel->clearSources();
        QVERIFY(!m_panel->isScanning());
        QSignalSpy paired(m_panel.get(), &MattingPanel::pairsChanged);
        QSignalSpy updated(m_panel.get(), &MattingPanel::previewUpdated);
        m_panel->addSources({m_root + "/src/second.png"});
        m_panel->previewWhenReady();
        QVERIFY(paired.wait(30000));
        QCOMPARE(m_panel->pairs().size(), 1);  // the first scan's two pairs never arrived
        QVERIFY(m_panel->pairs().first().source.endsWith("second.png"));
        QVERIFY(updated.wait(60000));
        QCOMPARE(paired.count(), 1);
    }

    void stateIsKeptInTheProject()
    {
        m_panel->storeState();
        QCOMPARE(m_project->matting().value("checkpoint").toString(), mstest::fixtureCheckpoint("a-base-mobilenetv2"));
        MattingPanel other;
        other.setProject(m_project.get());
        QCOMPARE(other.checkpoint(), m_panel->checkpoint());
        QTRY_VERIFY(!other.isScanning());
        QCOMPARE(other.pairs().size(), 1);
        QCOMPARE(other.outputTypes(), QStringList({"com", "pha"}));
    }

    void cleanupTestCase() { m_panel.reset(); }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestMattingPanel)
#include "tst_mattingpanel.moc"
