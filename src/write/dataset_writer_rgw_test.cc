// DatasetWriter and SingleObjectWriter on S3 (the loopback RGW server): the entries' ETags and
// sizes come from PutObject / CompleteMultipartUpload (no HEAD), the output reads back through
// the dataset reader, 1000 open partitions stay inside the budget, abort leaves nothing.
#include <gtest/gtest.h>

#include "s3c/store/store_resolver.h"
#include "s3c/write/dataset_writer.h"
#include "support/rgw_lake.h"
#include "write/write_test_data.h"

namespace s3c::write {
namespace {

using formats::FileFormat;

class DatasetWriterRgwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rgw = testing::LoadRgwSettings();
    if (!rgw) GTEST_SKIP() << testing::RgwUnavailableReason();
    S3StackOptions s3 = testing::RgwStackOptions(*rgw);
    s3.part_size = 5ull << 20;
    auto root = testing::MakeRgwRoot(*rgw, s3, "write");
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    stores_ = std::move(root->stores);
    root_ = root->uri;
    store_ = root->store;
    prefix_ = root->key;
  }

  uint64_t Sent(const std::string& op) {
    return stores_->RequestStatistics().requests[op] - mark_.requests[op];
  }
  void Mark() { mark_ = stores_->RequestStatistics(); }

  std::vector<std::string> Keys() {
    auto all = store_->ListAll({prefix_, "", "", 0});
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    std::vector<std::string> keys;
    if (all.ok()) {
      for (const auto& o : *all) keys.push_back(o.key);
    }
    return keys;
  }

  std::unique_ptr<StoreResolver> stores_;
  std::string root_;
  std::string prefix_;
  ObjectStore* store_ = nullptr;
  StoreRequestStats mark_;
};

TEST_F(DatasetWriterRgwTest, PartitionedGzipCsvReadsBackAndEntriesMatchTheObjects) {
  DatasetWriteOptions o;
  o.format = FileFormat::kCsv;
  o.format_options.compression = Codec::kGzip;
  o.partition_by = {"region"};
  o.max_rows_per_file = 30;
  auto rows = TestRows(0, 100, {"eu/west", "us:1", "50%", std::nullopt});
  Mark();
  auto writer = DatasetWriter::Open(*store_, prefix_ + "csv/", TestSchema(), o);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Write(*TestBatch(rows)).ok());
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 4u);  // 25 rows per partition, one file each
  EXPECT_EQ(Sent("PutObject"), 4u);
  EXPECT_EQ(Sent("HeadObject"), 0u);
  EXPECT_EQ(Sent("ListObjectsV2"), 0u);
  for (const auto& f : *files) {
    auto stat = store_->Stat(prefix_ + "csv/" + f.path);
    ASSERT_TRUE(stat.ok()) << f.path << ": " << stat.status().ToString();
    EXPECT_EQ(f.etag, stat->etag);
    EXPECT_EQ(f.size, stat->size);
    EXPECT_EQ(f.rows, 25);
  }
  EXPECT_EQ(ReadBackRows(*stores_, root_ + "csv/", std::nullopt), ExpectedRows(rows));
}

TEST_F(DatasetWriterRgwTest, ASingleKeyAboveThePartSizeIsOneMultipartUpload) {
  Mark();
  auto writer = SingleObjectWriter::Open(*store_, prefix_ + "one.jsonl", TestSchema(),
                                         FileFormat::kJsonLines, {});
  ASSERT_TRUE(writer.ok());
  auto rows = TestRows(0, 60'000, {"eu", "us"}, 100);  // ~8 MiB of JSON Lines
  ASSERT_TRUE((*writer)->Write(*TestBatch(rows)).ok());
  auto file = (*writer)->Close();
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(Sent("CreateMultipartUpload"), 1u);
  EXPECT_EQ(Sent("CompleteMultipartUpload"), 1u);
  EXPECT_EQ(Sent("PutObject"), 0u);
  EXPECT_EQ(Sent("HeadObject"), 0u);
  EXPECT_EQ(Keys(), std::vector<std::string>{prefix_ + "one.jsonl"});
  auto stat = store_->Stat(prefix_ + "one.jsonl");
  ASSERT_TRUE(stat.ok());
  EXPECT_EQ(file->etag, stat->etag);
  EXPECT_EQ(file->size, stat->size);
  EXPECT_GT(file->size, 5u << 20);
  EXPECT_EQ(file->rows, 60'000);
}

TEST_F(DatasetWriterRgwTest, AThousandOpenPartitionsStayInsideTheBudget) {
  DatasetWriteOptions o;
  o.format = FileFormat::kParquet;
  o.format_options.parquet.codec = BlockCodec::kZstd;
  o.partition_by = {"region"};
  o.max_partitions = 1000;
  o.memory_bytes = 512ull << 20;
  std::vector<std::optional<std::string>> regions;
  for (int i = 0; i < 1000; ++i) regions.push_back("r" + std::to_string(i));
  auto writer = DatasetWriter::Open(*store_, prefix_ + "many/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  std::vector<TestRow> all;
  for (int b = 0; b < 3; ++b) {
    auto rows = TestRows(b * 2000, 2000, regions);
    all.insert(all.end(), rows.begin(), rows.end());
    ASSERT_TRUE((*writer)->Write(*TestBatch(rows)).ok());
  }
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(files->size(), 1000u);
  EXPECT_EQ((*writer)->files_closed_for_partitions(), 0);
  EXPECT_EQ((*writer)->files_closed_for_memory(), 0);
  EXPECT_GT((*writer)->memory_peak(), 0u);
  EXPECT_LE((*writer)->memory_peak(), o.memory_bytes);
  EXPECT_EQ(ReadBackRows(*stores_, root_ + "many/", std::nullopt), ExpectedRows(all));
}

TEST_F(DatasetWriterRgwTest, AbortLeavesNothing) {
  DatasetWriteOptions o;
  o.format = FileFormat::kParquet;
  o.partition_by = {"region"};
  o.max_rows_per_file = 10;
  o.write_threads = 1;  // files are published inside Write()
  auto writer = DatasetWriter::Open(*store_, prefix_ + "gone/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 55, {"eu", "us"}))).ok());
  EXPECT_FALSE(Keys().empty());  // rolled files are published already
  (*writer)->Abort();
  EXPECT_EQ(Keys(), std::vector<std::string>{});
}

}  // namespace
}  // namespace s3c::write
