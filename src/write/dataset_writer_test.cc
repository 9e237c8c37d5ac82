// DatasetWriter on the memory store (dataset_writer.h): Hive folders read back through the
// dataset reader, NULL partitions, refused partition columns, rolling by rows and by size, the
// least recently used file closed under max_partitions and under the memory budget, the data
// file entries, abort. (Formats and codecs: dataset_writer_formats_test.cc.)
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "s3c/store/store_resolver.h"
#include "s3c/write/dataset_writer.h"
#include "support/fake_clock.h"
#include "support/forwarding_store.h"
#include "support/rgw_stack.h"
#include "write/write_test_data.h"

namespace s3c::write {
namespace {

using formats::FileFormat;

class DatasetWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto resolver = StoreResolver::Make({}, testing::IsolatedAwsEnv());
    ASSERT_TRUE(resolver.ok()) << resolver.status().ToString();
    stores_ = std::move(resolver).value();
    auto loc = stores_->Resolve(uri_);
    ASSERT_TRUE(loc.ok()) << loc.status().ToString();
    store_ = loc->store;
  }

  DatasetWriteOptions Csv() {
    DatasetWriteOptions o;
    o.format = FileFormat::kCsv;
    o.partition_by = {"region"};
    o.clock = &clock_;
    o.write_threads = 1;  // one lane, on this thread: file order and closes are exact
    return o;
  }

  // Writes `batches` and finishes; the files, or a failed test.
  std::vector<dataset::DataFile> WriteAll(const DatasetWriteOptions& options,
                                          const std::vector<std::vector<TestRow>>& batches) {
    auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), options);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    if (!writer.ok()) return {};
    for (const auto& rows : batches) {
      Status st = (*writer)->Write(*TestBatch(rows));
      EXPECT_TRUE(st.ok()) << st.ToString();
    }
    auto files = (*writer)->Finish();
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    last_peak_ = (*writer)->memory_peak();
    closed_for_memory_ = (*writer)->files_closed_for_memory();
    flushes_for_memory_ = (*writer)->flushes_for_memory();
    closed_for_partitions_ = (*writer)->files_closed_for_partitions();
    return files.ok() ? *files : std::vector<dataset::DataFile>{};
  }

  // `count` batches of `rows` rows each over `partitions` regions r0, r1, ...; every row in `all`.
  static std::vector<std::vector<TestRow>> SpreadBatches(int count, int64_t rows, int partitions,
                                                         std::vector<TestRow>* all) {
    std::vector<std::optional<std::string>> regions;
    for (int i = 0; i < partitions; ++i) regions.push_back("r" + std::to_string(i));
    std::vector<std::vector<TestRow>> batches;
    for (int b = 0; b < count; ++b) {
      batches.push_back(TestRows(b * rows, rows, regions));
      all->insert(all->end(), batches.back().begin(), batches.back().end());
    }
    return batches;
  }

  std::vector<std::string> Keys() {
    auto all = store_->ListAll({});
    EXPECT_TRUE(all.ok());
    std::vector<std::string> keys;
    for (const auto& o : *all) keys.push_back(o.key);
    return keys;
  }

  FakeClock clock_;
  std::string uri_ = "mem://writer-" + std::to_string(reinterpret_cast<uintptr_t>(this)) + "/";
  std::unique_ptr<StoreResolver> stores_;
  ObjectStore* store_ = nullptr;
  uint64_t last_peak_ = 0;
  int64_t closed_for_memory_ = 0;
  int64_t flushes_for_memory_ = 0;
  int64_t closed_for_partitions_ = 0;
};

TEST_F(DatasetWriterTest, EscapedPartitionValuesReadBackThroughTheDatasetReader) {
  std::vector<std::optional<std::string>> regions = {
      "a/b", "x=y", "50%", "c:d", "tab\there", "q?#*", "Zürich", "back\\slash", "[x]^{y}",
      "quote\"'", "sp ace", std::nullopt};
  auto rows = TestRows(0, 48, regions);
  auto files = WriteAll(Csv(), {rows});
  ASSERT_EQ(files.size(), regions.size());
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv), ExpectedRows(rows));
  for (const auto& f : files) {
    ASSERT_EQ(f.partition_values.size(), 1u);
    EXPECT_EQ(f.partition_values[0].first, "region");
    EXPECT_EQ(f.path.find('/'), f.path.rfind('/')) << "one folder level: " << f.path;
  }
  EXPECT_EQ(files[0].path.substr(0, 12), "region=a%2Fb");
  EXPECT_EQ(files[0].partition_values[0].second, "a/b");
}

TEST_F(DatasetWriterTest, PartitionColumnsAreNotStoredInTheFiles) {
  auto files = WriteAll(Csv(), {TestRows(0, 4, {"eu", "us"})});
  ASSERT_EQ(files.size(), 2u);
  auto body = store_->OpenInput("out/" + files[0].path);
  ASSERT_TRUE(body.ok());
  auto text = (*body)->ReadAll();
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "id,note\n0,n0xxxxxx\n2,n2xxxxxx\n");
  EXPECT_EQ(files[0].path.substr(0, 10), "region=eu/");
}

TEST_F(DatasetWriterTest, NullAndEmptyGoToTheDefaultPartition) {
  std::vector<TestRow> rows = {{1, std::nullopt, "a"}, {2, std::string(), "b"}, {3, "x", "c"}};
  auto files = WriteAll(Csv(), {rows});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path.substr(0, 34), "region=__HIVE_DEFAULT_PARTITION__/");
  EXPECT_EQ(files[0].partition_values[0].second, std::nullopt);
  EXPECT_EQ(files[0].rows, 2);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv),
            (std::vector<std::string>{"1|null|a", "2|null|b", "3|x|c"}));
}

TEST_F(DatasetWriterTest, UnknownOrNestedPartitionColumnsAreRefused) {
  DatasetWriteOptions o = Csv();
  o.partition_by = {"regoin"};
  auto missing = DatasetWriter::Open(*store_, "out/", TestSchema(), o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("'regoin' is not in the data (columns: id, region, "
                                            "note)"),
            std::string::npos)
      << missing.status().ToString();

  auto nested = columnar::MakeSchema(
      {columnar::Field("tags", columnar::List(columnar::Field("item", columnar::String())))});
  o.partition_by = {"tags"};
  auto refused = DatasetWriter::Open(*store_, "out/", nested, o);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("'tags' is of type list"), std::string::npos)
      << refused.status().ToString();
}

TEST_F(DatasetWriterTest, ABatchOfAnotherSchemaIsRefused) {
  auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), Csv());
  ASSERT_TRUE(writer.ok());
  columnar::Int64Builder b;
  b.Append(1);
  auto other = columnar::RecordBatch::Make(
      columnar::MakeSchema({columnar::Field("id", columnar::Int64())}), {*b.Finish()}, 1);
  Status st = (*writer)->Write(**other);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
}

TEST_F(DatasetWriterTest, RollsByRowsExactly) {
  DatasetWriteOptions o = Csv();
  o.partition_by = {};
  o.max_rows_per_file = 300;
  auto files = WriteAll(o, {TestRows(0, 250, {"a"}), TestRows(250, 750, {"a"})});
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].rows, 300);
  EXPECT_EQ(files[1].rows, 300);
  EXPECT_EQ(files[2].rows, 300);
  EXPECT_EQ(files[3].rows, 100);
  for (size_t i = 0; i < files.size(); ++i) {
    EXPECT_NE(files[i].path.find("-0000" + std::to_string(i) + ".csv"), std::string::npos)
        << files[i].path;
  }
}

TEST_F(DatasetWriterTest, RollsBySizeWithinARowOfTheLimit) {
  DatasetWriteOptions o = Csv();
  o.partition_by = {};
  o.max_file_size = 10'000;
  // Rows of "id,note\n" with 100-byte notes: 104 to 106 bytes each.
  auto rows = TestRows(0, 1000, {"a"}, 100);
  auto files = WriteAll(o, {rows});
  ASSERT_GE(files.size(), 10u);
  int64_t total = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    total += files[i].rows;
    EXPECT_LE(files[i].size, 10'000u + 106) << i;
    if (i + 1 < files.size()) {
      EXPECT_GE(files[i].size, 10'000u) << i;
    }
  }
  EXPECT_EQ(total, 1000);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv, false), ExpectedRows(rows));
}

TEST_F(DatasetWriterTest, MaxPartitionsClosesTheLeastRecentlyWrittenFile) {
  DatasetWriteOptions o = Csv();
  o.max_partitions = 3;
  std::vector<std::optional<std::string>> regions;
  for (int i = 0; i < 10; ++i) regions.push_back("r" + std::to_string(i));
  auto first = TestRows(0, 10, regions);
  auto second = TestRows(10, 10, regions);
  auto files = WriteAll(o, {first, second});
  // Batch 1 opens r0..r9, closing 7; batch 2 finds r7, r8, r9 open and cycles all ten again.
  EXPECT_EQ(closed_for_partitions_, 17);
  EXPECT_EQ(files.size(), 20u);
  auto all = first;
  all.insert(all.end(), second.begin(), second.end());
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv), ExpectedRows(all));
}

TEST_F(DatasetWriterTest, TheMemoryBudgetClosesFilesAndHoldsItsCap) {
  DatasetWriteOptions o = Csv();
  o.format_options.compression = Codec::kGzip;  // state of ~0.5 MiB per open file
  o.memory_bytes = 2ull << 20;
  std::vector<std::optional<std::string>> regions;
  for (int i = 0; i < 8; ++i) regions.push_back("r" + std::to_string(i));
  auto rows = TestRows(0, 800, regions, 200);
  std::vector<std::vector<TestRow>> batches;
  for (int b = 0; b < 8; ++b) {
    batches.emplace_back(rows.begin() + b * 100, rows.begin() + (b + 1) * 100);
  }
  auto files = WriteAll(o, batches);
  EXPECT_GT(closed_for_memory_, 0);
  EXPECT_EQ(closed_for_partitions_, 0);
  EXPECT_GT(last_peak_, 0u);
  EXPECT_LE(last_peak_, o.memory_bytes);
  // Every file was closed by the budget or is one of the few open at the end (~0.5 MiB each).
  int64_t open_at_finish = static_cast<int64_t>(files.size()) - closed_for_memory_;
  EXPECT_GE(open_at_finish, 1);
  EXPECT_LE(open_at_finish, 4);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv), ExpectedRows(rows));
}

// The writer over a local folder, whose files hold only a small write buffer (a memory store's
// file holds every byte written, so there an early flush frees nothing).
class DatasetWriterLocalTest : public DatasetWriterTest {
 protected:
  void SetUp() override {
    uri_ = "file://" + dir_.path() + "/";
    DatasetWriterTest::SetUp();
  }
  testing::TempDir dir_;
};

// A few large Parquet partitions over the budget: their row groups end early, and each
// partition stays one file (closing files would have cut each into several).
TEST_F(DatasetWriterLocalTest, TheBudgetFlushesLargeRowGroupsBeforeClosingFiles) {
  DatasetWriteOptions o = Csv();
  o.format = FileFormat::kParquet;
  o.memory_bytes = 1ull << 20;
  std::vector<std::optional<std::string>> regions = {"r0", "r1", "r2", "r3"};
  auto rows = TestRows(0, 16000, regions, 200);  // ~0.9 MB PLAIN per partition
  std::vector<std::vector<TestRow>> batches;
  for (int b = 0; b < 8; ++b) {
    batches.emplace_back(rows.begin() + b * 2000, rows.begin() + (b + 1) * 2000);
  }
  auto files = WriteAll(o, batches);
  EXPECT_EQ(files.size(), 4u);
  EXPECT_EQ(closed_for_memory_, 0);
  EXPECT_GT(flushes_for_memory_, 4);
  EXPECT_LE(last_peak_, o.memory_bytes);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kParquet), ExpectedRows(rows));
}

// The issue's target: 1000 partitions open at once under 512 MiB. A zstd stream holds about
// 3 MiB of state, so the budget, not max_partitions, decides how many stay open.
TEST_F(DatasetWriterTest, AThousandCompressedPartitionsStayUnderTheBudget) {
  DatasetWriteOptions o = Csv();
  o.format_options.compression = Codec::kZstd;
  o.max_partitions = 1000;
  o.memory_bytes = 512ull << 20;
  std::vector<TestRow> all;
  auto files = WriteAll(o, SpreadBatches(3, 2000, 1000, &all));
  EXPECT_EQ(closed_for_partitions_, 0);
  EXPECT_GT(closed_for_memory_, 0);
  EXPECT_LE(last_peak_, o.memory_bytes);
  EXPECT_GT(last_peak_, o.memory_bytes / 2);  // the budget was used, not a few files at a time
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv), ExpectedRows(all));
}

// Parquet files are counted at what their column writers hold (dictionaries, hash indexes,
// page buffers), not at the rows' PLAIN size: 100 partitions of 100 rows are ~200 KB PLAIN, under
// a 512 KiB budget, but hold more than 8 KiB each (a 4 KiB hash index per dictionary column
// alone), so the budget must close files. Counting PLAIN, 1000 partitions of the pipeline bench
// held ~4x the budget.
TEST_F(DatasetWriterTest, TheBudgetCountsWhatParquetColumnWritersHold) {
  DatasetWriteOptions o = Csv();
  o.format = FileFormat::kParquet;
  o.memory_bytes = 512ull << 10;
  std::vector<TestRow> all;
  WriteAll(o, SpreadBatches(10, 1000, 100, &all));
  EXPECT_GT(closed_for_memory_, 0);
  EXPECT_EQ(closed_for_partitions_, 0);
  EXPECT_LE(last_peak_, o.memory_bytes);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kParquet), ExpectedRows(all));
}

TEST_F(DatasetWriterTest, EntriesCarryWhatThePublishAnswered) {
  DatasetWriteOptions o = Csv();
  o.partition_by = {};
  auto files = WriteAll(o, {{{3, "eu", "b"}, {1, std::nullopt, "a"}, {2, "us", "c"}}});
  ASSERT_EQ(files.size(), 1u);
  const dataset::DataFile& f = files[0];
  auto stat = store_->Stat("out/" + f.path);
  ASSERT_TRUE(stat.ok()) << stat.status().ToString();
  EXPECT_EQ(f.size, stat->size);
  EXPECT_EQ(f.etag, stat->etag);
  EXPECT_FALSE(f.etag.empty());
  EXPECT_EQ(f.rows, 3);
  EXPECT_EQ(f.modification_time, stat->last_modified);  // the memory store's stamp
  EXPECT_TRUE(f.partition_values.empty());
  EXPECT_EQ(f.stats_json,
            R"({"numRecords":3,"minValues":{"id":1,"region":"eu","note":"a"},)"
            R"("maxValues":{"id":3,"region":"us","note":"c"},)"
            R"("nullCount":{"id":0,"region":1,"note":0}})");
}

TEST_F(DatasetWriterTest, AbortDeletesPublishedFilesAndLeavesNothing) {
  DatasetWriteOptions o = Csv();
  o.max_rows_per_file = 5;  // some files are published before the abort
  auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 23, {"eu", "us"}))).ok());
  EXPECT_FALSE(Keys().empty());
  (*writer)->Abort();
  EXPECT_EQ(Keys(), std::vector<std::string>{});
  EXPECT_EQ((*writer)->Write(*TestBatch(TestRows(0, 1, {"eu"}))).code(), StatusCode::kCancelled);
}

// Several lanes, each on its own thread: every row once, and one file per partition (a
// partition always goes to the same lane).
TEST_F(DatasetWriterTest, LanesWriteEveryRowOnceAndOneFilePerPartition) {
  DatasetWriteOptions o = Csv();
  o.write_threads = 3;
  std::vector<TestRow> all;
  auto files = WriteAll(o, SpreadBatches(10, 500, 20, &all));
  ASSERT_EQ(files.size(), 20u);
  std::set<std::string> folders;
  int64_t rows = 0;
  for (const auto& f : files) {
    folders.insert(f.path.substr(0, f.path.find('/')));
    rows += f.rows;
  }
  EXPECT_EQ(folders.size(), 20u);
  EXPECT_EQ(rows, 5000);
  EXPECT_EQ(closed_for_memory_ + closed_for_partitions_, 0);
  EXPECT_EQ(ReadBackRows(*stores_, uri_ + "out/", FileFormat::kCsv), ExpectedRows(all));
}

// Abort stops the lanes and deletes what they published.
TEST_F(DatasetWriterTest, AbortWithLanesDeletesWhatTheyPublished) {
  DatasetWriteOptions o = Csv();
  o.write_threads = 2;
  o.max_rows_per_file = 5;  // files are published while the lanes write
  auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 200, {"a", "b", "c", "d"}))).ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Keys().empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_FALSE(Keys().empty()) << "no lane published a file";
  (*writer)->Abort();
  EXPECT_EQ(Keys(), std::vector<std::string>{});
  EXPECT_EQ((*writer)->Write(*TestBatch(TestRows(0, 1, {"a"}))).code(), StatusCode::kCancelled);
}

// A store that refuses to create files in one partition folder.
class RefusingFolderStore : public testing::ForwardingStore {
 public:
  RefusingFolderStore(ObjectStore& inner, std::string folder)
      : ForwardingStore(inner), folder_(std::move(folder)) {}
  Result<std::unique_ptr<OutputStream>> OpenOutput(const std::string& key,
                                                   const WriteOptions& o = {}) override {
    if (key.find(folder_) != std::string::npos) return PermissionDeniedError("refused: " + key);
    return inner_.OpenOutput(key, o);
  }

 private:
  std::string folder_;
};

// One lane's error reaches the writer (by Finish at the latest), and the writer then leaves no
// file behind, the other lanes' included.
TEST_F(DatasetWriterTest, ALaneErrorFailsTheWriterAndLeavesNothing) {
  RefusingFolderStore refusing(*store_, "region=r3/");
  DatasetWriteOptions o = Csv();
  o.write_threads = 2;
  o.max_rows_per_file = 50;
  auto writer = DatasetWriter::Open(refusing, "out/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  std::vector<TestRow> all;
  Status failed;
  for (const auto& rows : SpreadBatches(10, 400, 8, &all)) {
    failed = (*writer)->Write(*TestBatch(rows));
    if (!failed.ok()) break;
  }
  if (failed.ok()) failed = (*writer)->Finish().status();
  EXPECT_EQ(failed.code(), StatusCode::kPermissionDenied) << failed.ToString();
  EXPECT_NE(failed.message().find("region=r3/"), std::string::npos) << failed.ToString();
  EXPECT_EQ(Keys(), std::vector<std::string>{});
}

TEST_F(DatasetWriterTest, DestructionBeforeFinishAbortsToo) {
  DatasetWriteOptions o = Csv();
  o.max_rows_per_file = 5;
  {
    auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), o);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 23, {"eu", "us"}))).ok());
  }
  EXPECT_EQ(Keys(), std::vector<std::string>{});
}

TEST_F(DatasetWriterTest, ZeroRowsWriteNoFiles) {
  auto files = WriteAll(Csv(), {{}});
  EXPECT_TRUE(files.empty());
  EXPECT_EQ(Keys(), std::vector<std::string>{});
}

TEST_F(DatasetWriterTest, TheRunIdComesFromTheOptionsOrTheClock) {
  DatasetWriteOptions o = Csv();
  o.run_id = "20260101T000000Z-fixed";
  o.task_index = 7;
  auto files = WriteAll(o, {{{1, "eu", "a"}}});
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, "region=eu/part-20260101T000000Z-fixed-00007-00000.csv");
  auto writer = DatasetWriter::Open(*store_, "out/", TestSchema(), Csv());
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ((*writer)->run_id().substr(0, 17), "20231114T221320Z-");  // FakeClock's start
}

}  // namespace
}  // namespace s3c::write
