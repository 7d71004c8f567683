// The global-memory API: addresses, capacity, bounds-checked copies, free errors.
#include "gpu/memory/address_map.h"
#include "tests/gpu/module_builder.h"

namespace canopy::gpu::testing {
namespace {

std::unique_ptr<Device> small_device(uint64_t bytes) {
  GpuConfig c = *preset("default");
  c.memory_bytes = bytes;
  return std::move(Device::create(c, {1})).value();
}

TEST(DeviceMemory, AllocationsAreAlignedDistinctAndSeparatedByGaps) {
  auto dev = small_device(1 << 20);
  uint64_t a = *dev->malloc(100), b = *dev->malloc(1), c = *dev->malloc(0);
  for (uint64_t p : {a, b, c}) {
    EXPECT_EQ(p % 256, 0u);
    EXPECT_GE(p, kGlobalBase);
  }
  EXPECT_GT(b, a + 100);
  EXPECT_GT(c, b);
  EXPECT_FALSE(dev->allocation_containing(a + 100).has_value());  // the gap is unmapped
  auto info = dev->allocation_containing(a + 99);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->base, a);
  EXPECT_EQ(info->size, 100u);
  EXPECT_TRUE(dev->free(c).ok());
}

// The CUDA driver's placement: small allocations back to back at 256-byte steps in one 2 MiB mapping,
// large ones in mappings of their own; the same sequence of requests always gets the same addresses.
TEST(DeviceMemory, PackedPlacementIsTheDriversAndDeterministic) {
  std::vector<uint64_t> first;
  for (int run = 0; run < 2; ++run) {
    auto dev = small_device(64 << 20);
    std::vector<uint64_t> got;
    for (uint64_t bytes : {100, 256, 257, 1, 3 << 20, 8}) got.push_back(*dev->malloc(bytes));
    EXPECT_EQ(got[1], got[0] + 256);
    EXPECT_EQ(got[2], got[1] + 256);
    EXPECT_EQ(got[3], got[2] + 512);
    EXPECT_GE(got[4], got[0] + (2 << 20));  // 3 MiB: a mapping of its own after the first
    EXPECT_EQ(got[5], got[3] + 256);        // small ones keep filling the first mapping
    if (run == 0) first = got;
    else EXPECT_EQ(got, first);
  }
}

TEST(DeviceMemory, StrictPlacementSeparatesEveryAllocation) {
  GpuConfig c = *preset("default");
  c.memory_bytes = 1 << 20;
  c.strict_memory = true;
  auto dev = std::move(Device::create(c, {1})).value();
  uint64_t a = *dev->malloc(100), b = *dev->malloc(100);
  EXPECT_GE(b, a + 256 + kAllocationGap);
}

TEST(DeviceMemory, AllocationBeyondCapacityFails) {
  auto dev = small_device(1 << 20);
  auto big = dev->malloc((1 << 20) + 1);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("out of device memory"), std::string::npos);
  uint64_t a = *dev->malloc(1 << 19);
  EXPECT_FALSE(dev->malloc((1 << 19) + 1).ok());
  EXPECT_TRUE(dev->free(a).ok());
  EXPECT_TRUE(dev->malloc((1 << 19) + 1).ok());
}

TEST(DeviceMemory, FreeRejectsUnknownInteriorAndDoubleFrees) {
  auto dev = small_device(1 << 20);
  uint64_t a = *dev->malloc(512);
  EXPECT_FALSE(dev->free(a + 4).ok());
  EXPECT_FALSE(dev->free(0x1234).ok());
  EXPECT_TRUE(dev->free(a).ok());
  EXPECT_FALSE(dev->free(a).ok());
  EXPECT_EQ(dev->memory_used(), 0u);
}

TEST(DeviceMemory, CopiesAreBoundsChecked) {
  auto dev = small_device(1 << 20);
  uint64_t a = *dev->malloc(64), b = *dev->malloc(64);
  std::vector<uint8_t> host(65, 1), back(64, 0);
  EXPECT_TRUE(dev->copy_to_device(a, host.data(), 64).ok());
  EXPECT_FALSE(dev->copy_to_device(a, host.data(), 65).ok());
  EXPECT_FALSE(dev->copy_to_device(a + 1, host.data(), 64).ok());
  EXPECT_FALSE(dev->copy_to_host(back.data(), a - 1, 1).ok());
  EXPECT_FALSE(dev->copy_to_host(back.data(), 0, 4).ok());
  EXPECT_TRUE(dev->memset(b, 7, 64).ok());
  EXPECT_FALSE(dev->memset(b, 7, 65).ok());
  EXPECT_TRUE(dev->copy_device_to_device(a + 32, b, 32).ok());
  EXPECT_FALSE(dev->copy_device_to_device(a + 33, b, 32).ok());
  EXPECT_TRUE(dev->copy_to_host(back.data(), a, 64).ok());
  for (int i = 0; i < 64; ++i) EXPECT_EQ(back[i], i < 32 ? 1 : 7) << i;
  EXPECT_TRUE(dev->free(a).ok());
  EXPECT_FALSE(dev->copy_to_host(back.data(), a, 4).ok());
  EXPECT_TRUE(dev->copy_to_host(back.data(), b, 0).ok());
}

}  // namespace
}  // namespace canopy::gpu::testing
