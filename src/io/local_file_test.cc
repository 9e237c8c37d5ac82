#include "s3c/io/local_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
