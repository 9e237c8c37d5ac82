// Thrift compact protocol encoding (apache/thrift, doc/specs/thrift-compact-protocol.md): the
// mirror of ThriftCompactReader. Fields are written in the order the caller gives; the short
// field header (id delta 1..15) is used whenever it applies, the long form otherwise.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/thrift_compact_reader.h"

namespace s3c::formats::parquet {

class ThriftCompactWriter {
 public:
  // Appends to *out, which must outlive the writer.
  explicit ThriftCompactWriter(std::string* out) : out_(out) { last_ids_.reserve(16); }

  // Struct framing: BeginStruct pushes a field-id scope, EndStruct writes the stop field.
  void BeginStruct() { last_ids_.push_back(0); }
  void EndStruct();

  void FieldHeader(int16_t id, ThriftType type);
  void BoolField(int16_t id, bool value);  // the value lives in the header
  void I8Field(int16_t id, int8_t value);
  void I16Field(int16_t id, int16_t value);
  void I32Field(int16_t id, int32_t value);
  void I64Field(int16_t id, int64_t value);
  void DoubleField(int16_t id, double value);
  void BinaryField(int16_t id, std::string_view value);
  // Starts a struct-valued field: FieldHeader(id, kStruct) + BeginStruct().
  void StructField(int16_t id);
  // A list field header; then write `size` elements with the *Value calls.
  void ListField(int16_t id, ThriftType element_type, uint32_t size);

  void ListHeader(ThriftType element_type, uint32_t size);
  void MapHeader(ThriftType key_type, ThriftType value_type, uint32_t size);
  void Varint(uint64_t value);
  void Zigzag32(int32_t value);
  void Zigzag64(int64_t value);
  void Byte(uint8_t value) { out_->push_back(static_cast<char>(value)); }
  void BinaryValue(std::string_view value);
  void BoolValue(bool value) { Byte(value ? 1 : 0); }
  void DoubleValue(double value);

 private:
  std::string* out_;
  std::vector<int16_t> last_ids_;  // one per open struct
};

}  // namespace s3c::formats::parquet
