#pragma once
#include <stdexcept>
#include <string>

namespace ms {

// The one error type of the engine. Its message is meant for a user: what went wrong, with which
// file or value, and where possible what to do about it.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message)
        : std::runtime_error(message)
    {}
};

}  // namespace ms
