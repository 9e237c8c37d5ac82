// ObjectStore::OpenRandomAccess of a key whose details are not known (ObjectInfo::KeyOnly) with
// `tail_bytes` (include/s3c/store/object_store.h), on every store: the size, the bytes, objects
// shorter than the tail and empty ones, a missing key, and pinning to the version the open saw.
// For S3 the request counts of s3_object_store.h are exact: one suffix-range GET and no HEAD,
// reads inside the tail answered without a request.
#include <gtest/gtest.h>

#include "conformance/store_fixture.h"

namespace s3c::testing {
namespace {

class RandomAccessTailConformance : public StoreParamTest {
 protected:
  Result<std::unique_ptr<RandomAccessFile>> OpenByKey(const std::string& key, uint64_t tail) {
    return store().OpenRandomAccess(K(key), ObjectInfo::KeyOnly(K(key)), tail);
  }
};

TEST_P(RandomAccessTailConformance, TailComesWithTheOpen) {
  const std::string data = RandomBytes(100000, 7);
  PutOk("t", data);
  ResetStats();
  auto file = OpenByKey("t", 4096);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*(*file)->Size(), data.size());
  // The footer read of a Parquet reader: the last bytes, then a part of them.
  EXPECT_EQ((*file)->ReadRange(data.size() - 4096, 4096).value_or("?"), data.substr(100000 - 4096));
  EXPECT_EQ((*file)->ReadRange(data.size() - 8, 100).value_or("?"), data.substr(100000 - 8));
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 1u);  // the suffix GET alone
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }
  // Before the tail, and across its start: ranged reads.
  EXPECT_EQ((*file)->ReadRange(10, 20).value_or("?"), data.substr(10, 20));
  EXPECT_EQ((*file)->ReadRange(data.size() - 5000, 2000).value_or("?"),
            data.substr(data.size() - 5000, 2000));
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 3u);
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }
}

TEST_P(RandomAccessTailConformance, ObjectShorterThanTheTailComesWhole) {
  const std::string data = RandomBytes(300, 8);
  PutOk("short", data);
  ResetStats();
  auto file = OpenByKey("short", 65536);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*(*file)->Size(), 300u);
  EXPECT_EQ((*file)->ReadRange(0, 300).value_or("?"), data);
  EXPECT_EQ((*file)->ReadRange(292, 100).value_or("?"), data.substr(292));
  EXPECT_EQ((*file)->ReadRange(300, 10).value_or("?"), "");
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 1u);  // every byte came with the open
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }
}

TEST_P(RandomAccessTailConformance, EmptyAndMissingObjects) {
  PutOk("empty", "");
  auto empty = OpenByKey("empty", 1024);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(*(*empty)->Size(), 0u);
  EXPECT_EQ((*empty)->ReadRange(0, 10).value_or("x"), "");
  ResetStats();
  auto missing = OpenByKey("missing/key", 1024);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
  if (stats()) {
    EXPECT_EQ(Sent("GetObject"), 1u);
    EXPECT_EQ(Sent("HeadObject"), 0u);
  }
}

TEST_P(RandomAccessTailConformance, ReadsArePinnedToTheVersionTheOpenSaw) {
  const std::string v1 = RandomBytes(50000, 9);
  PutOk("v", v1);
  auto file = OpenByKey("v", 1000);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  PutOk("v", RandomBytes(50000, 10));
  // The tail: the first version's bytes (S3 holds them from the open) or Aborted (the memory
  // and local stores check the ETag on every read), never the second version's.
  auto tail = (*file)->ReadRange(49000, 1000);
  if (tail.ok()) {
    EXPECT_EQ(*tail, v1.substr(49000));
  } else {
    EXPECT_EQ(tail.status().code(), StatusCode::kAborted) << tail.status().ToString();
  }
  auto read = (*file)->ReadRange(0, 100);
  EXPECT_EQ(read.status().code(), StatusCode::kAborted) << read.status().ToString();
}

TEST_P(RandomAccessTailConformance, KnownDetailsNeedNoRequest) {
  PutOk("k", "0123456789");
  auto listed = store().ListAll(ListOptions{K("k"), "", "", 0});
  ASSERT_TRUE(listed.ok() && listed->size() == 1);
  ASSERT_TRUE((*listed)[0].details_known);
  ResetStats();
  auto file = store().OpenRandomAccess(K("k"), (*listed)[0], 4);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(*(*file)->Size(), 10u);
  if (stats()) {
    EXPECT_EQ(Sent("GetObject") + Sent("HeadObject"), 0u);
  }
  EXPECT_EQ((*file)->ReadRange(6, 4).value_or("?"), "6789");
}

INSTANTIATE_TEST_SUITE_P(Stores, RandomAccessTailConformance,
                         ::testing::Values("memory", "local", "s3"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace s3c::testing
