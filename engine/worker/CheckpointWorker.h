#pragma once
// Runs the checkpoint browser's file work (scanning folders, reading weights, load reports,
// conversions) on the thread it lives on. Torch-free header: the GUI includes it.
//
// Use: worker->moveToThread(&thread); thread.start(); then call the slots through queued
// invocations. Every failure comes back as failed(); nothing is thrown across threads.
#include "worker/CheckpointCatalog.h"

#include <QHash>
#include <QList>
#include <QObject>

namespace ms {

class CheckpointWorker : public QObject {
    Q_OBJECT
public:
    explicit CheckpointWorker(QObject* parent = nullptr);

public Q_SLOTS:
    // Lists the checkpoints under `folders` plus the single `files`. Files unchanged since the
    // last scan (size, time, sidecar) are not read again.
    void scan(const QStringList& folders, const QStringList& files);
    void inspectWeights(const QString& path);
    void loadReport(const QString& path);
    void convert(const QString& in, const QString& out, bool overwrite);

Q_SIGNALS:
    void scanned(const QList<ms::CheckpointEntry>& entries);
    void inspected(const ms::CheckpointEntry& entry);
    void loadReportReady(const QString& path, const QString& report);
    void converted(const QString& in, const QString& out);
    // action: "scan", "inspect", "load-report", "convert".
    void failed(const QString& action, const QString& path, const QString& message);

private:
    struct Cached {
        QString stamp;
        CheckpointEntry entry;
    };
    QHash<QString, Cached> m_cache;
};

}  // namespace ms
