#include "worker/LiveWorker.h"

#include "core/Error.h"
#include "infer/Compositor.h"
#include "infer/LivePipeline.h"
#include "infer/MattingSession.h"
#include "io/ImageIO.h"
#include "worker/SetupSpec.h"

#include <opencv2/imgcodecs.hpp>

#include <QFileInfo>

namespace ms {

struct LiveWorker::State {
    std::unique_ptr<MattingSession> session;
    MattingSetup loaded;  // what `session` was loaded with
    std::unique_ptr<LivePipeline> pipeline;
    std::atomic<bool> announcedPlate{false};
};

namespace {

LiveStatus toStatus(const LiveStats& s)
{
    LiveStatus out;
    out.captured = s.captured;
    out.shown = s.shown;
    out.matted = s.matted;
    out.dropped = s.dropped;
    out.framesPerSecond = s.framesPerSecond;
    out.latencyMedian = s.latencyMedian;
    out.latencyP90 = s.latencyP90;
    out.networkSeconds = s.networkSeconds;
    out.sourceFps = s.sourceFps;
    out.hasBackground = s.hasBackground;
    out.recording = s.recording;
    out.recordedFrames = s.recordedFrames;
    return out;
}

}  // namespace

LiveWorker::LiveWorker(QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<State>())
{
    qRegisterMetaType<ms::LiveSetup>();
    qRegisterMetaType<ms::LiveStatus>();
    qRegisterMetaType<ms::MattingSetup>();
}

LiveWorker::~LiveWorker() { m_state->pipeline.reset(); }

void LiveWorker::start(const LiveSetup& setup)
{
    stopPipeline();  // one that ended by itself (it said so then)
    try {
        const ModelSpec refine = refineSpecOf(setup.network);
        // Loading is the slow part; a restart with the same network keeps it.
        if (!m_state->session || m_state->loaded.checkpoint != setup.network.checkpoint ||
            m_state->loaded.device != setup.network.device) {
            m_state->session.reset();
            SessionOptions options;
            options.checkpoint = setup.network.checkpoint.toStdString();
            options.device = setup.network.device.toStdString();
            options.spec = refine;
            m_state->session = std::make_unique<MattingSession>(options);
            m_state->loaded = setup.network;
        }
        m_state->session->setRefineSettings(refine);

        LiveSourceOptions source;
        source.kind = setup.camera ? LiveSourceOptions::Kind::Camera : LiveSourceOptions::Kind::File;
        source.camera = setup.cameraIndex;
        source.file = setup.file.toStdString();
        source.width = setup.width;
        source.height = setup.height;
        auto live = std::make_unique<LiveSource>(source);

        m_framePosted.store(false);
        m_state->announcedPlate.store(false);
        auto pipeline = std::make_unique<LivePipeline>(
            *m_state->session, std::move(live), [this](const LiveFrame& frame, const LiveStats& stats) {
                if (stats.hasBackground && !m_state->announcedPlate.exchange(true))
                    Q_EMIT backgroundCaptured();
                if (m_framePosted.exchange(true))
                    return;  // the display has not drawn the last one yet: this one is skipped
                const cv::Mat& m = frame.image;
                const QImage image = QImage(m.data, m.cols, m.rows, int(m.step), QImage::Format_BGR888)
                                         .convertToFormat(QImage::Format_RGB888);
                Q_EMIT frameReady(image, frame.matted, toStatus(stats));
            });
        pipeline->setEndHandler([this](const std::string& error) {
            Q_EMIT stopped(QString::fromStdString(error.empty() ? std::string("the source ended") : error));
        });
        pipeline->setTarget(parseCompositeTarget(setup.target.isEmpty() ? "green" : setup.target.toStdString()));
        if (!setup.background.isEmpty()) {
            const cv::Mat plate = readImageFile(setup.background.toStdString(), cv::IMREAD_COLOR);
            if (plate.empty())
                throw Error("cannot read the background image " + setup.background.toStdString());
            pipeline->setBackground(plate);
        }
        const LiveSource& opened = pipeline->source();
        Q_EMIT started(QString::fromStdString(m_state->session->describe()), QString::fromStdString(opened.describe()),
                       opened.size().width, opened.size().height, opened.fps());
        m_state->pipeline = std::move(pipeline);
        m_state->pipeline->start();
    } catch (const std::exception& e) {
        m_state->pipeline.reset();
        Q_EMIT failed("start", QString::fromStdString(e.what()));
    }
}

void LiveWorker::stop()
{
    if (stopPipeline())
        Q_EMIT stopped(QString());
}

bool LiveWorker::stopPipeline()
{
    if (!m_state->pipeline)
        return false;
    if (m_state->pipeline->stats().recording)
        stopRecording();
    try {
        m_state->pipeline->stop();
    } catch (const std::exception& e) {
        Q_EMIT failed("record", QString::fromStdString(e.what()));
    }
    m_state->pipeline.reset();
    return true;
}

void LiveWorker::captureBackground()
{
    if (m_state->pipeline) {
        m_state->announcedPlate.store(false);
        m_state->pipeline->captureBackground();
    }
}

void LiveWorker::loadBackground(const QString& path)
{
    if (!m_state->pipeline)
        return;
    try {
        const cv::Mat plate = readImageFile(path.toStdString(), cv::IMREAD_COLOR);
        if (plate.empty())
            throw Error("cannot read the background image " + path.toStdString());
        m_state->pipeline->setBackground(plate);
        m_state->announcedPlate.store(true);
        Q_EMIT backgroundCaptured();
    } catch (const std::exception& e) {
        Q_EMIT failed("background", QString::fromStdString(e.what()));
    }
}

void LiveWorker::setRefinement(const MattingSetup& network)
{
    if (!m_state->pipeline)
        return;
    try {
        m_state->pipeline->setRefineSettings(refineSpecOf(network));
    } catch (const std::exception& e) {
        Q_EMIT failed("refine", QString::fromStdString(e.what()));
    }
}

void LiveWorker::setTarget(const QString& target)
{
    if (!m_state->pipeline)
        return;
    try {
        m_state->pipeline->setTarget(parseCompositeTarget(target.isEmpty() ? "green" : target.toStdString()));
    } catch (const std::exception& e) {
        Q_EMIT failed("target", QString::fromStdString(e.what()));
    }
}

void LiveWorker::startRecording(const QString& path)
{
    if (!m_state->pipeline) {
        Q_EMIT failed("record", "the live view is not running");
        return;
    }
    try {
        m_state->pipeline->startRecording(path.toStdString());
    } catch (const std::exception& e) {
        Q_EMIT failed("record", QString::fromStdString(e.what()));
    }
}

void LiveWorker::stopRecording()
{
    if (!m_state->pipeline)
        return;
    try {
        const LivePipeline::Recording recording = m_state->pipeline->stopRecording();
        if (!recording.path.empty())
            Q_EMIT recordingFinished(QString::fromStdString(recording.path), recording.frames);
    } catch (const std::exception& e) {
        Q_EMIT failed("record", QString::fromStdString(e.what()));
    }
}

}  // namespace ms
