// Reads the Parquet footer (parquet-format README "File Format": ... <metadata> <4-byte length>
// "PAR1") with as few reads as possible: one ReadAt of the last min(size, footer_guess) bytes,
// and exactly one more for the part of the metadata the first read missed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/parquet/range_planner.h"
#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c::formats::parquet {

struct FooterBytes {
  std::string metadata;          // the Thrift FileMetaData bytes
  uint64_t metadata_offset = 0;  // where they start in the file
};

// InvalidArgument naming `name` for a file shorter than 12 bytes, a bad magic or an encrypted
// footer ("encrypted Parquet is not supported"); DataLoss for a metadata length beyond the file.
Result<FooterBytes> ReadFooter(RandomAccessFile& file, uint64_t file_size, uint64_t footer_guess,
                               std::string_view name, FetchCounters* counters);

}  // namespace s3c::formats::parquet
