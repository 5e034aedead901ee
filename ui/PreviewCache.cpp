#include "ui/PreviewCache.h"

namespace ms {
namespace ui {

void PreviewCache::setKey(const QString& setup)
{
    if (setup != m_key) {
        clear();
        m_key = setup;
    }
}

const MattePreview* PreviewCache::find(int frame)
{
    const auto it = m_frames.constFind(frame);
    if (it == m_frames.constEnd())
        return nullptr;
    m_order.removeOne(frame);
    m_order.append(frame);
    return &it.value();
}

void PreviewCache::insert(const MattePreview& preview)
{
    if (m_frames.contains(preview.frame)) {
        m_bytes -= sizeOf(m_frames.value(preview.frame));
        m_order.removeOne(preview.frame);
    }
    m_frames.insert(preview.frame, preview);
    m_order.append(preview.frame);
    m_bytes += sizeOf(preview);
    while (m_bytes > m_budget && m_order.size() > 1) {
        const int oldest = m_order.takeFirst();
        m_bytes -= sizeOf(m_frames.value(oldest));
        m_frames.remove(oldest);
    }
}

void PreviewCache::clear()
{
    m_frames.clear();
    m_order.clear();
    m_bytes = 0;
}

qint64 PreviewCache::sizeOf(const MattePreview& p)
{
    qint64 bytes = 0;
    for (const QImage* image : {&p.src, &p.bgr, &p.pha, &p.err, &p.ref, &p.fgr, &p.com})
        bytes += image->sizeInBytes();
    return bytes;
}

}  // namespace ui
}  // namespace ms
