#pragma once
// Earlier training runs' curves for the GUI, read from a run's log folder (log/<model-name>/):
// the JSON-lines metrics file, or the TensorBoard events when there is no metrics file.
// Torch-free header; reads files, so call it off the GUI thread for large logs.
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

namespace ms {

struct TrainingHistory {
    QVector<QPointF> trainLoss;               // (step, loss)
    QVector<QPointF> validLoss;               // (step, loss)
    QMap<QString, QVector<QPointF>> metrics;  // "sad", "mse", "grad", "conn" -> (step, value)
    bool isEmpty() const { return trainLoss.isEmpty() && validLoss.isEmpty(); }
};

// Nothing logged yet: an empty history. A damaged log throws ms::Error naming the file.
TrainingHistory readTrainingHistory(const QString& logFolder);

// The dataset check before a run with batches of `batchSize`, the trainer's own: what the engine
// found (counts per split and every problem with its files). `ok` tells whether training can
// start. Throws ms::Error for an unreadable config.
QString datasetCheckReport(const QString& configOrFolder, int batchSize, bool& ok);

}  // namespace ms
