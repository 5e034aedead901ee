#pragma once
// A QCustomPlot with what training curves need: named series (line or markers, optionally an
// exponentially smoothed companion), log scale, zoom/pan with the mouse, autoscale, a hover
// read-out of the values nearest to the cursor's step, and export as PNG or CSV.
#include <QColor>
#include <QMap>
#include <QPointF>
#include <QVector>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QLabel;
class QToolButton;

namespace ms {
namespace ui {

class CurvePlot : public QWidget {
    Q_OBJECT
public:
    explicit CurvePlot(QWidget* parent = nullptr);

    // Adds a series (id: a stable key; label: the legend text, retranslated by the owner).
    void addSeries(const QString& id, const QColor& colour, bool markers = false, bool visibleInLegend = true);
    void setSeriesLabel(const QString& id, const QString& label);
    // Keeps an exponential moving average of `source` in `id` (TensorBoard-style smoothing).
    void setSmoothed(const QString& id, const QString& source, double weight = 0.9);
    void addPoint(const QString& id, double step, double value);
    void setPoints(const QString& id, const QVector<QPointF>& points);
    void clearData();
    int pointCount(const QString& id) const;
    bool hasSeries(const QString& id) const { return m_graphs.contains(id); }
    void setAxisLabels(const QString& x, const QString& y);

    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    void autoscale();
    bool exportPng(const QString& path);
    bool exportCsv(const QString& path) const;
    // The read-out the hover shows for a step ("step 120 · loss 0.12 · …").
    QString readoutAt(double step) const;
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateUi();
    void replotSoon();

    QCustomPlot* m_plot;
    QLabel* m_readout;
    QToolButton* m_logButton;
    QToolButton* m_autoButton;
    QToolButton* m_pngButton;
    QToolButton* m_csvButton;
    QMap<QString, QCPGraph*> m_graphs;
    QMap<QString, QString> m_labels;
    struct Smoothing {
        QString target;
        double weight;
        double value;
        bool started;
    };
    QMap<QString, Smoothing> m_smoothing;  // keyed by source
    bool m_log = false;
    bool m_userMoved = false;  // after a zoom/pan, new points no longer rescale the view
    bool m_replotQueued = false;
};

}  // namespace ui
}  // namespace ms
