#include "worker/TrainingHistory.h"

#include "data/DatasetIndex.h"
#include "log/MetricsLog.h"
#include "log/TensorBoardReader.h"

#include <QDir>
#include <QFileInfo>

namespace ms {
namespace {

// A resumed run logs steps again from its checkpoint on: the newest value of a step wins.
void put(QVector<QPointF>& series, double step, double value)
{
    while (!series.isEmpty() && series.back().x() >= step)
        series.pop_back();
    series.push_back({step, value});
}

}  // namespace

TrainingHistory readTrainingHistory(const QString& logFolder)
{
    TrainingHistory h;
    const QString metricsFile = QDir(logFolder).filePath("metrics.jsonl");
    if (QFileInfo::exists(metricsFile)) {
        for (const nlohmann::json& line : readMetricsLog(metricsFile.toStdString())) {
            const double step = line.value("step", 0.0);
            const std::string kind = line.value("kind", std::string());
            const auto loss = line.find("loss");
            if (loss == line.end() || !loss->is_number())
                continue;
            if (kind == "train") {
                put(h.trainLoss, step, loss->get<double>());
            } else if (kind == "valid") {
                put(h.validLoss, step, loss->get<double>());
                for (const char* name : {"sad", "mse", "grad", "conn"})
                    if (const auto it = line.find(name); it != line.end() && it->is_number())
                        put(h.metrics[name], step, it->get<double>());
            }
        }
        return h;
    }
    if (!QFileInfo(logFolder).isDir() || tensorBoardEventFiles(logFolder.toStdString()).empty())
        return h;
    for (const ScalarEvent& e : readTensorBoardScalars(logFolder.toStdString())) {
        const QString tag = QString::fromStdString(e.tag);
        if (tag == "loss")
            put(h.trainLoss, double(e.step), e.value);
        else if (tag == "valid_loss")
            put(h.validLoss, double(e.step), e.value);
        else if (tag.startsWith("valid_"))
            put(h.metrics[tag.mid(6)], double(e.step), e.value);
    }
    return h;
}

QString datasetCheckReport(const QString& configOrFolder, int batchSize, bool& ok)
{
    const DatasetCheck check =
        checkDataset(loadDatasetConfig(configOrFolder.toStdString()), trainingDatasetCheck(batchSize));
    ok = check.ok();
    return QString::fromStdString(check.report());
}

}  // namespace ms
