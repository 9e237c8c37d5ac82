#include <gtest/gtest.h>

#include "codec/codec_test_util.h"
#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"

namespace s3c {
namespace {

TEST(DetectTest, MagicExtensionAndShortInputTable) {
  struct Row {
    std::string bytes;
    std::string name;
    Codec want;
  };
  const std::string gz("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
  const Row rows[] = {
      {gz, "data.csv", Codec::kGzip},  // magic without the extension
      {gz, "data.csv.gz", Codec::kGzip},
      {"id,name\n1,a\n", "data.csv.gz", Codec::kNone},  // .gz name on plain text
      {"id,name\n1,a\n", "data.csv.zst", Codec::kNone},
      {gz, "data.zst", Codec::kGzip},  // magic beats a wrong extension
      {"BZh91AY&SY", "x", Codec::kBzip2},
      {"BZh0", "x", Codec::kNone},  // block size digit must be 1-9
      {std::string("\xfd"
                   "7zXZ\x00\x00",
                   7),
       "x", Codec::kXz},
      {std::string("\x28\xb5\x2f\xfd\x00", 5), "x", Codec::kZstd},
      {std::string("\x04\x22\x4d\x18\x60", 5), "x", Codec::kLz4},
      {std::string("\xff\x06\x00\x00sNaPpY", 10), "x", Codec::kSnappy},
      {std::string("PK\x03\x04\x14\x00", 6), "x", Codec::kZip},
      {std::string("PK\x05\x06", 4), "x", Codec::kZip},
      {"", "a/b/c.GZ", Codec::kGzip},  // no bytes: the name decides
      {"", "c.gzip", Codec::kGzip},
      {"", "c.bz2", Codec::kBzip2},
      {"", "c.xz", Codec::kXz},
      {"", "c.zstd", Codec::kZstd},
      {"", "c.zst", Codec::kZstd},
      {"", "c.lz4", Codec::kLz4},
      {"", "c.sz", Codec::kSnappy},
      {"", "c.snappy", Codec::kSnappy},
      {"", "c.zip", Codec::kZip},
      {"", "c.csv", Codec::kNone},
      {"", "dir.gz/file", Codec::kNone},
      {"\x1f", "c.gz", Codec::kGzip},  // too short to rule gzip out
      {"\x1f", "c.csv", Codec::kNone},
      {"ab", "c.gz", Codec::kNone},
      {"BZ", "c.bz2", Codec::kBzip2},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(DetectCodec(r.bytes, r.name), r.want) << "name " << r.name << " bytes " << r.bytes;
  }
}

TEST(DetectTest, AutoDecompressorPeeksWithoutLosingBytesAndHonoursTheExplicitCodec) {
  std::string text = codec_testing::CompressibleBytes(100000, 4);
  auto gz = Compress(Codec::kGzip, text);
  ASSERT_TRUE(gz.ok());

  Codec chosen;
  auto plain =
      OpenAutoDecompressor(MakeStringInput(text), "s3://b/plain.csv.gz", std::nullopt, &chosen);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(chosen, Codec::kNone);
  EXPECT_TRUE((*plain)->ReadAll().value_or("") == text);

  auto hidden = OpenAutoDecompressor(std::make_unique<codec_testing::TrickleInputStream>(*gz, 3),
                                     "s3://b/noext", std::nullopt, &chosen);
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(chosen, Codec::kGzip);
  EXPECT_TRUE((*hidden)->ReadAll().value_or("") == text);

  // Explicit none reads the gzip bytes as they are.
  auto raw = OpenAutoDecompressor(MakeStringInput(*gz), "s3://b/k.gz", Codec::kNone, &chosen);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(chosen, Codec::kNone);
  EXPECT_EQ((*raw)->ReadAll().value_or(""), *gz);

  // Explicit gzip on plain text is a clear error.
  auto forced = OpenAutoDecompressor(MakeStringInput(text), "s3://b/k.csv", Codec::kGzip);
  ASSERT_TRUE(forced.ok());
  auto err = (*forced)->ReadAll();
  EXPECT_EQ(err.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(err.status().message(),
            "gzip member corrupt at byte 0 of s3://b/k.csv: not gzip data (bad magic number)");

  // An empty object is empty data even when named .gz.
  auto empty = OpenAutoDecompressor(MakeStringInput(""), "s3://b/empty.gz", std::nullopt, &chosen);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(chosen, Codec::kNone);
  EXPECT_EQ((*empty)->ReadAll().value_or("x"), "");

  // A one-byte object (shorter than any magic) is passed through.
  auto tiny = OpenAutoDecompressor(MakeStringInput("a"), "s3://b/a.csv", std::nullopt, &chosen);
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ((*tiny)->ReadAll().value_or(""), "a");
}

TEST(DetectTest, NamesAndExtensions) {
  for (Codec c : {Codec::kNone, Codec::kGzip, Codec::kBzip2, Codec::kXz, Codec::kZstd, Codec::kLz4,
                  Codec::kSnappy, Codec::kZip}) {
    EXPECT_EQ(ParseCodecName(CodecName(c)).value_or(Codec::kZip), c);
    if (c != Codec::kNone) {
      EXPECT_EQ(CodecFromExtension(std::string("f") + CodecExtension(c)), c);
    }
  }
  EXPECT_EQ(ParseCodecName("GZ").value_or(Codec::kNone), Codec::kGzip);
  EXPECT_EQ(ParseCodecName("rar").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c
