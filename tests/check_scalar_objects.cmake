# Disassembles the scalar backend's objects and fails on any packed (multi-lane) floating-point
# arithmetic, or on a call to memcpy/memmove/memset (libc's are vectorised) from Flynn's own
# functions. Start-up code (static initialisers, registrations, the std::string that names a
# kernel) may call them: it runs once before main, never in a kernel.
#  x86-64: scalar code uses the ss/sd forms (addsd, mulss); packed forms end in ps/pd (addpd,
#          vfmadd231ps).
#  AArch64: scalar code names s or d registers (fadd d0, d1, d2); NEON names vector lanes
#          (fadd v0.4s, v1.4s, v2.4s; fmla v0.2d, ...).
string(REPLACE "|" ";" objects "${OBJECTS}")
if(NOT objects)
  message(FATAL_ERROR "no scalar objects given")
endif()
if(PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(packed_re "[ \t]f[a-z0-9]+[ \t]+v[0-9]+\\.[0-9]*[hsd]")
  set(scalar_re "f(mov|add|mul|madd)[ \t]+[sd][0-9]")
else()
  set(packed_re "[ \t](v?(add|sub|mul|div|sqrt|min|max|hadd|fmadd[0-9]*|fmsub[0-9]*|fnmadd[0-9]*|fnmsub[0-9]*)p[sd])")
  set(scalar_re "(mov|add|mul)s[sd]")
endif()
# Calls in an unlinked object name their target only in a relocation (objdump -r), on any target:
# R_X86_64_PLT32 memcpy-0x4, R_AARCH64_CALL26 memcpy.
set(call_re "R_[A-Z0-9_]+[ \t]+(memcpy|memmove|memset)")
set(checked 0)
foreach(obj IN LISTS objects)
  execute_process(COMMAND ${OBJDUMP} -d -r -C --no-show-raw-insn ${obj} OUTPUT_VARIABLE asm RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump failed on ${obj}")
  endif()
  string(REGEX MATCHALL "[^\n]*${packed_re}[^\n]*" hits "${asm}")
  if(hits)
    list(JOIN hits "\n" shown)
    message(FATAL_ERROR "${obj} is not scalar code:\n${shown}")
  endif()
  # One function at a time for the calls: "<name>:" opens each in objdump's listing.
  string(REPLACE ";" "," asm_list "${asm}")
  string(REGEX REPLACE "\n([0-9a-f]+ <)" ";\\1" asm_list "${asm_list}")
  foreach(fn IN LISTS asm_list)
    if(fn MATCHES "^[0-9a-f]+ <(std::|__gnu_cxx::|flynn::[A-Za-z]*Registration::|__static_initialization|_GLOBAL__sub_I)")
      continue()
    endif()
    string(REGEX MATCHALL "[^\n]*${call_re}[^\n]*" calls "${fn}")
    if(calls)
      string(REGEX MATCH "^[^\n]*" name "${fn}")
      list(JOIN calls "\n" shown)
      message(FATAL_ERROR "${obj}: ${name} calls into libc's vectorised memory functions:\n${shown}")
    endif()
  endforeach()
  # Guard against checking nothing: every kernel object must contain scalar float code.
  if(NOT obj MATCHES "backend\\.cpp" AND NOT asm MATCHES "${scalar_re}")
    message(FATAL_ERROR "${obj}: no scalar floating-point code found; is this the right object?")
  endif()
  math(EXPR checked "${checked} + 1")
endforeach()
message(STATUS "${checked} scalar objects checked: no packed SIMD arithmetic")
