#!/usr/bin/env bash
# `make demo`: finalize CUDA kernels (compiled to PTX by clang 14) and run them on the simulated GPU.
set -euo pipefail
build=${1:-build}
canopy=$build/tools/canopy
ptx=$build/kernels_ptx
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "GPU presets"
$canopy devices

step "Finalize PTX (clang 14 output) to native code: canopy ptxas -v"
$canopy ptxas "$ptx/algorithms.ptx" -o "$out/algorithms.cnb" -v
$canopy ptxas "$ptx/basic.ptx" -o "$out/basic.cnb"

step "Disassembly of the SAXPY kernel: canopy objdump"
$canopy objdump "$out/basic.cnb" | sed -n '/saxpy/,/^$/p' | head -40

step "SAXPY: y = 2.5 * x + y on 1000 elements (x = 0,1,2,..., y = 1)"
$canopy exec "$out/basic.cnb" -k saxpy -g 8 -b 128 -a i32:1000 -a f32:2.5 -a buf:f32:1000:iota -a buf:f32:1000:1 --stats

step "Recursive Fibonacci in 20 threads (device-side calls with frames)"
$canopy exec "$out/basic.cnb" -k fib_kernel -g 1 -b 20 -a buf:i32:20 --print 20 --stats

step "Collatz steps for 1..65536 on the 32-lane default preset and the 64-lane bi-v100 preset"
$canopy exec "$out/basic.cnb" -k collatz -g 256 -b 256 -a buf:u32:65536:iota -a buf:u32:65536 -a i32:65536 --print 10 --stats
$canopy exec "$out/basic.cnb" -k collatz -g 256 -b 256 -a buf:u32:65536:iota -a buf:u32:65536 -a i32:65536 --print 10 --stats --gpu bi-v100

step "A device fault: an out-of-bounds store is reported precisely and touches nothing"
$canopy exec "$out/basic.cnb" -k out_of_bounds -g 1 -b 32 -a buf:i32:32 -a i64:1000000 || true

step "canopy cc: an unmodified CUDA program, compiled by clang 14 + Canopy's finalizer, runtime and headers"
$canopy cc -O2 -o "$out/vector_add" examples/vector_add.cu
$canopy run --stats -- "$out/vector_add"

step "The examples (built with canopy cc by make build), each checked against a CPU reference"
for example in matrix_mul reduction scan histogram transpose nbody mandelbrot sort; do
  printf '\n\033[1m-- examples/%s.cu\033[0m\n' "$example"
  $canopy run --stats -- "$build/examples/$example"
done

step "The same reduction on the 64-lane bi-v100 preset, statistics as JSON"
$canopy run --gpu bi-v100 --stats-json "$out/stats.json" -- "$build/examples/reduction"
cat "$out/stats.json"

step "Tests of whole programs: tests/kernels (matrix multiply, reduction, scan, sort, stencil, BFS, histogram, n-body)"
$build/tests/test_kernels --gtest_brief=1 2>&1 | tail -3
