#pragma once
// What the checkpoint browser knows about a weight file, and the file operations behind its
// actions. Torch-free header (the GUI includes it); the functions read and write weights, so call
// them from a worker thread (CheckpointWorker).
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <limits>

namespace ms {

struct CheckpointEntry {
    QString path;
    QString modelName;         // sidecar's model_name; else the folder's name
    QString format;            // "PyTorch zip", "safetensors", "TorchScript", ...
    QString modelType;         // "mattingbase" / "mattingrefine"; empty when not recognised
    QString backbone;          // "resnet50" / "resnet101" / "mobilenetv2"
    double backboneScale = 0;  // from the sidecar; 0 when unknown
    int refineKernelSize = 0;
    qint64 epoch = -1, step = -1;  // -1: unknown (no sidecar)
    double trainLoss = std::numeric_limits<double>::quiet_NaN();
    double validLoss = std::numeric_limits<double>::quiet_NaN();
    QVariantMap metrics;                         // validation metrics of the sidecar
    QDateTime time;                              // sidecar time, else the file's modification time
    qint64 size = 0;                             // bytes
    qint64 tensorCount = 0, parameterCount = 0;  // known when the weights were read
    bool hasSidecar = false;
    bool torchScript = false;
    bool recognised = false;  // a BackgroundMattingV2 network (or a TorchScript export)
    QString problem;          // why the file could not be read; empty when fine
    QString configJson;       // the training config of the sidecar, or empty

    bool hasValidLoss() const { return validLoss == validLoss; }
    // One line for tooltips and dialogs: "MattingRefine, mobilenetv2 · epoch 3, step 1200".
    QString summary() const;
};

// The checkpoint files (.pth, .pt, .safetensors, .ckpt) under the folders, recursively, sorted.
// Training-state files (X.state) and sidecars are not checkpoints.
QStringList findCheckpointFiles(const QStringList& folders);
bool isCheckpointFileName(const QString& path);

// Reads the sidecar when there is one (fast, weights untouched), else the weights' keys. Never
// throws: a broken file comes back with `problem` set.
CheckpointEntry inspectCheckpoint(const QString& path);
// Always reads the weights (tensor counts, architecture), then adds what a sidecar says.
CheckpointEntry inspectCheckpointWeights(const QString& path);

// Builds the network the file describes and loads it as matting would: the load report text
// (matched, missing, unexpected, shape mismatches). Throws ms::Error.
QString checkpointLoadReport(const QString& path);

// What a conversion read and wrote, for the message to the user.
struct CheckpointConversion {
    size_t tensorCount = 0;
    QString sourceFormat;          // e.g. "PyTorch zip", "legacy PyTorch"
    QString targetFormat;          // "safetensors" or "PyTorch zip"
    bool recognisedModel = false;  // a BackgroundMattingV2 network (else tensors are copied as they are)
};

// `--batch convert` and the browser's Convert action: .pth <-> .safetensors by `out`'s extension;
// .pth to .pth rewrites legacy, nested or DataParallel files in the standard layout. The sidecar is
// copied along. Refuses to overwrite unless `overwrite`. Throws ms::Error.
CheckpointConversion convertCheckpoint(const QString& in, const QString& out, bool overwrite = false);

// Deletes a checkpoint with its sidecar and training state. Throws ms::Error naming what stayed.
void deleteCheckpoint(const QString& path);

}  // namespace ms

Q_DECLARE_METATYPE(ms::CheckpointEntry)
