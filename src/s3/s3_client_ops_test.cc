// Put, multipart, copy, delete, bucket and list operations against a scripted transport.
#include <gtest/gtest.h>

#include "s3/testing/s3_client_fixture.h"
#include "s3c/auth/crypto.h"
#include "s3c/common/strings.h"

namespace s3c::s3::testing {
namespace {

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(S3ClientTest, PutObjectOverHttpSignsThePayloadInsteadOfContentMd5) {
  auto client = MakeClient();
  http.Push(Xml(200, "", {{"ETag", "\"5d41402abc4b2a76b9719d911017c592\""}}));
  PutOptions o;
  o.if_none_match = true;
  o.content_type = "text/plain";
  Result<std::string> etag = client->PutObject("b", "k", MakeBufferBody("hello"), o);
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  EXPECT_EQ(*etag, "5d41402abc4b2a76b9719d911017c592");
  RecordedRequest r = http.requests()[0];
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.body, "hello");
  // The signed SHA-256 is the server-verified digest; Content-MD5 would hash the body again.
  EXPECT_EQ(r.headers.Find("Content-MD5"), nullptr);
  EXPECT_EQ(r.headers.Get("If-None-Match"), "*");
  EXPECT_EQ(r.headers.Get("Content-Type"), "text/plain");
  EXPECT_EQ(r.headers.Get("x-amz-content-sha256"),
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(r.headers.Find("x-amz-checksum-crc32c"), nullptr);
  EXPECT_EQ(stats.Snapshot().bytes_uploaded, 5u);
}

TEST_F(S3ClientTest, PutObjectOverHttpsIsUnsignedPayloadWithCrc32c) {
  S3ClientOptions o;
  o.endpoint_url = "https://s3.test";
  o.checksum = ChecksumMode::kCrc32c;
  auto client = MakeClient(o);
  http.Push(Xml(200, "", {{"ETag", "\"x\""}}));
  ASSERT_TRUE(client->PutObject("b", "k", MakeBufferBody("hello")).ok());
  RecordedRequest r = http.requests()[0];
  EXPECT_EQ(r.headers.Get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(r.headers.Get("x-amz-checksum-crc32c"), Crc32cHeaderValue(Crc32c("hello", 5)));
  EXPECT_EQ(r.headers.Get("x-amz-checksum-crc32c"), "mnG7TA==");
  EXPECT_EQ(r.headers.Find("Content-MD5"), nullptr);
}

TEST_F(S3ClientTest, PutObjectOverHttpsCarriesContentMd5WithUnsignedPayload) {
  S3ClientOptions o;
  o.endpoint_url = "https://s3.test";
  auto client = MakeClient(o);  // default checksum: kMd5
  http.Push(Xml(200, "", {{"ETag", "\"x\""}}));
  ASSERT_TRUE(client->PutObject("b", "k", MakeBufferBody("hello")).ok());
  RecordedRequest r = http.requests()[0];
  EXPECT_EQ(r.headers.Get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(r.headers.Get("Content-MD5"), "XUFAKrxLKna5cZ2REBfFkg==");
}

TEST_F(S3ClientTest, PutObjectConditionalFailures) {
  S3ClientOptions o;
  o.checksum = ChecksumMode::kWhenRequired;
  auto client = MakeClient(o);
  http.Push(ErrorReply(412, "PreconditionFailed"));
  PutOptions p;
  p.if_match = "old";
  Result<std::string> r = client->PutObject("b", "k", MakeBufferBody("x"), p);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  // Custom (S3-compatible) endpoint: bare ETag, as RGW compares it raw on writes.
  EXPECT_EQ(http.requests()[0].headers.Get("If-Match"), "old");
  EXPECT_EQ(http.requests()[0].headers.Find("Content-MD5"), nullptr);
  http.Push(ErrorReply(409, "ConditionalRequestConflict"));
  EXPECT_EQ(client->PutObject("b", "k", MakeBufferBody("x"), p).status().code(),
            StatusCode::kAborted);
  EXPECT_EQ(Count("PutObject"), 2u);
}

TEST_F(S3ClientTest, MultipartUploadFlow) {
  auto client = MakeClient();
  http.Push(Xml(200,
                "<InitiateMultipartUploadResult><UploadId>up/1</UploadId>"
                "</InitiateMultipartUploadResult>"));
  http.Push(Xml(200, "", {{"ETag", "\"p1\""}}));
  http.Push(Xml(204, ""));
  Result<std::string> id = client->CreateMultipartUpload("b", "k", {});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "up/1");
  Result<CompletedPart> part = client->UploadPart("b", "k", *id, 1, MakeBufferBody("abc"));
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(part->part_number, 1);
  EXPECT_EQ(part->etag, "p1");
  EXPECT_EQ(part->checksum_crc32c, "");  // default kMd5: no CRC32C sent
  ASSERT_TRUE(client->AbortMultipartUpload("b", "k", *id).ok());
  std::vector<RecordedRequest> reqs = http.requests();
  EXPECT_EQ(reqs[0].method, "POST");
  EXPECT_EQ(reqs[0].url, "http://s3.test:9000/b/k?uploads");
  EXPECT_EQ(reqs[1].url, "http://s3.test:9000/b/k?partNumber=1&uploadId=up%2F1");
  EXPECT_EQ(reqs[1].headers.Find("Content-MD5"), nullptr);
  EXPECT_EQ(reqs[1].headers.Get("x-amz-content-sha256"), HexEncode(Sha256("abc")));
  EXPECT_EQ(reqs[2].method, "DELETE");
  EXPECT_EQ(reqs[2].url, "http://s3.test:9000/b/k?uploadId=up%2F1");
  EXPECT_EQ(client->UploadPart("b", "k", "u", 0, MakeBufferBody("a")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(client->UploadPart("b", "k", "u", 10001, MakeBufferBody("a")).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(http.request_count(), 3u);
  EXPECT_EQ(Count("CreateMultipartUpload"), 1u);
  EXPECT_EQ(Count("UploadPart"), 1u);
  EXPECT_EQ(Count("AbortMultipartUpload"), 1u);
}

TEST_F(S3ClientTest, Crc32cUploadPartRefusesADifferentEcho) {
  S3ClientOptions o;
  o.checksum = ChecksumMode::kCrc32c;
  auto client = MakeClient(o);
  http.Push(Xml(200, "", {{"ETag", "\"p1\""}, {"x-amz-checksum-crc32c", "AAAAAA=="}}));
  Result<CompletedPart> part = client->UploadPart("b", "k", "u", 1, MakeBufferBody("hello"));
  EXPECT_EQ(part.status().code(), StatusCode::kDataLoss) << part.status().ToString();
  EXPECT_TRUE(Has(part.status().ToString(), "UploadPart s3://b/k")) << part.status().ToString();
  EXPECT_EQ(http.requests()[0].headers.Get("x-amz-checksum-crc32c"), "mnG7TA==");

  http.Push(Xml(200, "", {{"ETag", "\"p1\""}, {"x-amz-checksum-crc32c", "mnG7TA=="}}));
  part = client->UploadPart("b", "k", "u", 1, MakeBufferBody("hello"));
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  EXPECT_EQ(part->checksum_crc32c, "mnG7TA==");
}

TEST_F(S3ClientTest, CompleteRefusesPartsWithAndWithoutChecksums) {
  auto client = MakeClient();
  Result<std::string> r =
      client->CompleteMultipartUpload("b", "k", "u", {{1, "e1", "mnG7TA=="}, {2, "e2", ""}});
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(Has(r.status().message(), "1 of 2 parts carry a CRC32C")) << r.status().message();
  EXPECT_EQ(http.request_count(), 0u);
}

TEST_F(S3ClientTest, FullObjectChecksumAnswerIsNotComparedWithTheComposite) {
  auto client = MakeClient();
  http.Push(Xml(200,
                "<CompleteMultipartUploadResult><ETag>\"m-1\"</ETag><ChecksumCRC32C>AAAAAA=="
                "</ChecksumCRC32C><ChecksumType>FULL_OBJECT</ChecksumType>"
                "</CompleteMultipartUploadResult>"));
  Result<std::string> r = client->CompleteMultipartUpload("b", "k", "u", {{1, "e1", "mnG7TA=="}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  http.Push(Xml(200,
                "<CompleteMultipartUploadResult><ETag>\"m-1\"</ETag><ChecksumCRC32C>AAAAAA==-1"
                "</ChecksumCRC32C></CompleteMultipartUploadResult>"));
  r = client->CompleteMultipartUpload("b", "k", "u", {{1, "e1", "mnG7TA=="}});
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << r.status().ToString();
}

// A credential source that fails the way an HTTP one does: with its own request and status.
class FailingCredentials final : public CredentialsProvider {
 public:
  Result<Credentials> GetCredentials() override {
    Status s = PermissionDeniedError("EC2 instance metadata (IMDS): request failed");
    ErrorContext c;
    c.operation = "PUT api/token";
    c.resource = "http://169.254.169.254/latest/api/token";
    c.http_status = 403;
    s.SetContext(c);
    return s;
  }
  void Invalidate() override {}
};

TEST_F(S3ClientTest, CredentialsFailureIsNotPresentedAsAnS3Answer) {
  FailingCredentials failing;
  auto client = MakeClient({}, &failing);
  ListObjectsRequest req;
  req.bucket = "bucket";
  Status s = client->ListObjectsV2(req).status();
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.context().http_status, 0);  // the 403 was the metadata service's, not S3's
  EXPECT_EQ(s.context().attempts, 0);
  EXPECT_EQ(s.ToString(),
            "PermissionDenied: ListObjectsV2 s3://bucket: no request was sent: EC2 instance "
            "metadata (IMDS): request failed (PUT api/token "
            "http://169.254.169.254/latest/api/token: HTTP 403)");
  EXPECT_EQ(http.request_count(), 0u);
}

TEST_F(S3ClientTest, ConditionalWriteOnAwsSendsQuotedEtag) {
  S3ClientOptions o;
  o.endpoint_url = "";
  o.region = "eu-west-1";
  // MakeClient fills in a custom endpoint when none is set: build this one by hand.
  S3ClientDeps deps;
  deps.http = &http;
  deps.credentials = &creds;
  deps.clock = &clock;
  deps.sleeper = &clock;
  deps.random = &random;
  auto aws = S3Client::Make(o, deps);
  ASSERT_TRUE(aws.ok());
  http.Push(Xml(200, "", {{"ETag", "\"n\""}}));
  PutOptions p;
  p.if_match = "old";
  ASSERT_TRUE((*aws)->PutObject("bucket-1", "k", MakeBufferBody("x"), p).ok());
  RecordedRequest r = http.requests()[0];
  EXPECT_EQ(r.url, "https://bucket-1.s3.eu-west-1.amazonaws.com/k");
  EXPECT_EQ(r.headers.Get("If-Match"), "\"old\"");
  EXPECT_EQ(r.headers.Get("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
}

TEST_F(S3ClientTest, CompleteWithEmptyEtagDerivesMultipartEtag) {
  auto client = MakeClient();
  http.Push(Xml(200,
                "<CompleteMultipartUploadResult><ETag></ETag>"
                "</CompleteMultipartUploadResult>"));
  // Part ETags are the parts' MD5s; the object's is MD5(md5_1 || md5_2) + "-2".
  std::string e1 = HexEncode(Md5("part one"));
  std::string e2 = HexEncode(Md5("part two"));
  Result<std::string> etag =
      client->CompleteMultipartUpload("b", "k", "u", {{2, e2, ""}, {1, e1, ""}});
  ASSERT_TRUE(etag.ok());
  EXPECT_EQ(*etag, HexEncode(Md5(Md5("part one") + Md5("part two"))) + "-2");
  EXPECT_EQ(http.request_count(), 1u);
}

TEST_F(S3ClientTest, PartSizeKeepsUnderTenThousandParts) {
  S3ClientOptions o;
  o.part_size = 8ull << 20;
  auto client = MakeClient(o);
  EXPECT_EQ(client->PartSizeFor(1), 8ull << 20);
  EXPECT_EQ(client->PartSizeFor(80000ull << 20), 8ull << 20);
  uint64_t big = 5ull << 40;  // 5 TiB
  uint64_t part = client->PartSizeFor(big);
  EXPECT_LE((big + part - 1) / part, 10000u);
  EXPECT_EQ(part % (1ull << 20), 0u);
  EXPECT_EQ(part, 525ull << 20);
}

TEST_F(S3ClientTest, CopyWithAKnownSourceSkipsTheHead) {
  auto client = MakeClient();
  http.Push(Xml(200, "<CopyObjectResult><ETag>\"dst\"</ETag></CopyObjectResult>"));
  S3Object known{"a", 10, "src", {}};
  ASSERT_TRUE(client->CopyObject("sb", "a", "db", "c", known).ok());
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].headers.Get("x-amz-copy-source-if-match"), "\"src\"");
  EXPECT_EQ(Count("HeadObject"), 0u);
  EXPECT_EQ(Count("CopyObject"), 1u);
}

TEST_F(S3ClientTest, CopySmallIsOneRequestPinnedToSourceEtag) {
  auto client = MakeClient();
  http.Push(Xml(200, "", {{"Content-Length", "10"}, {"ETag", "\"src\""}}));
  http.Push(Xml(200, "<CopyObjectResult><ETag>\"dst\"</ETag></CopyObjectResult>"));
  ASSERT_TRUE(client->CopyObject("sb", "a b", "db", "c").ok());
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[1].headers.Get("x-amz-copy-source"), "/sb/a%20b");
  EXPECT_EQ(reqs[1].headers.Get("x-amz-copy-source-if-match"), "\"src\"");
  EXPECT_EQ(Count("HeadObject"), 1u);
  EXPECT_EQ(Count("CopyObject"), 1u);
  // 200 with <Error> is a failure.
  http.Push(Xml(200, "", {{"Content-Length", "10"}, {"ETag", "\"src\""}}));
  http.Push(ErrorReply(200, "AccessDenied"));
  EXPECT_EQ(client->CopyObject("sb", "a", "db", "c").code(), StatusCode::kPermissionDenied);
}

TEST_F(S3ClientTest, CopyLargeRunsMultipartCopy) {
  S3ClientOptions o;
  o.max_single_copy_size = 8;
  o.part_size = 4;
  o.concurrency = 2;
  o.checksum = ChecksumMode::kCrc32c;
  auto client = MakeClient(o);
  http.SetHandler([](const RecordedRequest& r) {
    if (r.method == "HEAD") return Xml(200, "", {{"Content-Length", "10"}, {"ETag", "\"s\""}});
    if (Has(r.url, "?uploads")) {
      return Xml(200,
                 "<InitiateMultipartUploadResult><UploadId>U</UploadId>"
                 "</InitiateMultipartUploadResult>");
    }
    if (Has(r.url, "partNumber=")) {
      std::string range = r.headers.Get("x-amz-copy-source-range");
      return Xml(200, "<CopyPartResult><ETag>\"" + range + "\"</ETag></CopyPartResult>");
    }
    return Xml(200,
               "<CompleteMultipartUploadResult><ETag>\"m-3\"</ETag>"
               "</CompleteMultipartUploadResult>");
  });
  ASSERT_TRUE(client->CopyObject("sb", "src", "db", "dst").ok());
  EXPECT_EQ(Count("HeadObject"), 1u);
  EXPECT_EQ(Count("CreateMultipartUpload"), 1u);
  // The store copies the parts: no checksum of ours to declare, even under kCrc32c.
  EXPECT_EQ(http.requests()[1].headers.Find("x-amz-checksum-algorithm"), nullptr);
  EXPECT_EQ(Count("UploadPartCopy"), 3u);
  EXPECT_EQ(Count("CompleteMultipartUpload"), 1u);
  std::string complete = http.requests().back().body;
  EXPECT_TRUE(Has(complete, "<PartNumber>1</PartNumber><ETag>\"bytes=0-3\"</ETag>"));
  EXPECT_TRUE(Has(complete, "<PartNumber>3</PartNumber><ETag>\"bytes=8-9\"</ETag>"));
}

TEST_F(S3ClientTest, CopyLargeAbortsOnPartFailure) {
  S3ClientOptions o;
  o.max_single_copy_size = 8;
  o.part_size = 4;
  o.concurrency = 1;
  auto client = MakeClient(o);
  http.SetHandler([](const RecordedRequest& r) {
    if (r.method == "HEAD") return Xml(200, "", {{"Content-Length", "10"}, {"ETag", "\"s\""}});
    if (Has(r.url, "?uploads")) {
      return Xml(200,
                 "<InitiateMultipartUploadResult><UploadId>U</UploadId>"
                 "</InitiateMultipartUploadResult>");
    }
    if (Has(r.url, "partNumber=2")) return ErrorReply(412, "PreconditionFailed");
    if (Has(r.url, "partNumber=")) {
      return Xml(200, "<CopyPartResult><ETag>\"p\"</ETag></CopyPartResult>");
    }
    return Xml(204, "");
  });
  Status s = client->CopyObject("sb", "src", "db", "dst");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.context().operation, "UploadPartCopy");
  EXPECT_EQ(Count("UploadPartCopy"), 2u);
  EXPECT_EQ(Count("AbortMultipartUpload"), 1u);
  EXPECT_EQ(Count("CompleteMultipartUpload"), 0u);
}

TEST_F(S3ClientTest, DeleteObjectsInBatchesWithMd5) {
  S3ClientOptions o;
  o.delete_batch_size = 2;
  o.checksum = ChecksumMode::kWhenRequired;
  auto client = MakeClient(o);
  http.Push(Xml(200, "<DeleteResult/>"));
  http.Push(Xml(200,
                "<DeleteResult><Error><Key>c</Key><Code>AccessDenied</Code>"
                "<Message>m</Message></Error></DeleteResult>"));
  http.Push(Xml(200, "<DeleteResult/>"));
  Result<std::vector<DeleteError>> r = client->DeleteObjects("b", {"a", "b", "c", "d", "e&"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].key, "c");
  EXPECT_EQ((*r)[0].code, "AccessDenied");
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  for (const RecordedRequest& q : reqs) {
    EXPECT_EQ(q.url, "http://s3.test:9000/b?delete");
    EXPECT_EQ(q.headers.Get("Content-MD5"), Base64Encode(Md5(q.body)));
    EXPECT_TRUE(Has(q.body, "<Quiet>true</Quiet>"));
  }
  EXPECT_TRUE(Has(reqs[2].body, "<Key>e&amp;</Key>"));
  EXPECT_EQ(Count("DeleteObjects"), 3u);
  ASSERT_TRUE(client->DeleteObjects("b", {}).ok());
  EXPECT_EQ(http.request_count(), 3u);
}

TEST_F(S3ClientTest, CreateBucketAndExists) {
  S3ClientOptions o;
  o.region = "eu-west-1";
  auto client = MakeClient(o);
  http.Push(Xml(200, ""));
  http.Push(ErrorReply(409, "BucketAlreadyOwnedByYou"));
  http.Push(ErrorReply(409, "BucketAlreadyExists"));
  ASSERT_TRUE(client->CreateBucket("nb").ok());
  ASSERT_TRUE(client->CreateBucket("nb").ok());
  EXPECT_EQ(client->CreateBucket("nb").code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(Has(http.requests()[0].body, "<LocationConstraint>eu-west-1</LocationConstraint>"));

  http.Push(Xml(404, ""));
  http.Push(Xml(403, ""));
  Result<bool> missing = client->BucketExists("nb");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(*missing);
  Result<bool> denied = client->BucketExists("nb");
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Count("CreateBucket"), 3u);
  EXPECT_EQ(Count("HeadBucket"), 2u);

  S3ClientOptions east;
  auto c2 = MakeClient(east);
  http.Push(Xml(200, ""));
  ASSERT_TRUE(c2->CreateBucket("x1").ok());
  EXPECT_EQ(http.requests().back().body, "");
}

TEST_F(S3ClientTest, ListSendsEncodingTypeAndParsesPages) {
  auto client = MakeClient();
  http.Push(Xml(200,
                "<ListBucketResult><IsTruncated>true</IsTruncated>"
                "<NextContinuationToken>t+1</NextContinuationToken>"
                "<EncodingType>url</EncodingType>"
                "<Contents><Key>p%2Fa%20b</Key><Size>3</Size><ETag>\"e\"</ETag></Contents>"
                "<CommonPrefixes><Prefix>p/c+d/</Prefix></CommonPrefixes>"
                "</ListBucketResult>"));
  ListObjectsRequest req;
  req.bucket = "b";
  req.prefix = "p/";
  req.delimiter = "/";
  req.max_keys = 2;
  req.continuation_token = "t0=";
  Result<ListObjectsPage> page = client->ListObjectsV2(req);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->objects[0].key, "p/a b");
  EXPECT_EQ(page->common_prefixes[0], "p/c d/");
  EXPECT_EQ(page->next_continuation_token, "t+1");
  EXPECT_EQ(http.requests()[0].url,
            "http://s3.test:9000/b?list-type=2&encoding-type=url&prefix=p%2F&delimiter=%2F"
            "&continuation-token=t0%3D&max-keys=2");
  req.max_keys = 0;
  EXPECT_EQ(client->ListObjectsV2(req).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(S3ClientTest, ListMultipartUploadsSendsMarkersAndRetriesThroughTheExecutor) {
  auto client = MakeClient();
  http.Push(ErrorReply(503, "SlowDown"));
  http.Push(Xml(200,
                "<ListMultipartUploadsResult><IsTruncated>true</IsTruncated>"
                "<NextKeyMarker>p/c d%2B</NextKeyMarker>"
                "<NextUploadIdMarker>u+2</NextUploadIdMarker>"
                "<Upload><Key>p/c d%2B</Key><UploadId>u+2</UploadId>"
                "<Initiated>2024-05-01T10:20:30.000Z</Initiated></Upload>"
                "</ListMultipartUploadsResult>"));
  ListUploadsRequest req;
  req.bucket = "b";
  req.prefix = "p/";
  req.key_marker = "p/a b";
  req.upload_id_marker = "u+1";
  req.max_uploads = 2;
  Result<ListUploadsPage> page = client->ListMultipartUploads(req);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->uploads.size(), 1u);
  EXPECT_EQ(page->uploads[0].key, "p/c d%2B");  // literal: no encoding-type was asked
  EXPECT_EQ(page->uploads[0].upload_id, "u+2");
  EXPECT_EQ(page->next_key_marker, "p/c d%2B");
  EXPECT_EQ(page->next_upload_id_marker, "u+2");
  ASSERT_EQ(http.request_count(), 2u);  // the 503 retried once, by the one retry layer
  EXPECT_EQ(http.requests()[1].method, "GET");
  EXPECT_EQ(http.requests()[1].url,
            "http://s3.test:9000/b?uploads&prefix=p%2F"
            "&key-marker=p%2Fa%20b&upload-id-marker=u%2B1&max-uploads=2");
  EXPECT_EQ(Count("ListMultipartUploads"), 2u);

  // A body that does not parse names the operation and what was listed.
  http.Push(Xml(200, "<ListBucketResult/>"));
  Status bad = client->ListMultipartUploads(req).status();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.context().operation, "ListMultipartUploads");
  EXPECT_EQ(bad.context().resource, "s3://b/p/");
  req.max_uploads = 1001;
  EXPECT_EQ(client->ListMultipartUploads(req).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(http.request_count(), 3u);
}

TEST_F(S3ClientTest, PresignedUrlCarriesNoSecretInErrors) {
  auto client = MakeClient();
  Result<std::string> url = client->PresignGetObject("b", "k x", std::chrono::seconds(600));
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  EXPECT_TRUE(StartsWith(*url, "http://s3.test:9000/b/k%20x?"));
  EXPECT_TRUE(Has(*url, "X-Amz-Signature="));
  EXPECT_TRUE(Has(*url, "X-Amz-Expires=600"));
  EXPECT_EQ(http.request_count(), 0u);
  // Errors never echo the secret or the session token.
  http.Push(ErrorReply(403, "SignatureDoesNotMatch"));
  Status s = client->GetObject(GetObjectRequest{"b", "k", {}, {}, "", "", {}, {}}).status();
  EXPECT_FALSE(Has(s.ToString(), "wJalrXUtnFEMI"));
  EXPECT_FALSE(Has(s.ToString(), "session-token"));
  EXPECT_EQ(s.context().hint, "check the secret key and that the machine's clock is right");
}

}  // namespace
}  // namespace s3c::s3::testing
