#include "worker/CheckpointWorker.h"

#include <QDir>
#include <QFileInfo>

namespace ms {
namespace {

// Changes when the weights or their sidecar change.
QString stampOf(const QString& path)
{
    const QFileInfo f(path);
    const QFileInfo sidecar(f.dir().filePath(f.completeBaseName() + ".json"));
    return QString("%1/%2/%3")
        .arg(f.size())
        .arg(f.lastModified().toMSecsSinceEpoch())
        .arg(sidecar.exists() ? sidecar.lastModified().toMSecsSinceEpoch() : -1);
}

}  // namespace

CheckpointWorker::CheckpointWorker(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<ms::CheckpointEntry>();
    qRegisterMetaType<QList<ms::CheckpointEntry>>();
}

void CheckpointWorker::scan(const QStringList& folders, const QStringList& files)
{
    QStringList paths = findCheckpointFiles(folders);
    for (const QString& f : files)
        if (!paths.contains(QFileInfo(f).absoluteFilePath()))
            paths << QFileInfo(f).absoluteFilePath();
    QList<CheckpointEntry> entries;
    QHash<QString, Cached> cache;
    for (const QString& path : paths) {
        const QString stamp = stampOf(path);
        const auto it = m_cache.constFind(path);
        CheckpointEntry entry = it != m_cache.cend() && it->stamp == stamp ? it->entry : inspectCheckpoint(path);
        cache.insert(path, {stamp, entry});
        entries << entry;
    }
    m_cache = cache;
    Q_EMIT scanned(entries);
}

void CheckpointWorker::inspectWeights(const QString& path)
{
    const CheckpointEntry entry = inspectCheckpointWeights(path);
    Q_EMIT inspected(entry);
}

void CheckpointWorker::loadReport(const QString& path)
{
    try {
        Q_EMIT loadReportReady(path, checkpointLoadReport(path));
    } catch (const std::exception& e) {
        Q_EMIT failed("load-report", path, QString::fromStdString(e.what()));
    }
}

void CheckpointWorker::convert(const QString& in, const QString& out, bool overwrite)
{
    try {
        convertCheckpoint(in, out, overwrite);
        Q_EMIT converted(in, out);
    } catch (const std::exception& e) {
        Q_EMIT failed("convert", in, QString::fromStdString(e.what()));
    }
}

}  // namespace ms
