#!/usr/bin/env bash
# Installs the Debian packages Canopy needs, when they are missing (as root, with apt-get).
#   scripts/install-deps.sh           what `make build` / `make test` need
#   scripts/install-deps.sh --cross   also the cross toolchains and qemu-user for `make test-hosts`
#                                     and `make test-hosts-ci` (docs/hosts.md)
set -euo pipefail
packages=(cmake ninja-build g++ clang-14 llvm-14 libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
          libmpfr-dev libgmp-dev libcu++-dev libopenblas-dev libfftw3-dev python3 make)
# Cross builds compile GoogleTest from its sources (/usr/src/googletest) for the target and run the
# test binaries under qemu-user.
cross_packages=(g++-aarch64-linux-gnu g++-mips64el-linux-gnuabi64 qemu-user googletest)
# The math tests' reference (MPFR) for the foreign hosts, as Debian multiarch packages.
cross_architectures=(arm64 mips64el)
for arch in "${cross_architectures[@]}"; do
  cross_packages+=("libmpfr-dev:$arch" "libgmp-dev:$arch")
done
if [[ ${1:-} == --cross ]]; then
  packages+=("${cross_packages[@]}")
elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--cross]" >&2
  exit 2
fi
# Whether package NAME[:ARCH] is installed for ARCH (default: this machine's), or as an all-arch package.
# (Plain `dpkg -s NAME` fails once a multiarch package is installed for several architectures.)
native_arch=$(dpkg --print-architecture)
installed() {
  local name=${1%%:*} arch=$native_arch
  [[ $1 == *:* ]] && arch=${1#*:}
  dpkg-query -W -f='${Package} ${Architecture} ${db:Status-Abbrev}\n' "$name" 2>/dev/null \
    | awk -v n="$name" -v a="$arch" '$1 == n && ($2 == a || $2 == "all") && $3 == "ii" { f = 1 } END { exit !f }'
}
missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "canopy: missing Debian packages: ${missing[*]}" >&2
  echo "canopy: run 'sudo apt-get install ${missing[*]}' (or run make as root)" >&2
  exit 1
fi
echo "canopy: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
if [[ ${1:-} == --cross ]]; then
  for arch in "${cross_architectures[@]}"; do
    dpkg --print-foreign-architectures | grep -qx "$arch" || dpkg --add-architecture "$arch"
  done
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
