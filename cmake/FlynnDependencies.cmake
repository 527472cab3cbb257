# Every dependency comes from a Debian package (scripts/install-deps) or the CUDA toolkit.
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
# Debian 12's xsimd 8.1 exports a target that links one named `xtl`: find xtl first.
find_package(xtl QUIET)
find_package(xsimd REQUIRED)
# Architecture-templated batches (xsimd::batch<T, Arch>) arrived in xsimd 8; 7.x (Ubuntu 22.04) differs.
if(xsimd_VERSION VERSION_LESS 8)
  message(FATAL_ERROR "xsimd ${xsimd_VERSION} is too old: Flynn needs xsimd 8 or newer (Debian 12, Ubuntu 24.04)")
endif()
# hwloc has no CMake package; its pkg-config file hard-codes /usr, which breaks a private prefix
# (scripts/gpu-check on a machine without the -dev packages), so find the header and library
# directly. Debian keeps the generated config header in the multiarch folder, found the same way.
find_path(HWLOC_INCLUDE_DIR hwloc.h)
find_path(HWLOC_CONFIG_INCLUDE_DIR hwloc/autogen/config.h)
find_library(HWLOC_LIBRARY hwloc)
if(NOT HWLOC_INCLUDE_DIR OR NOT HWLOC_CONFIG_INCLUDE_DIR OR NOT HWLOC_LIBRARY)
  message(FATAL_ERROR "hwloc not found: install libhwloc-dev (scripts/install-deps)")
endif()
add_library(flynn::hwloc UNKNOWN IMPORTED)
set_target_properties(flynn::hwloc PROPERTIES IMPORTED_LOCATION ${HWLOC_LIBRARY}
                      INTERFACE_INCLUDE_DIRECTORIES "${HWLOC_INCLUDE_DIR};${HWLOC_CONFIG_INCLUDE_DIR}")
if(FLYNN_TESTS)
  find_package(GTest REQUIRED)
endif()
