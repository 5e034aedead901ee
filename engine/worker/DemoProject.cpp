#include "worker/DemoProject.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/LoadReport.h"
#include "data/SyntheticDataset.h"
#include "data/SyntheticScene.h"
#include "io/ImageIO.h"
#include "model/MattingModel.h"
#include "train/DemoRecipe.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

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
        const SyntheticScene scene = demoSample(i);
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
    writeSyntheticDataset(dir.toStdString(), demoDatasetOptions());
}

}  // namespace

DemoProjectData writeDemoProjectData(const QString& folder)
{
    const QDir root(folder);
    DemoProjectData data;
    data.sources = root.filePath("images/src");
    data.backgrounds = root.filePath("images/bgr");
    data.checkpoint = root.filePath("checkpoint/untrained/untrained-mobilenetv2.pth");
    data.dataset = root.filePath("dataset");
    // Beside the sample images, so the matting panel lists the clip with them.
    data.clip = root.filePath("images/src/video.mp4");
    data.clipBackground = root.filePath("images/bgr/video.png");
    writeSamples(root);
    if (!QFileInfo::exists(data.clip) || !QFileInfo::exists(data.clipBackground))
        writeDemoClip(data.clip, data.clipBackground);
    writeUntrainedCheckpoint(data.checkpoint);
    writeDataset(data.dataset);
    return data;
}

QJsonObject demoTrainingSettings(const QString& dataset)
{
    const std::string json = toJson(demoTrainConfig(dataset.toStdString(), std::string()));
    QJsonObject settings = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    settings.remove("output_root");  // the project's folder
    return settings;
}

void writeDemoClip(const QString& videoPath, const QString& backgroundPath, int frames, double fps)
{
    ms::writeDemoClip(videoPath.toStdString(), backgroundPath.toStdString(), frames, fps);
}

}  // namespace ms
