// parquet-testing/bad_data: every file fails with a clear error Status naming the file, or
// reads (only where DuckDB reads it too) -- never a crash, a hang or an unbounded allocation.
// Built into formats_parquet_asan_test (reader_targets.cmake) with AddressSanitizer, whose
// options below make any single allocation above 1 GiB, or a process above 4 GiB resident, a
// test failure instead of a swap storm.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "formats/parquet/parquet_test_files.h"
#include "support/corpus.h"

#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __asan_default_options() {
  return "max_allocation_size_mb=1024:allocator_may_return_null=0:hard_rss_limit_mb=4096:"
         "detect_leaks=1:abort_on_error=0";
}
#endif

namespace s3c::formats::parquet {
namespace {

// The files DuckDB 1.x reads (checked with `SELECT * FROM read_parquet(...)` through
// tests/oracle): reading them is not an error for us either; we may also reject them, with a
// clear message, when their damage is one DuckDB does not check (see the comments).
const std::set<std::string> kDuckDbReads = {
    "ARROW-GH-43605.parquet",  // RLE dictionary indices of bit width 0: all index 0
    "ARROW-GH-45185.parquet",  // repetition levels starting at 1: read as a new record
    // Too few repetition levels: DuckDB reads it, s3c reports the page overrunning its chunk.
    "ARROW-RS-GH-6229-LEVELS.parquet",
};

TEST(ParquetBadDataTest, EveryFileFailsCleanlyOrReads) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/bad_data");
  const std::vector<std::string> files = ListParquetFiles(dir);
  ASSERT_GE(files.size(), 8u);
  for (const std::string& path : files) {
    const std::string name = std::filesystem::path(path).filename().string();
    SCOPED_TRACE(name);
    FileReadOutcome out = ReadWholeFile(path);
    if (out.status.ok()) {
      EXPECT_TRUE(kDuckDbReads.count(name)) << "read " << out.rows << " rows of a corrupt file "
                                            << "that DuckDB rejects";
      continue;
    }
    const StatusCode code = out.status.code();
    EXPECT_TRUE(code == StatusCode::kDataLoss || code == StatusCode::kInvalidArgument ||
                code == StatusCode::kUnimplemented)
        << out.status.ToString();
    EXPECT_NE(out.status.message().find(name), std::string::npos) << out.status.ToString();
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
