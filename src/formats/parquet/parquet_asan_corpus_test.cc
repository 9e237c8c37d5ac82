// Runs in formats_parquet_asan_test (reader_targets.cmake): every parquet-testing data file is
// read completely by the AddressSanitizer-instrumented library. Correctness against DuckDB is
// formats_parquet_corpus_test's job; this pass finds memory errors on the same inputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "formats/parquet/parquet_test_files.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {
namespace {

TEST(ParquetAsanCorpusTest, EveryDataFileReadsOrFailsCleanly) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  const std::vector<std::string> files = ListParquetFiles(dir);
  ASSERT_GT(files.size(), 50u);
  int read = 0;
  bool large_seen = false;
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    // Its 2 GiB of strings are over this build's 1 GiB allocation and 4 GiB resident limits
    // (parquet_bad_data_test.cc); the corpus test reads it uninstrumented.
    if (std::filesystem::path(path).filename() == "large_string_map.brotli.parquet") {
      large_seen = true;
      continue;
    }
    FileReadOutcome out = ReadWholeFile(path);
    if (out.status.ok()) {
      ++read;
    } else {
      // Failures must name the file (the message is for a person).
      EXPECT_NE(out.status.message().find(std::filesystem::path(path).filename().string()),
                std::string::npos)
          << out.status.ToString();
    }
  }
  EXPECT_TRUE(large_seen);
  EXPECT_GT(read, 40);
}

}  // namespace
}  // namespace s3c::formats::parquet
