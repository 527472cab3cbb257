// scan's check must pass what its contract allows (a sum carried in double, added in any order)
// and fail what it forbids: a sum carried in float, a value left out, a part whose carry was lost.
#include <gtest/gtest.h>

#include "common/kernels/scan.hpp"
#include "common/registry.hpp"

namespace flynn {
namespace {

const KernelSpec& scan() { return *registry().find_kernel("scan"); }

enum class Scan { in_double_by_pairs, in_float, one_value_left_out, second_half_without_carry };

// The prefix sums computed here, independently of every backend, with one deliberate difference.
template <class T>
std::unique_ptr<Problem> scanned(std::size_t n, std::uint64_t seed, Scan how) {
  auto p = scan().make_problem(n, precision_of<T>(), seed, serial_chunks);
  scan().poison(*p);
  auto& v = static_cast<ScanProblem<T>&>(*p).view;
  double running = 0;
  float running_in_float = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (how == Scan::in_double_by_pairs && i % 2 == 0 && i + 1 < n) {
      // Another order than any backend's: two values summed first, then added to the carry.
      const double pair = static_cast<double>(v.in[i]) + static_cast<double>(v.in[i + 1]);
      v.out[i] = static_cast<T>(running + v.in[i]);
      running += pair;
      v.out[i + 1] = static_cast<T>(running);
      ++i;
      continue;
    }
    if (how == Scan::second_half_without_carry && i == n / 2) running = 0;
    if (!(how == Scan::one_value_left_out && i == n / 3)) {
      running += v.in[i];
      running_in_float += static_cast<float>(v.in[i]);
    }
    v.out[i] = how == Scan::in_float ? static_cast<T>(running_in_float) : static_cast<T>(running);
  }
  return p;
}

TEST(ScanVerification, AnyOrderOfADoubleSumPasses) {
  for (std::uint64_t seed : {0, 7})
    for (std::size_t n : {1, 2, 3, 1000, 1 << 20}) {
      EXPECT_TRUE(scan().verify(*scanned<float>(n, seed, Scan::in_double_by_pairs)).ok) << n;
      EXPECT_TRUE(scan().verify(*scanned<double>(n, seed, Scan::in_double_by_pairs)).ok) << n;
    }
}

TEST(ScanVerification, ASumCarriedInFloatFailsOnceItOutgrowsTheValues) {
  // On the default data (k/16 > 0) a float sum rounds each value once it passes 2^20; at 2^22 the
  // error is far past the double contract's bound.
  EXPECT_FALSE(scan().verify(*scanned<float>(1 << 22, 0, Scan::in_float)).ok);
}

TEST(ScanVerification, AValueLeftOutFailsWhereItWasLeftOut) {
  const Verdict v = scan().verify(*scanned<double>(3000, 7, Scan::one_value_left_out));
  EXPECT_FALSE(v.ok);
  EXPECT_NE(v.detail.find("first at index 1000"), std::string::npos) << v.detail;
}

TEST(ScanVerification, APartWhoseCarryWasLostFails) {
  EXPECT_FALSE(scan().verify(*scanned<float>(1 << 20, 0, Scan::second_half_without_carry)).ok);
  EXPECT_FALSE(scan().verify(*scanned<double>(1 << 20, 7, Scan::second_half_without_carry)).ok);
}

}  // namespace
}  // namespace flynn
