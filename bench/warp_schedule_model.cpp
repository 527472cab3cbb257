// A model, not a measurement: how long mandelbrot's GPU kernel takes under two ways of mapping
// pixels to threads, on an SM count and clock like an H100's or H200's. Each SM has 4 warp
// schedulers; a warp stays on one scheduler; one iteration of the escape loop issues ISSUE cycles
// there, and the warp's next iteration may start LAT cycles after its last began (the loop is one
// dependent chain). A warp iterates until its slowest pixel escapes, plus 3 for set-up and store.
//
//   one wave:  132 SMs x 8 blocks of 256 threads, each thread striding over the grid (a stride of
//              whole rows keeps a thread in one column all the way down)
//   per block: a block per 256 pixels, handed to whichever SM frees a slot first
//
// Usage: warp_schedule_model [WIDTH HEIGHT [ISSUE LAT [SMS]]]   (default 4096 4096 13 40 132)
// On the H200 at 4096x4096 float, Thrust's transform (a block per so many pixels) took 424 us and
// the one-wave kernel 766 us; this model gives about 428 and 708.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <queue>
#include <tuple>
#include <vector>

namespace {
constexpr int warp = 32, warps_per_block = 8, blocks_per_sm = 8, schedulers = 4;

// Warp-iterations of each warp of each block.
using Blocks = std::vector<std::vector<long>>;

double finish_cycles(const Blocks& blocks, int sms, double issue, double latency) {
  std::vector<double> busy(static_cast<std::size_t>(sms) * schedulers, 0);
  Blocks left = blocks;
  std::vector<int> sm_of(blocks.size(), -1), warps_left(blocks.size(), 0);
  using Ready = std::tuple<double, std::size_t, int>;  // cycle, block, warp
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  std::size_t next = 0;
  auto start_block = [&](int sm, double at) {
    if (next == blocks.size()) return;
    sm_of[next] = sm;
    warps_left[next] = warps_per_block;
    for (int w = 0; w < warps_per_block; ++w)
      if (blocks[next][w] > 0)
        ready.emplace(at, next, w);
      else
        --warps_left[next];  // past the last pixel: no work
    ++next;
  };
  for (int sm = 0; sm < sms; ++sm)
    for (int slot = 0; slot < blocks_per_sm; ++slot) start_block(sm, 0);
  double end = 0;
  while (!ready.empty()) {
    const auto [at, b, w] = ready.top();
    ready.pop();
    double& scheduler = busy[static_cast<std::size_t>(sm_of[b]) * schedulers + w % schedulers];
    const double start = std::max(at, scheduler);
    scheduler = start + issue;
    if (--left[b][w] > 0) {
      ready.emplace(start + latency, b, w);
    } else {
      end = std::max(end, start + issue);
      if (--warps_left[b] == 0) start_block(sm_of[b], start + issue);
    }
  }
  return end;
}
}  // namespace

int main(int argc, char** argv) {
  const std::size_t width = argc > 2 ? std::strtoull(argv[1], nullptr, 10) : 4096;
  const std::size_t height = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 4096;
  const double issue = argc > 4 ? std::atof(argv[3]) : 13, latency = argc > 4 ? std::atof(argv[4]) : 40;
  const int sms = argc > 5 ? std::atoi(argv[5]) : 132;
  if (width == 0 || height == 0 || issue <= 0 || latency <= 0 || sms <= 0) {
    std::fprintf(stderr, "usage: warp_schedule_model [WIDTH HEIGHT [ISSUE LAT [SMS]]]\n");
    return 2;
  }
  // mandelbrot's region and loop (common/kernels/mandelbrot.hpp), in float.
  const std::size_t pixels = width * height;
  const float dx = static_cast<float>(3.0 / static_cast<double>(width));
  const float dy = static_cast<float>(2.5 / static_cast<double>(height));
  std::vector<int> count(pixels);
  for (std::size_t i = 0; i < pixels; ++i) {
    const float cr = -2.25f + static_cast<float>(i % width) * dx, ci = -1.25f + static_cast<float>(i / width) * dy;
    float zr = 0, zi = 0;
    int k = 0;
    for (; k < 256; ++k) {
      const float zr2 = zr * zr, zi2 = zi * zi;
      if (zr2 + zi2 > 4.f) break;
      zi = (zr + zr) * zi + ci;
      zr = zr2 - zi2 + cr;
    }
    count[i] = k;
  }
  auto warp_iterations = [&](std::size_t first) {
    int most = 0;
    for (std::size_t p = first; p < std::min(first + warp, pixels); ++p) most = std::max(most, count[p]);
    return long{most} + 3;
  };
  const std::size_t wave_threads = static_cast<std::size_t>(sms) * blocks_per_sm * warps_per_block * warp;
  Blocks wave(static_cast<std::size_t>(sms) * blocks_per_sm, std::vector<long>(warps_per_block, 0));
  long total = 0;
  for (std::size_t b = 0; b < wave.size(); ++b)
    for (int w = 0; w < warps_per_block; ++w)
      for (std::size_t p = (b * warps_per_block + w) * warp; p < pixels; p += wave_threads) {
        wave[b][w] += warp_iterations(p);
        total += warp_iterations(p);
      }
  const std::size_t block_pixels = warps_per_block * warp;
  Blocks per_block((pixels + block_pixels - 1) / block_pixels, std::vector<long>(warps_per_block, 0));
  for (std::size_t b = 0; b < per_block.size(); ++b)
    for (int w = 0; w < warps_per_block; ++w)
      if (const std::size_t p = b * block_pixels + w * warp; p < pixels) per_block[b][w] = warp_iterations(p);
  const double perfect = static_cast<double>(total) * issue / (sms * schedulers);
  const double one_wave = finish_cycles(wave, sms, issue, latency);
  const double blocks = finish_cycles(per_block, sms, issue, latency);
  std::printf("%zux%zu, %d SMs, %.0f cycles issued and %.0f apart an iteration (cycles; us at 1.98 GHz):\n", width,
              height, sms, issue, latency);
  std::printf("  perfect balance  %10.0f  %7.1f us\n", perfect, perfect / 1980);
  std::printf("  one wave         %10.0f  %7.1f us  (%.2fx perfect)\n", one_wave, one_wave / 1980, one_wave / perfect);
  std::printf("  block per %zu    %10.0f  %7.1f us  (%.2fx perfect)\n", block_pixels, blocks, blocks / 1980,
              blocks / perfect);
}
