# Every dependency comes from a Debian package (scripts/install-deps) or the CUDA toolkit.
find_package(Threads REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
# Debian 12's xsimd 8.1 exports a target that links one named `xtl`: find xtl first.
find_package(xtl QUIET)
find_package(xsimd REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HWLOC REQUIRED IMPORTED_TARGET hwloc)
if(FLYNN_TESTS)
  find_package(GTest REQUIRED)
endif()
