// The training panel inside the main window, on the demo project's synthetic dataset: a short run
// from the Start button with plot points and a checkpoint in the browser; pause; stop and resume;
// the curves of earlier runs on reopening; validation as the user types; the dataset check.
#include "UiTestSupport.h"

#include "ui/CheckpointBrowser.h"
#include "ui/CurvePlot.h"
#include "ui/MainWindow.h"
#include "ui/MattingPanel.h"
#include "ui/Project.h"
#include "ui/TrainingForm.h"
#include "ui/TrainingPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

using ms::TrainingWorker;
using ms::ui::ErrorReporter;
using ms::ui::MainWindow;
using ms::ui::TrainingPanel;

class TestTrainingPanel : public QObject {
    Q_OBJECT

    QString m_demo;

    // A run small enough for a loaded CPU: MattingBase on 96 px crops, two images a step.
    static void makeTiny(TrainingPanel* panel, int maxSteps, int checkpointInterval)
    {
        ms::TrainConfig c = panel->config();
        c.model.type = ms::ModelType::MattingBase;
        c.model.backbone = ms::Backbone::MobileNetV2;
        c.modelName = "tiny";
        c.trainSize = 96;
        c.batchSize = 2;
        c.numWorkers = 1;
        c.epochEnd = 1000;
        c.maxSteps = maxSteps;
        c.logTrainLossInterval = 1;
        c.logTrainImagesInterval = 2;
        c.logValidInterval = 3;
        c.checkpointInterval = checkpointInterval;
        c.validSamples = 1;
        c.keepLast = 0;
        c.keepBest = false;
        panel->setConfig(c);
    }

    static bool listed(MainWindow& window, const QString& path)
    {
        return window.checkpointBrowser()->entry(QFileInfo(path).absoluteFilePath()) != nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_trainingpanel");
        m_demo = mstest::scratch("training") + "/demo";
    }

    void shortRunFromTheStartButton()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        window.setDemoProjectFolder(m_demo);
        window.show();
        QSignalSpy opened(&window, &MainWindow::projectOpened);
        window.openDemoProject();
        QVERIFY(opened.wait(60000));
        TrainingPanel* panel = window.trainingPanel();
        makeTiny(panel, 4, 3);
        QVERIFY2(panel->problem().isEmpty(), qPrintable(panel->problem()));

        QSignalSpy finished(panel, &TrainingPanel::runFinished);
        QSignalSpy saved(panel, &TrainingPanel::checkpointSaved);
        QSignalSpy samples(panel, &TrainingPanel::samplePreviewShown);
        QSignalSpy previewed(window.mattingPanel(), &ms::ui::MattingPanel::previewUpdated);
        // Validation points reach the plot while the run is going, not at its end.
        int plottedDuringRun = 0;
        connect(panel, &TrainingPanel::validated, this, [&] {
            if (panel->isRunning())
                plottedDuringRun = std::max(plottedDuringRun, panel->lossPlot()->pointCount("valid"));
        });
        auto* startButton = panel->findChild<QPushButton*>("trainStart");
        QVERIFY(startButton->isEnabled());
        QTest::mouseClick(startButton, Qt::LeftButton);
        QVERIFY(panel->isRunning());
        QVERIFY(!startButton->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(panel->lossPlot()->pointCount("loss") >= 1, 180000);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 240000);
        QVERIFY2(finished.first().at(1).toString().isEmpty(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(finished.first().at(0).value<TrainingWorker::RunEnd>(), TrainingWorker::RunEnd::Completed);
        QCOMPARE(panel->lossPlot()->pointCount("loss"), 4);
        QVERIFY(panel->lossPlot()->pointCount("smoothed") == 4);
        QCOMPARE(panel->lossPlot()->pointCount("valid"), 2);  // step 2 (every 3rd step) and the last
        QVERIFY(plottedDuringRun >= 1);
        QVERIFY(panel->metricsPlot()->pointCount("sad") >= 1);
        QVERIFY(samples.count() >= 1);
        QVERIFY(saved.count() >= 1);
        const QString checkpoint = saved.last().first().toString();
        QVERIFY(QFileInfo::exists(checkpoint));
        QTRY_VERIFY_WITH_TIMEOUT(listed(window, checkpoint), 60000);
        QVERIFY(!panel->lossPlot()->readoutAt(1).isEmpty());
        // The demo project's completed run previews a sample with its last checkpoint by itself.
        QVERIFY(previewed.count() >= 1 || previewed.wait(60000));
        QVERIFY(window.mattingDock()->isVisible());
        QCOMPARE(QFileInfo(window.mattingPanel()->checkpoint()).canonicalFilePath(),
                 QFileInfo(checkpoint).canonicalFilePath());
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));

        // Export of the curves.
        const QString csv = m_demo + "/loss.csv";
        QVERIFY(panel->lossPlot()->exportCsv(csv));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 5);  // header + 4 steps
        QVERIFY(panel->lossPlot()->exportPng(m_demo + "/loss.png"));
        panel->lossPlot()->setLogScale(true);
        QVERIFY(panel->lossPlot()->logScale());
    }

    void pauseStopAndResume()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        window.show();
        QVERIFY(window.openProject(m_demo));
        TrainingPanel* panel = window.trainingPanel();
        makeTiny(panel, 200, 1000);
        QSignalSpy steps(panel, &TrainingPanel::stepDone);
        QSignalSpy finished(panel, &TrainingPanel::runFinished);
        panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 2, 180000);
        panel->pause();
        QTRY_VERIFY_WITH_TIMEOUT(panel->isPaused(), 30000);
        panel->resumeRun();
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isPaused(), 30000);
        QTest::mouseClick(panel->findChild<QPushButton*>("trainStop"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 240000);
        QCOMPARE(finished.first().at(0).value<TrainingWorker::RunEnd>(), TrainingWorker::RunEnd::Stopped);
        const QString last = panel->lastCheckpoint();
        QVERIFY2(QFileInfo::exists(last), qPrintable(last));
        const qlonglong stoppedAt = steps.last().first().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(listed(window, last), 60000);

        // Continue exactly from the stop's checkpoint: steps go on after it.
        auto* continueButton = panel->findChild<QPushButton*>("trainContinue");
        QVERIFY(continueButton->isEnabled());
        steps.clear();
        QTest::mouseClick(continueButton, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(steps.count() >= 1, 180000);
        QCOMPARE(steps.first().first().toLongLong(), stoppedAt + 1);
        panel->stop();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 2, 240000);
        QVERIFY2(reports.reports.empty(), qPrintable(reports.lastText()));
    }

    void earlierRunsAreShownOnReopening()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(window.trainingPanel(), &TrainingPanel::historyLoaded);
        QVERIFY(window.openProject(m_demo));
        // The project remembers the model of its last run ("tiny"), whose curves come back.
        QCOMPARE(window.trainingPanel()->config().modelName, std::string("tiny"));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() && loaded.last().first().toInt() >= 3, 30000);
        QVERIFY(window.trainingPanel()->lossPlot()->pointCount("loss") >= 3);
        QVERIFY(window.trainingPanel()->lossPlot()->pointCount("valid") >= 1);
    }

    void validatesAsYouType()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        QVERIFY(window.openProject(m_demo));
        TrainingPanel* panel = window.trainingPanel();
        auto* startButton = panel->findChild<QPushButton*>("trainStart");
        QVERIFY2(panel->problem().isEmpty(), qPrintable(panel->problem()));
        panel->findChild<QLineEdit*>("train.dataset")->setText(m_demo + "/no-such-dataset");
        QVERIFY(panel->problem().contains("does not exist"));
        QVERIFY(!startButton->isEnabled());
        panel->findChild<QLineEdit*>("train.dataset")->setText(m_demo + "/dataset");
        panel->findChild<QSpinBox*>("train.batch_size")->setValue(0);  // clamps to 1: still fine
        QVERIFY(panel->problem().isEmpty());
        // The form's ranges are the settings table's: a training size below its minimum clamps.
        auto* trainSize = panel->findChild<QSpinBox*>("train.train_size");
        QCOMPARE(trainSize->minimum(), int(ms::trainField("train_size").minimum));
        trainSize->setValue(40);
        QCOMPARE(trainSize->value(), trainSize->minimum());
        QVERIFY(panel->problem().isEmpty());
        QVERIFY(startButton->isEnabled());
        panel->findChild<QLineEdit*>("train.model_name")->setText("a/b");
        QVERIFY(panel->problem().contains("a/b"));
        panel->start();  // refused with a dialog, nothing runs
        QCOMPARE(reports.count(ErrorReporter::Kind::Warning), 1);
        QVERIFY(!panel->isRunning());
    }

    // Every setting of the table, and only those the form owns, has an editor with the table's
    // range; whatever config goes in comes out again; refine-only settings follow the stage.
    void formComesFromTheSettingsTable()
    {
        TrainingPanel panel;
        ms::ui::TrainingForm* form = panel.form();
        ms::TrainConfig c = ms::defaultTrainConfig(ms::ModelType::MattingRefine);
        for (const ms::TrainField& f : ms::trainFields()) {
            QWidget* editor = form->editor(f.key);
            if (f.group == "Run") {
                QVERIFY2(!editor, f.key.c_str());  // the project's and the application's
                continue;
            }
            QVERIFY2(editor, f.key.c_str());
            QCOMPARE(editor->objectName(), ms::ui::TrainingForm::objectNameOf(f.key));
            switch (f.kind) {
            case ms::TrainField::Kind::Bool:
                QVERIFY(qobject_cast<QCheckBox*>(editor));
                f.set(c, !std::get<bool>(f.get(c)));  // every switch flipped
                break;
            case ms::TrainField::Kind::Int:
                if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
                    QCOMPARE(spin->minimum(), int(f.minimum));
                    QCOMPARE(spin->maximum(), int(f.maximum));
                    f.set(c, int64_t(f.minimum));  // every number at its minimum
                } else if (auto* wide = qobject_cast<QDoubleSpinBox*>(editor)) {
                    // Past INT_MAX: whole numbers up to the table's maximum, which must survive.
                    QCOMPARE(wide->decimals(), 0);
                    QCOMPARE(wide->minimum(), f.minimum);
                    QCOMPARE(wide->maximum(), f.maximum);
                    QVERIFY(f.maximum > INT_MAX);
                    f.set(c, int64_t(f.maximum));
                } else {
                    auto* choices = qobject_cast<QComboBox*>(editor);  // the refiner's kernel: 3 or 1
                    QVERIFY2(choices && choices->count() >= 2, f.key.c_str());
                    QCOMPARE(choices->findData(qlonglong(f.minimum)) >= 0, true);
                    f.set(c, int64_t(f.minimum));
                }
                break;
            case ms::TrainField::Kind::Real: {
                auto* spin = qobject_cast<QDoubleSpinBox*>(editor);
                QVERIFY2(spin, f.key.c_str());
                QCOMPARE(spin->maximum(), f.maximum);
                f.set(c, f.maximum);
                break;
            }
            case ms::TrainField::Kind::Choice: {
                auto* combo = qobject_cast<QComboBox*>(editor);
                QVERIFY2(combo, f.key.c_str());
                QCOMPARE(combo->count(), int(f.choices.size()));
                f.set(c, f.choices.back());
                break;
            }
            case ms::TrainField::Kind::Text:
            case ms::TrainField::Kind::Path:
                QVERIFY2(qobject_cast<QLineEdit*>(editor), f.key.c_str());
                f.set(c, std::string("value of ") + f.key);
                break;
            }
        }
        form->setConfig(c);
        const ms::TrainConfig back = form->config();
        for (const ms::TrainField& f : ms::trainFields())
            if (f.group != "Run")
                QVERIFY2(f.get(back) == f.get(c), f.key.c_str());

        // Refine-only settings are off for the base stage, and sampling's pixels outside sampling.
        QVERIFY(form->editor("model_refine_mode")->isEnabled());
        QVERIFY(form->editor("model_refine_threshold")->isEnabled());  // thresholding, the last choice
        QVERIFY(!form->editor("model_refine_sample_pixels")->isEnabled());
        auto* stage = qobject_cast<QComboBox*>(form->editor("model_type"));
        stage->setCurrentIndex(stage->findData("mattingbase"));
        QVERIFY(!form->editor("model_refine_mode")->isEnabled());
        QVERIFY(!form->editor("model_backbone_scale")->isEnabled());
        QVERIFY(form->editor("batch_size")->isEnabled());
        // The stage defaults keep what names the run.
        form->applyStageDefaults(ms::ModelType::MattingBase);
        QCOMPARE(form->config().modelName, std::string("value of model_name"));
        QCOMPARE(form->config().batchSize, ms::defaultTrainConfig(ms::ModelType::MattingBase).batchSize);
    }

    void datasetCheck()
    {
        mstest::CapturedReports reports;
        MainWindow window;
        QVERIFY(window.openProject(m_demo));
        TrainingPanel* panel = window.trainingPanel();
        QSignalSpy checked(panel, &TrainingPanel::datasetChecked);
        QTest::mouseClick(panel->findChild<QPushButton*>("trainCheckDataset"), Qt::LeftButton);
        QVERIFY(checked.wait(60000));
        QVERIFY2(checked.first().at(0).toBool(), qPrintable(checked.first().at(1).toString()));
        QVERIFY(!panel->lastDatasetReport().isEmpty());
        // The check knows the batch size: a batch larger than the training split fails it, as
        // Start would.
        panel->findChild<QSpinBox*>("train.batch_size")->setValue(1000);
        panel->checkDataset();
        QVERIFY(checked.wait(60000));
        QVERIFY2(!checked.last().at(0).toBool(), qPrintable(checked.last().at(1).toString()));
        QVERIFY2(checked.last().at(1).toString().contains("too few samples"),
                 qPrintable(checked.last().at(1).toString()));
        panel->findChild<QSpinBox*>("train.batch_size")->setValue(8);

        // A broken dataset config: an error dialog.
        const QString broken = mstest::scratch("training-broken");
        QFile f(broken + "/dataset.json");
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        panel->findChild<QLineEdit*>("train.dataset")->setText(broken);
        panel->checkDataset();
        QVERIFY(checked.wait(60000));
        QVERIFY(!checked.last().at(0).toBool());
        QCOMPARE(reports.count(ErrorReporter::Kind::Error), 1);
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestTrainingPanel)
#include "tst_trainingpanel.moc"
