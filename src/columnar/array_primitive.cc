#include "s3c/columnar/array_primitive.h"

namespace s3c::columnar {

NullArray::NullArray(std::shared_ptr<ArrayData> data) : Array(std::move(data)) {}

BooleanArray::BooleanArray(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)), values_(data_->buffers[1]->data()) {}

int64_t BooleanArray::true_count() const {
  int64_t count = 0;
  if (null_bitmap_ == nullptr) return bit_util::CountSetBits(values_, data_->offset, data_->length);
  for (int64_t i = 0; i < data_->length; ++i) count += IsValid(i) && Value(i);
  return count;
}

Decimal128Array::Decimal128Array(std::shared_ptr<ArrayData> data)
    : Array(std::move(data)), values_(data_->buffers[1]->data() + 16 * data_->offset) {}

std::string Decimal128Array::FormatValue(int64_t i) const {
  return FormatDecimal128(Value(i), scale());
}

}  // namespace s3c::columnar
