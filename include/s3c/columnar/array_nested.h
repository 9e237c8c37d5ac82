// Nested arrays: list, map (a list of struct<key, value>) and struct
// (Arrow Columnar Format, "Variable-size List Layout", "Struct Layout", "Map").
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "s3c/columnar/array.h"

namespace s3c::columnar {

class ListArray : public Array {
 public:
  explicit ListArray(std::shared_ptr<ArrayData> data);

  // The whole child array (not sliced to this array's window); list i covers child elements
  // [value_offset(i), value_offset(i) + value_length(i)).
  const std::shared_ptr<Array>& values() const { return values_; }
  int32_t value_offset(int64_t i) const { return offsets_[i]; }
  int32_t value_length(int64_t i) const { return offsets_[i + 1] - offsets_[i]; }
  // length() + 1 offsets, already advanced by offset().
  const int32_t* raw_offsets() const { return offsets_; }
  // The elements of list i as a zero-copy slice of values().
  std::shared_ptr<Array> value_slice(int64_t i) const;

 private:
  const int32_t* offsets_;
  std::shared_ptr<Array> values_;
};

class MapArray : public ListArray {
 public:
  explicit MapArray(std::shared_ptr<ArrayData> data);
  // Keys and items of the whole entries child (index them with value_offset()).
  const std::shared_ptr<Array>& keys() const { return keys_; }
  const std::shared_ptr<Array>& items() const { return items_; }

 private:
  std::shared_ptr<Array> keys_;
  std::shared_ptr<Array> items_;
};

class StructArray : public Array {
 public:
  explicit StructArray(std::shared_ptr<ArrayData> data);

  int num_fields() const { return static_cast<int>(children_.size()); }
  // Field i sliced to this array's window: element j of the result belongs to row j. The
  // struct's own validity is not merged into the field's.
  std::shared_ptr<Array> field(int i) const;
  // nullptr when no field has that name.
  std::shared_ptr<Array> GetFieldByName(std::string_view name) const;
  // Field i unsliced: row j is element offset() + j (no allocation; for hot loops).
  const std::shared_ptr<Array>& child(int i) const { return children_[static_cast<size_t>(i)]; }

 private:
  std::vector<std::shared_ptr<Array>> children_;
};

}  // namespace s3c::columnar
