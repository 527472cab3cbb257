// How CUDA failures reach the user, with or without a GPU: a failed call is reported once, by the
// row it belongs to, and leaves nothing behind for the next launch check; a device that is
// counted but refuses a context is unavailable with the reason, not a crash.
#include <gtest/gtest.h>

#include <cstddef>

#include "gpu/device.cuh"

namespace flynn::gpu {
namespace {

TEST(CudaErrors, AFailedCallIsClearedOnceItIsAnException) {
  // Without a driver every call fails anew, so only a device can show an error being cleared.
  if (const Availability a = device_availability(); !a.ok) GTEST_SKIP() << a.reason;
  // 2^62 bytes: more than any device has. cudaErrorMemoryAllocation leaves the context usable.
  EXPECT_THROW(DeviceBuffer<char>(std::size_t{1} << 62), RuntimeError);
  EXPECT_EQ(cudaPeekAtLastError(), cudaSuccess) << "the failure would be reported again by the next launch check";
  EXPECT_NO_THROW(check_launch("the next kernel"));
}

TEST(CudaErrors, AfterAKernelFaultEveryFailureBlamesTheFault) {
  // Every call after a fault fails with the fault's own error; each row must say where it came from.
  const std::string fault = context_lost_by(cudaErrorIllegalAddress, "cudaEventSynchronize failed: illegal address");
  EXPECT_NE(fault.find("the GPU context is lost"), std::string::npos) << fault;
  const std::string later = context_lost_by(cudaErrorIllegalAddress, "cudaMalloc failed: illegal address");
  EXPECT_EQ(later.rfind("cudaMalloc failed", 0), 0u) << later;
  EXPECT_NE(later.find("an earlier kernel faulted"), std::string::npos) << later;
  EXPECT_NE(later.find("cudaEventSynchronize failed"), std::string::npos) << later;
  // An error that leaves the context usable says only itself, before a fault and after one.
  EXPECT_EQ(context_lost_by(cudaErrorMemoryAllocation, "cudaMalloc failed: out of memory"),
            "cudaMalloc failed: out of memory");
}

TEST(CudaErrors, AvailabilityNeedsADeviceAndAContext) {
  EXPECT_TRUE(availability_from(cudaSuccess, 1, cudaSuccess).ok);
  const Availability no_driver = availability_from(cudaErrorInsufficientDriver, 0, cudaSuccess);
  EXPECT_FALSE(no_driver.ok);
  EXPECT_EQ(no_driver.reason.rfind("no CUDA device: ", 0), 0u) << no_driver.reason;
  EXPECT_FALSE(availability_from(cudaSuccess, 0, cudaSuccess).ok);
  // Counted, but exclusive-process mode and another process holds it; or it has failed.
  for (cudaError_t refusal : {cudaErrorDevicesUnavailable, cudaErrorDeviceUninitialized, cudaErrorUnknown}) {
    const Availability a = availability_from(cudaSuccess, 1, refusal);
    EXPECT_FALSE(a.ok);
    EXPECT_NE(a.reason.find("creating a context failed: "), std::string::npos) << a.reason;
    EXPECT_NE(a.reason.find(cudaGetErrorString(refusal)), std::string::npos) << a.reason;
  }
}

TEST(CudaErrors, DeviceAvailabilityAnswersWithoutThrowing) {
  const Availability a = device_availability();
  if (!a.ok)
    EXPECT_FALSE(a.reason.empty());
  else
    EXPECT_GT(sm_count(), 0);
}

}  // namespace
}  // namespace flynn::gpu
