#include "s3c/columnar/array.h"

#include <algorithm>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"

namespace s3c::columnar {

std::shared_ptr<ArrayData> ArrayData::Make(DataType type, int64_t length,
                                           std::vector<std::shared_ptr<Buffer>> buffers,
                                           int64_t null_count, int64_t offset,
                                           std::vector<std::shared_ptr<ArrayData>> children) {
  auto data = std::make_shared<ArrayData>();
  data->type = std::move(type);
  data->length = length;
  data->null_count = null_count;
  data->offset = offset;
  data->buffers = std::move(buffers);
  data->children = std::move(children);
  return data;
}

std::shared_ptr<ArrayData> ArrayData::Slice(int64_t off, int64_t len) const {
  off = std::clamp<int64_t>(off, 0, length);
  len = std::clamp<int64_t>(len, 0, length - off);
  auto out = std::make_shared<ArrayData>(*this);
  out->offset = offset + off;
  out->length = len;
  if (type.id() == TypeId::kNull) {
    out->null_count = len;
  } else if (const uint8_t* bits = validity()) {
    out->null_count = len - bit_util::CountSetBits(bits, out->offset, len);
  } else {
    out->null_count = 0;
  }
  return out;
}

int NumBuffers(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return 0;
    case TypeId::kStruct:
      return 1;
    case TypeId::kString:
    case TypeId::kLargeString:
    case TypeId::kBinary:
      return 3;
    default:
      return 2;  // fixed width, bool, decimal, list, map
  }
}

Array::Array(std::shared_ptr<ArrayData> data) : data_(std::move(data)) {
  null_bitmap_ = data_->validity();
  all_null_ = data_->type.id() == TypeId::kNull;
}

std::shared_ptr<Array> Array::Slice(int64_t offset, int64_t length) const {
  return MakeArray(data_->Slice(offset, length));
}

std::shared_ptr<Array> Array::Slice(int64_t offset) const {
  return Slice(offset, data_->length - offset);
}

std::shared_ptr<Array> MakeArray(std::shared_ptr<ArrayData> data) {
  switch (data->type.id()) {
    case TypeId::kNull:
      return std::make_shared<NullArray>(std::move(data));
    case TypeId::kBool:
      return std::make_shared<BooleanArray>(std::move(data));
    case TypeId::kInt8:
      return std::make_shared<Int8Array>(std::move(data));
    case TypeId::kInt16:
      return std::make_shared<Int16Array>(std::move(data));
    case TypeId::kInt32:
      return std::make_shared<Int32Array>(std::move(data));
    case TypeId::kInt64:
      return std::make_shared<Int64Array>(std::move(data));
    case TypeId::kUInt8:
      return std::make_shared<UInt8Array>(std::move(data));
    case TypeId::kUInt16:
      return std::make_shared<UInt16Array>(std::move(data));
    case TypeId::kUInt32:
      return std::make_shared<UInt32Array>(std::move(data));
    case TypeId::kUInt64:
      return std::make_shared<UInt64Array>(std::move(data));
    case TypeId::kFloat32:
      return std::make_shared<Float32Array>(std::move(data));
    case TypeId::kFloat64:
      return std::make_shared<Float64Array>(std::move(data));
    case TypeId::kDecimal128:
      return std::make_shared<Decimal128Array>(std::move(data));
    case TypeId::kString:
      return std::make_shared<StringArray>(std::move(data));
    case TypeId::kLargeString:
      return std::make_shared<LargeStringArray>(std::move(data));
    case TypeId::kBinary:
      return std::make_shared<BinaryArray>(std::move(data));
    case TypeId::kDate32:
      return std::make_shared<Date32Array>(std::move(data));
    case TypeId::kTime32:
      return std::make_shared<Time32Array>(std::move(data));
    case TypeId::kTime64:
      return std::make_shared<Time64Array>(std::move(data));
    case TypeId::kTimestamp:
      return std::make_shared<TimestampArray>(std::move(data));
    case TypeId::kList:
      return std::make_shared<ListArray>(std::move(data));
    case TypeId::kStruct:
      return std::make_shared<StructArray>(std::move(data));
    case TypeId::kMap:
      return std::make_shared<MapArray>(std::move(data));
  }
  return std::make_shared<NullArray>(std::move(data));
}

namespace {

std::shared_ptr<ArrayData> NullData(const DataType& type, int64_t length) {
  TypeId id = type.id();
  if (id == TypeId::kNull) return ArrayData::Make(type, length, {}, length);
  std::vector<std::shared_ptr<Buffer>> buffers;
  buffers.push_back(Buffer::Allocate(bit_util::BytesForBits(length)));  // all bits clear
  std::vector<std::shared_ptr<ArrayData>> children;
  switch (id) {
    case TypeId::kString:
    case TypeId::kBinary:
      buffers.push_back(Buffer::Allocate((length + 1) * 4));
      buffers.push_back(Buffer::Allocate(0));
      break;
    case TypeId::kLargeString:
      buffers.push_back(Buffer::Allocate((length + 1) * 8));
      buffers.push_back(Buffer::Allocate(0));
      break;
    case TypeId::kList:
    case TypeId::kMap:
      buffers.push_back(Buffer::Allocate((length + 1) * 4));
      children.push_back(NullData(type.field(0).type(), 0));
      break;
    case TypeId::kStruct:
      for (const Field& f : type.fields()) children.push_back(NullData(f.type(), length));
      break;
    case TypeId::kBool:
      buffers.push_back(Buffer::Allocate(bit_util::BytesForBits(length)));
      break;
    default:
      buffers.push_back(Buffer::Allocate(length * type.bit_width() / 8));
      break;
  }
  return ArrayData::Make(type, length, std::move(buffers), length, 0, std::move(children));
}

}  // namespace

std::shared_ptr<Array> MakeArrayOfNulls(const DataType& type, int64_t length) {
  return MakeArray(NullData(type, length));
}

}  // namespace s3c::columnar
