// ObjectStore::ReadInto (include/s3c/store/object_store.h) on every store: every byte delivered
// exactly once at its offset, the object's info, empty and missing objects, pinning, and a sink
// error that stops the read. For S3 the request counts of s3_object_store.h are exact.
#include <gtest/gtest.h>

#include <cstring>
#include <mutex>

#include "conformance/store_fixture.h"

namespace s3c::testing {
namespace {

// Reassembles what a ReadInto delivered; counts bytes delivered twice or out of bounds.
struct Collected {
  std::mutex mu;
  std::string bytes;
  std::vector<uint8_t> seen;
  uint64_t overlaps = 0;
  uint64_t calls = 0;

  explicit Collected(size_t capacity) : bytes(capacity, '\0'), seen(capacity, 0) {}

  OffsetSink Sink() {
    return [this](uint64_t offset, const char* data, size_t n) {
      std::lock_guard<std::mutex> lock(mu);
      ++calls;
      if (offset + n > bytes.size()) return OutOfRangeError("delivered past the end");
      std::memcpy(bytes.data() + offset, data, n);
      for (size_t i = 0; i < n; ++i) overlaps += seen[offset + i]++ > 0 ? 1 : 0;
      return Status::OK();
    };
  }
  uint64_t Delivered() const {
    uint64_t d = 0;
    for (uint8_t s : seen) d += s > 0 ? 1 : 0;
    return d;
  }
};

class ReadIntoConformance : public StoreParamTest {};

TEST_P(ReadIntoConformance, EveryByteOnceAtItsOffset) {
  // 2.5 chunks: a first range alone, then two more in flight (one of them short).
  const std::string data = RandomBytes(kReadChunk * 2 + kReadChunk / 2 + 13, 7);
  auto etag = store().Put(K("whole"), data);
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
  ResetStats();
  Collected got(data.size());
  int infos = 0;
  ObjectInfo announced;
  auto info = store().ReadInto(K("whole"), ReadOptions{}, got.Sink(), [&](const ObjectInfo& i) {
    ++infos;
    announced = i;
  });
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->size, data.size());
  EXPECT_EQ(info->etag, *etag);
  EXPECT_EQ(infos, 1);
  EXPECT_EQ(announced.size, data.size());
  EXPECT_EQ(got.overlaps, 0u);
  EXPECT_EQ(got.Delivered(), data.size());
  EXPECT_TRUE(got.bytes == data);
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 3u);  // no ramp: whole chunks, the first alone
    EXPECT_EQ(Sent("HeadObject"), 0u);
    EXPECT_EQ(stats()->Snapshot().bytes_downloaded, data.size());
  }
}

TEST_P(ReadIntoConformance, SmallAndEmptyObjects) {
  ASSERT_TRUE(store().Put(K("small"), "tiny").ok());
  Collected small(4);
  auto info = store().ReadInto(K("small"), ReadOptions{}, small.Sink());
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->size, 4u);
  EXPECT_EQ(small.bytes, "tiny");

  ASSERT_TRUE(store().Put(K("empty"), "").ok());
  ResetStats();
  Collected empty(0);
  auto none = store().ReadInto(K("empty"), ReadOptions{}, empty.Sink());
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->size, 0u);
  EXPECT_EQ(empty.calls, 0u);
  if (stats()) {
    // The range is unsatisfiable (416), then a HEAD tells an empty object from a missing one.
    EXPECT_EQ(Sent("GetObject"), 1u);
    EXPECT_EQ(Sent("HeadObject"), 1u);
  }
}

TEST_P(ReadIntoConformance, MissingKeyIsNotFound) {
  Collected got(1);
  auto info = store().ReadInto(K("absent"), ReadOptions{}, got.Sink());
  EXPECT_EQ(info.status().code(), StatusCode::kNotFound) << info.status().ToString();
  EXPECT_EQ(got.calls, 0u);
}

TEST_P(ReadIntoConformance, PinnedToAnExpectedEtag) {
  auto etag = store().Put(K("p"), "pinned");
  ASSERT_TRUE(etag.ok());
  ASSERT_TRUE(store().Put(K("p"), "changed!").ok());
  ReadOptions o;
  o.if_match = *etag;
  Collected got(16);
  auto info = store().ReadInto(K("p"), o, got.Sink());
  EXPECT_EQ(info.status().code(), StatusCode::kAborted) << info.status().ToString();
}

TEST_P(ReadIntoConformance, SinkErrorStopsTheRead) {
  const std::string data = RandomBytes(kReadChunk * 3, 9);
  ASSERT_TRUE(store().Put(K("stop"), data).ok());
  ResetStats();
  std::mutex mu;
  uint64_t delivered = 0;
  auto sink = [&](uint64_t, const char*, size_t n) -> Status {
    std::lock_guard<std::mutex> lock(mu);
    if (delivered + n > kReadChunk + 1000) return ResourceExhaustedError("disk full (test)");
    delivered += n;
    return Status::OK();
  };
  auto info = store().ReadInto(K("stop"), ReadOptions{}, sink);
  EXPECT_EQ(info.status().code(), StatusCode::kResourceExhausted) << info.status().ToString();
  EXPECT_NE(info.status().message().find("disk full"), std::string::npos)
      << info.status().ToString();
  if (stats()) {
    // The failing range is not retried, and the ranges still in flight end early.
    EXPECT_EQ(stats()->Snapshot().retries, 0u);
    EXPECT_LT(stats()->Snapshot().bytes_downloaded, data.size());
  }
}

TEST_P(ReadIntoConformance, PartialReadsAreRefused) {
  ASSERT_TRUE(store().Put(K("r"), "range").ok());
  ReadOptions o;
  o.offset = 1;
  Collected got(8);
  EXPECT_EQ(store().ReadInto(K("r"), o, got.Sink()).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Stores, ReadIntoConformance, ::testing::Values("memory", "local", "s3"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace s3c::testing
