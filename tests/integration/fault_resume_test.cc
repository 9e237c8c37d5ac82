// A body cut mid-stream is resumed from the next byte, pinned to the first response's ETag
// (s3_client.h, GetObjectRequest::sink), as the proxy's record of the requests shows.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "integration/fault_fixture.h"

namespace s3c::testing {
namespace {

using F = Fault;

std::string Unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// "bytes=N-" or "bytes=N-M" -> N; -1 when absent or malformed.
long long RangeStart(const ProxiedRequest& r) {
  auto it = r.headers.find("range");
  if (it == r.headers.end() || it->second.rfind("bytes=", 0) != 0) return -1;
  return std::atoll(it->second.c_str() + 6);
}

class FaultResumeTest : public FaultTest {};

TEST_F(FaultResumeTest, CutStreamResumesFromTheLastByteWithIfMatch) {
  const std::string key = NewKey("resume");
  const std::string data = PatternBytes((4 << 20) + 777, 9);
  PutDirect(key, data);
  auto client = ProxiedClient(/*max_attempts=*/5);
  ASSERT_TRUE(client);
  proxy_->SetPlan(ScriptPlan({F::kCutBodyMidStream, F::kCutBodyMidStream}));

  std::string got;
  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  req.sink = [&got](const char* p, size_t n) {
    got.append(p, n);
    return Status::OK();
  };
  auto r = client->GetObject(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(got == data) << "streamed " << got.size() << " of " << data.size() << " bytes";
  EXPECT_EQ(r->total_size, data.size());

  auto recs = proxy_->requests();
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].fault, F::kCutBodyMidStream);
  EXPECT_EQ(recs[0].headers.count("range"), 0u);
  EXPECT_EQ(recs[0].headers.count("if-match"), 0u);
  // The proxy cut each body after half of it: the whole object, then the remaining range.
  const long long first_cut = static_cast<long long>(data.size() / 2);
  const long long second_cut = first_cut + static_cast<long long>((data.size() - first_cut) / 2);
  EXPECT_EQ(RangeStart(recs[1]), first_cut) << recs[1].headers["range"];
  EXPECT_EQ(RangeStart(recs[2]), second_cut) << recs[2].headers["range"];
  for (size_t i = 1; i < 3; ++i) {
    EXPECT_EQ(recs[i].method, "GET");
    ASSERT_EQ(recs[i].headers.count("if-match"), 1u) << i;
    EXPECT_EQ(Unquote(recs[i].headers["if-match"]), r->etag) << i;
  }
  EXPECT_EQ(Attempts(), 3u);
}

TEST_F(FaultResumeTest, RangedStreamResumesInsideItsRange) {
  const std::string key = NewKey("resume-range");
  const std::string data = PatternBytes(1 << 20, 10);
  PutDirect(key, data);
  auto client = ProxiedClient(/*max_attempts=*/3);
  ASSERT_TRUE(client);
  proxy_->SetPlan(ScriptPlan({F::kCutBodyMidStream}));

  const uint64_t first = 1000, last = 500999;  // 500,000 bytes
  std::string got;
  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  req.range = std::make_pair(first, last);
  req.sink = [&got](const char* p, size_t n) {
    got.append(p, n);
    return Status::OK();
  };
  auto r = client->GetObject(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(got == data.substr(first, last - first + 1)) << got.size() << " bytes";

  auto recs = proxy_->requests();
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].headers["range"], "bytes=1000-500999");
  EXPECT_EQ(recs[1].headers["range"], "bytes=251000-500999");
  EXPECT_EQ(Unquote(recs[1].headers["if-match"]), r->etag);
}

TEST_F(FaultResumeTest, ObjectReplacedBetweenCutAndResumeFailsInsteadOfMixing) {
  const std::string key = NewKey("resume-replaced");
  const std::string v1 = PatternBytes(1 << 20, 11);
  PutDirect(key, v1);
  auto client = ProxiedClient(/*max_attempts=*/3);
  ASSERT_TRUE(client);
  // The object is replaced after the cut, just before the resume request is forwarded.
  proxy_->SetPlan(ScriptPlan({F::kCutBodyMidStream}));
  proxy_->SetRequestHook([&](const ProxiedRequest& r) {
    if (r.headers.count("range")) PutDirect(key, PatternBytes(1 << 20, 12));
  });

  std::string got;
  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  req.sink = [&got](const char* p, size_t n) {
    got.append(p, n);
    return Status::OK();
  };
  auto r = client->GetObject(req);
  proxy_->SetRequestHook(nullptr);
  ASSERT_FALSE(r.ok()) << "a resumed read mixed two versions";
  // If-Match failed (412): the object changed under the reader.
  EXPECT_TRUE(r.status().code() == StatusCode::kFailedPrecondition ||
              r.status().code() == StatusCode::kAborted)
      << r.status().ToString();
  EXPECT_EQ(proxy_->requests_seen(), 2u);  // a precondition failure is not retried
  EXPECT_EQ(got, v1.substr(0, v1.size() / 2));
}

}  // namespace
}  // namespace s3c::testing
