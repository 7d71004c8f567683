// Host memory mapped into the device address space (gpu::Device::map_host_memory and GlobalMemory's
// borrowed allocations): bounds, overlap rules, and device allocations skipping mapped ranges.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "gpu/device.h"
#include "gpu/memory/address_map.h"
#include "gpu/memory/global_memory.h"

namespace canopy::gpu {
namespace {

TEST(GlobalMemoryMapping, BorrowedRangeIsFoundAndTranslatedToTheCallersBuffer) {
  GlobalMemory memory(1 << 20);
  std::vector<uint8_t> buffer(100, 7);
  const uint64_t base = kGlobalBase + (uint64_t{1} << 40);
  ASSERT_TRUE(memory.map_borrowed(base, buffer.size(), buffer.data()).ok());
  EXPECT_EQ(memory.translate(base + 10, 90), buffer.data() + 10);
  EXPECT_EQ(memory.translate(base + 10, 91), nullptr);
  EXPECT_EQ(memory.used_bytes(), 0u);  // host memory is not device capacity
  EXPECT_FALSE(memory.release(base).ok());
  EXPECT_FALSE(memory.unmap_borrowed(base + 1).ok());
  EXPECT_TRUE(memory.unmap_borrowed(base).ok());
  EXPECT_EQ(memory.find(base), nullptr);
}

TEST(GlobalMemoryMapping, OverlapsAreRejected) {
  GlobalMemory memory(1 << 20);
  std::vector<uint8_t> buffer(4096);
  auto device = memory.allocate(1000);
  ASSERT_TRUE(device.ok());
  EXPECT_FALSE(memory.map_borrowed(*device + 500, 10, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(*device - 10, 11, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(kSharedWindowBase + 64, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(kConstWindowBase + kWindowSize - 8, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(kFunctionAddressBase, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(0, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(~uint64_t{0} - 4, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(kGlobalBase - 4096, 0, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(kGlobalBase - 8192, 4096, buffer.data()).ok());  // function addresses
  const uint64_t far = kGlobalBase + (uint64_t{1} << 30);
  ASSERT_TRUE(memory.map_borrowed(far, 4096, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(far + 4000, 16, buffer.data()).ok());
  EXPECT_FALSE(memory.map_borrowed(far - 8, 16, buffer.data()).ok());
  EXPECT_TRUE(memory.map_borrowed(far + 4096, 16, buffer.data()).ok());  // adjacent is fine
}

TEST(GlobalMemoryMapping, DeviceAllocationsSkipMappedRanges) {
  GlobalMemory memory(1 << 20, /*strict=*/true);  // each allocation its own mapping: the next one is predictable
  auto first = memory.allocate(16);
  ASSERT_TRUE(first.ok());
  // Where the next device allocation would go.
  const uint64_t next = *first + kAllocationAlignment + kAllocationGap;
  std::vector<uint8_t> buffer(1 << 16);
  ASSERT_TRUE(memory.map_borrowed(next - 100, buffer.size(), buffer.data()).ok());
  auto second = memory.allocate(4096);
  ASSERT_TRUE(second.ok());
  EXPECT_GE(*second, next - 100 + buffer.size());
  EXPECT_EQ(*second % kAllocationAlignment, 0u);
  EXPECT_NE(memory.translate(*second, 4096), nullptr);
  EXPECT_EQ(memory.find(next - 100)->borrowed, true);
  // Sorted and non-overlapping.
  const auto& all = memory.allocations();
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].base + all[i - 1].size, all[i].base);
}

TEST(DeviceMapping, MappedHostBufferIsCopyableButNotFreeable) {
  auto config = preset("default");
  ASSERT_TRUE(config.ok());
  auto device = Device::create(*config, DeviceOptions{1});
  ASSERT_TRUE(device.ok());
  Device& d = **device;
  std::vector<int> host(16, 3);
  ASSERT_TRUE(d.map_host_memory(host.data(), host.size() * sizeof(int)).ok());
  const auto address = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(host.data()));
  auto info = d.allocation_containing(address + 4);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->base, address);
  int value = 9;
  ASSERT_TRUE(d.copy_to_device(address + 8, &value, sizeof value).ok());
  EXPECT_EQ(host[2], 9);
  EXPECT_FALSE(d.copy_to_device(address + 62, &value, sizeof value).ok());
  EXPECT_FALSE(d.free(address).ok());
  EXPECT_FALSE(d.map_host_memory(host.data() + 1, 4).ok());
  EXPECT_TRUE(d.unmap_host_memory(host.data()).ok());
  EXPECT_FALSE(d.unmap_host_memory(host.data()).ok());
  EXPECT_FALSE(d.allocation_containing(address).has_value());
}

}  // namespace
}  // namespace canopy::gpu
