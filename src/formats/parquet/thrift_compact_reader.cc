// Thrift compact protocol decoding (apache/thrift, doc/specs/thrift-compact-protocol.md).
#include "formats/parquet/thrift_compact_reader.h"

#include <fmt/format.h>

#include <cstring>

namespace s3c::formats::parquet {
namespace {

constexpr const char* kTypeNames[] = {"stop",   "bool",   "bool", "i8",  "i16", "i32",    "i64",
                                      "double", "binary", "list", "set", "map", "struct", "uuid"};

// The fewest bytes one element of `type` takes inside a list, set or map.
uint64_t MinElementBytes(ThriftType type) {
  switch (type) {
    case ThriftType::kDouble:
      return 8;
    case ThriftType::kUuid:
      return 16;
    default:
      return 1;
  }
}

// Element types on the wire: 1 and 2 both mean bool (the spec says 2, Java and C++ write 1).
bool NormalizeElementType(uint8_t raw, ThriftType* out) {
  if (raw == 0 || raw > static_cast<uint8_t>(ThriftType::kUuid)) return false;
  *out = raw == 2 ? ThriftType::kBoolTrue : static_cast<ThriftType>(raw);
  return true;
}

}  // namespace

std::string ThriftTypeName(uint8_t type) {
  if (type < sizeof(kTypeNames) / sizeof(kTypeNames[0])) return kTypeNames[type];
  return fmt::format("type {}", type);
}

Status ThriftCompactReader::Malformed(size_t offset, std::string_view what) const {
  return InvalidArgumentError(
      fmt::format("{}: invalid Thrift metadata at byte offset {}: {}", name_, offset, what));
}

Status ThriftCompactReader::Truncated(size_t offset, std::string_view what, uint64_t needed) const {
  return OutOfRangeError(fmt::format(
      "{}: Thrift metadata truncated at byte offset {}: {} needs {} bytes but {} remain", name_,
      offset, what, needed, offset <= size_ ? size_ - offset : 0));
}

Status ThriftCompactReader::Enter(const char* what) {
  if (depth_ >= limits_.max_nesting_depth) {
    return Malformed(pos_, fmt::format("{} nested deeper than the limit of {} levels", what,
                                       limits_.max_nesting_depth));
  }
  ++depth_;
  return Status::OK();
}

Status ThriftCompactReader::ReadByte(uint8_t* out, const char* what) {
  if (pos_ >= size_) return Truncated(pos_, what, 1);
  *out = data_[pos_++];
  return Status::OK();
}

Status ThriftCompactReader::ReadVarint64(uint64_t* out, const char* what) {
  const size_t start = pos_;
  uint64_t value = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= size_) return Truncated(start, fmt::format("varint {}", what), pos_ - start + 1);
    const uint8_t b = data_[pos_++];
    if (shift == 63 && b > 1) {
      return Malformed(start, fmt::format("varint {} overflows 64 bits", what));
    }
    value |= static_cast<uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      *out = value;
      return Status::OK();
    }
  }
  return Malformed(start, fmt::format("varint {} longer than 10 bytes", what));
}

Status ThriftCompactReader::ReadVarint32(uint32_t* out, const char* what) {
  const size_t start = pos_;
  uint64_t value = 0;
  S3C_RETURN_IF_ERROR(ReadVarint64(&value, what));
  if (value > 0xFFFFFFFFu || pos_ - start > 5) {
    return Malformed(start, fmt::format("varint {} does not fit 32 bits", what));
  }
  *out = static_cast<uint32_t>(value);
  return Status::OK();
}

Status ThriftCompactReader::ReadZigzag32(int32_t* out, const char* what) {
  uint32_t u = 0;
  S3C_RETURN_IF_ERROR(ReadVarint32(&u, what));
  *out = static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1));
  return Status::OK();
}

Status ThriftCompactReader::ReadZigzag64(int64_t* out, const char* what) {
  uint64_t u = 0;
  S3C_RETURN_IF_ERROR(ReadVarint64(&u, what));
  *out = static_cast<int64_t>((u >> 1) ^ (~(u & 1) + 1));
  return Status::OK();
}

Status ThriftCompactReader::ReadFieldHeader(int16_t* last_id, ThriftField* field) {
  field->offset = pos_;
  uint8_t b = 0;
  S3C_RETURN_IF_ERROR(ReadByte(&b, "field header"));
  if (b == 0) {
    field->type = ThriftType::kStop;
    return Status::OK();
  }
  const uint8_t type = b & 0x0F;
  if (type == 0 || type > static_cast<uint8_t>(ThriftType::kUuid)) {
    return Malformed(field->offset,
                     fmt::format("expected a field header, got field type {}", type));
  }
  const int delta = b >> 4;
  if (delta != 0) {
    const int id = *last_id + delta;
    if (id > INT16_MAX) return Malformed(field->offset, "field id delta overflows 16 bits");
    field->id = static_cast<int16_t>(id);
  } else {
    int32_t id = 0;
    S3C_RETURN_IF_ERROR(ReadZigzag32(&id, "field id"));
    if (id < INT16_MIN || id > INT16_MAX) {
      return Malformed(field->offset, fmt::format("field id {} does not fit 16 bits", id));
    }
    field->id = static_cast<int16_t>(id);
  }
  field->type = static_cast<ThriftType>(type);
  *last_id = field->id;
  return Status::OK();
}

Status ThriftCompactReader::ExpectType(const ThriftField& f, ThriftType type, const char* what) {
  const bool is_bool = f.type == ThriftType::kBoolTrue || f.type == ThriftType::kBoolFalse;
  if (type == ThriftType::kBoolTrue ? is_bool : f.type == type) return Status::OK();
  return Malformed(f.offset, fmt::format("expected {} for {} (field {}), got {}",
                                         ThriftTypeName(static_cast<uint8_t>(type)), what, f.id,
                                         ThriftTypeName(static_cast<uint8_t>(f.type))));
}

Status ThriftCompactReader::ReadBool(const ThriftField& f, bool* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kBoolTrue, what));
  *out = f.type == ThriftType::kBoolTrue;
  return Status::OK();
}

Status ThriftCompactReader::ReadI8(const ThriftField& f, int8_t* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kI8, what));
  uint8_t b = 0;
  S3C_RETURN_IF_ERROR(ReadByte(&b, what));
  *out = static_cast<int8_t>(b);
  return Status::OK();
}

Status ThriftCompactReader::ReadI16(const ThriftField& f, int16_t* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kI16, what));
  const size_t start = pos_;
  int32_t v = 0;
  S3C_RETURN_IF_ERROR(ReadZigzag32(&v, what));
  if (v < INT16_MIN || v > INT16_MAX) {
    return Malformed(start, fmt::format("{} = {} does not fit i16", what, v));
  }
  *out = static_cast<int16_t>(v);
  return Status::OK();
}

Status ThriftCompactReader::ReadI32(const ThriftField& f, int32_t* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kI32, what));
  return ReadZigzag32(out, what);
}

Status ThriftCompactReader::ReadI64(const ThriftField& f, int64_t* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kI64, what));
  return ReadZigzag64(out, what);
}

Status ThriftCompactReader::ReadDoubleValue(double* out, const char* what) {
  if (size_ - pos_ < 8) return Truncated(pos_, what, 8);
  uint64_t bits = 0;
  for (int i = 7; i >= 0; --i) bits = (bits << 8) | data_[pos_ + i];  // little-endian
  std::memcpy(out, &bits, sizeof(bits));
  pos_ += 8;
  return Status::OK();
}

Status ThriftCompactReader::ReadDouble(const ThriftField& f, double* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kDouble, what));
  return ReadDoubleValue(out, what);
}

Status ThriftCompactReader::ReadBinaryValue(std::string_view* out, const char* what) {
  const size_t start = pos_;
  uint32_t length = 0;
  S3C_RETURN_IF_ERROR(ReadVarint32(&length, what));
  if (length > INT32_MAX) return Malformed(start, fmt::format("{} has a negative length", what));
  if (static_cast<int64_t>(length) > limits_.max_string_bytes) {
    return Malformed(start, fmt::format("{} of {} bytes exceeds the limit of {} bytes", what,
                                        length, limits_.max_string_bytes));
  }
  if (length > size_ - pos_) return Truncated(start, what, pos_ - start + uint64_t{length});
  *out = std::string_view(reinterpret_cast<const char*>(data_ + pos_), length);
  pos_ += length;
  return Status::OK();
}

Status ThriftCompactReader::ReadBinaryValue(std::string* out, const char* what) {
  std::string_view view;
  S3C_RETURN_IF_ERROR(ReadBinaryValue(&view, what));
  out->assign(view.data(), view.size());
  return Status::OK();
}

Status ThriftCompactReader::ReadBinary(const ThriftField& f, std::string* out, const char* what) {
  S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kBinary, what));
  return ReadBinaryValue(out, what);
}

Status ThriftCompactReader::ReadBoolElement(bool* out, const char* what) {
  const size_t start = pos_;
  uint8_t b = 0;
  S3C_RETURN_IF_ERROR(ReadByte(&b, what));
  if (b > 2)
    return Malformed(start, fmt::format("expected a bool (0, 1 or 2) for {}, got {}", what, b));
  *out = b == 1;  // Java writes 2 for false, C++ writes 0
  return Status::OK();
}

Status ThriftCompactReader::ReadListHeaderValue(ThriftList* out, const char* what) {
  const size_t start = pos_;
  uint8_t b = 0;
  S3C_RETURN_IF_ERROR(ReadByte(&b, what));
  uint32_t size = b >> 4;
  if (size == 15) {
    S3C_RETURN_IF_ERROR(ReadVarint32(&size, "list size"));
    if (size > INT32_MAX) return Malformed(start, fmt::format("{} has a negative size", what));
  }
  out->size = size;
  if (!NormalizeElementType(b & 0x0F, &out->element_type)) {
    if (size != 0) {
      return Malformed(start, fmt::format("{}: invalid list element type {}", what, b & 0x0F));
    }
    out->element_type = ThriftType::kStop;  // an empty list of no particular type
  }
  if (static_cast<int64_t>(size) > limits_.max_list_elements) {
    return Malformed(start, fmt::format("{} of {} elements exceeds the limit of {} elements", what,
                                        size, limits_.max_list_elements));
  }
  const uint64_t needed = uint64_t{size} * MinElementBytes(out->element_type);
  if (needed > size_ - pos_) {
    return Truncated(start, fmt::format("{} of {} elements", what, size), pos_ - start + needed);
  }
  return Status::OK();
}

Status ThriftCompactReader::ReadListHeader(const ThriftField& f, ThriftList* out,
                                           const char* what) {
  if (f.type != ThriftType::kSet) S3C_RETURN_IF_ERROR(ExpectType(f, ThriftType::kList, what));
  return ReadListHeaderValue(out, what);
}

Status ThriftCompactReader::ExpectElementType(const ThriftList& list, ThriftType type,
                                              const char* what) {
  if (list.size == 0 || list.element_type == type) return Status::OK();
  // i16, i32 and i64 elements are all zigzag varints: a narrower one reads as a wider one (the
  // reference readers do not check list element types at all). The value range is still checked.
  const bool narrower_int = (type == ThriftType::kI32 && list.element_type == ThriftType::kI16) ||
                            (type == ThriftType::kI64 && (list.element_type == ThriftType::kI16 ||
                                                          list.element_type == ThriftType::kI32));
  if (narrower_int) return Status::OK();
  return Malformed(pos_, fmt::format("expected a list of {} for {}, got a list of {}",
                                     ThriftTypeName(static_cast<uint8_t>(type)), what,
                                     ThriftTypeName(static_cast<uint8_t>(list.element_type))));
}

Status ThriftCompactReader::ReadMapHeader(ThriftType* key_type, ThriftType* value_type,
                                          uint32_t* size, const char* what) {
  const size_t start = pos_;
  S3C_RETURN_IF_ERROR(ReadVarint32(size, what));
  if (*size == 0) {
    *key_type = *value_type = ThriftType::kStop;
    return Status::OK();
  }
  if (*size > INT32_MAX) return Malformed(start, fmt::format("{} has a negative size", what));
  uint8_t types = 0;
  S3C_RETURN_IF_ERROR(ReadByte(&types, what));
  if (!NormalizeElementType(types >> 4, key_type) ||
      !NormalizeElementType(types & 0x0F, value_type)) {
    return Malformed(start, fmt::format("{}: invalid map key/value types 0x{:02x}", what, types));
  }
  if (static_cast<int64_t>(*size) > limits_.max_list_elements) {
    return Malformed(start, fmt::format("{} of {} entries exceeds the limit of {} elements", what,
                                        *size, limits_.max_list_elements));
  }
  const uint64_t needed =
      uint64_t{*size} * (MinElementBytes(*key_type) + MinElementBytes(*value_type));
  if (needed > size_ - pos_) {
    return Truncated(start, fmt::format("{} of {} entries", what, *size), pos_ - start + needed);
  }
  return Status::OK();
}

}  // namespace s3c::formats::parquet
