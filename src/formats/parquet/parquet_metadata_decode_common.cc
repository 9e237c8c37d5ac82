// Decoding helpers shared by the Parquet metadata decoders, and the structs every family uses
// (Statistics, KeyValue). parquet-format, src/main/thrift/parquet.thrift.
#include <fmt/format.h>

#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet::decode {

ThriftLimits ToThriftLimits(const MetadataLimits& limits) {
  ThriftLimits out;
  out.max_string_bytes = limits.max_string_bytes;
  out.max_list_elements = limits.max_list_elements;
  out.max_nesting_depth = limits.max_nesting_depth;
  return out;
}

Status CheckRequired(const ThriftCompactReader& r, size_t struct_offset, uint64_t seen,
                     const char* struct_name, std::initializer_list<RequiredField> required) {
  for (const RequiredField& field : required) {
    if ((seen & (uint64_t{1} << field.id)) == 0) {
      return r.Malformed(struct_offset, fmt::format("{}: required field {} ({}) is missing",
                                                    struct_name, field.id, field.name));
    }
  }
  return Status::OK();
}

Status TruncationIsDataLoss(Status status) {
  if (status.code() != StatusCode::kOutOfRange) return status;
  return DataLossError(status.message());
}

Status ReadI64List(ThriftCompactReader& r, const ThriftField& f, std::vector<int64_t>* out,
                   const char* what) {
  return ReadList(r, f, ThriftType::kI64, out, what,
                  [&](int64_t* v) { return r.ReadZigzag64(v, what); });
}

Status ReadStringList(ThriftCompactReader& r, const ThriftField& f, std::vector<std::string>* out,
                      const char* what) {
  return ReadList(r, f, ThriftType::kBinary, out, what,
                  [&](std::string* v) { return r.ReadBinaryValue(v, what); });
}

Status ReadBoolList(ThriftCompactReader& r, const ThriftField& f, std::vector<bool>* out,
                    const char* what) {
  ThriftList list;
  S3C_RETURN_IF_ERROR(r.ReadListHeader(f, &list, what));
  S3C_RETURN_IF_ERROR(r.ExpectElementType(list, ThriftType::kBoolTrue, what));
  out->assign(list.size, false);  // the header checked one byte per element is there
  for (uint32_t i = 0; i < list.size; ++i) {
    bool v = false;
    S3C_RETURN_IF_ERROR(r.ReadBoolElement(&v, what));
    (*out)[i] = v;
  }
  return Status::OK();
}

Status DecodeStatistics(ThriftCompactReader& r, Statistics* out) {
  return r.ReadStruct("Statistics", [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadOptBinary(r, f, &out->max, "Statistics.max");
      case 2:
        return ReadOptBinary(r, f, &out->min, "Statistics.min");
      case 3:
        return ReadOptI64(r, f, &out->null_count, "Statistics.null_count");
      case 4:
        return ReadOptI64(r, f, &out->distinct_count, "Statistics.distinct_count");
      case 5:
        return ReadOptBinary(r, f, &out->max_value, "Statistics.max_value");
      case 6:
        return ReadOptBinary(r, f, &out->min_value, "Statistics.min_value");
      case 7:
        return ReadOptBool(r, f, &out->is_max_value_exact, "Statistics.is_max_value_exact");
      case 8:
        return ReadOptBool(r, f, &out->is_min_value_exact, "Statistics.is_min_value_exact");
      default:
        return r.Skip(f.type);
    }
  });
}

Status DecodeKeyValue(ThriftCompactReader& r, KeyValue* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("KeyValue", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadBinary(f, &out->key, "KeyValue.key");
      case 2:
        return ReadOptBinary(r, f, &out->value, "KeyValue.value");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "KeyValue", {{1, "key"}});
}

Status DecodeKeyValueList(ThriftCompactReader& r, const ThriftField& f,
                          std::vector<KeyValue>* out) {
  if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);  // optional wherever it appears
  return ReadList(r, f, ThriftType::kStruct, out, "key_value_metadata",
                  [&](KeyValue* kv) { return DecodeKeyValue(r, kv); });
}

}  // namespace s3c::formats::parquet::decode
