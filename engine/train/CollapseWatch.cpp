#include "train/CollapseWatch.h"

#include "train/Trainer.h"

#include <cmath>
#include <cstdio>

namespace ms {

std::optional<std::string> CollapseWatch::observe(const ValidationReport& report)
{
    const double predicted = report.predictedAlphaMean, truth = report.trueAlphaMean;
    if (!std::isfinite(predicted) || !std::isfinite(truth) || truth <= 0)
        return std::nullopt;  // nothing to compare with (an empty ground truth)
    if (predicted >= m_ratio * truth) {
        m_emptyInARow = 0;
        m_warned = false;  // recovered: a later collapse is news again
        return std::nullopt;
    }
    if (m_emptyInARow++ == 0)
        m_firstEmptyStep = report.step;
    if (m_emptyInARow < m_times || m_warned)
        return std::nullopt;
    m_warned = true;
    char numbers[160];
    std::snprintf(numbers, sizeof numbers, "mean alpha %.4f against %.4f in the ground truth", predicted, truth);
    return "the network predicts almost no foreground at the last " + std::to_string(m_emptyInARow) +
           " validations (steps " + std::to_string(m_firstEmptyStep) + " to " + std::to_string(report.step) + "; " +
           numbers +
           "): it has likely collapsed to an empty matte and rarely recovers. Stop and start again "
           "with another --seed, a lower learning rate (warm-start from a checkpoint that still matted), a "
           "larger --train-size, or foregrounds that cover more of the frame";
}

}  // namespace ms
