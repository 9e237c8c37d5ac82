// Array: a typed, immutable view over ArrayData. Concrete classes (array_primitive.h,
// array_binary.h, array_nested.h) add typed accessors; MakeArray picks the class for a type.
// Arrays are shared as std::shared_ptr<Array> and are safe to read from many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/columnar/array_data.h"
#include "s3c/columnar/bit_util.h"

namespace s3c::columnar {

class Array {
 public:
  virtual ~Array() = default;
  Array(const Array&) = delete;
  Array& operator=(const Array&) = delete;

  const std::shared_ptr<ArrayData>& data() const { return data_; }
  const DataType& type() const { return data_->type; }
  TypeId type_id() const { return data_->type.id(); }
  int64_t length() const { return data_->length; }
  int64_t offset() const { return data_->offset; }
  int64_t null_count() const { return data_->null_count; }

  bool IsNull(int64_t i) const {
    return null_bitmap_ != nullptr ? !bit_util::GetBit(null_bitmap_, data_->offset + i) : all_null_;
  }
  bool IsValid(int64_t i) const { return !IsNull(i); }
  // Validity bitmap (bit offset() is element 0), or nullptr when there are no nulls.
  const uint8_t* null_bitmap_data() const { return null_bitmap_; }

  // Zero-copy view of [offset, offset + length), clamped to this array's bounds.
  std::shared_ptr<Array> Slice(int64_t offset, int64_t length) const;
  std::shared_ptr<Array> Slice(int64_t offset) const;

  // "[1, null, 3]" (see pretty_print.h).
  std::string ToString() const;
  // Logical equality (see compare.h): same type, length, nulls and values.
  bool Equals(const Array& other) const;

 protected:
  explicit Array(std::shared_ptr<ArrayData> data);

  std::shared_ptr<ArrayData> data_;
  const uint8_t* null_bitmap_ = nullptr;
  bool all_null_ = false;
};

// The concrete Array class for data->type. `data` must satisfy the layout in array_data.h
// (check untrusted data with ValidateArrayData first).
std::shared_ptr<Array> MakeArray(std::shared_ptr<ArrayData> data);
// An array of `length` nulls of any type.
std::shared_ptr<Array> MakeArrayOfNulls(const DataType& type, int64_t length);

}  // namespace s3c::columnar
