// Uploads and downloads through the fault proxy complete with byte-identical content, and every
// attempt is accounted for: the client's RequestStats attempts == the requests the proxy saw ==
// the successful requests + the injected faults.
#include <gtest/gtest.h>

#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "integration/fault_fixture.h"

namespace s3c::testing {
namespace {

using F = Fault;

class FaultTransferTest : public FaultTest {};

TEST_F(FaultTransferTest, SinglePutSurvivesEachFaultKindOnce) {
  auto client = ProxiedClient(/*max_attempts=*/5);
  ASSERT_TRUE(client);
  const std::string key = NewKey("single-put");
  const std::string data = PatternBytes(300 * 1024, 1);
  proxy_->SetPlan(ScriptPlan(
      {F::kSlowDown503, F::kInternalError500, F::kResetBeforeResponse, F::kCutBodyMidStream}));

  auto etag = client->PutObject(bucket_, key, MakeBufferBody(data));
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();

  EXPECT_EQ(stats_.Snapshot().requests["PutObject"], 5u);
  EXPECT_EQ(stats_.Snapshot().retries, 4u);
  EXPECT_EQ(proxy_->requests_seen(), 5u);
  EXPECT_EQ(proxy_->faults_injected(), 4u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
  for (const ProxiedRequest& r : proxy_->requests()) {
    EXPECT_EQ(r.method, "PUT");
    EXPECT_EQ(r.body_bytes, data.size());  // every attempt re-sent the whole body
  }
  EXPECT_EQ(ReadDirect(key), data);
}

TEST_F(FaultTransferTest, MultipartUploadCountsEveryFaultedAttempt) {
  auto client = ProxiedClient(/*max_attempts=*/4);
  ASSERT_TRUE(client);
  const std::string key = NewKey("multipart");
  const size_t part = 5 << 20;  // S3's minimum part size
  const std::string data = PatternBytes(2 * part + 12345, 2);
  // Arrival order: Create (503, ok), three parts in parallel (500, reset, ok x3), Complete
  // (503, ok). Parts run concurrently, but all of them come after Create and before Complete.
  proxy_->SetPlan(
      ScriptPlan({F::kSlowDown503, F::kNone, F::kInternalError500, F::kResetBeforeResponse,
                  F::kNone, F::kNone, F::kNone, F::kSlowDown503}));

  auto upload_id = client->CreateMultipartUpload(bucket_, key);
  ASSERT_TRUE(upload_id.ok()) << upload_id.status().ToString();
  std::vector<std::promise<Result<CompletedPart>>> done(3);
  for (int i = 0; i < 3; ++i) {
    size_t off = i * part;
    size_t len = std::min(part, data.size() - off);
    client->UploadPartAsync(
        bucket_, key, *upload_id, i + 1, MakeSpanBody(data.data() + off, len),
        [&done, i](Result<CompletedPart> r) { done[i].set_value(std::move(r)); });
  }
  std::vector<CompletedPart> parts;
  for (int i = 0; i < 3; ++i) {
    Result<CompletedPart> part = done[i].get_future().get();
    ASSERT_TRUE(part.ok()) << "part " << i + 1 << ": " << part.status().ToString();
    parts.push_back(*part);
  }
  auto final_etag = client->CompleteMultipartUpload(bucket_, key, *upload_id, parts);
  ASSERT_TRUE(final_etag.ok()) << final_etag.status().ToString();

  RequestStatsSnapshot s = stats_.Snapshot();
  EXPECT_EQ(s.requests["CreateMultipartUpload"], 2u);
  EXPECT_EQ(s.requests["UploadPart"], 5u);
  EXPECT_EQ(s.requests["CompleteMultipartUpload"], 2u);
  EXPECT_EQ(proxy_->faults_injected(), 4u);
  EXPECT_EQ(proxy_->requests_seen(), 9u);  // 5 successful requests + 4 faults
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
  EXPECT_EQ(ReadDirect(key), data);
}

TEST_F(FaultTransferTest, WholeGetSurvivesEachFaultKind) {
  const std::string key = NewKey("whole-get");
  const std::string data = PatternBytes(3 << 20, 3);
  PutDirect(key, data);
  auto client = ProxiedClient(/*max_attempts=*/8);
  ASSERT_TRUE(client);
  proxy_->SetPlan(ScriptPlan({F::kSlowDown503, F::kCutBodyMidStream, F::kInternalError500,
                              F::kResetBeforeResponse, F::kCutBodyMidStream}));

  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  auto r = client->GetObject(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->body == data) << "body of " << r->body.size() << " bytes differs";
  EXPECT_EQ(r->total_size, data.size());

  EXPECT_EQ(stats_.Snapshot().requests["GetObject"], 6u);
  EXPECT_EQ(proxy_->requests_seen(), 6u);
  EXPECT_EQ(proxy_->faults_injected(), 5u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
}

TEST_F(FaultTransferTest, StreamingGetDeliversEveryByteOnceUnderFaults) {
  const std::string key = NewKey("stream-get");
  const std::string data = PatternBytes(2 << 20, 4);
  PutDirect(key, data);
  auto client = ProxiedClient(/*max_attempts=*/8);
  ASSERT_TRUE(client);
  proxy_->SetPlan(ScriptPlan({F::kCutBodyMidStream, F::kSlowDown503, F::kCutBodyMidStream,
                              F::kResetBeforeResponse, F::kInternalError500}));

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
  EXPECT_TRUE(r->body.empty());
  ASSERT_EQ(got.size(), data.size());
  EXPECT_TRUE(got == data);
  EXPECT_EQ(proxy_->requests_seen(), 6u);
  EXPECT_EQ(proxy_->faults_injected(), 5u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
}

// 20% seeded random faults of each kind over many parallel transfers. The fault sequence is fixed
// by the seed and each fault costs exactly one extra request, so the counts are deterministic.
TEST_F(FaultTransferTest, RandomFaultsAtTwentyPercent) {
  auto client = ProxiedClient(/*max_attempts=*/10);
  ASSERT_TRUE(client);
  struct Phase {
    Fault fault;
    std::string only_method;
  };
  const std::vector<Phase> phases = {{F::kSlowDown503, ""},
                                     {F::kInternalError500, ""},
                                     {F::kResetBeforeResponse, ""},
                                     {F::kCutBodyMidStream, "GET"}};
  constexpr int kObjects = 12;
  uint64_t seed = 100;
  for (const Phase& phase : phases) {
    SCOPED_TRACE(FaultName(phase.fault));
    proxy_->SetPlan(RatePlan(0.2, phase.fault, ++seed, phase.only_method));
    proxy_->ResetCounters();
    stats_.Reset();
    std::vector<std::string> keys, datas;
    for (int i = 0; i < kObjects; ++i) {
      keys.push_back(NewKey("random-" + std::to_string(seed) + "-" + std::to_string(i)));
      datas.push_back(PatternBytes(64 * 1024 + i * 1000, static_cast<uint32_t>(seed * 100 + i)));
    }
    if (!phase.only_method.empty()) {
      for (int i = 0; i < kObjects; ++i) PutDirect(keys[i], datas[i]);
    }
    std::vector<std::thread> threads;
    std::vector<std::string> errors(kObjects);
    for (int i = 0; i < kObjects; ++i) {
      threads.emplace_back([&, i] {
        if (phase.only_method.empty()) {
          auto etag = client->PutObject(bucket_, keys[i], MakeBufferBody(datas[i]));
          if (!etag.ok()) errors[i] = "put: " + etag.status().ToString();
        }
        std::string streamed;
        GetObjectRequest req;
        req.bucket = bucket_;
        req.key = keys[i];
        if (i % 2 == 1) {
          req.sink = [&streamed](const char* p, size_t n) {
            streamed.append(p, n);
            return Status::OK();
          };
        }
        auto r = client->GetObject(req);
        if (!r.ok()) {
          errors[i] += " get: " + r.status().ToString();
        } else if ((i % 2 == 1 ? streamed : r->body) != datas[i]) {
          errors[i] += " get: content differs";
        }
      });
    }
    for (auto& t : threads) t.join();
    for (int i = 0; i < kObjects; ++i) EXPECT_EQ(errors[i], "") << keys[i];

    const size_t successes = phase.only_method.empty() ? 2 * kObjects : kObjects;
    EXPECT_GT(proxy_->faults_injected(), 0u);
    EXPECT_EQ(proxy_->faults_by_kind()[phase.fault], proxy_->faults_injected());
    EXPECT_EQ(proxy_->requests_seen(), successes + proxy_->faults_injected());
    EXPECT_EQ(Attempts(), proxy_->requests_seen());
  }
}

// The response to CompleteMultipartUpload breaks after RGW completed the upload; the retried
// Complete of an upload that is already complete must still succeed (RGW answers it again).
TEST_F(FaultTransferTest, LostCompleteResponseStillPublishesTheObject) {
  auto client = ProxiedClient(/*max_attempts=*/4);
  ASSERT_TRUE(client);
  const std::string key = NewKey("lost-complete");
  const std::string data = PatternBytes((5 << 20) + 100, 5);
  proxy_->SetPlan(ScriptPlan({F::kNone, F::kCutBodyMidStream}, "POST"));
  auto upload_id = client->CreateMultipartUpload(bucket_, key);
  ASSERT_TRUE(upload_id.ok()) << upload_id.status().ToString();
  std::vector<CompletedPart> parts;
  for (int i = 0; i < 2; ++i) {
    size_t off = i * (5 << 20);
    auto part = client->UploadPart(
        bucket_, key, *upload_id, i + 1,
        MakeSpanBody(data.data() + off, std::min<size_t>(5 << 20, data.size() - off)));
    ASSERT_TRUE(part.ok()) << part.status().ToString();
    parts.push_back(*part);
  }
  auto done = client->CompleteMultipartUpload(bucket_, key, *upload_id, parts);
  EXPECT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(stats_.Snapshot().requests["CompleteMultipartUpload"], 2u);
  EXPECT_EQ(proxy_->requests_seen(), 5u);
  EXPECT_EQ(Attempts(), 5u);
  EXPECT_TRUE(ReadDirect(key) == data);
}

}  // namespace
}  // namespace s3c::testing
