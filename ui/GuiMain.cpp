#include "ui/GuiMain.h"

#include "ui/AppIcon.h"
#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/LanguageManager.h"
#include "ui/MainWindow.h"
#include "ui/ScreenshotTour.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QTimer>

namespace ms {
namespace ui {

int guiMain(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName("MatteStudio");
    QApplication::setApplicationName("MatteStudio");
    QApplication::setApplicationDisplayName("MatteStudio");
    QApplication::setApplicationVersion(MATTESTUDIO_VERSION);
    QApplication::setDesktopFileName("io.github.mattestudio.MatteStudio");
    QApplication::setWindowIcon(appIcon());
    AppLog::installQtMessageHandler();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "GuiMain", "MatteStudio desktop application. Use 'mattestudio --batch --help' for the command line."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("project", QApplication::translate("GuiMain", "Project folder to open."), "[project]");
    const QCommandLineOption demo("demo", QApplication::translate("GuiMain", "Open the built-in demo project."));
    const QCommandLineOption demoDir("demo-dir",
                                     QApplication::translate("GuiMain", "Folder for the demo project."), "dir");
    const QCommandLineOption language("language", QApplication::translate("GuiMain", "Interface language: en, de, zh_CN."),
                                      "code");
    // Hidden: renders each panel of the demo project into DIR (README screenshots).
    QCommandLineOption screenshot("screenshot", "Write panel screenshots to DIR and quit.", "dir");
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    for (const auto& o : {demo, demoDir, language, screenshot})
        parser.addOption(o);
    parser.process(app);

    QString code = parser.isSet(language) ? parser.value(language) : AppSettings::language();
    if (code.isEmpty())
        code = LanguageManager::systemDefault();
    LanguageManager::instance().setLanguage(code);

    MainWindow window;
    if (parser.isSet(demoDir))
        window.setDemoProjectFolder(QFileInfo(parser.value(demoDir)).absoluteFilePath());
    if (parser.isSet(screenshot)) {
        auto* tour = new ScreenshotTour(&window, parser.value(screenshot), &window);
        QObject::connect(tour, &ScreenshotTour::done, &app, [](int code) { QCoreApplication::exit(code); });
        window.show();
        QTimer::singleShot(0, tour, &ScreenshotTour::start);
        const int exitCode = app.exec();
        AppLog::removeQtMessageHandler();  // the windows go next; their shutdown warnings go to stderr
        return exitCode;
    }
    window.show();
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(demo))
        window.openDemoProject();
    else if (!positional.isEmpty())
        window.openProject(positional.first());
    else if (const QString last = AppSettings::lastProject(); !last.isEmpty() && QFileInfo(last).isDir())
        window.openProject(last);
    const int exitCode = app.exec();
    AppLog::removeQtMessageHandler();
    return exitCode;
}

} // namespace ui
} // namespace ms
