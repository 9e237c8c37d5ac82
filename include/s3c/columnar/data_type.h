// Logical data types and fields of the columnar model (Arrow Columnar Format, "Data Types").
//
// DataType is a cheap value type: a shared pointer to an immutable description, so copies share
// and nested types are trees of DataTypes. Build types with the factory functions below
// (Int64(), Timestamp(TimeUnit::kMicro, "UTC"), List(Int64()), Struct({...}), Map(...)).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3c::columnar {

enum class TypeId : uint8_t {
  kNull,
  kBool,
  kInt8,
  kInt16,
  kInt32,
  kInt64,
  kUInt8,
  kUInt16,
  kUInt32,
  kUInt64,
  kFloat32,
  kFloat64,
  kDecimal128,
  kString,       // UTF-8, int32 offsets
  kLargeString,  // UTF-8, int64 offsets
  kBinary,       // bytes, int32 offsets
  kDate32,       // days since 1970-01-01
  kTime32,       // seconds or milliseconds since midnight
  kTime64,       // microseconds or nanoseconds since midnight
  kTimestamp,    // int64 since the UNIX epoch (UTC), optional time zone name
  kList,
  kStruct,
  kMap,  // list<entries: struct<key, value>>
};

enum class TimeUnit : uint8_t { kSecond, kMilli, kMicro, kNano };

// "s", "ms", "us", "ns".
const char* TimeUnitName(TimeUnit unit);
// 1, 1000, 1000000, 1000000000.
int64_t UnitsPerSecond(TimeUnit unit);

// Ordered key/value pairs (Arrow custom metadata).
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

class Field;

class DataType {
 public:
  DataType();  // the null type

  TypeId id() const { return id_; }

  // decimal128 only.
  int32_t precision() const;
  int32_t scale() const;
  // time32, time64 and timestamp only.
  TimeUnit unit() const;
  // timestamp only; empty when the type has no time zone.
  const std::string& timezone() const;
  // map only.
  bool keys_sorted() const;

  // Child fields: list -> {item}; struct -> its members; map -> {entries} (a struct with the
  // fields key and value). Empty for other types.
  const std::vector<Field>& fields() const;
  int num_fields() const;
  const Field& field(int i) const;
  // list: the item type. map: the entries struct type.
  const DataType& value_type() const;
  // map only.
  const DataType& key_type() const;
  const DataType& item_type() const;

  // Bits per value of a fixed-width type (bool = 1, decimal128 = 128); 0 for other types.
  int bit_width() const;

  // Arrow notation: "int64", "timestamp[us, tz=UTC]", "list<item: int64>",
  // "struct<a: int32, b: string not null>", "map<string, int64>", "decimal128(10, 2)".
  std::string ToString() const;
  // Structural equality; field metadata is compared only when check_metadata is set.
  bool Equals(const DataType& other, bool check_metadata = false) const;
  friend bool operator==(const DataType& a, const DataType& b) { return a.Equals(b); }

 private:
  struct Node;
  friend struct TypeFactory;
  DataType(TypeId id, std::shared_ptr<const Node> node) : id_(id), node_(std::move(node)) {}

  TypeId id_ = TypeId::kNull;
  std::shared_ptr<const Node> node_;  // nullptr for types without parameters
};

class Field {
 public:
  Field(std::string name, DataType type, bool nullable = true, KeyValueMetadata metadata = {});

  const std::string& name() const { return name_; }
  const DataType& type() const { return type_; }
  bool nullable() const { return nullable_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  Field WithName(std::string name) const;
  Field WithType(DataType type) const;
  Field WithNullable(bool nullable) const;
  Field WithMetadata(KeyValueMetadata metadata) const;

  // "name: type" with " not null" appended for non-nullable fields.
  std::string ToString() const;
  bool Equals(const Field& other, bool check_metadata = false) const;
  friend bool operator==(const Field& a, const Field& b) { return a.Equals(b); }

 private:
  std::string name_;
  DataType type_;
  bool nullable_;
  KeyValueMetadata metadata_;
};

// Factories. Parameters outside their documented range produce a type that ValidateArray and
// the C Data Interface export reject; they never crash.
DataType Null();
DataType Bool();
DataType Int8();
DataType Int16();
DataType Int32();
DataType Int64();
DataType UInt8();
DataType UInt16();
DataType UInt32();
DataType UInt64();
DataType Float32();
DataType Float64();
// 1 <= precision <= 38; scale may be negative or up to precision.
DataType Decimal128(int32_t precision, int32_t scale);
DataType String();
DataType LargeString();
DataType Binary();
DataType Date32();
// unit must be kSecond or kMilli.
DataType Time32(TimeUnit unit);
// unit must be kMicro or kNano.
DataType Time64(TimeUnit unit);
DataType Timestamp(TimeUnit unit, std::string timezone = "");
DataType List(Field item);
// A list whose nullable item field is named "item".
DataType List(DataType item_type);
DataType Struct(std::vector<Field> fields);
// map<key, value>: key is non-nullable; entries/key/value field names follow the spec.
DataType Map(DataType key_type, DataType item_type, bool keys_sorted = false);

// Type classes.
bool IsInteger(TypeId id);
bool IsSignedInteger(TypeId id);
bool IsFloating(TypeId id);
bool IsNumeric(TypeId id);     // integers and floats
bool IsBinaryLike(TypeId id);  // string, large_string, binary
bool IsTemporal(TypeId id);    // date32, time32, time64, timestamp
bool IsNested(TypeId id);      // list, struct, map

}  // namespace s3c::columnar
