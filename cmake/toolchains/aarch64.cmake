# Cross build for aarch64 Linux with Debian's cross toolchain; tests run under qemu-user (make test-hosts).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# The cross toolchain's C library (/usr/aarch64-linux-gnu/lib) comes first: with Debian's multiarch packages
# installed (the math tests' MPFR, scripts/install-deps.sh --cross) the loader would otherwise mix the
# cross ld.so with the multiarch libc6:arm64 of another patch level, and threaded programs spin forever.
# The target's MPFR/GMP come from /usr/lib/aarch64-linux-gnu.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;/usr/aarch64-linux-gnu;-E;LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib:/usr/lib/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
# Header-only dependencies (CLI11, nlohmann-json) and GoogleTest's sources come from the build host.
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
