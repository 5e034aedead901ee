#include "worker/MattingWorker.h"

#include "core/Allocator.h"
#include "core/CancelToken.h"
#include "core/Error.h"
#include "infer/Alignment.h"
#include "infer/Compositor.h"
#include "infer/ImageIO.h"
#include "infer/ImagePairs.h"
#include "infer/ImagePipeline.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <filesystem>
#include <mutex>

namespace ms {

struct MattingWorker::State {
    std::unique_ptr<MattingSession> session;
    MattingSetup setup;
    std::mutex cancelMutex;
    CancelTokenPtr cancel = std::make_shared<CancelToken>();
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

std::vector<ImagePair> toPairs(const QList<MattePair>& pairs)
{
    std::vector<ImagePair> out;
    for (const MattePair& p : pairs)
        out.push_back({ImageFile{p.source.toStdString(), p.relativeStem.toStdString()}, p.background.toStdString()});
    return out;
}

} // namespace

bool MattingSetup::operator==(const MattingSetup& o) const
{
    return checkpoint == o.checkpoint && device == o.device && refineMode == o.refineMode &&
           refineSamplePixels == o.refineSamplePixels && refineThreshold == o.refineThreshold &&
           backboneScale == o.backboneScale && alignBackground == o.alignBackground;
}

MattingWorker::MattingWorker(QObject* parent)
    : QObject(parent)
    , m_state(std::make_unique<State>())
{
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
    for (const ImagePair& p : pairImages(collectImages(toStd(sources)), collectImages(toStd(backgrounds))))
        out.push_back({QString::fromStdString(p.source.path), QString::fromStdString(p.background),
                       QString::fromStdString(p.source.relativeStem)});
    return out;
}

QStringList MattingWorker::existingOutputs(const QList<MattePair>& pairs, const MatteSaveOptions& options)
{
    const OutputWriter writer(outputOptions(options));
    QStringList existing;
    for (const MattePair& p : pairs)
        for (const std::string& path : writer.pathsFor(p.relativeStem.toStdString()))
            if (std::filesystem::exists(path))
                existing << QString::fromStdString(path);
    return existing;
}

void MattingWorker::load(const MattingSetup& setup)
{
    if (m_state->session && m_state->setup == setup) {
        Q_EMIT loaded(setup.checkpoint, QString::fromStdString(m_state->session->describe()),
                      QString::fromStdString(m_state->session->loadReport().summary()));
        return;
    }
    try {
        SessionOptions options;
        options.checkpoint = setup.checkpoint.toStdString();
        options.device = setup.device.toStdString();
        const auto mode = parseRefineMode(setup.refineMode.toStdString());
        if (!mode)
            throw Error("unknown refine mode '" + setup.refineMode.toStdString() + "'");
        options.spec.refineMode = *mode;
        options.spec.refineSamplePixels = setup.refineSamplePixels;
        options.spec.refineThreshold = setup.refineThreshold;
        options.spec.backboneScale = setup.backboneScale;
        validate(options.spec);
        auto session = std::make_unique<MattingSession>(options);
        session->setWarningHandler([this](const std::string& w) { Q_EMIT warning(QString::fromStdString(w)); });
        m_state->session = std::move(session);
        m_state->setup = setup;
        Q_EMIT loaded(setup.checkpoint, QString::fromStdString(m_state->session->describe()),
                      m_state->session->isTorchScript()
                          ? QString("TorchScript")
                          : QString::fromStdString(m_state->session->loadReport().summary()));
    } catch (const std::exception& e) {
        Q_EMIT failed("load", QString::fromStdString(e.what()));
    }
}

void MattingWorker::preview(const QString& source, const QString& background)
{
    if (!m_state->session) {
        Q_EMIT failed("preview", "no checkpoint is loaded");
        return;
    }
    try {
        const torch::Tensor src = readImageRgb(source.toStdString());
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
        if (m_state->setup.alignBackground)
            bgr = alignBackground(src, bgr, [this](const std::string& w) { Q_EMIT warning(QString::fromStdString(w)); });
        QElapsedTimer timer;
        timer.start();
        MattingOutput out;
        {
            torch::NoGradGuard noGrad;
            out = m_state->session->run(src, bgr);
        }
        MattePreview p;
        p.seconds = timer.nsecsElapsed() / 1e9;
        p.checkpoint = m_state->setup.checkpoint;
        p.source = source;
        p.background = background;
        p.src = toQImage(src);
        p.bgr = toQImage(bgr);
        p.pha = toQImage(outputImage(OutputType::Pha, out));
        p.fgr = toQImage(outputImage(OutputType::Fgr, out));
        p.err = toQImage(outputImage(OutputType::Err, out));
        p.ref = toQImage(outputImage(OutputType::Ref, out));
        p.com = toQImage(outputImage(OutputType::Com, out));
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
        PipelineOptions pipelineOptions;
        if (m_state->setup.alignBackground)
            pipelineOptions.alignBackground = [this](const torch::Tensor& s, const torch::Tensor& b) {
                return alignBackground(s, b, [this](const std::string& w) { Q_EMIT warning(QString::fromStdString(w)); });
            };
        ImagePipeline pipeline(*m_state->session, writer, pipelineOptions);
        const PipelineResult result =
            pipeline.run(toPairs(pairs), cancel.get(), [this](int done, int total, const std::string& label) {
                Q_EMIT progress(done, total, QString::fromStdString(label));
            });
        QStringList failures;
        for (const std::string& f : result.failures)
            failures << QString::fromStdString(f);
        Q_EMIT saved(result.succeeded, failures, result.cancelled, options.outputDir);
    } catch (const std::exception& e) {
        Q_EMIT failed("save", QString::fromStdString(e.what()));
    }
    releaseFreeMemory();  // the job's images were kept for reuse while it ran
}

} // namespace ms
