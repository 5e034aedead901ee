// The checkpoint browser: listing with sidecar metadata and key detection, best marks, filtering,
// following new files, load report, conversion, deletion (with confirmation), arbitrary files.
#include "UiTestSupport.h"

#include "ui/CheckpointBrowser.h"
#include "ui/Project.h"

#include <QDialog>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTreeView>

using ms::ui::CheckpointBrowser;
using ms::ui::ErrorReporter;

namespace {

const QString Fixture = mstest::fixtureCheckpoint("a-base-mobilenetv2");

void writeSidecar(const QString& weights, int epoch, int step, double validLoss)
{
    QJsonObject model{{"type", "mattingbase"}, {"backbone", "mobilenetv2"}, {"backbone_scale", 0.25}};
    QJsonObject o{{"mattestudio_checkpoint", 1},
                  {"model_name", "alpha"},
                  {"model", model},
                  {"epoch", epoch},
                  {"step", step},
                  {"train_loss", 0.9},
                  {"valid_loss", validLoss},
                  {"metrics", QJsonObject{{"sad", 12.5}}},
                  {"time", "2026-01-31T12:00:00.000Z"},
                  {"config", QJsonObject()}};
    const QString path = weights.left(weights.lastIndexOf('.')) + ".json";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(o).toJson());
}

void copyFixture(const QString& to)
{
    QDir().mkpath(QFileInfo(to).path());
    QVERIFY(QFile::copy(Fixture, to));
    QFile(to).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
}

}  // namespace

class TestCheckpointBrowser : public QObject {
    Q_OBJECT

    QString m_root;
    std::unique_ptr<ms::ui::Project> m_project;
    std::unique_ptr<CheckpointBrowser> m_browser;

    bool rescanned(int timeout = 60000)
    {
        QSignalSpy spy(m_browser.get(), &CheckpointBrowser::scanFinished);
        return spy.wait(timeout);
    }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_checkpointbrowser");
        m_root = mstest::scratch("browser");
        m_project = std::make_unique<ms::ui::Project>(ms::ui::Project::create(m_root + "/project", "Browser"));
        const QString ckpt = m_project->checkpointFolder();
        copyFixture(ckpt + "/alpha/epoch-0.pth");
        writeSidecar(ckpt + "/alpha/epoch-0.pth", 0, 100, 0.5);
        copyFixture(ckpt + "/alpha/epoch-1.pth");
        writeSidecar(ckpt + "/alpha/epoch-1.pth", 1, 200, 0.25);
        copyFixture(ckpt + "/imported/plain.pth");
        m_browser = std::make_unique<CheckpointBrowser>();
        m_browser->resize(900, 600);
        m_browser->show();
        QSignalSpy spy(m_browser.get(), &CheckpointBrowser::scanFinished);
        m_browser->setProject(m_project.get());
        QVERIFY(spy.wait(60000));
    }

    void listsWithMetadataAndBest()
    {
        QCOMPARE(m_browser->entries().size(), 3);
        const auto* best =
            m_browser->entry(QFileInfo(m_project->checkpointFolder() + "/alpha/epoch-1.pth").absoluteFilePath());
        QVERIFY(best);
        QCOMPARE(best->step, 200);
        QCOMPARE(best->validLoss, 0.25);
        QCOMPARE(best->modelName, QString("alpha"));
        QVERIFY(best->hasSidecar);
        QCOMPARE(m_browser->bestPaths(), QStringList{best->path});
        const auto* plain =
            m_browser->entry(QFileInfo(m_project->checkpointFolder() + "/imported/plain.pth").absoluteFilePath());
        QVERIFY(plain);
        QVERIFY(!plain->hasSidecar);
        QCOMPARE(plain->modelType, QString("mattingbase"));  // from the keys
        QCOMPARE(plain->backbone, QString("mobilenetv2"));
        QCOMPARE(plain->modelName, QString("imported"));
        QCOMPARE(m_browser->view()->model()->rowCount(), 2);  // two model groups
    }

    void filters()
    {
        m_browser->setFilterText("imported");
        QCOMPARE(m_browser->visibleCheckpointCount(), 1);
        m_browser->setFilterText("");
        QCOMPARE(m_browser->visibleCheckpointCount(), 3);
    }

    void followsNewFiles()
    {
        copyFixture(m_project->checkpointFolder() + "/alpha/epoch-2.pth");
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->entries().size() == 4, 60000);
        // A whole new model folder appears too.
        copyFixture(m_project->checkpointFolder() + "/beta/first.pth");
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->entries().size() == 5, 60000);
    }

    void loadReport()
    {
        const QString plain = QFileInfo(m_project->checkpointFolder() + "/imported/plain.pth").absoluteFilePath();
        m_browser->selectPaths({plain});
        QCOMPARE(m_browser->selectedPaths(), QStringList{plain});
        QSignalSpy shown(m_browser.get(), &CheckpointBrowser::loadReportShown);
        m_browser->showLoadReport();
        QVERIFY(shown.wait(60000));
        QVERIFY2(shown.first().at(1).toString().contains("matched"), qPrintable(shown.first().at(1).toString()));
        QVERIFY(m_browser->findChild<QDialog*>("loadReportDialog"));
    }

    void convertsAndLists()
    {
        mstest::CapturedReports reports;
        const QString plain = QFileInfo(m_project->checkpointFolder() + "/imported/plain.pth").absoluteFilePath();
        const QString out = QFileInfo(m_project->checkpointFolder() + "/imported/plain.safetensors").absoluteFilePath();
        m_browser->selectPaths({plain});
        QSignalSpy converted(m_browser.get(), &CheckpointBrowser::converted);
        m_browser->convertSelected(out);
        QVERIFY(converted.wait(60000));
        QVERIFY(QFileInfo::exists(out));
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->entry(out) != nullptr, 60000);
        QCOMPARE(m_browser->entry(out)->backbone, QString("mobilenetv2"));
        QVERIFY(reports.reports.empty());
    }

    void deleteAsksFirst()
    {
        const QString victim = QFileInfo(m_project->checkpointFolder() + "/alpha/epoch-0.pth").absoluteFilePath();
        {
            mstest::CapturedReports no(false);
            m_browser->selectPaths({victim});
            m_browser->deleteSelected();
            QCOMPARE(no.count(ErrorReporter::Kind::Question), 1);
            QVERIFY(QFileInfo::exists(victim));
        }
        mstest::CapturedReports yes(true);
        m_browser->selectPaths({victim});
        m_browser->deleteSelected();
        QVERIFY(!QFileInfo::exists(victim));
        QVERIFY(!QFileInfo::exists(m_project->checkpointFolder() + "/alpha/epoch-0.json"));
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->entry(victim) == nullptr, 60000);
    }

    void actionsEmitRequests()
    {
        mstest::CapturedReports reports;
        const QString best = QFileInfo(m_project->checkpointFolder() + "/alpha/epoch-1.pth").absoluteFilePath();
        const QString plain = QFileInfo(m_project->checkpointFolder() + "/imported/plain.pth").absoluteFilePath();
        QSignalSpy matte(m_browser.get(), &CheckpointBrowser::matteRequested);
        QSignalSpy resume(m_browser.get(), &CheckpointBrowser::resumeRequested);
        QSignalSpy compare(m_browser.get(), &CheckpointBrowser::compareRequested);
        m_browser->selectPaths({best});
        m_browser->matteSelected();
        m_browser->resumeSelected();
        QCOMPARE(matte.count(), 1);
        QCOMPARE(resume.count(), 1);
        QCOMPARE(matte.first().first().toString(), best);
        // Weights without a MatteStudio sidecar cannot be resumed exactly: explained, not emitted.
        m_browser->selectPaths({plain});
        m_browser->resumeSelected();
        QCOMPARE(resume.count(), 1);
        QCOMPARE(reports.count(ErrorReporter::Kind::Warning), 1);
        m_browser->selectPaths({best, plain});
        m_browser->compareSelected();
        QCOMPARE(compare.count(), 1);
    }

    void arbitraryFilesAreDescribed()
    {
        mstest::CapturedReports reports;
        const QString junk = m_root + "/junk.pth";
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a checkpoint");
        f.close();
        QSignalSpy described(m_browser.get(), &CheckpointBrowser::fileDescribed);
        m_browser->openCheckpointFile(junk);
        QVERIFY(described.wait(60000));
        QCOMPARE(reports.count(ErrorReporter::Kind::Warning), 1);
        QTRY_VERIFY_WITH_TIMEOUT(m_browser->entry(QFileInfo(junk).absoluteFilePath()) != nullptr, 60000);
        QVERIFY(!m_browser->entry(QFileInfo(junk).absoluteFilePath())->problem.isEmpty());

        // A real file outside the project: described from its keys.
        const QString outside = m_root + "/outside/model.pth";
        copyFixture(outside);
        m_browser->openCheckpointFile(outside);
        QVERIFY(described.wait(60000));
        const auto entry = described.last().first().value<ms::CheckpointEntry>();
        QVERIFY(entry.problem.isEmpty());
        QCOMPARE(entry.modelType, QString("mattingbase"));
        QVERIFY(entry.tensorCount > 100);
        QCOMPARE(reports.count(ErrorReporter::Kind::Warning), 1);
    }

    void cleanupTestCase() { m_browser.reset(); }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestCheckpointBrowser)
#include "tst_checkpointbrowser.moc"
