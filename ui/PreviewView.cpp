#include "ui/PreviewView.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ms {
namespace ui {
namespace {

constexpr double MinZoom = 0.02, MaxZoom = 32.0;

QBrush checkerBrush()
{
    QPixmap tile(16, 16);
    tile.fill(QColor(236, 236, 236));
    QPainter p(&tile);
    p.fillRect(0, 0, 8, 8, QColor(200, 200, 200));
    p.fillRect(8, 8, 8, 8, QColor(200, 200, 200));
    return QBrush(tile);
}

}  // namespace

PreviewView::PreviewView(QWidget* parent)
    : QWidget(parent)
{
    setObjectName("previewView");
    setMouseTracking(true);
    setMinimumSize(240, 180);
    setAutoFillBackground(false);
    setFocusPolicy(Qt::StrongFocus);
}

void PreviewView::setPreview(const MattePreview& preview)
{
    const bool sizeChanged = preview.src.size() != m_first.src.size();
    m_first = preview;
    if (m_second && m_second->src.size() != preview.src.size())
        m_second.reset();
    if (sizeChanged)
        m_fit = true;
    updatePictures();
}

void PreviewView::setComparePreview(const MattePreview& preview)
{
    m_second = preview;
    m_split = false;
    m_fit = true;
    updatePictures();
}

void PreviewView::clearCompare()
{
    m_second.reset();
    m_fit = true;
    updatePictures();
}

void PreviewView::clear()
{
    m_first = MattePreview();
    m_second.reset();
    updatePictures();
}

void PreviewView::setMap(Map map)
{
    m_map = map;
    updatePictures();
}

void PreviewView::setBackdrop(Backdrop backdrop)
{
    m_backdrop = backdrop;
    updatePictures();
}

void PreviewView::setBackdropColour(const QColor& colour)
{
    m_colour = colour;
    updatePictures();
}

void PreviewView::setBackdropImage(const QImage& image)
{
    m_backdropImage = image;
    updatePictures();
}

void PreviewView::setSplit(bool split)
{
    m_split = split;
    update();
}

void PreviewView::setSplitPosition(double fraction)
{
    m_splitAt = std::clamp(fraction, 0.0, 1.0);
    update();
}

QImage PreviewView::mapImage(const MattePreview& p) const
{
    switch (m_map) {
    case Map::Alpha: return p.pha;
    case Map::Foreground: return p.fgr;
    case Map::Error: return p.err;
    case Map::Refinement: return p.ref;
    case Map::Source: return p.src;
    case Map::Composite: break;
    }
    if (p.com.isNull())
        return {};
    // The composite: com (straight alpha) over the chosen backdrop.
    QImage out(p.com.size(), QImage::Format_RGB32);
    QPainter painter(&out);
    if (m_backdrop == Backdrop::Colour)
        out.fill(m_colour);
    else if (m_backdrop == Backdrop::Image && !m_backdropImage.isNull())
        painter.drawImage(out.rect(),
                          m_backdropImage.scaled(out.size(), Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation));
    else
        painter.fillRect(out.rect(), checkerBrush());
    painter.drawImage(0, 0, p.com);
    return out;
}

QImage PreviewView::rendered(bool second) const
{
    if (second)
        return m_second ? mapImage(*m_second) : QImage();
    return mapImage(m_first);
}

void PreviewView::updatePictures()
{
    m_firstPicture = mapImage(m_first);
    m_secondPicture = m_second ? mapImage(*m_second) : QImage();
    if (m_fit)
        fitToView();
    update();
}

QList<QRect> PreviewView::panes() const
{
    if (!m_second)
        return {rect()};
    const int half = width() / 2;
    return {QRect(0, 0, half - 1, height()), QRect(half + 1, 0, width() - half - 1, height())};
}

QRectF PreviewView::imageRect(const QRect& pane) const
{
    const QSizeF size = QSizeF(m_first.src.size()) * m_scale;
    const QPointF topLeft = QPointF(pane.center()) - m_centre * m_scale;
    return QRectF(topLeft, size);
}

void PreviewView::fitToView()
{
    m_fit = true;
    if (m_first.src.isNull())
        return;
    const QRect pane = panes().first();
    const QSizeF image = m_first.src.size();
    m_scale = std::clamp(std::min((pane.width() - 8) / image.width(), (pane.height() - 8) / image.height()), MinZoom,
                         MaxZoom);
    m_centre = QPointF(image.width() / 2, image.height() / 2);
    Q_EMIT zoomChanged(m_scale);
    update();
}

void PreviewView::actualSize() { zoomBy(1.0 / m_scale); }

void PreviewView::zoomBy(double factor, const QPointF& anchor)
{
    if (m_first.src.isNull())
        return;
    const QRect pane = panes().first();
    QPointF at = anchor.x() < 0 ? QPointF(pane.center()) : anchor;
    if (m_second && at.x() > width() / 2)
        at.rx() -= width() / 2;  // the right pane mirrors the left one
    // Keep the image point under the anchor where it is.
    const QPointF imagePoint = m_centre + (at - QPointF(pane.center())) / m_scale;
    m_scale = std::clamp(m_scale * factor, MinZoom, MaxZoom);
    m_centre = imagePoint - (at - QPointF(pane.center())) / m_scale;
    m_fit = false;
    Q_EMIT zoomChanged(m_scale);
    update();
}

void PreviewView::drawPane(QPainter& painter, const QRect& pane, const MattePreview& p, const QImage& picture)
{
    painter.save();
    painter.setClipRect(pane);
    const QRectF target = imageRect(pane);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_scale < 1.0);
    if (m_split && !m_second) {
        const double divider = pane.left() + pane.width() * m_splitAt;
        painter.setClipRect(QRectF(pane.left(), pane.top(), divider - pane.left(), pane.height()));
        painter.drawImage(target, p.src);
        painter.setClipRect(QRectF(divider, pane.top(), pane.right() - divider + 1, pane.height()));
        painter.drawImage(target, picture);
        painter.setClipRect(pane);
        painter.setPen(QPen(Qt::white, 2));
        painter.drawLine(QPointF(divider, pane.top()), QPointF(divider, pane.bottom()));
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(divider, pane.center().y()), 7, 7);
        painter.setPen(Qt::white);
        painter.drawText(pane.adjusted(10, 8, -10, -8), Qt::AlignLeft | Qt::AlignTop, tr("Before"));
        painter.drawText(pane.adjusted(10, 8, -10, -8), Qt::AlignRight | Qt::AlignTop, tr("After"));
    } else {
        painter.drawImage(target, picture);
    }
    if (m_second) {
        // Which checkpoint each side shows.
        const QString name = p.checkpoint.section('/', -1);
        const QRect label = painter.fontMetrics().boundingRect(name).adjusted(-6, -3, 6, 3);
        const QRect box = label.translated(pane.left() + 10 - label.left(), pane.top() + 8 - label.top());
        painter.fillRect(box, QColor(0, 0, 0, 150));
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, name);
    }
    painter.restore();
}

void PreviewView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_first.src.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect().adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Pick a checkpoint and images, then Preview. Drop image files here to add them."));
        return;
    }
    const QList<QRect> all = panes();
    drawPane(painter, all[0], m_first, m_firstPicture);
    if (m_second)
        drawPane(painter, all[1], *m_second, m_secondPicture);
}

void PreviewView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_fit)
        fitToView();
}

void PreviewView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.25, steps), event->position());
    event->accept();
}

bool PreviewView::nearDivider(const QPointF& pos) const
{
    return m_split && !m_second && std::abs(pos.x() - width() * m_splitAt) < 8;
}

void PreviewView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_drag = nearDivider(event->position()) ? Drag::Divider : Drag::Pan;
    m_lastPos = event->position();
    setCursor(m_drag == Drag::Divider ? Qt::SplitHCursor : Qt::ClosedHandCursor);
}

void PreviewView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_drag == Drag::Divider) {
        setSplitPosition(event->position().x() / std::max(1, width()));
    } else if (m_drag == Drag::Pan) {
        m_centre -= (event->position() - m_lastPos) / m_scale;
        m_lastPos = event->position();
        m_fit = false;
        update();
    } else {
        setCursor(nearDivider(event->position()) ? Qt::SplitHCursor : Qt::OpenHandCursor);
    }
}

void PreviewView::mouseReleaseEvent(QMouseEvent*)
{
    m_drag = Drag::None;
    setCursor(Qt::OpenHandCursor);
}

void PreviewView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // Double-click toggles between fitting the window and 1:1 at the clicked point.
    if (m_fit)
        zoomBy(1.0 / m_scale, event->position());
    else
        fitToView();
}

void PreviewView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        update();
    QWidget::changeEvent(event);
}

}  // namespace ui
}  // namespace ms
