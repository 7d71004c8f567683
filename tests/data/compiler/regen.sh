#!/bin/sh
# Regenerates the committed PTX test inputs from their CUDA sources (needs clang-14; tests never run it).
set -e
cd "$(dirname "$0")"
for f in *.cu; do
  clang-14 -x cuda --cuda-device-only -nocudainc -nocudalib --cuda-path=/nonexistent \
    --cuda-gpu-arch=sm_70 -Xclang -target-feature -Xclang +ptx64 -O2 -S -o "${f%.cu}.ptx" "$f"
done
