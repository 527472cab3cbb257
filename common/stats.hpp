// Repetition statistics: the table quotes the median, the JSON keeps min, median and max.
#pragma once
#include <algorithm>
#include <vector>

namespace flynn {

struct Stats {
  double min = 0, median = 0, max = 0;
  std::size_t count = 0;
};

inline Stats summarize(std::vector<double> samples) {
  if (samples.empty()) return {};
  std::sort(samples.begin(), samples.end());
  const std::size_t n = samples.size();
  const double median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  return {samples.front(), median, samples.back(), n};
}

}  // namespace flynn
