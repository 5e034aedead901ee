#pragma once
// The Matting panel: source images (dialog, drag and drop, folders) paired with their captured
// backgrounds, a checkpoint with its refinement settings, a live preview (optionally against a
// second checkpoint) and saving every selected output like `--batch matte`, with progress and cancel.
#include "ui/PreviewCache.h"
#include "worker/MattingWorker.h"

#include <QElapsedTimer>
#include <QThread>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QToolButton;
class QTreeWidget;

namespace ms {
namespace ui {

class PreviewView;
class Project;
class RefineForm;
class VideoScrubber;

class MattingPanel : public QWidget {
    Q_OBJECT
public:
    explicit MattingPanel(QWidget* parent = nullptr);
    ~MattingPanel() override;

    void setProject(Project* project);
    void storeState();  // into the project (the main window saves it)

    void setCheckpoint(const QString& path);
    QString checkpoint() const;
    void setCompareCheckpoint(const QString& path);  // empty: no comparison
    QString compareCheckpoint() const;
    void addSources(const QStringList& filesOrFolders);
    void clearSources();
    void setBackgrounds(const QString& fileOrFolder);
    // The sources paired with their backgrounds. Folders are listed on a thread of their own after
    // every change of sources or backgrounds; until that ends isScanning() is true, pairs() is
    // empty and pairsChanged() follows.
    QList<MattePair> pairs() const { return m_pairs; }
    bool isScanning() const { return m_scanning; }
    void selectPair(int index);
    int currentPair() const;
    void setOutputDir(const QString& folder);
    void setOutputTypes(const QStringList& types);
    QStringList outputTypes() const;
    MattingSetup setup() const;
    // Empty when Preview/Save can run; else what is missing.
    QString problem(bool forSaving) const;
    bool isBusy() const { return m_busy; }
    PreviewView* previewView() const { return m_view; }
    // Video sources: the frame controls under the preview (visible once a frame is shown).
    VideoScrubber* videoScrubber() const { return m_scrubber; }
    // Shows frame `frame` of the current video: from the cache at once, else matted (the newest
    // request wins while one is in flight).
    void showFrame(int frame);
    int cachedFrames() const { return m_cache.size(); }

    void previewCurrent();
    // Previews the current pair as soon as the pairs are known (now, or when the folder scan
    // ends); quietly nothing when something else is missing (problem() says what).
    void previewWhenReady();
    void saveAll();
    void cancel();

Q_SIGNALS:
    void pairsChanged();
    void previewUpdated();
    // A video frame is on screen; fromCache: shown without running the network.
    void frameShown(int frame, bool fromCache);
    void comparisonUpdated();
    void saveFinished(int succeeded, int failed, bool cancelled);
    void busyChanged(bool busy);

protected:
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    enum class After { Nothing, Preview, Save };
    void retranslateUi();
    void buildLayout();
    void repair();
    void refreshPairList();
    void updateState();
    void setBusy(bool busy);
    void requestLoad(After after);
    void onLoaded(const QString& checkpoint, const QString& description, const QString& summary);
    void onFailed(const QString& action, const QString& message);
    void onSaved(int succeeded, const QStringList& failures, bool cancelled, const QString& outputDir);
    MatteSaveOptions saveOptions() const;
    void chooseBackdrop(int index);
    void onPreviewReady(const MattePreview& preview);
    void showPreview(const MattePreview& preview);
    void requestCompare(const MattePreview& shown);
    void sendCompare();
    QString frameCacheKey() const;
    const MattePair* currentVideoPair() const;
    void onPlayingChanged(bool playing);
    void playTick();
    void onProgress(int done, int total, const QString& label);

    Project* m_project = nullptr;
    QStringList m_sources;
    QString m_backgrounds;
    QList<MattePair> m_pairs;
    QString m_pairProblem;
    bool m_scanning = false;
    int m_scanGeneration = 0;  // the newest scan; results of older ones are dropped
    bool m_previewWhenPaired = false;
    QString m_reselect;  // the source of the pair chosen before the scan
    After m_after = After::Nothing;
    bool m_busy = false;
    bool m_saving = false;  // busy with a save (not a preview)

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

    // Network
    QGroupBox* m_networkBox;
    QLabel* m_checkpointLabel;
    QLineEdit* m_checkpoint;
    QToolButton* m_browseCheckpoint;
    QLabel* m_compareLabel;
    QLineEdit* m_compare;
    QToolButton* m_browseCompare;
    QLabel* m_networkInfo;
    RefineForm* m_refine;
    QCheckBox* m_align;
    // Images
    QGroupBox* m_imagesBox;
    QTreeWidget* m_pairList;
    QPushButton* m_addImages;
    QPushButton* m_addFolder;
    QPushButton* m_clear;
    QLabel* m_backgroundsLabel;
    QLineEdit* m_backgroundsEdit;
    QToolButton* m_browseBackgroundFile;
    QToolButton* m_browseBackgroundFolder;
    // Output
    QGroupBox* m_outputBox;
    QLabel* m_outputLabel;
    QLineEdit* m_output;
    QToolButton* m_browseOutput;
    QLabel* m_typesLabel;
    QList<QCheckBox*> m_types;  // com pha fgr err ref
    QLabel* m_formatLabel;
    QComboBox* m_format;
    QComboBox* m_depth;
    QLabel* m_targetLabel;
    QLineEdit* m_target;
    // Run
    QLabel* m_problem;
    QPushButton* m_preview;
    QPushButton* m_save;
    QPushButton* m_cancel;
    QProgressBar* m_progress;
    // Preview
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
