#pragma once
// The Matting panel: what to matte (MattingForm: the network, the sources paired with their
// captured backgrounds, the outputs) beside matting it (MattingRunController: Preview, "Matte and
// save all" with progress and cancel, the live preview, optionally against a second checkpoint,
// and video frames). The panel joins them to the project, takes drops, says what stops a preview or
// a save, and asks before overwriting.
#include "worker/MattingWorker.h"

#include <QWidget>

class QLabel;
class QScrollArea;

namespace ms {
namespace ui {

class MattingForm;
class MattingRunController;
struct MattingJob;
class PreviewView;
class Project;
class VideoScrubber;

class MattingPanel : public QWidget {
    Q_OBJECT
public:
    explicit MattingPanel(QWidget* parent = nullptr);
    ~MattingPanel() override;

    void setProject(Project* project);
    void storeState();  // into the project (the main window saves it)

    MattingForm* form() const { return m_form; }
    MattingRunController* run() const { return m_run; }
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
    QList<MattePair> pairs() const;
    bool isScanning() const;
    void selectPair(int index);
    int currentPair() const;
    void setOutputDir(const QString& folder);
    void setOutputTypes(const QStringList& types);
    QStringList outputTypes() const;
    MattingSetup setup() const;
    // Empty when Preview/Save can run; else what is missing.
    QString problem(bool forSaving) const;
    bool isBusy() const;
    PreviewView* previewView() const;
    // Video sources: the frame controls under the preview (visible once a frame is shown).
    VideoScrubber* videoScrubber() const;
    // Shows frame `frame` of the current video: from the cache at once, else matted (the newest
    // request wins while one is in flight).
    void showFrame(int frame);
    int cachedFrames() const;

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
    void updateState();  // the problem line and the run's buttons, from the form
    MattingJob job() const;
    void fitFormWidth();

    Project* m_project = nullptr;
    bool m_previewWhenPaired = false;
    MattingForm* m_form;
    QScrollArea* m_formScroll;
    QLabel* m_problem;
    MattingRunController* m_run;
};

}  // namespace ui
}  // namespace ms
