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

std::string LowerBoundPrefix(std::string_view v, size_t limit) {
  if (v.size() <= limit) return std::string(v);
  size_t cut = limit;  // v[cut] starts the first byte left out: back off continuation bytes
  while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
  return std::string(v.substr(0, cut));
}

std::string UpperBoundPrefix(std::string_view v, size_t limit) {
  if (v.size() <= limit) return std::string(v);
  for (size_t i = limit; i-- > 0;) {
    const auto c = static_cast<unsigned char>(v[i]);
    if (c < 0x7F) {
      std::string out(v.substr(0, i));
      out.push_back(static_cast<char>(c + 1));
      return out;
    }
  }
  return std::string(v);
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
