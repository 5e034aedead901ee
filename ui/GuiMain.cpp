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

#include <cstdio>
#include <optional>

namespace ms {
namespace ui {

namespace {

// The desktop application's options. They are parsed before any window system is touched, so
// --help, --version and a bad option work without a display.
struct GuiOptions {
    QCommandLineOption demo{"demo", QCoreApplication::translate("GuiMain", "Open the built-in demo project.")};
    QCommandLineOption demoDir{"demo-dir", QCoreApplication::translate("GuiMain", "Folder for the demo project."),
                               "dir"};
    QCommandLineOption language{"language",
                                QCoreApplication::translate("GuiMain", "Interface language: en, de, zh_CN."), "code"};
    // Hidden: renders each panel of the demo project into DIR (README screenshots).
    QCommandLineOption screenshot{"screenshot", "Write panel screenshots to DIR and quit.", "dir"};

    // Exits the process for --help, --version and option errors, as QCommandLineParser does.
    void parse(QCommandLineParser& parser, const QCoreApplication& app)
    {
        parser.setApplicationDescription(QCoreApplication::translate(
            "GuiMain", "MatteStudio desktop application. Use 'mattestudio --batch --help' for the command line."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument("project", QCoreApplication::translate("GuiMain", "Project folder to open."),
                                     "[project]");
        screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
        for (const auto& o : {demo, demoDir, language, screenshot})
            parser.addOption(o);
        parser.process(app);
    }
};

void describeApplication()
{
    QCoreApplication::setOrganizationName("MatteStudio");
    QCoreApplication::setApplicationName("MatteStudio");
    QCoreApplication::setApplicationVersion(MATTESTUDIO_VERSION);
}

}  // namespace

std::optional<QString> missingDisplayReason(const QString& platform, const QString& x11Display,
                                            const QString& waylandDisplay)
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    // xcb and wayland (Qt's choice when nothing is set) need a display server; offscreen, vnc,
    // eglfs, linuxfb and the like do not.
    const QString name = platform.section(':', 0, 0);
    const bool needsServer = name.isEmpty() || name.startsWith("xcb") || name.startsWith("wayland");
    if (needsServer && x11Display.isEmpty() && waylandDisplay.isEmpty())
        return QStringLiteral("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); "
                              "use 'mattestudio --batch --help' for the command line, or set "
                              "QT_QPA_PLATFORM=offscreen");
#else
    Q_UNUSED(platform);
    Q_UNUSED(x11Display);
    Q_UNUSED(waylandDisplay);
#endif
    return std::nullopt;
}

int guiMain(int argc, char** argv)
{
    GuiOptions options;
    QStringList positional;
    QString languageCode, demoFolder, screenshotDir;
    bool openDemo = false;
    {
        QCoreApplication parsing(argc, argv);
        describeApplication();
        QCommandLineParser parser;
        options.parse(parser, parsing);
        positional = parser.positionalArguments();
        languageCode = parser.value(options.language);
        demoFolder =
            parser.isSet(options.demoDir) ? QFileInfo(parser.value(options.demoDir)).absoluteFilePath() : QString();
        screenshotDir = parser.value(options.screenshot);
        openDemo = parser.isSet(options.demo);
    }
    if (const auto reason =
            missingDisplayReason(qEnvironmentVariable("QT_QPA_PLATFORM"), qEnvironmentVariable("DISPLAY"),
                                 qEnvironmentVariable("WAYLAND_DISPLAY"))) {
        std::fprintf(stderr, "mattestudio: %s\n", qPrintable(*reason));
        return 2;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName("MatteStudio");
    QApplication::setDesktopFileName("io.github.mattestudio.MatteStudio");
    QApplication::setWindowIcon(appIcon());
    AppLog::installQtMessageHandler();

    QString code = !languageCode.isEmpty() ? languageCode : AppSettings::language();
    if (code.isEmpty())
        code = LanguageManager::systemDefault();
    LanguageManager::instance().setLanguage(code);

    MainWindow window;
    if (!demoFolder.isEmpty())
        window.setDemoProjectFolder(demoFolder);
    if (!screenshotDir.isEmpty()) {
        auto* tour = new ScreenshotTour(&window, screenshotDir, &window);
        QObject::connect(tour, &ScreenshotTour::done, &app, [](int exitCode) { QCoreApplication::exit(exitCode); });
        window.show();
        QTimer::singleShot(0, tour, &ScreenshotTour::start);
        const int exitCode = app.exec();
        AppLog::removeQtMessageHandler();  // the windows go next; their shutdown warnings go to stderr
        return exitCode;
    }
    window.show();
    if (openDemo)
        window.openDemoProject();
    else if (!positional.isEmpty())
        window.openProject(positional.first());
    else if (const QString last = AppSettings::lastProject(); !last.isEmpty() && QFileInfo(last).isDir())
        window.openProject(last);
    const int exitCode = app.exec();
    AppLog::removeQtMessageHandler();
    return exitCode;
}

}  // namespace ui
}  // namespace ms
