#include "s3/endpoint_resolver.h"

#include <gtest/gtest.h>

namespace s3c::s3 {
namespace {

struct AddressingCase {
  std::string endpoint;
  AddressingStyle style;
  std::string region;
  std::string bucket;
  std::string key;
  std::string want_url;  // "" = error expected
};

TEST(EndpointResolver, AddressingTable) {
  const AddressingCase cases[] = {
      {"", AddressingStyle::kAuto, "eu-west-1", "my-bucket", "a/b.csv",
       "https://my-bucket.s3.eu-west-1.amazonaws.com/a/b.csv"},
      {"", AddressingStyle::kAuto, "us-east-1", "my-bucket", "",
       "https://my-bucket.s3.us-east-1.amazonaws.com/"},
      {"", AddressingStyle::kAuto, "eu-west-1", "my.dotted.bucket", "k",
       "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/k"},
      {"", AddressingStyle::kAuto, "eu-west-1", "Upper_Case", "k",
       "https://s3.eu-west-1.amazonaws.com/Upper_Case/k"},
      {"", AddressingStyle::kPath, "eu-west-1", "my-bucket", "k",
       "https://s3.eu-west-1.amazonaws.com/my-bucket/k"},
      {"", AddressingStyle::kAuto, "cn-north-1", "b-1", "k",
       "https://b-1.s3.cn-north-1.amazonaws.com.cn/k"},
      {"http://127.0.0.1:7480", AddressingStyle::kAuto, "us-east-1", "bucket", "k",
       "http://127.0.0.1:7480/bucket/k"},
      {"http://127.0.0.1:7480/", AddressingStyle::kAuto, "us-east-1", "bucket", "",
       "http://127.0.0.1:7480/bucket"},
      {"https://minio.local:9000", AddressingStyle::kVirtual, "us-east-1", "bucket", "k",
       "https://bucket.minio.local:9000/k"},
      {"", AddressingStyle::kVirtual, "eu-west-1", "my.dotted.bucket", "k",
       "https://my.dotted.bucket.s3.eu-west-1.amazonaws.com/k"},
      {"", AddressingStyle::kVirtual, "eu-west-1", "Bad_Bucket", "k", ""},
      {"", AddressingStyle::kAuto, "eu-west-1", "", "", "https://s3.eu-west-1.amazonaws.com/"},
      {"127.0.0.1:7480", AddressingStyle::kAuto, "us-east-1", "b", "k", ""},
      {"ftp://x", AddressingStyle::kAuto, "us-east-1", "b", "k", ""},
  };
  for (const AddressingCase& c : cases) {
    Result<ResolvedUrl> r = ResolveUrl(c.endpoint, c.style, c.region, c.bucket, c.key, {});
    if (c.want_url.empty()) {
      EXPECT_FALSE(r.ok()) << c.endpoint << " " << c.bucket;
      if (!r.ok()) {
        EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
      }
    } else {
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->url, c.want_url) << c.endpoint << " " << c.bucket;
    }
  }
}

TEST(EndpointResolver, DnsCompatibleBuckets) {
  EXPECT_TRUE(IsDnsCompatibleBucket("abc"));
  EXPECT_TRUE(IsDnsCompatibleBucket("a.b-c.d"));
  EXPECT_FALSE(IsDnsCompatibleBucket("ab"));
  EXPECT_FALSE(IsDnsCompatibleBucket(std::string(64, 'a')));
  EXPECT_FALSE(IsDnsCompatibleBucket("a..b"));
  EXPECT_FALSE(IsDnsCompatibleBucket("a.-b"));
  EXPECT_FALSE(IsDnsCompatibleBucket("-ab"));
  EXPECT_FALSE(IsDnsCompatibleBucket("ab-"));
  EXPECT_FALSE(IsDnsCompatibleBucket("aB"));
  EXPECT_FALSE(IsDnsCompatibleBucket("a_b"));
  EXPECT_FALSE(IsDnsCompatibleBucket("192.168.1.1"));
}

TEST(EndpointResolver, KeyEncodingTable) {
  const std::pair<std::string, std::string> cases[] = {
      {"plain/key.csv", "plain/key.csv"},
      {"with space", "with%20space"},
      {"a+b", "a%2Bb"},
      {"100%", "100%25"},
      {"tilde~ok", "tilde~ok"},
      {"double//slash", "double//slash"},
      {"/leading", "/leading"},
      {"caf\xC3\xA9", "caf%C3%A9"},
      {"q?x=1&y#z", "q%3Fx%3D1%26y%23z"},
      {"star*colon:", "star%2Acolon%3A"},
  };
  for (const auto& [key, want] : cases) EXPECT_EQ(EncodeKey(key), want) << key;
}

TEST(EndpointResolver, QueryAndMessages) {
  EXPECT_EQ(EncodeQuery({{"uploads", ""}}), "uploads");
  EXPECT_EQ(EncodeQuery({{"list-type", "2"}, {"prefix", "a b/c+"}}),
            "list-type=2&prefix=a%20b%2Fc%2B");
  Result<ResolvedUrl> r = ResolveUrl("http://h:1", AddressingStyle::kPath, "r", "b", "k x",
                                     {{"partNumber", "3"}, {"uploadId", "u/1"}});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->url, "http://h:1/b/k%20x?partNumber=3&uploadId=u%2F1");
  EXPECT_FALSE(r->https);
  EXPECT_EQ(UrlForMessages("https://b.s3.x/k?X-Amz-Signature=abc"), "https://b.s3.x/k");
}

}  // namespace
}  // namespace s3c::s3
