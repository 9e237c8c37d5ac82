// The S3 ObjectStore through the fault proxy: streamed multipart writes and streamed reads stay
// byte-identical, every attempt is accounted for, and a write that cannot finish is aborted.
#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "integration/fault_fixture.h"
#include "s3c/store/s3_object_store.h"

namespace s3c::testing {
namespace {

using F = Fault;
constexpr uint64_t kMiB = 1 << 20;

class FaultStoreTest : public FaultTest {
 protected:
  std::unique_ptr<S3ObjectStore> MakeStore(S3Client* client) {
    S3ObjectStoreOptions o;
    o.part_size = 5 * kMiB;
    o.multipart_threshold = 5 * kMiB;
    o.concurrency = 3;
    o.read_chunk_size = 4 * kMiB;
    auto store = S3ObjectStore::Make(client, bucket_, o);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Writes `data` through OpenOutput in 1 MiB + 3 byte pieces.
  Status WriteStream(ObjectStore& store, const std::string& key, const std::string& data) {
    S3C_ASSIGN_OR_RETURN(auto out, store.OpenOutput(key));
    for (size_t off = 0; off < data.size(); off += kMiB + 3) {
      S3C_RETURN_IF_ERROR(
          out->Write(data.data() + off, std::min<size_t>(kMiB + 3, data.size() - off)));
    }
    return out->Close();
  }

  Result<std::string> ReadStream(ObjectStore& store, const std::string& key) {
    ReadOptions ro;
    ro.readahead_bytes = 8 * kMiB;
    S3C_ASSIGN_OR_RETURN(auto in, store.OpenInput(key, ro));
    return in->ReadAll();
  }
};

TEST_F(FaultStoreTest, MultipartWriteAndStreamedReadUnderScriptedFaults) {
  auto client = ProxiedClient(/*max_attempts=*/5);
  ASSERT_TRUE(client);
  auto store = MakeStore(client);
  ASSERT_TRUE(store);
  const std::string key = NewKey("store-multipart");
  const std::string data = PatternBytes(12 * kMiB + 4321, 21);  // 3 parts, 5 read ranges

  proxy_->SetPlan(ScriptPlan(
      {F::kSlowDown503, F::kResetBeforeResponse, F::kInternalError500, F::kCutBodyMidStream},
      "PUT"));
  Status w = WriteStream(*store, key, data);
  ASSERT_TRUE(w.ok()) << w.ToString();
  RequestStatsSnapshot s = stats_.Snapshot();
  EXPECT_EQ(s.requests["CreateMultipartUpload"], 1u);
  EXPECT_EQ(s.requests["UploadPart"], 7u);  // 3 parts + 4 faults
  EXPECT_EQ(s.requests["CompleteMultipartUpload"], 1u);
  EXPECT_EQ(proxy_->requests_seen(), 9u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
  EXPECT_TRUE(ReadDirect(key) == data);

  proxy_->ResetCounters();
  stats_.Reset();
  proxy_->SetPlan(ScriptPlan(
      {F::kCutBodyMidStream, F::kSlowDown503, F::kCutBodyMidStream, F::kResetBeforeResponse},
      "GET"));
  auto got = ReadStream(*store, key);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(*got == data) << got->size() << " bytes read";
  // 5 ranged GETs (ranges ramp up: 1, 2, 4, 4 MiB and the last 1 MiB + 4321 bytes), each
  // fault costing one more (s3_object_store.h: no HEAD).
  EXPECT_EQ(stats_.Snapshot().requests["GetObject"], 5u + 4u);
  EXPECT_EQ(proxy_->requests_seen(), 9u);
  EXPECT_EQ(proxy_->faults_injected(), 4u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
}

TEST_F(FaultStoreTest, ReadIntoUnderScriptedFaultsDeliversEveryByteOnceAtItsOffset) {
  // Ranges run concurrently, so the five faults may all land on one range: six attempts.
  auto client = ProxiedClient(/*max_attempts=*/6);
  ASSERT_TRUE(client);
  auto store = MakeStore(client);
  ASSERT_TRUE(store);
  const std::string key = NewKey("store-read-into");
  const std::string data = PatternBytes(13 * kMiB + 77, 23);  // 4 ranges of 4 MiB
  ASSERT_TRUE(store->Put(key, data).ok());

  proxy_->ResetCounters();
  stats_.Reset();
  // Cuts resume inside their range (the sink must not see a byte twice), the others retry.
  proxy_->SetPlan(ScriptPlan({F::kCutBodyMidStream, F::kSlowDown503, F::kCutBodyMidStream,
                              F::kResetBeforeResponse, F::kInternalError500},
                             "GET"));
  std::mutex mu;
  std::string got(data.size(), '\0');
  uint64_t delivered = 0;
  ReadOptions ro;
  ro.readahead_bytes = 12 * kMiB;  // 3 ranges in flight
  auto info = store->ReadInto(key, ro, [&](uint64_t offset, const char* bytes, size_t n) {
    std::lock_guard<std::mutex> lock(mu);
    if (offset + n > got.size()) return OutOfRangeError("past the end");
    std::memcpy(got.data() + offset, bytes, n);
    delivered += n;
    return Status::OK();
  });
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->size, data.size());
  EXPECT_EQ(delivered, data.size());  // exactly once: a resumed range does not repeat bytes
  EXPECT_TRUE(got == data);
  EXPECT_EQ(stats_.Snapshot().requests["GetObject"], 4u + 5u);
  EXPECT_EQ(stats_.Snapshot().requests.count("HeadObject"), 0u);
  EXPECT_EQ(proxy_->faults_injected(), 5u);
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
}

TEST_F(FaultStoreTest, EveryOperationAtTwentyPercentSlowDown) {
  auto client = ProxiedClient(/*max_attempts=*/10);
  ASSERT_TRUE(client);
  auto store = MakeStore(client);
  ASSERT_TRUE(store);
  proxy_->SetPlan(RatePlan(0.2, F::kSlowDown503, 77));
  const std::string big_key = NewKey("store-random/big");
  const std::string big = PatternBytes(11 * kMiB, 22);
  std::vector<std::string> small_keys;
  size_t successes = 0;

  for (int i = 0; i < 6; ++i) {
    small_keys.push_back(NewKey("store-random/small-" + std::to_string(i)));
    auto etag = store->Put(small_keys.back(), PatternBytes(1000 + i, 30 + i));
    ASSERT_TRUE(etag.ok()) << etag.status().ToString();
    ++successes;
  }
  ASSERT_TRUE(WriteStream(*store, big_key, big).ok());
  successes += 1 + 3 + 1;  // Create, 3 parts, Complete
  ListOptions list;
  list.prefix = big_key.substr(0, big_key.rfind('/') + 1);
  auto listed = store->ListAll(list);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  EXPECT_EQ(listed->size(), 7u);
  ++successes;
  auto info = store->Stat(big_key);
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->size, big.size());
  ++successes;
  auto file = store->OpenRandomAccess(big_key, *info);  // `known`: no HEAD
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto range = (*file)->ReadRange(5 * kMiB - 10, 100);
  ASSERT_TRUE(range.ok()) << range.status().ToString();
  EXPECT_EQ(*range, big.substr(5 * kMiB - 10, 100));
  ++successes;
  for (size_t i = 0; i < small_keys.size(); ++i) {
    auto got = ReadStream(*store, small_keys[i]);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(*got, PatternBytes(1000 + i, 30 + static_cast<uint32_t>(i)));
  }
  successes += small_keys.size();  // one GetObject per small streamed read (s3_object_store.h)

  EXPECT_GT(proxy_->faults_injected(), 0u);
  EXPECT_EQ(proxy_->requests_seen(), successes + proxy_->faults_injected());
  EXPECT_EQ(Attempts(), proxy_->requests_seen());
  EXPECT_TRUE(ReadDirect(big_key) == big);
}

TEST_F(FaultStoreTest, WriteThatCannotFinishIsAbortedWithAClearError) {
  auto client = ProxiedClient(/*max_attempts=*/3);
  ASSERT_TRUE(client);
  auto store = MakeStore(client);
  ASSERT_TRUE(store);
  const std::string key = NewKey("store-abort");
  proxy_->SetPlan(RatePlan(1.0, F::kSlowDown503, 1, "PUT"));  // every UploadPart fails

  Status w = WriteStream(*store, key, PatternBytes(11 * kMiB, 23));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.code(), StatusCode::kUnavailable) << w.ToString();
  EXPECT_NE(w.ToString().find("UploadPart"), std::string::npos) << w.ToString();
  EXPECT_NE(w.ToString().find("s3://" + bucket_ + "/" + key), std::string::npos) << w.ToString();
  EXPECT_NE(w.ToString().find("3 attempts"), std::string::npos) << w.ToString();
  size_t aborts = 0;
  for (const ProxiedRequest& r : proxy_->requests()) {
    if (r.method == "DELETE" && r.target.find("uploadId=") != std::string::npos) ++aborts;
  }
  EXPECT_EQ(aborts, 1u);
  EXPECT_EQ(stats_.Snapshot().requests["AbortMultipartUpload"], 1u);
  EXPECT_FALSE(direct().HeadObject(bucket_, key).ok());  // nothing was published
}

}  // namespace
}  // namespace s3c::testing
