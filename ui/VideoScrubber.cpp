#include "ui/VideoScrubber.h"

#include <QEvent>

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QToolButton>
#include <cmath>

namespace ms {
namespace ui {

VideoScrubber::VideoScrubber(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("videoScrubber");
    m_play = new QToolButton(this);
    m_play->setObjectName("videoPlay");
    m_play->setCheckable(true);
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName("videoFrameSlider");
    m_slider->setRange(0, 0);
    m_slider->setPageStep(10);
    m_position = new QLabel(this);
    m_position->setObjectName("videoPosition");
    m_position->setMinimumWidth(fontMetrics().horizontalAdvance("Frame 00000 / 00000  00:00.00") + 8);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_play);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_position);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        updateLabel();
        if (!m_silent)
            Q_EMIT frameRequested(value);
    });
    connect(m_play, &QToolButton::toggled, this, [this](bool on) {
        m_play->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        Q_EMIT playingChanged(on);
    });
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    retranslateUi();
}

void VideoScrubber::setVideo(int frameCount, double fps)
{
    m_fps = fps;
    m_silent = true;
    m_slider->setRange(0, std::max(0, frameCount - 1));
    m_silent = false;
    updateLabel();
}

int VideoScrubber::frameCount() const { return m_slider->maximum() + 1; }

void VideoScrubber::setFrame(int frame)
{
    m_silent = true;
    m_slider->setValue(frame);
    m_silent = false;
    updateLabel();
}

int VideoScrubber::frame() const { return m_slider->value(); }

void VideoScrubber::setPlaying(bool playing) { m_play->setChecked(playing); }
bool VideoScrubber::isPlaying() const { return m_play->isChecked(); }

void VideoScrubber::updateLabel()
{
    const int frame = m_slider->value();
    QString text = tr("Frame %1 / %2").arg(frame + 1).arg(frameCount());
    if (m_fps > 0) {
        const double seconds = frame / m_fps;
        text += QString("  %1:%2")
                    .arg(int(seconds) / 60, 2, 10, QChar('0'))
                    .arg(std::fmod(seconds, 60.0), 5, 'f', 2, QChar('0'));
    }
    m_position->setText(text);
}

void VideoScrubber::retranslateUi()
{
    m_play->setToolTip(tr("Play the matted video from this frame (frames the network has no time for are skipped)"));
    m_slider->setToolTip(tr("Frame to preview; matted frames are kept, so going back is instant"));
    updateLabel();
}

void VideoScrubber::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

}  // namespace ui
}  // namespace ms
