// DuckDB reads what a write task wrote (tests/support/duckdb_oracle.h): a Hive-partitioned
// output in Parquet and in gzip CSV, read with hive_partitioning = true, gives back every row
// with its types (partition values escaped as DuckDB decodes them, NULL as
// __HIVE_DEFAULT_PARTITION__, a date folder typed DATE by DuckDB's autocast).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/store/local_object_store.h"
#include "s3c/write/dataset_writer.h"
#include "support/duckdb_oracle.h"

namespace s3c::write {
namespace {

using formats::FileFormat;

std::shared_ptr<columnar::RecordBatch> Rows(bool partition_columns_last) {
  const char* regions[] = {"eu/west", "x=y:z", "50% off", nullptr};
  columnar::Int64Builder ids;
  columnar::StringBuilder notes, region;
  columnar::Date32Builder days;
  for (int i = 0; i < 40; ++i) {
    ids.Append(i);
    notes.Append("note " + std::to_string(i));
    if (const char* r = regions[i % 4]) {
      region.Append(r);
    } else {
      region.AppendNull();
    }
    days.Append(19723 + i % 3);  // 2024-01-01 .. 2024-01-03
  }
  auto id = *ids.Finish();
  auto note = *notes.Finish();
  auto reg = *region.Finish();
  auto day = *days.Finish();
  std::vector<columnar::Field> fields;
  std::vector<std::shared_ptr<columnar::Array>> columns;
  if (partition_columns_last) {
    fields = {columnar::Field("id", columnar::Int64()), columnar::Field("note", columnar::String()),
              columnar::Field("region", columnar::String()),
              columnar::Field("day", columnar::Date32())};
    columns = {id, note, reg, day};
  } else {  // as the writer receives them: partition columns in the middle
    fields = {columnar::Field("day", columnar::Date32()), columnar::Field("id", columnar::Int64()),
              columnar::Field("region", columnar::String()),
              columnar::Field("note", columnar::String())};
    columns = {day, id, reg, note};
  }
  return *columnar::RecordBatch::Make(columnar::MakeSchema(fields), columns, 40);
}

class WriteDuckDbTest : public ::testing::TestWithParam<FileFormat> {
 protected:
  void SetUp() override {
    std::string why;
    if (!testing::DuckDbAvailable(&why)) {
      if (testing::DuckDbRequired()) FAIL() << why;
      GTEST_SKIP() << why;
    }
    dir_ = std::filesystem::temp_directory_path() /
           ("s3c-write-duckdb-" + std::to_string(::getpid()) + "-" +
            formats::FileFormatName(GetParam()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

TEST_P(WriteDuckDbTest, DuckDbReadsThePartitionedOutputWithTypes) {
  auto store = LocalObjectStore::Open(dir_.string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  DatasetWriteOptions o;
  o.format = GetParam();
  if (o.format == FileFormat::kCsv) o.format_options.compression = Codec::kGzip;
  o.partition_by = {"region", "day"};
  o.max_rows_per_file = 3;
  auto input = Rows(false);
  auto writer = DatasetWriter::Open(**store, "t/", input->schema(), o);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ASSERT_TRUE((*writer)->Write(*input).ok());
  auto files = (*writer)->Finish();
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  ASSERT_GT(files->size(), 12u);  // 12 partitions, some rolled

  std::string glob = (dir_ / "t").string() + "/**/*" +
                     (o.format == FileFormat::kCsv ? ".csv.gz" : ".parquet");
  std::string reader = o.format == FileFormat::kCsv ? "read_csv" : "read_parquet";
  auto table = testing::DuckDbQuery("SELECT id, note, region, day FROM " + reader + "(" +
                                    testing::SqlQuote(glob) +
                                    ", hive_partitioning = true) ORDER BY id");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::vector<std::string> types;
  for (const auto& c : table->columns) types.push_back(c.name + " " + c.type);
  EXPECT_EQ(types, (std::vector<std::string>{"id BIGINT", "note VARCHAR", "region VARCHAR",
                                              "day DATE"}));
  EXPECT_EQ(table->rows, testing::CanonicalRows(*Rows(true)));
}

INSTANTIATE_TEST_SUITE_P(ParquetAndCsv, WriteDuckDbTest,
                         ::testing::Values(FileFormat::kParquet, FileFormat::kCsv),
                         [](const auto& info) {
                           return std::string(formats::FileFormatName(info.param));
                         });

}  // namespace
}  // namespace s3c::write
