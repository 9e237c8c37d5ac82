// Test data for the Parquet writer tests: seeded random batches of any columnar type, rich in
// edge values (each int width's min/max, NaN, +-inf, -0.0, empty/long/unicode strings,
// negative decimals of every precision, dates before 1970, timestamps in every unit), and
// small helpers to write and read back files.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/formats/parquet/parquet_writer.h"

namespace s3c::formats::parquet::testdata {

// One column per flat type the writer supports (all nullable except "req_*").
std::shared_ptr<columnar::Schema> FlatSchema();
// list, struct, map, list<struct>, struct with list, nulls at each level.
std::shared_ptr<columnar::Schema> NestedSchema();

// `rows` rows; null_ratio applies at every nullable level.
std::shared_ptr<columnar::RecordBatch> RandomBatch(const std::shared_ptr<columnar::Schema>& schema,
                                                   int64_t rows, uint64_t seed,
                                                   double null_ratio = 0.15);

// Every codec x page version (v1, v2) x dictionary on/off, with 4 KiB pages (several per
// chunk); labels like "snappy-v2-dict".
struct WriteMode {
  std::string label;
  ParquetWriteOptions options;
};
std::vector<WriteMode> EveryWriteMode();

// A fresh path under the system temp folder (unique per call and process).
std::string TempPath(const std::string& name);

Status WriteParquet(const std::string& path,
                    const std::vector<std::shared_ptr<columnar::RecordBatch>>& batches,
                    const ParquetWriteOptions& options);

// Every batch of the file, and the reader (for metadata).
struct ReadBack {
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;
  std::shared_ptr<columnar::Schema> schema;
  int num_row_groups = 0;
};
Result<ReadBack> ReadParquet(const std::string& path);

// The decoded footer of a Parquet file.
Result<FileMetaData> ReadFooter(const std::string& path);

}  // namespace s3c::formats::parquet::testdata

namespace s3c::formats::parquet::testdata {
// `batch` with time64[ns] and zoned timestamp[ns] columns truncated to whole microseconds:
// DuckDB reads those Parquet types at microsecond precision (TIME, TIMESTAMP WITH TIME ZONE).
std::shared_ptr<columnar::RecordBatch> MicrosecondNanos(
    const std::shared_ptr<columnar::RecordBatch>& batch);
}  // namespace s3c::formats::parquet::testdata
