// The memory ceiling is only as honest as its copies: each way of copying must copy every byte,
// whatever the alignment of its share (a thread's chunk starts anywhere) and however short.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "common/aligned_buffer.hpp"
#include "common/copy_reference.hpp"

namespace flynn {
namespace {

TEST(CopyReference, TheSimdLibraryAddsItsVectorCopies) {
  std::vector<std::string> names;
  for (const NamedCopyMethod& m : copy_methods()) names.push_back(m.name);
  EXPECT_EQ(names, (std::vector<std::string>{"memcpy", "non-temporal stores", "vector stores"}));
}

TEST(CopyReference, EveryMethodCopiesEveryByteAtAnyOffsetAndLength) {
  constexpr std::size_t room = (1 << 20) + 256;
  AlignedBuffer<char> src(room, 0), dst(room, 1);
  for (std::size_t i = 0; i < room; ++i) src.data()[i] = static_cast<char>(i * 131 + 7);
  for (const NamedCopyMethod& m : copy_methods()) {
    for (std::size_t offset : {0, 1, 3, 8, 17, 63, 64}) {
      for (std::size_t bytes : {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{64}, std::size_t{65},
                                std::size_t{1000}, std::size_t{1} << 20}) {
        std::fill(dst.data(), dst.data() + room, char(0x5a));
        m.method(dst.data() + offset, src.data() + offset, bytes);
        std::size_t wrong = 0;
        for (std::size_t i = 0; i < room; ++i) {
          const bool inside = i >= offset && i < offset + bytes;
          wrong += dst.data()[i] != (inside ? src.data()[i] : char(0x5a));
        }
        EXPECT_EQ(wrong, 0u) << m.name << ": offset " << offset << ", " << bytes << " bytes";
      }
    }
  }
}

TEST(CopyReference, EachMethodGetsAFigureUnderItsName) {
  const std::size_t bytes = 1 << 20;
  const auto figures = each_copy_method(bytes, serial_chunks);
  ASSERT_EQ(figures.size(), copy_methods().size());
  for (std::size_t i = 0; i < figures.size(); ++i) {
    EXPECT_EQ(figures[i].method, copy_methods()[i].name);
    EXPECT_GT(figures[i].gbps, 0) << figures[i].method;
  }
}

}  // namespace
}  // namespace flynn
