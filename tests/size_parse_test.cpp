#include <gtest/gtest.h>

#include "common/errors.hpp"
#include "driver/options.hpp"

namespace flynn::driver {
namespace {

TEST(ParseSize, AcceptsTheDocumentedForms) {
  EXPECT_EQ(parse_size("1"), 1u);
  EXPECT_EQ(parse_size("33554432"), 33554432u);
  EXPECT_EQ(parse_size("2^25"), 33554432u);
  EXPECT_EQ(parse_size("32M"), 33554432u);
  EXPECT_EQ(parse_size("32Mi"), 33554432u);
  EXPECT_EQ(parse_size("4K"), 4096u);
  EXPECT_EQ(parse_size("1e6"), 1000000u);
  EXPECT_EQ(parse_size("2^31+3"), 2147483651u);  // as the README and the issues write sizes with a tail
  EXPECT_EQ(parse_size("1M-1"), 1048575u);
  EXPECT_EQ(parse_size("1^18446744073709551615"), 1u);
}

TEST(ParseSize, HugeExponentsAnswerAtOnce) {
  // These spun once per unit of the exponent: 2^64 rounds, a hang.
  EXPECT_THROW(parse_size("0e18446744073709551615"), UsageError);
  EXPECT_THROW(parse_size("0^18446744073709551615"), UsageError);
  EXPECT_THROW(parse_size("2^18446744073709551615"), UsageError);
  EXPECT_THROW(parse_size("7e18446744073709551615"), UsageError);
}

TEST(ParseSizes, SweepsDoubleFromFirstToLast) {
  EXPECT_EQ(parse_sizes({"1K..8K"}), (std::vector<Extents>{1024, 2048, 4096, 8192}));
  EXPECT_EQ(parse_sizes({"3..20", "7"}), (std::vector<Extents>{3, 6, 12, 7}));
  EXPECT_EQ(parse_sizes({"5..5"}), (std::vector<Extents>{5}));
  EXPECT_EQ(parse_sizes({"2^62..2^63"}).size(), 2u);  // no overflow past the last doubling
  EXPECT_THROW(parse_sizes({"8K..1K"}), UsageError);
  EXPECT_EQ(parse_sizes({"1..2^63"}).size(), 64u);
  EXPECT_THROW(parse_sizes({"1..2^63", "1..2"}), UsageError);  // more than 64 points
  EXPECT_THROW(parse_sizes({"0..8"}), UsageError);
  EXPECT_THROW(parse_sizes({"..8"}), UsageError);
  std::vector<std::string> many;
  for (int i = 1; i <= 65; ++i) many.push_back(std::to_string(i));
  EXPECT_THROW(parse_sizes(many), UsageError);  // a list is capped like a sweep
}

TEST(ParseSizes, GridsAreWidthByHeightAndSweepBothSides) {
  EXPECT_EQ(parse_extents("2048x1024"), Extents::grid(2048, 1024));
  EXPECT_EQ(parse_extents("2^10X3"), Extents::grid(1024, 3));
  EXPECT_EQ(parse_extents("4099"), Extents(4099));
  EXPECT_EQ(parse_extents("17x3").count(), 51u);
  EXPECT_EQ(parse_sizes({"64x32..256x256"}),
            (std::vector<Extents>{Extents::grid(64, 32), Extents::grid(128, 64), Extents::grid(256, 128)}));
  for (const char* bad : {"0x5", "5x0", "x5", "5x", "3x3x3", "-1x4", "2^40x2^40"})
    EXPECT_THROW(parse_extents(bad), UsageError) << bad;
  EXPECT_THROW(parse_sizes({"64..256x256"}), UsageError);      // one end a count, the other a grid
  EXPECT_THROW(parse_sizes({"256x64..128x128"}), UsageError);  // wider than its end
  EXPECT_THROW(parse_sizes({"8x8", "8x8"}), UsageError);
}

TEST(ParseSize, RejectsZeroNegativeGarbageAndOverflow) {
  for (const char* bad : {"0",
                          "-1",
                          "-0",
                          "",
                          "abc",
                          "12x",
                          "1.5",
                          "2^",
                          "2^64",
                          "99999999999999999999999",
                          "1e30",
                          "0^3",
                          "17179869184G",
                          "3-3",
                          "3-4",
                          "2^63+2^63",
                          "18446744073709551615+1",
                          "+",
                          "1+",
                          "1++1"})
    EXPECT_THROW(parse_size(bad), UsageError) << bad;
}

}  // namespace
}  // namespace flynn::driver
