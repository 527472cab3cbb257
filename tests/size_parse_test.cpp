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
}

TEST(ParseSize, RejectsZeroNegativeGarbageAndOverflow) {
  for (const char* bad : {"0", "-1", "-0", "", "abc", "12x", "1.5", "2^", "2^64", "99999999999999999999999", "1e30", "0^3", "17179869184G"})
    EXPECT_THROW(parse_size(bad), UsageError) << bad;
}

}  // namespace
}  // namespace flynn::driver
