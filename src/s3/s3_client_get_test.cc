// GetObject / HeadObject: ranges, conditions and streaming resume.
#include <gtest/gtest.h>

#include "s3/testing/s3_client_fixture.h"
#include "s3c/common/time_format.h"

namespace s3c::s3::testing {
namespace {

GetObjectRequest Get(const std::string& key = "k") {
  GetObjectRequest r;
  r.bucket = "b";
  r.key = key;
  return r;
}

FakeReply BrokenAfter(int status, std::string partial,
                      std::vector<std::pair<std::string, std::string>> headers) {
  FakeReply r = Xml(status, std::move(partial), std::move(headers));
  r.transport_error = UnavailableError("connection reset by peer");
  r.transport_error.SetRetryable(true);
  return r;
}

TEST_F(S3ClientTest, RangeSuffixAndConditionHeaders) {
  auto client = MakeClient();
  http.SetHandler([](const RecordedRequest&) {
    return Xml(206, "abc", {{"Content-Range", "bytes 7-9/10"}, {"ETag", "\"e1\""}});
  });
  GetObjectRequest r = Get("dir/a b+c");
  r.range = {{2, 4}};
  r.if_match = "e1";
  ASSERT_TRUE(client->GetObject(r).ok());
  GetObjectRequest s = Get();
  s.suffix_length = 3;
  s.if_modified_since = WallTime(std::chrono::seconds(1440938160));
  Result<GetObjectResult> res = client->GetObject(s);
  ASSERT_TRUE(res.ok());
  EXPECT_EQ(res->http_status, 206);
  EXPECT_EQ(res->body, "abc");
  EXPECT_EQ(res->content_length, 3u);
  EXPECT_EQ(res->total_size, 10u);
  EXPECT_EQ(res->etag, "e1");
  std::vector<RecordedRequest> reqs = http.requests();
  EXPECT_EQ(reqs[0].url, "http://s3.test:9000/b/dir/a%20b%2Bc");
  EXPECT_EQ(reqs[0].headers.Get("Range"), "bytes=2-4");
  EXPECT_EQ(reqs[0].headers.Get("If-Match"), "\"e1\"");
  EXPECT_EQ(reqs[1].headers.Get("Range"), "bytes=-3");
  EXPECT_EQ(reqs[1].headers.Get("If-Modified-Since"), "Sun, 30 Aug 2015 12:36:00 GMT");
  GetObjectRequest both = Get();
  both.range = {{0, 1}};
  both.suffix_length = 1;
  EXPECT_EQ(client->GetObject(both).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(S3ClientTest, ConditionalGetOutcomes) {
  auto client = MakeClient();
  http.Push(Xml(304, "", {{"ETag", "\"e1\""}}));
  GetObjectRequest r = Get();
  r.if_none_match = "e1";
  Result<GetObjectResult> nm = client->GetObject(r);
  ASSERT_TRUE(nm.ok()) << nm.status().ToString();
  EXPECT_TRUE(nm->not_modified);
  EXPECT_EQ(nm->http_status, 304);
  EXPECT_EQ(http.requests()[0].headers.Get("If-None-Match"), "\"e1\"");

  http.Push(ErrorReply(412, "PreconditionFailed"));
  GetObjectRequest m = Get();
  m.if_match = "old";
  Result<GetObjectResult> pf = client->GetObject(m);
  EXPECT_EQ(pf.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(pf.status().context().http_status, 412);
}

TEST_F(S3ClientTest, MidStreamBreakResumesWithIfMatch) {
  auto client = MakeClient();
  http.Push(BrokenAfter(200, "01234", {{"ETag", "\"e1\""}, {"Content-Length", "10"}}));
  http.Push(Xml(206, "56789", {{"ETag", "\"e1\""}, {"Content-Range", "bytes 5-9/10"}}));
  std::string got;
  GetObjectRequest r = Get();
  r.sink = [&got](const char* d, size_t n) {
    got.append(d, n);
    return Status::OK();
  };
  Result<GetObjectResult> res = client->GetObject(r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(got, "0123456789");
  EXPECT_EQ(res->content_length, 10u);
  EXPECT_EQ(res->total_size, 10u);
  EXPECT_EQ(res->http_status, 200);
  EXPECT_EQ(res->etag, "e1");
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].headers.Find("Range"), nullptr);
  EXPECT_EQ(reqs[1].headers.Get("Range"), "bytes=5-9");
  EXPECT_EQ(reqs[1].headers.Get("If-Match"), "\"e1\"");
  EXPECT_EQ(Count("GetObject"), 2u);
}

TEST_F(S3ClientTest, MidStreamBreakTwiceSinkSeesEachByteOnce) {
  auto client = MakeClient();
  http.Push(BrokenAfter(206, "ab", {{"ETag", "\"e1\""}, {"Content-Range", "bytes 10-15/100"}}));
  http.Push(BrokenAfter(206, "cd", {{"ETag", "\"e1\""}, {"Content-Range", "bytes 12-15/100"}}));
  http.Push(Xml(206, "ef", {{"ETag", "\"e1\""}, {"Content-Range", "bytes 14-15/100"}}));
  std::string got;
  GetObjectRequest r = Get();
  r.range = {{10, 15}};
  r.sink = [&got](const char* d, size_t n) {
    got.append(d, n);
    return Status::OK();
  };
  Result<GetObjectResult> res = client->GetObject(r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(got, "abcdef");
  EXPECT_EQ(res->http_status, 206);
  EXPECT_EQ(res->content_length, 6u);
  EXPECT_EQ(res->total_size, 100u);
  EXPECT_EQ(res->etag, "e1");
  std::vector<RecordedRequest> reqs = http.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].headers.Get("Range"), "bytes=10-15");
  EXPECT_EQ(reqs[1].headers.Get("Range"), "bytes=12-15");
  EXPECT_EQ(reqs[2].headers.Get("Range"), "bytes=14-15");
  EXPECT_EQ(reqs[2].headers.Get("If-Match"), "\"e1\"");
}

TEST_F(S3ClientTest, ObjectChangedDuringResumeIsAborted) {
  auto client = MakeClient();
  http.Push(BrokenAfter(200, "0123", {{"ETag", "\"e1\""}, {"Content-Length", "10"}}));
  http.Push(ErrorReply(412, "PreconditionFailed"));
  std::string got;
  GetObjectRequest r = Get();
  r.if_none_match = "zzz";
  r.sink = [&got](const char* d, size_t n) {
    got.append(d, n);
    return Status::OK();
  };
  Result<GetObjectResult> res = client->GetObject(r);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kAborted);
  EXPECT_NE(res.status().message().find("object changed during read"), std::string::npos);
  EXPECT_EQ(res.status().context().attempts, 2);
  EXPECT_EQ(got, "0123");
  // The resume drops If-None-Match (it would match the pinned ETag).
  EXPECT_EQ(http.requests()[1].headers.Find("If-None-Match"), nullptr);
}

TEST_F(S3ClientTest, ErrorBodyNeverReachesTheSink) {
  auto client = MakeClient();
  http.Push(ErrorReply(404, "NoSuchKey"));
  std::string got;
  GetObjectRequest r = Get();
  r.sink = [&got](const char* d, size_t n) {
    got.append(d, n);
    return Status::OK();
  };
  EXPECT_EQ(client->GetObject(r).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(got, "");
}

TEST_F(S3ClientTest, HeadObject) {
  auto client = MakeClient();
  http.Push(Xml(200, "",
                {{"Content-Length", "1234"},
                 {"ETag", "\"abc\""},
                 {"Last-Modified", "Sun, 30 Aug 2015 12:36:00 GMT"},
                 {"Content-Type", "text/csv"}}));
  Result<HeadObjectResult> h = client->HeadObject("b", "k", "abc");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->size, 1234u);
  EXPECT_EQ(h->etag, "abc");
  EXPECT_EQ(h->content_type, "text/csv");
  EXPECT_EQ(h->last_modified, WallTime(std::chrono::seconds(1440938160)));
  EXPECT_EQ(http.requests()[0].method, "HEAD");
  EXPECT_EQ(http.requests()[0].headers.Get("If-Match"), "\"abc\"");
  http.Push(Xml(404, "", {{"x-amz-request-id", "tx404"}}));
  Result<HeadObjectResult> missing = client->HeadObject("b", "nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "the key does not exist");
  EXPECT_EQ(missing.status().context().request_id, "tx404");
  EXPECT_EQ(Count("HeadObject"), 2u);
}

}  // namespace
}  // namespace s3c::s3::testing
