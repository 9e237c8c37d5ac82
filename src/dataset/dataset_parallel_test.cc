// DatasetReader and DatasetScan reading many objects at once (ParallelReadOptions): the same
// rows, drift and counts as one object after another.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "dataset/dataset_test_util.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/dataset_scan.h"
#include "s3c/dataset/discovery.h"
#include "s3c/formats/format_registry.h"
#include "s3c/store/memory_object_store.h"
#include "support/forwarding_store.h"

namespace s3c::dataset {
namespace {

class DatasetParallelTest : public ::testing::Test {
 protected:
  // `n` CSV objects under lake/day=D/, each with `rows` rows; object `wide` has a wider type.
  void MakeLake(int n, int rows, int wide = 7) {
    for (int o = 0; o < n; ++o) {
      std::string text = "id,v,s\n";
      for (int r = 0; r < rows; ++r) {
        text += std::to_string(o * 100000 + r) + "," + (o == wide ? "1.5" : std::to_string(r % 7)) +
                ",x" + std::to_string(r % 3) + "\n";
      }
      char key[64];
      std::snprintf(key, sizeof key, "lake/day=%02d/part-%03d.csv", o % 5, o);
      ASSERT_TRUE(store_.Put(key, text).ok());
    }
  }
  std::vector<ObjectInfo> Objects(std::string_view key) {
    auto found = DiscoverObjects(store_, key);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? *found : std::vector<ObjectInfo>{};
  }
  DatasetReadOptions Options(int in_flight, bool unordered = false) {
    DatasetReadOptions o;
    o.infer_files = -1;
    o.read.csv.batch_rows = 100;
    o.parallel.objects_in_flight = in_flight;
    o.parallel.decode_threads = 2;
    o.parallel.memory_bytes = 64 << 10;
    o.parallel.unordered = unordered;
    return o;
  }
  MemoryObjectStore store_{"parallel"};
};

// Counts the input streams opened and those still alive (not yet destroyed).
class StreamCountingStore : public s3c::testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                 const ReadOptions& o = {}) override {
    S3C_ASSIGN_OR_RETURN(auto inner, inner_.OpenInput(key, o));
    ++opened;
    return std::unique_ptr<InputStream>(new Counted(std::move(inner), &live));
  }
  std::atomic<int> opened{0};
  std::atomic<int> live{0};

 private:
  class Counted : public InputStream {
   public:
    Counted(std::unique_ptr<InputStream> inner, std::atomic<int>* live)
        : inner_(std::move(inner)), live_(live) {
      ++*live_;
    }
    ~Counted() override { --*live_; }
    Result<size_t> Read(void* out, size_t n) override { return inner_->Read(out, n); }

   private:
    std::unique_ptr<InputStream> inner_;
    std::atomic<int>* live_;
  };
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// The inference sample is opened several at once; of two objects that cannot be opened, the
// error names the first in object order, as one after another does.
TEST_F(DatasetParallelTest, SampleOpenedAtOnceFailsOnTheFirstBadObjectInOrder) {
  MakeLake(8, 10);
  std::vector<ObjectInfo> objects = Objects("lake/");
  ASSERT_EQ(objects.size(), 8u);
  objects[2].key = "lake/gone-first.csv";
  objects[5].key = "lake/gone-second.csv";
  for (int in_flight : {1, 6}) {
    auto reader = DatasetReader::Open(store_, objects, Options(in_flight));
    ASSERT_FALSE(reader.ok()) << in_flight;
    EXPECT_EQ(reader.status().code(), StatusCode::kNotFound) << reader.status().ToString();
    EXPECT_NE(reader.status().message().find("gone-first.csv"), std::string::npos)
        << in_flight << ": " << reader.status().ToString();
  }
  auto schema = InferDatasetSchema(store_, objects, Options(6));
  ASSERT_FALSE(schema.ok());
  EXPECT_NE(schema.status().message().find("gone-first.csv"), std::string::npos)
      << schema.status().ToString();
}

// A Parquet object's reader tells, once its footer is read, what it holds (the footer read, two
// row groups' chunks, a decoded row group: more than the object); an object in flight other
// than the head reserves that before it decodes (ObjectPipelineTest checks the reservation).
// Objects that each hold several times the whole budget are read, in order, each once it is
// the head (an oversized reservation never waits for itself).
TEST_F(DatasetParallelTest, ParquetObjectsHoldingMoreThanTheBudgetAreReadEachInTurn) {
  MakeLake(3, 20000);
  int written = 0;
  for (const ObjectInfo& csv : Objects("lake/")) {
    auto source = DatasetReader::Open(store_, {csv}, Options(1));
    ASSERT_TRUE(source.ok()) << source.status().ToString();
    const std::string key = "pq/" + std::to_string(written++) + ".parquet";
    auto out = store_.OpenOutput(key);
    ASSERT_TRUE(out.ok());
    formats::FormatWriteOptions write;
    write.parquet.row_group_rows = 5000;
    auto writer = formats::OpenFormatWriter(std::move(*out), formats::FileFormat::kParquet,
                                            (*source)->schema(), write);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    while (true) {
      auto batch = (*source)->Next();
      ASSERT_TRUE(batch.ok()) << batch.status().ToString();
      if (*batch == nullptr) break;
      ASSERT_TRUE((*writer)->Write(**batch).ok());
    }
    ASSERT_TRUE((*writer)->Close().ok());
  }
  const std::vector<ObjectInfo> parquet = Objects("pq/");
  ASSERT_EQ(parquet.size(), 3u);
  DatasetReadOptions options = Options(4);
  auto second = OpenObjectReader(store_, parquet[1], formats::FileFormat::kParquet, options.read);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  const uint64_t holds = (*second)->working_bytes();
  EXPECT_GT(holds, parquet[1].size);
  EXPECT_GT(holds, 3 * options.parallel.memory_bytes);
  auto reader = DatasetReader::Open(store_, parquet, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  // Objects 1 and 2 open while object 0 is not consumed: neither is the head.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  int64_t rows = 0;
  while (true) {
    auto batch = (*reader)->Next();
    ASSERT_TRUE(batch.ok()) << batch.status().ToString();
    if (*batch == nullptr) break;
    rows += (*batch)->num_rows();
  }
  EXPECT_EQ(rows, 60000);
  EXPECT_EQ((*reader)->objects_read(), 3);
}

TEST_F(DatasetParallelTest, SameRowsDriftAndCountsAsOneObjectAfterAnother) {
  MakeLake(24, 1000);
  auto one = DatasetReader::Open(store_, Objects("lake/"), Options(1));
  auto many = DatasetReader::Open(store_, Objects("lake/"), Options(6));
  ASSERT_TRUE(one.ok() && many.ok());
  const std::string expected = ReadAllText(**one);
  ASSERT_EQ(expected.find("error"), std::string::npos) << expected;
  EXPECT_EQ(ReadAllText(**many), expected);
  EXPECT_EQ((*many)->rows_read(), 24000);
  EXPECT_EQ((*many)->objects_read(), 24);
  ASSERT_EQ((*many)->drift().size(), (*one)->drift().size());
  for (size_t i = 0; i < (*one)->drift().size(); ++i) {
    EXPECT_EQ((*many)->drift()[i].ToString(), (*one)->drift()[i].ToString());
  }
  const ObjectPipelineStats stats = (*many)->pipeline_stats();
  EXPECT_GE(stats.peak_objects_in_flight, 1);
  EXPECT_LE(stats.peak_objects_in_flight, 6);
  EXPECT_LE(stats.peak_decoding, 2);
  EXPECT_LE(stats.peak_memory_bytes, uint64_t{64} << 10);
  EXPECT_EQ((*one)->pipeline_stats().peak_objects_in_flight, 0);  // read on the caller's thread
}

// An object that has been read to its end while the consumer is still on an earlier one gives
// back its reader (stream, decompressor, parse buffers) at once: only the counts wait for the
// consumer. Here the consumer stays on object 0 while the others are all read.
TEST_F(DatasetParallelTest, FinishedObjectsReleaseTheirReadersBeforeTheConsumerReachesThem) {
  MakeLake(24, 1000, /*wide=*/-1);
  StreamCountingStore counting(store_);
  DatasetReadOptions options = Options(4);
  options.infer_files = 1;
  options.parallel.memory_bytes = 64 << 20;  // room to queue every object's rows
  auto reader = DatasetReader::Open(counting, Objects("lake/"), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  auto first = (*reader)->Next();
  ASSERT_TRUE(first.ok() && *first != nullptr);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  // (The inference sample's reader, object 0's, is handed on: 24 opens in all.)
  while (counting.opened.load() < 24 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(counting.opened.load(), 24) << "not every object was started";
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the last tasks end their reads
  // Object 0 (its queue full) and at most the 3 other objects in flight hold a stream.
  EXPECT_LE(counting.live.load(), 4);
  const std::string text = ReadAllText(**reader);
  EXPECT_EQ(text.find("error"), std::string::npos) << text.substr(text.find("error"));
  EXPECT_EQ((*reader)->rows_read(), 24000);
  EXPECT_EQ((*reader)->objects_read(), 24);
}

TEST_F(DatasetParallelTest, UnorderedKeepsEveryRowOnce) {
  MakeLake(16, 500);
  auto one = DatasetReader::Open(store_, Objects("lake/"), Options(1));
  auto any = DatasetReader::Open(store_, Objects("lake/"), Options(4, /*unordered=*/true));
  ASSERT_TRUE(one.ok() && any.ok());
  // Columns are printed batch by batch; compare the multiset of batch texts.
  auto batches = [](formats::BatchReader& r) {
    std::vector<std::string> out;
    while (true) {
      auto b = r.Next();
      EXPECT_TRUE(b.ok()) << b.status().ToString();
      if (!b.ok() || !*b) break;
      std::string text;
      for (int c = 0; c < (*b)->num_columns(); ++c) text += (*b)->column(c)->ToString() + "|";
      out.push_back(text);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  EXPECT_EQ(batches(**any), batches(**one));
  EXPECT_EQ((*any)->rows_read(), 8000);
}

TEST_F(DatasetParallelTest, ErrorOfALaterObjectComesAfterTheRowsBeforeIt) {
  MakeLake(10, 50);  // object 7's v (1.5) does not fit the int64 inferred from object 0 alone
  auto one = DatasetReader::Open(store_, Objects("lake/"), [&] {
    auto o = Options(1);
    o.infer_files = 1;
    return o;
  }());
  auto many = DatasetReader::Open(store_, Objects("lake/"), [&] {
    auto o = Options(4);
    o.infer_files = 1;
    return o;
  }());
  ASSERT_TRUE(one.ok() && many.ok());
  const std::string expected = ReadAllText(**one);
  EXPECT_NE(expected.find("error: DataLoss: mem://parallel/lake/day=02/part-007.csv: column 'v'"),
            std::string::npos)
      << expected;
  EXPECT_EQ(ReadAllText(**many), expected);
}

TEST_F(DatasetParallelTest, QuarantineGetsEveryBadRecordOnceFromManyThreads) {
  for (int o = 0; o < 12; ++o) {
    std::string text = "a,b\n";
    for (int r = 0; r < 200; ++r) text += r % 10 == 0 ? "1,2,3\n" : "1,2\n";
    ASSERT_TRUE(store_.Put("q/" + std::to_string(100 + o) + ".csv", text).ok());
  }
  std::vector<std::string> rejected;  // not locked: the reader serializes the calls
  DatasetReadOptions options = Options(4);
  options.read.csv.bad_records.policy = formats::BadRecordPolicy::kQuarantine;
  options.read.csv.bad_records.quarantine = [&](const formats::RejectedRecord& r) {
    rejected.push_back(r.object + ":" + std::to_string(r.line));
    return Status::OK();
  };
  auto reader = DatasetReader::Open(store_, Objects("q/"), options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const std::string text = ReadAllText(**reader);
  EXPECT_EQ(text.find("error"), std::string::npos) << text;
  EXPECT_EQ((*reader)->rows_read(), 12 * 180);
  EXPECT_EQ((*reader)->rows_rejected(), 12 * 20);
  std::sort(rejected.begin(), rejected.end());
  EXPECT_EQ(std::unique(rejected.begin(), rejected.end()), rejected.end());
  EXPECT_EQ(rejected.size(), 12u * 20u);
}

TEST_F(DatasetParallelTest, ScanFiltersAndProjectsOnThePoolWithTheSameResult) {
  MakeLake(20, 300);
  auto scan_with = [&](int in_flight) {
    ScanOptions options;
    options.dataset = Options(in_flight);
    options.columns = {"s", "id"};
    options.where = "v = 3 AND day IN ('01', '03')";
    auto scan = DatasetScan::Open(store_, Objects("lake/"), options);
    if (!scan.ok()) return std::make_pair(scan.status().ToString(), int64_t{-1});
    std::string text = ReadAllText(**scan);
    return std::make_pair(text, (*scan)->rows_filtered());
  };
  auto [one_text, one_filtered] = scan_with(1);
  auto [many_text, many_filtered] = scan_with(5);
  EXPECT_EQ(many_text, one_text);
  EXPECT_EQ(many_filtered, one_filtered);
  EXPECT_GT(one_filtered, 0) << one_text;
  EXPECT_FALSE(Lines(one_text).empty());
}

}  // namespace
}  // namespace s3c::dataset
