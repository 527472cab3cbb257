// Host arrays aligned for the widest vector loads and streaming stores.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <limits>
#include <memory>
#include <new>

namespace flynn {

// 64 bytes is a cache line and one AVX-512 register. Memory is left untouched on purpose: the
// first write decides which NUMA node backs a page, so backends initialise it on their own threads.
inline constexpr std::size_t buffer_alignment = 64;

// Page-aligned memory for `bytes`; large blocks are 2 MiB aligned and marked for transparent huge
// pages, since a stream through gigabytes on 4 KiB pages takes a TLB miss every 64 cache lines.
// Released with std::free. Throws std::bad_alloc.
void* allocate_pages(std::size_t bytes);

template <class T>
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  // `stagger` cache lines of offset from a page boundary: arrays that start at the same offset
  // within a 4 KiB page make a store to one look like it may alias a load from the other (4K
  // aliasing), which stalls cache-resident loops; staggering arrays keeps them apart.
  explicit AlignedBuffer(std::size_t n, std::size_t stagger = 0) : size_(n) {
    const std::size_t offset = (stagger * 17 * buffer_alignment) % page;
    if (n > (std::numeric_limits<std::size_t>::max() - 2 * page) / sizeof(T)) throw std::bad_alloc();
    base_.reset(static_cast<char*>(allocate_pages(offset + n * sizeof(T))));
    data_ = reinterpret_cast<T*>(base_.get() + offset);
  }
  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  static constexpr std::size_t page = 4096;
  struct Free {
    void operator()(char* p) const { std::free(p); }
  };
  std::unique_ptr<char, Free> base_;
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace flynn
