// StoreResolver without a server: URI kinds, where local stores are rooted, streams, the store
// cache, bad URIs, and that local work never makes the S3 client.
#include "s3c/store/store_resolver.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "support/rgw_env.h"

namespace s3c {
namespace {

class StoreResolverTest : public ::testing::Test {
 protected:
  StoreResolverTest() {
    // No config files, no keys in the environment, no metadata service.
    env_.Set("HOME", dir_.path());
    env_.Set("AWS_CONFIG_FILE", dir_.path() + "/no-config");
    env_.Set("AWS_SHARED_CREDENTIALS_FILE", dir_.path() + "/no-credentials");
    env_.Set("AWS_EC2_METADATA_DISABLED", "true");
  }
  std::unique_ptr<StoreResolver> Make(StoreResolverOptions o = {}) {
    if (o.s3.endpoint_url.empty()) o.s3.endpoint_url = "http://127.0.0.1:1";
    auto r = StoreResolver::Make(o, env_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : nullptr;
  }
  StoreLocation Resolve(StoreResolver& r, const std::string& uri) {
    auto loc = r.Resolve(uri);
    EXPECT_TRUE(loc.ok()) << uri << ": " << loc.status().ToString();
    return loc.ok() ? *loc : StoreLocation{};
  }

  testing::TempDir dir_;
  MapEnv env_;
};

TEST_F(StoreResolverTest, LocalFileIsAKeyInItsParentFolder) {
  std::filesystem::create_directories(dir_.path() + "/sub");
  std::ofstream(dir_.path() + "/sub/x.csv") << "a\n1\n";
  auto r = Make();
  ASSERT_NE(r, nullptr);
  StoreLocation loc = Resolve(*r, dir_.path() + "/sub/x.csv");
  EXPECT_EQ(loc.kind, StoreKind::kLocal);
  EXPECT_EQ(loc.key, "x.csv");
  EXPECT_FALSE(loc.folder_like);
  ASSERT_NE(loc.store, nullptr);
  EXPECT_EQ(loc.UriOf(loc.key), "file://" + dir_.path() + "/sub/x.csv");
  EXPECT_EQ(loc.store->Stat("x.csv")->size, 4u);
  // A file not yet there (a destination) resolves the same way, into the same store.
  StoreLocation next = Resolve(*r, "file://" + dir_.path() + "/sub/y.csv");
  EXPECT_EQ(next.key, "y.csv");
  EXPECT_EQ(next.store, loc.store);
}

TEST_F(StoreResolverTest, FolderWithOrWithoutTrailingSlashIsItsOwnRoot) {
  std::filesystem::create_directories(dir_.path() + "/data");
  std::ofstream(dir_.path() + "/data/a.csv") << "x\n";
  auto r = Make();
  ASSERT_NE(r, nullptr);
  StoreLocation with = Resolve(*r, dir_.path() + "/data/");
  StoreLocation without = Resolve(*r, dir_.path() + "/data");
  for (const StoreLocation* loc : {&with, &without}) {
    EXPECT_EQ(loc->kind, StoreKind::kLocal) << loc->uri;
    EXPECT_EQ(loc->key, "") << loc->uri;
    EXPECT_TRUE(loc->folder_like) << loc->uri;
    ASSERT_NE(loc->store, nullptr);
    EXPECT_TRUE(loc->store->Stat("a.csv").ok()) << loc->uri;  // rooted inside the folder
  }
  // A name that is not an existing folder stays a key of its parent.
  StoreLocation file = Resolve(*r, dir_.path() + "/data2");
  EXPECT_EQ(file.key, "data2");
  EXPECT_FALSE(file.folder_like);
}

TEST_F(StoreResolverTest, DevicesFifosAndDashAreStreams) {
  std::string fifo = dir_.path() + "/pipe";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto r = Make();
  ASSERT_NE(r, nullptr);
  for (const std::string& uri : {std::string("/dev/null"), fifo}) {
    StoreLocation loc = Resolve(*r, uri);
    EXPECT_EQ(loc.kind, StoreKind::kStdio) << uri;
    EXPECT_TRUE(loc.is_stdio()) << uri;
    EXPECT_EQ(loc.stream_path, uri);
    EXPECT_EQ(loc.store, nullptr) << uri;
    EXPECT_EQ(loc.UriOf("ignored"), uri);
  }
  StoreLocation dash = Resolve(*r, "-");
  EXPECT_TRUE(dash.is_stdio());
  EXPECT_EQ(dash.stream_path, "-");
  EXPECT_EQ(dash.store, nullptr);
}

TEST_F(StoreResolverTest, MemorySpacesAreSharedByNameOnly) {
  auto r = Make();
  ASSERT_NE(r, nullptr);
  StoreLocation a = Resolve(*r, "mem://space/k");
  EXPECT_EQ(a.kind, StoreKind::kMemory);
  EXPECT_EQ(a.bucket, "space");
  EXPECT_EQ(a.key, "k");
  ASSERT_NE(a.store, nullptr);
  ASSERT_TRUE(a.store->Put("k", "v").ok());
  StoreLocation again = Resolve(*r, "mem://space/");
  EXPECT_EQ(again.store, a.store);
  EXPECT_TRUE(again.folder_like);
  EXPECT_EQ(again.store->Stat("k")->size, 1u);
  EXPECT_EQ(again.UriOf("k"), "mem://space/k");
  StoreLocation other = Resolve(*r, "mem://other/k");
  EXPECT_NE(other.store, a.store);
  EXPECT_EQ(other.store->Stat("k").status().code(), StatusCode::kNotFound);
}

TEST_F(StoreResolverTest, OneStorePerBucketAndNoRequestToResolve) {
  StoreResolverOptions o;
  o.s3.url_style = "path";
  o.s3.access_key_id = "AKIDEXAMPLE";
  o.s3.secret_access_key = SecretString("secret");
  auto r = Make(o);
  ASSERT_NE(r, nullptr);
  StoreLocation a = Resolve(*r, "s3://bucket/dir/a.csv");
  StoreLocation b = Resolve(*r, "s3://bucket/dir/");
  StoreLocation c = Resolve(*r, "s3://other");
  EXPECT_TRUE(a.is_s3());
  EXPECT_EQ(a.bucket, "bucket");
  EXPECT_EQ(a.key, "dir/a.csv");
  EXPECT_FALSE(a.folder_like);
  EXPECT_TRUE(b.folder_like);
  EXPECT_TRUE(c.folder_like);  // a bucket root
  EXPECT_EQ(a.store, b.store);
  EXPECT_NE(a.store, c.store);
  EXPECT_EQ(a.UriOf("x"), "s3://bucket/x");
  EXPECT_EQ(r->RequestStatistics().total_requests, 0u);
}

TEST_F(StoreResolverTest, BadUrisAreInvalidArgument) {
  auto r = Make();
  ASSERT_NE(r, nullptr);
  for (const char* uri : {"", "s3://", "s3:/bucket", "gs://b/k", "mem://", "file://host/x"}) {
    auto loc = r->Resolve(uri);
    EXPECT_EQ(loc.status().code(), StatusCode::kInvalidArgument) << "'" << uri << "'";
  }
}

TEST_F(StoreResolverTest, LocalWorkNeverMakesTheS3Client) {
  // Virtual-hosted addressing on an IP endpoint fails when the S3 client is made: local and
  // memory URIs must not get that far.
  StoreResolverOptions o;
  o.s3.url_style = "virtual";
  auto r = Make(o);
  ASSERT_NE(r, nullptr);
  EXPECT_TRUE(r->Resolve(dir_.path() + "/x.csv").ok());
  EXPECT_TRUE(r->Resolve("mem://m/x").ok());
  EXPECT_EQ(r->Resolve("s3://bucket/x").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r->CreateBucket("bucket").code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreResolverTest, MissingExplicitProfileFailsAtMake) {
  StoreResolverOptions o;
  o.s3.profile = "no-such-profile";
  EXPECT_EQ(StoreResolver::Make(o, env_).status().code(), StatusCode::kInvalidArgument);
}

TEST(StoreRequestStatsTest, AddingSumsEveryCountAndOperation) {
  StoreRequestStats a;
  a.requests = {{"GetObject", 3}, {"ListObjectsV2", 1}};
  a.total_requests = 4;
  a.retries = 1;
  a.bytes_downloaded = 100;
  StoreRequestStats b;
  b.requests = {{"GetObject", 2}, {"PutObject", 5}};
  b.total_requests = 7;
  b.bytes_uploaded = 50;
  a += b;
  EXPECT_EQ(a.requests, (std::map<std::string, uint64_t>{
                            {"GetObject", 5}, {"ListObjectsV2", 1}, {"PutObject", 5}}));
  EXPECT_EQ(a.total_requests, 11u);
  EXPECT_EQ(a.retries, 1u);
  EXPECT_EQ(a.bytes_downloaded, 100u);
  EXPECT_EQ(a.bytes_uploaded, 50u);
}

}  // namespace
}  // namespace s3c
