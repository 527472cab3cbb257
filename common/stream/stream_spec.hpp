// The five BabelStream kernels share data, sizing and checking; each is described as data
// (common/kernels/<name>.cpp) and this one class does the rest.
#pragma once
#include "common/kernel_spec.hpp"
#include "common/seeded.hpp"
#include "common/stream/stream_problem.hpp"

namespace flynn {

// One element of the inputs, in the reference's precision (long double: 64-bit significand on
// x86-64, so float and double inputs and their products are held with room to spare).
struct StreamElement {
  long double a, b, c, s;
};

// The exact result for one element, the magnitude its rounding error scales with, and how many
// roundings a correct implementation may make (FMA contraction makes fewer, never more).
struct Expected {
  long double value;
  long double magnitude;
  int roundings;
};

struct StreamDesc {
  std::string_view name;
  std::string_view description;
  StreamRoles roles;
  double flops_per_element;
  // Elementwise kernels: the output element. Reductions (roles.writes empty): the term summed.
  Expected (*reference)(const StreamElement&);
  int listing_order = 1000;  // BabelStream's order for its six (KernelSpec::listing_order)
  // What the kernel's work asks of a machine: most elementwise kernels are memory-bound; one with
  // tens of flops per element (a polynomial, a transcendental) is compute-bound on a CPU.
  Bound bound = Bound::memory;
  // The table's rate column in the kernel's own unit, counting elements in millions ("Mpoint"
  // shows Mpoint/s); empty: none, GB/s and GFLOP/s say it all.
  std::string_view million_elements_unit = {};
};

class StreamSpec final : public KernelSpec {
 public:
  explicit StreamSpec(StreamDesc desc) : d_(std::move(desc)) {}
  std::string_view name() const override { return d_.name; }
  std::string_view description() const override { return d_.description; }
  Bound bound() const override { return d_.bound; }
  int listing_order() const override { return d_.listing_order; }
  Extents default_size(Precision, const SizingHints&) const override;
  std::size_t footprint_bytes(const Extents& e, Precision) const override;
  std::size_t device_footprint_bytes(const Extents& e, Precision) const override;
  WorkModel work(const Extents& e, Precision) const override;
  std::unique_ptr<Problem> make_problem(const Extents& e, Precision, std::uint64_t seed,
                                        const ChunkRunner& first_touch) const override;
  void poison(Problem&) const override;
  Verdict verify(const Problem&) const override;

  // Reductions sum in float over at most this many terms, then in double (see dot.cpp).
  static constexpr std::size_t float_block = 1024;

 private:
  // Arrays the kernel moves, BabelStream's way: each read once, each written once (nstream's a twice).
  std::size_t moved_arrays() const { return d_.roles.reads.size() + (d_.roles.writes ? 1 : 0); }
  // Distinct arrays it reads or writes: what the host and a GPU hold.
  std::size_t used_arrays() const { return d_.roles.reads.size() + (d_.roles.writes && !in_place(d_.roles) ? 1 : 0); }
  StreamDesc d_;
};

// BabelStream's scalar (src/Stream.h: startScalar).
inline constexpr double start_scalar = 0.4;

// The default data (--seed 0). BabelStream starts every array at one value, with c = 0, and runs its
// kernels in sequence, so c is filled by the time mul reads it; Flynn runs each kernel on fresh data,
// where c = 0 would make s * c vanish and a mul that writes zeros, or a triad without its s * c
// term, verify. Here element i of array `stream` is k / 16 with k in 1..16 drawn from (stream, i):
// never zero, so every term matters; varying along the array, so an element read one place off
// shows; and exact in float. Every product k m / 256 is then a multiple of 2^-8 no larger than 1,
// so every sum of them a correct dot forms is exact: up to float_block terms in float (under 2^11,
// 19 significant bits of 24) and any count up to max_exact_terms in double (under 2^44, 52 of 53).
constexpr double default_value(std::uint64_t stream, std::uint64_t i) {
  return static_cast<double>(1 + (mix64(mix64(stream * 0x2545f4914f6cdd1dULL) + i) >> 60)) / 16;
}
inline constexpr std::size_t max_exact_terms = std::size_t{1} << 44;

}  // namespace flynn
