// JSON writers: a JSON array of objects or JSON Lines, one object per row. Strings are escaped
// per RFC 8259 section 7; floats are the shortest text that round-trips (NaN and infinities,
// which RFC 8259 cannot hold, are written per JsonWriteOptions::non_finite: by default the bare
// tokens NaN, Infinity and -Infinity, which the s3c JSON reader reads back); dates "YYYY-MM-DD"; timestamps ISO 8601
// "YYYY-MM-DDTHH:MM:SS[.fraction]" with "Z" when the type has a time zone; times
// "HH:MM:SS[.fraction]"; decimals as exact numbers; binary as base64 strings; lists as arrays,
// structs as objects, maps as objects (string keys) or arrays of {"key", "value"} objects.
#pragma once

#include <memory>

#include "s3c/common/json_escape.h"
#include "s3c/formats/batch_io.h"
#include "s3c/io/streams.h"

namespace s3c::formats {

struct JsonWriteOptions {
  bool lines = true;              // true: JSON Lines; false: one JSON array
  size_t buffer_bytes = 1 << 20;  // bytes collected before each write to the stream
  // NaN and infinities: bare tokens by default; kNull or kStrings for strict JSON consumers.
  NonFiniteFloats non_finite = NonFiniteFloats::kTokens;
};

// Every batch written must have `schema`'s fields.
Result<std::unique_ptr<BatchWriter>> OpenJsonWriter(std::unique_ptr<OutputStream> output,
                                                    std::shared_ptr<Schema> schema,
                                                    JsonWriteOptions options = {});

}  // namespace s3c::formats
