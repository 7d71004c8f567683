#!/usr/bin/env bash
# Cross-builds Canopy for foreign hosts (AArch64, MIPS64el) and runs the tests there under qemu-user.
#
#   scripts/test-hosts.sh          every host: build everything (the canopy tool too), run the whole
#                                  ctest suite, and check that canopy produces the same bytes everywhere
#   scripts/test-hosts.sh --ci     the lighter CI subset: only the test executables it runs, and the
#                                  labels support, ptx, isa, alu plus the kernels' HostDigest tests, and
#                                  a few CUDA programs built by the foreign canopy cc and run there
#
# Options: --hosts "aarch64 mips64el" (default), --jobs N (default $JOBS or nproc), --build-root DIR
# (default build-hosts; one folder per host below it). The full run compares the canopy tool's output
# with the native build's in $BUILD (default build) when that has one. See docs/hosts.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
hosts="aarch64 mips64el"
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
build_root=build-hosts
native_build=${BUILD:-build}
while [[ $# -gt 0 ]]; do
  case $1 in
    --ci) mode=ci ;;
    --hosts) hosts=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --build-root) build_root=$2; shift ;;
    *) echo "usage: $0 [--ci] [--hosts LIST] [--jobs N] [--build-root DIR]" >&2; exit 2 ;;
  esac
  shift
done

# What --ci builds and runs: every layer that is cheap under emulation, and the cross-host digest of
# whole kernels (finalizer + engine + ALU) instead of the full kernel suite.
ci_targets=(test_support test_ptx test_isa test_alu test_kernels)
ci_labels='^(support|ptx|isa|alu)$'
ci_kernel_tests='^Default/HostDigest\.'
# CUDA on the foreign host: the foreign canopy cc (under qemu, driving the build host's clang with
# --target=<foreign triple>) builds these programs against the foreign libcanopy_cudart; they run under
# qemu. One example checked against a CPU reference, device printf's formatting, a sticky device fault.
ci_cuda_targets=(canopy canopy_cudart example_vector_add cuda_printf_formats cuda_sticky_fault)
ci_cuda_tests='^(example\.vector_add|cuda\.(printf_formats|sticky_fault))$'

summary=()
failed=0
now() { date +%s; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The emulator command a toolchain file sets (CMAKE_CROSSCOMPILING_EMULATOR), for running the tool.
emulator_of() {
  local script
  script=$(mktemp)
  printf 'include("%s")\nmessage("${CMAKE_CROSSCOMPILING_EMULATOR}")\n' "$1" >"$script"
  cmake -P "$script" 2>&1 | tr ';' ' '
  rm -f "$script"
}

# Finalizes and runs kernels with the canopy tool (the command after the first two arguments, with
# absolute paths) inside OUT, so that no path differs; the outputs must be identical on every host.
# Timings are left out of the comparison.
tool_check() {
  local ptx out=$2
  ptx=$(realpath "$1/kernels_ptx")
  shift 2
  mkdir -p "$out"
  (
    cd "$out" || exit 1
    "$@" devices >devices.txt || exit 1
    cp "$ptx/basic.ptx" "$ptx/algorithms.ptx" . || exit 1  # modules record the PTX path they came from
    "$@" ptxas basic.ptx -o basic.cnb || exit 1
    "$@" ptxas algorithms.ptx -o algorithms.cnb || exit 1
    "$@" objdump algorithms.cnb >algorithms.dis || exit 1
    "$@" exec basic.cnb -k fib_kernel -g 1 -b 20 -a buf:i32:20 --print 20 --stats >fib.raw || exit 1
    "$@" exec basic.cnb -k saxpy -g 8 -b 128 -a i32:1000 -a f32:2.5 -a buf:f32:1000:iota \
      -a buf:f32:1000:1 --print 16 --stats >saxpy.raw || exit 1
    for f in fib saxpy; do sed -E 's/, [^,]*simulated wall time.*$//' $f.raw >$f.txt && rm $f.raw; done
  )
}

run_host() {
  local host=$1
  local dir=$build_root/$host t0 t1 t2 t3 cuda_build=0 cuda_tests=0 t
  step "$host: configure ($dir)"
  t0=$(now)
  mkdir -p "$build_root"
  rm -rf "$dir/tool-check"
  cmake -S . -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$PWD/cmake/toolchains/$host.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DCANOPY_BUILD_BENCH=OFF >"$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; return 1; }
  step "$host: build ($mode, -j$jobs)"
  local -a targets=()
  [[ $mode == ci ]] && targets=(--target "${ci_targets[@]}")
  if ! cmake --build "$dir" -j "$jobs" "${targets[@]}"; then
    summary+=("$(printf '%-9s build FAILED after %ss' "$host" $(($(now) - t0)))")
    return 1
  fi
  if [[ $mode == ci ]]; then
    step "$host: CUDA programs with the foreign canopy cc"
    t=$(now)
    if ! cmake --build "$dir" -j "$jobs" --target "${ci_cuda_targets[@]}"; then
      summary+=("$(printf '%-9s CUDA build FAILED after %ss' "$host" $(($(now) - t0)))")
      return 1
    fi
    cuda_build=$(($(now) - t))
  fi
  t1=$(now)
  step "$host: tests under $(emulator_of "cmake/toolchains/$host.cmake" | cut -d' ' -f1-3)"
  local status=0
  if [[ $mode == ci ]]; then
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" -L "$ci_labels" || status=1
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" -L '^kernels$' -R "$ci_kernel_tests" || status=1
    t=$(now)
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" -R "$ci_cuda_tests" || status=1
    cuda_tests=$(($(now) - t))
  else
    ctest --test-dir "$dir" --output-on-failure -j "$jobs" || status=1
  fi
  t2=$(now)
  if [[ $mode == full ]]; then
    step "$host: the canopy tool"
    local -a emulator
    read -r -a emulator <<<"$(emulator_of "cmake/toolchains/$host.cmake")"
    tool_check "$dir" "$dir/tool-check" "${emulator[@]}" "$(realpath "$dir/tools/canopy")" || status=1
  fi
  t3=$(now)
  local cuda=""
  [[ $mode == ci ]] && cuda=$(printf '  (CUDA programs: build %ss, tests %ss)' $cuda_build $cuda_tests)
  summary+=("$(printf '%-9s build %4ss  tests %4ss  tool %3ss  %s%s' "$host" $((t1 - t0)) $((t2 - t1)) \
    $((t3 - t2)) "$([[ $status == 0 ]] && echo ok || echo FAILED)" "$cuda")")
  return $status
}

# The native build's tool is the reference when there is one (make build); the foreign hosts are
# also compared with each other.
compare_tool_outputs() {
  local reference="" host
  if [[ -x $native_build/tools/canopy && -d $native_build/kernels_ptx ]]; then
    reference=$build_root/native/tool-check
    rm -rf "$reference"
    tool_check "$native_build" "$reference" "$(realpath "$native_build/tools/canopy")" \
      || { echo "native canopy tool failed" >&2; return 1; }
  fi
  step "canopy ptxas/objdump/exec give the same bytes on every host"
  local status=0
  for host in $hosts; do
    [[ -d $build_root/$host/tool-check ]] || continue
    if [[ -z $reference ]]; then
      reference=$build_root/$host/tool-check
      continue
    fi
    if diff -r "$reference" "$build_root/$host/tool-check"; then
      echo "$host == $(basename "$(dirname "$reference")")"
    else
      status=1
    fi
  done
  return $status
}

# Everything runs from main, in one compound command read before any of it runs, so editing the script
# while it runs cannot change what it does.
main() {
  local start host
  start=$(now)
  for host in $hosts; do
    run_host "$host" || failed=1
  done
  if [[ $mode == full ]]; then
    compare_tool_outputs || failed=1
  fi
  step "summary ($mode, $(($(now) - start))s in all)"
  printf '%s\n' "${summary[@]}"
  return $failed
}

{ main; exit $?; }
