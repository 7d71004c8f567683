# Cross build for mips64el Linux (n64 ABI) with Debian's cross toolchain; tests run under qemu-user
# (make test-hosts).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR mips64el)
set(CMAKE_C_COMPILER mips64el-linux-gnuabi64-gcc)
set(CMAKE_CXX_COMPILER mips64el-linux-gnuabi64-g++)
# qemu's default CPU for 64-bit MIPS binaries (5KEf, a MIPS64 release 1 core) raises spurious FPU
# flags, so glibc's software fma/fmaf (which round through the inexact flag) misround about 1 in 200
# results. Debian's mips64el baseline is MIPS64 release 2: emulate that core (docs/hosts.md).
# The cross toolchain's C library (/usr/mips64el-linux-gnuabi64/lib) comes first: with Debian's multiarch packages
# installed (the math tests' MPFR, scripts/install-deps.sh --cross) the loader would otherwise mix the
# cross ld.so with the multiarch libc6:mips64el of another patch level, and threaded programs spin forever.
# The target's MPFR/GMP come from /usr/lib/mips64el-linux-gnuabi64.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-mips64el;-cpu;MIPS64R2-generic;-L;/usr/mips64el-linux-gnuabi64;-E;LD_LIBRARY_PATH=/usr/mips64el-linux-gnuabi64/lib:/usr/lib/mips64el-linux-gnuabi64)
set(CMAKE_FIND_ROOT_PATH /usr/mips64el-linux-gnuabi64)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
# Header-only dependencies (CLI11, nlohmann-json) and GoogleTest's sources come from the build host.
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
