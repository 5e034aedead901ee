// The main window: projects (create, open, reopen, recent, broken files), the demo project, docks,
// persistent device/thread settings. Drives the real widgets offscreen.
#include "UiTestSupport.h"

#include "ui/AppSettings.h"
#include "ui/CheckpointBrowser.h"
#include "ui/LogPanel.h"
#include "ui/MainWindow.h"
#include "ui/MattingPanel.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "ui/WelcomePage.h"

#include <QComboBox>
#include <QDockWidget>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QTreeWidget>

using ms::ui::ErrorReporter;
using ms::ui::MainWindow;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { mstest::isolateSettings("tst_mainwindow"); }

    void createAndReopenProject()
    {
        mstest::CapturedReports reports;
        const QString folder = mstest::scratch("mw-create") + "/first";
        {
            MainWindow window;
            window.show();
            QVERIFY(window.welcomePage()->isVisible());
            QVERIFY(window.createProject(folder, "First"));
            QVERIFY(window.project());
            QCOMPARE(window.project()->name(), QString("First"));
            QVERIFY(!window.welcomePage()->isVisible());
            QVERIFY(window.checkpointDock()->isVisible());
            QVERIFY(window.windowTitle().contains("First"));
            QVERIFY(QFileInfo::exists(folder + "/mattestudio-project.json"));
        }
        QCOMPARE(ms::ui::AppSettings::recentProjects().value(0), QFileInfo(folder).canonicalFilePath());
        QCOMPARE(ms::ui::AppSettings::lastProject(), QFileInfo(folder).canonicalFilePath());

        MainWindow again;
        again.show();
        QVERIFY(again.openProject(ms::ui::AppSettings::lastProject()));
        QCOMPARE(again.project()->name(), QString("First"));
        again.closeProject();
        QVERIFY(!again.project());
        QVERIFY(again.welcomePage()->isVisible());
        auto* recent = again.welcomePage()->findChild<QListWidget*>("welcomeRecent");
        QVERIFY(recent && recent->count() >= 1);
        QCOMPARE(reports.reports.size(), size_t(0));
    }

    void brokenProjectShowsDialogAndKeepsState()
    {
        mstest::CapturedReports reports;
        const QString folder = mstest::scratch("mw-broken");
        QFile f(folder + "/mattestudio-project.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ this is not json");
        f.close();
        MainWindow window;
        window.show();
        QVERIFY(!window.openProject(folder));
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 1);
        QVERIFY(reports.lastText().contains("mattestudio-project.json"));
        QVERIFY(!window.project());
        QVERIFY(window.logPanel()->errorCount() >= 1);

        // A project already open stays open when another fails.
        QVERIFY(window.createProject(mstest::scratch("mw-ok") + "/p", "Kept"));
        QVERIFY(!window.openProject(folder + "/missing"));
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 2);
        QCOMPARE(window.project()->name(), QString("Kept"));
        // Creating where a project exists is refused with a dialog.
        QVERIFY(!window.createProject(window.project()->root(), "Again"));
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 3);
    }

    void demoProjectOpensInOneClick()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        window.setDemoProjectFolder(mstest::scratch("mw-demo") + "/demo");
        window.show();
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        QTest::mouseClick(window.welcomePage()->findChild<QPushButton*>("welcomeDemo"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 60000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QVERIFY(window.project());
        const QString root = window.project()->root();
        QVERIFY(QFileInfo::exists(root + "/images/src/sample-000.png"));
        QVERIFY(QFileInfo::exists(root + "/checkpoint/untrained/untrained-mobilenetv2.pth"));
        QCOMPARE(window.project()->training().value("model_name").toString(), QString("demo"));
    }

    // From the browser to a matte in one click at 1366x768: "Matte" loads the checkpoint and previews
    // the first image; double-clicking another image previews it; the actions need no scrolling.
    void matteFromTheBrowserPreviewsAtOnce()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        window.setDemoProjectFolder(mstest::scratch("mw-matte") + "/demo");
        window.resize(1366, 768);
        window.show();
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        window.openDemoProject();
        QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, 60000);
        const QString checkpoint = window.project()->root() + "/checkpoint/untrained/untrained-mobilenetv2.pth";
        const auto selectCheckpoint = [&] {  // the browser lists the folder in the background
            window.checkpointBrowser()->selectPaths({checkpoint});
            return window.checkpointBrowser()->selectedPaths() == QStringList{checkpoint};
        };
        QTRY_VERIFY_WITH_TIMEOUT(selectCheckpoint(), 30000);

        ms::ui::MattingPanel* panel = window.mattingPanel();
        QSignalSpy previewed(panel, &ms::ui::MattingPanel::previewUpdated);
        QTest::mouseClick(window.checkpointBrowser()->findChild<QToolButton*>("checkpointMatte"), Qt::LeftButton);
        QVERIFY(previewed.wait(60000));
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
        QVERIFY(window.mattingDock()->isVisible());
        QCOMPARE(QFileInfo(panel->checkpoint()).canonicalFilePath(), QFileInfo(checkpoint).canonicalFilePath());
        QVERIFY2(panel->previewView()->preview().source.endsWith("sample-000.png"),
                 qPrintable(panel->previewView()->preview().source));

        for (const char* name : {"mattingPreviewButton", "mattingSaveButton"}) {
            auto* button = panel->findChild<QPushButton*>(name);
            const QRect inWindow(button->mapTo(&window, QPoint(0, 0)), button->size());
            QVERIFY2(button->isVisible() && window.rect().contains(inWindow), name);
        }

        auto* pairs = panel->findChild<QTreeWidget*>("mattingPairs");
        QVERIFY(pairs && pairs->topLevelItemCount() >= 2);
        const QRect second = pairs->visualItemRect(pairs->topLevelItem(1));
        QTest::mouseDClick(pairs->viewport(), Qt::LeftButton, {}, second.center());
        QTRY_VERIFY_WITH_TIMEOUT(panel->previewView()->preview().source.endsWith("sample-001.png"), 60000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
    }

    void binaryWithoutBatchIsTheDesktopApplication()
    {
        // `--help` of the GUI's own parser: the binary took the desktop path (offscreen here).
        QProcess p;
        p.start(MS_APP_BINARY, {"--help"});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        QVERIFY2(out.contains("--demo") && out.contains("--batch --help"), qPrintable(out));
    }

    void deviceAndThreadsPersist()
    {
        {
            MainWindow window;
            QVERIFY(window.deviceBox()->count() >= 1);
            QCOMPARE(window.deviceBox()->itemData(0).toString(), QString("cpu"));
            window.threadsBox()->setValue(2);
        }
        QCOMPARE(ms::ui::AppSettings::threads(), 2);
        MainWindow window;
        QCOMPARE(window.threadsBox()->value(), 2);
        window.threadsBox()->setValue(0);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestMainWindow)
#include "tst_mainwindow.moc"
