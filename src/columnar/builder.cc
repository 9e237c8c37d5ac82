#include "s3c/columnar/builder.h"

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::columnar {

std::unique_ptr<ArrayBuilder> MakeBuilder(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return std::make_unique<NullBuilder>();
    case TypeId::kBool:
      return std::make_unique<BooleanBuilder>();
    case TypeId::kInt8:
      return std::make_unique<Int8Builder>(type);
    case TypeId::kInt16:
      return std::make_unique<Int16Builder>(type);
    case TypeId::kInt32:
      return std::make_unique<Int32Builder>(type);
    case TypeId::kInt64:
      return std::make_unique<Int64Builder>(type);
    case TypeId::kUInt8:
      return std::make_unique<UInt8Builder>(type);
    case TypeId::kUInt16:
      return std::make_unique<UInt16Builder>(type);
    case TypeId::kUInt32:
      return std::make_unique<UInt32Builder>(type);
    case TypeId::kUInt64:
      return std::make_unique<UInt64Builder>(type);
    case TypeId::kFloat32:
      return std::make_unique<Float32Builder>(type);
    case TypeId::kFloat64:
      return std::make_unique<Float64Builder>(type);
    case TypeId::kDecimal128:
      return std::make_unique<Decimal128Builder>(type);
    case TypeId::kString:
      return std::make_unique<StringBuilder>();
    case TypeId::kLargeString:
      return std::make_unique<LargeStringBuilder>();
    case TypeId::kBinary:
      return std::make_unique<BinaryBuilder>();
    case TypeId::kDate32:
      return std::make_unique<Date32Builder>(type);
    case TypeId::kTime32:
      return std::make_unique<Time32Builder>(type);
    case TypeId::kTime64:
      return std::make_unique<Time64Builder>(type);
    case TypeId::kTimestamp:
      return std::make_unique<TimestampBuilder>(type);
    case TypeId::kList:
      return std::make_unique<ListBuilder>(type);
    case TypeId::kStruct:
      return std::make_unique<StructBuilder>(type);
    case TypeId::kMap:
      return std::make_unique<MapBuilder>(type);
  }
  return std::make_unique<NullBuilder>();
}

}  // namespace s3c::columnar
