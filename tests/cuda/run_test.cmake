# Runs one CUDA test program (tests/cuda/rules.cmake):
#   cmake -DPROGRAM=... [-DEMULATOR=cmd|arg|...] [-DEXPECTED=file] [-DSTDERR=file] [-DENV_FILE=file]
#         [-DARGS_FILE=file] [-DEXIT_CODE=file] -P run_test.cmake
# Passes when the exit status is 0 (or the number in EXIT_CODE), stdout equals EXPECTED exactly, and
# every line of STDERR appears in stderr. ENV_FILE lines are KEY=VALUE; ARGS_FILE holds one argument
# per line. EMULATOR ('|'-separated: qemu-aarch64|-L|/usr/aarch64-linux-gnu) runs a cross-built program.
cmake_minimum_required(VERSION 3.20)

function(read_lines file out)
  set(lines)
  if(file AND EXISTS ${file})
    file(STRINGS ${file} lines)
  endif()
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

read_lines("${ENV_FILE}" env_lines)
foreach(line IN LISTS env_lines)
  if(line MATCHES "^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")
    set(ENV{${CMAKE_MATCH_1}} "${CMAKE_MATCH_2}")
  elseif(NOT line STREQUAL "" AND NOT line MATCHES "^#")
    message(FATAL_ERROR "${ENV_FILE}: not KEY=VALUE: ${line}")
  endif()
endforeach()
read_lines("${ARGS_FILE}" args)

set(expected_status 0)
if(EXIT_CODE AND EXISTS ${EXIT_CODE})
  file(STRINGS ${EXIT_CODE} expected_status LIMIT_COUNT 1)
  string(STRIP "${expected_status}" expected_status)
endif()

string(REPLACE "|" ";" emulator "${EMULATOR}")
execute_process(COMMAND ${emulator} ${PROGRAM} ${args} RESULT_VARIABLE status OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
set(failures)
if(NOT "${status}" STREQUAL "${expected_status}")
  list(APPEND failures "exit status ${status}, expected ${expected_status}")
endif()
if(EXPECTED AND EXISTS ${EXPECTED})
  file(READ ${EXPECTED} want)
  if(NOT out STREQUAL want)
    list(APPEND failures "stdout differs from ${EXPECTED}")
  endif()
endif()
read_lines("${STDERR}" wanted_err)
foreach(line IN LISTS wanted_err)
  string(FIND "${err}" "${line}" at)
  if(NOT line STREQUAL "" AND at EQUAL -1)
    list(APPEND failures "stderr lacks: ${line}")
  endif()
endforeach()

if(failures)
  string(REPLACE ";" "\n  " failures "${failures}")
  message("---- stdout ----\n${out}---- stderr ----\n${err}----")
  message(FATAL_ERROR "${PROGRAM}:\n  ${failures}")
endif()
