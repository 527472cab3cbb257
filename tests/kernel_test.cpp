// Every registered (kernel, backend, precision) against the reference, at sizes that are not
// multiples of any lane count or block size, on the default data and on fresh random data.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "common/measure.hpp"

namespace flynn {
namespace {

struct Case {
  std::string kernel, backend;
  Precision precision;
  Extents size;
  StreamingStores streaming = StreamingStores::automatic;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.kernel << " on " << c.backend << ", " << to_string(c.precision) << ", n=" << c.size.label()
      << (c.streaming == StreamingStores::always ? ", streaming stores" : "");
}

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const KernelSpec* k : registry().kernels())
    for (const Backend* b : registry().backends())
      for (Precision p : k->precisions()) {
        for (const Extents& n : k->test_sizes()) out.push_back({std::string(k->name()), b->name, p, n});
        // Streaming stores normally start past a quarter of the last-level cache; force them at small
        // sizes so their alignment, tail and fence are checked too (memory-bound 1-D kernels, which stream).
        if (k->bound() == Bound::memory && k->dimensions() == 1)
          for (std::size_t n : {std::size_t{17}, std::size_t{4099}})
            out.push_back({std::string(k->name()), b->name, p, n, StreamingStores::always});
      }
  return out;
}

std::string case_name(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.kernel + "_" + info.param.backend + "_" + std::string(to_string(info.param.precision)) +
                     "_n" + info.param.size.label() +
                     (info.param.streaming == StreamingStores::always ? "_streaming" : "");
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class KernelTest : public testing::TestWithParam<Case> {};

TEST_P(KernelTest, MatchesReference) {
  const Case& c = GetParam();
  const KernelSpec* kernel = registry().find_kernel(c.kernel);
  const Backend* backend = registry().find_backend(c.backend);
  ASSERT_NE(kernel, nullptr);
  ASSERT_NE(backend, nullptr);
  const Availability a = backend->availability();
  if (!a.ok) GTEST_SKIP() << c.backend << " unavailable: " << a.reason;
  auto factory = registry().implementation(c.kernel, c.backend);
  if (!factory && !backend->implements_only.empty()) GTEST_SKIP() << "not implemented: " << backend->implements_only;
  ASSERT_TRUE(factory.has_value()) << c.backend << " has no implementation of " << c.kernel;

  for (const Backend* b : registry().backends())
    if (b->configure) b->configure(RunSettings{0, c.streaming});
  // The default data (seed 0), on which the driver runs and dot must be exact, then fresh random
  // values, whose signs and magnitudes the default data do not cover.
  for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{std::random_device{}()} | 1}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const RunResult r = measure({kernel, backend, c.precision, c.size, 2, 1, seed}, *factory);
    EXPECT_TRUE(r.verdict.ok) << r.verdict.detail << " (max error " << r.verdict.max_error << ", tolerance "
                              << r.verdict.tolerance << ")";
    EXPECT_EQ(r.kernel_time.count, 2u);  // both timed repetitions were recorded
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, KernelTest, testing::ValuesIn(all_cases()), case_name);

TEST(Registry, HasTheSixStreamKernelsAndTheCpuBackends) {
  for (const char* k : {"copy", "mul", "add", "triad", "dot", "nstream"})
    EXPECT_NE(registry().find_kernel(k), nullptr) << k;
  for (const char* b : {"scalar", "simd", "threads"}) EXPECT_NE(registry().find_backend(b), nullptr) << b;
}

TEST(Registry, SimdPicksTheWidestAvailableInstructionSet) {
  const Backend* best = registry().find_backend("simd");
  ASSERT_NE(best, nullptr);
  if (!best->availability().ok) GTEST_SKIP() << "no SIMD instruction set available";
  // `simd` must be as wide as every available simd.<isa>.
  for (const Backend* b : registry().backends())
    if (b->name.rfind("simd.", 0) == 0 && b->availability().ok)
      EXPECT_GE(std::stoi(best->width(Precision::f32)), std::stoi(b->width(Precision::f32))) << b->name;
}

}  // namespace
}  // namespace flynn

namespace flynn {
namespace {

// The compute ceilings run and give a finite, positive figure (how high is the machine's business).
TEST(Ceilings, EveryAvailableBackendWithAProbeMeasuresAPeak) {
  for (const Backend* b : registry().backends()) {
    if (!b->peak_gflops || !b->availability().ok) continue;
    const double gflops = b->peak_gflops(Precision::f64);
    EXPECT_TRUE(std::isfinite(gflops) && gflops > 0) << b->name << ": " << gflops;
  }
}

}  // namespace
}  // namespace flynn
