#include "s3c/columnar/builder_primitive.h"

namespace s3c::columnar {

Result<std::shared_ptr<Array>> NullBuilder::Finish() {
  int64_t n = validity_.length();
  validity_.Finish();
  return MakeArray(ArrayData::Make(type_, n, {}, n));
}

void BooleanBuilder::AppendValues(std::span<const uint8_t> values, const uint8_t* valid) {
  auto n = static_cast<int64_t>(values.size());
  values_.Reserve(n);
  for (uint8_t v : values) values_.UnsafeAppend(v != 0);
  validity_.AppendFromBytes(valid, n);
}

Result<std::shared_ptr<Array>> BooleanBuilder::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> values = values_.Finish();
  return MakeArray(ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls));
}

template <typename T>
Result<std::shared_ptr<Array>> NumericBuilder<T>::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> values = values_.Finish();
  return MakeArray(ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls));
}

template class NumericBuilder<Int8Type>;
template class NumericBuilder<Int16Type>;
template class NumericBuilder<Int32Type>;
template class NumericBuilder<Int64Type>;
template class NumericBuilder<UInt8Type>;
template class NumericBuilder<UInt16Type>;
template class NumericBuilder<UInt32Type>;
template class NumericBuilder<UInt64Type>;
template class NumericBuilder<Float32Type>;
template class NumericBuilder<Float64Type>;
template class NumericBuilder<Date32Type>;
template class NumericBuilder<Time32Type>;
template class NumericBuilder<Time64Type>;
template class NumericBuilder<TimestampType>;

Result<std::shared_ptr<Array>> Decimal128Builder::Finish() {
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> values = values_.Finish();
  return MakeArray(ArrayData::Make(type_, length, {std::move(validity), std::move(values)}, nulls));
}

}  // namespace s3c::columnar
