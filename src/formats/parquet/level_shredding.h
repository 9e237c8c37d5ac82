// Dremel record shredding (parquet-format README.md "Nested Encoding"; the Dremel paper,
// section 4.2): one top-level columnar array -> per leaf column, the definition and repetition
// levels of every slot and the positions of the non-null leaf values. The Parquet layout is the
// one SchemaToParquet produces: OPTIONAL adds a definition level, a list or map adds one
// repeated level (3-level LIST, MAP key_value).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/array.h"
#include "s3c/columnar/data_type.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

struct ShreddedLeaf {
  // The leaf array the value positions index (logical indices: Array::IsNull(i) and the typed
  // accessors take them directly).
  std::shared_ptr<columnar::Array> values;
  std::vector<int16_t> def_levels;  // empty when the leaf's max definition level is 0
  std::vector<int16_t> rep_levels;  // empty when the leaf's max repetition level is 0
  int64_t num_levels = 0;           // slots, nulls and empty lists included
  // Non-null leaf values in order: [dense_begin, dense_begin + dense_count) when `dense`, else
  // value_indices.
  bool dense = false;
  int64_t dense_begin = 0;
  int64_t dense_count = 0;
  std::vector<int64_t> value_indices;

  int64_t num_values() const {
    return dense ? dense_count : static_cast<int64_t>(value_indices.size());
  }
  int64_t value_index(int64_t k) const {
    return dense ? dense_begin + k : value_indices[static_cast<size_t>(k)];
  }
};

// Shreds `array` (the column of `field`) into its leaves, in schema order. InvalidArgument
// naming the column when a non-nullable field holds a null that a present parent exposes.
Result<std::vector<ShreddedLeaf>> ShredColumn(const columnar::Field& field,
                                              const std::shared_ptr<columnar::Array>& array);

}  // namespace s3c::formats::parquet
