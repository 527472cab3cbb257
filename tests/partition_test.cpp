#include <gtest/gtest.h>

#include "common/partition.hpp"

namespace flynn {
namespace {

TEST(Partition, CoversTheRangeExactlyOnceWithAlignedInnerBoundaries) {
  // Past 2^31 and 2^32 too: sizes an 80 GB GPU holds, whose index arithmetic must not wrap in 32 bits.
  for (std::size_t n :
       {std::size_t{0}, std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{1000},
        std::size_t{4099}, std::size_t{1} << 20, (std::size_t{1} << 31) + 3, (std::size_t{1} << 33) + 5}) {
    for (std::size_t parts : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{7}, std::size_t{64}}) {
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

TEST(Partition, PartsPastFourBillionAreEvenAndInOrder) {
  const std::size_t n = (std::size_t{1} << 33) + 5;  // no 32 GB array needed: the arithmetic alone
  const Range last = partition(n, 3, 2);
  EXPECT_EQ(last.end, n);
  EXPECT_GT(last.begin, std::size_t{1} << 32);
  const Range first = partition(n, 3, 0);
  EXPECT_LE(first.end - first.begin, (n + 2) / 3 + 16);  // no part much larger than its share
}

}  // namespace
}  // namespace flynn
