// Compressors keep the commit-on-Close contract of the stream they wrap.
#include <gtest/gtest.h>

#include "codec/codec_test_util.h"
#include "s3c/codec/codec.h"

namespace s3c {
namespace {

using codec_testing::RecordingOutputStream;
using codec_testing::SinkLog;

class CompressorAbortTest : public testing::TestWithParam<Codec> {};

TEST_P(CompressorAbortTest, DestroyedBeforeCloseAbortsTheInnerStream) {
  SinkLog log;
  {
    auto c = OpenCompressor(std::make_unique<RecordingOutputStream>(&log), GetParam());
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->Write(std::string(100000, 'x')).ok());
  }
  EXPECT_EQ(log.aborts, 1);
  EXPECT_EQ(log.closes, 0);
}

TEST_P(CompressorAbortTest, CloseFinishesThenClosesAndLaterWritesFail) {
  SinkLog log;
  auto c = OpenCompressor(std::make_unique<RecordingOutputStream>(&log), GetParam());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Write(std::string("abc")).ok());
  ASSERT_TRUE((*c)->Close().ok());
  EXPECT_EQ(log.closes, 1);
  EXPECT_EQ(Decompress(GetParam(), log.data).value_or(""), "abc");
  EXPECT_EQ((*c)->Write(std::string("more")).code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE((*c)->Close().ok());
  c->reset();
  EXPECT_EQ(log.closes, 1);
  EXPECT_EQ(log.aborts, 0);
}

TEST_P(CompressorAbortTest, ExplicitAbortAbortsOnceMoreOnDestructionAtMost) {
  SinkLog log;
  auto c = OpenCompressor(std::make_unique<RecordingOutputStream>(&log), GetParam());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE((*c)->Write(std::string("abc")).ok());
  (*c)->Abort();
  EXPECT_EQ(log.aborts, 1);
  EXPECT_EQ((*c)->Close().code(), StatusCode::kAborted);
  c->reset();
  EXPECT_EQ(log.closes, 0);
  EXPECT_GE(log.aborts, 1);
}

INSTANTIATE_TEST_SUITE_P(AllCodecs, CompressorAbortTest,
                         testing::ValuesIn(codec_testing::kStreamCodecs),
                         [](const auto& info) { return std::string(CodecName(info.param)); });

TEST(CompressorAbortTest, ZipWritingIsRejectedAndAbortsTheInnerStream) {
  SinkLog log;
  auto c = OpenCompressor(std::make_unique<RecordingOutputStream>(&log), Codec::kZip);
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log.aborts, 1);
}

}  // namespace
}  // namespace s3c
