// The registry's lookup rules, on a registry of its own (the process-wide one is left alone).
#include <gtest/gtest.h>

#include "common/registry.hpp"

namespace flynn {
namespace {

// A factory that counts its calls, so a test can tell which one the registry handed out.
Factory tagged(int& calls) {
  return [&calls](Problem&) -> std::unique_ptr<Execution> {
    ++calls;
    return nullptr;
  };
}

struct NoProblem final : Problem {
  Precision precision() const override { return Precision::f32; }
  std::size_t extent() const override { return 0; }
  std::vector<BufferRef> buffers() override { return {}; }
};

TEST(Registry, ARegisteredPairWinsOverTheBackendsOwnResolution) {
  int resolved = 0, registered = 0;
  Registry r;
  r.add_backend(Backend{.name = "mimd",
                        .flynn_class = FlynnClass::MIMD,
                        .resolve = [&](std::string_view kernel) -> std::optional<Factory> {
                          if (kernel == "unknown") return std::nullopt;
                          return tagged(resolved);
                        }});
  r.add_implementation("scan", "mimd", tagged(registered));
  NoProblem p;

  auto scan = r.implementation("scan", "mimd");
  ASSERT_TRUE(scan.has_value());
  (*scan)(p);
  EXPECT_EQ(registered, 1);
  EXPECT_EQ(resolved, 0);

  auto triad = r.implementation("triad", "mimd");  // no pair: the backend's default
  ASSERT_TRUE(triad.has_value());
  (*triad)(p);
  EXPECT_EQ(resolved, 1);

  EXPECT_FALSE(r.implementation("unknown", "mimd").has_value());
  EXPECT_FALSE(r.implementation("scan", "nosuch").has_value());
}

TEST(Registry, NamesAreUnique) {
  Registry r;
  r.add_backend(Backend{.name = "b", .flynn_class = FlynnClass::SISD});
  EXPECT_ANY_THROW(r.add_backend(Backend{.name = "b", .flynn_class = FlynnClass::SIMD}));
}

}  // namespace
}  // namespace flynn
