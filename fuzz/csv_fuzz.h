// The CSV fuzz entry, callable without libFuzzer (formats_csv_test's smoke test uses it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::fuzz {

enum class CsvFuzzOutcome { kRead, kRejected };

// data[0] picks the dialect and reader options: bits 0-1 delimiter (',' '\t' '|' ';'), bit 2
// quote '\'' instead of '"', bit 3 escape '\\' instead of doubled quotes, bit 4 no header,
// bit 5 ragged rows padded with nulls, bit 6 skip bad records, bit 7 every column a string
// (otherwise types are inferred; with bits 3 and 7 both clear, '#' comments and trimmed
// whitespace too). The rest is the input, read in small batches. Aborts when an invariant
// breaks: an error other than InvalidArgument, batches that differ from the reader's schema or
// row counter, or (for schemas of strings, int64 and bool) batches that, written with the same
// dialect and read back with their schema, differ.
CsvFuzzOutcome RunCsvFuzzInput(const uint8_t* data, size_t size);

}  // namespace s3c::fuzz
