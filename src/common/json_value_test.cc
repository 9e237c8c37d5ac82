#include "s3c/common/json_value.h"

#include <gtest/gtest.h>

#include "s3c/common/json_parser.h"

namespace s3c {
namespace {

JsonValue ParseOrDie(std::string_view text) {
  JsonValue v;
  Status s = ParseJsonText(text, &v, "test.json");
  EXPECT_TRUE(s.ok()) << s.ToString();
  return v;
}

// One rule for every caller (the JSON reader and auth): RFC 8259 section 4 leaves repeated
// names to the implementation; the last member wins, as in JSON.parse and Python's json.
TEST(JsonValueTest, FindTakesTheLastOfRepeatedKeys) {
  JsonValue v = ParseOrDie(R"({"a": 1, "b": 2, "a": "three"})");
  ASSERT_NE(v.Find("a"), nullptr);
  EXPECT_EQ(v.Find("a")->kind, JsonValue::Kind::kString);
  EXPECT_EQ(v.Find("a")->text, "three");
  EXPECT_EQ(v.members.size(), 3u);  // every member stays, in document order
  EXPECT_EQ(v.members[0].value.text, "1");
  EXPECT_EQ(v.Find("c"), nullptr);
  EXPECT_EQ(ParseOrDie("[1]").Find("a"), nullptr);  // not an object
}

TEST(JsonValueTest, StringAndIntegerAccessors) {
  JsonValue v = ParseOrDie(R"({"s": "x", "i": -42, "f": 1.5, "is": "17", "b": true, "n": null,
                              "big": 9223372036854775808})");
  EXPECT_EQ(v.GetString("s"), "x");
  EXPECT_EQ(v.GetString("f"), "1.5");  // a number's text as written
  EXPECT_EQ(v.GetString("b"), std::nullopt);
  EXPECT_EQ(v.GetString("n"), std::nullopt);
  EXPECT_EQ(v.GetString("missing"), std::nullopt);
  EXPECT_EQ(v.Find("i")->AsInt64(), -42);
  EXPECT_EQ(v.Find("is")->AsInt64(), 17);
  EXPECT_EQ(v.Find("f")->AsInt64(), std::nullopt);
  EXPECT_EQ(v.Find("s")->AsInt64(), std::nullopt);
  EXPECT_EQ(v.Find("b")->AsInt64(), std::nullopt);
  EXPECT_EQ(v.Find("big")->AsInt64(), std::nullopt);  // out of int64 range
}

TEST(JsonValueTest, KindNamesAndCompactText) {
  JsonValue v = ParseOrDie(R"( {"k": [true, false, null, -0.5e1, "q\"\u00e9"], "o": {}} )");
  EXPECT_STREQ(JsonKindName(v.kind), "object");
  EXPECT_STREQ(JsonKindName(v.Find("k")->kind), "array");
  EXPECT_STREQ(JsonKindName(v.Find("k")->items[0].kind), "boolean");
  EXPECT_STREQ(JsonKindName(v.Find("k")->items[2].kind), "null");
  EXPECT_STREQ(JsonKindName(v.Find("k")->items[3].kind), "number");
  EXPECT_STREQ(JsonKindName(v.Find("k")->items[4].kind), "string");
  std::string out;
  AppendJsonText(v, &out);
  EXPECT_EQ(out, "{\"k\":[true,false,null,-0.5e1,\"q\\\"\xc3\xa9\"],\"o\":{}}");
}

}  // namespace
}  // namespace s3c
