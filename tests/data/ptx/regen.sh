#!/bin/sh
# Regenerates the committed PTX test data from src/*.cu. Needs clang-14 and nvcc; tests never run this.
set -e
cd "$(dirname "$0")"
for f in src/*.cu; do
  b=$(basename "$f" .cu)
  clang-14 -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-path=/nonexistent --cuda-gpu-arch=sm_70 -Xclang -target-feature -Xclang +ptx64 \
    -DCANOPY_CLANG -O2 -S -o "clang14_$b.ptx" "$f"
  /usr/local/cuda/bin/nvcc -ptx -arch=sm_80 -O3 -o "nvcc_$b.ptx" "$f"
done
/usr/local/cuda/bin/nvcc -ptx -arch=sm_80 -lineinfo -o nvcc_lineinfo_reduce.ptx src/reduce.cu
/usr/local/cuda/bin/nvcc -ptx -arch=sm_80 -G -o nvcc_debug_fib.ptx src/fib.cu
clang-14 -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-path=/nonexistent --cuda-gpu-arch=sm_70 -Xclang -target-feature -Xclang +ptx64 \
  -DCANOPY_CLANG -O1 -g -S -o clang14_debug_matmul.ptx src/matmul.cu
