// Repetition statistics: the table quotes the median, the JSON keeps min, median, max and the noise.
#pragma once
#include <algorithm>
#include <vector>

namespace flynn {

struct Stats {
  double min = 0, median = 0, max = 0;
  std::size_t count = 0;
  // How much the samples disagree: their median absolute deviation from the median, relative to
  // the median (0.05: half the samples lie within 5% of it). Robust: one sample that an interrupt
  // stretched does not move it, a machine that swings between two speeds does.
  double noise = 0;
};

inline double median_of_sorted(const std::vector<double>& v) {
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline Stats summarize(std::vector<double> samples) {
  if (samples.empty()) return {};
  std::sort(samples.begin(), samples.end());
  const double median = median_of_sorted(samples);
  std::vector<double> deviations;
  for (double x : samples) deviations.push_back(x > median ? x - median : median - x);
  std::sort(deviations.begin(), deviations.end());
  const double noise = median > 0 ? median_of_sorted(deviations) / median : 0;
  return {samples.front(), median, samples.back(), samples.size(), noise};
}

}  // namespace flynn
