#pragma once
// Notices a run whose network has collapsed to an (almost) empty matte: validation after
// validation it predicts a small fraction of the foreground the ground truth has. Predicting
// nothing is a cheap local minimum of the matting losses on sparse foregrounds, and a run rarely
// climbs out of it, so the user hears about it while there is still time to change course.
#include <cstdint>
#include <optional>
#include <string>

namespace ms {

struct ValidationReport;

class CollapseWatch {
public:
    // A validation counts as empty when the predicted mean alpha is below `ratio` times the true
    // one; `times` empty validations in a row raise the warning (once, until the run recovers).
    explicit CollapseWatch(int times = 3, double ratio = 0.1)
        : m_times(times)
        , m_ratio(ratio)
    {}

    // The warning to show after this validation, if any.
    std::optional<std::string> observe(const ValidationReport& report);

    bool collapsed() const { return m_warned; }

private:
    int m_times;
    double m_ratio;
    int m_emptyInARow = 0;
    int64_t m_firstEmptyStep = 0;
    bool m_warned = false;
};

}  // namespace ms
