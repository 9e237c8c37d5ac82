#include "s3c/store/store_uri.h"

#include <gtest/gtest.h>

namespace s3c {
namespace {

StoreUri Parse(const std::string& text) {
  auto r = ParseStoreUri(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : StoreUri{};
}

std::string ErrorOf(const std::string& text) {
  auto r = ParseStoreUri(text);
  EXPECT_FALSE(r.ok()) << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << text;
  return r.status().message();
}

TEST(StoreUriTest, S3) {
  StoreUri u = Parse("s3://my-bucket/logs/2024/a b+c%.csv");
  EXPECT_EQ(u.kind, StoreKind::kS3);
  EXPECT_EQ(u.bucket, "my-bucket");
  EXPECT_EQ(u.key, "logs/2024/a b+c%.csv");
  EXPECT_EQ(u.ToString(), "s3://my-bucket/logs/2024/a b+c%.csv");
  EXPECT_EQ(Parse("s3://bkt").key, "");
  EXPECT_EQ(Parse("s3://bkt/").key, "");
  EXPECT_EQ(Parse("s3://bkt//x").key, "/x");
  EXPECT_EQ(Parse("S3://bkt/k").bucket, "bkt");
}

TEST(StoreUriTest, S3Errors) {
  EXPECT_NE(ErrorOf("s3:/bucket/key").find("s3://bucket/key"), std::string::npos);
  EXPECT_NE(ErrorOf("s3:bucket").find("two slashes"), std::string::npos);
  EXPECT_NE(ErrorOf("s3://").find("bucket name is missing"), std::string::npos);
  EXPECT_NE(ErrorOf("s3:///key").find("bucket name is missing"), std::string::npos);
  EXPECT_NE(ErrorOf("s3://ab/k").find("3 to 63"), std::string::npos);
  EXPECT_NE(ErrorOf("s3://my bucket/k").find("may hold only"), std::string::npos);
  EXPECT_NE(ErrorOf("gs://b/k").find("unsupported scheme 'gs'"), std::string::npos);
  EXPECT_NE(ErrorOf("s3a://b/k").find("did you mean s3://"), std::string::npos);
}

TEST(StoreUriTest, FileUris) {
  StoreUri u = Parse("file:///data/in/x.csv");
  EXPECT_EQ(u.kind, StoreKind::kLocal);
  EXPECT_EQ(u.root, "/data/in");
  EXPECT_EQ(u.key, "x.csv");
  EXPECT_EQ(Parse("file://localhost/data/x").root, "/data");
  EXPECT_EQ(Parse("file:/x").root, "/");
  EXPECT_EQ(Parse("file:/x").key, "x");
  EXPECT_EQ(Parse("file:///data/in/").root, "/data/in");
  EXPECT_EQ(Parse("file:///data/in/").key, "");
  EXPECT_NE(ErrorOf("file://server/share/x").find("not host 'server'"), std::string::npos);
  EXPECT_NE(ErrorOf("file:relative").find("absolute path"), std::string::npos);
  EXPECT_NE(ErrorOf("file://").find("path is missing"), std::string::npos);
}

TEST(StoreUriTest, PlainPaths) {
  StoreUri u = Parse("out/part-0.csv");
  EXPECT_EQ(u.kind, StoreKind::kLocal);
  EXPECT_EQ(u.root, "out");
  EXPECT_EQ(u.key, "part-0.csv");
  EXPECT_EQ(u.ToString(), "out/part-0.csv");
  EXPECT_EQ(Parse("x.csv").root, ".");
  EXPECT_EQ(Parse("x.csv").ToString(), "x.csv");
  EXPECT_EQ(Parse("/abs/dir/").root, "/abs/dir");
  EXPECT_EQ(Parse("/abs/dir/").key, "");
  EXPECT_EQ(Parse("/").root, "/");
  EXPECT_EQ(Parse("/").key, "");
  EXPECT_EQ(Parse("..").root, "..");
  EXPECT_EQ(Parse("a/.").root, "a/.");
  EXPECT_EQ(Parse("/top").root, "/");
  EXPECT_EQ(Parse("/top").key, "top");
  EXPECT_EQ(Parse("c:d.csv").key, "c:d.csv");  // a colon in a file name, not a scheme
}

TEST(StoreUriTest, MemoryAndStdio) {
  StoreUri u = Parse("mem://scratch/a/b");
  EXPECT_EQ(u.kind, StoreKind::kMemory);
  EXPECT_EQ(u.bucket, "scratch");
  EXPECT_EQ(u.key, "a/b");
  EXPECT_EQ(Parse("-").kind, StoreKind::kStdio);
  EXPECT_EQ(Parse("-").ToString(), "-");
  EXPECT_NE(ErrorOf("mem://").find("space name is missing"), std::string::npos);
  EXPECT_NE(ErrorOf("mem:/x").find("mem://name/key"), std::string::npos);
  EXPECT_NE(ErrorOf("").find("empty location"), std::string::npos);
}

}  // namespace
}  // namespace s3c
