#include "ui/ImageView.h"

#include <QPainter>

namespace ms {
namespace ui {

ImageView::ImageView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(160, 120);
}

void ImageView::setImage(const QImage& image, const QString& caption)
{
    m_image = image;
    m_caption = caption;
    update();
}

void ImageView::setPlaceholder(const QString& text)
{
    m_placeholder = text;
    update();
}

void ImageView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base));
    const QRect area = rect().adjusted(6, 6, -6, m_caption.isEmpty() ? -6 : -26);
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    QSize size = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    if (size.width() > m_image.width() * 4)
        size = m_image.size() * 4;
    const QRect target(area.center() - QPoint(size.width() / 2, size.height() / 2), size);
    p.setRenderHint(QPainter::SmoothPixmapTransform, size.width() < m_image.width());
    p.drawImage(target, m_image);
    if (!m_caption.isEmpty()) {
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(0, height() - 24, width(), 20), Qt::AlignCenter, m_caption);
    }
}

}  // namespace ui
}  // namespace ms
