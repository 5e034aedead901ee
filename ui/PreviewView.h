#pragma once
// Shows a matted pair: the composite over a checkerboard, a colour or a new background, or any
// single map (alpha, foreground, error, refinement, source). Zoom (wheel, fit, 1:1) and pan (drag);
// a before/after split with a draggable divider; two checkpoints side by side with one shared view.
#include "worker/MattingWorker.h"

#include <QColor>
#include <QImage>
#include <QPointF>
#include <QWidget>

#include <optional>

namespace ms {
namespace ui {

class PreviewView : public QWidget {
    Q_OBJECT
public:
    enum class Map { Composite, Alpha, Foreground, Error, Refinement, Source };
    enum class Backdrop { Checkerboard, Colour, Image };

    explicit PreviewView(QWidget* parent = nullptr);

    void setPreview(const MattePreview& preview);
    // A second result on the same image, shown beside the first; cleared by clearCompare().
    void setComparePreview(const MattePreview& preview);
    void clearCompare();
    void clear();
    bool hasPreview() const { return !m_first.src.isNull(); }
    bool isComparing() const { return m_second.has_value(); }
    const MattePreview& preview() const { return m_first; }

    void setMap(Map map);
    Map map() const { return m_map; }
    void setBackdrop(Backdrop backdrop);
    void setBackdropColour(const QColor& colour);
    void setBackdropImage(const QImage& image);
    Backdrop backdrop() const { return m_backdrop; }
    void setSplit(bool split);  // before (source) | after (current map)
    bool isSplit() const { return m_split; }
    void setSplitPosition(double fraction);

    double zoom() const { return m_scale; }  // screen pixels per image pixel
    void zoomBy(double factor, const QPointF& anchor = QPointF(-1, -1));
    void fitToView();
    void actualSize();  // 1:1
    // The picture of a result as drawn for the current map and backdrop, at the image's size.
    QImage rendered(bool second = false) const;

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QImage mapImage(const MattePreview& p) const;
    void drawPane(class QPainter& painter, const QRect& pane, const MattePreview& p, const QImage& picture);
    QRectF imageRect(const QRect& pane) const;
    QList<QRect> panes() const;
    void updatePictures();
    bool nearDivider(const QPointF& pos) const;

    MattePreview m_first;
    std::optional<MattePreview> m_second;
    QImage m_firstPicture, m_secondPicture;  // cached renderings of the current map
    Map m_map = Map::Composite;
    Backdrop m_backdrop = Backdrop::Checkerboard;
    QColor m_colour = QColor(120, 255, 155);  // the reference's green
    QImage m_backdropImage;
    bool m_split = false;
    double m_splitAt = 0.5;
    bool m_fit = true;
    double m_scale = 1.0;
    QPointF m_centre;  // image point shown at the pane's centre
    enum class Drag { None, Pan, Divider } m_drag = Drag::None;
    QPointF m_lastPos;
};

}  // namespace ui
}  // namespace ms
