// Host arrays aligned for the widest vector loads and streaming stores.
#pragma once
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <new>

namespace flynn {

// 64 bytes is a cache line and one AVX-512 register. Memory is left untouched on purpose: the
// first write decides which NUMA node backs a page, so backends initialise it on their own threads.
inline constexpr std::size_t buffer_alignment = 64;

template <class T>
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t n) : size_(n) {
    const std::size_t bytes = ((n * sizeof(T) + buffer_alignment - 1) / buffer_alignment) * buffer_alignment;
    data_.reset(static_cast<T*>(std::aligned_alloc(buffer_alignment, bytes == 0 ? buffer_alignment : bytes)));
    if (!data_) throw std::bad_alloc();
  }
  T* data() { return data_.get(); }
  const T* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_.get()[i]; }
  const T& operator[](std::size_t i) const { return data_.get()[i]; }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };
  std::unique_ptr<T, Free> data_;
  std::size_t size_ = 0;
};

}  // namespace flynn
