// StoreResolver against the loopback RGW server: explicit static keys are the ones used (the
// environment has none), requests are counted, buckets are created.
#include <gtest/gtest.h>

#include "s3c/store/store_resolver.h"
#include "support/rgw_stack.h"

namespace s3c {
namespace {

std::unique_ptr<StoreResolver> MakeResolver(const StoreResolverOptions& o) {
  auto r = StoreResolver::Make(o, testing::IsolatedAwsEnv());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

TEST(StoreResolverRgwTest, StaticKeysAreTheOnesSent) {
  S3C_REQUIRE_RGW(rgw);
  StoreResolverOptions o;
  o.s3 = testing::RgwStackOptions(rgw);
  auto r = MakeResolver(o);
  ASSERT_NE(r, nullptr);
  std::string key = testing::UniqueName("resolver") + "/k.txt";
  auto loc = r->Resolve("s3://" + rgw.bucket + "/" + key);
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  ASSERT_TRUE(loc->store->Put(key, "hello").ok());
  EXPECT_EQ(loc->store->Stat(key)->size, 5u);
  StoreRequestStats stats = r->RequestStatistics();
  EXPECT_EQ(stats.requests["PutObject"], 1u);
  EXPECT_EQ(stats.requests["HeadObject"], 1u);
  EXPECT_EQ(stats.total_requests, 2u);
  EXPECT_EQ(stats.bytes_uploaded, 5u);
  ASSERT_TRUE(loc->store->Delete(key).ok());

  // Another secret with the same key id: the server refuses the signature, so these keys (and
  // no others from anywhere) were used.
  StoreResolverOptions wrong = o;
  wrong.s3.secret_access_key = SecretString("not-the-secret");
  wrong.s3.max_attempts = 1;
  auto bad = MakeResolver(wrong);
  ASSERT_NE(bad, nullptr);
  auto bad_loc = bad->Resolve("s3://" + rgw.bucket + "/" + key);
  ASSERT_TRUE(bad_loc.ok()) << bad_loc.status().ToString();
  Status refused = bad_loc->store->Put(key, "x").status();
  EXPECT_TRUE(refused.code() == StatusCode::kPermissionDenied ||
              refused.code() == StatusCode::kUnauthenticated)
      << refused.ToString();
}

TEST(StoreResolverRgwTest, CreateBucketMakesAWritableBucket) {
  S3C_REQUIRE_RGW(rgw);
  StoreResolverOptions o;
  o.s3 = testing::RgwStackOptions(rgw);
  auto r = MakeResolver(o);
  ASSERT_NE(r, nullptr);
  std::string bucket = testing::UniqueName("mb");
  Status made = r->CreateBucket(bucket);
  ASSERT_TRUE(made.ok()) << made.ToString();
  auto loc = r->Resolve("s3://" + bucket + "/");
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  ASSERT_TRUE(loc->store->Put("k", "v").ok());
  EXPECT_EQ(loc->store->Stat("k")->size, 1u);
  EXPECT_TRUE(loc->store->Delete("k").ok());
  EXPECT_EQ(r->RequestStatistics().requests["CreateBucket"], 1u);
}

}  // namespace
}  // namespace s3c
