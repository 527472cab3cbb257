// The cuda launcher's index arithmetic, run on the CPU for every thread of a grid: no GPU needed,
// so it runs wherever the CUDA backends are built. Each element must be visited exactly once, by
// a whole packet or by the tail, for sizes that are not multiples of a packet or of the grid.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "gpu/cuda/launch.cuh"

namespace flynn::gpu {
namespace {

std::vector<int> visits(std::size_t n, std::size_t threads, int lanes) {
  std::vector<int> seen(n, 0);
  for (std::size_t first = 0; first < threads; ++first)
    grid_stride(
        first, threads, n, lanes,
        [&](std::size_t packet) {
          for (int k = 0; k < lanes; ++k) ++seen.at(packet * lanes + k);
        },
        [&](std::size_t element) { ++seen.at(element); });
  return seen;
}

TEST(CudaIndex, EveryElementOnceForAnySizeAndGrid) {
  // One block; three; a partial wave; a full H100 wave (132 SMs x 8 blocks of 256).
  for (std::size_t threads : {std::size_t{256}, std::size_t{768}, std::size_t{1792}, std::size_t{132 * 8 * 256}})
    for (int lanes : {4, 2})  // float4 and double2 packets
      for (std::size_t n : {0, 1, 2, 3, 4, 5, 15, 16, 17, 255, 1000, 4099, (1 << 20) + 3}) {
        const auto seen = visits(n, threads, lanes);
        std::size_t wrong = 0;
        for (int v : seen) wrong += v != 1;
        EXPECT_EQ(wrong, 0u) << "n " << n << ", " << threads << " threads, " << lanes << " lanes";
      }
}

TEST(CudaIndex, GridCoveringGivesEveryItemItsOwnThreadUpToTheGridLimit) {
  // mandelbrot's grid: a block per 256 pixels, not one wave (which would be 1056 blocks on an H100).
  EXPECT_EQ(grid_covering(0), 1u);
  EXPECT_EQ(grid_covering(1), 1u);
  EXPECT_EQ(grid_covering(256), 1u);
  EXPECT_EQ(grid_covering(257), 2u);
  EXPECT_EQ(grid_covering(std::size_t{4096} * 4096), 65536u);
  // Past 2^31 - 1 blocks the launch would fail: the grid stops there and its threads stride.
  const std::size_t most = 0x7fffffff;
  EXPECT_EQ(grid_covering(most * 256), most);
  EXPECT_EQ(grid_covering(most * 256 + 1), most);
  EXPECT_EQ(grid_covering(std::size_t{1} << 50), most);
}

TEST(CudaIndex, SizesPast32BitsNeitherWrapNorLoseTheTail) {
  const std::size_t n = (std::size_t{1} << 33) + 3, threads = 132 * 8 * 256;
  const int lanes = 4;
  const std::size_t packets = n / lanes;
  std::size_t last = 0, count = 0;
  std::vector<std::size_t> tails;
  for (std::size_t first : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
    grid_stride(
        first, threads, n, lanes,
        [&](std::size_t packet) {
          if (first == 0) {
            last = packet;
            ++count;
          }
        },
        [&](std::size_t element) { tails.push_back(element); });
  }
  // Thread 0 takes packets 0, threads, 2 threads, ...: the last one below `packets`.
  EXPECT_EQ(count, (packets + threads - 1) / threads);
  EXPECT_EQ(last, (packets - 1) / threads * threads);
  EXPECT_GT(last * lanes, std::size_t{1} << 32);
  EXPECT_EQ(tails, (std::vector<std::size_t>{n - 3, n - 2, n - 1}));
}

}  // namespace
}  // namespace flynn::gpu
