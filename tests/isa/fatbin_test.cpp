#include "isa/fatbin.h"

#include <gtest/gtest.h>

#include <string>

namespace canopy::isa {
namespace {

std::vector<uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

TEST(Fatbin, RoundTripsEntriesAndStatesItsOwnSize) {
  std::vector<uint8_t> image = write_fatbin({{FatbinKind::NativeModule, bytes_of("CNPY-module")},
                                             {FatbinKind::PtxText, bytes_of(".version 7.0")},
                                             {FatbinKind::SourceName, bytes_of("a.cu")}});
  auto size = fatbin_size(image.data());
  ASSERT_TRUE(size) << size.error().message;
  EXPECT_EQ(*size, image.size());
  EXPECT_EQ(image.size() % 8, 0u);
  auto entries = read_fatbin(image.data(), image.size());
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 3u);
  const FatbinEntryView* ptx = find_entry(*entries, FatbinKind::PtxText);
  ASSERT_NE(ptx, nullptr);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(ptx->data), ptx->size), ".version 7.0");
  EXPECT_EQ(find_entry(*entries, FatbinKind::NativeModule)->size, 11u);
}

TEST(Fatbin, RejectsForeignAndCorruptImages) {
  std::vector<uint8_t> image = write_fatbin({{FatbinKind::NativeModule, bytes_of("xyz")}});
  std::vector<uint8_t> bad = image;
  bad[0] = 'X';
  EXPECT_FALSE(fatbin_size(bad.data()));
  EXPECT_FALSE(read_fatbin(image.data(), image.size() - 8));  // size field disagrees
  bad = image;
  bad[24] = 9;  // unknown kind
  EXPECT_FALSE(read_fatbin(bad.data(), bad.size()));
  bad = image;
  bad[24 + 16] = 0xff;  // entry larger than the image
  EXPECT_FALSE(read_fatbin(bad.data(), bad.size()));
  bad = image;
  bad[16] = 0xff;  // entry count beyond the image
  EXPECT_FALSE(read_fatbin(bad.data(), bad.size()));
}

TEST(Fatbin, EveryTruncationOrByteFlipIsRejectedOrReadSafely) {
  std::vector<uint8_t> image = write_fatbin({{FatbinKind::NativeModule, bytes_of("module bytes")},
                                             {FatbinKind::SourceName, bytes_of("k.cu")}});
  for (size_t n = 0; n < image.size(); ++n) EXPECT_FALSE(read_fatbin(image.data(), n));
  for (size_t i = 0; i < image.size(); ++i) {
    std::vector<uint8_t> flipped = image;
    flipped[i] ^= 0x5a;
    auto entries = read_fatbin(flipped.data(), flipped.size());
    if (entries) {
      for (const FatbinEntryView& e : *entries) EXPECT_LE(e.data + e.size, flipped.data() + flipped.size());
    }
  }
}

}  // namespace
}  // namespace canopy::isa
