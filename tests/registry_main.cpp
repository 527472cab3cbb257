// The registry test programs' main. Under mpirun (the mpi tests), the ranks other than 0 serve
// the mpi backend from here, as in flynn's own main, while rank 0 runs the tests.
#include <gtest/gtest.h>

#include "common/registry.hpp"

int main(int argc, char** argv) {
  if (const auto served = flynn::join_backend_processes()) return *served;
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
