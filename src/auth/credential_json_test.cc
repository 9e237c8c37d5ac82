#include "auth/credential_json.h"

#include <gtest/gtest.h>

namespace s3c::auth_internal {
namespace {

TEST(CredentialJsonTest, ParsesNestedDocument) {
  auto v = ParseCredentialJson(
      R"( {"Version": 1, "a": "x\"y\\z\n\u00e9\ud83d\ude00", "n": -12.5e3, "t": true,
           "f": false, "z": null, "arr": [1, "two", {"k": []}], "o": {"inner": "v"}} )");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->Find("Version")->AsInt64(), 1);
  EXPECT_EQ(v->GetString("a"), "x\"y\\z\n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(v->GetString("n"), "-12.5e3");
  EXPECT_EQ(v->Find("n")->AsInt64(), std::nullopt);
  EXPECT_EQ(v->Find("t")->kind, JsonValue::Kind::kBool);
  EXPECT_TRUE(v->Find("t")->boolean);
  EXPECT_FALSE(v->Find("f")->boolean);
  EXPECT_EQ(v->Find("z")->kind, JsonValue::Kind::kNull);
  ASSERT_EQ(v->Find("arr")->items.size(), 3u);
  EXPECT_EQ(v->Find("arr")->items[1].AsString(), "two");
  EXPECT_EQ(v->Find("o")->GetString("inner"), "v");
  EXPECT_EQ(v->Find("missing"), nullptr);
  EXPECT_EQ(v->GetString("t"), std::nullopt);
}

// The error names where and what was expected, and holds no byte of the input: not the
// secret, and not the one character found at the error either.
TEST(CredentialJsonTest, ErrorsGivePositionButNeverTheInput) {
  for (const char* bad :
       {R"({"SecretAccessKey": "topSECRET)", R"({"SecretAccessKey" "topSECRET"})",
        R"({"a": topSECRET})", R"({"a": "b"} topSECRET)", "", "[1,]", R"({"a": 1Z})",
        "{\"a\": \"top\x01SECRET\"}", "{\"a\": \"top\xffSECRET\"}", R"({"a": "\qSECRET"})"}) {
    auto v = ParseCredentialJson(bad);
    ASSERT_FALSE(v.ok()) << bad;
    EXPECT_EQ(v.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(v.status().message().rfind("invalid JSON: line 1, byte offset ", 0), 0u)
        << v.status().message();
    EXPECT_EQ(v.status().ToString().find("SECRET"), std::string::npos);
    EXPECT_EQ(v.status().ToString().find("found"), std::string::npos) << v.status().ToString();
  }
  auto v = ParseCredentialJson(R"({"SecretAccessKey" "topSECRET"})");
  EXPECT_EQ(v.status().message(),
            "invalid JSON: line 1, byte offset 19: expected ':' after an object key");
}

TEST(CredentialJsonTest, DeepNestingIsRejected) {
  std::string ok(kCredentialJsonMaxDepth, '[');
  ok += std::string(kCredentialJsonMaxDepth, ']');
  EXPECT_TRUE(ParseCredentialJson(ok).ok());
  std::string deep(100, '[');
  deep += std::string(100, ']');
  auto v = ParseCredentialJson(deep);
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.status().message().find("expected at most 64 levels of nesting (the depth limit)"),
            std::string::npos)
      << v.status().message();
}

// RFC 8259 leaves repeated names to the implementation; credential documents resolve them as
// the AWS CLI does (Python's json module): the last one wins.
TEST(CredentialJsonTest, RepeatedKeyResolvesToTheLastMember) {
  auto v = ParseCredentialJson(R"({"Version": 1, "AccessKeyId": "first", "AccessKeyId": "last"})");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->GetString("AccessKeyId"), "last");
}

}  // namespace
}  // namespace s3c::auth_internal
