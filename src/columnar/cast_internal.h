// Shared pieces of the cast families (cast.cc dispatches; cast_numeric.cc, cast_string.cc and
// cast_temporal.cc convert).
#pragma once

#include <memory>
#include <string_view>

#include "s3c/columnar/array.h"
#include "s3c/columnar/cast.h"

namespace s3c::columnar::internal {

// InvalidArgument "cannot cast '<value>' at row <row> to <type>[: <reason>]".
Status CastValueError(const Array& from, int64_t row, const DataType& to,
                      std::string_view reason = {});
// The validity of `array` as a bitmap starting at bit 0, or nullptr when it has no nulls.
std::shared_ptr<Buffer> CopyValidity(const Array& array);
// An array of `to` with the nulls of `from` and the given values buffer (offset 0).
std::shared_ptr<Array> WithValues(const Array& from, const DataType& to,
                                  std::shared_ptr<Buffer> values);

// Each family handles the pairs its CanCast* accepts.
bool CanCastNumeric(const DataType& from, const DataType& to);
Result<std::shared_ptr<Array>> CastNumeric(const Array& from, const DataType& to,
                                           const CastOptions& options);
bool CanCastString(const DataType& from, const DataType& to);
Result<std::shared_ptr<Array>> CastString(const Array& from, const DataType& to,
                                          const CastOptions& options);
bool CanCastTemporal(const DataType& from, const DataType& to);
Result<std::shared_ptr<Array>> CastTemporal(const Array& from, const DataType& to,
                                            const CastOptions& options);

}  // namespace s3c::columnar::internal
