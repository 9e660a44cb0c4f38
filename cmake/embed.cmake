# relmap_embed(OUT  SYMBOL FILE  [SYMBOL FILE]...)
# Writes OUT, a C file defining `const char SYMBOL[]` (NUL-terminated) with
# each FILE's bytes.  Regenerated when an input changes.
function(relmap_embed out)
  set(args ${ARGN})
  set(deps)
  set(pairs)
  while(args)
    list(POP_FRONT args sym file)
    list(APPEND deps ${file})
    list(APPEND pairs "${sym}=${file}")
  endwhile()
  string(REPLACE ";" "|" pairs_arg "${pairs}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} "-DOUT=${out}" "-DPAIRS=${pairs_arg}"
            -P ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${deps} ${CMAKE_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding schemas and styles"
    VERBATIM)
endfunction()
