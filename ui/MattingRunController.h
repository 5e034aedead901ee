#pragma once
// Matting as the user runs and watches it: Preview, "Matte and save all" and Cancel with progress
// and time left, and the preview (maps, backdrops, before/after, zoom) with a second network's
// result beside it and, for videos, frames scrubbed and played from a cache. It owns the matting
// workers and their threads; what to matte comes from outside (setJobSource, save).
#include "ui/PreviewCache.h"
#include "worker/MattingWorker.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QToolButton;

namespace ms {
namespace ui {

class PreviewView;
class VideoScrubber;

// What a preview works on now: the network and its settings (the device included), the pair
// chosen, a second network to compare with, and whether the inputs allow a preview and a save.
struct MattingJob {
    MattingSetup setup;
    std::optional<MattePair> current;
    QString compareCheckpoint;  // empty: no comparison
    bool canPreview = false, canSave = false;
};

class MattingRunController : public QWidget {
    Q_OBJECT
public:
    explicit MattingRunController(QWidget* parent = nullptr);
    ~MattingRunController() override;

    // Where the job comes from: asked afresh whenever the controller starts work or shows a frame
    // (so a device or file that changed meanwhile counts). jobChanged(): the buttons ask again.
    void setJobSource(std::function<MattingJob()> source);
    void jobChanged();
    // Loads the network (a no-op when it is loaded with these settings) and mattes the current pair:
    // an image, or a video at the frame shown (its first frame for another source).
    void preview();
    // Loads the network and mattes every pair into `options` (the caller has asked before
    // overwriting), with progress and cancel.
    void save(const QList<MattePair>& pairs, const MatteSaveOptions& options);
    void cancel();
    // Shows frame `frame` of the current video: from the cache at once, else matted (the newest
    // request wins while one is in flight).
    void showFrame(int frame);

    bool isBusy() const { return m_busy; }
    int cachedFrames() const { return m_cache.size(); }
    PreviewView* previewView() const { return m_view; }
    VideoScrubber* videoScrubber() const { return m_scrubber; }

Q_SIGNALS:
    void previewRequested();  // the Preview button
    void saveRequested();     // the "Matte and save all" button
    void busyChanged(bool busy);
    void networkLoading(const QString& checkpointName);
    void networkLoaded(const QString& description, const QString& summary);
    void networkFailed();
    void previewUpdated();
    // A video frame is on screen; fromCache: shown without running the network.
    void frameShown(int frame, bool fromCache);
    void comparisonUpdated();
    void saveFinished(int succeeded, int failed, bool cancelled);

protected:
    void changeEvent(QEvent* event) override;

private:
    enum class After { Nothing, Preview, Save };
    void buildLayout();
    void connectWorkers();
    void retranslateUi();
    void updateButtons();
    void setBusy(bool busy);
    void requestLoad(After after);
    void onLoaded(const QString& checkpoint, const QString& description, const QString& summary);
    void onFailed(const QString& action, const QString& message);
    void onSaved(int succeeded, const QStringList& failures, bool cancelled, const QString& outputDir);
    void onProgress(int done, int total, const QString& label);
    void onPreviewReady(const MattePreview& preview);
    void showPreview(const MattePreview& preview);
    void requestCompare(const MattePreview& shown);
    void sendCompare();
    QString frameCacheKey() const;
    bool currentIsVideo() const;
    void onPlayingChanged(bool playing);
    void playTick();
    void chooseBackdrop(int index);

    MattingJob job() const;

    std::function<MattingJob()> m_jobSource;
    After m_after = After::Nothing;
    bool m_busy = false;
    bool m_saving = false;  // busy with a save (not a preview)
    QList<MattePair> m_savePairs;
    MatteSaveOptions m_saveOptions;

    // Video frames: matted ones are kept; one request in flight, the newest waiting behind it.
    PreviewCache m_cache;
    bool m_frameInFlight = false;
    int m_pendingFrame = -1;
    QString m_inFlightKey;
    QTimer m_playTimer;
    QElapsedTimer m_playClock;
    int m_playFrom = 0;
    // The comparison network, likewise one request at a time.
    bool m_compareInFlight = false;
    std::optional<MattePreview> m_compareNext;  // source, background and frame of the next request
    // Progress of a save: time left from the rate of the current stage (images, or one video).
    QElapsedTimer m_stageClock;
    int m_stageStart = 0, m_stageTotal = -1, m_lastDone = 0;

    QThread m_thread, m_compareThread;
    MattingWorker* m_worker;
    MattingWorker* m_compareWorker;

    QPushButton* m_preview;
    QPushButton* m_save;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    QComboBox* m_map;
    QComboBox* m_backdrop;
    QToolButton* m_split;
    QToolButton* m_fit;
    QToolButton* m_oneToOne;
    QLabel* m_zoom;
    QLabel* m_timing;
    PreviewView* m_view;
    VideoScrubber* m_scrubber;
};

}  // namespace ui
}  // namespace ms
