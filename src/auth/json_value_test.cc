#include "auth/json_value.h"

#include <gtest/gtest.h>

namespace s3c::auth_internal {
namespace {

TEST(JsonValueTest, ParsesNestedDocument) {
  auto v = JsonValue::Parse(
      R"( {"Version": 1, "a": "x\"y\\z\n\u00e9\ud83d\ude00", "n": -12.5e3, "t": true,
           "f": false, "z": null, "arr": [1, "two", {"k": []}], "o": {"inner": "v"}} )");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->Find("Version")->AsInt64(), 1);
  EXPECT_EQ(v->GetString("a"), "x\"y\\z\n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(v->GetString("n"), "-12.5e3");
  EXPECT_EQ(v->Find("n")->AsInt64(), std::nullopt);
  EXPECT_TRUE(v->Find("t")->AsBool());
  EXPECT_FALSE(v->Find("f")->AsBool());
  EXPECT_EQ(v->Find("f")->type(), JsonValue::Type::kBool);
  EXPECT_EQ(v->Find("z")->type(), JsonValue::Type::kNull);
  ASSERT_EQ(v->Find("arr")->items().size(), 3u);
  EXPECT_EQ(v->Find("arr")->items()[1].AsString(), "two");
  EXPECT_EQ(v->Find("o")->GetString("inner"), "v");
  EXPECT_EQ(v->Find("missing"), nullptr);
  EXPECT_EQ(v->GetString("t"), std::nullopt);
}

TEST(JsonValueTest, ErrorsGiveOffsetButNeverTheInput) {
  for (const char* bad : {R"({"SecretAccessKey": "topSECRET)", R"({"SecretAccessKey" "topSECRET"})",
                          R"({"a": topSECRET})", R"({"a": "b"} topSECRET)", "", "[1,]"}) {
    auto v = JsonValue::Parse(bad);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(v.status().message().find("invalid JSON at offset"), std::string::npos);
    EXPECT_EQ(v.status().ToString().find("topSECRET"), std::string::npos);
  }
}

TEST(JsonValueTest, DeepNestingIsRejected) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto v = JsonValue::Parse(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("too deep"), std::string::npos);
}

}  // namespace
}  // namespace s3c::auth_internal
