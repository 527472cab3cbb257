// Deliberately broken variants of every registered kernel on every host backend must fail
// verification: a term dropped (one input read as zeros), the tail dropped (the last element of
// every input never read), one element off (an input read one place along, its last element read
// twice and its first never: a rotation would be no fault to a kernel whose answer does not
// depend on the order of its input, a histogram's), and every run after the first doing nothing
// (a part skipped or raced over on every run but the warm-up, or an answer left by an earlier
// run: every run computes the same one), and an input changed for good once the backend is bound
// (one ulp of its first element: an mpi rank's part shared over the wrong indices; the kernel and
// the reference then agree on the wrong data). The faults are made
// from the problem's buffers, not from any kernel's code, so a new kernel is broken the same ways
// with no edit here. Checked twice: by measure() at an awkward size, and by the driver as a user
// runs it, on its default data and sizes, where every row must say FAILED.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "common/measure.hpp"
#include "common/range_execution.hpp"
#include "common/stream/stream_problem.hpp"
#include "driver/commands.hpp"
#include "tests/run_captured.hpp"

namespace flynn {
namespace {

enum class Fault { drop_first_input, drop_last_input, drop_tail, one_element_off, first_run_only, input_changed };
constexpr Fault all_faults[] = {Fault::drop_first_input, Fault::drop_last_input, Fault::drop_tail,
                                Fault::one_element_off,  Fault::first_run_only,  Fault::input_changed};

std::string name_of(Fault f) {
  switch (f) {
    case Fault::drop_first_input: return "drop_first_input";
    case Fault::drop_last_input: return "drop_last_input";
    case Fault::drop_tail: return "drop_tail";
    case Fault::one_element_off: return "one_element_off";
    case Fault::first_run_only: return "first_run_only";
    case Fault::input_changed: return "input_changed";
  }
  return "?";
}

// A correct execution run on inputs broken for the length of each run and mended after it, so the
// verifier, which reads the inputs after the runs, judges the result against the right answer. A
// kernel that reads nothing (mandelbrot) is broken in its outputs instead: the first or the last
// output, or each one's last element (a unit of the problem's extent: a row of a grid), left as it
// was before the run, as if never written; or every output written one unit along.
class FaultyExecution final : public Execution {
 public:
  FaultyExecution(Problem& p, std::unique_ptr<Execution> inner, Fault fault) : inner_(std::move(inner)), fault_(fault) {
    for (const BufferRef& b : p.buffers())
      if (b.read()) inputs_.push_back(b);
    if (inputs_.empty()) {
      for (const BufferRef& b : p.buffers())
        if (b.written()) inputs_.push_back(b);
      in_outputs_ = true;
    }
    element_ = p.extent() && !inputs_.empty() ? inputs_.front().bytes / p.extent() : 0;
    if (fault_ == Fault::input_changed && element_ && !in_outputs_)
      for (const BufferRef& b : p.buffers())
        if (b.role == BufferRef::Role::input) {         // not one updated in place: its start values come back
          static_cast<unsigned char*>(b.data)[0] ^= 1;  // the lowest bit of a little-endian value: one ulp
          break;
        }
  }
  double run(std::size_t times) override {
    if (fault_ == Fault::input_changed && !in_outputs_) return inner_->run(times);
    if (fault_ == Fault::first_run_only) {
      if (ran_) return 0;
      ran_ = true;
      return inner_->run(1);
    }
    // Inputs are broken before the run; outputs are saved before it (and put back after it, as if
    // never written), except that an output written one place along is moved once it is written.
    const bool after_the_run = in_outputs_ && fault_ == Fault::one_element_off;
    if (!after_the_run) break_inputs();
    const double t = inner_->run(times);
    if (after_the_run) break_inputs();
    mend_inputs();
    return t;
  }
  void finish() override { inner_->finish(); }
  void reset() override { inner_->reset(); }
  void poison_outputs() override { inner_->poison_outputs(); }

 private:
  struct Saved {
    BufferRef buffer;
    std::size_t offset;
    std::vector<unsigned char> bytes;
  };
  void save(const BufferRef& b, std::size_t offset, std::size_t bytes) {
    auto* p = static_cast<unsigned char*>(b.data) + offset;
    saved_.push_back({b, offset, std::vector<unsigned char>(p, p + bytes)});
  }
  void zero(const BufferRef& b, std::size_t offset, std::size_t bytes) {
    save(b, offset, bytes);
    std::memset(static_cast<unsigned char*>(b.data) + offset, 0, bytes);
  }
  void break_inputs() {
    if (!element_) return;
    auto* first = static_cast<unsigned char*>(inputs_.front().data);
    switch (fault_) {
      case Fault::input_changed:  // a kernel that reads nothing: its first output left unwritten
      case Fault::drop_first_input: zero(inputs_.front(), 0, inputs_.front().bytes); break;
      case Fault::drop_last_input: zero(inputs_.back(), 0, inputs_.back().bytes); break;
      case Fault::drop_tail:
        for (const BufferRef& b : inputs_) zero(b, b.bytes - element_, element_);
        break;
      case Fault::one_element_off:
        if (!in_outputs_) save(inputs_.front(), 0, element_);
        std::memmove(first, first + element_, inputs_.front().bytes - element_);
        break;
    }
  }
  void mend_inputs() {
    if (!element_) return;
    if (fault_ == Fault::one_element_off && !in_outputs_) {
      auto* first = static_cast<unsigned char*>(inputs_.front().data);
      std::memmove(first + element_, first, inputs_.front().bytes - element_);  // the first comes back below
    }
    for (const Saved& s : saved_)
      std::memcpy(static_cast<unsigned char*>(s.buffer.data) + s.offset, s.bytes.data(), s.bytes.size());
    saved_.clear();
  }

  std::unique_ptr<Execution> inner_;
  Fault fault_;
  bool ran_ = false;               // first_run_only: the one run that did anything is done
  std::vector<BufferRef> inputs_;  // or the outputs, when the kernel reads nothing
  bool in_outputs_ = false;
  std::size_t element_ = 0;
  std::vector<Saved> saved_;
};

Factory faulty(Factory correct, Fault fault) {
  return [correct, fault](Problem& p) -> std::unique_ptr<Execution> {
    return std::make_unique<FaultyExecution>(p, correct(p), fault);
  };
}

// The backends whose data live in host memory, where breaking the host inputs breaks the run (a
// GPU uploads its inputs before the runs).
std::vector<const Backend*> host_backends() {
  std::vector<const Backend*> out;
  for (const Backend* b : registry().backends())
    if (!b->device_free_bytes && b->name.rfind("test.", 0) != 0) out.push_back(b);
  return out;
}

struct Case {
  std::string kernel, backend;
  Fault fault;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.kernel << " on " << c.backend << ", " << name_of(c.fault); }

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const KernelSpec* k : registry().kernels())
    for (const Backend* b : host_backends())
      for (Fault f : all_faults) out.push_back({std::string(k->name()), b->name, f});
  return out;
}

class FaultInjection : public testing::TestWithParam<Case> {};

TEST_P(FaultInjection, BrokenVariantFailsOnTheDefaultData) {
  const Case& c = GetParam();
  const KernelSpec* kernel = registry().find_kernel(c.kernel);
  const Backend* backend = registry().find_backend(c.backend);
  if (const Availability a = backend->availability(); !a.ok) GTEST_SKIP() << c.backend << " unavailable: " << a.reason;
  const auto correct = registry().implementation(c.kernel, c.backend);
  if (!correct && !backend->implements_only.empty()) GTEST_SKIP() << "not implemented: " << backend->implements_only;
  ASSERT_TRUE(correct.has_value());
  // An awkward size: the kernel's largest test size of at most 4099 elements and 2^25 flops (the
  // stream kernels' 4099; nbody's O(n^2) 1025 bodies; mandelbrot's 100x37 grid; gemm's O(n^3)
  // 100, where its 543 took half a minute a case under qemu).
  Extents size = kernel->test_sizes().front();
#ifdef FLYNN_EMULATED
  constexpr double most_flops = 0x1p21;  // under qemu: nbody's 255 bodies, not 1025 (15 s a case)
#else
  constexpr double most_flops = 0x1p25;
#endif
  for (const Extents& e : kernel->test_sizes())
    if (e.count() <= 4099 && kernel->work(e, Precision::f64).flops <= most_flops && e.count() > size.count()) size = e;
  for (Precision p : kernel->precisions()) {
    const RunResult broken = measure({kernel, backend, p, size, 1, 1, 0}, faulty(*correct, c.fault));
    EXPECT_FALSE(broken.verdict.ok) << to_string(p) << ": a broken variant verified (max error "
                                    << broken.verdict.max_error << ", tolerance " << broken.verdict.tolerance << ")";
    const RunResult right =
        measure({kernel, backend, p, size, 1, 1, 0}, *correct);  // the fault, not the rig, failed it
    EXPECT_TRUE(right.verdict.ok) << to_string(p) << ": " << right.verdict.detail;
  }
}

INSTANTIATE_TEST_SUITE_P(Registry, FaultInjection, testing::ValuesIn(all_cases()), [](const auto& info) {
  std::string name = info.param.kernel + "_" + info.param.backend + "_" + name_of(info.param.fault);
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
});

// The same faults as backends of their own, on the scalar kernels, for the driver to run.
Backend fault_backend(Fault f) {
  return Backend{
      .name = "test.fault." + name_of(f),
      .flynn_class = FlynnClass::SISD,
      .description = "test only: the scalar kernels with " + name_of(f),
      .order = 999990 + static_cast<int>(f),
      .availability =
          [] {
            return Availability{true, ""};
          },
      .width = [](Precision) { return std::string("1 lane"); },
      .resolve = [f](std::string_view kernel) -> std::optional<Factory> {
        const auto correct = registry().implementation(kernel, "scalar");
        return correct ? std::optional<Factory>(faulty(*correct, f)) : std::nullopt;
      },
  };
}
const BackendRegistration drop_first{fault_backend(Fault::drop_first_input)};
const BackendRegistration drop_last{fault_backend(Fault::drop_last_input)};
const BackendRegistration drop_tail{fault_backend(Fault::drop_tail)};
const BackendRegistration off_by_one{fault_backend(Fault::one_element_off)};
const BackendRegistration first_run_only{fault_backend(Fault::first_run_only)};
const BackendRegistration input_changed{fault_backend(Fault::input_changed)};

TEST(FaultInjection, TheDriverReportsEveryBrokenVariantFailedOnItsDefaults) {
  driver::RunOptions o;  // default kernels (all), data (seed 0), precision and sizes
  for (Fault f : all_faults) o.backends.push_back("test.fault." + name_of(f));
#ifdef FLYNN_EMULATED
  o.sizes = {"255", "31x17"};  // under qemu the default size (4x the host's last-level cache) takes minutes a row
#endif
  o.reps = 1;
  o.warmup = 0;
  const auto [code, out] = run_captured(o);
  EXPECT_EQ(code, 1) << out;
  std::size_t failed = 0;
  for (std::size_t at = out.find("FAILED: "); at != std::string::npos; at = out.find("FAILED: ", at + 1))
    ++failed;  // rows, not the summary
  EXPECT_EQ(failed, registry().kernels().size() * std::size(all_faults)) << out;
  EXPECT_EQ(out.find("  ok"), std::string::npos) << out;
}

// dot's contract: float products summed in float over at most StreamSpec::float_block terms, then
// in double. A float accumulator over every term breaks it, and the default data must show it.
double dot_in_one_float(Problem& p, std::size_t begin, std::size_t end, const Worker&) {
  auto& v = stream_view<float>(p);
  float sum = 0;
  for (std::size_t i = begin; i < end; ++i) sum += v.a[i] * v.b[i];
  return sum;
}

TEST(FaultInjection, ADotThatAccumulatesInFloatFails) {
  const Backend* scalar = registry().find_backend("scalar");
  const Factory wrong = range_factory({dot_in_one_float, nullptr});
  const RunResult r =
      measure({registry().find_kernel("dot"), scalar, Precision::f32, (std::size_t{1} << 20) + 3, 1, 0, 0}, wrong);
  EXPECT_FALSE(r.verdict.ok) << "max error " << r.verdict.max_error << ", tolerance " << r.verdict.tolerance;
}

}  // namespace
}  // namespace flynn
