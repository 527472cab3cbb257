#include <gtest/gtest.h>

#include "common/partition.hpp"

namespace flynn {
namespace {

TEST(Partition, CoversTheRangeExactlyOnceWithAlignedInnerBoundaries) {
  for (std::size_t n : {0, 1, 15, 16, 17, 1000, 4099, 1 << 20}) {
    for (std::size_t parts : {1, 2, 3, 7, 64}) {
      std::size_t next = 0;
      for (std::size_t i = 0; i < parts; ++i) {
        const Range r = partition(n, parts, i);
        EXPECT_EQ(r.begin, next) << n << " " << parts << " " << i;
        EXPECT_LE(r.begin, r.end);
        if (r.end != n) EXPECT_EQ(r.end % 16, 0u);
        next = r.end;
      }
      EXPECT_EQ(next, n) << n << " " << parts;
    }
  }
}

}  // namespace
}  // namespace flynn
