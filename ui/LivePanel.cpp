#include "ui/LivePanel.h"

#include "ui/AppLog.h"
#include "ui/AppSettings.h"
#include "ui/ErrorReporter.h"
#include "ui/FrameView.h"
#include "ui/Project.h"
#include "ui/RefineForm.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace ms {
namespace ui {
namespace {

const QList<QSize> FrameSizes{QSize(), QSize(640, 480), QSize(1280, 720), QSize(1920, 1080)};

QToolButton* browseButton(QWidget* parent, QStyle::StandardPixmap icon)
{
    auto* b = new QToolButton(parent);
    b->setIcon(parent->style()->standardIcon(icon));
    return b;
}

}  // namespace

LivePanel::LivePanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new LiveWorker)
{
    setObjectName("livePanel");
    buildLayout();
    m_worker->moveToThread(&m_thread);
    m_thread.setObjectName("live-worker");
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &LiveWorker::started, this,
            [this](const QString& network, const QString& source, int w, int h, double fps) {
                m_state = State::Running;
                m_networkText = network;
                m_sourceText = tr("%1, %2 × %3 at %4 frames/s").arg(source).arg(w).arg(h).arg(fps, 0, 'f', 1);
                AppLog::info(tr("Live view: %1 with %2").arg(m_sourceText, network));
                updateState();
                Q_EMIT started();
            });
    connect(m_worker, &LiveWorker::frameReady, this, &LivePanel::onFrame);
    connect(m_worker, &LiveWorker::backgroundCaptured, this, [this] {
        m_hasBackground = true;
        updateState();
        Q_EMIT backgroundCaptured();
    });
    connect(m_worker, &LiveWorker::recordingFinished, this, [this](const QString& path, int frames) {
        m_record->setChecked(false);
        AppLog::info(tr("Recorded %1 frame(s) to %2").arg(frames).arg(QDir::toNativeSeparators(path)));
        updateState();
        Q_EMIT recordingSaved(path, frames);
    });
    connect(m_worker, &LiveWorker::stopped, this, &LivePanel::onStopped);
    connect(m_worker, &LiveWorker::failed, this, &LivePanel::onFailed);
    // The display asks for the next frame only once it has drawn this one.
    connect(m_view, &FrameView::painted, this, [this] { m_worker->frameShown(); });
    m_thread.start();
    retranslateUi();
    updateState();
}

LivePanel::~LivePanel()
{
    QMetaObject::invokeMethod(m_worker, &LiveWorker::stop, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LivePanel::buildLayout()
{
    m_sourceBox = new QGroupBox(this);
    m_sourceKind = new QComboBox(this);
    m_sourceKind->setObjectName("liveSourceKind");
    m_sourceKind->addItem(QString(), "camera");
    m_sourceKind->addItem(QString(), "file");
    m_cameraLabel = new QLabel(this);
    m_camera = new QSpinBox(this);
    m_camera->setObjectName("liveCamera");
    m_camera->setRange(0, 63);
    m_fileLabel = new QLabel(this);
    m_file = new QLineEdit(this);
    m_file->setObjectName("liveFile");
    m_browseFile = browseButton(this, QStyle::SP_DialogOpenButton);
    m_sizeLabel = new QLabel(this);
    m_size = new QComboBox(this);
    m_size->setObjectName("liveFrameSize");
    for (const QSize& size : FrameSizes)
        m_size->addItem(size.isEmpty() ? QString() : QString("%1 × %2").arg(size.width()).arg(size.height()));
    auto* source = new QGridLayout(m_sourceBox);
    source->addWidget(m_sourceKind, 0, 0, 1, 3);
    source->addWidget(m_cameraLabel, 1, 0);
    source->addWidget(m_camera, 1, 1, 1, 2);
    source->addWidget(m_fileLabel, 2, 0);
    source->addWidget(m_file, 2, 1);
    source->addWidget(m_browseFile, 2, 2);
    source->addWidget(m_sizeLabel, 3, 0);
    source->addWidget(m_size, 3, 1, 1, 2);

    m_networkBox = new QGroupBox(this);
    m_checkpointLabel = new QLabel(this);
    m_checkpoint = new QLineEdit(this);
    m_checkpoint->setObjectName("liveCheckpoint");
    m_browseCheckpoint = browseButton(this, QStyle::SP_DialogOpenButton);
    m_refine = new RefineForm(this, "live");
    auto* net = new QGridLayout(m_networkBox);
    net->addWidget(m_checkpointLabel, 0, 0);
    net->addWidget(m_checkpoint, 0, 1);
    net->addWidget(m_browseCheckpoint, 0, 2);
    m_refine->addTo(net, 1);

    m_outputBox = new QGroupBox(this);
    m_targetLabel = new QLabel(this);
    m_target = new QComboBox(this);
    m_target->setObjectName("liveTarget");
    for (int i = 0; i < 5; ++i)
        m_target->addItem(QString());
    m_recordLabel = new QLabel(this);
    m_recordFolder = new QLineEdit(this);
    m_recordFolder->setObjectName("liveRecordFolder");
    m_browseRecord = browseButton(this, QStyle::SP_DirIcon);
    auto* out = new QGridLayout(m_outputBox);
    out->addWidget(m_targetLabel, 0, 0);
    out->addWidget(m_target, 0, 1, 1, 2);
    out->addWidget(m_recordLabel, 1, 0);
    out->addWidget(m_recordFolder, 1, 1);
    out->addWidget(m_browseRecord, 1, 2);

    m_problem = new QLabel(this);
    m_problem->setObjectName("liveProblem");
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet("color: #b3261e;");
    m_start = new QPushButton(this);
    m_start->setObjectName("liveStart");
    m_capture = new QPushButton(style()->standardIcon(QStyle::SP_DialogApplyButton), QString(), this);
    m_capture->setObjectName("liveCapture");
    m_loadBackground = new QToolButton(this);
    m_loadBackground->setObjectName("liveLoadBackground");
    m_loadBackground->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    m_record = new QPushButton(this);
    m_record->setObjectName("liveRecord");
    m_record->setCheckable(true);
    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_start);
    runRow->addWidget(m_capture);
    runRow->addWidget(m_loadBackground);
    runRow->addWidget(m_record);

    auto* controls = new QWidget(this);
    auto* form = new QVBoxLayout(controls);
    form->setContentsMargins(0, 0, 4, 0);
    form->addWidget(m_sourceBox);
    form->addWidget(m_networkBox);
    form->addWidget(m_outputBox);
    form->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(controls);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setObjectName("liveForm");
    auto* leftColumn = new QWidget(this);
    leftColumn->setMinimumWidth(360);
    auto* left = new QVBoxLayout(leftColumn);
    left->setContentsMargins(0, 0, 0, 0);
    left->addWidget(scroll, 1);
    left->addWidget(m_problem);
    left->addLayout(runRow);

    m_view = new FrameView(this);
    m_statusLine = new QLabel(this);
    m_statusLine->setObjectName("liveStatus");
    m_statusLine->setWordWrap(true);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 0, 0, 0);
    rightLayout->addWidget(m_view, 1);
    rightLayout->addWidget(m_statusLine);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(leftColumn);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({380, 900});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(m_sourceKind, &QComboBox::currentIndexChanged, this, &LivePanel::updateState);
    for (QLineEdit* e : {m_file, m_checkpoint, m_recordFolder})
        connect(e, &QLineEdit::textChanged, this, &LivePanel::updateState);
    connect(m_browseFile, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Video standing in for a camera"), QFileInfo(m_file->text()).path(),
                                         tr("Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm);;All files (*)"));
        if (!f.isEmpty())
            useVideoFile(f);
    });
    connect(m_browseCheckpoint, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getOpenFileName(this, tr("Checkpoint"), QFileInfo(checkpoint()).path(),
                                         tr("Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)"));
        if (!f.isEmpty())
            setCheckpoint(f);
    });
    connect(m_browseRecord, &QToolButton::clicked, this, [this] {
        const QString dir =
            QFileDialog::getExistingDirectory(this, tr("Folder for recordings"), m_recordFolder->text());
        if (!dir.isEmpty())
            setRecordFolder(dir);
    });
    connect(m_start, &QPushButton::clicked, this, [this] { isRunning() ? stop() : start(); });
    connect(m_capture, &QPushButton::clicked, this, &LivePanel::captureBackground);
    connect(m_loadBackground, &QToolButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Photo of the empty scene"), QString(),
                                                       tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)"));
        if (!f.isEmpty())
            loadBackground(f);
    });
    connect(m_record, &QPushButton::clicked, this, [this](bool on) { on ? startRecording() : stopRecording(); });
    connect(m_target, &QComboBox::activated, this, &LivePanel::chooseTarget);
    connect(m_refine, &RefineForm::changed, this, &LivePanel::sendRefinement);
}

void LivePanel::setProject(Project* project)
{
    stop();
    m_project = project;
    m_view->clear();
    if (!project)
        return;
    const QJsonObject s = project->live();
    m_sourceKind->setCurrentIndex(s.value("source").toString("file") == "camera" ? 0 : 1);
    m_camera->setValue(s.value("camera").toInt(0));
    m_file->setText(QDir::toNativeSeparators(s.value("file").toString()));
    const auto size = static_cast<int>(FrameSizes.indexOf(QSize(s.value("width").toInt(), s.value("height").toInt())));
    m_size->setCurrentIndex(size < 0 ? 0 : size);
    const QString fallback = project->matting().value("checkpoint").toString();
    setCheckpoint(s.value("checkpoint").toString(fallback));
    m_refine->load(s);
    setTarget(s.value("target").toString("green"));
    setRecordFolder(s.value("record_dir").toString(QDir(project->root()).filePath("output/live")));
    updateState();
}

void LivePanel::storeState()
{
    if (!m_project)
        return;
    QJsonObject s;
    s["source"] = m_sourceKind->currentData().toString();
    s["camera"] = m_camera->value();
    s["file"] = QDir::fromNativeSeparators(m_file->text().trimmed());
    const QSize size = FrameSizes.value(m_size->currentIndex());
    s["width"] = size.width() > 0 ? size.width() : 0;
    s["height"] = size.height() > 0 ? size.height() : 0;
    s["checkpoint"] = checkpoint();
    m_refine->store(s);
    s["target"] = m_targetValue;
    s["record_dir"] = QDir::fromNativeSeparators(m_recordFolder->text().trimmed());
    m_project->setLive(s);
}

void LivePanel::setCheckpoint(const QString& path) { m_checkpoint->setText(QDir::toNativeSeparators(path)); }
QString LivePanel::checkpoint() const { return QDir::fromNativeSeparators(m_checkpoint->text().trimmed()); }

void LivePanel::useCamera(int index)
{
    m_sourceKind->setCurrentIndex(0);
    m_camera->setValue(index);
}

void LivePanel::useVideoFile(const QString& path)
{
    m_sourceKind->setCurrentIndex(1);
    m_file->setText(QDir::toNativeSeparators(path));
}

void LivePanel::setTarget(const QString& target)
{
    m_targetValue = target.trimmed().isEmpty() ? QString("green") : target.trimmed();
    const QString lower = m_targetValue.toLower();
    const int index = lower == "green"                    ? 0
                      : lower == "white"                  ? 1
                      : lower == "black"                  ? 2
                      : QFileInfo(m_targetValue).isFile() ? 4
                                                          : 3;
    m_target->setCurrentIndex(index);
    m_target->setToolTip(m_targetValue);
    if (isRunning())
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker, t = m_targetValue] { w->setTarget(t); }, Qt::QueuedConnection);
}

void LivePanel::chooseTarget(int index)
{
    if (index <= 2) {
        setTarget(QStringList{"green", "white", "black"}.at(index));
    } else if (index == 3) {
        const QColor c = QColorDialog::getColor(QColor(120, 255, 155), this, tr("Background colour"));
        setTarget(c.isValid() ? c.name() : m_targetValue);
    } else {
        const QString f = QFileDialog::getOpenFileName(this, tr("New background image"), QString(),
                                                       tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)"));
        setTarget(f.isEmpty() ? m_targetValue : f);
    }
}

void LivePanel::setRecordFolder(const QString& folder) { m_recordFolder->setText(QDir::toNativeSeparators(folder)); }

LiveSetup LivePanel::setup() const
{
    LiveSetup s;
    s.network.checkpoint = checkpoint();
    s.network.device = AppSettings::device();
    m_refine->readInto(s.network);
    s.camera = m_sourceKind->currentData() == "camera";
    s.cameraIndex = m_camera->value();
    s.file = QDir::fromNativeSeparators(m_file->text().trimmed());
    const QSize size = FrameSizes.value(m_size->currentIndex());
    s.width = size.width() > 0 ? size.width() : 0;
    s.height = size.height() > 0 ? size.height() : 0;
    s.target = m_targetValue;
    return s;
}

QString LivePanel::problem() const
{
    if (checkpoint().isEmpty())
        return tr("Choose a checkpoint.");
    if (!QFileInfo(checkpoint()).isFile())
        return tr("The checkpoint %1 does not exist.").arg(QDir::toNativeSeparators(checkpoint()));
    if (m_sourceKind->currentData() == "file") {
        const QString file = QDir::fromNativeSeparators(m_file->text().trimmed());
        if (file.isEmpty())
            return tr("Choose a video file, or switch the source to a camera.");
        if (!QFileInfo(file).isFile())
            return tr("The video %1 does not exist.").arg(QDir::toNativeSeparators(file));
    }
    return {};
}

void LivePanel::start()
{
    if (isRunning())
        return;
    const QString p = problem();
    if (!p.isEmpty()) {
        ErrorReporter::warning(this, tr("Cannot start the live view yet"), p);
        return;
    }
    storeState();
    m_state = State::Starting;
    m_hasBackground = false;
    m_status = LiveStatus();
    m_view->clear();
    updateState();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, s = setup()] { w->start(s); }, Qt::QueuedConnection);
}

void LivePanel::stop()
{
    if (!isRunning())
        return;
    QMetaObject::invokeMethod(m_worker, &LiveWorker::stop, Qt::QueuedConnection);
}

void LivePanel::captureBackground()
{
    if (m_state != State::Running)
        return;
    QMetaObject::invokeMethod(m_worker, &LiveWorker::captureBackground, Qt::QueuedConnection);
}

void LivePanel::loadBackground(const QString& imagePath)
{
    if (m_state != State::Running)
        return;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, imagePath] { w->loadBackground(imagePath); }, Qt::QueuedConnection);
}

void LivePanel::startRecording()
{
    if (m_state != State::Running) {
        m_record->setChecked(false);
        return;
    }
    const QString folder = QDir::fromNativeSeparators(m_recordFolder->text().trimmed());
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        m_record->setChecked(false);
        ErrorReporter::error(this, tr("Cannot record"), tr("Choose a folder for recordings that can be written."),
                             folder);
        return;
    }
    m_recordPath =
        QDir(folder).filePath(QString("live-%1.mp4").arg(QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss")));
    m_record->setChecked(true);
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, path = m_recordPath] { w->startRecording(path); }, Qt::QueuedConnection);
}

void LivePanel::stopRecording()
{
    QMetaObject::invokeMethod(m_worker, &LiveWorker::stopRecording, Qt::QueuedConnection);
}

void LivePanel::sendRefinement()
{
    if (m_state != State::Running)
        return;
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, s = setup().network] { w->setRefinement(s); }, Qt::QueuedConnection);
}

void LivePanel::onFrame(const QImage& image, bool matted, const LiveStatus& status)
{
    if (m_state != State::Running) {
        m_worker->frameShown();
        return;
    }
    m_status = status;
    m_view->setImage(image);
    m_view->setOverlay(matted ? tr("%1 frames/s").arg(status.framesPerSecond, 0, 'f', 1)
                              : tr("Camera picture: not matted yet"));
    if (!m_view->isVisible())
        m_worker->frameShown();  // nothing paints while the panel is hidden
    updateStatusText();
    Q_EMIT frameDisplayed(matted, status);
}

void LivePanel::onStopped(const QString& error)
{
    if (m_state == State::Stopped)
        return;
    m_state = State::Stopped;
    m_record->setChecked(false);
    if (!error.isEmpty()) {
        QMetaObject::invokeMethod(m_worker, &LiveWorker::stop, Qt::QueuedConnection);  // release the source
        ErrorReporter::error(this, tr("The live view stopped"), tr("The live view stopped by itself."), error);
    }
    m_view->setOverlay(tr("Stopped"));
    updateState();
    updateStatusText();
    Q_EMIT stopped(error);
}

void LivePanel::onFailed(const QString& action, const QString& message)
{
    if (action == "start") {
        m_state = State::Stopped;
        updateState();
        ErrorReporter::error(this, tr("Cannot start the live view"),
                             tr("The source or the checkpoint could not be opened."), message);
        Q_EMIT stopped(message);
    } else if (action == "background") {
        ErrorReporter::error(this, tr("Cannot use this background"), tr("The photo cannot be the clean plate."),
                             message);
    } else if (action == "record") {
        m_record->setChecked(false);
        ErrorReporter::error(this, tr("Recording failed"), tr("The live output could not be recorded."), message);
    } else {
        ErrorReporter::error(this, tr("Setting not applied"), tr("The live view keeps its previous setting."), message);
    }
    updateState();
}

void LivePanel::updateStatusText()
{
    QStringList parts;
    if (m_state == State::Starting)
        parts << tr("Opening the source and loading the network…");
    if (m_state == State::Running) {
        parts << m_sourceText;
        if (!m_hasBackground)
            parts << tr("Step out of the picture and press “Capture background”; matting starts then.");
        else
            parts << tr("%1 frames/s, latency %2 ms (p90 %3 ms), network %4 ms")
                         .arg(m_status.framesPerSecond, 0, 'f', 1)
                         .arg(qRound(m_status.latencyMedian * 1000))
                         .arg(qRound(m_status.latencyP90 * 1000))
                         .arg(qRound(m_status.networkSeconds * 1000));
        parts
            << tr("%1 of %2 source frames dropped (the network was busy)").arg(m_status.dropped).arg(m_status.captured);
        if (m_status.recording)
            parts << tr("recording %1 frames to %2")
                         .arg(m_status.recordedFrames)
                         .arg(QDir::toNativeSeparators(m_recordPath));
    }
    m_statusLine->setText(parts.join("  ·  "));
}

void LivePanel::updateState()
{
    const QString p = problem();
    const bool stopped = m_state == State::Stopped, running = m_state == State::Running;
    m_problem->setText(stopped ? p : QString());
    m_problem->setVisible(stopped && !p.isEmpty());
    m_start->setEnabled(!stopped || p.isEmpty());
    m_start->setText(stopped ? tr("Start") : tr("Stop"));
    m_start->setIcon(style()->standardIcon(stopped ? QStyle::SP_MediaPlay : QStyle::SP_MediaStop));
    m_capture->setEnabled(running);
    m_loadBackground->setEnabled(running);
    m_capture->setText(m_hasBackground && running ? tr("Capture background again") : tr("Capture background"));
    m_record->setEnabled(running);
    m_record->setText(m_record->isChecked() ? tr("Stop recording") : tr("Record"));
    m_sourceBox->setEnabled(stopped);
    m_checkpoint->setEnabled(stopped);
    m_browseCheckpoint->setEnabled(stopped);
    const bool camera = m_sourceKind->currentData() == "camera";
    m_camera->setVisible(camera);
    m_cameraLabel->setVisible(camera);
    m_file->setVisible(!camera);
    m_fileLabel->setVisible(!camera);
    m_browseFile->setVisible(!camera);
    m_recordFolder->setEnabled(!m_record->isChecked());
    updateStatusText();
}

void LivePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void LivePanel::retranslateUi()
{
    m_sourceBox->setTitle(tr("Source"));
    m_sourceKind->setItemText(0, tr("Camera"));
    m_sourceKind->setItemText(1, tr("Video file (stands in for a camera)"));
    m_sourceKind->setToolTip(
        tr("Cameras are opened through OpenCV; a video file plays at its own frame rate and loops"));
    m_cameraLabel->setText(tr("Camera:"));
    m_camera->setToolTip(tr("The camera's number: 0 is the first one the system lists"));
    m_fileLabel->setText(tr("Video:"));
    m_browseFile->setToolTip(tr("Choose a video file"));
    m_sizeLabel->setText(tr("Frame size:"));
    m_size->setItemText(0, tr("as the source delivers"));
    m_size->setToolTip(tr("Smaller frames matte faster; cameras are asked for this size"));
    m_networkBox->setTitle(tr("Network"));
    m_checkpointLabel->setText(tr("Checkpoint:"));
    m_checkpoint->setPlaceholderText(tr(".pth, .safetensors or TorchScript file"));
    m_browseCheckpoint->setToolTip(tr("Choose a checkpoint file"));
    m_refine->retranslate();
    m_outputBox->setTitle(tr("Output"));
    m_targetLabel->setText(tr("Composite onto:"));
    m_target->setItemText(0, tr("Green"));
    m_target->setItemText(1, tr("White"));
    m_target->setItemText(2, tr("Black"));
    m_target->setItemText(3, tr("Solid colour…"));
    m_target->setItemText(4, tr("Image…"));
    m_recordLabel->setText(tr("Recordings:"));
    m_recordFolder->setPlaceholderText(tr("folder for live-<date>-<time>.mp4"));
    m_browseRecord->setToolTip(tr("Choose the folder for recordings"));
    m_capture->setToolTip(tr("Grab the next frame as the clean plate: the scene without the person"));
    m_loadBackground->setToolTip(tr("Use a photo of the empty scene as the clean plate (the source's size)"));
    m_record->setToolTip(tr("Record what is shown, in real time, to an MPEG-4 video"));
    m_view->setPlaceholder(tr("Choose a camera or a video, then Start. Step out of the picture, press "
                              "“Capture background”, and step back in."));
    updateState();
    if (auto* scroll = findChild<QScrollArea*>("liveForm"))
        scroll->setMinimumWidth(scroll->widget()->minimumSizeHint().width() + 24);
}

}  // namespace ui
}  // namespace ms
