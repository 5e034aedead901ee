#pragma once
#include <ctime>

namespace ms::platform {

// Broken-down UTC time (gmtime_r, gmtime_s).
std::tm utcTime(std::time_t seconds);

}  // namespace ms::platform
