// Test hook of the JSON reader: the same reader with the flat-record fast path (flat_record.h)
// switched on or off, so tests can check that both give the same batches, errors and rejects.
#pragma once

#include <memory>

#include "s3c/formats/json/json_reader.h"

namespace s3c::formats::json_internal {

Result<std::unique_ptr<BatchReader>> OpenJsonReaderForTest(std::unique_ptr<InputStream> input,
                                                           JsonReadOptions options, bool fast_path);

}  // namespace s3c::formats::json_internal
