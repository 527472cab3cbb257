// scan's data: n values in, their inclusive prefix sums out. Every backend computes
//
//   out[i] = in[0] + in[1] + ... + in[i]
//
// carrying the running sum in double whatever the precision (each value converted as it is
// added, each output rounded to T once), in any order of the sum: lanes, parts, blocks. Carried in
// float, a sum over 2^25 values would round away every value once it passed 2^24 times their
// size. One flop a value. Each index depends on every index before it (Problem::carries): a
// worker summarizes its range (its sum, the partial), the backend turns the sums into carries in
// index order, and the worker then scans its range from its carry; parallel, it reads its input twice.
#pragma once
#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct ScanView {
  const T* in;
  T* out;
  std::size_t n;
};

template <class T, class F>
ScanView<T> relocate(ScanView<T> v, F&& f) {
  v.in = f(v.in);
  v.out = f(v.out);
  return v;
}

// The carry a CPU worker keeps in Worker::partial: the sum of every value before its range.
inline double& carry_of(std::byte* partial) { return *reinterpret_cast<double*>(partial); }

template <class T>
class ScanProblem final : public Problem {
 public:
  explicit ScanProblem(std::size_t n) : in_(n, 0), out_(n, 1), view{in_.data(), out_.data(), n} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    const std::size_t bytes = view.n * sizeof(T);
    return {{in_.data(), bytes, BufferRef::Role::input}, {out_.data(), bytes, BufferRef::Role::output}};
  }
  bool carries() const override { return true; }
  std::size_t partial_bytes() const override { return sizeof(double); }
  void clear_partial(std::byte* partial) const override { carry_of(partial) = 0; }
  void merge_partial(std::byte* into, const std::byte* from) const override {
    carry_of(into) += *reinterpret_cast<const double*>(from);
  }

 private:
  AlignedBuffer<T> in_, out_;

 public:
  ScanView<T> view;
};

}  // namespace flynn
