#include "s3c/common/json_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "s3c/common/json_escape.h"

namespace s3c {
namespace {

Status Parse(std::string_view text, JsonValue* v, int depth = kDefaultJsonMaxDepth) {
  return ParseJsonText(text, v, "obj.json", JsonParseOptions{.max_depth = depth});
}

TEST(JsonParserTest, ParsesNestedValues) {
  JsonValue v;
  ASSERT_TRUE(Parse(R"( {"a": [1, -2.5e3, "x\ty", true, null], "b": {}} )", &v).ok());
  ASSERT_EQ(v.kind, JsonValue::Kind::kObject);
  ASSERT_EQ(v.members.size(), 2u);
  const JsonValue& a = v.members[0].value;
  ASSERT_EQ(a.items.size(), 5u);
  EXPECT_EQ(a.items[0].text, "1");
  EXPECT_TRUE(a.items[0].integral);
  EXPECT_EQ(a.items[1].text, "-2.5e3");
  EXPECT_FALSE(a.items[1].integral);
  EXPECT_EQ(a.items[2].text, "x\ty");
  EXPECT_TRUE(a.items[3].boolean);
  EXPECT_EQ(a.items[4].kind, JsonValue::Kind::kNull);
  EXPECT_EQ(v.members[1].value.kind, JsonValue::Kind::kObject);
}

TEST(JsonParserTest, DecodesEscapesAndSurrogates) {
  JsonValue v;
  ASSERT_TRUE(Parse(R"(["\u00e9\ud83d\ude00\/\"", "\ud800x", "\udc00"])", &v).ok());
  EXPECT_EQ(v.items[0].text, "\xc3\xa9\xf0\x9f\x98\x80/\"");
  EXPECT_EQ(v.items[1].text, "\xef\xbf\xbdx");  // lone high surrogate -> U+FFFD
  EXPECT_EQ(v.items[2].text, "\xef\xbf\xbd");
}

TEST(JsonParserTest, ErrorsNameLineOffsetAndExpectation) {
  JsonValue v;
  Status s = Parse("{\"a\": 1,\n \"b\" 2}", &v);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message(),
            "obj.json: line 2, byte offset 14: expected ':' after an object key, found '2'");
  s = Parse("[1,]", &v);
  EXPECT_EQ(s.message(), "obj.json: line 1, byte offset 3: expected a JSON value, found ']'");
  s = Parse("[1 2]", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 3: expected ',' or ']' after an array element, "
            "found '2'");
  s = Parse("\"abc", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 4: expected '\"' to close the string, found end of "
            "input");
  s = Parse("01", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 1: expected the end of input after the value, "
            "found '1'");
  s = Parse("[\"a\xff\"]", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 3: expected valid UTF-8 in a string, found byte 0xff");
  s = Parse("[\"a\nb\"]", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 3: expected a string character (control characters "
            "must be escaped), found byte 0x0a");
  s = Parse("", &v);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 0: expected a JSON value, found end of "
            "input");
}

TEST(JsonParserTest, DepthLimitIsAClearError) {
  JsonValue v;
  std::string ok(10, '[');
  ok += std::string(10, ']');
  EXPECT_TRUE(Parse(ok, &v, 10).ok());
  std::string deep(11, '[');
  deep += std::string(11, ']');
  Status s = Parse(deep, &v, 10);
  EXPECT_EQ(s.message(),
            "obj.json: line 1, byte offset 10: expected at most 10 levels of nesting (the depth "
            "limit)");
  std::string huge(100000, '[');
  s = Parse(huge, &v);
  EXPECT_NE(s.message().find("expected at most 512 levels of nesting"), std::string::npos);
}

TEST(JsonParserTest, WritesEscapedStringsAndCompactText) {
  std::string out;
  AppendJsonString("a\"b\\c\n\x01\xc3\xa9", &out);
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\"");
  JsonValue v;
  ASSERT_TRUE(Parse(R"({ "k" : [ 1 , {"z":null} ] })", &v).ok());
  out.clear();
  AppendJsonText(v, &out);
  EXPECT_EQ(out, R"({"k":[1,{"z":null}]})");
}

TEST(JsonParserTest, WithoutDescribeFoundErrorsHoldNoInputByte) {
  JsonValue v;
  const JsonParseOptions quiet{.describe_found = false};
  Status s = ParseJsonText("{\"a\": 1,\n \"b\" 2}", &v, "doc", quiet);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message(), "doc: line 2, byte offset 14: expected ':' after an object key");
  s = ParseJsonText("[\"a\xff\"]", &v, "doc", quiet);
  EXPECT_EQ(s.message(), "doc: line 1, byte offset 3: expected valid UTF-8 in a string");
  s = ParseJsonText("[1] x", &v, "doc", quiet);
  EXPECT_EQ(s.message(), "doc: line 1, byte offset 4: expected the end of input after the value");
}

TEST(JsonParserTest, NonFiniteTokensOnlyWhenAllowed) {
  JsonValue strict;
  Status s = ParseJsonText("[NaN]", &strict, "doc");
  EXPECT_EQ(s.message(), "doc: line 1, byte offset 1: expected a JSON value, found 'N'");
  JsonValue v;
  const JsonParseOptions tokens{.non_finite_tokens = true};
  ASSERT_TRUE(ParseJsonText("[NaN, Infinity, -Infinity, -1]", &v, "doc", tokens).ok());
  ASSERT_EQ(v.items.size(), 4u);
  EXPECT_EQ(v.items[0].text, "NaN");
  EXPECT_EQ(v.items[2].text, "-Infinity");
  EXPECT_EQ(v.items[2].kind, JsonValue::Kind::kNumber);
  EXPECT_FALSE(v.items[1].integral);
  EXPECT_TRUE(v.items[3].integral);
  EXPECT_TRUE(std::isnan(*NonFiniteTokenValue("NaN")));
  EXPECT_EQ(*NonFiniteTokenValue("-Infinity"), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(NonFiniteTokenValue("nan"), std::nullopt);
}

// A ByteSource over a read function refills chunk by chunk: values and offsets are the same
// when every token straddles a chunk boundary, and a read error is the parse error.
TEST(JsonParserTest, ParsesAcrossChunksOfAReadFunction) {
  const std::string text = "[\"\\u00e9t\\u00e9\", 12345, {\"key\": true}]\n{\"x\" 1}";
  size_t pos = 0;
  ByteSource src(
      [&](char* dst, size_t max) -> Result<size_t> {
        size_t n = std::min<size_t>({max, 3, text.size() - pos});
        text.copy(dst, n, pos);
        pos += n;
        return n;
      },
      3);
  JsonParser parser(&src, "stream");
  ASSERT_EQ(parser.SkipWhitespace(), '[');
  JsonValue v;
  ASSERT_TRUE(parser.ParseValue(&v).ok());
  EXPECT_EQ(v.items[0].text, "\xc3\xa9t\xc3\xa9");
  EXPECT_EQ(v.items[1].text, "12345");
  EXPECT_TRUE(v.items[2].Find("key")->boolean);
  parser.SkipWhitespace();
  JsonValue second;
  Status s = parser.ParseValue(&second);
  EXPECT_EQ(s.message(),
            "stream: line 2, byte offset 45: expected ':' after an object key, found '1'");

  ByteSource failing([](char*, size_t) -> Result<size_t> { return UnavailableError("reset"); });
  JsonParser broken(&failing, "stream");
  EXPECT_EQ(broken.SkipWhitespace(), -1);
  EXPECT_EQ(broken.Expected("a JSON value").code(), StatusCode::kUnavailable);
}

// The limit of marked bytes fails at the same byte whatever the read function returns, and the
// offset of a source that starts mid-stream numbers its bytes from there.
TEST(JsonParserTest, MarkedLimitIsTheSameByteForEveryReadSize) {
  const std::string text = "   {\"a\": \"xxxxxxxxxx\"} {\"b\": 1}";
  for (size_t step : {1, 2, 5, 7, 64}) {
    SCOPED_TRACE(step);
    size_t pos = 0;
    ByteSource src(
        [&](char* dst, size_t max) -> Result<size_t> {
          size_t n = std::min<size_t>({max, step, text.size() - pos});
          text.copy(dst, n, pos);
          pos += n;
          return n;
        },
        step);
    src.set_offset(100);
    src.set_max_marked(12);
    JsonParser parser(&src, "s");
    ASSERT_EQ(parser.SkipWhitespace(), '{');
    EXPECT_EQ(parser.offset(), 103);
    src.Mark();
    JsonValue v;
    Status s = parser.ParseValue(&v);
    EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
    EXPECT_EQ(src.marked_size(), 12u);  // the 13th byte was refused
    EXPECT_EQ(src.offset(), 115);
  }
  ByteSource exact(std::string_view("{\"b\": 1}"));
  exact.set_max_marked(8);
  JsonParser fits(&exact, "s");
  JsonValue v;
  EXPECT_TRUE(fits.ParseValue(&v).ok());  // 8 bytes: at the limit, not past it
}

}  // namespace
}  // namespace s3c
