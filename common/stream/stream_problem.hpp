// BabelStream's data: arrays a, b, c of n elements (those the kernel uses) and one scalar; dot's answer in `sum`.
#pragma once
#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"
#include "common/stream/stream_view.hpp"

namespace flynn {

enum class StreamArray { a, b, c };

// Which arrays one kernel reads and which it writes (none for a reduction).
struct StreamRoles {
  std::vector<StreamArray> reads;
  std::optional<StreamArray> writes;
};

// Whether a kernel with these roles reads array x; reads or writes it; updates it in place.
inline bool reads(const StreamRoles& roles, StreamArray x) {
  for (StreamArray r : roles.reads)
    if (r == x) return true;
  return false;
}
inline bool uses(const StreamRoles& roles, StreamArray x) { return reads(roles, x) || roles.writes == x; }
inline bool in_place(const StreamRoles& roles) { return roles.writes && reads(roles, *roles.writes); }

// The arrays the kernel reads or writes, and nothing else: copy holds two arrays, not three, so the
// largest copy that fits is half as large again. An array the kernel does not use is nullptr in the view.
template <class T>
class StreamProblem final : public Problem {
 public:
  StreamProblem(std::size_t n, T scalar, StreamRoles roles)
      : a_(allocate(roles, StreamArray::a, n)),
        b_(allocate(roles, StreamArray::b, n)),
        c_(allocate(roles, StreamArray::c, n)),
        roles_(std::move(roles)),
        in_place_(flynn::in_place(roles_)),
        view{a_.data(), b_.data(), c_.data(), n, scalar} {}

  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    std::vector<BufferRef> out;
    for (StreamArray x : roles_.reads)
      out.push_back(
          {array(x), view.n * sizeof(T), x == roles_.writes ? BufferRef::Role::in_place : BufferRef::Role::input});
    if (roles_.writes && !in_place())
      out.push_back({array(*roles_.writes), view.n * sizeof(T), BufferRef::Role::output});
    return out;
  }
  bool reduces() const override { return !roles_.writes; }
  void store_reduction(double s) override { sum = s; }
  bool in_place() const override { return in_place_; }
  void reset() override { reset_part(0, view.n); }
  void reset_part(std::size_t begin, std::size_t end) override {
    if (in_place()) std::copy(start_.data() + begin, start_.data() + end, array(*roles_.writes) + begin);
  }
  // After make_problem has filled the arrays: keeps the start values of an array updated in place,
  // for reset() and for the reference, which needs what the kernel read. Copied by the workers
  // that filled the arrays, so each keeps its own part's where it put the part itself (an mpi
  // rank touches no other part).
  void keep_start_values(const ChunkRunner& chunks) {
    if (!in_place()) return;
    start_ = AlignedBuffer<T>(view.n, 3);
    const T* a = array(*roles_.writes);
    chunks(view.n, [&](std::size_t b, std::size_t e) { std::copy(a + b, a + e, start_.data() + b); });
  }
  // Array x as the kernel found it: its start values where the kernel updates it in place.
  const T* before(StreamArray x) const { return in_place() && x == roles_.writes ? start_.data() : array(x); }

  T* array(StreamArray x) { return x == StreamArray::a ? view.a : x == StreamArray::b ? view.b : view.c; }
  const T* array(StreamArray x) const { return x == StreamArray::a ? view.a : x == StreamArray::b ? view.b : view.c; }
  const StreamRoles& roles() const { return roles_; }

 private:
  static AlignedBuffer<T> allocate(const StreamRoles& roles, StreamArray x, std::size_t n) {
    // Staggered by the array's index (aligned_buffer.hpp), as when all three were allocated.
    return uses(roles, x) ? AlignedBuffer<T>(n, static_cast<std::size_t>(x)) : AlignedBuffer<T>();
  }

  AlignedBuffer<T> a_, b_, c_;
  AlignedBuffer<T> start_;  // an in-place array's start values
  StreamRoles roles_;
  bool in_place_;  // asked per element while results are checked (before()): worked out once

 public:
  StreamView<T> view;
  double sum = std::numeric_limits<double>::quiet_NaN();  // dot's result
  // The default data (stream_spec.hpp's default_value), on which every product and every partial
  // sum a correct kernel forms is exact.
  bool exact_products = false;
};

}  // namespace flynn

namespace flynn {
// A CPU kernel's way in: the RangeFn receives the problem it was bound to, of this type.
template <class T>
StreamView<T>& stream_view(Problem& p) {
  return static_cast<StreamProblem<T>&>(p).view;
}
}  // namespace flynn
