#pragma once
// Shows the live picture scaled to fit (aspect kept) with a line of text over it; says when it has
// painted a frame, so the producer can send the next one.
#include <QImage>
#include <QWidget>

namespace ms {
namespace ui {

class FrameView : public QWidget {
    Q_OBJECT
public:
    explicit FrameView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    void setOverlay(const QString& text);
    void setPlaceholder(const QString& text);
    void clear();

Q_SIGNALS:
    void painted();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QString m_overlay, m_placeholder;
};

}  // namespace ui
}  // namespace ms
