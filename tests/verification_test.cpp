// The checks themselves must catch what they are for: an element nobody wrote, one wrong value,
// a wrong sum. A verifier that always says "ok" would make every other test worthless.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "common/registry.hpp"
#include "common/stream/stream_spec.hpp"

namespace flynn {
namespace {

const KernelSpec& spec(const char* name) {
  const KernelSpec* k = registry().find_kernel(name);
  if (!k) throw std::runtime_error(std::string("no kernel ") + name);
  return *k;
}

TEST(Verification, PoisonedOutputFails) {
  // Every kernel: an output poisoned, or an array updated in place left as it started.
  for (const KernelSpec* k : registry().kernels()) {
    auto p = k->make_problem(k->test_sizes().back(), Precision::f64, 7, serial_chunks);
    k->poison(*p);
    EXPECT_FALSE(k->verify(*p).ok) << k->name();
  }
}

// The largest test size of at most 4099 elements and 2^25 flops: quick on scalar under qemu too.
Extents small_test_size(const KernelSpec& k) {
  Extents size = k.test_sizes().front();
  for (const Extents& e : k.test_sizes())
    if (e.count() <= 4099 && k.work(e, Precision::f64).flops <= 0x1p25 && e.count() > size.count()) size = e;
  return size;
}

TEST(Verification, EachOutputLeftUnwrittenAloneFails) {
  // Every kernel, every output on its own: a correct run's result with that one output, or its last
  // unit (an element, a row, a body), filled with all ones as a GPU poisons it (NaN, -1 as a
  // count). A check that folds two outputs' errors into one must not let a NaN in either through.
  for (const KernelSpec* k : registry().kernels())
    for (Precision precision : k->precisions()) {
      auto p = k->make_problem(small_test_size(*k), precision, 7, serial_chunks);
      k->poison(*p);
      (*registry().implementation(k->name(), "scalar"))(*p)->run(1);
      const std::string what = std::string(k->name()) + " " + std::string(to_string(precision));
      EXPECT_TRUE(k->verify(*p).ok) << what;
      // `bytes` of output `b` from `offset` filled with all ones, verified, and put back.
      auto verified_without = [&](const BufferRef& b, std::size_t offset, std::size_t bytes) {
        char* at = static_cast<char*>(b.data) + offset;
        const std::vector<char> kept(at, at + bytes);
        std::memset(at, 0xff, bytes);
        const bool ok = k->verify(*p).ok;
        std::copy(kept.begin(), kept.end(), at);
        return ok;
      };
      const std::vector<BufferRef> buffers = p->buffers();
      for (std::size_t b = 0; b < buffers.size(); ++b) {
        const BufferRef& out = buffers[b];
        if (out.role != BufferRef::Role::output) continue;
        EXPECT_FALSE(verified_without(out, 0, out.bytes)) << what << ", output " << b << " left unwritten";
        if (out.combined) continue;  // one answer for all indices: no unit of its own
        const std::size_t unit = out.bytes / p->extent();
        EXPECT_FALSE(verified_without(out, out.bytes - unit, unit))
            << what << ", output " << b << "'s last unit left unwritten";
      }
    }
}

TEST(Verification, OneWrongElementFailsAndCorrectOnePasses) {
  auto p = spec("triad").make_problem(1000, Precision::f32, 11, serial_chunks);
  auto& v = static_cast<StreamProblem<float>&>(*p).view;
  for (std::size_t i = 0; i < v.n; ++i) v.a[i] = v.b[i] + v.scalar * v.c[i];
  EXPECT_TRUE(spec("triad").verify(*p).ok);
  v.a[999] = std::nextafter(std::nextafter(std::nextafter(v.a[999], 2.f), 2.f), 2.f);  // 3 ulps off: beyond 2 roundings
  const Verdict bad = spec("triad").verify(*p);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.detail.find("index 999"), std::string::npos) << bad.detail;
}

TEST(Verification, CopyMustBeExact) {
  auto p = spec("copy").make_problem(10, Precision::f64, 3, serial_chunks);
  auto& v = static_cast<StreamProblem<double>&>(*p).view;
  for (std::size_t i = 0; i < v.n; ++i) v.c[i] = v.a[i];
  EXPECT_TRUE(spec("copy").verify(*p).ok);
  v.c[4] = std::nextafter(v.c[4], 10.0);
  EXPECT_FALSE(spec("copy").verify(*p).ok);
}

TEST(Verification, DotSumOffByOneTermFails) {
  auto p = spec("dot").make_problem(4099, Precision::f64, 5, serial_chunks);
  auto& sp = static_cast<StreamProblem<double>&>(*p);
  double sum = 0;
  for (std::size_t i = 0; i < sp.view.n; ++i) sum += sp.view.a[i] * sp.view.b[i];
  sp.sum = sum;
  EXPECT_TRUE(spec("dot").verify(*p).ok);
  sp.sum = sum - sp.view.a[17] * sp.view.b[17];  // one term dropped
  EXPECT_FALSE(spec("dot").verify(*p).ok);
}

TEST(Verification, DefaultDataMakeEveryTermAndEveryElementMatter) {
  auto p = spec("triad").make_problem(4099, Precision::f64, 0, serial_chunks);
  auto& v = static_cast<StreamProblem<double>&>(*p).view;
  EXPECT_EQ(v.scalar, 0.4);  // BabelStream's
  std::size_t same_as_next = 0;
  for (const double* x : {v.b, v.c}) {
    for (std::size_t i = 0; i < v.n; ++i) {
      EXPECT_GT(x[i], 0) << i;                           // no term vanishes
      EXPECT_EQ(x[i] * 16, std::floor(x[i] * 16)) << i;  // k / 16: exact in float, products exact
      EXPECT_LE(x[i], 1) << i;
      if (i + 1 < v.n && x[i] == x[i + 1]) ++same_as_next;
    }
  }
  EXPECT_LT(same_as_next, 2 * v.n / 8) << "an element read one place off would often go unseen";
  EXPECT_NE(v.b[7], v.c[7]);  // the arrays differ from each other too
}

TEST(Verification, DotOnTheDefaultDataMustBeExact) {
  for (std::size_t n : {std::size_t{4099}, (std::size_t{1} << 20) + 3}) {
    auto p = spec("dot").make_problem(n, Precision::f32, 0, serial_chunks);
    auto& sp = static_cast<StreamProblem<float>&>(*p);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(sp.view.a[i] * sp.view.b[i]);
    sp.sum = sum;
    EXPECT_TRUE(spec("dot").verify(*p).ok) << n;
    sp.sum = std::nextafter(sum, 0.0);  // one double ulp: no correct summation order is off at all
    EXPECT_FALSE(spec("dot").verify(*p).ok) << n;
  }
}

TEST(Verification, FloatDotOnRandomDataThatLostOnePartOfSixteenFails) {
  // Random data's products have mixed signs, so the terms a lost part held sum to a random walk,
  // about sqrt(n / 16) / 3, while sum |a b| grows with n / 4: a bound proportional to sum |a b|
  // alone passed such a sum at 2^22 about one time in ten. Two correct sums pass: float partials of
  // float_block terms in order, and with each block's positive products first (its partial sums
  // as large as any order makes them), each partial added in double.
  const std::size_t n = std::size_t{1} << 22, block = StreamSpec::float_block;
  // (Seed 2 is one the old bound passed. Under qemu two seeds: each takes seconds there.)
#ifdef FLYNN_UNDER_EMULATOR
  const std::vector<std::uint64_t> seeds{2, 1};
#else
  const std::vector<std::uint64_t> seeds{2, 1, 3, 4, 5, 6, 7, 8};
#endif
  for (std::uint64_t seed : seeds) {
    auto p = spec("dot").make_problem(n, Precision::f32, seed, serial_chunks);
    auto& sp = static_cast<StreamProblem<float>&>(*p);
    auto blocked = [&](std::size_t terms, bool positives_first) {
      double sum = 0;
      for (std::size_t first = 0; first < terms; first += block) {
        float partial = 0;
        for (int pass = 0; pass < (positives_first ? 2 : 1); ++pass)
          for (std::size_t i = first; i < std::min(first + block, terms); ++i) {
            const float t = sp.view.a[i] * sp.view.b[i];
            if (!positives_first || (pass == 0) == (t > 0)) partial += t;
          }
        sum += partial;
      }
      return sum;
    };
    auto verdict_on = [&](double sum) {
      sp.sum = sum;
      return spec("dot").verify(*p);
    };
    for (bool positives_first : {false, true}) {
      const Verdict correct = verdict_on(blocked(n, positives_first));
      EXPECT_TRUE(correct.ok) << "seed " << seed << ": " << correct.detail;
    }
    const Verdict lost = verdict_on(blocked(n - n / 16, false));
    EXPECT_FALSE(lost.ok) << "seed " << seed << ": off by " << lost.max_error << ", tolerance " << lost.tolerance;
  }
}

TEST(Verification, OnlyTheArraysAKernelUsesAreAllocated) {
  auto copy = spec("copy").make_problem(100, Precision::f64, 0, serial_chunks);
  const auto& v = static_cast<StreamProblem<double>&>(*copy).view;
  EXPECT_NE(v.a, nullptr);
  EXPECT_EQ(v.b, nullptr);
  EXPECT_NE(v.c, nullptr);
  EXPECT_EQ(copy->buffers().size(), 2u);
}

TEST(Verification, WorkModelFollowsBabelStream) {
  // Elements moved: copy 2N, mul 2N, add 3N, triad 3N, dot 2N, nstream 4N (a read and written).
  // Arrays held: those the kernel uses; the host also keeps nstream's start values of a.
  struct Arrays {
    const char* name;
    double moved, host, device;
  };
  const Arrays kernels[] = {{"copy", 2, 2, 2},  {"mul", 2, 2, 2}, {"add", 3, 3, 3},
                            {"triad", 3, 3, 3}, {"dot", 2, 2, 2}, {"nstream", 4, 4, 3}};
  for (auto [name, moved, host, device] : kernels) {
    EXPECT_EQ(spec(name).work(1000, Precision::f64).bytes, moved * 1000 * 8) << name;
    EXPECT_EQ(spec(name).work(1000, Precision::f32).bytes, moved * 1000 * 4) << name;
    EXPECT_EQ(spec(name).footprint_bytes(1000, Precision::f64), host * 1000 * 8) << name;
    EXPECT_EQ(spec(name).device_footprint_bytes(1000, Precision::f64), device * 1000 * 8) << name;
  }
  EXPECT_EQ(spec("copy").device_footprint_bytes(std::size_t{1} << 62, Precision::f64),
            std::numeric_limits<std::size_t>::max());
  EXPECT_EQ(spec("triad").work(1000, Precision::f64).flops, 2000);
  EXPECT_EQ(spec("dot").work(1000, Precision::f64).flops, 2000);
  EXPECT_EQ(spec("nstream").work(1000, Precision::f64).flops, 3000);
}

TEST(Verification, AStreamKernelMayDeclareItselfComputeBoundWithARateOfItsOwn) {
  // A polynomial per element, as a user would add it (docs/adding-a-kernel.md): not registered,
  // so the registry-wide suites never see it.
  const StreamSpec horner(StreamDesc{
      .name = "horner_test",
      .description = "a degree-15 polynomial per element",
      .roles = {{StreamArray::a}, StreamArray::c},
      .flops_per_element = 30,
      .reference =
          [](const StreamElement& x) {
            return Expected{x.a, std::fabs(x.a), 30};
          },
      .bound = Bound::compute,
      .million_elements_unit = "Mpoint",
  });
  EXPECT_EQ(horner.bound(), Bound::compute);
  const WorkModel w = horner.work(2'000'000, Precision::f32);
  EXPECT_EQ(w.flops, 60e6);
  ASSERT_EQ(w.amounts.size(), 1u);
  EXPECT_EQ(w.amounts[0].unit, "Mpoint");
  EXPECT_EQ(w.amounts[0].count, 2.0);
  // Left out, both keep the stream kernels' defaults.
  EXPECT_EQ(spec("triad").bound(), Bound::memory);
  EXPECT_TRUE(spec("triad").work(1000, Precision::f64).amounts.empty());
}

TEST(Verification, AnInPlaceKernelIsJudgedAgainstWhatItRead) {
  // nstream updates a: the reference needs a's start values, and reset() must bring them back.
  auto p = spec("nstream").make_problem(1000, Precision::f64, 0, serial_chunks);
  auto& sp = static_cast<StreamProblem<double>&>(*p);
  ASSERT_TRUE(p->in_place());
  const std::vector<double> start(sp.view.a, sp.view.a + 1000);
  auto run = [&] {
    for (std::size_t i = 0; i < 1000; ++i) sp.view.a[i] += sp.view.b[i] + sp.view.scalar * sp.view.c[i];
  };
  run();
  EXPECT_TRUE(spec("nstream").verify(*p).ok);
  run();  // a second run without a reset adds the update twice
  EXPECT_FALSE(spec("nstream").verify(*p).ok);
  p->reset();
  EXPECT_EQ(std::vector<double>(sp.view.a, sp.view.a + 1000), start);
  run();
  EXPECT_TRUE(spec("nstream").verify(*p).ok);
}

}  // namespace
}  // namespace flynn
