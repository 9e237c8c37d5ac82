// The Parquet page-encoding fuzz entry, callable without libFuzzer (formats_parquet_encodings_test
// runs it in a smoke test).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::fuzz {

enum class ParquetPageFuzzOutcome { kDecoded, kRejected };

// data[0] picks a decoder of src/formats/parquet/encodings.h and its bit width, value width,
// maximum level, dictionary size or value count; the rest is the encoded input. Aborts when an
// invariant breaks: an error other than DataLoss, more bytes consumed than given, or decoded
// values that, encoded again and decoded, differ (for the RLE hybrid, also a decode in small
// chunks that differs from one in a single call).
ParquetPageFuzzOutcome RunParquetPageFuzzInput(const uint8_t* data, size_t size);

}  // namespace s3c::fuzz
