// Min/max accumulation in a column's logical sort order (parquet.thrift ColumnOrder
// TYPE_ORDER): signed or unsigned integers, IEEE floats without NaN (a zero minimum is written
// -0.0, a zero maximum +0.0), unsigned byte-wise order for BYTE_ARRAY, and signed big-endian
// order for decimal FIXED_LEN_BYTE_ARRAY. Values are encoded as PLAIN without a length prefix.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {

enum class SortOrder { kSigned, kUnsigned, kFloat, kBytes, kSignedBytes };

// The order TYPE_ORDER gives a leaf of `physical` type annotated by `logical`/`converted`.
SortOrder SortOrderFor(PhysicalType physical, bool unsigned_int, bool decimal);

// The deprecated Statistics.min/max follow signed comparison; only orders that agree with it
// get them.
inline bool HasLegacyOrder(SortOrder o) {
  return o == SortOrder::kSigned || o == SortOrder::kFloat;
}

// Fixed-width values (uint8_t for BOOLEAN, int32_t, int64_t, float, double).
template <typename T>
class MinMax {
 public:
  explicit MinMax(SortOrder order) : order_(order) {}

  void Update(T v) {
    if constexpr (std::is_floating_point_v<T>) {
      if (v != v) return;  // NaN takes no part in the order
    }
    if (!has_) {
      min_ = max_ = v;
      has_ = true;
      return;
    }
    if (Less(v, min_)) min_ = v;
    if (Less(max_, v)) max_ = v;
  }
  void Merge(const MinMax& o) {
    if (!o.has_) return;
    Update(o.min_);
    Update(o.max_);
  }
  bool has() const { return has_; }
  void Reset() { has_ = false; }
  std::string EncodedMin() const { return Encode(min_, true); }
  std::string EncodedMax() const { return Encode(max_, false); }

 private:
  bool Less(T a, T b) const {
    if constexpr (std::is_integral_v<T> && sizeof(T) >= 4) {
      if (order_ == SortOrder::kUnsigned) {
        using U = std::make_unsigned_t<T>;
        return static_cast<U>(a) < static_cast<U>(b);
      }
    }
    return a < b;
  }
  static std::string Encode(T v, bool is_min) {
    if constexpr (std::is_floating_point_v<T>) {
      if (v == 0) v = is_min ? -T(0) : T(0);
    }
    std::string out(sizeof(T), '\0');
    std::memcpy(out.data(), &v, sizeof(T));
    return out;
  }

  SortOrder order_;
  bool has_ = false;
  T min_{};
  T max_{};
};

// Bounds of BYTE_ARRAY values longer than this are written shortened (parquet-mr's column
// index default): one long string would otherwise be copied into every page header, the footer
// and the column index.
inline constexpr size_t kStatisticsPrefixBytes = 64;

// A lower bound of `v` of at most `limit` bytes: its prefix cut at a UTF-8 character boundary.
std::string LowerBoundPrefix(std::string_view v, size_t limit);
// An upper bound of `v` of at most `limit` bytes: a prefix whose last byte, an ASCII one below
// 0x7F, is incremented (valid UTF-8, and greater than every value starting like `v`); `v` itself
// when no such byte lies within the limit.
std::string UpperBoundPrefix(std::string_view v, size_t limit);

// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values. With `shorten` (BYTE_ARRAY in byte order), bounds
// longer than kStatisticsPrefixBytes are encoded as the shorter bounds above.
class BytesMinMax {
 public:
  explicit BytesMinMax(SortOrder order, bool shorten = false)
      : order_(order), shorten_(shorten && order == SortOrder::kBytes) {}
  void Update(std::string_view v) {
    if (!has_) {
      min_.assign(v);
      max_.assign(v);
      has_ = true;
      return;
    }
    if (Less(v, min_)) min_.assign(v);
    if (Less(max_, v)) max_.assign(v);
  }
  void Merge(const BytesMinMax& o) {
    if (!o.has_) return;
    Update(o.min_);
    Update(o.max_);
  }
  bool has() const { return has_; }
  void Reset() { has_ = false; }
  std::string EncodedMin() const {
    return shorten_ ? LowerBoundPrefix(min_, kStatisticsPrefixBytes) : min_;
  }
  std::string EncodedMax() const {
    return shorten_ ? UpperBoundPrefix(max_, kStatisticsPrefixBytes) : max_;
  }
  // The values' lengths: an encoded bound is the value itself exactly when it is as long
  // (a shortened bound is always shorter), for Statistics.is_*_value_exact.
  size_t min_bytes() const { return min_.size(); }
  size_t max_bytes() const { return max_.size(); }

 private:
  bool Less(std::string_view a, std::string_view b) const;

  SortOrder order_;
  bool shorten_;
  bool has_ = false;
  std::string min_;
  std::string max_;
};

}  // namespace s3c::formats::parquet
