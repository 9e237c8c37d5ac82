#include "s3c/codec/block_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "codec/codec_test_util.h"

namespace s3c {
namespace {

using codec_testing::CompressibleBytes;
using codec_testing::RandomBytes;

class BlockCodecTest : public testing::TestWithParam<BlockCodec> {};

TEST_P(BlockCodecTest, RoundTripsAndChecksTheSize) {
  BlockCodec codec = GetParam();
  for (const std::string& data :
       {std::string(), std::string("a"), CompressibleBytes(300000, 1), RandomBytes(100000, 2)}) {
    auto z = CompressBlock(codec, data);
    ASSERT_TRUE(z.ok()) << BlockCodecName(codec);
    auto back = DecompressBlock(codec, *z, data.size(), "page 3 of s3://b/f.parquet");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE(*back == data);
    if (!data.empty()) {
      auto wrong = DecompressBlock(codec, *z, data.size() + 1, "page 3 of s3://b/f.parquet");
      EXPECT_EQ(wrong.status().code(), StatusCode::kDataLoss) << BlockCodecName(codec);
      EXPECT_THAT(wrong.status().message(), testing::HasSubstr("page 3 of s3://b/f.parquet"));
    }
  }
}

TEST_P(BlockCodecTest, TruncatedBlockIsDataLoss) {
  if (GetParam() == BlockCodec::kNone) {
    EXPECT_EQ(DecompressBlock(BlockCodec::kNone, "abc", 4).status().code(), StatusCode::kDataLoss);
    return;
  }
  std::string data = CompressibleBytes(10000, 3);
  auto z = CompressBlock(GetParam(), data);
  ASSERT_TRUE(z.ok());
  std::string cut = z->substr(0, z->size() / 2);
  EXPECT_EQ(DecompressBlock(GetParam(), cut, data.size()).status().code(), StatusCode::kDataLoss);
}

INSTANTIATE_TEST_SUITE_P(All, BlockCodecTest,
                         testing::Values(BlockCodec::kNone, BlockCodec::kSnappy, BlockCodec::kGzip,
                                         BlockCodec::kZstd, BlockCodec::kLz4Raw,
                                         BlockCodec::kBrotli),
                         [](const auto& info) { return std::string(BlockCodecName(info.param)); });

}  // namespace
}  // namespace s3c
