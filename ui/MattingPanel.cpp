#include "ui/MattingPanel.h"

#include "ui/ErrorReporter.h"
#include "ui/MattingForm.h"
#include "ui/MattingRunController.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "worker/ValueTypes.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QLabel>
#include <QMimeData>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace ms {
namespace ui {

MattingPanel::MattingPanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new MattingForm)
    , m_run(new MattingRunController)
{
    setObjectName("mattingPanel");
    setAcceptDrops(true);
    m_formScroll = new QScrollArea(this);
    m_formScroll->setWidget(m_form);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_formScroll->setObjectName("mattingForm");
    m_problem = new QLabel(this);
    m_problem->setObjectName("mattingProblem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #b3261e;");
    auto* leftColumn = new QWidget(this);
    leftColumn->setMinimumWidth(380);
    auto* left = new QVBoxLayout(leftColumn);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(m_formScroll, 1);
    left->addWidget(m_problem);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(leftColumn);
    split->addWidget(m_run);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    m_run->setJobSource([this] { return job(); });
    connect(m_form, &MattingForm::changed, this, &MattingPanel::updateState);
    connect(m_form, &MattingForm::currentPairChanged, this, &MattingPanel::updateState);
    connect(m_form, &MattingForm::pairsChanged, this, [this] {
        updateState();
        Q_EMIT pairsChanged();
        if (std::exchange(m_previewWhenPaired, false) && problem(false).isEmpty())
            previewCurrent();
    });
    connect(m_form, &MattingForm::pairChosen, this, &MattingPanel::previewCurrent);
    connect(m_form, &MattingForm::pairActivated, this, &MattingPanel::previewCurrent);
    connect(m_run, &MattingRunController::previewRequested, this, &MattingPanel::previewCurrent);
    connect(m_run, &MattingRunController::saveRequested, this, &MattingPanel::saveAll);
    connect(m_run, &MattingRunController::busyChanged, this, [this](bool busy) {
        m_form->setEditable(!busy);
        Q_EMIT busyChanged(busy);
    });
    connect(m_run, &MattingRunController::networkLoading, this,
            [this](const QString& name) { m_form->setNetworkInfo(tr("Loading %1…").arg(name)); });
    connect(m_run, &MattingRunController::networkLoaded, this,
            [this](const QString& description, const QString& summary) {
                m_form->setNetworkInfo(QString("%1\n%2").arg(description, summary));
            });
    connect(m_run, &MattingRunController::networkFailed, this, [this] { m_form->setNetworkInfo({}); });
    connect(m_run, &MattingRunController::previewUpdated, this, &MattingPanel::previewUpdated);
    connect(m_run, &MattingRunController::frameShown, this, &MattingPanel::frameShown);
    connect(m_run, &MattingRunController::comparisonUpdated, this, &MattingPanel::comparisonUpdated);
    connect(m_run, &MattingRunController::saveFinished, this, &MattingPanel::saveFinished);
    updateState();
    fitFormWidth();
}

MattingPanel::~MattingPanel() = default;

void MattingPanel::setProject(Project* project)
{
    m_project = project;
    previewView()->clear();
    if (project) {
        m_form->load(project->matting(), QDir(project->root()).filePath("output"));
    } else {  // no sources without a project; the network and output settings stay as they were
        m_form->setBackgrounds({});
        m_form->clearSources();
    }
}

void MattingPanel::storeState()
{
    if (m_project)
        m_project->setMatting(m_form->state());
}

void MattingPanel::setCheckpoint(const QString& path) { m_form->setCheckpoint(path); }
QString MattingPanel::checkpoint() const { return m_form->checkpoint(); }
void MattingPanel::setCompareCheckpoint(const QString& path) { m_form->setCompareCheckpoint(path); }
QString MattingPanel::compareCheckpoint() const { return m_form->compareCheckpoint(); }
void MattingPanel::addSources(const QStringList& filesOrFolders) { m_form->addSources(filesOrFolders); }
void MattingPanel::clearSources() { m_form->clearSources(); }
void MattingPanel::setBackgrounds(const QString& fileOrFolder) { m_form->setBackgrounds(fileOrFolder); }
QList<MattePair> MattingPanel::pairs() const { return m_form->pairs(); }
bool MattingPanel::isScanning() const { return m_form->isScanning(); }
void MattingPanel::selectPair(int index) { m_form->selectPair(index); }
int MattingPanel::currentPair() const { return m_form->currentPair(); }
void MattingPanel::setOutputDir(const QString& folder) { m_form->setOutputDir(folder); }
void MattingPanel::setOutputTypes(const QStringList& types) { m_form->setOutputTypes(types); }
QStringList MattingPanel::outputTypes() const { return m_form->outputTypes(); }
MattingSetup MattingPanel::setup() const { return m_form->setup(); }
QString MattingPanel::problem(bool forSaving) const { return m_form->problem(forSaving); }
bool MattingPanel::isBusy() const { return m_run->isBusy(); }
PreviewView* MattingPanel::previewView() const { return m_run->previewView(); }
VideoScrubber* MattingPanel::videoScrubber() const { return m_run->videoScrubber(); }
void MattingPanel::showFrame(int frame) { m_run->showFrame(frame); }
int MattingPanel::cachedFrames() const { return m_run->cachedFrames(); }
void MattingPanel::cancel() { m_run->cancel(); }

MattingJob MattingPanel::job() const
{
    MattingJob job;
    job.setup = setup();
    job.compareCheckpoint = compareCheckpoint();
    const QList<MattePair> all = pairs();
    if (const int i = currentPair(); i >= 0 && i < all.size())
        job.current = all[i];
    job.canPreview = problem(false).isEmpty();
    job.canSave = problem(true).isEmpty();
    return job;
}

void MattingPanel::updateState()
{
    const QString saveProblem = problem(true);
    m_problem->setText(saveProblem);
    m_problem->setVisible(!saveProblem.isEmpty());
    m_run->jobChanged();
}

void MattingPanel::previewCurrent()
{
    if (isBusy())
        return;
    const QString p = problem(false);
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot preview yet"), p);
        return;
    }
    if (currentPair() < 0)
        selectPair(0);
    storeState();
    updateState();
    m_run->preview();
}

void MattingPanel::previewWhenReady()
{
    if (isScanning())
        m_previewWhenPaired = true;
    else if (problem(false).isEmpty())
        previewCurrent();
}

void MattingPanel::saveAll()
{
    if (isBusy())
        return;
    const QString p = problem(true);
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot save yet"), p);
        return;
    }
    const MatteSaveOptions options = m_form->saveOptions();
    try {
        const QStringList existing = MattingWorker::existingOutputs(pairs(), options);
        if (!existing.isEmpty()) {
            if (!ErrorReporter::confirm(this, tr("Overwrite files?"),
                                        tr("%1 output file(s) exist already in %2. Overwrite them? Nothing else in "
                                           "the folder is touched.")
                                            .arg(existing.size())
                                            .arg(QDir::toNativeSeparators(options.outputDir)),
                                        tr("Overwrite"), existing.mid(0, 20).join('\n')))
                return;
        }
    } catch (const Error& e) {
        ErrorReporter::error(this, tr("Invalid output settings"), tr("The output settings cannot be used."),
                             QString::fromStdString(e.what()));
        return;
    }
    storeState();
    updateState();
    m_run->save(pairs(), options);
}

void MattingPanel::dragEnterEvent(QDragEnterEvent* event)
{
    // Not while matting: a save or preview in flight works on the pairs it was started with.
    if (!isBusy() && event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MattingPanel::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty() && !isBusy()) {
        addSources(paths);
        event->acceptProposedAction();
    }
}

void MattingPanel::fitFormWidth()
{
    // Without a horizontal scroll bar the form must never be narrower than its texts need (they
    // change with the language).
    m_formScroll->setMinimumWidth(m_form->minimumSizeHint().width() +
                                  m_formScroll->verticalScrollBar()->sizeHint().width() + 4);
}

void MattingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        updateState();                                             // the problem in the new language
        QTimer::singleShot(0, this, &MattingPanel::fitFormWidth);  // once the form has its new texts
    }
    QWidget::changeEvent(event);
}

}  // namespace ui
}  // namespace ms
