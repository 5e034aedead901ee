#include "ui/CheckpointBrowser.h"

#include "ui/AppLog.h"
#include "ui/ErrorReporter.h"
#include "ui/Project.h"
#include "ui/TextDialog.h"
#include "worker/CheckpointWorker.h"

#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStyle>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace ms {
namespace ui {
namespace {

enum Column { ColName, ColEpoch, ColStep, ColValid, ColTrain, ColType, ColBackbone, ColSize, ColDate, ColCount };
constexpr int PathRole = Qt::UserRole;
constexpr int SortRole = Qt::UserRole + 1;
constexpr int GroupRole = Qt::UserRole + 2;

QStandardItem* cell(const QString& text, const QVariant& sortKey)
{
    auto* item = new QStandardItem(text);
    item->setData(sortKey, SortRole);
    item->setEditable(false);
    return item;
}

QString number(double v) { return v == v ? QLocale().toString(v, 'g', 5) : QString("–"); }

}  // namespace

CheckpointBrowser::CheckpointBrowser(QWidget* parent)
    : QWidget(parent)
    , m_worker(new CheckpointWorker)
    , m_watcher(new QFileSystemWatcher(this))
    , m_rescan(new QTimer(this))
    , m_filter(new QLineEdit(this))
    , m_addFolder(new QToolButton(this))
    , m_openFile(new QToolButton(this))
    , m_refresh(new QToolButton(this))
    , m_view(new QTreeView(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_matte(new QToolButton(this))
    , m_resume(new QToolButton(this))
    , m_compare(new QToolButton(this))
    , m_report(new QToolButton(this))
    , m_more(new QToolButton(this))
    , m_moreMenu(new QMenu(this))
{
    setObjectName("checkpointBrowser");
    m_view->setObjectName("checkpointView");
    m_matte->setObjectName("checkpointMatte");
    m_filter->setObjectName("checkpointFilter");
    m_filter->setClearButtonEnabled(true);
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_addFolder->setIcon(style()->standardIcon(QStyle::SP_FileDialogNewFolder));
    m_openFile->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    for (QToolButton* b : {m_addFolder, m_openFile, m_refresh})
        b->setAutoRaise(true);
    m_matte->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_resume->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_compare->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    m_report->setIcon(style()->standardIcon(QStyle::SP_FileDialogInfoView));
    for (QToolButton* b : {m_matte, m_resume, m_compare, m_report, m_more})
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toPth = m_moreMenu->addAction(QString(), this, [this] { convertSelected(QStringLiteral(".pth")); });
    m_toSafetensors =
        m_moreMenu->addAction(QString(), this, [this] { convertSelected(QStringLiteral(".safetensors")); });
    m_moreMenu->addSeparator();
    m_reveal = m_moreMenu->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), QString(), this,
                                     &CheckpointBrowser::revealSelected);
    m_delete = m_moreMenu->addAction(style()->standardIcon(QStyle::SP_TrashIcon), QString(), this,
                                     &CheckpointBrowser::deleteSelected);
    m_more->setMenu(m_moreMenu);
    m_more->setPopupMode(QToolButton::InstantPopup);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ColStep, Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(false);
    m_details->setObjectName("checkpointDetails");
    m_details->setOpenLinks(false);
    m_details->setMinimumHeight(90);

    auto* top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_addFolder);
    top->addWidget(m_openFile);
    top->addWidget(m_refresh);
    // Two rows, so the dock stays narrow enough to sit beside the other panels.
    auto* actions = new QGridLayout;
    actions->addWidget(m_matte, 0, 0);
    actions->addWidget(m_resume, 0, 1);
    actions->addWidget(m_compare, 0, 2);
    actions->addWidget(m_report, 1, 0);
    actions->addWidget(m_more, 1, 1);
    actions->setColumnStretch(3, 1);
    for (QToolButton* b : {m_matte, m_resume, m_compare, m_report, m_more})
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);

    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CheckpointWorker::scanned, this, &CheckpointBrowser::onScanned);
    connect(m_worker, &CheckpointWorker::failed, this, &CheckpointBrowser::onFailed);
    connect(m_worker, &CheckpointWorker::inspected, this, [this](const CheckpointEntry& e) {
        if (e.path != m_pendingDescribe)
            return;
        m_pendingDescribe.clear();
        if (!e.problem.isEmpty())
            ErrorReporter::warning(this, tr("Not a usable checkpoint"),
                                   tr("%1 cannot be used for matting or training.").arg(QFileInfo(e.path).fileName()),
                                   e.problem);
        else
            AppLog::info(tr("%1: %2").arg(QFileInfo(e.path).fileName(), describe(e)));
        Q_EMIT fileDescribed(e);
    });
    connect(m_worker, &CheckpointWorker::loadReportReady, this, [this](const QString& path, const QString& report) {
        auto* dialog = new TextDialog(tr("Load report — %1").arg(QFileInfo(path).fileName()), report, this);
        dialog->setObjectName("loadReportDialog");
        dialog->show();
        Q_EMIT loadReportShown(path, report);
    });
    connect(m_worker, &CheckpointWorker::converted, this, [this](const QString& in, const QString& out) {
        AppLog::info(tr("Converted %1 to %2").arg(QDir::toNativeSeparators(in), QDir::toNativeSeparators(out)));
        if (!m_project || !out.startsWith(m_project->checkpointFolder()))
            m_extraFiles << out;
        m_pendingSelection = {out};
        scheduleScan();
        Q_EMIT converted(out);
    });
    m_thread.setObjectName("checkpoint-worker");
    m_thread.start();

    // Training writes several files per checkpoint: wait for the burst to end, then rescan.
    m_rescan->setSingleShot(true);
    m_rescan->setInterval(400);
    connect(m_rescan, &QTimer::timeout, this, &CheckpointBrowser::refresh);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &CheckpointBrowser::scheduleScan);
    connect(m_filter, &QLineEdit::textChanged, this, &CheckpointBrowser::setFilterText);
    connect(m_refresh, &QToolButton::clicked, this, &CheckpointBrowser::refresh);
    connect(m_addFolder, &QToolButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Add a checkpoint folder"));
        if (!folder.isEmpty())
            addFolder(folder);
    });
    connect(m_openFile, &QToolButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Open a checkpoint"), m_project ? m_project->checkpointFolder() : QString(),
            tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
        if (!file.isEmpty())
            openCheckpointFile(file);
    });
    connect(m_matte, &QToolButton::clicked, this, &CheckpointBrowser::matteSelected);
    connect(m_resume, &QToolButton::clicked, this, &CheckpointBrowser::resumeSelected);
    connect(m_compare, &QToolButton::clicked, this, &CheckpointBrowser::compareSelected);
    connect(m_report, &QToolButton::clicked, this, &CheckpointBrowser::showLoadReport);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &CheckpointBrowser::showContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        if (!index.sibling(index.row(), ColName).data(PathRole).toString().isEmpty())
            matteSelected();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        updateActions();
    });
    retranslateUi();
    updateActions();
}

CheckpointBrowser::~CheckpointBrowser()
{
    m_thread.quit();
    m_thread.wait();
}

void CheckpointBrowser::setProject(Project* project)
{
    m_project = project;
    m_extraFiles.clear();
    m_entries.clear();
    buildModel();
    updateWatcher();
    if (m_project)
        refresh();
}

void CheckpointBrowser::refresh()
{
    if (m_scanning) {
        m_scanAgain = true;
        return;
    }
    QStringList folders;
    if (m_project) {
        folders << m_project->checkpointFolder() << m_project->extraCheckpointFolders();
    }
    m_scanning = true;
    const QStringList files = m_extraFiles;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, folders, files] { w->scan(folders, files); }, Qt::QueuedConnection);
}

void CheckpointBrowser::scheduleScan() { m_rescan->start(); }

void CheckpointBrowser::onScanned(const QList<CheckpointEntry>& entries)
{
    m_scanning = false;
    if (m_pendingSelection.isEmpty())
        m_pendingSelection = selectedPaths();
    m_entries = entries;
    buildModel();
    selectPaths(m_pendingSelection);
    m_pendingSelection.clear();
    updateWatcher();
    Q_EMIT scanFinished();
    if (m_scanAgain) {
        m_scanAgain = false;
        refresh();
    }
}

void CheckpointBrowser::onFailed(const QString& action, const QString& path, const QString& message)
{
    const QString name = QFileInfo(path).fileName();
    if (action == "convert")
        ErrorReporter::error(this, tr("Conversion failed"), tr("%1 could not be converted.").arg(name), message);
    else if (action == "load-report")
        ErrorReporter::error(this, tr("Cannot load the checkpoint"), tr("%1 does not load into a network.").arg(name),
                             message);
    else
        ErrorReporter::error(this, tr("Checkpoint problem"), name, message);
}

void CheckpointBrowser::updateWatcher()
{
    // Watch every folder that holds (or will hold) checkpoints, including new model subfolders.
    if (!m_watcher->directories().isEmpty())
        m_watcher->removePaths(m_watcher->directories());
    if (!m_project)
        return;
    QStringList dirs;
    QStringList roots{m_project->checkpointFolder(), m_project->outputRoot()};
    roots << m_project->extraCheckpointFolders();
    for (const QString& root : roots) {
        if (!QFileInfo(root).isDir())
            continue;
        dirs << root;
        if (root == m_project->outputRoot())
            continue;  // only to notice checkpoint/ appearing
        const QDir dir(root);
        for (const QString& sub : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            dirs << dir.filePath(sub);
    }
    dirs.removeDuplicates();
    if (!dirs.isEmpty())
        m_watcher->addPaths(dirs);
}

QString CheckpointBrowser::typeName(const CheckpointEntry& e) const
{
    if (e.torchScript)
        return tr("TorchScript");
    if (e.modelType == "mattingrefine")
        return QStringLiteral("MattingRefine");
    if (e.modelType == "mattingbase")
        return QStringLiteral("MattingBase");
    return tr("unknown");
}

QStringList CheckpointBrowser::bestPaths() const
{
    QMap<QString, const CheckpointEntry*> best;
    for (const CheckpointEntry& e : m_entries)
        if (e.hasValidLoss() && (!best.contains(e.modelName) || e.validLoss < best[e.modelName]->validLoss))
            best[e.modelName] = &e;
    QStringList out;
    for (const CheckpointEntry* e : best)
        out << e->path;
    return out;
}

void CheckpointBrowser::buildModel()
{
    QSet<QString> collapsed;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const QModelIndex source = m_model->index(i, 0);
        if (!m_view->isExpanded(m_proxy->mapFromSource(source)))
            collapsed << source.data(GroupRole).toString();
    }
    m_model->removeRows(0, m_model->rowCount());
    const QStringList best = bestPaths();
    QMap<QString, QStandardItem*> groups;
    const QLocale locale;
    QFont bold = font();
    bold.setBold(true);
    for (const CheckpointEntry& e : m_entries) {
        QStandardItem*& group = groups[e.modelName];
        if (!group) {
            group = cell(e.modelName, e.modelName.toLower());
            group->setData(e.modelName, GroupRole);
            group->setIcon(style()->standardIcon(QStyle::SP_DirIcon));
            group->setFont(bold);
            QList<QStandardItem*> row{group};
            for (int c = 1; c < ColCount; ++c)
                row << cell(QString(), QVariant());
            m_model->appendRow(row);
        }
        const bool isBest = best.contains(e.path);
        auto* name = cell(QFileInfo(e.path).fileName(), QFileInfo(e.path).fileName().toLower());
        name->setData(e.path, PathRole);
        name->setToolTip(QDir::toNativeSeparators(e.path));
        if (!e.problem.isEmpty()) {
            name->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
            name->setToolTip(e.problem);
        } else if (isBest) {
            name->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
            name->setText(name->text() + "  ★");
            name->setToolTip(tr("Best checkpoint of %1 (lowest validation loss)").arg(e.modelName));
        }
        QList<QStandardItem*> row{
            name,
            cell(e.epoch >= 0 ? QString::number(e.epoch) : QString("–"), e.epoch),
            cell(e.step >= 0 ? locale.toString(e.step) : QString("–"), e.step),
            cell(number(e.validLoss), e.hasValidLoss() ? e.validLoss : 1e300),
            cell(number(e.trainLoss), e.trainLoss == e.trainLoss ? e.trainLoss : 1e300),
            cell(typeName(e), e.modelType),
            cell(e.backbone.isEmpty() ? QString("–") : e.backbone, e.backbone),
            cell(locale.formattedDataSize(e.size, 1), e.size),
            cell(locale.toString(e.time, QLocale::ShortFormat), e.time.toMSecsSinceEpoch()),
        };
        if (isBest)
            for (QStandardItem* item : row)
                item->setFont(bold);
        group->appendRow(row);
    }
    for (QStandardItem* group : groups)
        group->setText(QString("%1  (%2)").arg(group->data(GroupRole).toString()).arg(group->rowCount()));
    for (int i = 0; i < m_model->rowCount(); ++i) {
        const QModelIndex source = m_model->index(i, 0);
        m_view->setExpanded(m_proxy->mapFromSource(source), !collapsed.contains(source.data(GroupRole).toString()));
    }
    m_view->header()->resizeSections(QHeaderView::ResizeToContents);
    retranslateUi();
    updateDetails();
    updateActions();
}

const CheckpointEntry* CheckpointBrowser::entry(const QString& path) const
{
    for (const CheckpointEntry& e : m_entries)
        if (e.path == path)
            return &e;
    return nullptr;
}

QStringList CheckpointBrowser::selectedPaths() const
{
    QStringList paths;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows(ColName)) {
        const QString path = index.data(PathRole).toString();
        if (!path.isEmpty())
            paths << path;
    }
    return paths;
}

void CheckpointBrowser::selectPaths(const QStringList& paths)
{
    QItemSelection selection;
    for (int g = 0; g < m_model->rowCount(); ++g) {
        QStandardItem* group = m_model->item(g);
        for (int r = 0; r < group->rowCount(); ++r)
            if (paths.contains(group->child(r)->data(PathRole).toString())) {
                const QModelIndex index = m_proxy->mapFromSource(group->child(r)->index());
                if (index.isValid())
                    selection.select(index, index.siblingAtColumn(ColCount - 1));
            }
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_view->scrollTo(selection.indexes().first());
}

void CheckpointBrowser::setFilterText(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
    m_view->expandAll();
    retranslateUi();
}

int CheckpointBrowser::visibleCheckpointCount() const
{
    int n = 0;
    for (int g = 0; g < m_proxy->rowCount(); ++g)
        n += m_proxy->rowCount(m_proxy->index(g, 0));
    return n;
}

void CheckpointBrowser::openCheckpointFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo(absolute).isFile()) {
        ErrorReporter::error(this, tr("Cannot open the checkpoint"),
                             tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    if (!m_extraFiles.contains(absolute))
        m_extraFiles << absolute;
    m_pendingSelection = {absolute};
    m_pendingDescribe = absolute;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, absolute] { w->inspectWeights(absolute); }, Qt::QueuedConnection);
    refresh();
}

void CheckpointBrowser::addFolder(const QString& folder)
{
    if (!m_project) {
        ErrorReporter::warning(this, tr("No project"), tr("Open or create a project first."));
        return;
    }
    QStringList folders = m_project->extraCheckpointFolders();
    if (!folders.contains(QFileInfo(folder).absoluteFilePath())) {
        folders << QFileInfo(folder).absoluteFilePath();
        m_project->setExtraCheckpointFolders(folders);
        Q_EMIT projectEdited();
    }
    updateWatcher();
    refresh();
}

void CheckpointBrowser::matteSelected()
{
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty())
        Q_EMIT matteRequested(paths.first());
}

void CheckpointBrowser::resumeSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    const CheckpointEntry* e = entry(paths.first());
    if (e && !e->hasSidecar) {
        ErrorReporter::warning(this, tr("Cannot resume from this checkpoint"),
                               tr("Only checkpoints written by a MatteStudio training run (with their .json and "
                                  ".state files beside them) can be resumed exactly. To start a new run from "
                                  "these weights, set them as the training's initial checkpoint."));
        return;
    }
    Q_EMIT resumeRequested(paths.first());
}

void CheckpointBrowser::compareSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 2) {
        ErrorReporter::information(
            this, tr("Compare checkpoints"),
            tr("Select exactly two checkpoints (Ctrl+click) to compare them on the same image."));
        return;
    }
    Q_EMIT compareRequested(paths[0], paths[1]);
}

void CheckpointBrowser::showLoadReport()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    m_status->setText(tr("Reading %1…").arg(QFileInfo(paths.first()).fileName()));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, p = paths.first()] { w->loadReport(p); }, Qt::QueuedConnection);
}

void CheckpointBrowser::convertSelected(const QString& target)
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    const QString in = paths.first();
    const QFileInfo info(in);
    QString out = target;
    if (out.isEmpty() || out.startsWith('.')) {
        const QString suffix = out.isEmpty() ? (info.suffix() == "safetensors" ? ".pth" : ".safetensors") : out;
        QString proposal = info.dir().filePath(info.completeBaseName() + suffix);
        if (proposal == in)
            proposal = info.dir().filePath(info.completeBaseName() + "-standard" + suffix);
        out = QFileDialog::getSaveFileName(this, tr("Convert checkpoint"), proposal,
                                           suffix == ".pth" ? tr("PyTorch checkpoint (*.pth)")
                                                            : tr("safetensors (*.safetensors)"));
        if (out.isEmpty())
            return;
    }
    bool overwrite = false;
    if (QFileInfo::exists(out)) {
        if (!ErrorReporter::confirm(this, tr("Overwrite?"),
                                    tr("%1 exists already. Replace it?").arg(QFileInfo(out).fileName()), tr("Replace")))
            return;
        overwrite = true;
    }
    m_status->setText(tr("Converting %1…").arg(info.fileName()));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, in, out, overwrite] { w->convert(in, out, overwrite); }, Qt::QueuedConnection);
}

void CheckpointBrowser::revealSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    const QString path = QDir::toNativeSeparators(paths.first());
#if defined(Q_OS_WIN)
    QProcess::startDetached("explorer.exe", {"/select,", path});
#elif defined(Q_OS_MACOS)
    QProcess::startDetached("open", {"-R", path});
#else
    QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(paths.first()).absolutePath()));
#endif
}

void CheckpointBrowser::deleteSelected()
{
    const QStringList paths = selectedPaths();
    if (paths.isEmpty())
        return;
    QStringList names;
    for (const QString& p : paths)
        names << QFileInfo(p).fileName();
    if (!ErrorReporter::confirm(
            this, tr("Delete checkpoints"),
            tr("Delete %1 checkpoint file(s) with their training state and metadata? This cannot be "
               "undone.")
                .arg(paths.size()),
            tr("Delete"), names.join('\n')))
        return;
    for (const QString& p : paths) {
        try {
            deleteCheckpoint(p);
            m_extraFiles.removeAll(p);
            AppLog::info(tr("Deleted %1").arg(QDir::toNativeSeparators(p)));
        } catch (const std::exception& e) {
            ErrorReporter::error(this, tr("Cannot delete"), tr("%1 could not be deleted.").arg(QFileInfo(p).fileName()),
                                 QString::fromStdString(e.what()));
        }
    }
    refresh();
}

QString CheckpointBrowser::describe(const CheckpointEntry& e) const
{
    if (e.torchScript)
        return tr("TorchScript archive: usable for matting, not for training");
    if (!e.problem.isEmpty())
        return e.problem;
    QString text = tr("%1 with a %2 backbone").arg(typeName(e), e.backbone);
    if (!e.format.isEmpty())
        text += tr(", %1 format").arg(e.format);
    if (e.tensorCount > 0)
        text += tr(", %1 tensors").arg(e.tensorCount);
    if (e.hasSidecar)
        text += tr(", written by MatteStudio (epoch %1, step %2)").arg(e.epoch).arg(e.step);
    return text;
}

void CheckpointBrowser::updateDetails()
{
    const QStringList paths = selectedPaths();
    const CheckpointEntry* e = paths.isEmpty() ? nullptr : entry(paths.first());
    if (!e) {
        m_details->setHtml(QString("<p style='color:gray'>%1</p>")
                               .arg(m_entries.isEmpty() ? tr("No checkpoints yet. Train a model, or open a .pth / "
                                                             ".safetensors / TorchScript file.")
                                                        : tr("Select a checkpoint to see its details.")));
        return;
    }
    const QLocale locale;
    QString html = QString("<b>%1</b><br><span style='color:gray'>%2</span><br>%3")
                       .arg(QFileInfo(e->path).fileName().toHtmlEscaped(),
                            QDir::toNativeSeparators(e->path).toHtmlEscaped(), describe(*e).toHtmlEscaped());
    html += "<table cellspacing=6>";
    auto row = [&html](const QString& k, const QString& v) {
        if (!v.isEmpty())
            html += QString("<tr><td style='color:gray'>%1</td><td>%2</td></tr>").arg(k, v.toHtmlEscaped());
    };
    if (e->backboneScale > 0)
        row(tr("Backbone scale"), locale.toString(e->backboneScale));
    if (e->hasValidLoss())
        row(tr("Validation loss"), number(e->validLoss));
    if (e->trainLoss == e->trainLoss)
        row(tr("Training loss"), number(e->trainLoss));
    for (auto it = e->metrics.cbegin(); it != e->metrics.cend(); ++it)
        row(it.key().toUpper(), number(it.value().toDouble()));
    row(tr("Size"), locale.formattedDataSize(e->size, 1));
    row(tr("Date"), locale.toString(e->time, QLocale::LongFormat));
    html += "</table>";
    m_details->setHtml(html);
}

void CheckpointBrowser::updateActions()
{
    const QStringList paths = selectedPaths();
    const CheckpointEntry* e = paths.isEmpty() ? nullptr : entry(paths.first());
    const bool usable = e && e->problem.isEmpty();
    m_matte->setEnabled(usable);
    m_resume->setEnabled(usable && !e->torchScript);
    m_compare->setEnabled(paths.size() == 2);
    m_report->setEnabled(e != nullptr);
    m_more->setEnabled(e != nullptr);
    m_toPth->setEnabled(usable && !e->torchScript);
    m_toSafetensors->setEnabled(usable && !e->torchScript);
}

void CheckpointBrowser::showContextMenu(const QPoint& pos)
{
    if (selectedPaths().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(m_matte->icon(), m_matte->text(), this, &CheckpointBrowser::matteSelected)
        ->setEnabled(m_matte->isEnabled());
    menu.addAction(m_resume->icon(), m_resume->text(), this, &CheckpointBrowser::resumeSelected)
        ->setEnabled(m_resume->isEnabled());
    menu.addAction(m_compare->icon(), m_compare->text(), this, &CheckpointBrowser::compareSelected)
        ->setEnabled(m_compare->isEnabled());
    menu.addAction(m_report->icon(), m_report->text(), this, &CheckpointBrowser::showLoadReport);
    menu.addSeparator();
    menu.addActions(m_moreMenu->actions());
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void CheckpointBrowser::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        buildModel();
    }
    QWidget::changeEvent(event);
}

void CheckpointBrowser::retranslateUi()
{
    m_model->setHorizontalHeaderLabels({tr("Checkpoint"), tr("Epoch"), tr("Step"), tr("Valid loss"), tr("Train loss"),
                                        tr("Type"), tr("Backbone"), tr("Size"), tr("Date")});
    m_filter->setPlaceholderText(tr("Filter by name, type, backbone…"));
    m_addFolder->setToolTip(tr("Add a folder of checkpoints to the list"));
    m_openFile->setToolTip(tr("Open a .pth, .safetensors or TorchScript file"));
    m_refresh->setToolTip(tr("Scan the folders again"));
    m_matte->setText(tr("Matte"));
    m_matte->setToolTip(tr("Use this checkpoint in the Matting panel"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Continue the training run from this checkpoint"));
    m_compare->setText(tr("Compare"));
    m_compare->setToolTip(tr("Compare two selected checkpoints side by side on the same image"));
    m_report->setText(tr("Load report"));
    m_report->setToolTip(tr("How the file's tensors load into the network"));
    m_more->setText(tr("More"));
    m_toPth->setText(tr("Convert to .pth…"));
    m_toSafetensors->setText(tr("Convert to .safetensors…"));
    m_reveal->setText(tr("Show in file manager"));
    m_delete->setText(tr("Delete…"));
    int groups = 0;
    for (int g = 0; g < m_model->rowCount(); ++g)
        groups += m_model->item(g)->rowCount() > 0;
    m_status->setText(m_project ? tr("%1 checkpoint(s) of %2 model(s), %3 shown")
                                      .arg(m_entries.size())
                                      .arg(groups)
                                      .arg(visibleCheckpointCount())
                                : tr("No project open"));
}

}  // namespace ui
}  // namespace ms
