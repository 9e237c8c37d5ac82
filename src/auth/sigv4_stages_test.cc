// Unit tests of the individual SigV4 stages in sigv4_internal.h.
#include <gtest/gtest.h>

#include "auth/sigv4_internal.h"
#include "s3c/common/strings.h"

namespace s3c::sigv4 {
namespace {

TEST(SplitUrlTest, Parts) {
  auto u = SplitUrl("HTTP://127.0.0.1:7480/bucket/a%20b?x-id=GetObject#frag");
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, "7480");
  EXPECT_EQ(u->path, "/bucket/a%20b");
  EXPECT_EQ(u->query, "x-id=GetObject");
  EXPECT_EQ(HostHeaderValue(*u), "127.0.0.1:7480");

  auto bare = SplitUrl("https://examplebucket.s3.amazonaws.com");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->path, "");
  EXPECT_EQ(bare->query, "");
  EXPECT_EQ(HostHeaderValue(*bare), "examplebucket.s3.amazonaws.com");

  auto query_only = SplitUrl("https://h?acl");
  ASSERT_TRUE(query_only.ok());
  EXPECT_EQ(query_only->path, "");
  EXPECT_EQ(query_only->query, "acl");

  auto v6 = SplitUrl("http://[::1]:9000/b/k");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(HostHeaderValue(*v6), "[::1]:9000");
}

TEST(SplitUrlTest, DefaultPortsAreOmittedFromHost) {
  EXPECT_EQ(HostHeaderValue(*SplitUrl("https://h.example:443/")), "h.example");
  EXPECT_EQ(HostHeaderValue(*SplitUrl("http://h.example:80/")), "h.example");
  EXPECT_EQ(HostHeaderValue(*SplitUrl("http://h.example:443/")), "h.example:443");
  EXPECT_EQ(HostHeaderValue(*SplitUrl("https://h.example:80/")), "h.example:80");
}

TEST(SplitUrlTest, Rejects) {
  EXPECT_EQ(SplitUrl("/no/scheme").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitUrl("http:///path").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitUrl("http://user:pw@host/").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitUrl("http://host:port/").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitUrl("http://[::1/").status().code(), StatusCode::kInvalidArgument);
}

TEST(CanonicalUriTest, S3KeepsTheWirePath) {
  EXPECT_EQ(CanonicalUriS3(""), "/");
  EXPECT_EQ(CanonicalUriS3("/b/a%20b//c/./d/../e"), "/b/a%20b//c/./d/../e");
  EXPECT_EQ(CanonicalUriS3("/b/%E2%82%AC%2B~"), "/b/%E2%82%AC%2B~");
}

TEST(CanonicalUriTest, GenericDoubleEncodes) {
  EXPECT_EQ(CanonicalUriGeneric("/a%20b", false), "/a%2520b");
  EXPECT_EQ(CanonicalUriGeneric("", false), "/");
  EXPECT_EQ(CanonicalUriGeneric("//a//b/", false), "//a//b/");
  EXPECT_EQ(CanonicalUriGeneric("//a//b/", true), "/a/b/");
  EXPECT_EQ(CanonicalUriGeneric("/a b", true), "/a%20b");
}

TEST(NormalizePathTest, DotAndEmptySegments) {
  EXPECT_EQ(NormalizePath(""), "/");
  EXPECT_EQ(NormalizePath("/"), "/");
  EXPECT_EQ(NormalizePath("//"), "/");
  EXPECT_EQ(NormalizePath("/./"), "/");
  EXPECT_EQ(NormalizePath("/./example"), "/example");
  EXPECT_EQ(NormalizePath("/example/.."), "/");
  EXPECT_EQ(NormalizePath("/a/b/.."), "/a/");
  EXPECT_EQ(NormalizePath("/a/b/."), "/a/b/");
  EXPECT_EQ(NormalizePath("/a/../../b"), "/b");
  EXPECT_EQ(NormalizePath("//example//"), "/example/");
  EXPECT_EQ(NormalizePath("/a/.b/..c"), "/a/.b/..c");
}

TEST(CanonicalQueryTest, SortsByNameThenValue) {
  EXPECT_EQ(CanonicalQuery("b=2&a=1&a=0"), "a=0&a=1&b=2");
  EXPECT_EQ(CanonicalQuery("Param2=value2&Param1=value1"), "Param1=value1&Param2=value2");
  // Sorting is on the encoded bytes: '%' < 'P', and "Param" < "Param-3".
  EXPECT_EQ(CanonicalQuery("Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
            "%E1%88%B4=Value1&Param=Value2&Param-3=Value3");
  EXPECT_EQ(CanonicalQuery(""), "");
}

TEST(CanonicalQueryTest, EncodesPerRfc3986) {
  EXPECT_EQ(CanonicalQuery("acl"), "acl=");
  EXPECT_EQ(CanonicalQuery("uploads="), "uploads=");
  EXPECT_EQ(CanonicalQuery("prefix=a/b c&delimiter=/"), "delimiter=%2F&prefix=a%2Fb%20c");
  EXPECT_EQ(CanonicalQuery("prefix=%2f%7e"), "prefix=%2F~");  // re-encoded canonically
  EXPECT_EQ(CanonicalQuery("prefix=a+b"), "prefix=a%2Bb");    // '+' is a literal plus
  EXPECT_EQ(CanonicalQuery("k=%zz"), "k=%25zz");              // bad escape kept verbatim
  EXPECT_EQ(CanonicalQuery("a=1&&b=x=y"), "a=1&b=x%3Dy");
  EXPECT_EQ(CanonicalQuery("-._~=-._~"), "-._~=-._~");
}

TEST(CanonicalHeadersTest, ValuesAndOrder) {
  EXPECT_EQ(CanonicalHeaderValue("  a   b\t c  "), "a b c");
  EXPECT_EQ(CanonicalHeaderValue("value1\n  value2\n     value3"), "value1 value2 value3");
  EXPECT_EQ(CanonicalHeaderValue("\"a   b   c\""), "\"a b c\"");
  EXPECT_EQ(CanonicalHeaderValue(""), "");

  CanonicalHeaders h = MakeCanonicalHeaders({{"X-Amz-Date", "20150830T123600Z"},
                                             {"Host", "example.amazonaws.com"},
                                             {"My-Header1", "value4"},
                                             {"my-header1", " value1 "},
                                             {"My-Header1", "value3"}});
  EXPECT_EQ(h.block,
            "host:example.amazonaws.com\n"
            "my-header1:value4,value1,value3\n"
            "x-amz-date:20150830T123600Z\n");
  EXPECT_EQ(h.signed_headers, "host;my-header1;x-amz-date");
}

TEST(CanonicalHeadersTest, SignableHeaders) {
  EXPECT_TRUE(IsSignableHeader("host"));
  EXPECT_TRUE(IsSignableHeader("range"));
  EXPECT_TRUE(IsSignableHeader("content-md5"));
  EXPECT_TRUE(IsSignableHeader("x-amz-meta-anything"));
  EXPECT_FALSE(IsSignableHeader("authorization"));
  EXPECT_FALSE(IsSignableHeader("user-agent"));
  EXPECT_FALSE(IsSignableHeader("expect"));
  EXPECT_FALSE(IsSignableHeader("x-amzn-trace-id"));
  EXPECT_FALSE(IsSignableHeader("transfer-encoding"));
}

// AWS documentation, "Examples of how to derive a signing key for Signature Version 4":
// secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
TEST(SigningKeyTest, DocumentedDerivation) {
  std::string key = SigningKey(SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "20120215",
                               "us-east-1", "iam");
  EXPECT_EQ(HexEncode(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(StagesTest, ScopeStringToSignAndAuthorization) {
  EXPECT_EQ(CredentialScope("20150830", "us-east-1", "service"),
            "20150830/us-east-1/service/aws4_request");
  CanonicalHeaders h{"host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n",
                     "host;x-amz-date"};
  std::string creq = CanonicalRequest("GET", "/", "", h, kEmptyPayloadSha256);
  EXPECT_EQ(creq,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n" +
                std::string(kEmptyPayloadSha256));
  std::string sts =
      StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", creq);
  EXPECT_EQ(sts,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  std::string key = SigningKey(SecretString("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), "20150830",
                               "us-east-1", "service");
  std::string sig = SignatureHex(key, sts);
  EXPECT_EQ(sig, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  EXPECT_EQ(AuthorizationValue("AKIDEXAMPLE", "20150830/us-east-1/service/aws4_request",
                               "host;x-amz-date", sig),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

}  // namespace
}  // namespace s3c::sigv4
