#pragma once
// Matted video frames kept while the user scrubs: going back to a frame shows it at once. Bounded
// by memory (least recently shown frames go first); emptied when the network or its settings change.
#include "worker/MattingWorker.h"

#include <QHash>
#include <QList>
#include <QString>

namespace ms {
namespace ui {

class PreviewCache {
public:
    explicit PreviewCache(qint64 budgetBytes = 512ll << 20)
        : m_budget(budgetBytes)
    {}

    // `setup` names everything that changes a matte (checkpoint, refinement, alignment, the pair);
    // a new one empties the cache.
    void setKey(const QString& setup);
    const MattePreview* find(int frame);  // marks it recently used
    void insert(const MattePreview& preview);
    void clear();
    int size() const { return int(m_frames.size()); }
    qint64 bytes() const { return m_bytes; }

private:
    static qint64 sizeOf(const MattePreview& p);

    qint64 m_budget;
    qint64 m_bytes = 0;
    QString m_key;
    QHash<int, MattePreview> m_frames;
    QList<int> m_order;  // least recently used first
};

}  // namespace ui
}  // namespace ms
