#pragma once
// Lists every checkpoint of the project (and of folders or files the user adds), grouped by model
// name, sortable and filterable, the best of each group marked; follows the folders while training
// writes into them. Actions: matte with, resume from, compare, load report, convert, reveal, delete.
#include "worker/CheckpointCatalog.h"

#include <QList>
#include <QThread>
#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTextBrowser;
class QTimer;
class QToolButton;
class QTreeView;

namespace ms {
class CheckpointWorker;
}

namespace ms {
namespace ui {

class Project;

class CheckpointBrowser : public QWidget {
    Q_OBJECT
public:
    explicit CheckpointBrowser(QWidget* parent = nullptr);
    ~CheckpointBrowser() override;

    void setProject(Project* project);  // nullptr: none
    void refresh();

    const QList<CheckpointEntry>& entries() const { return m_entries; }
    // The entry of a listed path, or nullptr.
    const CheckpointEntry* entry(const QString& path) const;
    QStringList selectedPaths() const;
    void selectPaths(const QStringList& paths);
    // The lowest validation loss per model name: "best" marks.
    QStringList bestPaths() const;
    QTreeView* view() const { return m_view; }
    void setFilterText(const QString& text);
    int visibleCheckpointCount() const;

    // Adds a single file to the list and tells what it is (also for files outside the project).
    void openCheckpointFile(const QString& path);
    void addFolder(const QString& folder);

    // The actions on the selection (also the buttons and context menu).
    void matteSelected();
    void resumeSelected();
    void compareSelected();
    void showLoadReport();
    void convertSelected(const QString& target = {});  // empty: ask for a file name
    void revealSelected();
    void deleteSelected();

Q_SIGNALS:
    void scanFinished();
    void matteRequested(const QString& checkpoint);
    void resumeRequested(const QString& checkpoint);
    void compareRequested(const QString& first, const QString& second);
    void loadReportShown(const QString& path, const QString& report);
    void fileDescribed(const ms::CheckpointEntry& entry);
    void converted(const QString& out);
    void projectEdited();  // folders added: the project file should be saved

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void buildModel();
    void updateDetails();
    void updateActions();
    void updateWatcher();
    void scheduleScan();
    void showContextMenu(const QPoint& pos);
    void onScanned(const QList<CheckpointEntry>& entries);
    void onFailed(const QString& action, const QString& path, const QString& message);
    QString describe(const CheckpointEntry& e) const;
    QString typeName(const CheckpointEntry& e) const;

    Project* m_project = nullptr;
    QStringList m_extraFiles;
    QList<CheckpointEntry> m_entries;
    QStringList m_pendingSelection;
    QString m_pendingDescribe;

    QThread m_thread;
    CheckpointWorker* m_worker;
    QFileSystemWatcher* m_watcher;
    QTimer* m_rescan;
    bool m_scanning = false, m_scanAgain = false;

    QLineEdit* m_filter;
    QToolButton* m_addFolder;
    QToolButton* m_openFile;
    QToolButton* m_refresh;
    QTreeView* m_view;
    QStandardItemModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTextBrowser* m_details;
    QLabel* m_status;
    QToolButton* m_matte;
    QToolButton* m_resume;
    QToolButton* m_compare;
    QToolButton* m_report;
    QToolButton* m_more;
    QMenu* m_moreMenu;
    QAction* m_toPth;
    QAction* m_toSafetensors;
    QAction* m_reveal;
    QAction* m_delete;
};

}  // namespace ui
}  // namespace ms
