// Concatenated members, frames and streams are all read; external tools' output is readable.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "codec/codec_test_util.h"
#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"
#include "support/host_program.h"

namespace s3c {
namespace {

using codec_testing::CompressibleBytes;
using codec_testing::RandomBytes;
using codec_testing::TrickleInputStream;

TEST(MultiMemberTest, ConcatenatedCompressionsDecodeToTheConcatenatedData) {
  std::string a = CompressibleBytes(300000, 1), b = RandomBytes(70001, 2), c = "tail\n";
  for (Codec codec : codec_testing::kStreamCodecs) {
    auto za = Compress(codec, a), zb = Compress(codec, b), zc = Compress(codec, c);
    ASSERT_TRUE(za.ok() && zb.ok() && zc.ok());
    std::string joined = *za + *zb + *zc;
    for (bool trickle : {false, true}) {
      std::unique_ptr<InputStream> src =
          trickle ? std::unique_ptr<InputStream>(new TrickleInputStream(joined, 3))
                  : MakeStringInput(joined);
      auto dec = OpenDecompressor(std::move(src), codec, codec_testing::Named("multi"));
      ASSERT_TRUE(dec.ok());
      auto out = (*dec)->ReadAll();
      ASSERT_TRUE(out.ok()) << CodecName(codec) << ": " << out.status().ToString();
      EXPECT_TRUE(*out == a + b + c) << CodecName(codec) << " trickle " << trickle;
    }
  }
}

TEST(MultiMemberTest, ZlibFallbackReadsMultiMemberGzip) {
  auto z1 = Compress(Codec::kGzip, "first\n", codec_testing::Level(6));
  auto z2 = Compress(Codec::kGzip, "second\n", codec_testing::Level(1));
  ASSERT_TRUE(z1.ok() && z2.ok());
  EXPECT_EQ(Decompress(Codec::kGzip, *z1 + *z2, codec_testing::Named("", true)).value_or(""),
            "first\nsecond\n");
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// Runs an external compressor on data; empty when it fails.
std::string External(const std::string& command, const std::string& data) {
  std::string dir = ::testing::TempDir();
  std::string in = dir + "/codec_ext_in", out = dir + "/codec_ext_out";
  std::ofstream(in, std::ios::binary) << data;
  std::string cmd = command + " < " + in + " > " + out;
  if (std::system(cmd.c_str()) != 0) return "";
  return ReadFile(out);
}

TEST(MultiMemberTest, ReadsWhatTheCommandLineToolsWrite) {
  std::string a = CompressibleBytes(150000, 9), b = RandomBytes(4000, 9);
  struct Tool {
    Codec codec;
    std::string binary, command;
  };
  int ran = 0;
  for (const Tool& t : {Tool{Codec::kGzip, "gzip", "gzip -c -6"},
                        {Codec::kBzip2, "bzip2", "bzip2 -c"},
                        {Codec::kXz, "xz", "xz -c"},
                        {Codec::kZstd, "zstd", "zstd -q -c"},
                        {Codec::kLz4, "lz4", "lz4 -q -c"}}) {
    // Missing: a failure under S3C_REQUIRE_TOOLS=1 (bootstrap installs them all), else skipped.
    if (!testing::RequireProgram(t.binary)) {
      std::printf("skipping %s: %s\n", t.binary.c_str(),
                  testing::ProgramMissingReason(t.binary).c_str());
      continue;
    }
    std::string za = External(t.command, a), zb = External(t.command, b);
    ASSERT_FALSE(za.empty() || zb.empty()) << t.command << " failed";
    ++ran;
    EXPECT_EQ(DetectCodec(za, ""), t.codec);
    auto out = Decompress(t.codec, za + zb, codec_testing::Named(t.binary));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_TRUE(*out == a + b) << t.binary;
  }
  // gzip -N stores the file name in the header (FNAME); also read with the zlib fallback.
  if (testing::RequireProgram("gzip")) {
    std::string path = ::testing::TempDir() + "/named_file.txt";
    std::ofstream(path, std::ios::binary) << a;
    ASSERT_EQ(std::system(("gzip -f -N -k " + path).c_str()), 0);
    std::string z = ReadFile(path + ".gz");
    ASSERT_TRUE(static_cast<uint8_t>(z[3]) & 0x08);
    for (bool use_zlib : {false, true}) {
      EXPECT_TRUE(
          Decompress(Codec::kGzip, z + z, codec_testing::Named("", use_zlib)).value_or("") ==
          a + a);
    }
    // And gzip reads what we write, including two members.
    auto ours = Compress(Codec::kGzip, a);
    ASSERT_TRUE(ours.ok());
    EXPECT_TRUE(External("gzip -d -c", *ours + *ours) == a + a);
  }
  std::printf("checked %d command-line tools\n", ran);
}

}  // namespace
}  // namespace s3c
