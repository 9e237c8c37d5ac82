// Thrift compact protocol encoding (apache/thrift, doc/specs/thrift-compact-protocol.md).
#include "formats/parquet/thrift_compact_writer.h"

#include <cstring>

namespace s3c::formats::parquet {

void ThriftCompactWriter::EndStruct() {
  Byte(0);
  last_ids_.pop_back();
}

void ThriftCompactWriter::FieldHeader(int16_t id, ThriftType type) {
  int16_t& last = last_ids_.back();
  const int delta = int{id} - int{last};
  if (delta > 0 && delta <= 15) {
    Byte(static_cast<uint8_t>((delta << 4) | static_cast<uint8_t>(type)));
  } else {
    Byte(static_cast<uint8_t>(type));
    Zigzag32(id);
  }
  last = id;
}

void ThriftCompactWriter::BoolField(int16_t id, bool value) {
  FieldHeader(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}

void ThriftCompactWriter::I8Field(int16_t id, int8_t value) {
  FieldHeader(id, ThriftType::kI8);
  Byte(static_cast<uint8_t>(value));
}

void ThriftCompactWriter::I16Field(int16_t id, int16_t value) {
  FieldHeader(id, ThriftType::kI16);
  Zigzag32(value);
}

void ThriftCompactWriter::I32Field(int16_t id, int32_t value) {
  FieldHeader(id, ThriftType::kI32);
  Zigzag32(value);
}

void ThriftCompactWriter::I64Field(int16_t id, int64_t value) {
  FieldHeader(id, ThriftType::kI64);
  Zigzag64(value);
}

void ThriftCompactWriter::DoubleField(int16_t id, double value) {
  FieldHeader(id, ThriftType::kDouble);
  DoubleValue(value);
}

void ThriftCompactWriter::BinaryField(int16_t id, std::string_view value) {
  FieldHeader(id, ThriftType::kBinary);
  BinaryValue(value);
}

void ThriftCompactWriter::StructField(int16_t id) {
  FieldHeader(id, ThriftType::kStruct);
  BeginStruct();
}

void ThriftCompactWriter::ListField(int16_t id, ThriftType element_type, uint32_t size) {
  FieldHeader(id, ThriftType::kList);
  ListHeader(element_type, size);
}

// Bool elements are announced as type 1, as the Java and C++ Thrift libraries (and so
// parquet-java and Arrow) write them; readers accept 1 and 2.
void ThriftCompactWriter::ListHeader(ThriftType element_type, uint32_t size) {
  const auto type = static_cast<uint8_t>(element_type);
  if (size < 15) {
    Byte(static_cast<uint8_t>((size << 4) | type));
  } else {
    Byte(static_cast<uint8_t>(0xF0 | type));
    Varint(size);
  }
}

void ThriftCompactWriter::MapHeader(ThriftType key_type, ThriftType value_type, uint32_t size) {
  Varint(size);
  if (size == 0) return;
  Byte(static_cast<uint8_t>((static_cast<uint8_t>(key_type) << 4) |
                            static_cast<uint8_t>(value_type)));
}

void ThriftCompactWriter::Varint(uint64_t value) {
  while (value >= 0x80) {
    Byte(static_cast<uint8_t>(value | 0x80));
    value >>= 7;
  }
  Byte(static_cast<uint8_t>(value));
}

void ThriftCompactWriter::Zigzag32(int32_t value) {
  const auto u = static_cast<uint32_t>(value);
  Varint((u << 1) ^ (value < 0 ? 0xFFFFFFFFu : 0u));
}

void ThriftCompactWriter::Zigzag64(int64_t value) {
  const auto u = static_cast<uint64_t>(value);
  Varint((u << 1) ^ (value < 0 ? ~uint64_t{0} : uint64_t{0}));
}

void ThriftCompactWriter::BinaryValue(std::string_view value) {
  Varint(value.size());
  out_->append(value.data(), value.size());
}

void ThriftCompactWriter::DoubleValue(double value) {
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof(bits));
  for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(bits >> (8 * i)));  // little-endian
}

}  // namespace s3c::formats::parquet
