#include "s3c/io/local_file.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "support/rgw_env.h"

namespace s3c {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(LocalFileTest, OutputPublishesOnlyOnClose) {
  testing::TempDir dir;
  std::string path = dir.path() + "/sub/out.bin";
  auto out = OpenLocalOutput(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->Write("hello ").ok());
  ASSERT_TRUE((*out)->Write("world").ok());
  EXPECT_FALSE(std::filesystem::exists(path));
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_EQ(Slurp(path), "hello world");
}

TEST(LocalFileTest, PositionalWritesFromSeveralThreadsPublishOnClose) {
  testing::TempDir dir;
  std::string path = dir.path() + "/pos.bin";
  auto out = OpenLocalOutput(path);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_TRUE((*out)->SupportsWriteAt());
  std::string want(1 << 20, '\0');
  for (size_t i = 0; i < want.size(); ++i) want[i] = static_cast<char>(i * 31 + 7);
  // Two threads write interleaved 64 KiB blocks, back to front.
  constexpr size_t kBlock = 64 << 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (size_t t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (size_t b = want.size() / kBlock; b-- > 0;) {
        if (b % 2 != t) continue;
        if (!(*out)->WriteAt(b * kBlock, want.data() + b * kBlock, kBlock).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(std::filesystem::exists(path));
  ASSERT_TRUE((*out)->Close().ok());
  EXPECT_TRUE(Slurp(path) == want);
}

TEST(LocalFileTest, StdoutTakesBytesInOrderOnly) {
  auto out = OpenLocalOutput("-");
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE((*out)->SupportsWriteAt());
  EXPECT_FALSE((*out)->WriteAt(0, "x", 1).ok());
}

TEST(LocalFileTest, DestroyedWriterLeavesNothing) {
  testing::TempDir dir;
  std::string path = dir.path() + "/out.bin";
  {
    auto out = OpenLocalOutput(path);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE((*out)->Write("partial").ok());
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(LocalFileTest, RandomAccessAndStreaming) {
  testing::TempDir dir;
  std::string path = dir.path() + "/in.txt";
  std::ofstream(path) << "0123456789";
  auto ra = OpenLocalRandomAccess(path);
  ASSERT_TRUE(ra.ok());
  EXPECT_EQ(*(*ra)->Size(), 10u);
  EXPECT_EQ(*(*ra)->ReadRange(3, 4), "3456");
  EXPECT_EQ(*(*ra)->ReadRange(8, 10), "89");
  auto in = OpenLocalInput(path);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(*(*in)->ReadAll(), "0123456789");
}

TEST(LocalFileTest, MissingFileIsNotFoundWithPath) {
  auto in = OpenLocalInput("/nonexistent/s3c/file");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().code(), StatusCode::kNotFound);
  EXPECT_NE(in.status().message().find("/nonexistent/s3c/file"), std::string::npos);
}

}  // namespace
}  // namespace s3c
