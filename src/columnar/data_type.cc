#include "s3c/columnar/data_type.h"

#include <fmt/format.h>

#include "s3c/columnar/type_traits.h"

namespace s3c::columnar {

struct DataType::Node {
  int32_t precision = 0;
  int32_t scale = 0;
  TimeUnit unit = TimeUnit::kSecond;
  std::string timezone;
  bool keys_sorted = false;
  std::vector<Field> fields;
};

struct TypeFactory {
  using Node = DataType::Node;
  static DataType Make(TypeId id, DataType::Node node) {
    return DataType(id, std::make_shared<const DataType::Node>(std::move(node)));
  }
  static DataType Simple(TypeId id) { return DataType(id, nullptr); }
  static const DataType::Node& Empty() {
    static const auto* node = new DataType::Node();
    return *node;
  }
};

namespace {

const char* SimpleName(TypeId id) {
  switch (id) {
    case TypeId::kNull:
      return "null";
    case TypeId::kBool:
      return "bool";
    case TypeId::kInt8:
      return "int8";
    case TypeId::kInt16:
      return "int16";
    case TypeId::kInt32:
      return "int32";
    case TypeId::kInt64:
      return "int64";
    case TypeId::kUInt8:
      return "uint8";
    case TypeId::kUInt16:
      return "uint16";
    case TypeId::kUInt32:
      return "uint32";
    case TypeId::kUInt64:
      return "uint64";
    case TypeId::kFloat32:
      return "float";
    case TypeId::kFloat64:
      return "double";
    case TypeId::kString:
      return "string";
    case TypeId::kLargeString:
      return "large_string";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kDate32:
      return "date32[day]";
    default:
      return "";
  }
}

bool MetadataEquals(const KeyValueMetadata& a, const KeyValueMetadata& b) { return a == b; }

}  // namespace

const char* TimeUnitName(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return "s";
    case TimeUnit::kMilli:
      return "ms";
    case TimeUnit::kMicro:
      return "us";
    case TimeUnit::kNano:
      return "ns";
  }
  return "?";
}

int64_t UnitsPerSecond(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return 1;
    case TimeUnit::kMilli:
      return 1000;
    case TimeUnit::kMicro:
      return 1000000;
    case TimeUnit::kNano:
      return 1000000000;
  }
  return 1;
}

DataType::DataType() = default;

#define S3C_NODE (node_ ? *node_ : TypeFactory::Empty())

int32_t DataType::precision() const { return S3C_NODE.precision; }
int32_t DataType::scale() const { return S3C_NODE.scale; }
TimeUnit DataType::unit() const { return S3C_NODE.unit; }
const std::string& DataType::timezone() const { return S3C_NODE.timezone; }
bool DataType::keys_sorted() const { return S3C_NODE.keys_sorted; }
const std::vector<Field>& DataType::fields() const { return S3C_NODE.fields; }
int DataType::num_fields() const { return static_cast<int>(fields().size()); }
const Field& DataType::field(int i) const { return fields()[static_cast<size_t>(i)]; }

#undef S3C_NODE

const DataType& DataType::value_type() const { return field(0).type(); }
const DataType& DataType::key_type() const { return field(0).type().field(0).type(); }
const DataType& DataType::item_type() const { return field(0).type().field(1).type(); }

int DataType::bit_width() const {
  switch (id_) {
    case TypeId::kBool:
      return 1;
    case TypeId::kInt8:
    case TypeId::kUInt8:
      return 8;
    case TypeId::kInt16:
    case TypeId::kUInt16:
      return 16;
    case TypeId::kInt32:
    case TypeId::kUInt32:
    case TypeId::kFloat32:
    case TypeId::kDate32:
    case TypeId::kTime32:
      return 32;
    case TypeId::kInt64:
    case TypeId::kUInt64:
    case TypeId::kFloat64:
    case TypeId::kTime64:
    case TypeId::kTimestamp:
      return 64;
    case TypeId::kDecimal128:
      return 128;
    default:
      return 0;
  }
}

std::string DataType::ToString() const {
  switch (id_) {
    case TypeId::kDecimal128:
      return fmt::format("decimal128({}, {})", precision(), scale());
    case TypeId::kTime32:
      return fmt::format("time32[{}]", TimeUnitName(unit()));
    case TypeId::kTime64:
      return fmt::format("time64[{}]", TimeUnitName(unit()));
    case TypeId::kTimestamp:
      if (timezone().empty()) return fmt::format("timestamp[{}]", TimeUnitName(unit()));
      return fmt::format("timestamp[{}, tz={}]", TimeUnitName(unit()), timezone());
    case TypeId::kList:
      return fmt::format("list<{}>", field(0).ToString());
    case TypeId::kStruct: {
      std::string out = "struct<";
      for (int i = 0; i < num_fields(); ++i) {
        if (i > 0) out += ", ";
        out += field(i).ToString();
      }
      return out + ">";
    }
    case TypeId::kMap:
      return fmt::format("map<{}, {}{}>", key_type().ToString(), item_type().ToString(),
                         keys_sorted() ? ", keys_sorted" : "");
    default:
      return SimpleName(id_);
  }
}

bool DataType::Equals(const DataType& other, bool check_metadata) const {
  if (id_ != other.id_) return false;
  if (node_ == other.node_) return true;
  if (precision() != other.precision() || scale() != other.scale() || unit() != other.unit() ||
      timezone() != other.timezone() || keys_sorted() != other.keys_sorted() ||
      num_fields() != other.num_fields()) {
    return false;
  }
  for (int i = 0; i < num_fields(); ++i) {
    if (!field(i).Equals(other.field(i), check_metadata)) return false;
  }
  return true;
}

Field::Field(std::string name, DataType type, bool nullable, KeyValueMetadata metadata)
    : name_(std::move(name)),
      type_(std::move(type)),
      nullable_(nullable),
      metadata_(std::move(metadata)) {}

Field Field::WithName(std::string name) const {
  return Field(std::move(name), type_, nullable_, metadata_);
}
Field Field::WithType(DataType type) const {
  return Field(name_, std::move(type), nullable_, metadata_);
}
Field Field::WithNullable(bool nullable) const { return Field(name_, type_, nullable, metadata_); }
Field Field::WithMetadata(KeyValueMetadata metadata) const {
  return Field(name_, type_, nullable_, std::move(metadata));
}

std::string Field::ToString() const {
  return fmt::format("{}: {}{}", name_, type_.ToString(), nullable_ ? "" : " not null");
}

bool Field::Equals(const Field& other, bool check_metadata) const {
  return name_ == other.name_ && nullable_ == other.nullable_ &&
         type_.Equals(other.type_, check_metadata) &&
         (!check_metadata || MetadataEquals(metadata_, other.metadata_));
}

DataType Null() { return TypeFactory::Simple(TypeId::kNull); }
DataType Bool() { return TypeFactory::Simple(TypeId::kBool); }
DataType Int8() { return TypeFactory::Simple(TypeId::kInt8); }
DataType Int16() { return TypeFactory::Simple(TypeId::kInt16); }
DataType Int32() { return TypeFactory::Simple(TypeId::kInt32); }
DataType Int64() { return TypeFactory::Simple(TypeId::kInt64); }
DataType UInt8() { return TypeFactory::Simple(TypeId::kUInt8); }
DataType UInt16() { return TypeFactory::Simple(TypeId::kUInt16); }
DataType UInt32() { return TypeFactory::Simple(TypeId::kUInt32); }
DataType UInt64() { return TypeFactory::Simple(TypeId::kUInt64); }
DataType Float32() { return TypeFactory::Simple(TypeId::kFloat32); }
DataType Float64() { return TypeFactory::Simple(TypeId::kFloat64); }
DataType String() { return TypeFactory::Simple(TypeId::kString); }
DataType LargeString() { return TypeFactory::Simple(TypeId::kLargeString); }
DataType Binary() { return TypeFactory::Simple(TypeId::kBinary); }
DataType Date32() { return TypeFactory::Simple(TypeId::kDate32); }

DataType Decimal128(int32_t precision, int32_t scale) {
  TypeFactory::Node node;
  node.precision = precision;
  node.scale = scale;
  return TypeFactory::Make(TypeId::kDecimal128, std::move(node));
}

DataType Time32(TimeUnit unit) {
  TypeFactory::Node node;
  node.unit = unit;
  return TypeFactory::Make(TypeId::kTime32, std::move(node));
}

DataType Time64(TimeUnit unit) {
  TypeFactory::Node node;
  node.unit = unit;
  return TypeFactory::Make(TypeId::kTime64, std::move(node));
}

DataType Timestamp(TimeUnit unit, std::string timezone) {
  TypeFactory::Node node;
  node.unit = unit;
  node.timezone = std::move(timezone);
  return TypeFactory::Make(TypeId::kTimestamp, std::move(node));
}

DataType List(Field item) {
  TypeFactory::Node node;
  node.fields.push_back(std::move(item));
  return TypeFactory::Make(TypeId::kList, std::move(node));
}

DataType List(DataType item_type) { return List(Field("item", std::move(item_type))); }

DataType Struct(std::vector<Field> fields) {
  TypeFactory::Node node;
  node.fields = std::move(fields);
  return TypeFactory::Make(TypeId::kStruct, std::move(node));
}

DataType Map(DataType key_type, DataType item_type, bool keys_sorted) {
  TypeFactory::Node node;
  node.keys_sorted = keys_sorted;
  node.fields.emplace_back("entries",
                           Struct({Field("key", std::move(key_type), /*nullable=*/false),
                                   Field("value", std::move(item_type))}),
                           /*nullable=*/false);
  return TypeFactory::Make(TypeId::kMap, std::move(node));
}

bool IsInteger(TypeId id) { return id >= TypeId::kInt8 && id <= TypeId::kUInt64; }
bool IsSignedInteger(TypeId id) { return id >= TypeId::kInt8 && id <= TypeId::kInt64; }
bool IsFloating(TypeId id) { return id == TypeId::kFloat32 || id == TypeId::kFloat64; }
bool IsNumeric(TypeId id) { return IsInteger(id) || IsFloating(id); }
bool IsBinaryLike(TypeId id) {
  return id == TypeId::kString || id == TypeId::kLargeString || id == TypeId::kBinary;
}
bool IsTemporal(TypeId id) { return id >= TypeId::kDate32 && id <= TypeId::kTimestamp; }
bool IsNested(TypeId id) { return id >= TypeId::kList; }

template <typename C, TypeId Id>
DataType PrimitiveTag<C, Id>::DefaultType() {
  switch (Id) {
    case TypeId::kTime32:
      return Time32(TimeUnit::kMilli);
    case TypeId::kTime64:
      return Time64(TimeUnit::kMicro);
    case TypeId::kTimestamp:
      return Timestamp(TimeUnit::kMicro);
    default:
      return TypeFactory::Simple(Id);
  }
}

template struct PrimitiveTag<int8_t, TypeId::kInt8>;
template struct PrimitiveTag<int16_t, TypeId::kInt16>;
template struct PrimitiveTag<int32_t, TypeId::kInt32>;
template struct PrimitiveTag<int64_t, TypeId::kInt64>;
template struct PrimitiveTag<uint8_t, TypeId::kUInt8>;
template struct PrimitiveTag<uint16_t, TypeId::kUInt16>;
template struct PrimitiveTag<uint32_t, TypeId::kUInt32>;
template struct PrimitiveTag<uint64_t, TypeId::kUInt64>;
template struct PrimitiveTag<float, TypeId::kFloat32>;
template struct PrimitiveTag<double, TypeId::kFloat64>;
template struct PrimitiveTag<int32_t, TypeId::kDate32>;
template struct PrimitiveTag<int32_t, TypeId::kTime32>;
template struct PrimitiveTag<int64_t, TypeId::kTime64>;
template struct PrimitiveTag<int64_t, TypeId::kTimestamp>;

}  // namespace s3c::columnar
