#include <gtest/gtest.h>

#include "codec/codec_test_util.h"
#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"

namespace s3c {
namespace {

using codec_testing::CompressibleBytes;
using codec_testing::DrainWith;
using codec_testing::RandomBytes;
using codec_testing::RecordingOutputStream;
using codec_testing::SinkLog;
using codec_testing::TrickleInputStream;

struct RoundTripCase {
  Codec codec;
  size_t size;
  bool compressible;
  size_t write_chunk;
  size_t read_size;
  bool trickle;  // compressed source returns tiny chunks
};

std::string CaseName(const testing::TestParamInfo<RoundTripCase>& info) {
  const RoundTripCase& c = info.param;
  return std::string(CodecName(c.codec)) + "_" + std::to_string(c.size) +
         (c.compressible ? "_text" : "_random") + "_w" + std::to_string(c.write_chunk) + "_r" +
         std::to_string(c.read_size) + (c.trickle ? "_trickle" : "");
}

std::vector<RoundTripCase> AllCases() {
  std::vector<RoundTripCase> cases;
  for (Codec codec : codec_testing::kStreamCodecs) {
    cases.push_back({codec, 0, false, 1, 7, false});
    cases.push_back({codec, 1, false, 1, 1, false});
    cases.push_back({codec, 1000, true, 13, 3, true});
    cases.push_back({codec, (1 << 20) + 12345, false, 65537, 4093, false});
    cases.push_back({codec, (1 << 20) + 777, true, 1 << 20, 1 << 16, false});
    cases.push_back({codec, 200000, true, 100000, 9999, true});
    cases.push_back({codec, 3 << 20, true, 3 << 20, 1 << 20, false});
  }
  return cases;
}

class RoundTripTest : public testing::TestWithParam<RoundTripCase> {};

TEST_P(RoundTripTest, CompressThenDecompressGivesTheSameBytes) {
  const RoundTripCase& c = GetParam();
  std::string data = c.compressible ? CompressibleBytes(c.size, 7) : RandomBytes(c.size, 7);
  SinkLog log;
  auto comp = OpenCompressor(std::make_unique<RecordingOutputStream>(&log), c.codec);
  ASSERT_TRUE(comp.ok()) << comp.status().ToString();
  for (size_t pos = 0; pos < data.size(); pos += c.write_chunk) {
    ASSERT_TRUE((*comp)->Write(data.data() + pos, std::min(c.write_chunk, data.size() - pos)).ok());
  }
  ASSERT_TRUE((*comp)->Close().ok());
  comp->reset();
  EXPECT_EQ(log.closes, 1);
  EXPECT_EQ(log.aborts, 0);
  if (c.compressible && c.size > 100000) {
    EXPECT_LT(log.data.size(), data.size() / 2);
  }

  std::unique_ptr<InputStream> src =
      c.trickle ? std::unique_ptr<InputStream>(new TrickleInputStream(log.data, 5))
                : MakeStringInput(log.data);
  auto dec = OpenDecompressor(std::move(src), c.codec, codec_testing::Named("mem://x"));
  ASSERT_TRUE(dec.ok()) << dec.status().ToString();
  auto out = DrainWith(**dec, c.read_size);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->size(), data.size());
  EXPECT_TRUE(*out == data);
  // The end is sticky.
  char b;
  EXPECT_EQ((*dec)->Read(&b, 1).value_or(99), 0u);

  // Auto-detection finds the codec from the magic bytes, without a telling name.
  Codec chosen = Codec::kNone;
  auto autodec = OpenAutoDecompressor(MakeStringInput(log.data), "noext", std::nullopt, &chosen);
  ASSERT_TRUE(autodec.ok());
  EXPECT_EQ(chosen, c.codec);
  auto again = (*autodec)->ReadAll();
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again == data);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, RoundTripTest, testing::ValuesIn(AllCases()), CaseName);

TEST(RoundTripTest, GzipLevelsUseIsalAndZlibAndBothInflatersRead) {
  std::string data = CompressibleBytes(300000, 3);
  for (int level : {0, 1, 2, 3, 4, 6, 9}) {
    auto z = Compress(Codec::kGzip, data, codec_testing::Level(level));
    ASSERT_TRUE(z.ok()) << level;
    for (bool use_zlib : {false, true}) {
      auto back = Decompress(Codec::kGzip, *z, codec_testing::Named("x", use_zlib));
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      EXPECT_TRUE(*back == data) << "level " << level << " zlib " << use_zlib;
    }
  }
  EXPECT_EQ(Compress(Codec::kGzip, data, codec_testing::Level(10)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(RoundTripTest, OtherLevelsAreValidated) {
  std::string data = CompressibleBytes(5000, 3);
  for (auto [codec, good, bad] : {std::tuple{Codec::kBzip2, 1, 10},
                                  {Codec::kXz, 0, 10},
                                  {Codec::kZstd, 19, 0},
                                  {Codec::kLz4, 12, 13}}) {
    auto z = Compress(codec, data, codec_testing::Level(good));
    ASSERT_TRUE(z.ok()) << CodecName(codec);
    EXPECT_EQ(Decompress(codec, *z).value_or(""), data);
    EXPECT_EQ(Compress(codec, data, codec_testing::Level(bad)).status().code(),
              StatusCode::kInvalidArgument)
        << CodecName(codec);
  }
}

TEST(RoundTripTest, NoneIsAPassThrough) {
  auto z = Compress(Codec::kNone, "abc");
  ASSERT_TRUE(z.ok());
  EXPECT_EQ(*z, "abc");
  EXPECT_EQ(Decompress(Codec::kNone, "abc").value_or(""), "abc");
}

}  // namespace
}  // namespace s3c
