// STREAM-style OpenMP triad and dot (McCalpin's loops with BabelStream's byte counts: triad 3N,
// dot 2N elements), double precision. Prints "triad <GB/s>" and "dot <GB/s>" from the median of
// the repetitions, so a script can set flynn's figures beside it.
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : (std::size_t{1} << 25);
  const int reps = argc > 2 ? std::atoi(argv[2]) : 10;
  if (n == 0 || reps < 1) {
    std::fprintf(stderr, "usage: stream_baseline [N >= 1] [reps >= 1]\n");
    return 2;
  }
  double* a = static_cast<double*>(std::aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64));
  double* b = static_cast<double*>(std::aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64));
  double* c = static_cast<double*>(std::aligned_alloc(64, ((n * sizeof(double) + 63) / 64) * 64));
  if (!a || !b || !c) {
    std::fprintf(stderr, "stream_baseline: cannot allocate 3 x %zu doubles\n", n);
    return 2;
  }
  const double scalar = 0.4;
#pragma omp parallel for schedule(static)
  for (std::size_t i = 0; i < n; ++i) {
    a[i] = 0.1;
    b[i] = 0.2;
    c[i] = 0.0;
  }
  auto median_seconds = [&](auto&& body) {
    std::vector<double> t;
    body();  // warm-up
    for (int r = 0; r < reps; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      body();
      t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
  };
  const double triad = median_seconds([&] {
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) a[i] = b[i] + scalar * c[i];
  });
  double sum = 0;
  const double dot = median_seconds([&] {
    double s = 0;
#pragma omp parallel for schedule(static) reduction(+ : s)
    for (std::size_t i = 0; i < n; ++i) s += a[i] * b[i];
    sum = s;
  });
  const double expected = (0.2 + scalar * 0.0) * 0.2 * static_cast<double>(n);
  if (std::abs(sum - expected) > 1e-6 * expected) {
    std::fprintf(stderr, "stream_baseline: dot gave %g, expected %g\n", sum, expected);
    return 1;
  }
  std::printf("threads %d\ntriad %.2f\ndot %.2f\n", omp_get_max_threads(), 3.0 * n * sizeof(double) / triad / 1e9,
              2.0 * n * sizeof(double) / dot / 1e9);
  std::free(a);
  std::free(b);
  std::free(c);
  return 0;
}
