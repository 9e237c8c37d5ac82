// parquet-testing ships some files with a *_expect.csv of their rows: a second oracle, beside
// DuckDB, for the corpus test (parquet_corpus_test.cc).
#pragma once

#include <string>

#include "formats/parquet/parquet_test_files.h"

namespace s3c::formats::parquet {

// Adds a test failure for each differing value (up to 10) between `read` and the CSV at
// csv_path. Columns match by position (the CSV headers are not always the file's names); an
// unquoted empty cell is null.
void CompareWithExpectCsv(const std::string& csv_path, const FileReadOutcome& read);

}  // namespace s3c::formats::parquet
