#pragma once
// Dropout (inverted, as torch.nn.Dropout) whose mask can be one shard of a larger batch's: in
// distributed training each rank draws the mask of the whole global batch from the same generator
// state and keeps its own rows, so N ranks with batch B train exactly as one process with batch
// N * B. Without a shard it is plain dropout over its own batch.
#include <torch/torch.h>

namespace ms {

class ShardedDropoutImpl : public torch::nn::Module {
public:
    explicit ShardedDropoutImpl(double p);
    torch::Tensor forward(const torch::Tensor& x);
    void pretty_print(std::ostream& stream) const override;

    // This process holds rows [firstRow, firstRow + B) of a global batch of globalRows; (0, 0): none.
    void setShard(int64_t firstRow, int64_t globalRows);

private:
    double m_p;
    int64_t m_firstRow = 0, m_globalRows = 0;
};
TORCH_MODULE(ShardedDropout);

}  // namespace ms
