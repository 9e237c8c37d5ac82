// DatasetWriter in every writable format and with compression (dataset_writer.h), read back
// through the dataset reader; Parquet row groups ended early under the memory budget; the
// single-object writer.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/store/local_object_store.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/store_resolver.h"
#include "s3c/write/dataset_writer.h"
#include "support/rgw_stack.h"
#include "write/write_test_data.h"

namespace s3c::write {
namespace {

using formats::FileFormat;

struct FormatCase {
  FileFormat format;
  Codec codec;
  BlockCodec parquet_codec;
  std::string extension;
};

class DatasetWriterFormatsTest : public ::testing::TestWithParam<FormatCase> {};

TEST_P(DatasetWriterFormatsTest, PartitionedOutputReadsBackWithTheExtension) {
  const FormatCase& c = GetParam();
  auto stores = StoreResolver::Make({}, testing::IsolatedAwsEnv());
  ASSERT_TRUE(stores.ok());
  std::string uri = "mem://formats-" + std::string(formats::FileFormatName(c.format)) + "-" +
                    CodecName(c.codec) + "/";
  auto loc = (*stores)->Resolve(uri);
  ASSERT_TRUE(loc.ok());
  DatasetWriteOptions o;
  o.format = c.format;
  o.format_options.compression = c.codec;
  o.format_options.parquet.codec = c.parquet_codec;
  o.partition_by = {"region"};
  o.max_rows_per_file = 40;
  auto writer = DatasetWriter::Open(*loc->store, "t/", TestSchema(), o);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  auto rows = TestRows(0, 150, {"eu", "us", std::nullopt});
  ASSERT_TRUE((*writer)->Write(*TestBatch({rows.begin(), rows.begin() + 70})).ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch({rows.begin() + 70, rows.end()})).ok());
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 6u);  // 50 rows per partition: 40 + 10
  for (const auto& f : *files) {
    EXPECT_EQ(f.path.substr(f.path.size() - c.extension.size()), c.extension) << f.path;
    auto stat = loc->store->Stat("t/" + f.path);
    ASSERT_TRUE(stat.ok());
    EXPECT_EQ(stat->size, f.size);
  }
  EXPECT_EQ(ReadBackRows(**stores, uri + "t/", std::nullopt), ExpectedRows(rows));
}

INSTANTIATE_TEST_SUITE_P(
    EveryFormat, DatasetWriterFormatsTest,
    ::testing::Values(FormatCase{FileFormat::kCsv, Codec::kNone, BlockCodec::kNone, ".csv"},
                      FormatCase{FileFormat::kCsv, Codec::kGzip, BlockCodec::kNone, ".csv.gz"},
                      FormatCase{FileFormat::kTsv, Codec::kZstd, BlockCodec::kNone, ".tsv.zst"},
                      FormatCase{FileFormat::kJson, Codec::kNone, BlockCodec::kNone, ".json"},
                      FormatCase{FileFormat::kJsonLines, Codec::kBzip2, BlockCodec::kNone,
                                 ".jsonl.bz2"},
                      FormatCase{FileFormat::kJsonLines, Codec::kXz, BlockCodec::kNone,
                                 ".jsonl.xz"},
                      FormatCase{FileFormat::kCsv, Codec::kLz4, BlockCodec::kNone, ".csv.lz4"},
                      FormatCase{FileFormat::kParquet, Codec::kNone, BlockCodec::kSnappy,
                                 ".parquet"},
                      FormatCase{FileFormat::kParquet, Codec::kNone, BlockCodec::kZstd,
                                 ".parquet"}),
    [](const auto& info) {
      std::string name = std::string(formats::FileFormatName(info.param.format)) + "_" +
                         CodecName(info.param.codec);
      return info.param.parquet_codec == BlockCodec::kZstd ? name + "_zstd" : name;
    });

// A temporary folder removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("s3c-write-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string path() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path path_;
};

TEST(DatasetWriterParquetTest, RowGroupsEndEarlyUnderTheBudget) {
  TempDir dir;
  auto store = LocalObjectStore::Open(dir.path());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  DatasetWriteOptions o;
  o.format = FileFormat::kParquet;
  o.memory_bytes = 64 << 10;  // row groups would otherwise hold all 20 batches
  auto writer = DatasetWriter::Open(**store, "p/", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  std::vector<TestRow> all;
  for (int b = 0; b < 20; ++b) {
    auto rows = TestRows(b * 200, 200, {"eu"}, 40);
    all.insert(all.end(), rows.begin(), rows.end());
    ASSERT_TRUE((*writer)->Write(*TestBatch(rows)).ok());
  }
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_LE((*writer)->memory_peak(), o.memory_bytes);
  auto file = (*store)->OpenRandomAccess("p/" + (*files)[0].path);
  ASSERT_TRUE(file.ok());
  auto parquet = formats::parquet::ParquetFileReader::Open(std::move(file).value());
  ASSERT_TRUE(parquet.ok()) << parquet.status().ToString();
  EXPECT_GT((*parquet)->num_row_groups(), 1);

  auto stores = StoreResolver::Make({}, testing::IsolatedAwsEnv());
  ASSERT_TRUE(stores.ok());
  EXPECT_EQ(ReadBackRows(**stores, "file://" + dir.path() + "/p/", std::nullopt, false),
            ExpectedRows(all));
}

TEST(DatasetWriterParquetTest, RollsBySizeCountingTheOpenRowGroup) {
  MemoryObjectStore store("parquet-size");
  DatasetWriteOptions o;
  o.format = FileFormat::kParquet;
  o.format_options.parquet.codec = BlockCodec::kNone;
  o.format_options.parquet.dictionary = false;
  o.max_file_size = 64 << 10;
  o.format_options.parquet.row_group_bytes = 16 << 10;
  auto writer = DatasetWriter::Open(store, "", TestSchema(), o);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 10'000, {"eu"}, 40))).ok());
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_GT(files->size(), 5u);
  int64_t rows = 0;
  for (const auto& f : *files) {
    rows += f.rows;
    EXPECT_LE(f.size, (64u << 10) + (4u << 10)) << f.path;  // a footer's worth over at most
  }
  EXPECT_EQ(rows, 10'000);
}

TEST(SingleObjectWriterTest, WritesExactlyOneObjectAtTheKey) {
  MemoryObjectStore store("single");
  formats::FormatWriteOptions options;
  options.compression = Codec::kGzip;
  auto writer = SingleObjectWriter::Open(store, "out/data.csv.gz", TestSchema(),
                                         FileFormat::kCsv, options);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 10, {"eu", std::nullopt}))).ok());
  auto file = (*writer)->Close();
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto all = store.ListAll({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].key, "out/data.csv.gz");
  EXPECT_EQ(file->path, "out/data.csv.gz");
  EXPECT_EQ(file->size, (*all)[0].size);
  EXPECT_EQ(file->etag, (*all)[0].etag);
  EXPECT_EQ(file->rows, 10);
  EXPECT_TRUE(file->partition_values.empty());
}

TEST(SingleObjectWriterTest, AbortPublishesNothingAndAFolderIsRefused) {
  MemoryObjectStore store("single-abort");
  auto writer = SingleObjectWriter::Open(store, "x.parquet", TestSchema(), FileFormat::kParquet,
                                         {});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Write(*TestBatch(TestRows(0, 10, {"eu"}))).ok());
  (*writer)->Abort();
  auto all = store.ListAll({});
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  EXPECT_EQ(SingleObjectWriter::Open(store, "folder/", TestSchema(), FileFormat::kCsv, {})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c::write
