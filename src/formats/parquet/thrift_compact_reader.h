// A bounded reader of the Thrift compact protocol (apache/thrift,
// doc/specs/thrift-compact-protocol.md) over one byte span. It never reads past the span, checks
// every length and count against the bytes left and the limits before it allocates, and names the
// byte offset and what it expected in every error:
//   OutOfRange       the span ends inside a value (a caller may fetch more bytes and retry);
//   InvalidArgument  malformed data or a limit exceeded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// Compact-protocol type ids (field types and element types share these values, except that a
// bool field carries its value in the type: 1 = true, 2 = false).
enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kI8 = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
  kUuid = 13,
};

// "i32", "struct", ... for messages; "type 14" for ids outside the protocol.
std::string ThriftTypeName(uint8_t type);

struct ThriftLimits {
  int64_t max_string_bytes = 64 << 20;
  int64_t max_list_elements = 10'000'000;
  int32_t max_nesting_depth = 64;  // structs, lists, sets and maps inside one another
};

// One field header. For a bool field `type` is kBoolTrue or kBoolFalse and the value is there.
struct ThriftField {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;
  size_t offset = 0;  // of the field header
};

// A list or set header. Element type kBoolTrue stands for bool elements (writers use 1 or 2).
struct ThriftList {
  ThriftType element_type = ThriftType::kStop;
  uint32_t size = 0;
};

class ThriftCompactReader {
 public:
  // `name` (object key or path) prefixes every message; both views must outlive the reader.
  ThriftCompactReader(std::string_view bytes, std::string_view name, const ThriftLimits& limits)
      : data_(reinterpret_cast<const uint8_t*>(bytes.data())),
        size_(bytes.size()),
        name_(name),
        limits_(limits) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return size_ - pos_; }
  int32_t depth() const { return depth_; }

  // Reads a struct: calls on_field(const ThriftField&) -> Status for every field until the stop
  // field. on_field must consume the field value (a Read* call or Skip(field.type)).
  template <typename OnField>
  Status ReadStruct(const char* what, OnField&& on_field);

  // Next field header of the struct being read; *last_id holds the previous field id (0 at the
  // start) for the delta form. A stop field returns type kStop.
  Status ReadFieldHeader(int16_t* last_id, ThriftField* field);

  // Field readers: check that the field's wire type is the one expected, then read the value.
  // `what` names the field in messages ("ColumnMetaData.num_values").
  Status ReadBool(const ThriftField& f, bool* out, const char* what);
  Status ReadI8(const ThriftField& f, int8_t* out, const char* what);
  Status ReadI16(const ThriftField& f, int16_t* out, const char* what);
  Status ReadI32(const ThriftField& f, int32_t* out, const char* what);
  Status ReadI64(const ThriftField& f, int64_t* out, const char* what);
  Status ReadDouble(const ThriftField& f, double* out, const char* what);
  Status ReadBinary(const ThriftField& f, std::string* out, const char* what);
  Status ExpectType(const ThriftField& f, ThriftType type, const char* what);

  // Raw values (list elements and the insides of the field readers).
  Status ReadVarint64(uint64_t* out, const char* what);
  Status ReadVarint32(uint32_t* out, const char* what);
  Status ReadZigzag32(int32_t* out, const char* what);
  Status ReadZigzag64(int64_t* out, const char* what);
  Status ReadByte(uint8_t* out, const char* what);
  Status ReadBinaryValue(std::string_view* out, const char* what);
  Status ReadBinaryValue(std::string* out, const char* what);
  Status ReadBoolElement(bool* out, const char* what);
  Status ReadDoubleValue(double* out, const char* what);

  // A list or set header (short form: size in the high nibble; long form: 0xF_ then a varint).
  // The size is checked against max_list_elements and against the bytes left (every element
  // type takes at least one byte: bools are one byte each in lists, an empty struct is its stop
  // byte) before anyone allocates for it. A field of type kList/kSet must be at hand.
  Status ReadListHeader(const ThriftField& f, ThriftList* out, const char* what);
  Status ReadListHeaderValue(ThriftList* out, const char* what);
  // A list element type check (bool lists accept element type 1 or 2; integer lists accept
  // narrower integer elements, all being zigzag varints).
  Status ExpectElementType(const ThriftList& list, ThriftType type, const char* what);
  // A map header: size 0 is one zero byte; otherwise varint size then key/value type byte.
  Status ReadMapHeader(ThriftType* key_type, ThriftType* value_type, uint32_t* size,
                       const char* what);

  // Skips one value of the given wire type, however deeply nested (within the depth limit).
  Status Skip(ThriftType type);

  // Errors at an offset, with the reader's name.
  Status Malformed(size_t offset, std::string_view what) const;
  Status Truncated(size_t offset, std::string_view what, uint64_t needed) const;

  // Depth bookkeeping for nested values (ReadStruct and Skip use it).
  Status Enter(const char* what);
  void Leave() { --depth_; }

 private:
  Status SkipElements(ThriftType type, uint64_t count);

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  int32_t depth_ = 0;
  std::string_view name_;
  ThriftLimits limits_;
};

template <typename OnField>
Status ThriftCompactReader::ReadStruct(const char* what, OnField&& on_field) {
  S3C_RETURN_IF_ERROR(Enter(what));
  int16_t last_id = 0;
  for (;;) {
    ThriftField field;
    S3C_RETURN_IF_ERROR(ReadFieldHeader(&last_id, &field));
    if (field.type == ThriftType::kStop) break;
    S3C_RETURN_IF_ERROR(on_field(field));
  }
  Leave();
  return Status::OK();
}

}  // namespace s3c::formats::parquet
