#include "worker/DemoProject.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "data/SyntheticDataset.h"
#include "data/SyntheticScene.h"
#include "infer/ImageIO.h"
#include "model/MattingModel.h"

#include <QDir>
#include <QFileInfo>

namespace ms {
namespace {

constexpr int SampleCount = 4;

void writeSamples(const QDir& root)
{
    for (int i = 0; i < SampleCount; ++i) {
        const QString name = QString("sample-%1.png").arg(i, 3, 10, QChar('0'));
        const QString src = root.filePath("images/src/" + name), bgr = root.filePath("images/bgr/" + name);
        if (QFileInfo::exists(src) && QFileInfo::exists(bgr))
            continue;
        const SyntheticScene scene = makeSyntheticScene(512, 384, 1000 + i);
        writeImage(src.toStdString(), scene.source);
        writeImage(bgr.toStdString(), scene.background);
    }
}

void writeUntrainedCheckpoint(const QString& path)
{
    if (QFileInfo::exists(path))
        return;
    ModelSpec spec;
    spec.backbone = Backbone::MobileNetV2;
    torch::manual_seed(1);
    auto model = createModel(spec);
    QDir().mkpath(QFileInfo(path).path());
    writeCheckpointFile(path.toStdString(), stateDictOf(*model), moduleVersions(*model));
}

void writeDataset(const QString& dir)
{
    if (QFileInfo::exists(QDir(dir).filePath("dataset.json")))
        return;
    QDir(dir).removeRecursively();  // left incomplete by an interrupted first start
    // Small enough to be written in seconds and to train visibly within minutes on a CPU.
    SyntheticDatasetOptions options;
    options.trainCount = 48;
    options.validCount = 8;
    options.width = 320;
    options.height = 320;
    options.seed = 7;
    writeSyntheticDataset(dir.toStdString(), options);
}

} // namespace

DemoProjectData writeDemoProjectData(const QString& folder)
{
    const QDir root(folder);
    DemoProjectData data;
    data.sources = root.filePath("images/src");
    data.backgrounds = root.filePath("images/bgr");
    data.checkpoint = root.filePath("checkpoint/untrained/untrained-mobilenetv2.pth");
    data.dataset = root.filePath("dataset");
    writeSamples(root);
    writeUntrainedCheckpoint(data.checkpoint);
    writeDataset(data.dataset);
    return data;
}

} // namespace ms
