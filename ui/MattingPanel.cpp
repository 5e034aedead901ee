#include "ui/MattingPanel.h"

#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/BackgroundJob.h"
#include "ui/ErrorReporter.h"
#include "ui/PreviewView.h"
#include "ui/Project.h"
#include "ui/RefineForm.h"
#include "ui/VideoScrubber.h"
#include "worker/ValueTypes.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

namespace ms {
namespace ui {
namespace {

const QStringList OutputTypeCodes{"com", "pha", "fgr", "err", "ref"};
const QString ImageFilter = "*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp";
const QString VideoFilter = "*.mp4 *.m4v *.mov *.avi *.mkv *.webm *.mpg *.mpeg *.wmv";

QToolButton* browseButton(QWidget* parent, QStyle::StandardPixmap icon)
{
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    return b;
}

}  // namespace

MattingPanel::MattingPanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new MattingWorker)
    , m_compareWorker(new MattingWorker)
{
    setObjectName("mattingPanel");
    setAcceptDrops(true);
    buildLayout();

    m_worker->moveToThread(&m_thread);
    m_compareWorker->moveToThread(&m_compareThread);
    m_thread.setObjectName("matting-worker");
    m_compareThread.setObjectName("matting-compare-worker");
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(&m_compareThread, &QThread::finished, m_compareWorker, &QObject::deleteLater);
    connect(m_worker, &MattingWorker::loaded, this, &MattingPanel::onLoaded);
    connect(m_worker, &MattingWorker::failed, this, &MattingPanel::onFailed);
    connect(m_worker, &MattingWorker::saved, this, &MattingPanel::onSaved);
    connect(m_worker, &MattingWorker::warning, this, [](const QString& w) { AppLog::warning(w); });
    connect(m_worker, &MattingWorker::progress, this, &MattingPanel::onProgress);
    connect(m_worker, &MattingWorker::previewReady, this, &MattingPanel::onPreviewReady);
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
                tr("%1 could not be loaded; the comparison is off.").arg(QFileInfo(compareCheckpoint()).fileName()),
                message);
        else if (!message.contains("no checkpoint is loaded"))
            ErrorReporter::error(this, tr("Comparison failed"), tr("The second checkpoint could not matte this image."),
                                 message);
    });
    m_thread.start();
    m_compareThread.start();
    retranslateUi();
    updateState();
}

MattingPanel::~MattingPanel()
{
    m_worker->cancel();
    m_thread.quit();
    m_compareThread.quit();
    m_thread.wait();
    m_compareThread.wait();
}

void MattingPanel::buildLayout()
{
    // Network
    m_networkBox = new QGroupBox(this);
    m_checkpointLabel = new QLabel(this);
    m_checkpoint = new QLineEdit(this);
    m_checkpoint->setObjectName("mattingCheckpoint");
    m_browseCheckpoint = browseButton(this, QStyle::SP_DialogOpenButton);
    m_compareLabel = new QLabel(this);
    m_compare = new QLineEdit(this);
    m_compare->setObjectName("mattingCompare");
    m_compare->setClearButtonEnabled(true);
    m_browseCompare = browseButton(this, QStyle::SP_DialogOpenButton);
    m_networkInfo = new QLabel(this);
    m_networkInfo->setWordWrap(true);
    m_networkInfo->setObjectName("mattingNetworkInfo");
    m_refine = new RefineForm(this, "matting");
    m_align = new QCheckBox(this);
    auto* net = new QGridLayout(m_networkBox);
    net->addWidget(m_checkpointLabel, 0, 0);
    net->addWidget(m_checkpoint, 0, 1);
    net->addWidget(m_browseCheckpoint, 0, 2);
    net->addWidget(m_compareLabel, 1, 0);
    net->addWidget(m_compare, 1, 1);
    net->addWidget(m_browseCompare, 1, 2);
    net->addWidget(m_networkInfo, 2, 0, 1, 3);
    m_refine->addTo(net, 3);
    net->addWidget(m_align, 7, 0, 1, 3);

    // Images
    m_imagesBox = new QGroupBox(this);
    m_pairList = new QTreeWidget(this);
    m_pairList->setObjectName("mattingPairs");
    m_pairList->setColumnCount(2);
    m_pairList->setRootIsDecorated(false);
    m_pairList->setAlternatingRowColors(true);
    m_pairList->setMinimumHeight(110);
    m_addImages = new QPushButton(this);
    m_addFolder = new QPushButton(this);
    m_clear = new QPushButton(this);
    m_backgroundsLabel = new QLabel(this);
    m_backgroundsEdit = new QLineEdit(this);
    m_backgroundsEdit->setObjectName("mattingBackgrounds");
    m_browseBackgroundFile = browseButton(this, QStyle::SP_FileIcon);
    m_browseBackgroundFolder = browseButton(this, QStyle::SP_DirIcon);
    auto* imageButtons = new QHBoxLayout;
    imageButtons->addWidget(m_addImages);
    imageButtons->addWidget(m_addFolder);
    imageButtons->addWidget(m_clear);
    auto* bgRow = new QHBoxLayout;
    bgRow->addWidget(m_backgroundsLabel);
    bgRow->addWidget(m_backgroundsEdit, 1);
    bgRow->addWidget(m_browseBackgroundFile);
    bgRow->addWidget(m_browseBackgroundFolder);
    auto* images = new QVBoxLayout(m_imagesBox);
    images->addLayout(imageButtons);
    images->addLayout(bgRow);
    images->addWidget(m_pairList, 1);

    // Output
    m_outputBox = new QGroupBox(this);
    m_outputLabel = new QLabel(this);
    m_output = new QLineEdit(this);
    m_output->setObjectName("mattingOutput");
    m_browseOutput = browseButton(this, QStyle::SP_DirIcon);
    m_typesLabel = new QLabel(this);
    auto* typeRow = new QHBoxLayout;
    for (const QString& code : OutputTypeCodes) {
        auto* box = new QCheckBox(code, this);
        box->setObjectName("output_" + code);
        box->setChecked(code == "com" || code == "pha" || code == "fgr");
        m_types << box;
        typeRow->addWidget(box);
    }
    typeRow->addStretch();
    m_formatLabel = new QLabel(this);
    m_format = new QComboBox(this);
    m_format->addItems({"png", "jpg"});
    m_depth = new QComboBox(this);
    m_depth->addItem(QString(), 8);
    m_depth->addItem(QString(), 16);
    m_targetLabel = new QLabel(this);
    m_target = new QLineEdit(this);
    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_depth);
    formatRow->addStretch();
    auto* out = new QGridLayout(m_outputBox);
    out->addWidget(m_outputLabel, 0, 0);
    out->addWidget(m_output, 0, 1);
    out->addWidget(m_browseOutput, 0, 2);
    out->addWidget(m_typesLabel, 1, 0);
    out->addLayout(typeRow, 1, 1, 1, 2);
    out->addWidget(m_formatLabel, 2, 0);
    out->addLayout(formatRow, 2, 1, 1, 2);
    out->addWidget(m_targetLabel, 3, 0);
    out->addWidget(m_target, 3, 1, 1, 2);

    // Run
    m_problem = new QLabel(this);
    m_problem->setObjectName("mattingProblem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #b3261e;");
    m_preview = new QPushButton(style()->standardIcon(QStyle::SP_FileDialogContentsView), QString(), this);
    m_preview->setObjectName("mattingPreviewButton");
    m_save = new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), QString(), this);
    m_save->setObjectName("mattingSaveButton");
    m_cancel = new QPushButton(style()->standardIcon(QStyle::SP_DialogCancelButton), QString(), this);
    m_cancel->setObjectName("mattingCancelButton");
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(true);
    m_progress->setValue(0);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_preview);
    runRow->addWidget(m_save);
    runRow->addWidget(m_cancel);

    auto* controls = new QWidget(this);
    auto* form = new QVBoxLayout(controls);
    form->setContentsMargins(0, 0, 4, 0);
    form->addWidget(m_networkBox);
    form->addWidget(m_imagesBox, 1);
    form->addWidget(m_outputBox);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setObjectName("mattingForm");
    // The actions stay below the scrolling form, visible on any screen height.
    auto* leftColumn = new QWidget(this);
    leftColumn->setMinimumWidth(380);
    auto* left = new QVBoxLayout(leftColumn);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(scroll, 1);
    left->addWidget(m_problem);
    left->addLayout(runRow);
    left->addWidget(m_progress);

    // Preview
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
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 0, 0, 0);
    rightLayout->addLayout(viewBar);
    rightLayout->addWidget(m_view, 1);
    rightLayout->addWidget(m_scrubber);
    rightLayout->addWidget(m_timing);  // below the view: the toolbar above stays narrow

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(leftColumn);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({400, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    // Behaviour
    connect(m_browseCheckpoint, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Checkpoint"), QFileInfo(checkpoint()).path(),
                                         tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
        if (!f.isEmpty())
            setCheckpoint(f);
    });
    connect(m_browseCompare, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Checkpoint to compare with"), QFileInfo(checkpoint()).path(),
                                         tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
        if (!f.isEmpty())
            setCompareCheckpoint(f);
    });
    connect(m_addImages, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(
            this, tr("Source images and videos"), QString(),
            tr("Images and videos (%1 %2);;Images (%1);;Videos (%2)").arg(ImageFilter, VideoFilter));
        if (!files.isEmpty())
            addSources(files);
    });
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of source images"));
        if (!dir.isEmpty())
            addSources({dir});
    });
    connect(m_clear, &QPushButton::clicked, this, &MattingPanel::clearSources);
    connect(m_browseBackgroundFile, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("One background for all sources"), QString(),
                                                       tr("Images (%1)").arg(ImageFilter));
        if (!f.isEmpty())
            setBackgrounds(f);
    });
    connect(m_browseBackgroundFolder, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder of backgrounds (paired by name)"));
        if (!dir.isEmpty())
            setBackgrounds(dir);
    });
    connect(m_backgroundsEdit, &QLineEdit::editingFinished, this,
            [this] { setBackgrounds(m_backgroundsEdit->text()); });
    connect(m_browseOutput, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_output->text());
        if (!dir.isEmpty())
            setOutputDir(dir);
    });
    for (QLineEdit* e : {m_checkpoint, m_compare, m_output, m_target})
        connect(e, &QLineEdit::textChanged, this, &MattingPanel::updateState);
    for (QCheckBox* b : m_types)
        connect(b, &QCheckBox::toggled, this, &MattingPanel::updateState);
    connect(m_refine, &RefineForm::changed, this, &MattingPanel::updateState);
    connect(m_format, &QComboBox::currentIndexChanged, this, &MattingPanel::updateState);
    connect(m_pairList, &QTreeWidget::currentItemChanged, this, [this] {
        // While the folders are listed the rows are only the sources added; nothing to preview yet.
        if (!m_scanning && (hasFocus() || m_pairList->hasFocus()))
            previewCurrent();
    });
    connect(m_pairList, &QTreeWidget::itemActivated, this, &MattingPanel::previewCurrent);  // double-click, Enter
    connect(m_preview, &QPushButton::clicked, this, &MattingPanel::previewCurrent);
    connect(m_save, &QPushButton::clicked, this, &MattingPanel::saveAll);
    connect(m_cancel, &QPushButton::clicked, this, &MattingPanel::cancel);
    connect(m_map, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_view->setMap(static_cast<PreviewView::Map>(i)); });
    connect(m_backdrop, &QComboBox::activated, this, &MattingPanel::chooseBackdrop);
    connect(m_split, &QToolButton::toggled, m_view, &PreviewView::setSplit);
    connect(m_fit, &QToolButton::clicked, m_view, &PreviewView::fitToView);
    connect(m_oneToOne, &QToolButton::clicked, m_view, &PreviewView::actualSize);
    connect(m_view, &PreviewView::zoomChanged, this,
            [this](double z) { m_zoom->setText(QString("%1 %").arg(qRound(z * 100))); });
    connect(m_scrubber, &VideoScrubber::frameRequested, this, &MattingPanel::showFrame);
    connect(m_scrubber, &VideoScrubber::playingChanged, this, &MattingPanel::onPlayingChanged);
    connect(&m_playTimer, &QTimer::timeout, this, &MattingPanel::playTick);
}

const MattePair* MattingPanel::currentVideoPair() const
{
    const int i = currentPair();
    if (i < 0 || i >= m_pairs.size() || !MattingWorker::isVideo(m_pairs[i].source))
        return nullptr;
    return &m_pairs[i];
}

QString MattingPanel::frameCacheKey() const
{
    const MattingSetup s = setup();
    const MattePair* pair = currentVideoPair();
    return QStringList{s.checkpoint,
                       s.device,
                       s.refineMode,
                       QString::number(s.refineSamplePixels),
                       QString::number(s.refineThreshold),
                       QString::number(s.backboneScale),
                       QString::number(s.alignBackground),
                       pair ? pair->source : QString(),
                       pair ? pair->background : QString()}
        .join('\n');
}

void MattingPanel::showFrame(int frame)
{
    const MattePair* pair = currentVideoPair();
    if (!pair || frame < 0)
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
    if (!problem(false).isEmpty())
        return;
    m_pendingFrame = -1;
    m_frameInFlight = true;
    m_inFlightKey = frameCacheKey();
    // Loading is a no-op for the network already loaded with these settings.
    QMetaObject::invokeMethod(
        m_worker,
        [w = m_worker, s = setup(), src = pair->source, bgr = pair->background, frame] {
            if (w->ensureLoaded(s))
                w->previewFrame(src, bgr, frame);
        },
        Qt::QueuedConnection);
}

void MattingPanel::onPreviewReady(const MattePreview& p)
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

void MattingPanel::showPreview(const MattePreview& p)
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

void MattingPanel::requestCompare(const MattePreview& shown)
{
    if (compareCheckpoint().isEmpty()) {
        m_compareNext.reset();
        if (m_view->isComparing())
            m_view->clearCompare();
        return;
    }
    m_compareNext = shown;
    sendCompare();
}

void MattingPanel::sendCompare()
{
    if (m_compareInFlight || !m_compareNext || compareCheckpoint().isEmpty())
        return;
    MattingSetup second = setup();
    second.checkpoint = compareCheckpoint();
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

void MattingPanel::onPlayingChanged(bool playing)
{
    if (!playing) {
        m_playTimer.stop();
        return;
    }
    if (!currentVideoPair() || !m_scrubber->isVisible()) {
        m_scrubber->setPlaying(false);
        return;
    }
    m_playFrom = m_scrubber->frame() >= m_scrubber->frameCount() - 1 ? 0 : m_scrubber->frame();
    m_playClock.start();
    const double fps = m_scrubber->fps() > 0 ? m_scrubber->fps() : 25;
    m_playTimer.start(std::max(10, int(1000 / fps)));
    playTick();
}

void MattingPanel::playTick()
{
    // Real time: the frame due now, skipping those the network had no time for.
    const double fps = m_scrubber->fps() > 0 ? m_scrubber->fps() : 25;
    int due = m_playFrom + int(m_playClock.elapsed() * fps / 1000.0);
    if (due >= m_scrubber->frameCount() - 1) {
        due = m_scrubber->frameCount() - 1;
        m_scrubber->setPlaying(false);
    }
    if (due != m_view->preview().frame)
        showFrame(due);
}

void MattingPanel::onProgress(int done, int total, const QString& label)
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
        const double left = m_stageClock.elapsed() / 1000.0 / measured * (total - done);
        text += "  " +
                tr("· %1 left").arg(left < 60 ? tr("%1 s").arg(qRound(left)) : tr("%1 min").arg(left / 60, 0, 'f', 1));
    }
    m_progress->setFormat(text);
}

void MattingPanel::chooseBackdrop(int index)
{
    if (index == 1) {
        const QColor c = QColorDialog::getColor(QColor(120, 255, 155), this, tr("Backdrop colour"));
        if (c.isValid())
            m_view->setBackdropColour(c);
    } else if (index == 2) {
        const QString f = QFileDialog::getOpenFileName(this, tr("New background image"), QString(),
                                                       tr("Images (%1)").arg(ImageFilter));
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

void MattingPanel::setProject(Project* project)
{
    m_project = project;
    m_sources.clear();
    m_backgrounds.clear();
    m_view->clear();
    if (project) {
        const QJsonObject s = project->matting();
        for (const auto& v : s.value("sources").toArray())
            m_sources << v.toString();
        if (s.value("sources").isString())
            m_sources << s.value("sources").toString();
        m_backgrounds = s.value("backgrounds").toString();
        m_checkpoint->setText(s.value("checkpoint").toString());
        m_compare->setText(s.value("compare").toString());
        m_output->setText(s.value("output_dir").toString(QDir(project->root()).filePath("output")));
        if (s.contains("output_types"))
            setOutputTypes(s.value("output_types").toVariant().toStringList());
        m_format->setCurrentText(s.value("output_format").toString("png"));
        m_depth->setCurrentIndex(s.value("output_bit_depth").toInt(8) == 16 ? 1 : 0);
        m_target->setText(s.value("com_target").toString());
        m_refine->load(s);
        m_align->setChecked(s.value("align").toBool(false));
    }
    m_backgroundsEdit->setText(m_backgrounds);
    repair();
}

void MattingPanel::storeState()
{
    if (!m_project)
        return;
    QJsonObject s;
    s["sources"] = QJsonArray::fromStringList(m_sources);
    s["backgrounds"] = m_backgrounds;
    s["checkpoint"] = checkpoint();
    s["compare"] = compareCheckpoint();
    s["output_dir"] = m_output->text();
    s["output_types"] = QJsonArray::fromStringList(outputTypes());
    s["output_format"] = m_format->currentText();
    s["output_bit_depth"] = m_depth->currentData().toInt();
    s["com_target"] = m_target->text();
    m_refine->store(s);
    s["align"] = m_align->isChecked();
    m_project->setMatting(s);
}

void MattingPanel::setCheckpoint(const QString& path) { m_checkpoint->setText(QDir::toNativeSeparators(path)); }
QString MattingPanel::checkpoint() const { return QDir::fromNativeSeparators(m_checkpoint->text().trimmed()); }
void MattingPanel::setCompareCheckpoint(const QString& path) { m_compare->setText(QDir::toNativeSeparators(path)); }
QString MattingPanel::compareCheckpoint() const { return QDir::fromNativeSeparators(m_compare->text().trimmed()); }

void MattingPanel::addSources(const QStringList& filesOrFolders)
{
    for (const QString& f : filesOrFolders) {
        const QString path = QFileInfo(f).absoluteFilePath();
        if (!m_sources.contains(path))
            m_sources << path;
    }
    repair();
}

void MattingPanel::clearSources()
{
    m_sources.clear();
    repair();
}

void MattingPanel::setBackgrounds(const QString& fileOrFolder)
{
    m_backgrounds = fileOrFolder.trimmed().isEmpty() ? QString() : QFileInfo(fileOrFolder.trimmed()).absoluteFilePath();
    m_backgroundsEdit->setText(QDir::toNativeSeparators(m_backgrounds));
    repair();
}

void MattingPanel::repair()
{
    // The chosen pair stays chosen across the rescan, when its source is still there.
    if (const int current = currentPair(); !m_scanning && current >= 0 && current < m_pairs.size())
        m_reselect = m_pairs[current].source;
    m_pairs.clear();
    m_pairProblem.clear();
    const int generation = ++m_scanGeneration;
    m_scanning = !m_sources.isEmpty() && !m_backgrounds.isEmpty();
    refreshPairList();
    updateState();
    if (!m_scanning) {
        m_previewWhenPaired = false;
        Q_EMIT pairsChanged();
        return;
    }
    // Listing folders (recursively, maybe on a network share, maybe thousands of frames) must not
    // freeze the window: it runs on a thread of its own.
    runInBackground<QList<MattePair>>(
        this,
        [sources = m_sources, backgrounds = m_backgrounds] {
            return MattingWorker::pairInputs(sources, {backgrounds});
        },
        [this, generation](const QList<MattePair>& pairs, const QString& error) {
            if (generation != m_scanGeneration)
                return;  // the sources changed again; a newer scan is under way
            m_scanning = false;
            m_pairs = pairs;
            m_pairProblem = error;
            refreshPairList();
            for (int i = 0; i < m_pairs.size(); ++i)
                if (m_pairs[i].source == m_reselect)
                    selectPair(i);
            updateState();
            Q_EMIT pairsChanged();
            if (std::exchange(m_previewWhenPaired, false) && problem(false).isEmpty())
                previewCurrent();
        });
}

void MattingPanel::refreshPairList()
{
    const int current = currentPair();
    m_pairList->clear();
    if (m_pairs.isEmpty()) {
        // Sources without a usable pairing are listed alone, so the user sees what was added.
        for (const QString& s : m_sources)
            new QTreeWidgetItem(m_pairList, {QFileInfo(s).fileName(), QStringLiteral("–")});
    }
    for (const MattePair& p : m_pairs) {
        auto* item = new QTreeWidgetItem(
            m_pairList, {p.relativeStem + "." + QFileInfo(p.source).suffix(), QFileInfo(p.background).fileName()});
        item->setToolTip(0, QDir::toNativeSeparators(p.source));
        item->setToolTip(1, QDir::toNativeSeparators(p.background));
    }
    m_pairList->header()->resizeSections(QHeaderView::ResizeToContents);
    if (!m_pairs.isEmpty())
        m_pairList->setCurrentItem(m_pairList->topLevelItem(std::clamp(current, 0, int(m_pairs.size()) - 1)));
}

void MattingPanel::selectPair(int index)
{
    if (index >= 0 && index < m_pairList->topLevelItemCount())
        m_pairList->setCurrentItem(m_pairList->topLevelItem(index));
}

int MattingPanel::currentPair() const { return m_pairList->indexOfTopLevelItem(m_pairList->currentItem()); }

void MattingPanel::setOutputDir(const QString& folder) { m_output->setText(QDir::toNativeSeparators(folder)); }

void MattingPanel::setOutputTypes(const QStringList& types)
{
    for (QCheckBox* b : m_types)
        b->setChecked(types.contains(b->text()));
}

QStringList MattingPanel::outputTypes() const
{
    QStringList types;
    for (QCheckBox* b : m_types)
        if (b->isChecked())
            types << b->text();
    return types;
}

MattingSetup MattingPanel::setup() const
{
    MattingSetup s;
    s.checkpoint = checkpoint();
    s.device = AppSettings::device();
    m_refine->readInto(s);
    s.alignBackground = m_align->isChecked();
    return s;
}

MatteSaveOptions MattingPanel::saveOptions() const
{
    MatteSaveOptions o;
    o.outputDir = QDir::fromNativeSeparators(m_output->text().trimmed());
    o.types = outputTypes();
    o.format = m_format->currentText();
    o.bitDepth = m_depth->currentData().toInt();
    o.comTarget = m_target->text().trimmed();
    return o;
}

QString MattingPanel::problem(bool forSaving) const
{
    if (checkpoint().isEmpty())
        return tr("Choose a checkpoint.");
    if (!QFileInfo(checkpoint()).isFile())
        return tr("The checkpoint %1 does not exist.").arg(QDir::toNativeSeparators(checkpoint()));
    if (!compareCheckpoint().isEmpty() && !QFileInfo(compareCheckpoint()).isFile())
        return tr("The checkpoint to compare with does not exist.");
    if (m_sources.isEmpty())
        return tr("Add source images (button, folder or drag and drop).");
    if (m_backgrounds.isEmpty())
        return tr("Choose the captured background: one image for all, or a folder with one per source.");
    if (m_scanning)
        return tr("Finding the images in the chosen files and folders…");
    if (!m_pairProblem.isEmpty())
        return tr("The images cannot be paired: %1").arg(m_pairProblem);
    if (!forSaving)
        return {};
    if (m_output->text().trimmed().isEmpty())
        return tr("Choose an output folder.");
    if (outputTypes().isEmpty())
        return tr("Select at least one output type.");
    return {};
}

void MattingPanel::updateState()
{
    const QString previewProblem = problem(false), saveProblem = problem(true);
    m_problem->setText(saveProblem);
    m_problem->setVisible(!saveProblem.isEmpty());
    m_preview->setEnabled(!m_busy && previewProblem.isEmpty());
    m_save->setEnabled(!m_busy && saveProblem.isEmpty());
    m_cancel->setEnabled(m_busy);
    m_depth->setEnabled(true);
}

void MattingPanel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    for (QWidget* w : std::initializer_list<QWidget*>{m_networkBox, m_imagesBox, m_outputBox})
        w->setEnabled(!busy);
    updateState();
    Q_EMIT busyChanged(busy);
}

void MattingPanel::requestLoad(After after)
{
    storeState();
    m_after = after;
    setBusy(true);
    m_networkInfo->setText(tr("Loading %1…").arg(QFileInfo(checkpoint()).fileName()));
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, s = setup()] { w->load(s); }, Qt::QueuedConnection);
}

void MattingPanel::previewCurrent()
{
    if (m_busy)
        return;
    const QString p = problem(false);
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot preview yet"), p);
        return;
    }
    if (currentPair() < 0)
        selectPair(0);
    requestLoad(After::Preview);
}

void MattingPanel::previewWhenReady()
{
    if (m_scanning)
        m_previewWhenPaired = true;
    else if (problem(false).isEmpty())
        previewCurrent();
}

void MattingPanel::saveAll()
{
    if (m_busy)
        return;
    const QString p = problem(true);
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot save yet"), p);
        return;
    }
    MatteSaveOptions options = saveOptions();
    try {
        const QStringList existing = MattingWorker::existingOutputs(m_pairs, options);
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
    m_progress->setRange(0, int(m_pairs.size()));
    m_progress->setValue(0);
    m_stageTotal = -1;
    m_lastDone = 0;
    m_scrubber->setPlaying(false);
    m_saving = true;
    requestLoad(After::Save);
}

void MattingPanel::cancel()
{
    if (!m_busy)
        return;
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_progress->setFormat(tr("Cancelling after the images in flight…"));
}

void MattingPanel::onLoaded(const QString& checkpointPath, const QString& description, const QString& summary)
{
    m_networkInfo->setText(QString("%1\n%2").arg(description, summary));
    AppLog::info(tr("Loaded %1: %2 (%3)").arg(QFileInfo(checkpointPath).fileName(), description, summary));
    const After after = m_after;
    m_after = After::Nothing;
    if (after == After::Preview) {
        const int i = std::max(0, currentPair());
        if (i >= m_pairs.size()) {
            setBusy(false);
            return;
        }
        const MattePair pair = m_pairs[i];
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
        MatteSaveOptions options = saveOptions();
        options.overwrite = true;  // the user agreed above
        AppLog::info(tr("Matting %1 image pair(s) into %2")
                         .arg(m_pairs.size())
                         .arg(QDir::toNativeSeparators(options.outputDir)));
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, pairs = m_pairs, options] { w->save(pairs, options); }, Qt::QueuedConnection);
    } else {
        setBusy(false);
    }
}

void MattingPanel::onFailed(const QString& action, const QString& message)
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
        m_networkInfo->setText(tr("Not loaded."));
        ErrorReporter::error(this, tr("Cannot load the checkpoint"),
                             tr("%1 could not be loaded for matting.").arg(QFileInfo(checkpoint()).fileName()),
                             message);
    } else if (action == "preview") {
        ErrorReporter::error(this, tr("Preview failed"), tr("This image pair could not be matted."), message);
    } else {
        m_progress->setFormat(tr("Failed"));
        ErrorReporter::error(this, tr("Saving failed"), tr("The images could not be matted and saved."), message);
        Q_EMIT saveFinished(0, int(m_pairs.size()), false);
    }
}

void MattingPanel::onSaved(int succeeded, const QStringList& failures, bool cancelled, const QString& outputDir)
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

void MattingPanel::dragEnterEvent(QDragEnterEvent* event)
{
    // Not while matting: a save or preview in flight works on the pairs it was started with.
    if (!m_busy && event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MattingPanel::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty() && !m_busy) {
        addSources(paths);
        event->acceptProposedAction();
    }
}

void MattingPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MattingPanel::retranslateUi()
{
    m_networkBox->setTitle(tr("Network"));
    m_checkpointLabel->setText(tr("Checkpoint:"));
    m_checkpoint->setPlaceholderText(tr(".pth, .safetensors or TorchScript file"));
    m_browseCheckpoint->setToolTip(tr("Choose a checkpoint file"));
    m_compareLabel->setText(tr("Compare with:"));
    m_compare->setPlaceholderText(tr("optional second checkpoint"));
    m_browseCompare->setToolTip(tr("Choose a checkpoint to compare with"));
    m_refine->retranslate();
    m_align->setText(tr("Align each background to its source (ORB + homography)"));
    if (m_networkInfo->text().isEmpty())
        m_networkInfo->setText(tr("Not loaded."));
    m_imagesBox->setTitle(tr("Images"));
    m_pairList->setHeaderLabels({tr("Source"), tr("Background")});
    m_addImages->setText(tr("Add images or videos…"));
    m_addImages->setToolTip(tr("A video is matted frame by frame with one background, like --batch matte-video"));
    m_addFolder->setText(tr("Add folder…"));
    m_clear->setText(tr("Clear"));
    m_backgroundsLabel->setText(tr("Backgrounds:"));
    m_backgroundsEdit->setPlaceholderText(tr("one image for all, or a folder (paired by name)"));
    m_browseBackgroundFile->setToolTip(tr("One background image for every source"));
    m_browseBackgroundFolder->setToolTip(tr("A folder of backgrounds, paired with the sources by name"));
    m_outputBox->setTitle(tr("Output"));
    m_outputLabel->setText(tr("Folder:"));
    m_browseOutput->setToolTip(tr("Choose the output folder"));
    m_typesLabel->setText(tr("Save:"));
    m_types[0]->setToolTip(tr("Composite: the foreground with the alpha as transparency (RGBA PNG)"));
    m_types[1]->setToolTip(tr("Alpha matte"));
    m_types[2]->setToolTip(tr("Foreground colours"));
    m_types[3]->setToolTip(tr("Error map of the coarse pass"));
    m_types[4]->setToolTip(tr("Where the refiner worked"));
    m_formatLabel->setText(tr("Format:"));
    m_format->setToolTip(tr("File format of pha, fgr, err and ref (com is always PNG)"));
    m_depth->setItemText(0, tr("8 bit"));
    m_depth->setItemText(1, tr("16 bit (PNG)"));
    m_targetLabel->setText(tr("Composite onto:"));
    m_target->setPlaceholderText(tr("transparency; or a colour (green, #RRGGBB) or an image path"));
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
    updateState();
    // Without a horizontal scroll bar the form must never be narrower than its texts need (they
    // change with the language).
    if (auto* scroll = findChild<QScrollArea*>("mattingForm"))
        scroll->setMinimumWidth(scroll->widget()->minimumSizeHint().width() +
                                scroll->verticalScrollBar()->sizeHint().width() + 4);
}

}  // namespace ui
}  // namespace ms
