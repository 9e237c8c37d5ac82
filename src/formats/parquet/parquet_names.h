// Spec spellings of the Parquet enums (parquet.thrift), for messages and `s3c schema --verbose`.
#pragma once

#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {

const char* PhysicalTypeName(PhysicalType type);         // "INT32", "FIXED_LEN_BYTE_ARRAY", ...
const char* EncodingName(Encoding encoding);              // "RLE_DICTIONARY", ...
const char* CompressionCodecName(CompressionCodec codec);  // "SNAPPY", "LZ4_RAW", ...
// Unknown values (a newer writer's) are "UNKNOWN".

}  // namespace s3c::formats::parquet
