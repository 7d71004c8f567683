# Building CUDA programs with `canopy cc` from CMake (docs/cc.md).
#
#   canopy_cuda_program(<name> SOURCES <file>... [OUTPUT_DIR <dir>] [OUTPUT_NAME <file>] [FLAGS <flag>...]
#                       [LINK_FLAGS <flag>...] [DEPENDS <file-or-target>...] [EXCLUDE_FROM_ALL])
#   canopy_cuda_library(<name> SOURCES <file>... OUTPUT_DIR <dir> [FLAGS <flag>...] [DEPENDS ...])
#
# compiles each source with `canopy cc -c` (.cu as CUDA, .cpp/.c as host code; dependencies tracked
# through depfiles), links them with `canopy cc` into <dir>/<file> (default: <current binary dir>/bin/<name>),
# and adds a target <name> that builds it. The path is the target's CANOPY_OUTPUT_FILE property.
#
# Settings (set before calling; CanopyConfig.cmake and the Canopy build set them):
#   CANOPY_CC             the command that runs canopy cc, e.g. "/usr/bin/canopy;cc"
#   CANOPY_CC_DEPENDS     what every step depends on (the canopy target, headers, the runtime)
#   CANOPY_CC_FLAGS       flags for every compile and link
#   CANOPY_CC_LINK_FLAGS  flags for every link
include_guard(GLOBAL)

# Compiles each of `sources` with `canopy cc -c` into ${object_dir}; the objects' paths go to `out_var`.
function(canopy_cuda_objects out_var object_dir flags depends)
  set(objects)
  set(index 0)
  foreach(source IN LISTS ARGN)
    get_filename_component(source ${source} ABSOLUTE)
    get_filename_component(file_name ${source} NAME)
    math(EXPR index "${index} + 1")
    set(object ${object_dir}/${index}_${file_name}.o)
    add_custom_command(OUTPUT ${object}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${object_dir}
      COMMAND ${CANOPY_CC} ${CANOPY_CC_FLAGS} ${flags} -MD -MF ${object}.d -c -o ${object} ${source}
      DEPENDS ${source} ${CANOPY_CC_DEPENDS} ${depends}
      DEPFILE ${object}.d
      COMMENT "canopy cc: ${file_name}"
      COMMAND_EXPAND_LISTS VERBATIM)
    list(APPEND objects ${object})
  endforeach()
  set(${out_var} ${objects} PARENT_SCOPE)
endfunction()

function(canopy_cuda_program name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "EXCLUDE_FROM_ALL" "OUTPUT_DIR;OUTPUT_NAME" "SOURCES;FLAGS;LINK_FLAGS;DEPENDS")
  if(NOT CANOPY_CC)
    message(FATAL_ERROR "canopy_cuda_program(${name}): CANOPY_CC is not set (find_package(Canopy) sets it)")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "canopy_cuda_program(${name}): no SOURCES")
  endif()
  if(NOT arg_OUTPUT_DIR)
    # Not the binary dir itself: Ninja cannot have a file and a target both named <name> there.
    set(arg_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/bin)
  endif()
  canopy_cuda_objects(objects ${CMAKE_CURRENT_BINARY_DIR}/canopy_cc/${name} "${arg_FLAGS}" "${arg_DEPENDS}"
                      ${arg_SOURCES})
  if(NOT arg_OUTPUT_NAME)
    set(arg_OUTPUT_NAME ${name})
  endif()
  set(program ${arg_OUTPUT_DIR}/${arg_OUTPUT_NAME})
  add_custom_command(OUTPUT ${program}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${arg_OUTPUT_DIR}
    COMMAND ${CANOPY_CC} ${CANOPY_CC_FLAGS} ${arg_FLAGS} ${CANOPY_CC_LINK_FLAGS} -o ${program} ${objects}
            ${arg_LINK_FLAGS}
    DEPENDS ${objects} ${CANOPY_CC_DEPENDS} ${arg_DEPENDS}
    COMMENT "canopy cc: linking ${name}"
    COMMAND_EXPAND_LISTS VERBATIM)
  if(arg_EXCLUDE_FROM_ALL)
    add_custom_target(${name} DEPENDS ${program})
  else()
    add_custom_target(${name} ALL DEPENDS ${program})
  endif()
  set_target_properties(${name} PROPERTIES CANOPY_OUTPUT_FILE ${program})
endfunction()

# canopy_cuda_library(<name> SOURCES <file>... OUTPUT_DIR <dir> [FLAGS ...] [DEPENDS ...])
# compiles each source with `canopy cc -c` and archives the objects into <dir>/lib<name>.a, which programs
# link with `-l<name>` (each object registers its own kernels, so only the objects a program uses come in).
# The target <name> builds it; its path is the target's CANOPY_OUTPUT_FILE property.
function(canopy_cuda_library name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "SOURCES;FLAGS;DEPENDS")
  if(NOT arg_SOURCES OR NOT arg_OUTPUT_DIR)
    message(FATAL_ERROR "canopy_cuda_library(${name}): SOURCES and OUTPUT_DIR are required")
  endif()
  canopy_cuda_objects(objects ${CMAKE_CURRENT_BINARY_DIR}/canopy_cc/${name} "${arg_FLAGS}" "${arg_DEPENDS}"
                      ${arg_SOURCES})
  set(archive ${arg_OUTPUT_DIR}/lib${name}.a)
  add_custom_command(OUTPUT ${archive}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${arg_OUTPUT_DIR}
    COMMAND ${CMAKE_COMMAND} -E rm -f ${archive}
    COMMAND ${CMAKE_AR} qc ${archive} ${objects}
    COMMAND ${CMAKE_RANLIB} ${archive}
    DEPENDS ${objects}
    COMMENT "canopy cc: archiving lib${name}.a"
    VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${archive})
  set_target_properties(${name} PROPERTIES CANOPY_OUTPUT_FILE ${archive})
endfunction()

# Inside Canopy's own build: run the canopy just built, against the headers and runtime just built.
# Returns (in CANOPY_CUDA_PROGRAMS_ENABLED) whether CUDA programs can be built in this build, and in
# CANOPY_CUDA_RUN_PREFIX what runs them (the cross-compiling emulator; empty natively).
# Cross builds (docs/hosts.md): the foreign canopy runs under the emulator (qemu-user) and drives the build
# host's clang with --target=<foreign triple> (toolchain/paths.h), so the programs are foreign ones too.
macro(canopy_cuda_use_build_tree)
  set(CANOPY_CUDA_PROGRAMS_ENABLED OFF)
  set(CANOPY_CUDA_RUN_PREFIX)
  if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
    # Nothing could run the cross-built canopy here.
  elseif(TARGET canopy AND TARGET canopy_cudart AND EXISTS ${CANOPY_CUDA_INCLUDE_DIR}/cuda_runtime.h)
    set(CANOPY_CUDA_PROGRAMS_ENABLED ON)
    # Explicit, since add_custom_command only prepends the emulator to a bare target name.
    set(CANOPY_CUDA_RUN_PREFIX ${CMAKE_CROSSCOMPILING_EMULATOR})
    set(CANOPY_CC ${CANOPY_CUDA_RUN_PREFIX} $<TARGET_FILE:canopy> cc)
    file(GLOB_RECURSE canopy_cuda_headers CONFIGURE_DEPENDS ${CANOPY_CUDA_INCLUDE_DIR}/*.h
         ${CANOPY_CUDA_INCLUDE_DIR}/*.hpp)
    set(CANOPY_CC_DEPENDS canopy canopy_cudart ${canopy_cuda_headers})
    set(CANOPY_CC_LINK_FLAGS)
    if(CANOPY_SANITIZE)
      # libcanopy_cudart is built by the project compiler with ASan/UBSan: link programs with that
      # compiler's sanitizer runtimes.
      set(CANOPY_CC_LINK_FLAGS --canopy-link-driver=${CMAKE_CXX_COMPILER}
          --canopy-link-flag=-fsanitize=address,undefined)
    endif()
  endif()
endmacro()
