// S3 signing: the published AWS S3 examples, S3 object keys, payload modes, session tokens,
// re-signing, anonymous requests and presigned URLs.
#include <gtest/gtest.h>

#include "auth/sigv4_internal.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c {
namespace {

using sigv4::SignOptions;

// The example credentials of the S3 API reference (sig-v4-header-based-auth.html and
// sigv4-query-string-auth.html), all at 20130524T000000Z in us-east-1.
Credentials DocCreds() {
  Credentials c;
  c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  c.secret_access_key = SecretString("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  c.provider = "test";
  return c;
}

SigningParams DocParams(std::string payload_hash = "") {
  SigningParams p;
  p.region = "us-east-1";
  p.service = "s3";
  p.time = *ParseAmzDate("20130524T000000Z");
  p.payload_hash = std::move(payload_hash);
  return p;
}

// A body that fails if anything reads it (proves UNSIGNED-PAYLOAD does not hash the body).
class UnreadableBody : public BodySource {
 public:
  uint64_t size() const override { return 5; }
  Result<size_t> Read(char*, size_t) override { return Status(StatusCode::kInternal, "read"); }
  Status Rewind() override { return Status(StatusCode::kInternal, "rewind"); }
};

TEST(S3DocExamplesTest, GetObjectWithRange) {
  HttpRequest req;
  req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  req.headers.Set("Range", "bytes=0-9");
  auto st = sigv4::SignRequestStages(req, DocCreds(), DocParams(), SignOptions{});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(
      st->canonical_request,
      "GET\n/test.txt\n\n"
      "host:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n\n"
      "host;range;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(st->string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(st->signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(req.headers.Get("Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(req.headers.Get("Host"), "examplebucket.s3.amazonaws.com");
  EXPECT_EQ(req.headers.Get("x-amz-date"), "20130524T000000Z");
}

TEST(S3DocExamplesTest, PutObjectWithSignedPayload) {
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://examplebucket.s3.amazonaws.com/test%24file.text";
  req.headers.Set("Date", "Fri, 24 May 2013 00:00:00 GMT");
  req.headers.Set("x-amz-storage-class", "REDUCED_REDUNDANCY");
  req.body = MakeBufferBody(std::string("Welcome to Amazon S3."));
  auto st = sigv4::SignRequestStages(req, DocCreds(), DocParams(), SignOptions{});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(req.headers.Get("x-amz-content-sha256"),
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(st->signed_headers, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  EXPECT_EQ(st->signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
  // The body was rewound after hashing: the transport reads it from the start.
  std::string again(64, '\0');
  auto n = req.body->Read(again.data(), again.size());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(again.substr(0, *n), "Welcome to Amazon S3.");
}

TEST(S3DocExamplesTest, GetBucketLifecycleAndListObjects) {
  HttpRequest lifecycle;
  lifecycle.url = "https://examplebucket.s3.amazonaws.com/?lifecycle";
  auto a = sigv4::SignRequestStages(lifecycle, DocCreds(), DocParams(), SignOptions{});
  ASSERT_TRUE(a.ok());
  EXPECT_NE(a->canonical_request.find("GET\n/\nlifecycle=\n"), std::string::npos);
  EXPECT_EQ(a->signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");

  HttpRequest list;
  list.url = "https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J";
  auto b = sigv4::SignRequestStages(list, DocCreds(), DocParams(), SignOptions{});
  ASSERT_TRUE(b.ok());
  EXPECT_NE(b->canonical_request.find("GET\n/\nmax-keys=2&prefix=J\n"), std::string::npos);
  EXPECT_EQ(b->signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(S3DocExamplesTest, PresignedGetObject) {
  HttpRequest req;
  req.url = "https://examplebucket.s3.amazonaws.com/test.txt";
  auto p =
      sigv4::PresignStages(req, DocCreds(), DocParams(), std::chrono::hours(24), SignOptions{});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->stages.canonical_request,
            "GET\n/test.txt\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
            "X-Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
  EXPECT_EQ(p->stages.signature,
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  auto url = PresignUrl(req, DocCreds(), DocParams(), std::chrono::hours(24));
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&"
            "X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=86400&"
            "X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_TRUE(req.headers.empty());
}

// A key with every awkward character S3 allows: its wire form (encoded once by the caller) is
// the canonical URI, byte for byte. Expected values were computed from the spec by an
// independent implementation (Python hashlib/hmac/urllib).
TEST(S3KeysTest, AwkwardKeyIsSignedAsSentOnTheWire) {
  std::string key =
      "dir one/\xC3\xBCn\xC3\xAF c\xC3\xB6"
      "d\xC3\xA9+plus%pct~tilde//double=eq&amp.txt";
  std::string wire = "/testbucket/" + UriEncode(key, /*keep_slash=*/true);
  EXPECT_EQ(wire,
            "/testbucket/dir%20one/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9%2Bplus%25pct~tilde//"
            "double%3Deq%26amp.txt");
  HttpRequest req;
  req.method = "PUT";
  req.url = "http://127.0.0.1:7480" + wire + "?x-id=PutObject";
  req.headers.Set("Content-Type", "text/plain");
  req.headers.Set("User-Agent", "s3c-test");  // not signed
  req.body = MakeBufferBody(std::string("hello"));
  Credentials creds;
  creds.access_key_id = "TESTACCESSKEY0000001";
  creds.secret_access_key = SecretString("testsecretkey0000000000000000000000000001");
  SigningParams params;
  params.region = "us-east-1";
  params.time = *ParseAmzDate("20240102T030405Z");
  auto st = sigv4::SignRequestStages(req, creds, params, SignOptions{});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(
      st->canonical_request,
      "PUT\n" + wire + "\nx-id=PutObject\n" +
          "content-type:text/plain\nhost:127.0.0.1:7480\n"
          "x-amz-content-sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\n"
          "x-amz-date:20240102T030405Z\n\n"
          "content-type;host;x-amz-content-sha256;x-amz-date\n"
          "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(st->signature, "6fbf5ff866e58fe1b45fade5c2ee8dfdbd840b12eb7f17310d69f66298b881c6");
  EXPECT_EQ(req.headers.Get("Host"), "127.0.0.1:7480");
}

TEST(S3KeysTest, PathIsNeitherNormalizedNorDoubleEncoded) {
  for (std::string path : {"/b/a%20b", "/b//x//", "/b/./x/../y", "/b/%7E%2b"}) {
    HttpRequest req;
    req.url = "https://h.example" + path;
    auto st = sigv4::SignRequestStages(req, DocCreds(), DocParams(kUnsignedPayload), SignOptions{});
    ASSERT_TRUE(st.ok());
    EXPECT_EQ(st->canonical_request.substr(0, 4 + path.size() + 1), "GET\n" + path + "\n") << path;
  }
}

TEST(S3PayloadTest, UnsignedPayloadDoesNotReadTheBody) {
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://h.example/b/k";
  req.body = std::make_shared<UnreadableBody>();
  auto st = sigv4::SignRequestStages(req, DocCreds(), DocParams(kUnsignedPayload), SignOptions{});
  ASSERT_TRUE(st.ok()) << st.status().ToString();
  EXPECT_EQ(req.headers.Get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_TRUE(EndsWith(st->canonical_request, "\nUNSIGNED-PAYLOAD"));
}

TEST(S3PayloadTest, BodyReadErrorsAreReturned) {
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://h.example/b/k";
  req.body = std::make_shared<UnreadableBody>();
  Status s = SignRequest(req, DocCreds(), DocParams());
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_EQ(req.headers.Find("Authorization"), nullptr);
}

TEST(S3PayloadTest, GivenHashIsUsedVerbatim) {
  HttpRequest req;
  req.method = "PUT";
  req.url = "https://h.example/b/k";
  req.body = MakeBufferBody(std::string("ignored"));
  std::string hash(64, 'a');
  ASSERT_TRUE(SignRequest(req, DocCreds(), DocParams(hash)).ok());
  EXPECT_EQ(req.headers.Get("x-amz-content-sha256"), hash);
}

TEST(S3SessionTokenTest, TokenIsSentAndSignedThenDroppedOnResign) {
  Credentials creds = DocCreds();
  creds.session_token = SecretString("FQoGZXIvYXdzEXAMPLETOKEN//+=");
  HttpRequest req;
  req.url = "https://h.example/b/k";
  auto st = sigv4::SignRequestStages(req, creds, DocParams(), SignOptions{});
  ASSERT_TRUE(st.ok());
  EXPECT_EQ(req.headers.Get("X-Amz-Security-Token"), "FQoGZXIvYXdzEXAMPLETOKEN//+=");
  EXPECT_EQ(st->signed_headers, "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");

  // Re-signing with long-term keys and a later time replaces every signing header.
  SigningParams later = DocParams();
  later.time += std::chrono::minutes(5);
  ASSERT_TRUE(SignRequest(req, DocCreds(), later).ok());
  EXPECT_EQ(req.headers.Find("X-Amz-Security-Token"), nullptr);
  EXPECT_EQ(req.headers.Get("X-Amz-Date"), "20130524T000500Z");
  int authorizations = 0;
  for (const auto& [n, v] : req.headers.entries()) authorizations += IEquals(n, "authorization");
  EXPECT_EQ(authorizations, 1);
  EXPECT_NE(req.headers.Get("Authorization")
                .find("SignedHeaders=host;x-amz-content-sha256;"
                      "x-amz-date, "),
            std::string::npos);
}

TEST(S3AnonymousTest, RequestIsLeftUntouched) {
  HttpRequest req;
  req.url = "https://h.example/b/k";
  req.headers.Set("Range", "bytes=0-1");
  ASSERT_TRUE(SignRequest(req, Credentials::Anonymous(), DocParams()).ok());
  ASSERT_EQ(req.headers.entries().size(), 1u);
  EXPECT_EQ(req.headers.entries()[0].first, "Range");
  auto url = PresignUrl(req, Credentials::Anonymous(), DocParams(), std::chrono::seconds(60));
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(*url, "https://h.example/b/k");
}

TEST(S3ErrorsTest, MissingKeysOrRegionAreInvalidArgumentWithoutSecrets) {
  HttpRequest req;
  req.url = "https://h.example/b/k";
  Credentials no_id = DocCreds();
  no_id.access_key_id.clear();
  Status s = SignRequest(req, no_id, DocParams());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message().find("wJalrXUtnFEMI"), std::string::npos);
  SigningParams no_region = DocParams();
  no_region.region.clear();
  EXPECT_EQ(SignRequest(req, DocCreds(), no_region).code(), StatusCode::kInvalidArgument);
  req.url = "not a url";
  EXPECT_EQ(SignRequest(req, DocCreds(), DocParams()).code(), StatusCode::kInvalidArgument);
}

TEST(S3PresignTest, ExpiryBounds) {
  HttpRequest req;
  req.url = "https://h.example/b/k";
  for (auto bad : {std::chrono::seconds(0), std::chrono::seconds(-5),
                   std::chrono::seconds(7 * 24 * 3600 + 1)}) {
    auto r = PresignUrl(req, DocCreds(), DocParams(), bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad.count();
  }
  auto one = PresignUrl(req, DocCreds(), DocParams(), std::chrono::seconds(1));
  ASSERT_TRUE(one.ok());
  EXPECT_NE(one->find("&X-Amz-Expires=1&"), std::string::npos);
  auto week = PresignUrl(req, DocCreds(), DocParams(), std::chrono::hours(24 * 7));
  ASSERT_TRUE(week.ok());
  EXPECT_NE(week->find("&X-Amz-Expires=604800&"), std::string::npos);
}

TEST(S3PresignTest, ExistingQueryAndSessionToken) {
  Credentials creds = DocCreds();
  creds.session_token = SecretString("tok/en+=");
  HttpRequest req;
  req.url = "https://h.example/b/a%20b?versionId=v1";
  auto p = sigv4::PresignStages(req, creds, DocParams(), std::chrono::seconds(60), SignOptions{});
  ASSERT_TRUE(p.ok());
  EXPECT_NE(p->stages.canonical_request.find(
                "&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host&versionId=v1\n"),
            std::string::npos);
  EXPECT_TRUE(StartsWith(p->url, "https://h.example/b/a%20b?versionId=v1&X-Amz-Algorithm="));
  EXPECT_NE(p->url.find("&X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature="),
            std::string::npos);
}

}  // namespace
}  // namespace s3c
