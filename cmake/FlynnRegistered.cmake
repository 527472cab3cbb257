# Specs and backends are OBJECT libraries: they register themselves from static objects, which a
# static archive would let the linker drop. Every program that runs kernels links them all through
# flynn_link_registered().
function(flynn_add_registered target)
  add_library(${target} OBJECT ${ARGN})
  target_link_libraries(${target} PUBLIC flynn_common)
  set_property(GLOBAL APPEND PROPERTY FLYNN_REGISTERED_TARGETS ${target})
endfunction()

function(flynn_link_registered target)
  get_property(backends GLOBAL PROPERTY FLYNN_REGISTERED_TARGETS)
  foreach(b IN LISTS backends)
    target_link_libraries(${target} PRIVATE ${b})
  endforeach()
  # CUDA objects in the link need nvcc's linker driver (device code, the CUDA runtime).
  if(FLYNN_HAVE_CUDA)
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CUDA)
  endif()
endfunction()
