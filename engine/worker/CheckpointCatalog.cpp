#include "worker/CheckpointCatalog.h"

#include "checkpoint/CheckpointFile.h"
#include "checkpoint/CheckpointInfo.h"
#include "checkpoint/LoadReport.h"
#include "checkpoint/ModelLoading.h"
#include "core/Error.h"
#include "model/MattingModel.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace ms {
namespace {

QString sidecarOf(const QString& path)
{
    const QFileInfo f(path);
    return f.dir().filePath(f.completeBaseName() + ".json");
}

QString stateOf(const QString& path)
{
    const QFileInfo f(path);
    return f.dir().filePath(f.completeBaseName() + ".state");
}

// Fills what a MatteStudio sidecar says; false when there is none or it is not one.
bool readSidecar(CheckpointEntry& e)
{
    QFile in(sidecarOf(e.path));
    if (!in.open(QIODevice::ReadOnly))
        return false;
    const QJsonObject o = QJsonDocument::fromJson(in.readAll()).object();
    if (o.value("mattestudio_checkpoint").toInt() < 1)
        return false;
    e.hasSidecar = true;
    e.modelName = o.value("model_name").toString(e.modelName);
    const QJsonObject model = o.value("model").toObject();
    e.modelType = model.value("type").toString(e.modelType);
    e.backbone = model.value("backbone").toString(e.backbone);
    e.backboneScale = model.value("backbone_scale").toDouble(0);
    e.refineKernelSize = model.value("refine_kernel_size").toInt(e.refineKernelSize);
    e.epoch = o.value("epoch").toInteger(-1);
    e.step = o.value("step").toInteger(-1);
    if (o.value("train_loss").isDouble())
        e.trainLoss = o.value("train_loss").toDouble();
    if (o.value("valid_loss").isDouble())
        e.validLoss = o.value("valid_loss").toDouble();
    e.metrics = o.value("metrics").toObject().toVariantMap();
    const QDateTime time = QDateTime::fromString(o.value("time").toString(), Qt::ISODateWithMs);
    if (time.isValid())
        e.time = time;
    if (o.value("config").isObject())
        e.configJson = QString::fromUtf8(QJsonDocument(o.value("config").toObject()).toJson(QJsonDocument::Compact));
    e.recognised = e.recognised || !e.modelType.isEmpty();
    return true;
}

CheckpointEntry fileFacts(const QString& path)
{
    const QFileInfo f(path);
    CheckpointEntry e;
    e.path = f.absoluteFilePath();
    e.modelName = f.dir().dirName();
    e.size = f.size();
    e.time = f.lastModified();
    if (!f.isFile())
        e.problem = QString("%1 does not exist").arg(path);
    return e;
}

void readWeights(CheckpointEntry& e)
{
    try {
        if (isTorchScriptFile(e.path.toStdString())) {
            e.torchScript = true;
            e.recognised = true;
            e.format = "TorchScript";
            return;
        }
        const CheckpointFile file = readCheckpointFile(e.path.toStdString());
        e.format = checkpointFormatName(file.format);
        e.tensorCount = static_cast<qint64>(file.tensors.size());
        if (const auto arch = detectArchitecture(file.tensors)) {
            e.recognised = true;
            e.modelType = QString::fromStdString(toString(arch->type));
            e.backbone = QString::fromStdString(toString(arch->backbone));
            e.refineKernelSize = arch->refineKernelSize;
            e.parameterCount = arch->parameterElements;
        } else {
            e.problem = QString("%1 holds %2 tensors, but not those of a BackgroundMattingV2 network")
                            .arg(QFileInfo(e.path).fileName())
                            .arg(file.tensors.size());
        }
    } catch (const std::exception& ex) {
        e.problem = QString::fromStdString(ex.what());
    }
}

}  // namespace

QString CheckpointEntry::summary() const
{
    QString text = modelType.isEmpty() ? (torchScript ? QString("TorchScript") : QString("unknown"))
                                       : modelType + (backbone.isEmpty() ? QString() : ", " + backbone);
    if (epoch >= 0)
        text += QString(" · epoch %1, step %2").arg(epoch).arg(step);
    return text;
}

bool isCheckpointFileName(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "pth" || suffix == "pt" || suffix == "safetensors" || suffix == "ckpt";
}

QStringList findCheckpointFiles(const QStringList& folders)
{
    QStringList files;
    for (const QString& folder : folders) {
        QDirIterator it(folder, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = QFileInfo(it.next()).absoluteFilePath();
            // Atomic writers leave temporary files while writing; they are not checkpoints yet.
            if (isCheckpointFileName(file) && !QFileInfo(file).fileName().startsWith('.') && !files.contains(file))
                files << file;
        }
    }
    files.sort();
    return files;
}

CheckpointEntry inspectCheckpoint(const QString& path)
{
    CheckpointEntry e = fileFacts(path);
    if (!e.problem.isEmpty())
        return e;
    if (readSidecar(e)) {
        e.format = QFileInfo(path).suffix().toLower() == "safetensors" ? "safetensors" : "PyTorch zip";
        return e;
    }
    readWeights(e);
    return e;
}

CheckpointEntry inspectCheckpointWeights(const QString& path)
{
    CheckpointEntry e = fileFacts(path);
    if (!e.problem.isEmpty())
        return e;
    readWeights(e);
    const QString type = e.modelType, backbone = e.backbone, format = e.format;
    readSidecar(e);
    if (!type.isEmpty()) {  // the weights are the truth where the two disagree
        e.modelType = type;
        e.backbone = backbone;
    }
    e.format = format;
    return e;
}

QString checkpointLoadReport(const QString& path)
{
    const std::string file = path.toStdString();
    if (isTorchScriptFile(file))
        return QString("%1 is a TorchScript archive: its code and weights load as a whole (usable for matting, "
                       "not for training); there is no key-by-key report.")
            .arg(QFileInfo(path).fileName());
    const CheckpointFile checkpoint = readCheckpointFile(file);
    const auto arch = detectArchitecture(checkpoint.tensors);
    if (!arch)
        throw Error(file + ": not a BackgroundMattingV2 checkpoint (no backbone keys found)");
    const LoadReport report = loadModel(checkpoint.tensors).report;
    QString text = QString("Format: %1\nModel: %2\n")
                       .arg(checkpointFormatName(checkpoint.format), QString::fromStdString(arch->describe()));
    if (!checkpoint.containerKey.empty())
        text += QString("Nested in the '%1' entry of a dict\n").arg(QString::fromStdString(checkpoint.containerKey));
    if (checkpoint.strippedModulePrefix)
        text += "The 'module.' prefix of a DataParallel/DDP model was removed\n";
    return text + QString::fromStdString(report.details(50));
}

CheckpointConversion convertCheckpoint(const QString& in, const QString& out, bool overwrite)
{
    if (QFileInfo(in).absoluteFilePath() == QFileInfo(out).absoluteFilePath())
        throw Error("input and output are the same file: " + in.toStdString());
    if (QFileInfo::exists(out) && !overwrite)
        throw Error(out.toStdString() + " exists already");
    CheckpointConversion conversion;
    const CheckpointFile file = readCheckpointFile(in.toStdString());
    ModuleVersions versions = file.moduleVersions;
    std::map<std::string, std::string> metadata = file.metadata;
    metadata["format"] = "pt";  // what safetensors' PyTorch helpers expect
    if (const auto arch = detectArchitecture(file.tensors)) {
        // PyTorch pickles per-module versions with a state_dict; recreate them from the architecture.
        ModelSpec spec;
        spec.type = arch->type;
        spec.backbone = arch->backbone;
        spec.refineKernelSize = arch->refineKernelSize;
        if (versions.empty())
            versions = moduleVersions(*createModel(spec));
        metadata["model_type"] = toString(arch->type);
        metadata["model_backbone"] = toString(arch->backbone);
        conversion.recognisedModel = true;
    }
    writeCheckpointFile(out.toStdString(), file.tensors, versions, metadata);
    conversion.tensorCount = file.tensors.size();
    conversion.sourceFormat = QString::fromUtf8(checkpointFormatName(file.format));
    conversion.targetFormat = out.endsWith(".safetensors", Qt::CaseInsensitive) ? "safetensors" : "PyTorch zip";
    // The sidecar describes the weights, whatever their format: keep it with the copy.
    const QString sidecar = sidecarOf(in), target = sidecarOf(out);
    if (QFileInfo::exists(sidecar) && sidecar != target) {
        QFile::remove(target);
        QFile::copy(sidecar, target);
    }
    return conversion;
}

void deleteCheckpoint(const QString& path)
{
    QStringList failed;
    for (const QString& f : {path, sidecarOf(path), stateOf(path)})
        if (QFileInfo::exists(f) && !QFile::remove(f))
            failed << f;
    if (!failed.isEmpty())
        throw Error("could not delete " + failed.join(", ").toStdString() + " (permissions?)");
}

}  // namespace ms
