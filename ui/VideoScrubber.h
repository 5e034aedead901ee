#pragma once
// The frame controls under a video's preview: play/pause, a frame slider and the position as frame
// and time. Moving the slider (drag, click, keys) asks for that frame; the panel decides what is
// shown and tells the scrubber with setFrame().
#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace ms {
namespace ui {

class VideoScrubber : public QWidget {
    Q_OBJECT
public:
    explicit VideoScrubber(QWidget* parent = nullptr);

    void setVideo(int frameCount, double fps);  // fps 0: unknown (25 assumed for playing)
    int frameCount() const;
    double fps() const { return m_fps; }
    void setFrame(int frame);  // moves the slider without asking for the frame
    int frame() const;
    void setPlaying(bool playing);
    bool isPlaying() const;
    QSlider* slider() const { return m_slider; }
    QToolButton* playButton() const { return m_play; }

Q_SIGNALS:
    void frameRequested(int frame);
    void playingChanged(bool playing);

protected:
    void changeEvent(class QEvent* event) override;

private:
    void updateLabel();
    void retranslateUi();

    QToolButton* m_play;
    QSlider* m_slider;
    QLabel* m_position;
    double m_fps = 0;
    bool m_silent = false;
};

}  // namespace ui
}  // namespace ms
