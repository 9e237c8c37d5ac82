// Reads the Parquet footer (parquet-format README "File Format": ... <metadata> <4-byte length>
// "PAR1") with as few reads as possible: one ReadAt of the last min(size, footer_guess) bytes
// (of the whole file when it is at most whole_object_bytes), and exactly one more for the part
// of the metadata the first read missed. The first read's bytes are kept for the column chunks.
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
  HeldBytes held;                // the first read's bytes
};

// InvalidArgument naming `name` for a file shorter than 12 bytes, a bad magic or an encrypted
// footer ("encrypted Parquet is not supported"); DataLoss for a metadata length beyond the file.
Result<FooterBytes> ReadFooter(RandomAccessFile& file, uint64_t file_size, uint64_t footer_guess,
                               uint64_t whole_object_bytes, std::string_view name,
                               FetchCounters* counters);

}  // namespace s3c::formats::parquet
