// Shared pieces of the Parquet metadata decoders (parquet_metadata_decode_*.cc): required-field
// bookkeeping, enums, lists, and the struct decoders one family of structs needs from another.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/thrift_compact_reader.h"

namespace s3c::formats::parquet::decode {

ThriftLimits ToThriftLimits(const MetadataLimits& limits);

// Thrift "required" fields: a decoder sets bit `id` of a mask for every field it reads and checks
// the mask when the struct ends.
inline void Seen(uint64_t* mask, int16_t id) {
  if (id >= 0 && id < 64) *mask |= uint64_t{1} << id;
}
struct RequiredField {
  int16_t id;
  const char* name;
};
// InvalidArgument "<Struct> at byte offset N: required field <id> (<name>) is missing".
Status CheckRequired(const ThriftCompactReader& r, size_t struct_offset, uint64_t seen,
                     const char* struct_name, std::initializer_list<RequiredField> required);

// An i32 enum kept as read (see parquet_metadata.h).
template <typename E>
Status ReadEnum(ThriftCompactReader& r, const ThriftField& f, E* out, const char* what) {
  int32_t v = 0;
  S3C_RETURN_IF_ERROR(r.ReadI32(f, &v, what));
  *out = static_cast<E>(v);
  return Status::OK();
}

// A list field whose elements read_element(T*) decodes. Capacity grows with the elements
// actually decoded (a hostile count cannot reserve more than a few thousand elements).
template <typename T, typename ReadElement>
Status ReadList(ThriftCompactReader& r, const ThriftField& f, ThriftType element_type,
                std::vector<T>* out, const char* what, ReadElement&& read_element,
                int64_t max_count = INT64_MAX) {
  const size_t at = r.position();
  ThriftList list;
  S3C_RETURN_IF_ERROR(r.ReadListHeader(f, &list, what));
  if (static_cast<int64_t>(list.size) > max_count) {
    return r.Malformed(at, std::string(what) + " has " + std::to_string(list.size) +
                               " elements, more than the limit of " + std::to_string(max_count));
  }
  S3C_RETURN_IF_ERROR(r.ExpectElementType(list, element_type, what));
  out->clear();
  out->reserve(std::min<uint32_t>(list.size, 4096));
  for (uint32_t i = 0; i < list.size; ++i) {
    out->emplace_back();  // decoded in place: no move of the element
    S3C_RETURN_IF_ERROR(read_element(&out->back()));
  }
  return Status::OK();
}

// Thrift's generated readers skip a field whose wire type is not the IDL's (an old or foreign
// writer's field under a reused id). s3c does the same for optional fields and reports the
// mismatch for required ones, whose value it cannot do without.
inline bool IsType(const ThriftField& f, ThriftType type) {
  if (type == ThriftType::kBoolTrue || type == ThriftType::kBoolFalse) {
    return f.type == ThriftType::kBoolTrue || f.type == ThriftType::kBoolFalse;
  }
  if (type == ThriftType::kList) return f.type == ThriftType::kList || f.type == ThriftType::kSet;
  return f.type == type;
}

// Optional fields: skipped when their wire type is not the IDL's.
inline Status ReadOptI32(ThriftCompactReader& r, const ThriftField& f, std::optional<int32_t>* out,
                         const char* what) {
  if (!IsType(f, ThriftType::kI32)) return r.Skip(f.type);
  int32_t v = 0;
  S3C_RETURN_IF_ERROR(r.ReadI32(f, &v, what));
  *out = v;
  return Status::OK();
}
inline Status ReadOptI64(ThriftCompactReader& r, const ThriftField& f, std::optional<int64_t>* out,
                         const char* what) {
  if (!IsType(f, ThriftType::kI64)) return r.Skip(f.type);
  int64_t v = 0;
  S3C_RETURN_IF_ERROR(r.ReadI64(f, &v, what));
  *out = v;
  return Status::OK();
}
inline Status ReadOptBool(ThriftCompactReader& r, const ThriftField& f, std::optional<bool>* out,
                          const char* what) {
  if (!IsType(f, ThriftType::kBoolTrue)) return r.Skip(f.type);
  bool v = false;
  S3C_RETURN_IF_ERROR(r.ReadBool(f, &v, what));
  *out = v;
  return Status::OK();
}
inline Status ReadOptBinary(ThriftCompactReader& r, const ThriftField& f,
                            std::optional<std::string>* out, const char* what) {
  if (!IsType(f, ThriftType::kBinary)) return r.Skip(f.type);
  if (!out->has_value()) out->emplace();
  return r.ReadBinary(f, &**out, what);
}

template <typename E>
Status ReadOptEnum(ThriftCompactReader& r, const ThriftField& f, std::optional<E>* out,
                   const char* what) {
  if (!IsType(f, ThriftType::kI32)) return r.Skip(f.type);
  E v{};
  S3C_RETURN_IF_ERROR(ReadEnum(r, f, &v, what));
  *out = v;
  return Status::OK();
}

Status ReadI64List(ThriftCompactReader& r, const ThriftField& f, std::vector<int64_t>* out,
                   const char* what);
Status ReadStringList(ThriftCompactReader& r, const ThriftField& f, std::vector<std::string>* out,
                      const char* what);
Status ReadBoolList(ThriftCompactReader& r, const ThriftField& f, std::vector<bool>* out,
                    const char* what);

// Struct decoders used across files. Each reads one struct value (its field header is behind).
Status DecodeStatistics(ThriftCompactReader& r, Statistics* out);
Status DecodeKeyValue(ThriftCompactReader& r, KeyValue* out);
Status DecodeKeyValueList(ThriftCompactReader& r, const ThriftField& f, std::vector<KeyValue>* out);
Status DecodeSchemaElement(ThriftCompactReader& r, SchemaElement* out);
Status DecodeColumnMetaData(ThriftCompactReader& r, ColumnMetaData* out);
Status DecodeRowGroup(ThriftCompactReader& r, RowGroup* out);

// Whole-buffer decoders report data ending inside a value as DataLoss (the buffer is the
// complete structure, so more bytes will not help).
Status TruncationIsDataLoss(Status status);

}  // namespace s3c::formats::parquet::decode
