#include "isa/isa_doc.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "isa/module.h"
#include "isa/names.h"

namespace canopy::isa {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(IsaDoc, CommittedDocMatchesTheGenerator) {
  const std::string committed = read_text(CANOPY_SOURCE_DIR "/docs/isa.md");
  ASSERT_FALSE(committed.empty()) << "docs/isa.md is missing";
  EXPECT_TRUE(committed == isa_markdown())
      << "docs/isa.md is stale: regenerate it with `canopy isa-doc > docs/isa.md`";
}

TEST(IsaDoc, DocumentsEveryOpcodeAndModifier) {
  const std::string doc = isa_markdown();
  for (size_t i = 0; i < enum_count<Opcode>(); ++i)
    EXPECT_NE(doc.find("| `" + std::string(name(static_cast<Opcode>(i))) + "` |"), std::string::npos)
        << name(static_cast<Opcode>(i));
  for (std::string_view s : {"## Register model", "## Modifiers", "## Binary encoding", "`frame_relative`",
                             "`.acq_rel`", "%laneid", "zigzag"})
    EXPECT_NE(doc.find(s), std::string::npos) << s;
}

TEST(IsaDoc, ModuleFormatDocMentionsTheCurrentVersion) {
  const std::string doc = read_text(CANOPY_SOURCE_DIR "/docs/module-format.md");
  ASSERT_FALSE(doc.empty()) << "docs/module-format.md is missing";
  EXPECT_NE(doc.find("format version " + std::to_string(Module::kFormatVersion)), std::string::npos);
  EXPECT_NE(doc.find("CNPY"), std::string::npos);
}

}  // namespace
}  // namespace canopy::isa
