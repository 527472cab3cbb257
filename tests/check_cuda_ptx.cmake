# Reads the PTX of the cuda backend's kernels and fails unless the elementwise kernels load and
# store 16 bytes per instruction (ld.global.nc.v4.f32 / .v2.f64) and dot and histogram load that
# way too (histogram counting in shared memory). The
# packets are what lets one thread keep enough bytes in flight; nvcc once split them into 4-byte
# loads without a word, so this is checked rather than trusted. It reads PTX, not SASS, because
# this runs where there is no GPU and no cuobjdump.
string(REPLACE "|" ";" files "${PTX}")
if(NOT files)
  message(FATAL_ERROR "no PTX files given")
endif()
set(checked 0)
foreach(ptx IN LISTS files)
  file(READ ${ptx} text)
  set(need "")
  if(text MATCHES "\\.entry[^\n]*map_kernel")
    list(APPEND need "ld\\.global\\.nc\\.v4\\.f32" "ld\\.global\\.nc\\.v2\\.f64" "st\\.global\\.v4\\.f32" "st\\.global\\.v2\\.f64")
  endif()
  if(text MATCHES "\\.entry[^\n]*update_kernel")
    # In place: the updated array through plain 16-byte loads (never the read-only path), the others through ld.global.nc.
    list(APPEND need "ld\\.global\\.v4\\.f32" "ld\\.global\\.v2\\.f64" "ld\\.global\\.nc\\.v4\\.f32" "st\\.global\\.v4\\.f32"
         "st\\.global\\.v2\\.f64")
  endif()
  if(text MATCHES "\\.entry[^\n]*fold_kernel")
    list(APPEND need "ld\\.global\\.nc\\.v4\\.f32" "ld\\.global\\.nc\\.v2\\.f64")
  endif()
  if(text MATCHES "\\.entry[^\n]*histogram_kernel")
    # Values in 16-byte packets, counted by shared-memory atomics; the only global atomics are the
    # blocks' totals (64-bit), which a kernel counting straight into global memory would not show.
    list(APPEND need "ld\\.global\\.nc\\.v4\\.f32" "ld\\.global\\.nc\\.v2\\.f64" "(atom|red)\\.shared\\.add\\.u32"
         "(atom|red)\\.global\\.add\\.u64")
    if(text MATCHES "(atom|red)\\.global\\.add\\.u32")
      message(FATAL_ERROR "${ptx}: histogram_kernel counts with 32-bit global atomics, not in shared memory")
    endif()
  endif()
  foreach(re IN LISTS need)
    if(NOT text MATCHES "${re}")
      message(FATAL_ERROR "${ptx}: no ${re}; the kernel moves data in narrower pieces than its 16-byte packets")
    endif()
  endforeach()
  if(need)
    math(EXPR checked "${checked} + 1")
  endif()
endforeach()
# Guard against checking nothing (a renamed kernel would otherwise pass silently).
if(checked LESS 5)
  message(FATAL_ERROR "only ${checked} PTX files held map_kernel, update_kernel or fold_kernel; expected the stream kernels")
endif()
message(STATUS "${checked} PTX files checked: 16-byte loads and stores")
