#include "ui/FrameView.h"

#include <QPainter>

namespace ms {
namespace ui {

FrameView::FrameView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("liveFrameView");
    setMinimumSize(320, 240);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void FrameView::setImage(const QImage& image)
{
    m_image = image;
    update();
}

void FrameView::setOverlay(const QString& text)
{
    if (text == m_overlay)
        return;
    m_overlay = text;
    update();
}

void FrameView::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    update();
}

void FrameView::clear()
{
    m_image = QImage();
    m_overlay.clear();
    update();
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(32, 32, 34));
    if (m_image.isNull()) {
        painter.setPen(QColor(200, 200, 200));
        painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    QSize size = m_image.size();
    size.scale(this->size(), Qt::KeepAspectRatio);
    const QRect target(QPoint((width() - size.width()) / 2, (height() - size.height()) / 2), size);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(target, m_image);
    if (!m_overlay.isEmpty()) {
        const QRect box =
            painter.fontMetrics().boundingRect(QRect(0, 0, width() - 24, height()), Qt::TextWordWrap, m_overlay);
        const QRect back = box.translated(target.left() + 8, target.top() + 8).adjusted(-6, -4, 6, 4);
        painter.fillRect(back, QColor(0, 0, 0, 150));
        painter.setPen(Qt::white);
        painter.drawText(back.adjusted(6, 4, -6, -4), Qt::TextWordWrap, m_overlay);
    }
    Q_EMIT painted();
}

}  // namespace ui
}  // namespace ms
