# The two commands: `make demo` and `make test`. Everything else is a step they take.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps build build-asan test test-fast test-asan demo bench clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DCANOPY_BUILD_TESTS=ON $(CMAKE_ARGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCANOPY_SANITIZE=ON \
	  -DCANOPY_BUILD_BENCH=OFF $(CMAKE_ARGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)

# The whole suite in Release, then again under AddressSanitizer + UndefinedBehaviorSanitizer.
test: test-fast test-asan

test-fast: build
	@ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-asan: build-asan
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

demo: build
	@scripts/demo.sh $(BUILD)

bench: build
	@$(BUILD)/bench/canopy_bench
	@$(BUILD)/bench/libs_bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(HOSTS_BUILD)

# Foreign hosts (docs/hosts.md): cross builds for AArch64 and MIPS64el, tests run under qemu-user.
# test-hosts builds everything and runs the whole suite; test-hosts-ci is the subset CI runs.
HOSTS_BUILD ?= build-hosts
.PHONY: test-hosts test-hosts-ci

# The native build ($(BUILD)) is the reference the foreign canopy tools' output is compared with.
test-hosts: build
	@scripts/install-deps.sh --cross
	@BUILD=$(BUILD) scripts/test-hosts.sh --jobs $(JOBS) --build-root $(HOSTS_BUILD)

test-hosts-ci:
	@scripts/install-deps.sh --cross
	@scripts/test-hosts.sh --ci --jobs $(JOBS) --build-root $(HOSTS_BUILD)
