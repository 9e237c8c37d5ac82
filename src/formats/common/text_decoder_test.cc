#include "s3c/formats/text_decoder.h"

#include <gtest/gtest.h>

#include <string>

#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

std::string Decode(std::string_view in, TextEncoding e, InvalidUtf8Policy p, bool eof, size_t* used,
                   size_t* bad) {
  std::string out;
  *used = DecodeToUtf8(in, e, p, eof, &out, bad);
  return out;
}

TEST(TextDecoder, Utf8ValidationAndReplacement) {
  size_t used = 0, bad = 0;
  EXPECT_EQ(
      Decode("h\xC3\xA9llo", TextEncoding::kUtf8, InvalidUtf8Policy::kError, true, &used, &bad),
      "h\xC3\xA9llo");
  Decode("ab\xC3(", TextEncoding::kUtf8, InvalidUtf8Policy::kError, true, &used, &bad);
  EXPECT_EQ(used, SIZE_MAX);
  EXPECT_EQ(bad, 2u);
  EXPECT_EQ(Decode("a\xFF"
                   "b\xE2\x82",
                   TextEncoding::kUtf8, InvalidUtf8Policy::kReplace, true, &used, &bad),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  // A character split at the end waits for more input.
  EXPECT_EQ(Decode("ab\xE2\x82", TextEncoding::kUtf8, InvalidUtf8Policy::kError, false, &used, &bad),
            "ab");
  EXPECT_EQ(used, 2u);
  // Surrogates encoded in UTF-8 (ED A0 80) are invalid.
  Decode("\xED\xA0\x80", TextEncoding::kUtf8, InvalidUtf8Policy::kError, true, &used, &bad);
  EXPECT_EQ(used, SIZE_MAX);
}

TEST(TextDecoder, Utf16AndSingleByte) {
  size_t used = 0, bad = 0;
  std::string le("a\0,\0\xE9\0=\xD8\x00\xDE", 10);  // "a,é" + U+1F600 as D83D DE00
  EXPECT_EQ(Decode(le, TextEncoding::kUtf16LE, InvalidUtf8Policy::kError, true, &used, &bad),
            "a,\xC3\xA9\xF0\x9F\x98\x80");
  std::string be("\0a\0b", 4);
  EXPECT_EQ(Decode(be, TextEncoding::kUtf16BE, InvalidUtf8Policy::kError, true, &used, &bad), "ab");
  EXPECT_EQ(Decode("caf\xE9", TextEncoding::kLatin1, InvalidUtf8Policy::kError, true, &used, &bad),
            "caf\xC3\xA9");
  EXPECT_EQ(
      Decode("\x80\x93", TextEncoding::kWindows1252, InvalidUtf8Policy::kError, true, &used, &bad),
      "\xE2\x82\xAC\xE2\x80\x9C");
  TextEncoding e;
  EXPECT_EQ(DetectBom("\xEF\xBB\xBFx", &e), 3u);
  EXPECT_EQ(e, TextEncoding::kUtf8);
  EXPECT_EQ(DetectBom("\xFE\xFF", &e), 2u);
  EXPECT_EQ(e, TextEncoding::kUtf16BE);
  EXPECT_EQ(DetectBom("ab", &e), 0u);
}

TEST(TextDecoder, ValidUtf8PrefixStopsBeforeTheFirstBadOrSplitCharacter) {
  EXPECT_EQ(ValidUtf8Prefix(""), 0u);
  EXPECT_EQ(ValidUtf8Prefix(std::string(40, 'a')), 40u);
  EXPECT_EQ(ValidUtf8Prefix(std::string(20, 'a') + "\xC3\xA9" + std::string(20, 'b')), 42u);
  EXPECT_EQ(ValidUtf8Prefix(std::string(20, 'a') + "\xFF" + std::string(20, 'b')), 20u);
  EXPECT_EQ(ValidUtf8Prefix("ab\xE2\x82"), 2u);
}

// Reads the whole input through ReadMore in `chunk`-byte pieces.
Result<std::string> ReadAllText(std::string input, TextEncoding e, InvalidUtf8Policy p,
                                size_t chunk) {
  TextSource source(MakeStringInput(std::move(input)), e, p, "s3://b/k");
  std::string out;
  while (true) {
    S3C_ASSIGN_OR_RETURN(bool more, source.ReadMore(&out, chunk));
    if (!more) return out;
  }
}

TEST(TextSource, StripsBomsAndDecodesAcrossSplitCharacters) {
  for (size_t chunk : {1, 2, 3, 64}) {
    SCOPED_TRACE("chunk " + std::to_string(chunk));
    EXPECT_EQ(ReadAllText("\xEF\xBB\xBFh\xC3\xA9", TextEncoding::kAuto, InvalidUtf8Policy::kError,
                          chunk)
                  .value_or("?"),
              "h\xC3\xA9");
    EXPECT_EQ(ReadAllText(std::string("\xFF\xFE" "a\0\xE9\0", 6), TextEncoding::kAuto,
                          InvalidUtf8Policy::kError, chunk)
                  .value_or("?"),
              "a\xC3\xA9");
    // A single-byte encoding keeps the bytes a BOM would be made of.
    EXPECT_EQ(ReadAllText("\xFF\xFEx", TextEncoding::kLatin1, InvalidUtf8Policy::kError, chunk)
                  .value_or("?"),
              "\xC3\xBF\xC3\xBEx");
  }
}

TEST(TextSource, InvalidUtf8NamesTheObjectAndInputOffset) {
  auto r = ReadAllText("\xEF\xBB\xBF" "ab\xFF", TextEncoding::kAuto, InvalidUtf8Policy::kError, 64);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(r.status().message(), "s3://b/k: invalid UTF-8 at byte offset 5");
  EXPECT_EQ(ReadAllText("a\xFF", TextEncoding::kUtf8, InvalidUtf8Policy::kReplace, 64).value_or("?"),
            "a\xEF\xBF\xBD");
}

TEST(TextSource, RawReadsFollowTheBomOnUtf8Input) {
  TextSource source(MakeStringInput("\xEF\xBB\xBFxyz"), TextEncoding::kAuto,
                    InvalidUtf8Policy::kError, "s3://b/k");
  std::string text;
  ASSERT_TRUE(source.ReadMore(&text, 4).ok());
  EXPECT_TRUE(source.IsUtf8());
  char rest[8];
  auto n = source.ReadRaw(rest, sizeof rest);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(text + std::string(rest, *n), "xyz");
  EXPECT_EQ(source.InvalidUtf8At(2).message(), "s3://b/k: invalid UTF-8 at byte offset 5");
}

}  // namespace
}  // namespace s3c::formats
