// Switching the interface language at run time: menus, docks and panel strings change at once (no
// restart), for German and Simplified Chinese, and back to English; the choice is remembered.
#include "UiTestSupport.h"

#include "ui/AppSettings.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/MattingPanel.h"
#include "ui/TrainingForm.h"
#include "ui/TrainingPanel.h"

#include <QAction>
#include <QDockWidget>
#include <QFormLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>

using ms::ui::LanguageManager;
using ms::ui::MainWindow;

class TestLanguage : public QObject {
    Q_OBJECT

    static QString fileMenu(MainWindow& w) { return w.menuBar()->actions().first()->text(); }
    static QString previewButton(MainWindow& w)
    {
        return w.mattingPanel()->findChild<QPushButton*>("mattingPreviewButton")->text();
    }
    // A label of the training form, which comes from the settings table.
    static QString batchSizeLabel(MainWindow& w)
    {
        QWidget* editor = w.trainingPanel()->form()->editor("batch_size");
        auto* form = qobject_cast<QFormLayout*>(editor->parentWidget()->layout());
        return qobject_cast<QLabel*>(form->labelForField(editor))->text();
    }
    static QString startButton(MainWindow& w)
    {
        return w.trainingPanel()->findChild<QPushButton*>("trainStart")->text();
    }

private Q_SLOTS:
    void initTestCase()
    {
        mstest::isolateSettings("tst_language");
        LanguageManager::instance().setLanguage("en");
    }

    void switchesWithoutRestart()
    {
        MainWindow window;
        window.show();
        QCOMPARE(fileMenu(window), QString("&File"));
        QCOMPARE(window.logDock()->windowTitle(), QString("Log"));
        QCOMPARE(previewButton(window), QString("Preview"));
        QCOMPARE(batchSizeLabel(window), QString("Batch size:"));

        // Through the menu, as a user would.
        QAction* german = window.findChild<QAction*>("language_de");
        QVERIFY(german);
        german->trigger();
        QTRY_COMPARE(fileMenu(window), QString("&Datei"));
        QTRY_COMPARE(window.logDock()->windowTitle(), QString("Protokoll"));
        QTRY_COMPARE(previewButton(window), QString("Vorschau"));
        QTRY_COMPARE(startButton(window), QString("Starten"));
        QTRY_COMPARE(batchSizeLabel(window), QString::fromUtf8("Batchgröße:"));
        QVERIFY(german->isChecked());
        QCOMPARE(ms::ui::AppSettings::language(), QString("de"));

        QVERIFY(LanguageManager::instance().setLanguage("zh_CN"));
        QTRY_COMPARE(fileMenu(window), QString::fromUtf8("文件(&F)"));
        QTRY_COMPARE(previewButton(window), QString::fromUtf8("预览"));
        QTRY_COMPARE(window.mattingDock()->windowTitle(), QString::fromUtf8("抠图"));
        QTRY_COMPARE(batchSizeLabel(window), QString::fromUtf8("批大小："));

        QVERIFY(LanguageManager::instance().setLanguage("en"));
        QTRY_COMPARE(fileMenu(window), QString("&File"));
        QTRY_COMPARE(previewButton(window), QString("Preview"));
        QVERIFY(!LanguageManager::instance().setLanguage("xx"));
        QCOMPARE(LanguageManager::instance().current(), QString("en"));
    }

    void newWindowsStartInTheCurrentLanguage()
    {
        QVERIFY(LanguageManager::instance().setLanguage("de"));
        MainWindow window;
        QCOMPARE(fileMenu(window), QString("&Datei"));
        QVERIFY(LanguageManager::instance().setLanguage("en"));
    }
};

#include "TestRegistry.h"
MS_TEST_CLASS(TestLanguage)
#include "tst_language.moc"
