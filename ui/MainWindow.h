#pragma once
// The desktop application's window: a project with dockable Training, Checkpoints and Matting
// panels and a log panel; device, threads and language are chosen here and kept in QSettings.
#include "ui/Project.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSpinBox;
class QToolBar;

namespace ms {
namespace ui {

class CheckpointBrowser;
class LogPanel;
class LivePanel;
class MattingPanel;
class TrainingPanel;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Each reports problems through ErrorReporter and returns whether the project asked for is the
    // open one afterwards (false when it failed or the user kept running work; the open project stays).
    bool openProject(const QString& folder);
    bool createProject(const QString& folder, const QString& name, const QString& dataset = {});
    // Creates (the first time) and opens the built-in demo project; asynchronous: projectOpened follows.
    void openDemoProject();
    void setDemoProjectFolder(const QString& folder) { m_demoFolder = folder; }
    void closeProject();

    const Project* project() const { return m_project.get(); }
    void saveProject();

    QDockWidget* trainingDock() const { return m_trainingDock; }
    QDockWidget* checkpointDock() const { return m_checkpointDock; }
    QDockWidget* mattingDock() const { return m_mattingDock; }
    QDockWidget* liveDock() const { return m_liveDock; }
    QDockWidget* logDock() const { return m_logDock; }
    LogPanel* logPanel() const { return m_logPanel; }
    CheckpointBrowser* checkpointBrowser() const { return m_checkpoints; }
    MattingPanel* mattingPanel() const { return m_matting; }
    LivePanel* livePanel() const { return m_live; }
    TrainingPanel* trainingPanel() const { return m_training; }
    WelcomePage* welcomePage() const { return m_welcome; }
    QComboBox* deviceBox() const { return m_device; }
    QSpinBox* threadsBox() const { return m_threads; }
    // Shows and raises a panel's dock.
    void showPanel(QDockWidget* dock);

Q_SIGNALS:
    void projectOpened(const QString& root);
    void projectClosed();
    void demoProjectFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createDocks();
    void retranslateUi();
    void rebuildRecentMenu();
    void newProjectDialog();
    void openProjectDialog();
    void applyProject();
    void fitDocksToScreen();  // tabs instead of side by side on a narrow screen
    void setWelcomeVisible(bool visible);
    void updateTitle();
    bool confirmStopWork();
    QDockWidget* makeDock(const QString& objectName, QWidget* panel, Qt::DockWidgetArea area);

    std::unique_ptr<Project> m_project;
    QString m_demoFolder;
    QString m_lastRunCheckpoint;  // the newest checkpoint (not best.pth) of the current run
    bool m_demoBusy = false;

    WelcomePage* m_welcome = nullptr;
    LogPanel* m_logPanel = nullptr;
    CheckpointBrowser* m_checkpoints = nullptr;
    MattingPanel* m_matting = nullptr;
    LivePanel* m_live = nullptr;
    TrainingPanel* m_training = nullptr;
    QDockWidget* m_trainingDock = nullptr;
    QDockWidget* m_checkpointDock = nullptr;
    QDockWidget* m_mattingDock = nullptr;
    QDockWidget* m_liveDock = nullptr;
    QDockWidget* m_logDock = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QToolBar* m_toolBar = nullptr;
    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_demoAction = nullptr;
    QAction* m_openCheckpointAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QActionGroup* m_languages = nullptr;
    QLabel* m_deviceLabel = nullptr;
    QComboBox* m_device = nullptr;
    QLabel* m_threadsLabel = nullptr;
    QSpinBox* m_threads = nullptr;
    QLabel* m_statusProject = nullptr;
};

}  // namespace ui
}  // namespace ms
