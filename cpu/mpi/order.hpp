// What rank 0 tells the other ranks to do, one order at a time (ranks.hpp's post and await). The
// same program runs on every rank, so the struct's bytes mean the same everywhere.
#pragma once
#include <cstdint>
#include <cstring>
#include <string_view>

#include "common/extents.hpp"
#include "common/precision.hpp"
#include "common/registry.hpp"

namespace flynn::mpi {

struct Order {
  enum class Op : std::int32_t {
    stop,             // the driver is done: leave
    open,             // make this rank's part of a problem (kernel, precision, size, seed, streaming)
    run,              // `count` timed runs
    reset,            // put an in-place array's start values back
    poison,           // fill this rank's part of every output with poison again
    finish,           // send the written parts to rank 0
    evict,            // empty this rank's caches (--cold-cache)
    close,            // drop the problem
    copy_ceiling,     // the copy ceiling of `count` bytes, every rank copying its part
    peak,             // the compute ceiling in `precision`
    allreduce_probe,  // time MPI_Allreduce of one double
  };
  Op op = Op::stop;
  Precision precision = Precision::f64;
  StreamingStores streaming = StreamingStores::automatic;
  std::int32_t dimensions = 1;
  std::uint64_t width = 0, height = 1, seed = 0;
  std::uint64_t count = 0;
  char kernel[64] = {};

  Extents size() const { return dimensions == 2 ? Extents::grid(width, height) : Extents(width); }
  void set_size(const Extents& e) {
    dimensions = e.dimensions;
    width = e.width;
    height = e.height;
  }
  void set_kernel(std::string_view name) {
    std::memset(kernel, 0, sizeof kernel);
    std::memcpy(kernel, name.data(), name.size() < sizeof kernel ? name.size() : sizeof kernel - 1);
  }
};

}  // namespace flynn::mpi
