// Upload checksums as they reach the wire: S3ObjectStore writes through the real S3 client and
// curl to tests/support's capturing HTTP server, which answers as S3 does, and the test reads
// back exactly what it received (headers, bodies, the CompleteMultipartUpload XML).
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity-upload.html
#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "s3c/common/crc32c.h"
#include "s3c/common/strings.h"
#include "s3c/s3/s3_stack.h"
#include "s3c/store/s3_object_store.h"
#include "support/rgw_stack.h"
#include "support/test_digest.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

constexpr size_t kPart = 100 * 1024;

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string Header(const TestHttpRequest& r, const std::string& lower_name) {
  auto it = r.headers.find(lower_name);
  return it == r.headers.end() ? "<absent>" : it->second;
}

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 977) & 0xff);
  return s;
}

// The x-amz-checksum-crc32c value, computed here: the big-endian CRC32C, base64.
std::string Crc32cHeaderValue(uint32_t crc) {
  std::string raw;
  for (int shift = 24; shift >= 0; shift -= 8) raw.push_back(static_cast<char>(crc >> shift));
  return Base64Encode(raw);
}

// The composite checksum computed here from the part bytes, independently of the client:
// CRC32C over the parts' big-endian CRC32Cs, base64, "-" part count.
std::string ExpectedComposite(const std::vector<std::string>& parts) {
  std::string raw;
  for (const std::string& p : parts) {
    uint32_t crc = Crc32c(p.data(), p.size());
    for (int shift = 24; shift >= 0; shift -= 8) raw.push_back(static_cast<char>(crc >> shift));
  }
  return Crc32cHeaderValue(Crc32c(raw.data(), raw.size())) + "-" + std::to_string(parts.size());
}

// A minimal S3: multipart calls, PutObject. UploadPart echoes x-amz-checksum-crc32c as S3 does;
// CompleteMultipartUpload answers with `composite` (COMPOSITE) when it is set.
class CapturingS3 {
 public:
  CapturingS3() : server_([this](const TestHttpRequest& r) { return Handle(r); }) {}

  TestHttpResponse Handle(const TestHttpRequest& r) {
    if (r.method == "POST" && Has(r.target, "?uploads")) {
      return {200,
              {},
              "<InitiateMultipartUploadResult><UploadId>up-1</UploadId>"
              "</InitiateMultipartUploadResult>"};
    }
    if (r.method == "PUT" && Has(r.target, "partNumber=")) {
      std::string n = r.target.substr(r.target.find("partNumber=") + 11);
      n = n.substr(0, n.find('&'));
      std::vector<std::pair<std::string, std::string>> h = {{"ETag", "\"etag-" + n + "\""}};
      auto crc = r.headers.find("x-amz-checksum-crc32c");
      if (crc != r.headers.end()) h.emplace_back("x-amz-checksum-crc32c", crc->second);
      return {200, h, ""};
    }
    if (r.method == "POST" && Has(r.target, "uploadId=")) {
      std::string body = "<CompleteMultipartUploadResult><ETag>\"final-3\"</ETag>";
      std::lock_guard<std::mutex> lock(mu_);
      if (!composite.empty()) {
        body += "<ChecksumCRC32C>" + composite +
                "</ChecksumCRC32C>"
                "<ChecksumType>COMPOSITE</ChecksumType>";
      }
      return {200, {}, body + "</CompleteMultipartUploadResult>"};
    }
    if (r.method == "PUT") return {200, {{"ETag", "\"single\""}}, ""};
    return {400, {}, "<Error><Code>Unexpected</Code></Error>"};
  }

  void SetComposite(std::string value) {
    std::lock_guard<std::mutex> lock(mu_);
    composite = std::move(value);
  }
  // The requests of one operation, told apart as the handler does.
  std::vector<TestHttpRequest> Creates() const { return Select("POST", "?uploads"); }
  std::vector<TestHttpRequest> Parts() const { return Select("PUT", "partNumber="); }
  std::vector<TestHttpRequest> Completes() const { return Select("POST", "uploadId="); }

  TestHttpServer server_;

 private:
  std::vector<TestHttpRequest> Select(const std::string& method, const std::string& mark) const {
    std::vector<TestHttpRequest> out;
    for (const TestHttpRequest& r : server_.requests()) {
      if (r.method == method && Has(r.target, mark)) out.push_back(r);
    }
    return out;
  }
  mutable std::mutex mu_;
  std::string composite;
};

class ChecksumWireTest : public ::testing::Test {
 protected:
  // A store writing parts of kPart bytes above kPart, with the given checksum mode.
  // `mode` is S3StackOptions::checksum ("md5", "crc32c", "when_required").
  std::unique_ptr<S3ObjectStore> Store(const std::string& mode) {
    S3StackOptions o;
    o.endpoint_url = s3_.server_.url();
    o.region = "us-east-1";
    o.url_style = "path";
    o.checksum = mode;
    o.max_attempts = 1;
    o.access_key_id = "AKIDEXAMPLE";
    o.secret_access_key = SecretString("secret");
    auto stack = S3Stack::Make(o, testing::IsolatedAwsEnv(), nullptr);
    EXPECT_TRUE(stack.ok()) << stack.status().ToString();
    stacks_.push_back(std::move(stack).value());
    auto client = stacks_.back()->client();
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    S3ObjectStoreOptions so;
    so.part_size = kPart;
    so.multipart_threshold = kPart;
    so.concurrency = 2;
    auto store = S3ObjectStore::Make(*client, "bucket", so);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return std::move(store).value();
  }

  Status Write(ObjectStore& store, const std::string& key, const std::string& data) {
    auto out = store.OpenOutput(key);
    if (!out.ok()) return out.status();
    S3C_RETURN_IF_ERROR((*out)->Write(data.data(), data.size()));
    return (*out)->Close();
  }

  CapturingS3 s3_;
  std::vector<std::unique_ptr<S3Stack>> stacks_;  // one per Store(), outliving the stores
};

TEST_F(ChecksumWireTest, Crc32cMultipartDeclaresSendsAndListsEveryPartChecksum) {
  const std::string data = Pattern(2 * kPart + 1234);
  const std::vector<std::string> parts = {data.substr(0, kPart), data.substr(kPart, kPart),
                                          data.substr(2 * kPart)};
  s3_.SetComposite(ExpectedComposite(parts));
  auto store = Store("crc32c");
  Status s = Write(*store, "dir/obj.bin", data);
  ASSERT_TRUE(s.ok()) << s.ToString();

  // CreateMultipartUpload declares the algorithm and the composite type.
  std::vector<TestHttpRequest> creates = s3_.Creates();
  ASSERT_EQ(creates.size(), 1u);
  EXPECT_EQ(Header(creates[0], "x-amz-checksum-algorithm"), "CRC32C");
  EXPECT_EQ(Header(creates[0], "x-amz-checksum-type"), "COMPOSITE");

  // Every UploadPart carries the CRC32C of exactly the bytes it carries.
  std::vector<TestHttpRequest> sent = s3_.Parts();
  ASSERT_EQ(sent.size(), parts.size());
  for (const TestHttpRequest& r : sent) {
    int n = std::stoi(r.target.substr(r.target.find("partNumber=") + 11));
    ASSERT_GE(n, 1);
    ASSERT_LE(n, 3);
    const std::string& part = parts[n - 1];
    EXPECT_EQ(r.body, part) << "part " << n;
    EXPECT_EQ(Header(r, "x-amz-checksum-crc32c"),
              Crc32cHeaderValue(Crc32c(part.data(), part.size())))
        << "part " << n;
    EXPECT_EQ(Header(r, "content-md5"), "<absent>");
  }

  // CompleteMultipartUpload lists each part with its checksum, in order, and claims no
  // whole-object checksum in a header.
  std::vector<TestHttpRequest> completes = s3_.Completes();
  ASSERT_EQ(completes.size(), 1u);
  const std::string& xml = completes[0].body;
  size_t at = 0;
  for (int n = 1; n <= 3; ++n) {
    const std::string& part = parts[n - 1];
    std::string entry = "<Part><PartNumber>" + std::to_string(n) + "</PartNumber><ETag>\"etag-" +
                        std::to_string(n) + "\"</ETag><ChecksumCRC32C>" +
                        Crc32cHeaderValue(Crc32c(part.data(), part.size())) +
                        "</ChecksumCRC32C></Part>";
    size_t found = xml.find(entry, at);
    EXPECT_NE(found, std::string::npos) << entry << "\nnot after offset " << at << " in " << xml;
    if (found != std::string::npos) at = found;
  }
  EXPECT_EQ(Header(completes[0], "x-amz-checksum-crc32c"), "<absent>");
  EXPECT_EQ(Header(completes[0], "x-amz-checksum-type"), "<absent>");
}

TEST_F(ChecksumWireTest, Crc32cMultipartFailsWhenTheStoresCompositeDiffers) {
  const std::string data = Pattern(2 * kPart + 10);
  // The composite of other part boundaries: what a store that assembled other bytes would say.
  s3_.SetComposite(ExpectedComposite({data.substr(0, kPart + 1), data.substr(kPart + 1)}));
  auto store = Store("crc32c");
  Status s = Write(*store, "bad.bin", data);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
  EXPECT_TRUE(Has(s.ToString(), "composite CRC32C")) << s.ToString();
  EXPECT_TRUE(Has(s.ToString(), "CompleteMultipartUpload s3://bucket/bad.bin")) << s.ToString();
}

TEST_F(ChecksumWireTest, Crc32cMultipartWithoutAStoreChecksumStillCompletes) {
  // A store that keeps no checksum (no <ChecksumCRC32C> in the answer) is not an error.
  auto store = Store("crc32c");
  Status s = Write(*store, "plain.bin", Pattern(kPart + 1));
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(s3_.Parts().size(), 2u);
  EXPECT_TRUE(Has(s3_.Completes().at(0).body, "<ChecksumCRC32C>"));
}

TEST_F(ChecksumWireTest, Md5AndWhenRequiredMultipartDeclareNoAlgorithm) {
  auto store = Store("md5");
  ASSERT_TRUE(Write(*store, "m.bin", Pattern(kPart + 1)).ok());
  auto when_required = Store("when_required");
  ASSERT_TRUE(Write(*when_required, "w.bin", Pattern(kPart + 1)).ok());
  std::vector<TestHttpRequest> creates = s3_.Creates();
  ASSERT_EQ(creates.size(), 2u);
  for (const TestHttpRequest& r : creates) {
    EXPECT_EQ(Header(r, "x-amz-checksum-algorithm"), "<absent>");
  }
  std::vector<TestHttpRequest> parts = s3_.Parts();
  ASSERT_EQ(parts.size(), 4u);
  for (const TestHttpRequest& r : parts) {
    EXPECT_EQ(Header(r, "x-amz-checksum-crc32c"), "<absent>");
    // Plain http: the signed SHA-256 of the body is the digest the server verifies.
    EXPECT_EQ(Header(r, "x-amz-content-sha256"), testing::Sha256Hex(r.body));
  }
  for (const TestHttpRequest& r : s3_.Completes()) {
    EXPECT_FALSE(Has(r.body, "Checksum")) << r.body;
  }
}

TEST_F(ChecksumWireTest, SinglePutObjectCarriesTheModesChecksum) {
  const std::string data = Pattern(1000);
  auto crc = Store("crc32c");
  ASSERT_TRUE(Write(*crc, "small-crc", data).ok());
  auto md5 = Store("md5");
  ASSERT_TRUE(Write(*md5, "small-md5", data).ok());
  std::vector<TestHttpRequest> reqs = s3_.server_.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].method, "PUT");
  EXPECT_EQ(reqs[0].target, "/bucket/small-crc");
  EXPECT_EQ(reqs[0].body, data);
  EXPECT_EQ(Header(reqs[0], "x-amz-checksum-crc32c"),
            Crc32cHeaderValue(Crc32c(data.data(), data.size())));
  EXPECT_EQ(Header(reqs[0], "x-amz-checksum-algorithm"), "<absent>");
  // kMd5 over plain http: the signed payload SHA-256 replaces Content-MD5 (body_digest.h);
  // over https Content-MD5 is sent (s3_client_ops_test: PutObjectOverHttpsCarriesContentMd5...).
  EXPECT_EQ(reqs[1].target, "/bucket/small-md5");
  EXPECT_EQ(Header(reqs[1], "x-amz-checksum-crc32c"), "<absent>");
  EXPECT_EQ(Header(reqs[1], "x-amz-content-sha256"), testing::Sha256Hex(data));
}

}  // namespace
}  // namespace s3c
