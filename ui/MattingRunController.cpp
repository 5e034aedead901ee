#include "ui/MattingRunController.h"

#include "ui/AppLog.h"
#include "ui/ErrorReporter.h"
#include "ui/MediaFilters.h"
#include "ui/PreviewView.h"
#include "ui/VideoScrubber.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace ms {
namespace ui {

MattingRunController::MattingRunController(QWidget* parent)
    : QWidget(parent)
    , m_worker(new MattingWorker)
    , m_compareWorker(new MattingWorker)
{
    setObjectName("mattingRun");
    buildLayout();
    m_worker->moveToThread(&m_thread);
    m_compareWorker->moveToThread(&m_compareThread);
    m_thread.setObjectName("matting-worker");
    m_compareThread.setObjectName("matting-compare-worker");
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(&m_compareThread, &QThread::finished, m_compareWorker, &QObject::deleteLater);
    connectWorkers();
    m_thread.start();
    m_compareThread.start();
    retranslateUi();
}

MattingRunController::~MattingRunController()
{
    m_worker->cancel();
    m_thread.quit();
    m_compareThread.quit();
    m_thread.wait();
    m_compareThread.wait();
}

void MattingRunController::buildLayout()
{
    // The actions, on top: visible on any screen height.
    m_preview = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogContentsView), QString(), this);
    m_preview->setObjectName("mattingPreviewButton");
    m_save = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_save->setObjectName("mattingSaveButton");
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), this);
    m_cancel->setObjectName("mattingCancelButton");
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("mattingProgress");
    m_progress->setTextVisible(true);
    m_progress->setValue(0);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_preview);
    runRow->addWidget(m_save);
    runRow->addWidget(m_cancel);
    runRow->addWidget(m_progress, 1);

    // The preview and how it is shown.
    m_map = new QComboBox(this);
    m_map->setObjectName("previewMap");
    m_map->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i < 6; ++i)
        m_map->addItem(QString());
    m_backdrop = new QComboBox(this);
    m_backdrop->setObjectName("previewBackdrop");
    m_backdrop->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int i = 0; i < 3; ++i)
        m_backdrop->addItem(QString());
    m_split = new QToolButton(this);
    m_split->setCheckable(true);
    m_split->setObjectName("previewSplit");
    m_fit = new QToolButton(this);
    m_oneToOne = new QToolButton(this);
    m_zoom = new QLabel(this);
    m_timing = new QLabel(this);
    m_view = new PreviewView(this);
    m_scrubber = new VideoScrubber(this);
    m_scrubber->hide();  // shown with a video's first frame
    auto* viewBar = new QHBoxLayout;
    viewBar->addWidget(m_map);
    viewBar->addWidget(m_backdrop);
    viewBar->addWidget(m_split);
    viewBar->addSpacing(12);
    viewBar->addWidget(m_fit);
    viewBar->addWidget(m_oneToOne);
    viewBar->addWidget(m_zoom);
    viewBar->addStretch();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addLayout(runRow);
    layout->addLayout(viewBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_scrubber);
    layout->addWidget(m_timing);  // below the view: the toolbar above stays narrow

    connect(m_preview, &QPushButton::clicked, this, &MattingRunController::previewRequested);
    connect(m_save, &QPushButton::clicked, this, &MattingRunController::saveRequested);
    connect(m_cancel, &QPushButton::clicked, this, &MattingRunController::cancel);
    connect(m_map, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setMap(static_cast<PreviewView::Map>(i)); });
    connect(m_backdrop, &QComboBox::activated, this, &MattingRunController::chooseBackdrop);
    connect(m_split, &QToolButton::toggled, m_view, &PreviewView::setSplit);
    connect(m_fit, &QToolButton::clicked, m_view, &PreviewView::fitToView);
    connect(m_oneToOne, &QToolButton::clicked, m_view, &PreviewView::actualSize);
    connect(m_view, &PreviewView::zoomChanged, this,
            [this](double z) { m_zoom->setText(QString("%1 %").arg(qRound(z * 100))); });
    connect(m_scrubber, &VideoScrubber::frameRequested, this, &MattingRunController::showFrame);
    connect(m_scrubber, &VideoScrubber::playingChanged, this, &MattingRunController::onPlayingChanged);
    connect(&m_playTimer, &QTimer::timeout, this, &MattingRunController::playTick);
}

void MattingRunController::connectWorkers()
{
    connect(m_worker, &MattingWorker::loaded, this, &MattingRunController::onLoaded);
    connect(m_worker, &MattingWorker::failed, this, &MattingRunController::onFailed);
    connect(m_worker, &MattingWorker::saved, this, &MattingRunController::onSaved);
    connect(m_worker, &MattingWorker::warning, this, [](const QString& w) { AppLog::warning(w); });
    connect(m_worker, &MattingWorker::progress, this, &MattingRunController::onProgress);
    connect(m_worker, &MattingWorker::previewReady, this, &MattingRunController::onPreviewReady);
    connect(m_compareWorker, &MattingWorker::previewReady, this, [this](const MattePreview& p) {
        m_compareInFlight = false;
        if (p.source == m_view->preview().source && p.frame == m_view->preview().frame) {
            m_view->setComparePreview(p);
            Q_EMIT comparisonUpdated();
        }
        sendCompare();
    });
    connect(m_compareWorker, &MattingWorker::failed, this, [this](const QString& action, const QString& message) {
        m_compareInFlight = false;
        m_compareNext.reset();
        if (action == "load")
            ErrorReporter::error(
                this, tr("Cannot load the comparison checkpoint"),
                tr("%1 could not be loaded; the comparison is off.").arg(QFileInfo(job().compareCheckpoint).fileName()),
                message);
        else if (!message.contains("no checkpoint is loaded"))
            ErrorReporter::error(this, tr("Comparison failed"), tr("The second checkpoint could not matte this image."),
                                 message);
    });
}

void MattingRunController::setJobSource(std::function<MattingJob()> source)
{
    m_jobSource = std::move(source);
    updateButtons();
}

void MattingRunController::jobChanged() { updateButtons(); }

MattingJob MattingRunController::job() const { return m_jobSource ? m_jobSource() : MattingJob{}; }

bool MattingRunController::currentIsVideo() const
{
    const MattingJob j = job();
    return j.current && MattingWorker::isVideo(j.current->source);
}

QString MattingRunController::frameCacheKey() const
{
    const MattingJob j = job();
    const MattingSetup& s = j.setup;
    const bool video = j.current && MattingWorker::isVideo(j.current->source);
    return QStringList{s.checkpoint,
                       s.device,
                       s.refineMode,
                       QString::number(s.refineSamplePixels),
                       QString::number(s.refineThreshold),
                       QString::number(s.backboneScale),
                       QString::number(s.alignBackground),
                       video ? j.current->source : QString(),
                       video ? j.current->background : QString()}
        .join('\n');
}

void MattingRunController::showFrame(int frame)
{
    if (!currentIsVideo() || frame < 0)
        return;
    m_cache.setKey(frameCacheKey());
    if (const MattePreview* cached = m_cache.find(frame)) {
        m_pendingFrame = -1;
        showPreview(*cached);
        Q_EMIT frameShown(frame, true);
        return;
    }
    if (m_frameInFlight || m_busy) {
        m_pendingFrame = frame;  // the newest wish replaces an older one
        return;
    }
    const MattingJob j = job();
    if (!j.canPreview || !j.current)
        return;
    m_pendingFrame = -1;
    m_frameInFlight = true;
    m_inFlightKey = frameCacheKey();
    // Loading is a no-op for the network already loaded with these settings.
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, s = j.setup, src = j.current->source, bgr = j.current->background, frame] {
            if (w->ensureLoaded(s))
                w->previewFrame(src, bgr, frame);
        },
        Qt::QueuedConnection);
}

void MattingRunController::onPreviewReady(const MattePreview& p)
{
    if (!m_saving && m_after == After::Nothing)  // a frame asked for earlier ends no save or load
        setBusy(false);
    m_frameInFlight = false;
    if (p.frame >= 0) {
        // Kept only when it was matted with the settings in use now.
        m_cache.setKey(frameCacheKey());
        if (!m_inFlightKey.isEmpty() && m_inFlightKey == frameCacheKey())
            m_cache.insert(p);
        m_inFlightKey.clear();
    }
    showPreview(p);
    if (p.frame >= 0)
        Q_EMIT frameShown(p.frame, false);
    Q_EMIT previewUpdated();
    if (m_pendingFrame >= 0) {
        const int next = m_pendingFrame;
        m_pendingFrame = -1;
        if (next != p.frame)
            showFrame(next);
    }
}

void MattingRunController::showPreview(const MattePreview& p)
{
    m_view->setPreview(p);
    m_timing->setText(tr("%1 × %2 px in %3 s").arg(p.src.width()).arg(p.src.height()).arg(p.seconds, 0, 'f', 2));
    if (p.frame >= 0) {
        if (m_scrubber->frameCount() != p.frameCount || m_scrubber->fps() != p.fps)
            m_scrubber->setVideo(p.frameCount, p.fps);
        m_scrubber->setFrame(p.frame);
        m_scrubber->show();
    } else {
        m_scrubber->setPlaying(false);
        m_scrubber->hide();
    }
    requestCompare(p);
}

void MattingRunController::requestCompare(const MattePreview& shown)
{
    if (job().compareCheckpoint.isEmpty()) {
        m_compareNext.reset();
        if (m_view->isComparing())
            m_view->clearCompare();
        return;
    }
    m_compareNext = shown;
    sendCompare();
}

void MattingRunController::sendCompare()
{
    const MattingJob j = job();
    if (m_compareInFlight || !m_compareNext || j.compareCheckpoint.isEmpty())
        return;
    MattingSetup second = j.setup;
    second.checkpoint = j.compareCheckpoint;
    const MattePreview next = *m_compareNext;
    m_compareNext.reset();
    m_compareInFlight = true;
    QMetaObject::invokeMethod(
        m_compareWorker,
        [w = m_compareWorker, second, src = next.source, bgr = next.background, frame = next.frame] {
            if (!w->ensureLoaded(second))
                return;
            if (frame >= 0)
                w->previewFrame(src, bgr, frame);
            else
                w->preview(src, bgr);
        },
        Qt::QueuedConnection);
}

void MattingRunController::onPlayingChanged(bool playing)
{
    if (!playing) {
        m_playTimer.stop();
        return;
    }
    if (!currentIsVideo() || !m_scrubber->isVisible()) {
        m_scrubber->setPlaying(false);
        return;
    }
    m_playFrom = m_scrubber->frame() >= m_scrubber->frameCount() - 1 ? 0 : m_scrubber->frame();
    m_playClock.start();
    const double fps = m_scrubber->fps() > 0 ? m_scrubber->fps() : 25;
    m_playTimer.start(std::max(10, int(1000 / fps)));
    playTick();
}

void MattingRunController::playTick()
{
    // Real time: the frame due now, skipping those the network had no time for.
    const double fps = m_scrubber->fps() > 0 ? m_scrubber->fps() : 25;
    int due = m_playFrom + int(static_cast<double>(m_playClock.elapsed()) * fps / 1000.0);
    if (due >= m_scrubber->frameCount() - 1) {
        due = m_scrubber->frameCount() - 1;
        m_scrubber->setPlaying(false);
    }
    if (due != m_view->preview().frame)
        showFrame(due);
}

void MattingRunController::onProgress(int done, int total, const QString& label)
{
    if (total != m_stageTotal || done < m_lastDone) {  // a new stage: the images, or the next video
        m_stageTotal = total;
        m_stageStart = done;
        m_stageClock.start();
    }
    m_lastDone = done;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    QString text = QString("%v / %m  %1").arg(label);
    const int measured = done - m_stageStart;
    if (measured > 0 && done < total) {
        const double left = static_cast<double>(m_stageClock.elapsed()) / 1000.0 / measured * (total - done);
        text += "  " +
                tr("· %1 left").arg(left < 60 ? tr("%1 s").arg(qRound(left)) : tr("%1 min").arg(left / 60, 0, 'f', 1));
    }
    m_progress->setFormat(text);
}

void MattingRunController::chooseBackdrop(int index)
{
    if (index == 1) {
        const QColor c = QColorDialog::getColor(QColor(120, 255, 155), this, tr("Backdrop colour"));
        if (c.isValid())
            m_view->setBackdropColour(c);
    } else if (index == 2) {
        const QString f = QFileDialog::getOpenFileName(this, tr("New background image"), QString(),
                                                       tr("Images (%1)").arg(imageNameFilter()));
        QImage image;
        if (!f.isEmpty() && !image.load(f)) {
            ErrorReporter::error(this, tr("Cannot read the image"),
                                 tr("%1 is not an image this application can read.").arg(f));
            m_backdrop->setCurrentIndex(0);
            index = 0;
        } else if (!image.isNull()) {
            m_view->setBackdropImage(image);
        }
    }
    m_view->setBackdrop(static_cast<PreviewView::Backdrop>(index));
}

void MattingRunController::updateButtons()
{
    const MattingJob j = job();
    m_preview->setEnabled(!m_busy && j.canPreview);
    m_save->setEnabled(!m_busy && j.canSave);
    m_cancel->setEnabled(m_busy);
}

void MattingRunController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    updateButtons();
    Q_EMIT busyChanged(busy);
}

void MattingRunController::requestLoad(After after)
{
    m_after = after;
    setBusy(true);
    const MattingSetup setup = job().setup;
    Q_EMIT networkLoading(QFileInfo(setup.checkpoint).fileName());
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, setup] { w->load(setup); }, Qt::QueuedConnection);
}

void MattingRunController::preview()
{
    if (!m_busy && job().canPreview)
        requestLoad(After::Preview);
}

void MattingRunController::save(const QList<MattePair>& pairs, const MatteSaveOptions& options)
{
    if (m_busy || !job().canSave)
        return;
    m_savePairs = pairs;
    m_saveOptions = options;
    m_progress->setRange(0, int(pairs.size()));
    m_progress->setValue(0);
    m_stageTotal = -1;
    m_lastDone = 0;
    m_scrubber->setPlaying(false);
    m_saving = true;
    requestLoad(After::Save);
}

void MattingRunController::cancel()
{
    if (!m_busy)
        return;
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_progress->setFormat(tr("Cancelling after the images in flight…"));
}

void MattingRunController::onLoaded(const QString& checkpointPath, const QString& description, const QString& summary)
{
    Q_EMIT networkLoaded(description, summary);
    AppLog::info(tr("Loaded %1: %2 (%3)").arg(QFileInfo(checkpointPath).fileName(), description, summary));
    const After after = std::exchange(m_after, After::Nothing);
    if (after == After::Preview) {
        const std::optional<MattePair> current = job().current;
        if (!current) {
            setBusy(false);
            return;
        }
        const MattePair pair = *current;
        // A video stays on the frame shown; another source starts at its first frame.
        const bool sameVideo = m_view->preview().source == pair.source && m_view->preview().frame >= 0;
        const int frame = sameVideo ? m_scrubber->frame() : 0;
        if (MattingWorker::isVideo(pair.source)) {
            m_frameInFlight = true;
            m_inFlightKey = frameCacheKey();
        }
        QMetaObject::invokeMethod(
            m_worker,
            [w = m_worker, pair, frame] {
                if (MattingWorker::isVideo(pair.source))
                    w->previewFrame(pair.source, pair.background, frame);
                else
                    w->preview(pair.source, pair.background);
            },
            Qt::QueuedConnection);
    } else if (after == After::Save) {
        MatteSaveOptions options = m_saveOptions;
        options.overwrite = true;  // the caller asked the user
        AppLog::info(tr("Matting %1 image pair(s) into %2")
                         .arg(m_savePairs.size())
                         .arg(QDir::toNativeSeparators(options.outputDir)));
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, pairs = m_savePairs, options] { w->save(pairs, options); }, Qt::QueuedConnection);
    } else {
        setBusy(false);
    }
}

void MattingRunController::onFailed(const QString& action, const QString& message)
{
    // A failed frame leaves a queued load or save alone; a failed load or save ends it.
    if (action == "save" || action == "load") {
        m_after = After::Nothing;
        m_saving = false;
    }
    if (!m_saving && m_after == After::Nothing)
        setBusy(false);
    m_frameInFlight = false;
    m_pendingFrame = -1;
    m_inFlightKey.clear();
    m_scrubber->setPlaying(false);
    if (action == "load") {
        Q_EMIT networkFailed();
        ErrorReporter::error(
            this, tr("Cannot load the checkpoint"),
            tr("%1 could not be loaded for matting.").arg(QFileInfo(job().setup.checkpoint).fileName()), message);
    } else if (action == "preview") {
        ErrorReporter::error(this, tr("Preview failed"), tr("This image pair could not be matted."), message);
    } else {
        m_progress->setFormat(tr("Failed"));
        ErrorReporter::error(this, tr("Saving failed"), tr("The images could not be matted and saved."), message);
        Q_EMIT saveFinished(0, int(m_savePairs.size()), false);
    }
}

void MattingRunController::onSaved(int succeeded, const QStringList& failures, bool cancelled, const QString& outputDir)
{
    m_saving = false;
    setBusy(false);
    m_progress->setFormat(cancelled ? tr("Cancelled: %1 saved").arg(succeeded) : tr("%1 saved").arg(succeeded));
    AppLog::info(
        tr("Saved the outputs of %1 image pair(s) into %2").arg(succeeded).arg(QDir::toNativeSeparators(outputDir)));
    for (const QString& f : failures)
        AppLog::warning(tr("Skipped: %1").arg(f));
    if (!failures.isEmpty())
        ErrorReporter::warning(this, tr("Some images were skipped"),
                               tr("%1 of %2 image pair(s) could not be matted; the others were saved.")
                                   .arg(failures.size())
                                   .arg(succeeded + failures.size()),
                               failures.join('\n'));
    Q_EMIT saveFinished(succeeded, int(failures.size()), cancelled);
}

void MattingRunController::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MattingRunController::retranslateUi()
{
    m_preview->setText(tr("Preview"));
    m_preview->setToolTip(tr("Matte the selected pair and show it"));
    m_save->setText(tr("Matte and save all"));
    m_save->setToolTip(tr("Images as --batch matte writes them; each video into <output>/<name>/<type>.mp4"));
    m_cancel->setText(tr("Cancel"));
    m_map->setItemText(0, tr("Composite"));
    m_map->setItemText(1, tr("Alpha"));
    m_map->setItemText(2, tr("Foreground"));
    m_map->setItemText(3, tr("Error"));
    m_map->setItemText(4, tr("Refinement"));
    m_map->setItemText(5, tr("Source"));
    m_backdrop->setItemText(0, tr("Checkerboard"));
    m_backdrop->setItemText(1, tr("Solid colour…"));
    m_backdrop->setItemText(2, tr("Background image…"));
    m_split->setText(tr("Before/after"));
    m_split->setToolTip(tr("Source on the left of the divider, the result on the right; drag the divider"));
    m_fit->setText(tr("Fit"));
    m_oneToOne->setText(tr("1:1"));
    m_oneToOne->setToolTip(tr("One image pixel per screen pixel"));
}

}  // namespace ui
}  // namespace ms
