#include "common/aligned_buffer.hpp"

#include <sys/mman.h>

namespace flynn {

void* allocate_pages(std::size_t bytes) {
  constexpr std::size_t page = 4096, huge_page = std::size_t{2} << 20;
  const bool huge = bytes >= 2 * huge_page;
  const std::size_t align = huge ? huge_page : page;
  const std::size_t rounded = bytes == 0 ? align : ((bytes + align - 1) / align) * align;
  void* p = std::aligned_alloc(align, rounded);
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  // Advice only: where transparent huge pages are off, nothing changes.
  if (huge) madvise(p, rounded, MADV_HUGEPAGE);
#endif
  return p;
}

}  // namespace flynn
