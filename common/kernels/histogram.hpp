// histogram's data: n values in [0, 1) counted into 256 equal bins. Value x falls in bin
// floor(256 x); 256 is a power of two, so the product is exact in either precision and every
// backend bins every value the same way. Counts are 64-bit: a GPU holds more than 2^32 values.
//
// The lesson is the workers' partial answers (Problem::partial_bytes): two workers that add to
// one count must take turns, so each thread (common/worker.hpp), block (in shared memory) or rank
// counts into bins of its own, and the bins are added once at the end.
#pragma once
#include <cstdint>
#include <cstring>

#include "common/aligned_buffer.hpp"
#include "common/problem.hpp"

namespace flynn {

struct HistogramBins {
  static constexpr std::size_t count = 256;
  static constexpr std::size_t bytes = count * sizeof(std::uint64_t);
  // A CPU worker's partial answer (Worker::partial: malloc'd, 64-byte aligned) is one set of bins.
  static std::uint64_t* in(std::byte* partial) { return reinterpret_cast<std::uint64_t*>(partial); }
  static const std::uint64_t* in(const std::byte* partial) { return reinterpret_cast<const std::uint64_t*>(partial); }
};

// What a kernel body sees; a bare aggregate (see common/stream/stream_view.hpp for why).
template <class T>
struct HistogramView {
  const T* values;
  std::uint64_t* counts;  // HistogramBins::count of them
  std::size_t n;
};

template <class T, class F>
HistogramView<T> relocate(HistogramView<T> v, F&& f) {
  v.values = f(v.values);
  v.counts = f(v.counts);
  return v;
}

template <class T>
class HistogramProblem final : public Problem {
 public:
  explicit HistogramProblem(std::size_t n)
      : values_(n, 0), counts_(HistogramBins::count, 1), view{values_.data(), counts_.data(), n} {}
  Precision precision() const override { return precision_of<T>(); }
  std::size_t extent() const override { return view.n; }
  std::vector<BufferRef> buffers() override {
    return {{values_.data(), view.n * sizeof(T), BufferRef::Role::input},
            {counts_.data(), HistogramBins::bytes, BufferRef::Role::output, false, /*combined=*/true}};
  }
  // A CPU worker's partial answer is a whole set of bins; the sets add up to the histogram.
  std::size_t partial_bytes() const override { return HistogramBins::bytes; }
  void clear_partial(std::byte* partial) const override { std::memset(partial, 0, HistogramBins::bytes); }
  void merge_partial(std::byte* into, const std::byte* from) const override {
    std::uint64_t* a = HistogramBins::in(into);
    const std::uint64_t* b = HistogramBins::in(from);
    for (std::size_t k = 0; k < HistogramBins::count; ++k) a[k] += b[k];
  }
  void store_partial(const std::byte* partial) override { std::memcpy(view.counts, partial, HistogramBins::bytes); }

 private:
  AlignedBuffer<T> values_;
  AlignedBuffer<std::uint64_t> counts_;

 public:
  HistogramView<T> view;
};

}  // namespace flynn
