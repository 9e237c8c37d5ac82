// OpenLakeRead of a single S3 key on the loopback RGW server (lake_read.h): no HEAD, and the
// exact GETs of each format; a key that is a folder, a missing key, the virtual columns that
// keep the HEAD, and an object replaced between the Parquet footer and its column chunks.
#include <gtest/gtest.h>

#include <random>

#include "dataset/dataset_test_util.h"
#include "s3c/codec/codec.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/formats/format_registry.h"
#include "s3c/store/store_resolver.h"
#include "support/rgw_lake.h"

namespace s3c::dataset {
namespace {

// `rows` lines of "id,name" with names of 24 random letters (they do not compress).
std::string CsvRows(int rows, uint32_t seed) {
  std::mt19937 gen(seed);
  std::string out = "id,name\n";
  for (int i = 0; i < rows; ++i) {
    out += std::to_string(i) + ",";
    for (int c = 0; c < 24; ++c) out += static_cast<char>('a' + gen() % 26);
    out += "\n";
  }
  return out;
}

class LakeReadRgwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rgw = testing::LoadRgwSettings();
    if (!rgw) GTEST_SKIP() << testing::RgwUnavailableReason();
    auto root = testing::MakeRgwRoot(*rgw, testing::RgwStackOptions(*rgw), "lake-one");
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    stores_ = std::move(root->stores);
    root_ = root->uri;
    store_ = root->store;
    prefix_ = root->key;
  }

  void Put(const std::string& name, std::string data) {
    auto put = store_->Put(prefix_ + name, std::move(data));
    ASSERT_TRUE(put.ok()) << name << ": " << put.status().ToString();
  }

  // Writes `csv` as Parquet (no block compression, `group_rows` rows per row group) at `name`.
  void PutParquet(const std::string& name, const std::string& csv, int64_t group_rows) {
    formats::FormatWriteOptions options;
    options.parquet.codec = BlockCodec::kNone;
    options.parquet.row_group_rows = group_rows;
    auto written = testing::PutParquetFromCsv(*stores_, *store_, prefix_ + name, csv, options);
    ASSERT_TRUE(written.ok()) << name << ": " << written.status().ToString();
  }

  // Requests of `op` sent since the last call of Mark().
  uint64_t Sent(const std::string& op) {
    StoreRequestStats now = stores_->RequestStatistics();
    return now.requests[op] - mark_.requests[op];
  }
  void Mark() { mark_ = stores_->RequestStatistics(); }

  // Opens and reads `name` (relative to the test's prefix); the rows' text, or "error: ...".
  std::string ReadText(const std::string& name, LakeReadOptions options = {}) {
    auto lake = OpenLakeRead(*stores_, root_ + name, std::move(options));
    if (!lake.ok()) return "error: " + lake.status().ToString();
    return ReadAllText(*lake->scan);
  }

  std::unique_ptr<StoreResolver> stores_;
  std::string root_;    // s3://bucket/prefix/
  std::string prefix_;  // the prefix, as a key
  ObjectStore* store_ = nullptr;
  StoreRequestStats mark_;
};

TEST_F(LakeReadRgwTest, TextFormatsCostTheirFirstGetAlone) {
  Put("one.csv", "a,b\n1,x\n2,y\n");
  auto gz = Compress(Codec::kGzip, "a,b\n3,z\n");
  ASSERT_TRUE(gz.ok());
  Put("one.csv.gz", *gz);
  Put("one.jsonl", "{\"a\":4}\n{\"a\":5}\n");
  struct Case {
    std::string name, rows;
  };
  for (const Case& c : {Case{"one.csv", "[1, 2]\n[\"x\", \"y\"]\n"},
                        Case{"one.csv.gz", "[3]\n[\"z\"]\n"}, Case{"one.jsonl", "[4, 5]\n"}}) {
    Mark();
    EXPECT_EQ(ReadText(c.name), c.rows) << c.name;
    // Schema inference and the read share one reader: one GET gives the bytes, size and ETag.
    EXPECT_EQ(Sent("GetObject"), 1u) << c.name;
    EXPECT_EQ(Sent("HeadObject"), 0u) << c.name;
    EXPECT_EQ(Sent("ListObjectsV2"), 0u) << c.name;
  }
}

// Reads `lake`'s scan to its end; the rows.
int64_t CountRows(LakeRead& lake) {
  int64_t rows = 0;
  while (true) {
    auto batch = lake.scan->Next();
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (!batch.ok() || *batch == nullptr) return rows;
    rows += (*batch)->num_rows();
  }
}

TEST_F(LakeReadRgwTest, ParquetIsOneSuffixGetThenItsColumnChunks) {
  // Two row groups of about 150 KB each: neither lies inside the 64 KiB the footer GET brings.
  // (The object is not read whole at its open: whole_object_bytes 0.)
  const std::string csv = CsvRows(10000, 1);
  PutParquet("big.parquet", csv, 5000);
  LakeReadOptions options;
  options.scan.dataset.read.parquet.whole_object_bytes = 0;
  Mark();
  auto lake = OpenLakeRead(*stores_, root_ + "big.parquet", options);
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  EXPECT_EQ(Sent("GetObject"), 1u);  // the footer, by a suffix range (size and ETag with it)
  EXPECT_EQ(Sent("HeadObject"), 0u);
  EXPECT_EQ(lake->scan->schema()->num_fields(), 2);
  EXPECT_EQ(CountRows(*lake), 10000);
  // One merged range per row group (both columns are adjacent).
  EXPECT_EQ(Sent("GetObject"), 3u);
  EXPECT_EQ(Sent("HeadObject") + Sent("ListObjectsV2"), 0u);
}

TEST_F(LakeReadRgwTest, ParquetUnderWholeObjectBytesIsTheSuffixThenTheRest) {
  // About 300 KB, under the default whole_object_bytes (1 MiB): the open's suffix GET gives the
  // size, one more GET the bytes before that suffix; no byte is fetched twice and the column
  // chunks cost no request.
  PutParquet("mid.parquet", CsvRows(10000, 1), 5000);
  auto size = store_->Stat(prefix_ + "mid.parquet");
  ASSERT_TRUE(size.ok());
  ASSERT_GT(size->size, 128u << 10);
  Mark();
  const uint64_t bytes_before = stores_->RequestStatistics().bytes_downloaded;
  auto lake = OpenLakeRead(*stores_, root_ + "mid.parquet", {});
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  EXPECT_EQ(Sent("GetObject"), 2u);
  EXPECT_EQ(CountRows(*lake), 10000);
  EXPECT_EQ(Sent("GetObject"), 2u);
  EXPECT_EQ(Sent("HeadObject") + Sent("ListObjectsV2"), 0u);
  EXPECT_EQ(stores_->RequestStatistics().bytes_downloaded - bytes_before, size->size);
}

TEST_F(LakeReadRgwTest, ParquetListedUnderWholeObjectBytesIsOneGet) {
  // Listed (size and ETag known): one GET of the whole object, chunks included.
  PutParquet("dir/a.parquet", CsvRows(10000, 1), 5000);
  PutParquet("dir/b.parquet", CsvRows(10000, 2), 5000);
  Mark();
  auto lake = OpenLakeRead(*stores_, root_ + "dir/", {});
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  EXPECT_EQ(CountRows(*lake), 20000);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  EXPECT_EQ(Sent("GetObject"), 2u);
  // With whole_object_bytes 0: the footer, then one GET per row group (adjacent chunks merged).
  LakeReadOptions options;
  options.scan.dataset.read.parquet.whole_object_bytes = 0;
  Mark();
  lake = OpenLakeRead(*stores_, root_ + "dir/", options);
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  EXPECT_EQ(CountRows(*lake), 20000);
  EXPECT_EQ(Sent("GetObject"), 6u);
}

TEST_F(LakeReadRgwTest, ParquetSmallerThanTheFooterGuessIsOneGet) {
  PutParquet("small.parquet", "id,name\n1,x\n2,y\n3,z\n", 2);
  Mark();
  EXPECT_EQ(ReadText("small.parquet"), "[1, 2]\n[\"x\", \"y\"]\n[3]\n[\"z\"]\n");
  // The suffix GET returned the whole object: the column chunks are read from it.
  EXPECT_EQ(Sent("GetObject"), 1u);
  EXPECT_EQ(Sent("HeadObject"), 0u);
}

TEST_F(LakeReadRgwTest, AKeyThatIsAFolderIsReadAsOne) {
  Put("folder/a.csv", "v\n1\n");
  Put("folder/b.csv", "v\n2\n");
  LakeReadOptions csv;
  csv.scan.dataset.format = formats::FileFormat::kCsv;
  Mark();
  auto lake = OpenLakeRead(*stores_, root_ + "folder", csv);
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  EXPECT_EQ(lake->listing.root_prefix, prefix_ + "folder/");
  EXPECT_FALSE(lake->listing.key_unchecked);
  EXPECT_EQ(ReadAllText(*lake->scan), "[1]\n[2]\n");
  // The GET that found no object "folder", one LIST, a GET per file.
  EXPECT_EQ(Sent("GetObject"), 3u);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  EXPECT_EQ(Sent("HeadObject"), 0u);
  // Without a format the name tells none, so the key cannot be read as an object: a HEAD asks
  // whether it is one before the LIST.
  Mark();
  EXPECT_EQ(ReadText("folder"), "[1]\n[2]\n");
  EXPECT_EQ(Sent("HeadObject"), 1u);
  EXPECT_EQ(Sent("GetObject"), 2u);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
}

TEST_F(LakeReadRgwTest, AMissingKeyIsNotFoundAsAfterAHead) {
  Mark();
  auto missing = OpenLakeRead(*stores_, root_ + "nope.csv", {});
  ASSERT_EQ(missing.status().code(), StatusCode::kNotFound) << missing.status().ToString();
  EXPECT_EQ(missing.status().message(), root_ + "nope.csv: no object matches");
  EXPECT_EQ(Sent("GetObject"), 1u);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  EXPECT_EQ(Sent("HeadObject"), 0u);
  // The listing alone still sends the HEAD: the same message.
  auto listed = ListLake(*stores_, root_ + "nope.csv", {});
  ASSERT_EQ(listed.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(listed.status().message(), missing.status().message());
}

TEST_F(LakeReadRgwTest, DetailColumnsKeepTheHead) {
  Put("v.csv", "a\n1\n");
  LakeReadOptions options;
  options.scan.columns = {"a", "_size"};
  Mark();
  EXPECT_EQ(ReadText("v.csv", options), "[1]\n[4]\n");
  EXPECT_EQ(Sent("HeadObject"), 1u);
  // _key needs no detail: no HEAD.
  options.scan.columns = {"a"};
  options.scan.where = "_key LIKE '%v.csv'";
  Mark();
  EXPECT_EQ(ReadText("v.csv", options), "[1]\n");
  EXPECT_EQ(Sent("HeadObject"), 0u);
  // A filter on _etag needs it again.
  options.scan.where = "_etag <> ''";
  Mark();
  EXPECT_EQ(ReadText("v.csv", options), "[1]\n");
  EXPECT_EQ(Sent("HeadObject"), 1u);
}

TEST_F(LakeReadRgwTest, ParquetReplacedAfterItsFooterIsAborted) {
  const std::string csv = CsvRows(10000, 2);
  PutParquet("moving.parquet", csv, 5000);
  LakeReadOptions options;  // the chunks are read after the open (else it reads them all)
  options.scan.dataset.read.parquet.whole_object_bytes = 0;
  auto lake = OpenLakeRead(*stores_, root_ + "moving.parquet", options);
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  PutParquet("moving.parquet", CsvRows(10000, 3), 5000);  // other bytes, another ETag
  auto batch = lake->scan->Next();
  ASSERT_FALSE(batch.ok()) << "read a replaced object";
  EXPECT_EQ(batch.status().code(), StatusCode::kAborted) << batch.status().ToString();
  EXPECT_NE(batch.status().message().find("changed while being read"), std::string::npos)
      << batch.status().ToString();
}

TEST_F(LakeReadRgwTest, ParquetReadWholeAtItsOpenIsTheVersionItOpened) {
  PutParquet("moving.parquet", CsvRows(10000, 2), 5000);
  auto lake = OpenLakeRead(*stores_, root_ + "moving.parquet", {});
  ASSERT_TRUE(lake.ok()) << lake.status().ToString();
  PutParquet("moving.parquet", CsvRows(20000, 3), 5000);  // replaced after the open
  EXPECT_EQ(CountRows(*lake), 10000);
}

}  // namespace
}  // namespace s3c::dataset
