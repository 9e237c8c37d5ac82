#include "s3c/common/strings.h"

#include <gtest/gtest.h>

#include "s3c/common/json_escape.h"
#include "s3c/common/log.h"

namespace s3c {
namespace {

TEST(StringsTest, UriEncodeKeepsUnreservedAndOptionallySlash) {
  EXPECT_EQ(UriEncode("a b+c%d~e/f", true), "a%20b%2Bc%25d~e/f");
  EXPECT_EQ(UriEncode("a/b", false), "a%2Fb");
  EXPECT_EQ(UriEncode("\xc3\xa9", false), "%C3%A9");
}

TEST(StringsTest, UriDecode) {
  EXPECT_EQ(*UriDecode("a%20b%2Fc"), "a b/c");
  EXPECT_EQ(*UriDecode("a+b", true), "a b");
  EXPECT_EQ(*UriDecode("a+b", false), "a+b");
  EXPECT_FALSE(UriDecode("%2").has_value());
  EXPECT_FALSE(UriDecode("%zz").has_value());
}

TEST(StringsTest, Base64RoundTrip) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(*Base64Decode(Base64Encode(s)), s);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
}

TEST(StringsTest, ByteSizes) {
  EXPECT_EQ(*ParseByteSize("64MiB"), 64u << 20);
  EXPECT_EQ(*ParseByteSize("8k"), 8192u);
  EXPECT_EQ(*ParseByteSize("100"), 100u);
  EXPECT_EQ(*ParseByteSize("1.5G"), 3u << 29);
  EXPECT_FALSE(ParseByteSize("lots").has_value());
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
}

TEST(StringsTest, FormatCountGroupsThousands) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1204), "1,204");
  EXPECT_EQ(FormatCount(12345678), "12,345,678");
}

TEST(StringsTest, SplitTrimJoin) {
  EXPECT_EQ(Split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(Trim("  x y \n"), "x y");
  EXPECT_EQ(Join({"a", "b"}, "/"), "a/b");
  EXPECT_TRUE(IEquals("Content-Type", "content-type"));
}

TEST(JsonEscapeTest, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(JsonQuote("plain caf\xc3\xa9"), "\"plain caf\xc3\xa9\"");
  EXPECT_EQ(JsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(JsonQuote("\n\r\t\b\f"), "\"\\n\\r\\t\\b\\f\"");
  EXPECT_EQ(JsonQuote(std::string_view("\x01\x1f\0", 3)), "\"\\u0001\\u001f\\u0000\"");
  EXPECT_EQ(JsonQuote(""), "\"\"");
}

TEST(RedactTest, SecretsNeverPrinted) {
  std::string line =
      "GET /b/k?X-Amz-Credential=AK%2F2015&X-Amz-Signature=abcdef0123&X-Amz-Security-Token=tok "
      "Authorization: AWS4-HMAC-SHA256 Credential=AK/x, SignedHeaders=host, Signature=deadbeef "
      "aws_secret_access_key = wJalr";
  std::string out = RedactSecrets(line);
  EXPECT_EQ(out.find("abcdef0123"), std::string::npos);
  EXPECT_EQ(out.find("deadbeef"), std::string::npos);
  EXPECT_EQ(out.find("wJalr"), std::string::npos);
  EXPECT_EQ(out.find("=tok"), std::string::npos);
}

}  // namespace
}  // namespace s3c
