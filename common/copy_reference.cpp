#include "common/copy_reference.hpp"

#include <chrono>
#include <cstring>
#include <vector>

#include "common/aligned_buffer.hpp"
#include "common/stats.hpp"

namespace flynn {

double memcpy_gbps(std::size_t bytes, const ChunkRunner& chunks, int reps) {
  AlignedBuffer<char> src(bytes, 0), dst(bytes, 1);
  // First touch by the same workers that copy, as the kernels' problems are.
  chunks(bytes, [&](std::size_t b, std::size_t e) {
    std::memset(src.data() + b, 1, e - b);
    std::memset(dst.data() + b, 0, e - b);
  });
  auto copy = [&] { chunks(bytes, [&](std::size_t b, std::size_t e) { std::memcpy(dst.data() + b, src.data() + b, e - b); }); };
  copy();
  std::vector<double> t;
  for (int r = 0; r < reps; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    copy();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return 2.0 * static_cast<double>(bytes) / summarize(t).median / 1e9;
}

}  // namespace flynn
