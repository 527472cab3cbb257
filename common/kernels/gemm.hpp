// gemm's data: C = A B for n x n matrices, row-major (element (i, j) of A is a[i n + j]). Every
// backend computes, in the problem's precision and in any order of the sum (blocks, lanes, FMA):
//
//   c_ij = sum over k of a_ik b_kj
//
// sgemm in float, dgemm in double, with alpha = 1 and beta = 0. The index space is C's rows: a
// worker that holds rows [begin, end) of C needs the same rows of A and the whole of B.
#pragma once
#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct GemmView {
  const T *a, *b;
  T* c;
  std::size_t n;
};

template <class T, class F>
GemmView<T> relocate(GemmView<T> v, F&& f) {
  v.a = f(v.a);
  v.b = f(v.b);
  v.c = f(v.c);
  return v;
}

struct GemmModel {
  // What a CPU worker may pack a panel of B into (Worker::scratch): half of a 1 MiB L2, where the
  // panel stays while the worker's rows of A stream past it.
  static constexpr std::size_t packed_panel_bytes = 512 * 1024;
};

template <class T>
class GemmProblem final : public Problem {
 public:
  explicit GemmProblem(std::size_t n)
      : a_(n * n, 0), b_(n * n, 1), c_(n * n, 2), view{a_.data(), b_.data(), c_.data(), n} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    const std::size_t bytes = view.n * view.n * sizeof(T);
    // Row i of C reads row i of A and every column of B: B is read whole.
    return {{a_.data(), bytes, BufferRef::Role::input},
            {b_.data(), bytes, BufferRef::Role::input, true},
            {c_.data(), bytes, BufferRef::Role::output}};
  }
  std::size_t worker_scratch_bytes() const override { return GemmModel::packed_panel_bytes; }

 private:
  AlignedBuffer<T> a_, b_, c_;

 public:
  GemmView<T> view;
};

}  // namespace flynn
