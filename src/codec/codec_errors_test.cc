// Truncated, corrupt and foreign input: always DataLoss naming the object and an offset.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/codec_test_util.h"
#include "codec/snappy_framing.h"
#include "s3c/codec/codec.h"
#include "s3c/common/crc32c.h"
#include "s3c/io/local_file.h"

namespace s3c {
namespace {

using codec_testing::CompressibleBytes;
using codec_testing::RandomBytes;
using testing::HasSubstr;

Status DecompressAll(Codec codec, const std::string& compressed, bool use_zlib = false) {
  auto out = Decompress(codec, compressed, codec_testing::Named("s3://b/k.bin", use_zlib));
  return out.status();
}

class CodecErrorsTest : public testing::TestWithParam<Codec> {};

TEST_P(CodecErrorsTest, EveryTruncationIsDataLossWithNameAndOffset) {
  Codec codec = GetParam();
  std::string data = CompressibleBytes(200000, 11) + RandomBytes(70000, 12);
  auto z = Compress(codec, data);
  ASSERT_TRUE(z.ok());
  // Cut points: inside the header, in the middle, and just before the end.
  std::vector<size_t> cuts = {1, 3, z->size() / 2, z->size() - 5, z->size() - 1};
  for (size_t cut : cuts) {
    std::string part = z->substr(0, cut);
    Status s = DecompressAll(codec, part);
    ASSERT_EQ(s.code(), StatusCode::kDataLoss)
        << CodecName(codec) << " cut " << cut << ": " << s.ToString();
    EXPECT_THAT(s.message(), HasSubstr("s3://b/k.bin")) << s.message();
    EXPECT_THAT(s.message(), HasSubstr(" at byte ")) << s.message();
    if (codec != Codec::kGzip || cut > 10) {
      // Past the header, truncation is reported at the end of what was there.
      EXPECT_THAT(s.message(), HasSubstr("truncated at byte " + std::to_string(cut)))
          << s.message();
    }
  }
}

TEST_P(CodecErrorsTest, EmptyInputWithAnExplicitCodecIsDataLoss) {
  Status s = DecompressAll(GetParam(), "");
  EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
  EXPECT_THAT(s.message(), HasSubstr("truncated at byte 0 of s3://b/k.bin"));
}

TEST_P(CodecErrorsTest, GarbageIsDataLoss) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    Status s = DecompressAll(GetParam(), RandomBytes(5000, seed));
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << CodecName(GetParam()) << ": " << s.ToString();
    EXPECT_THAT(s.message(), HasSubstr("s3://b/k.bin"));
  }
  Status s = DecompressAll(GetParam(), "hello,world\n1,2\n");
  EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
}

TEST_P(CodecErrorsTest, FlippedByteInTheBodyIsDetected) {
  Codec codec = GetParam();
  std::string data = CompressibleBytes(100000, 5);
  auto z = Compress(codec, data);
  ASSERT_TRUE(z.ok());
  int detected = 0;
  for (size_t pos = 20; pos < z->size() - 20; pos += z->size() / 17) {
    std::string bad = *z;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x55);
    auto out = Decompress(codec, bad, codec_testing::Named("s3://b/k.bin"));
    if (!out.ok()) {
      EXPECT_EQ(out.status().code(), StatusCode::kDataLoss) << out.status().ToString();
      ++detected;
    } else {
      ADD_FAILURE() << CodecName(codec) << ": corruption at " << pos << " went unnoticed";
    }
  }
  EXPECT_GT(detected, 0);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CodecErrorsTest,
                         testing::ValuesIn(codec_testing::kStreamCodecs),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(CodecErrorsTest, GzipTruncationMessageSaysWhatWasExpected) {
  std::string data = RandomBytes(1 << 20, 3);
  auto z = Compress(Codec::kGzip, data);
  ASSERT_TRUE(z.ok());
  for (bool use_zlib : {false, true}) {
    auto out = Decompress(Codec::kGzip, z->substr(0, 500000),
                          codec_testing::Named("s3://b/k.gz", use_zlib));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().message(),
              "gzip member truncated at byte 500000 of s3://b/k.gz: expected more deflate data");
  }
  auto no_trailer =
      Decompress(Codec::kGzip, z->substr(0, z->size() - 4), codec_testing::Named("s3://b/k.gz"));
  EXPECT_EQ(no_trailer.status().message(),
            "gzip member truncated at byte " + std::to_string(z->size() - 4) +
                " of s3://b/k.gz: expected the 8-byte gzip trailer (CRC-32 and size)");
}

TEST(CodecErrorsTest, GzipCrcMismatchInTrailer) {
  auto z = Compress(Codec::kGzip, "hello hello hello");
  ASSERT_TRUE(z.ok());
  std::string bad = *z;
  bad[bad.size() - 8] ^= 1;
  for (bool use_zlib : {false, true}) {
    auto out = Decompress(Codec::kGzip, bad, codec_testing::Named("k", use_zlib));
    EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
    EXPECT_THAT(out.status().message(), HasSubstr("CRC-32"));
  }
}

TEST(CodecErrorsTest, GarbageAfterAGzipMemberIsDataLossButZeroPaddingIsNot) {
  auto z = Compress(Codec::kGzip, "abc");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(Decompress(Codec::kGzip, *z + std::string(10, '\0')).value_or("x"), "abc");
  auto out = Decompress(Codec::kGzip, *z + "junk data", codec_testing::Named("k.gz"));
  EXPECT_EQ(out.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(out.status().message(), "gzip member corrupt at byte " + std::to_string(z->size()) +
                                        " of k.gz: unexpected bytes after the last gzip member");
}

// Builds a framed snappy stream by hand with one uncompressed chunk.
std::string SnappyUncompressedChunk(const std::string& body, uint32_t masked_crc) {
  std::string s("\xff\x06\x00\x00sNaPpY", 10);
  size_t len = body.size() + 4;
  s += static_cast<char>(0x01);
  s += static_cast<char>(len & 0xff);
  s += static_cast<char>((len >> 8) & 0xff);
  s += static_cast<char>((len >> 16) & 0xff);
  for (int i = 0; i < 4; ++i) s += static_cast<char>((masked_crc >> (8 * i)) & 0xff);
  return s + body;
}

TEST(CodecErrorsTest, SnappyCrcIsVerified) {
  using codec_internal::MaskCrc32c;
  std::string body = "some uncompressed chunk";
  uint32_t good = MaskCrc32c(Crc32c(body.data(), body.size()));
  EXPECT_EQ(Decompress(Codec::kSnappy, SnappyUncompressedChunk(body, good)).value_or(""), body);
  auto bad = Decompress(Codec::kSnappy, SnappyUncompressedChunk(body, good ^ 0x100),
                        codec_testing::Named("s3://b/k.sz"));
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(bad.status().message(),
            "snappy frame corrupt at byte 10 of s3://b/k.sz: CRC-32C of the uncompressed data "
            "does not match");
  // A compressed chunk with a bad CRC, made by the compressor and then altered.
  auto z = Compress(Codec::kSnappy, CompressibleBytes(1000, 1));
  ASSERT_TRUE(z.ok());
  ASSERT_EQ((*z)[10], '\x00');  // a compressed chunk follows the stream identifier
  (*z)[14] ^= 1;
  EXPECT_THAT(Decompress(Codec::kSnappy, *z).status().message(), HasSubstr("CRC-32C"));
}

TEST(CodecErrorsTest, SnappySkipsPaddingAndRejectsReservedChunks) {
  std::string body = "xyz";
  uint32_t crc = codec_internal::MaskCrc32c(Crc32c(body.data(), body.size()));
  std::string stream = SnappyUncompressedChunk(body, crc);
  std::string padded =
      stream.substr(0, 10) + std::string("\xfe\x02\x00\x00\x00\x00", 6) + stream.substr(10);
  EXPECT_EQ(Decompress(Codec::kSnappy, padded).value_or(""), body);
  std::string reserved = stream + std::string("\x02\x00\x00\x00", 4);
  EXPECT_THAT(Decompress(Codec::kSnappy, reserved).status().message(),
              HasSubstr("reserved unskippable chunk type 2"));
}

TEST(CodecErrorsTest, ErrorsAreSticky) {
  auto z = Compress(Codec::kZstd, RandomBytes(100000, 1));
  ASSERT_TRUE(z.ok());
  auto dec = OpenDecompressor(MakeStringInput(z->substr(0, 1000)), Codec::kZstd,
                              codec_testing::Named("k"));
  ASSERT_TRUE(dec.ok());
  auto all = (*dec)->ReadAll();
  ASSERT_FALSE(all.ok());
  char buf[10];
  auto again = (*dec)->Read(buf, sizeof(buf));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), all.status().message());
}

}  // namespace
}  // namespace s3c
