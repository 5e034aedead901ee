// `mattestudio --batch matte-video`: options as the reference's inference_video.py.
#include "cli/Arguments.h"
#include "cli/BatchMain.h"
#include "cli/Commands.h"
#include "cli/Terminal.h"
#include "core/CancelToken.h"
#include "core/Error.h"
#include "core/Threads.h"
#include "infer/MattingSession.h"
#include "infer/OutputWriter.h"
#include "infer/VideoJob.h"

namespace ms::cli {
namespace {}  // namespace

int runMatteVideo(const QStringList& rawArguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Mattes a video against a still background; options follow the reference's inference_video.py.\n"
        "Writes one video per output type (<dir>/<type>.mp4, mp4v, the source's frame rate; pha, err and ref\n"
        "as grey frames) or image sequences (<dir>/<type>/00000.png|jpg). com is the foreground composited\n"
        "onto --video-target-bgr (default: green (120,255,155); in image sequences: transparent RGBA PNG).\n"
        "A target video shorter than the source loops. Ctrl-C stops cleanly: frames already matted are\n"
        "written and the videos stay playable (exit code 130).");
    const ModelOptions model;
    model.addTo(parser);
    const QCommandLineOption src("video-src", "Source video.", "file");
    const QCommandLineOption bgr("video-bgr",
                                 "Still image of the background (the video's size, or use --video-resize).", "image");
    const QCommandLineOption target("video-target-bgr",
                                    "Background for com: an image, a video (loops when shorter than the source), "
                                    "transparent, a colour name, #RRGGBB or R,G,B (default green).",
                                    "image|video|colour");
    const QCommandLineOption resize("video-resize", "Resize frames and background to W H (bilinear) before matting.",
                                    "W H");
    const QCommandLineOption align("preprocess-alignment", "Align the background to each frame (ORB + homography).");
    const QCommandLineOption outDir("output-dir", "Output folder.", "dir");
    const QCommandLineOption types("output-types",
                                   "Any of com pha fgr err ref, comma- or space-separated "
                                   "(default com,pha,fgr).",
                                   "types");
    const QCommandLineOption format("output-format", "video or image_sequences (default video).", "fmt", "video");
    const QCommandLineOption overwrite("y", "Overwrite existing outputs (nothing else is ever deleted).");
    for (const auto* o : {&src, &bgr, &target, &resize, &align, &outDir, &types, &format, &overwrite})
        parser.addOption(*o);

    const QStringList arguments = expandListOptions(rawArguments, {"--output-types", "--video-resize"});
    int exitCode = Success;
    if (!parseArguments(parser, arguments, exitCode))
        return exitCode;
    if (!checkRequired(parser, {&model.checkpoint, &src, &bgr, &outDir}))
        return BadArguments;

    SessionOptions session;
    int threadCount = 0;
    if (!model.read(parser, session, threadCount))
        return BadArguments;

    VideoJobOptions job;
    job.source = parser.value(src).toStdString();
    job.background = parser.value(bgr).toStdString();
    job.target = parser.value(target).toStdString();
    job.alignBackground = parser.isSet(align);
    job.outputDir = parser.value(outDir).toStdString();
    job.overwrite = parser.isSet(overwrite);
    if (parser.isSet(resize)) {
        const QStringList size = parser.values(resize);
        bool okW = false, okH = false;
        job.resizeWidth = size.size() == 2 ? size[0].toInt(&okW) : 0;
        job.resizeHeight = size.size() == 2 ? size[1].toInt(&okH) : 0;
        if (!okW || !okH || job.resizeWidth <= 0 || job.resizeHeight <= 0) {
            printError("--video-resize expects two positive integers W H, got '" + size.join(' ') + "'");
            return BadArguments;
        }
    }
    if (parser.value(format) == "video") {
        job.format = VideoOutputFormat::Video;
    } else if (parser.value(format) == "image_sequences") {
        job.format = VideoOutputFormat::ImageSequences;
    } else {
        printError("--output-format must be video or image_sequences, got '" + parser.value(format) + "'");
        return BadArguments;
    }

    try {
        validate(session.spec);
        if (parser.isSet(types))
            job.types = parseOutputTypes(toStdStrings(parser.values(types)));

        configureThreads(threadCount);
        MattingSession matting(session);
        matting.setWarningHandler([](const std::string& w) { printWarning(QString::fromStdString(w)); });
        VideoJob video(matting, job);
        video.setWarningHandler([](const std::string& w) { printWarning(QString::fromStdString(w)); });
        if (!job.overwrite) {
            const auto existing = video.existingOutputs();
            if (!existing.empty()) {
                printError(QString("%1 output file(s) exist already (first: %2); pass -y to overwrite them")
                               .arg(existing.size())
                               .arg(QString::fromStdString(existing.front())));
                return Failure;
            }
        }
        printLine("Model: " + QString::fromStdString(matting.describe()));
        if (!matting.isTorchScript())
            printLine("Checkpoint: " + QString::fromStdString(matting.loadReport().summary()));
        const VideoInfo& info = video.sourceInfo();
        printLine(QString("Video: %1, %2x%3, %4 frames/s, %5 frames; matting at %6x%7")
                      .arg(QString::fromStdString(job.source))
                      .arg(info.width)
                      .arg(info.height)
                      .arg(info.fps, 0, 'f', 2)
                      .arg(info.frameCount)
                      .arg(video.width())
                      .arg(video.height()));

        // Ctrl-C: decoding stops, frames already matted are written, the videos are closed.
        const std::shared_ptr<CancelToken> cancel = interruptToken();
        ProgressLine progress(video.expectedFrames(), "frames");
        const VideoJobResult result = video.run(cancel.get(), [&](int done, int, const std::string& label) {
            progress.update(done, QString::fromStdString(label));
        });
        progress.finish();
        printLine(QString("%1 %2 frame(s) into %3 in %4 s (%5 frames/s)")
                      .arg(result.cancelled ? "Stopped after" : "Matted")
                      .arg(result.framesWritten)
                      .arg(QString::fromStdString(job.outputDir))
                      .arg(result.seconds, 0, 'f', 1)
                      .arg(result.seconds > 0 ? result.framesWritten / result.seconds : 0.0, 0, 'f', 2));
        for (const std::string& path : result.outputs)
            printLine("  " + QString::fromStdString(path));
        return result.cancelled ? Interrupted : Success;
    } catch (const Error& e) {
        printError(e.what());
        return Failure;
    }
}

}  // namespace ms::cli
