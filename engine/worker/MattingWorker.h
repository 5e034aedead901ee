#pragma once
// Mattes images for the GUI on the thread it lives on: loads a checkpoint once, previews single
// pairs (images for every output map) and saves a list of pairs like `--batch matte`, with progress
// and cancel. Torch-free header: the GUI includes it.
//
// Use: worker->moveToThread(&thread); thread.start(); call load/preview/save through queued
// invocations; cancel() is thread-safe and stops a save after the images in flight.
#include <QImage>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

namespace ms {

struct MattingSetup {
    QString checkpoint;
    QString device = "cpu";
    // Refinement (MattingRefine only; type, backbone and kernel size come from the checkpoint).
    QString refineMode = "sampling";  // full | sampling | thresholding
    int refineSamplePixels = 80000;
    double refineThreshold = 0.1;
    double backboneScale = 0.25;
    bool alignBackground = false;  // ORB + homography alignment of each background first

    bool operator==(const MattingSetup& o) const;
};

struct MattePair {
    QString source, background;
    QString relativeStem;  // output name without extension ("sub/name"), as --batch matte lays it out
};

// Every map of one matted pair (or of one frame of a video source), at the source's size.
struct MattePreview {
    QString checkpoint, source, background;
    int frame = -1;        // video sources: the frame shown (from 0); -1 for images
    int frameCount = 0;    // video sources: frames in the video
    double fps = 0;        // video sources: its frame rate (0 when the file does not say)
    QImage src, bgr;       // RGB888
    QImage pha, err, ref;  // Grayscale8 (err, ref upsampled from the coarse pass)
    QImage fgr;            // RGB888
    QImage com;            // RGBA8888, straight alpha: fgr where pha > 0, alpha = pha (the reference's com)
    double seconds = 0;    // network time
};

struct MatteSaveOptions {
    QString outputDir;
    QStringList types{"com", "pha", "fgr"};  // any of com pha fgr err ref
    QString format = "png";                  // png | jpg for pha, fgr, err, ref
    int bitDepth = 8;                        // 8 | 16
    QString comTarget;                       // empty/transparent, a colour (green, #RRGGBB) or an image
    bool overwrite = false;
};

class MattingWorker : public QObject {
    Q_OBJECT
public:
    explicit MattingWorker(QObject* parent = nullptr);
    ~MattingWorker() override;

    void cancel();  // thread-safe
    // Whether a network is loaded with exactly these settings (call on the worker's thread).
    bool isLoaded(const MattingSetup& setup) const;
    // Loads these settings if they are not loaded yet, without the `loaded` signal (for frame and
    // comparison requests); on failure emits failed("preview", ...) and returns false.
    bool ensureLoaded(const MattingSetup& setup);

    // Pairs sources with backgrounds (files or folders) like --batch matte: one background for
    // all, by name, or by sorted position. Sources may be videos (files, or found in folders),
    // each paired with one still background. Throws ms::Error saying why pairing is impossible.
    static QList<MattePair> pairInputs(const QStringList& sources, const QStringList& backgrounds);
    // Output files a save would overwrite (throws ms::Error for bad options). A video source writes
    // <output>/<name>/<type>.mp4, as --batch matte-video does.
    static QStringList existingOutputs(const QList<MattePair>& pairs, const MatteSaveOptions& options);
    static bool isVideo(const QString& path);

public Q_SLOTS:
    void load(const ms::MattingSetup& setup);
    // A video source previews its first frame.
    void preview(const QString& source, const QString& background);
    // Frame `frame` of a video source (the open video is kept, so stepping on is one decode).
    void previewFrame(const QString& video, const QString& background, int frame);
    // Images through the pipeline of --batch matte, then each video through --batch matte-video's.
    void save(const QList<ms::MattePair>& pairs, const ms::MatteSaveOptions& options);

Q_SIGNALS:
    void loaded(const QString& checkpoint, const QString& description, const QString& loadSummary);
    void previewReady(const ms::MattePreview& preview);
    void progress(int done, int total, const QString& label);
    void saved(int succeeded, const QStringList& failures, bool cancelled, const QString& outputDir);
    void warning(const QString& text);
    // action: "load", "preview", "save". Nothing changed on a failure (a failed load keeps the
    // previous network).
    void failed(const QString& action, const QString& message);

private:
    void loadSession(const MattingSetup& setup);  // throws ms::Error
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace ms

Q_DECLARE_METATYPE(ms::MattingSetup)
Q_DECLARE_METATYPE(ms::MattePair)
Q_DECLARE_METATYPE(ms::MattePreview)
Q_DECLARE_METATYPE(ms::MatteSaveOptions)
