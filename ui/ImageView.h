#pragma once
// Shows one image scaled to fit, keeping its aspect ratio (training sample grids), with a caption.
#include <QImage>
#include <QWidget>

namespace ms {
namespace ui {

class ImageView : public QWidget {
    Q_OBJECT
public:
    explicit ImageView(QWidget* parent = nullptr);
    void setImage(const QImage& image, const QString& caption = {});
    const QImage& image() const { return m_image; }
    void setPlaceholder(const QString& text);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
    QString m_caption, m_placeholder;
};

}  // namespace ui
}  // namespace ms
