// Test helpers shared by the Parquet corpus, bad-data and sanitizer tests (header-only so the
// AddressSanitizer build compiles them with its own flags).
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/io/local_file.h"

namespace s3c::formats::parquet {

// Every *.parquet and *.parquet.encrypted file under dir (recursively), sorted.
inline std::vector<std::string> ListParquetFiles(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    auto ends = [&](const std::string& s) {
      return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
    };
    if (ends(".parquet") || ends(".parquet.encrypted")) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct FileReadOutcome {
  Status status;
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;
  std::shared_ptr<columnar::Schema> schema;
  int64_t rows = 0;
};

// Opens `path` (named by its path in errors) and reads every batch.
inline FileReadOutcome ReadWholeFile(const std::string& path, ParquetReadOptions options = {}) {
  FileReadOutcome out;
  auto file = OpenLocalRandomAccess(path);
  if (!file.ok()) {
    out.status = file.status();
    return out;
  }
  options.object_name = path;
  auto reader =
      ParquetFileReader::Open(std::shared_ptr<RandomAccessFile>(std::move(*file)), options);
  if (!reader.ok()) {
    out.status = reader.status();
    return out;
  }
  out.schema = (*reader)->schema();
  auto batches = (*reader)->ReadBatches();
  if (!batches.ok()) {
    out.status = batches.status();
    return out;
  }
  for (;;) {
    auto b = (*batches)->Next();
    if (!b.ok()) {
      out.status = b.status();
      return out;
    }
    if (*b == nullptr) break;
    out.rows += (*b)->num_rows();
    out.batches.push_back(std::move(*b));
  }
  return out;
}

}  // namespace s3c::formats::parquet
