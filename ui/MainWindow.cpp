#include "ui/MainWindow.h"

#include "ui/AppIcon.h"
#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/BackgroundJob.h"
#include "ui/CheckpointBrowser.h"
#include "ui/ErrorReporter.h"
#include "ui/LanguageManager.h"
#include "ui/LivePanel.h"
#include "ui/LogPanel.h"
#include "ui/MattingPanel.h"
#include "ui/NewProjectDialog.h"
#include "ui/TrainingPanel.h"
#include "ui/WelcomePage.h"
#include "worker/DemoProject.h"
#include "worker/DeviceInfo.h"
#include "worker/ValueTypes.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSpinBox>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace ms {
namespace ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_demoFolder(AppSettings::demoProjectFolder())
{
    setObjectName("mainWindow");
    setWindowIcon(appIcon());
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    setTabPosition(Qt::AllDockWidgetAreas, QTabWidget::North);
    createActions();
    createMenus();
    createToolBar();
    createDocks();
    m_statusProject = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusProject);

    m_welcome = new WelcomePage(this);
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::newProjectDialog);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(m_welcome, &WelcomePage::demoProjectRequested, this, &MainWindow::openDemoProject);
    connect(m_welcome, &WelcomePage::recentProjectRequested, this, [this](const QString& f) { openProject(f); });
    setWelcomeVisible(true);

    const QByteArray geometry = AppSettings::windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: a generous window, but never larger than the screen (laptops: 1366x768).
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1500, 950);
        resize(std::min(1500, available.width() * 95 / 100), std::min(950, available.height() * 9 / 10));
    }
    retranslateUi();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Closed without a close event (e.g. by its owner): keep the panels' settings all the same.
    if (m_project) {
        m_matting->storeState();
        m_live->storeState();
        m_training->storeState();
        saveProject();
    }
}

void MainWindow::createActions()
{
    m_newAction = new QAction(style()->standardIcon(QStyle::SP_FileDialogNewFolder), QString(), this);
    m_newAction->setShortcut(QKeySequence::New);
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newProjectDialog);
    m_openAction = new QAction(style()->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::openProjectDialog);
    m_demoAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    m_demoAction->setObjectName("demoAction");
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::openDemoProject);
    m_openCheckpointAction = new QAction(style()->standardIcon(QStyle::SP_FileIcon), QString(), this);
    connect(m_openCheckpointAction, &QAction::triggered, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Open a checkpoint"), QString(),
                                         tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
        if (file.isEmpty())
            return;
        showPanel(m_checkpointDock);
        m_checkpoints->openCheckpointFile(file);
    });
    m_closeAction = new QAction(QString(), this);
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeProject);
    m_quitAction = new QAction(QString(), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    m_aboutAction = new QAction(QString(), this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About MatteStudio"),
                           tr("<h3>MatteStudio %1</h3><p>Training and inference for BackgroundMattingV2 "
                              "networks (MattingBase, MattingRefine; ResNet-50, ResNet-101, MobileNetV2), "
                              "with checkpoints that move freely between MatteStudio and the Python "
                              "reference.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    m_languages = new QActionGroup(this);
    for (const QString& code : LanguageManager::available()) {
        auto* a = new QAction(LanguageManager::nativeName(code), m_languages);
        a->setCheckable(true);
        a->setData(code);
        a->setObjectName("language_" + code);
        a->setChecked(code == LanguageManager::instance().current());
    }
    connect(m_languages, &QActionGroup::triggered, this, [](QAction* a) {
        LanguageManager::instance().setLanguage(a->data().toString());
        AppSettings::setLanguage(a->data().toString());
    });
    connect(&LanguageManager::instance(), &LanguageManager::languageChanged, this, [this](const QString& code) {
        for (QAction* a : m_languages->actions())
            a->setChecked(a->data().toString() == code);
    });
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_newAction);
    m_fileMenu->addAction(m_openAction);
    m_recentMenu = m_fileMenu->addMenu(QString());
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    m_fileMenu->addAction(m_demoAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openCheckpointAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_closeAction);
    m_fileMenu->addAction(m_quitAction);
    m_viewMenu = menuBar()->addMenu(QString());
    m_settingsMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_settingsMenu->addMenu(QString());
    m_languageMenu->addActions(m_languages->actions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_aboutAction);
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName("mainToolBar");
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_newAction);
    m_toolBar->addAction(m_openAction);
    m_toolBar->addAction(m_demoAction);
    m_toolBar->addSeparator();
    m_deviceLabel = new QLabel(this);
    m_device = new QComboBox(this);
    m_device->setObjectName("deviceBox");
    for (const QString& d : availableDevices())
        m_device->addItem(d, d);
    const int saved = m_device->findData(AppSettings::device());
    m_device->setCurrentIndex(saved < 0 ? 0 : saved);
    connect(m_device, &QComboBox::currentIndexChanged, this,
            [this] { AppSettings::setDevice(m_device->currentData().toString()); });
    m_threadsLabel = new QLabel(this);
    m_threads = new QSpinBox(this);
    m_threads->setObjectName("threadsBox");
    m_threads->setRange(0, 4 * hardwareThreads());
    m_threads->setValue(AppSettings::threads());
    applyThreadCount(AppSettings::threads());
    connect(m_threads, &QSpinBox::valueChanged, this, [](int n) {
        AppSettings::setThreads(n);
        applyThreadCount(n);
    });
    auto spacer = [this] {
        auto* s = new QWidget(this);
        s->setFixedWidth(6);
        return s;
    };
    m_toolBar->addWidget(m_deviceLabel);
    m_toolBar->addWidget(spacer());
    m_toolBar->addWidget(m_device);
    m_toolBar->addWidget(spacer());
    m_toolBar->addWidget(m_threadsLabel);
    m_toolBar->addWidget(spacer());
    m_toolBar->addWidget(m_threads);
}

QDockWidget* MainWindow::makeDock(const QString& objectName, QWidget* panel, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createDocks()
{
    m_logPanel = new LogPanel(this);
    m_training = new TrainingPanel(this);
    m_trainingDock = makeDock("trainingDock", m_training, Qt::LeftDockWidgetArea);
    m_matting = new MattingPanel(this);
    m_mattingDock = makeDock("mattingDock", m_matting, Qt::LeftDockWidgetArea);
    tabifyDockWidget(m_trainingDock, m_mattingDock);
    m_live = new LivePanel(this);
    m_liveDock = makeDock("liveDock", m_live, Qt::LeftDockWidgetArea);
    tabifyDockWidget(m_mattingDock, m_liveDock);
    m_checkpoints = new CheckpointBrowser(this);
    m_checkpointDock = makeDock("checkpointDock", m_checkpoints, Qt::RightDockWidgetArea);
    connect(m_checkpoints, &CheckpointBrowser::projectEdited, this, &MainWindow::saveProject);
    // "Matte" loads the checkpoint and previews the selected image (or the first) at once; what is
    // missing for that (no images yet) shows in the panel.
    connect(m_checkpoints, &CheckpointBrowser::matteRequested, this, [this](const QString& path) {
        m_matting->setCheckpoint(path);
        m_matting->setCompareCheckpoint({});
        showPanel(m_mattingDock);
        m_matting->previewWhenReady();
    });
    connect(m_checkpoints, &CheckpointBrowser::resumeRequested, this, [this](const QString& path) {
        showPanel(m_trainingDock);
        m_training->resumeFrom(path);
    });
    connect(m_training, &TrainingPanel::checkpointSaved, m_checkpoints, &CheckpointBrowser::refresh);
    // The demo project ends in a matte: when its run completes, the last checkpoint previews a sample.
    connect(m_training, &TrainingPanel::runStarted, this, [this] { m_lastRunCheckpoint.clear(); });
    connect(m_training, &TrainingPanel::checkpointSaved, this, [this](const QString& path) {
        if (QFileInfo(path).fileName() != "best.pth")
            m_lastRunCheckpoint = path;
    });
    connect(m_training, &TrainingPanel::runFinished, this, [this](TrainingWorker::RunEnd end, const QString&) {
        const bool demo = m_project && QFileInfo(m_project->root()).canonicalFilePath() ==
                                           QFileInfo(m_demoFolder).canonicalFilePath();
        if (end != TrainingWorker::RunEnd::Completed || !demo || m_lastRunCheckpoint.isEmpty())
            return;
        m_matting->setCheckpoint(m_lastRunCheckpoint);
        m_matting->setCompareCheckpoint({});
        showPanel(m_mattingDock);
        m_matting->previewWhenReady();
    });
    // A run's settings are the project's from then on.
    connect(m_training, &TrainingPanel::runStarted, this, &MainWindow::saveProject);
    connect(m_checkpoints, &CheckpointBrowser::compareRequested, this, [this](const QString& a, const QString& b) {
        m_matting->setCheckpoint(a);
        m_matting->setCompareCheckpoint(b);
        showPanel(m_mattingDock);
        m_matting->previewWhenReady();
    });
    m_logDock = makeDock("logDock", m_logPanel, Qt::BottomDockWidgetArea);
    resizeDocks({m_trainingDock, m_checkpointDock}, {1000, 480}, Qt::Horizontal);
    resizeDocks({m_logDock}, {150}, Qt::Vertical);
    m_trainingDock->raise();
    connect(m_logPanel, &LogPanel::problemLogged, this, [this](AppLog::Level level) {
        if (level == AppLog::Error && m_project)
            showPanel(m_logDock);
    });
}

void MainWindow::showPanel(QDockWidget* dock)
{
    dock->show();
    dock->raise();
}

void MainWindow::setWelcomeVisible(bool visible)
{
    // Without a project the welcome page fills the window; with one, the panels do.
    for (QDockWidget* d : {m_trainingDock, m_mattingDock, m_liveDock, m_checkpointDock, m_logDock})
        d->setVisible(!visible || d == m_logDock);
    if (visible && centralWidget() != m_welcome) {
        setCentralWidget(m_welcome);
        m_welcome->refreshRecent();
        m_welcome->show();
    } else if (!visible && centralWidget() == m_welcome) {
        takeCentralWidget()->hide();
        m_welcome->setParent(this);
    }
    m_closeAction->setEnabled(!visible);
}

bool MainWindow::openProject(const QString& folder)
{
    std::unique_ptr<Project> project;
    try {
        project = std::make_unique<Project>(Project::open(folder));
    } catch (const Error& e) {
        ErrorReporter::error(this, tr("Cannot open the project"),
                             tr("The project in %1 could not be opened.").arg(QDir::toNativeSeparators(folder)),
                             QString::fromStdString(e.what()));
        AppSettings::removeRecentProject(folder);
        m_welcome->refreshRecent();
        return false;  // a project already open stays open, but it is not the one asked for
    }
    if (m_project && !confirmStopWork())
        return false;
    if (m_project)
        closeProject();
    m_project = std::move(project);
    applyProject();
    return true;
}

bool MainWindow::createProject(const QString& folder, const QString& name, const QString& dataset)
{
    try {
        Project project = Project::create(folder, name);
        if (!dataset.isEmpty()) {
            project.setDatasetPath(dataset);
            QJsonObject training = project.training();
            training["dataset"] = project.datasetPath();
            training["model_name"] = project.name();
            project.setTraining(training);
            project.save();
        }
    } catch (const Error& e) {
        ErrorReporter::error(this, tr("Cannot create the project"),
                             tr("No project could be created in %1.").arg(QDir::toNativeSeparators(folder)),
                             QString::fromStdString(e.what()));
        return false;
    }
    return openProject(folder);
}

void MainWindow::openDemoProject()
{
    if (m_demoBusy)
        return;
    m_demoBusy = true;
    m_demoAction->setEnabled(false);
    const QString folder = m_demoFolder;
    const QString busy = tr("Preparing the demo project (synthetic dataset, sample images)…");
    m_welcome->setBusy(true, busy);
    statusBar()->showMessage(busy);
    AppLog::info(tr("Preparing the demo project in %1").arg(QDir::toNativeSeparators(folder)));
    // The data takes seconds to write: never on the GUI thread.
    runInBackground<DemoProjectData>(
        this, [folder] { return writeDemoProjectData(folder); },
        [this, folder](const DemoProjectData& demo, const QString& writeError) {
            m_demoBusy = false;
            m_demoAction->setEnabled(true);
            m_welcome->setBusy(false);
            statusBar()->clearMessage();
            QString error = writeError;
            if (error.isEmpty()) {
                try {
                    // The live view plays the demo's clip as its camera (also in demo projects made
                    // before the live view existed).
                    QJsonObject live;
                    live["source"] = "file";
                    live["file"] = demo.clip;
                    live["checkpoint"] = demo.checkpoint;
                    live["record_dir"] = QDir(folder).filePath("output/live");
                    if (!Project::isProjectFolder(folder)) {
                        Project project = Project::create(folder, tr("Demo"));
                        project.setDatasetPath(demo.dataset);
                        project.setTraining(demoTrainingSettings(demo.dataset));
                        QJsonObject matting;
                        matting["sources"] = demo.sources;
                        matting["backgrounds"] = demo.backgrounds;
                        matting["checkpoint"] = demo.checkpoint;
                        project.setMatting(matting);
                        project.setLive(live);
                        project.save();
                    } else if (Project project = Project::open(folder); project.live().isEmpty()) {
                        project.setLive(live);
                        project.save();
                    }
                } catch (const Error& e) {
                    error = QString::fromStdString(e.what());
                }
            }
            if (!error.isEmpty()) {
                ErrorReporter::error(
                    this, tr("Cannot prepare the demo project"),
                    tr("The demo project could not be written to %1.").arg(QDir::toNativeSeparators(folder)), error);
                Q_EMIT demoProjectFailed(error);
                return;
            }
            openProject(folder);
        });
}

void MainWindow::fitDocksToScreen()
{
    // Showing the docks can grow the window past a small screen (QMainWindow makes room for their
    // preferred sizes): bring it back, with training and checkpoints as tabs if both cannot fit.
    if (!screen())
        return;
    const QRect available = screen()->availableGeometry();
    if (minimumSizeHint().width() > available.width() &&
        !tabifiedDockWidgets(m_trainingDock).contains(m_checkpointDock)) {
        tabifyDockWidget(m_trainingDock, m_checkpointDock);
        m_trainingDock->raise();
    }
    if (width() > available.width() || height() > available.height())
        resize(std::min(width(), available.width()), std::min(height(), available.height()));
}

void MainWindow::applyProject()
{
    AppSettings::addRecentProject(m_project->root());
    AppSettings::setLastProject(m_project->root());
    setWelcomeVisible(false);
    const QByteArray state = AppSettings::windowState();
    if (state.isEmpty() || !restoreState(state)) {
        // First start: the work panels get most of the width; once the panels have their real
        // sizes, a screen too narrow for training and checkpoints side by side gets them as tabs.
        resizeDocks({m_trainingDock, m_checkpointDock}, {width() * 62 / 100, width() * 38 / 100}, Qt::Horizontal);
        QTimer::singleShot(0, this, &MainWindow::fitDocksToScreen);
    }
    updateTitle();
    m_checkpoints->setProject(m_project.get());
    m_matting->setProject(m_project.get());
    m_live->setProject(m_project.get());
    m_training->setProject(m_project.get());
    AppLog::info(tr("Opened project %1 (%2)").arg(m_project->name(), QDir::toNativeSeparators(m_project->root())));
    Q_EMIT projectOpened(m_project->root());
}

void MainWindow::saveProject()
{
    if (!m_project)
        return;
    try {
        m_project->save();
    } catch (const Error& e) {
        ErrorReporter::error(this, tr("Cannot save the project"), tr("The project settings could not be saved."),
                             QString::fromStdString(e.what()));
    }
}

bool MainWindow::confirmStopWork()
{
    if (!m_training->isRunning())
        return true;
    if (!ErrorReporter::confirm(this, tr("Training is running"),
                                tr("Stop the training run? It saves a checkpoint first, so it can be resumed later."),
                                tr("Stop training")))
        return false;
    m_training->stop();
    if (!m_training->waitUntilStopped(120000)) {
        ErrorReporter::error(this, tr("Training did not stop"),
                             tr("The training run did not stop in time; try again."));
        return false;
    }
    return true;
}

void MainWindow::closeProject()
{
    if (!m_project || !confirmStopWork())
        return;
    AppSettings::setWindowLayout(saveGeometry(), saveState());
    m_matting->storeState();
    m_live->storeState();
    m_training->storeState();
    saveProject();
    m_checkpoints->setProject(nullptr);
    m_training->setProject(nullptr);
    m_matting->setProject(nullptr);
    m_live->setProject(nullptr);
    m_project.reset();
    setWelcomeVisible(true);
    updateTitle();
    Q_EMIT projectClosed();
}

void MainWindow::newProjectDialog()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        createProject(dialog.folder(), dialog.name(), dialog.dataset());
}

void MainWindow::openProjectDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open project folder"), m_project ? QFileInfo(m_project->root()).path() : QString());
    if (!folder.isEmpty())
        openProject(folder);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings::recentProjects();
    for (const QString& folder : recent) {
        QAction* a = m_recentMenu->addAction(QDir::toNativeSeparators(folder));
        connect(a, &QAction::triggered, this, [this, folder] { openProject(folder); });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_project ? tr("%1 — MatteStudio").arg(m_project->name()) : tr("MatteStudio"));
    m_statusProject->setText(m_project ? QDir::toNativeSeparators(m_project->root()) : tr("No project open"));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Recent projects"));
    m_viewMenu->setTitle(tr("&View"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_languageMenu->setTitle(tr("Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_newAction->setText(tr("New project…"));
    m_openAction->setText(tr("Open project…"));
    m_demoAction->setText(tr("Demo project"));
    m_demoAction->setToolTip(tr("Open the built-in demo project (synthetic dataset)"));
    m_openCheckpointAction->setText(tr("Open checkpoint file…"));
    m_closeAction->setText(tr("Close project"));
    m_quitAction->setText(tr("Quit"));
    m_aboutAction->setText(tr("About MatteStudio"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_deviceLabel->setText(tr("Device:"));
    m_device->setToolTip(tr("Where training and matting run"));
    m_device->setItemText(0, tr("CPU"));
    m_threadsLabel->setText(tr("Threads:"));
    m_threads->setSpecialValueText(tr("all cores"));
    m_threads->setToolTip(tr("Compute threads for the network (0: every core)"));
    m_trainingDock->setWindowTitle(tr("Training"));
    m_mattingDock->setWindowTitle(tr("Matting"));
    m_liveDock->setWindowTitle(tr("Live"));
    m_checkpointDock->setWindowTitle(tr("Checkpoints"));
    m_logDock->setWindowTitle(tr("Log"));
    updateTitle();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmStopWork()) {
        event->ignore();
        return;
    }
    if (m_project) {
        AppSettings::setWindowLayout(saveGeometry(), saveState());
        m_matting->storeState();
        m_live->storeState();
        m_training->storeState();
    }
    saveProject();
    event->accept();
}

}  // namespace ui
}  // namespace ms
