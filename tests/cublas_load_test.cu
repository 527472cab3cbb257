// cuBLAS is loaded, not linked (gpu/cublas/api.cuh): every function the cublas backend calls must
// be found in the library it loads, which a machine with the toolkit and no GPU can check.
#include <gtest/gtest.h>

#include "gpu/cublas/api.cuh"

namespace flynn::gpu {
namespace {

TEST(Cublas, LoadsWithEveryFunctionTheBackendCalls) {
  std::string why;
  const CublasApi* api = load_cublas(&why);
  if (!api && why.find("not found") != std::string::npos) GTEST_SKIP() << why;  // no cuBLAS here
  ASSERT_NE(api, nullptr) << why;  // found, but a function is missing: a misspelt or renamed symbol
  EXPECT_NE(api->sgemm, nullptr);
  EXPECT_NE(api->dgemm, nullptr);
  EXPECT_STREQ(api->status_name(CUBLAS_STATUS_NOT_INITIALIZED), "CUBLAS_STATUS_NOT_INITIALIZED");
}

}  // namespace
}  // namespace flynn::gpu
