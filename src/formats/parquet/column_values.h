// The non-null values of one shredded leaf in their Parquet physical representation
// (parquet-format LogicalTypes.md): small ints widen to INT32, unsigned ints keep their bits,
// seconds become milliseconds (time32[s], timestamp[s]), decimals become INT32/INT64 or
// big-endian two's complement FIXED_LEN_BYTE_ARRAY.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/level_shredding.h"
#include "formats/parquet/schema_to_parquet.h"

namespace s3c::formats::parquet {

// Exactly one vector is filled, chosen by the leaf's physical type: BOOLEAN -> bools,
// INT32 -> i32, INT64 -> i64, FLOAT -> f32, DOUBLE -> f64, BYTE_ARRAY and
// FIXED_LEN_BYTE_ARRAY -> bytes (views into the leaf array's data, or into `scratch` for
// decimals; valid while both live and `scratch` is not modified).
struct PhysicalValues {
  std::vector<uint8_t> bools;
  std::vector<int32_t> i32;
  std::vector<int64_t> i64;
  std::vector<float> f32;
  std::vector<double> f64;
  std::vector<std::string_view> bytes;
  std::string scratch;

  void Clear();
};

// Replaces `out` with the values of `shredded` for `leaf`.
void GatherValues(const ParquetLeaf& leaf, const ShreddedLeaf& shredded, PhysicalValues* out);

}  // namespace s3c::formats::parquet
