#include "ui/CurvePlot.h"

#include "ui/ErrorReporter.h"

#include <qcustomplot.h>

#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSaveFile>
#include <QTextStream>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace ms {
namespace ui {

CurvePlot::CurvePlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_readout(new QLabel(this))
    , m_logButton(new QToolButton(this))
    , m_autoButton(new QToolButton(this))
    , m_pngButton(new QToolButton(this))
    , m_csvButton(new QToolButton(this))
{
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(QColor(255, 255, 255, 200));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setMinimumHeight(160);
    m_plot->installEventFilter(this);
    m_plot->setMouseTracking(true);
    m_plot->xAxis->setRange(0, 10);
    m_plot->yAxis->setRange(0, 1);
    m_logButton->setCheckable(true);
    m_logButton->setObjectName("plotLog");
    m_readout->setObjectName("plotReadout");
    m_readout->setMinimumWidth(50);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_logButton);
    bar->addWidget(m_autoButton);
    bar->addWidget(m_pngButton);
    bar->addWidget(m_csvButton);
    bar->addWidget(m_readout, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_plot, 1);

    connect(m_logButton, &QToolButton::toggled, this, &CurvePlot::setLogScale);
    connect(m_autoButton, &QToolButton::clicked, this, [this] {
        m_userMoved = false;
        autoscale();
    });
    connect(m_pngButton, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Export plot as PNG"), "plot.png", tr("PNG image (*.png)"));
        if (!f.isEmpty() && !exportPng(f))
            ErrorReporter::error(this, tr("Export failed"), tr("%1 could not be written.").arg(f));
    });
    connect(m_csvButton, &QToolButton::clicked, this, [this] {
        const QString f =
            QFileDialog::getSaveFileName(this, tr("Export data as CSV"), "plot.csv", tr("CSV table (*.csv)"));
        if (!f.isEmpty() && !exportCsv(f))
            ErrorReporter::error(this, tr("Export failed"), tr("%1 could not be written.").arg(f));
    });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_userMoved = true; });
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_userMoved = true; });
    retranslateUi();
}

void CurvePlot::addSeries(const QString& id, const QColor& colour, bool markers, bool visibleInLegend)
{
    QCPGraph* g = m_plot->addGraph();
    QPen pen(colour);
    pen.setWidthF(markers ? 1.5 : 1.2);
    g->setPen(pen);
    if (markers) {
        g->setLineStyle(QCPGraph::lsLine);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 6));
    }
    g->setName(id);
    if (!visibleInLegend)
        g->removeFromLegend();
    m_graphs.insert(id, g);
}

void CurvePlot::setSeriesLabel(const QString& id, const QString& label)
{
    m_labels[id] = label;
    if (QCPGraph* g = m_graphs.value(id))
        g->setName(label);
    replotSoon();
}

void CurvePlot::setSmoothed(const QString& id, const QString& source, double weight)
{
    m_smoothing.insert(source, {id, weight, 0.0, false});
}

void CurvePlot::addPoint(const QString& id, double step, double value)
{
    QCPGraph* g = m_graphs.value(id);
    if (!g || !std::isfinite(value))
        return;
    g->addData(step, value);
    if (auto it = m_smoothing.find(id); it != m_smoothing.end()) {
        it->value = it->started ? it->weight * it->value + (1 - it->weight) * value : value;
        it->started = true;
        if (QCPGraph* s = m_graphs.value(it->target))
            s->addData(step, it->value);
    }
    replotSoon();
}

void CurvePlot::setPoints(const QString& id, const QVector<QPointF>& points)
{
    if (QCPGraph* g = m_graphs.value(id))
        g->data()->clear();
    if (auto it = m_smoothing.find(id); it != m_smoothing.end()) {
        it->started = false;
        if (QCPGraph* s = m_graphs.value(it->target))
            s->data()->clear();
    }
    for (const QPointF& p : points)
        addPoint(id, p.x(), p.y());
}

void CurvePlot::clearData()
{
    for (QCPGraph* g : m_graphs)
        g->data()->clear();
    for (auto& s : m_smoothing)
        s.started = false;
    m_userMoved = false;
    replotSoon();
}

int CurvePlot::pointCount(const QString& id) const
{
    const QCPGraph* g = m_graphs.value(id);
    return g ? g->dataCount() : 0;
}

void CurvePlot::setAxisLabels(const QString& x, const QString& y)
{
    m_plot->xAxis->setLabel(x);
    m_plot->yAxis->setLabel(y);
    replotSoon();
}

void CurvePlot::setLogScale(bool on)
{
    m_log = on;
    if (m_logButton->isChecked() != on)
        m_logButton->setChecked(on);
    if (on) {
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    } else {
        m_plot->yAxis->setScaleType(QCPAxis::stLinear);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    autoscale();
}

void CurvePlot::autoscale()
{
    bool any = false;
    for (QCPGraph* g : m_graphs)
        any = any || !g->data()->isEmpty();
    if (any) {
        m_plot->rescaleAxes();
        // A little room above and below the curves.
        QCPRange y = m_plot->yAxis->range();
        if (m_log)
            y = QCPRange(y.lower / 1.3, y.upper * 1.3);
        else
            y = QCPRange(y.lower - 0.05 * y.size(), y.upper + 0.05 * y.size());
        m_plot->yAxis->setRange(y);
    }
    m_plot->replot();
}

void CurvePlot::replotSoon()
{
    // Points arrive every step; one replot per event-loop turn is plenty.
    if (m_replotQueued)
        return;
    m_replotQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_replotQueued = false;
        if (!m_userMoved)
            autoscale();
        else
            m_plot->replot();
    });
}

bool CurvePlot::exportPng(const QString& path) { return m_plot->savePng(path, 0, 0, 1.0); }

bool CurvePlot::exportCsv(const QString& path) const
{
    std::set<double> steps;
    for (const QCPGraph* g : m_graphs)
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            steps.insert(it->key);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    out << "step";
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it)
        out << "," << it.key();
    out << "\n";
    for (double step : steps) {
        out << QString::number(step, 'g', 12);
        for (const QCPGraph* g : m_graphs) {
            out << ",";
            const auto found = g->data()->findBegin(step, false);
            if (found != g->data()->constEnd() && found->key == step)
                out << QString::number(found->value, 'g', 10);
        }
        out << "\n";
    }
    out.flush();
    return file.commit();
}

QString CurvePlot::readoutAt(double step) const
{
    QStringList parts;
    double shownStep = step;
    bool first = true;
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        const QCPGraph* g = it.value();
        if (g->data()->isEmpty())
            continue;
        // The data point nearest to the cursor's step.
        auto found = g->data()->findBegin(step, false);
        if (found == g->data()->constEnd())
            --found;
        if (found != g->data()->constBegin()) {
            auto before = found - 1;
            if (std::abs(before->key - step) < std::abs(found->key - step))
                found = before;
        }
        if (first) {
            shownStep = found->key;
            first = false;
        }
        parts << QString("%1 %2").arg(m_labels.value(it.key(), it.key())).arg(found->value, 0, 'g', 4);
    }
    if (parts.isEmpty())
        return {};
    return tr("step %1").arg(qRound64(shownStep)) + " · " + parts.join(" · ");
}

bool CurvePlot::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::MouseMove) {
        const auto* e = static_cast<QMouseEvent*>(event);
        if (m_plot->axisRect()->rect().contains(e->position().toPoint()))
            m_readout->setText(readoutAt(m_plot->xAxis->pixelToCoord(e->position().x())));
    } else if (watched == m_plot && event->type() == QEvent::Leave) {
        m_readout->clear();
    }
    return QWidget::eventFilter(watched, event);
}

void CurvePlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CurvePlot::retranslateUi()
{
    m_logButton->setText(tr("Log scale"));
    m_autoButton->setText(tr("Autoscale"));
    m_autoButton->setToolTip(tr("Fit the view to the data again (after zooming with the wheel or panning)"));
    m_pngButton->setText(tr("PNG…"));
    m_pngButton->setToolTip(tr("Export the plot as an image"));
    m_csvButton->setText(tr("CSV…"));
    m_csvButton->setToolTip(tr("Export the data as a table"));
    m_readout->setToolTip(tr("Values at the step under the mouse"));
}

}  // namespace ui
}  // namespace ms
