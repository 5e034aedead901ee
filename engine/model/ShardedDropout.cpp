#include "model/ShardedDropout.h"

#include "core/Error.h"

namespace ms {

ShardedDropoutImpl::ShardedDropoutImpl(double p)
    : m_p(p)
{}

void ShardedDropoutImpl::pretty_print(std::ostream& stream) const { stream << "Dropout(p=" << m_p << ")"; }

void ShardedDropoutImpl::setShard(int64_t firstRow, int64_t globalRows)
{
    m_firstRow = firstRow;
    m_globalRows = globalRows;
}

torch::Tensor ShardedDropoutImpl::forward(const torch::Tensor& x)
{
    if (!is_training() || m_p == 0)
        return x;
    const int64_t rows = x.size(0);
    std::vector<int64_t> maskShape = x.sizes().vec();
    int64_t first = 0;
    if (m_globalRows > 0) {
        if (m_firstRow + rows > m_globalRows)
            throw Error("dropout shard rows " + std::to_string(m_firstRow) + "+" + std::to_string(rows) +
                        " exceed the global batch of " + std::to_string(m_globalRows));
        maskShape[0] = m_globalRows;
        first = m_firstRow;
    }
    // As ATen's dropout: a Bernoulli(1 - p) mask scaled by 1 / (1 - p), then one multiplication.
    torch::Tensor noise = torch::empty(maskShape, x.options()).bernoulli_(1 - m_p);
    noise.div_(1 - m_p);
    return x * noise.narrow(0, first, rows);
}

}  // namespace ms
