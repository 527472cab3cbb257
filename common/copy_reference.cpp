#include "common/copy_reference.hpp"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "common/aligned_buffer.hpp"
#include "common/measure.hpp"
#include "common/stats.hpp"

namespace flynn {
namespace {

void libc_memcpy(char* dst, const char* src, std::size_t bytes) { std::memcpy(dst, src, bytes); }

std::vector<NamedCopyMethod>& methods() {
  static std::vector<NamedCopyMethod> m{{"memcpy", libc_memcpy}};
  return m;
}

}  // namespace

double copy_gbps(std::size_t bytes, const ChunkRunner& chunks, CopyMethod method, int reps,
                 const Stopwatch& stopwatch) {
  AlignedBuffer<char> src(bytes, 0), dst(bytes, 1);
  // First touch by the same workers that copy, as the kernels' problems are.
  chunks(bytes, [&](std::size_t b, std::size_t e) {
    std::memset(src.data() + b, 1, e - b);
    std::memset(dst.data() + b, 0, e - b);
  });
  auto copy = [&] {
    chunks(bytes, [&](std::size_t b, std::size_t e) { method(dst.data() + b, src.data() + b, e - b); });
  };
  auto seconds_for = [&](std::size_t copies) {
    return stopwatch([&] {
             for (std::size_t i = 0; i < copies; ++i) copy();
           }) /
           static_cast<double>(copies);
  };
  // An array that fits a cache copies in well under a microsecond: batched like the kernels' rows.
  const std::size_t batch = calibrate_batch(seconds_for);
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) t.push_back(seconds_for(batch));
  return 2.0 * static_cast<double>(bytes) / summarize(t).median / 1e9;
}

CopyMethodRegistration::CopyMethodRegistration(std::string name, CopyMethod method) {
  methods().push_back({std::move(name), method});
}

const std::vector<NamedCopyMethod>& copy_methods() { return methods(); }

std::vector<CopyFigure> each_copy_method(std::size_t bytes, const ChunkRunner& chunks, const Stopwatch& stopwatch) {
  std::vector<CopyFigure> out;
  for (const auto& m : methods()) out.push_back({m.name, copy_gbps(bytes, chunks, m.method, 5, stopwatch)});
  return out;
}

double fastest_copy_gbps(std::size_t bytes, const ChunkRunner& chunks, const Stopwatch& stopwatch) {
  double best = 0;
  for (const CopyFigure& f : each_copy_method(bytes, chunks, stopwatch)) best = std::max(best, f.gbps);
  return best;
}

}  // namespace flynn
