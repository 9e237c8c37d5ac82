#include "formats/parquet/column_statistics.h"

namespace s3c::formats::parquet {

SortOrder SortOrderFor(PhysicalType physical, bool unsigned_int, bool decimal) {
  switch (physical) {
    case PhysicalType::kInt32:
    case PhysicalType::kInt64:
      return unsigned_int ? SortOrder::kUnsigned : SortOrder::kSigned;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      return SortOrder::kFloat;
    case PhysicalType::kBoolean:
      return SortOrder::kSigned;
    case PhysicalType::kFixedLenByteArray:
      return decimal ? SortOrder::kSignedBytes : SortOrder::kBytes;
    default:
      return SortOrder::kBytes;
  }
}

bool BytesMinMax::Less(std::string_view a, std::string_view b) const {
  if (order_ == SortOrder::kSignedBytes && !a.empty() && !b.empty() && a.size() == b.size()) {
    // Big-endian two's complement of equal width: the sign byte compares signed, the rest
    // unsigned.
    auto a0 = static_cast<int8_t>(a[0]);
    auto b0 = static_cast<int8_t>(b[0]);
    if (a0 != b0) return a0 < b0;
    return a.substr(1) < b.substr(1);
  }
  return a < b;  // char_traits<char> compares as unsigned char
}

}  // namespace s3c::formats::parquet
