#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "http/http_internal.h"
#include "s3c/http/http_client.h"

namespace s3c {
namespace {

TEST(HttpHeadersTest, LookupIsCaseInsensitiveAndKeepsCase) {
  HttpHeaders h;
  h.Set("Content-Type", "text/plain");
  h.Add("x-amz-meta-A", "1");
  EXPECT_EQ(h.Get("content-type"), "text/plain");
  EXPECT_EQ(h.Get("CONTENT-TYPE"), "text/plain");
  ASSERT_NE(h.Find("X-Amz-Meta-a"), nullptr);
  EXPECT_EQ(*h.Find("X-Amz-Meta-a"), "1");
  EXPECT_EQ(h.entries()[0].first, "Content-Type");
  EXPECT_EQ(h.Find("missing"), nullptr);
  EXPECT_EQ(h.Get("missing"), "");
}

TEST(HttpHeadersTest, SetReplacesEveryCaseVariantAddAppends) {
  HttpHeaders h;
  h.Add("ETag", "a");
  h.Add("etag", "b");
  EXPECT_EQ(h.entries().size(), 2u);
  EXPECT_EQ(h.Get("ETAG"), "a");  // first match
  h.Set("Etag", "c");
  ASSERT_EQ(h.entries().size(), 1u);
  EXPECT_EQ(h.entries()[0].first, "Etag");
  EXPECT_EQ(h.entries()[0].second, "c");
  h.Remove("ETAG");
  EXPECT_TRUE(h.empty());
}

TEST(BodySourceTest, BufferBodyReadsAndRewinds) {
  auto body = MakeBufferBody(std::string("hello world"));
  EXPECT_EQ(body->size(), 11u);
  char buf[4];
  std::string got;
  for (;;) {
    auto n = body->Read(buf, sizeof buf);
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    got.append(buf, *n);
  }
  EXPECT_EQ(got, "hello world");
  ASSERT_TRUE(body->Rewind().ok());
  auto n = body->Read(buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), "hell");
}

TEST(BodySourceTest, SpanBodyAndEmptyBuffer) {
  static const char kData[] = "abc";
  auto span = MakeSpanBody(kData, 3);
  char buf[8];
  EXPECT_EQ(*span->Read(buf, 8), 3u);
  EXPECT_EQ(*span->Read(buf, 8), 0u);
  auto empty = MakeBufferBody(std::shared_ptr<const std::string>());
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_EQ(*empty->Read(buf, 8), 0u);
}

class StringFile : public RandomAccessFile {
 public:
  explicit StringFile(std::string data) : data_(std::move(data)) {}
  Result<uint64_t> Size() override { return data_.size(); }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    if (offset >= data_.size()) return size_t{0};
    size_t k = std::min<size_t>(n, data_.size() - offset);
    std::memcpy(out, data_.data() + offset, k);
    return k;
  }

 private:
  std::string data_;
};

TEST(BodySourceTest, FileRangeBodyReadsItsRangeOnly) {
  auto body = MakeFileRangeBody(std::make_shared<StringFile>("0123456789"), 3, 5);
  EXPECT_EQ(body->size(), 5u);
  char buf[16];
  auto n = body->Read(buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), "34567");
  EXPECT_EQ(*body->Read(buf, sizeof buf), 0u);
  ASSERT_TRUE(body->Rewind().ok());
  EXPECT_EQ(*body->Read(buf, 2), 2u);

  auto short_file = MakeFileRangeBody(std::make_shared<StringFile>("0123"), 2, 10);
  EXPECT_EQ(*short_file->Read(buf, sizeof buf), 2u);
  auto err = short_file->Read(buf, sizeof buf);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().code(), StatusCode::kDataLoss);
}

TEST(ResponseHeaderParserTest, StatusLines) {
  int status = 0;
  EXPECT_TRUE(http_internal::ParseStatusLine("HTTP/1.1 404 Not Found", &status));
  EXPECT_EQ(status, 404);
  EXPECT_TRUE(http_internal::ParseStatusLine("HTTP/2 200", &status));
  EXPECT_EQ(status, 200);
  EXPECT_FALSE(http_internal::ParseStatusLine("Content-Length: 5", &status));
  EXPECT_FALSE(http_internal::ParseStatusLine("HTTP/1.1 2x0 OK", &status));
}

TEST(ResponseHeaderParserTest, HeaderLines) {
  std::string name, value;
  EXPECT_TRUE(http_internal::ParseHeaderLine("ETag:  \"abc\" \t", &name, &value));
  EXPECT_EQ(name, "ETag");
  EXPECT_EQ(value, "\"abc\"");
  EXPECT_TRUE(http_internal::ParseHeaderLine("x-empty:", &name, &value));
  EXPECT_EQ(value, "");
  EXPECT_TRUE(http_internal::ParseHeaderLine("Location: http://h:1/p", &name, &value));
  EXPECT_EQ(value, "http://h:1/p");
  EXPECT_FALSE(http_internal::ParseHeaderLine("no colon", &name, &value));
  EXPECT_FALSE(http_internal::ParseHeaderLine(": v", &name, &value));
}

TEST(CurlErrorMappingTest, ClassifiesTransportTimeoutAndTls) {
  Status t = http_internal::MapCurlError(CURLE_OPERATION_TIMEDOUT, "", "GET", "http://h/k");
  EXPECT_EQ(t.code(), StatusCode::kDeadlineExceeded);
  EXPECT_TRUE(t.retryable());
  for (CURLcode c : {CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING,
                     CURLE_PARTIAL_FILE, CURLE_COULDNT_RESOLVE_HOST}) {
    Status s = http_internal::MapCurlError(c, "", "GET", "http://h/k");
    EXPECT_EQ(s.code(), StatusCode::kUnavailable) << c;
    EXPECT_TRUE(s.retryable()) << c;
  }
  Status tls = http_internal::MapCurlError(CURLE_PEER_FAILED_VERIFICATION, "self-signed", "GET",
                                           "https://h/k");
  EXPECT_EQ(tls.code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(tls.retryable());
  EXPECT_NE(tls.message().find("AWS_CA_BUNDLE"), std::string::npos);
  EXPECT_NE(tls.message().find("verify_tls=false"), std::string::npos);
  EXPECT_NE(tls.message().find("self-signed"), std::string::npos);
  Status bad = http_internal::MapCurlError(CURLE_URL_MALFORMAT, "", "GET", "nope");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(bad.retryable());
}

TEST(CurlErrorMappingTest, MessagesNeverShowTheQueryString) {
  Status s = http_internal::MapCurlError(CURLE_COULDNT_CONNECT, "refused", "PUT",
                                         "https://b.s3.amazonaws.com/k?X-Amz-Signature=SECRET");
  EXPECT_EQ(s.message().find("SECRET"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("PUT https://b.s3.amazonaws.com/k"), std::string::npos) << s.message();
  EXPECT_EQ(http_internal::UrlForMessages("http://h/p#frag"), "http://h/p");
}

}  // namespace
}  // namespace s3c
