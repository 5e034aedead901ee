#include "worker/MattingWorker.h"

#include "core/Allocator.h"
#include "core/CancelToken.h"
#include "core/Error.h"
#include "infer/Alignment.h"
#include "infer/Compositor.h"
#include "infer/ImagePairs.h"
#include "infer/ImagePipeline.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "infer/VideoJob.h"
#include "io/ImageIO.h"
#include "io/MediaFiles.h"
#include "io/VideoIO.h"
#include "platform/Paths.h"
#include "worker/SetupSpec.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <filesystem>
#include <mutex>

namespace ms {

struct MattingWorker::State {
    std::unique_ptr<MattingSession> session;
    MattingSetup setup;
    std::unique_ptr<VideoReader> video;  // the video being previewed, positioned after the last frame shown
    int videoFrames = 0;
    std::mutex cancelMutex;
    CancelTokenPtr cancel = std::make_shared<CancelToken>();
    std::function<void(const std::string&)> warn;

    // Mattes `src` (a read image or a decoded frame) with its background into every preview map.
    MattePreview matte(const torch::Tensor& src, const QString& source, const QString& background, int frame);
};

namespace {

std::vector<std::string> toStd(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

// (C,H,W) or (1,C,H,W) in [0,1] -> QImage, 8 bits truncated like the written files.
QImage toQImage(const torch::Tensor& image)
{
    torch::Tensor t = image.dim() == 4 ? image.squeeze(0) : image;
    t = t.detach().to(torch::kCPU, torch::kFloat32).clamp(0, 1).mul(255).to(torch::kUInt8);
    const int64_t channels = t.size(0), h = t.size(1), w = t.size(2);
    t = t.permute({1, 2, 0}).contiguous();
    QImage::Format format = QImage::Format_Grayscale8;
    if (channels == 3)
        format = QImage::Format_RGB888;
    else if (channels == 4)
        format = QImage::Format_RGBA8888;
    const QImage view(t.data_ptr<uint8_t>(), int(w), int(h), int(w * channels), format);
    return view.copy();
}

OutputOptions outputOptions(const MatteSaveOptions& o)
{
    OutputOptions out;
    out.outputDir = o.outputDir.toStdString();
    out.types = parseOutputTypes(toStd(o.types));
    out.format = o.format.toStdString();
    out.bitDepth = o.bitDepth;
    if (!o.comTarget.isEmpty())
        out.comTarget = parseCompositeTarget(o.comTarget.toStdString());
    return out;
}

// A video's outputs go to a folder of their own, named like the video: <output>/<name>/<type>.mp4.
QString videoOutputDir(const MatteSaveOptions& o, const MattePair& p) { return o.outputDir + "/" + p.relativeStem; }

std::vector<ImagePair> toPairs(const QList<MattePair>& pairs)
{
    std::vector<ImagePair> out;
    for (const MattePair& p : pairs)
        out.push_back({ImageFile{p.source.toStdString(), p.relativeStem.toStdString()}, p.background.toStdString()});
    return out;
}

}  // namespace

bool MattingSetup::operator==(const MattingSetup& o) const
{
    return checkpoint == o.checkpoint && device == o.device && refineMode == o.refineMode &&
           refineSamplePixels == o.refineSamplePixels && refineThreshold == o.refineThreshold &&
           backboneScale == o.backboneScale && alignBackground == o.alignBackground;
}

MattePreview MattingWorker::State::matte(const torch::Tensor& src, const QString& source, const QString& background,
                                         int frame)
{
    torch::Tensor bgr = readImageRgb(background.toStdString());
    if (src.sizes() != bgr.sizes())
        throw Error(QString("%1 is %2x%3 but its background %4 is %5x%6: they must be the same size")
                        .arg(QFileInfo(source).fileName())
                        .arg(src.size(3))
                        .arg(src.size(2))
                        .arg(QFileInfo(background).fileName())
                        .arg(bgr.size(3))
                        .arg(bgr.size(2))
                        .toStdString());
    if (setup.alignBackground)
        bgr = alignBackground(src, bgr, warn);
    QElapsedTimer timer;
    timer.start();
    MattingOutput out;
    {
        torch::NoGradGuard noGrad;
        out = session->run(src, bgr);
    }
    MattePreview p;
    p.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    p.checkpoint = setup.checkpoint;
    p.source = source;
    p.background = background;
    p.frame = frame;
    p.src = toQImage(src);
    p.bgr = toQImage(bgr);
    p.pha = toQImage(outputImage(OutputType::Pha, out));
    p.fgr = toQImage(outputImage(OutputType::Fgr, out));
    p.err = toQImage(outputImage(OutputType::Err, out));
    p.ref = toQImage(outputImage(OutputType::Ref, out));
    p.com = toQImage(outputImage(OutputType::Com, out));
    return p;
}

MattingWorker::MattingWorker(QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<State>())
{
    m_state->warn = [this](const std::string& w) { Q_EMIT warning(QString::fromStdString(w)); };
    qRegisterMetaType<ms::MattingSetup>();
    qRegisterMetaType<ms::MattePair>();
    qRegisterMetaType<QList<ms::MattePair>>();
    qRegisterMetaType<ms::MattePreview>();
    qRegisterMetaType<ms::MatteSaveOptions>();
}

MattingWorker::~MattingWorker() = default;

void MattingWorker::cancel()
{
    std::lock_guard<std::mutex> lock(m_state->cancelMutex);
    m_state->cancel->cancel();
}

QList<MattePair> MattingWorker::pairInputs(const QStringList& sources, const QStringList& backgrounds)
{
    if (sources.isEmpty())
        throw Error("no source images given");
    if (backgrounds.isEmpty())
        throw Error("no background images given");
    QList<MattePair> out;
    for (const ImagePair& p : pairImages(collectImages(toStd(sources), true), collectImages(toStd(backgrounds))))
        out.push_back({QString::fromStdString(p.source.path), QString::fromStdString(p.background),
                       QString::fromStdString(p.source.relativeStem)});
    return out;
}

QStringList MattingWorker::existingOutputs(const QList<MattePair>& pairs, const MatteSaveOptions& options)
{
    const OutputWriter writer(outputOptions(options));
    QStringList existing;
    for (const MattePair& p : pairs) {
        if (isVideo(p.source)) {
            for (const QString& type : options.types) {
                const QString path = videoOutputDir(options, p) + "/" + type + ".mp4";
                if (QFileInfo::exists(path))
                    existing << path;
            }
            continue;
        }
        for (const std::string& path : writer.pathsFor(p.relativeStem.toStdString()))
            if (std::filesystem::exists(platform::fsPath(path)))
                existing << QString::fromStdString(path);
    }
    return existing;
}

bool MattingWorker::isVideo(const QString& path) { return hasVideoExtension(path.toStdString()); }

bool MattingWorker::isLoaded(const MattingSetup& setup) const { return m_state->session && m_state->setup == setup; }

void MattingWorker::load(const MattingSetup& setup)
{
    try {
        loadSession(setup);
        Q_EMIT loaded(setup.checkpoint, QString::fromStdString(m_state->session->describe()),
                      m_state->session->isTorchScript()
                          ? QString("TorchScript")
                          : QString::fromStdString(m_state->session->loadReport().summary()));
    } catch (const std::exception& e) {
        Q_EMIT failed("load", QString::fromStdString(e.what()));
    }
}

bool MattingWorker::ensureLoaded(const MattingSetup& setup)
{
    try {
        loadSession(setup);
        return true;
    } catch (const std::exception& e) {
        Q_EMIT failed("preview", QString::fromStdString(e.what()));
        return false;
    }
}

void MattingWorker::loadSession(const MattingSetup& setup)
{
    if (isLoaded(setup))
        return;
    SessionOptions options;
    options.checkpoint = setup.checkpoint.toStdString();
    options.device = setup.device.toStdString();
    options.spec = refineSpecOf(setup);
    // Only the refinement or the alignment changed: the loaded network takes them as they are.
    if (m_state->session && m_state->setup.checkpoint == setup.checkpoint && m_state->setup.device == setup.device) {
        m_state->session->setRefineSettings(options.spec);
        m_state->setup = setup;
        return;
    }
    auto session = std::make_unique<MattingSession>(options);
    session->setWarningHandler([this](const std::string& w) { Q_EMIT warning(QString::fromStdString(w)); });
    m_state->session = std::move(session);  // a failed load keeps the previous network
    m_state->setup = setup;
}

void MattingWorker::preview(const QString& source, const QString& background)
{
    if (isVideo(source))
        return previewFrame(source, background, 0);
    try {
        if (!m_state->session)
            throw Error("no checkpoint is loaded");
        Q_EMIT previewReady(m_state->matte(readImageRgb(source.toStdString()), source, background, -1));
    } catch (const std::exception& e) {
        Q_EMIT failed("preview", QString::fromStdString(e.what()));
    }
}

void MattingWorker::previewFrame(const QString& video, const QString& background, int frame)
{
    try {
        if (!m_state->session)
            throw Error("no checkpoint is loaded");
        const std::string path = video.toStdString();
        if (!m_state->video || m_state->video->path() != path) {
            m_state->video.reset();
            auto reader = std::make_unique<VideoReader>(path);
            // The slider needs the true length; containers only estimate it (or say nothing).
            m_state->videoFrames = probeVideo(path, reader->info().frameCount <= 0).frames;
            m_state->video = std::move(reader);
        }
        VideoReader& reader = *m_state->video;
        cv::Mat image;
        if (frame < 0 || !reader.seek(frame) || !reader.read(image)) {
            m_state->video.reset();  // positioned nowhere useful: reopen next time
            throw Error(QString("%1 has no frame %2").arg(QFileInfo(video).fileName()).arg(frame + 1).toStdString());
        }
        MattePreview p = m_state->matte(frameToTensor(image), video, background, frame);
        p.frameCount = std::max(m_state->videoFrames, frame + 1);
        p.fps = reader.info().fps;
        Q_EMIT previewReady(p);
    } catch (const std::exception& e) {
        Q_EMIT failed("preview", QString::fromStdString(e.what()));
    }
}

void MattingWorker::save(const QList<MattePair>& pairs, const MatteSaveOptions& options)
{
    CancelTokenPtr cancel;
    {
        std::lock_guard<std::mutex> lock(m_state->cancelMutex);
        m_state->cancel = std::make_shared<CancelToken>();
        cancel = m_state->cancel;
    }
    if (!m_state->session) {
        Q_EMIT failed("save", "no checkpoint is loaded");
        return;
    }
    QList<MattePair> images, videos;
    for (const MattePair& p : pairs)
        (isVideo(p.source) ? videos : images) << p;
    int succeeded = 0;
    QStringList failures;
    bool cancelled = false;
    try {
        const OutputWriter writer(outputOptions(options));
        if (!options.overwrite) {
            const QStringList existing = existingOutputs(pairs, options);
            if (!existing.isEmpty())
                throw Error(QString("%1 output file(s) exist already (first: %2)")
                                .arg(existing.size())
                                .arg(existing.first())
                                .toStdString());
        }
        if (!images.isEmpty()) {
            PipelineOptions pipelineOptions;
            if (m_state->setup.alignBackground)
                pipelineOptions.alignBackground = [this](const torch::Tensor& s, const torch::Tensor& b) {
                    return alignBackground(s, b, m_state->warn);
                };
            ImagePipeline pipeline(*m_state->session, writer, pipelineOptions);
            const PipelineResult result =
                pipeline.run(toPairs(images), cancel.get(), [this](int done, int total, const std::string& label) {
                    Q_EMIT progress(done, total, QString::fromStdString(label));
                });
            succeeded += result.succeeded;
            for (const std::string& f : result.failures)
                failures << QString::fromStdString(f);
            cancelled = result.cancelled;
        }
        for (const MattePair& p : videos) {
            if (cancelled || cancel->isCancelled()) {
                cancelled = true;
                break;
            }
            const QString name = QFileInfo(p.source).fileName();
            try {
                VideoJobOptions job;
                job.source = p.source.toStdString();
                job.background = p.background.toStdString();
                job.target = options.comTarget.toStdString();  // empty: green, as matte-video
                job.alignBackground = m_state->setup.alignBackground;
                job.outputDir = videoOutputDir(options, p).toStdString();
                job.types = parseOutputTypes(toStd(options.types));
                job.overwrite = true;  // checked above for every pair
                VideoJob video(*m_state->session, job);
                video.setWarningHandler(m_state->warn);
                const VideoJobResult result =
                    video.run(cancel.get(), [this, name](int done, int total, const std::string& label) {
                        Q_EMIT progress(done, total, name + ": " + QString::fromStdString(label));
                    });
                if (result.cancelled)
                    cancelled = true;
                else
                    ++succeeded;
            } catch (const std::exception& e) {
                failures << name + ": " + QString::fromStdString(e.what());
            }
        }
        Q_EMIT saved(succeeded, failures, cancelled, options.outputDir);
    } catch (const std::exception& e) {
        Q_EMIT failed("save", QString::fromStdString(e.what()));
    }
    releaseFreeMemory();  // the job's images were kept for reuse while it ran
}

}  // namespace ms
