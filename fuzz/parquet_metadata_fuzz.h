// The Parquet metadata fuzz entry, callable without libFuzzer (formats_parquet_metadata_test's
// smoke test uses it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::fuzz {

// Feeds the bytes to DecodeFileMetaData, DecodePageHeader, DecodeColumnIndex and
// DecodeOffsetIndex (and their last 8 bytes to ParseFooterTail). Returns how many of the four
// decoders accepted the input. Aborts when an invariant breaks: an error that is not
// InvalidArgument, DataLoss or OutOfRange with the byte offset in its message; a page header
// size beyond the input; a decoded value that Encode -> Decode does not give back unchanged.
int RunParquetMetadataFuzzInput(const uint8_t* data, size_t size);

}  // namespace s3c::fuzz
