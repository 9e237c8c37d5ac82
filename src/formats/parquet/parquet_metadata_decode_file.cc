// FileMetaData, the footer's root struct (parquet-format, parquet.thrift).
#include <fmt/format.h>

#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet {
namespace decode {
namespace {

// ColumnOrder union: TYPE_ORDER (1) is the only member s3c acts on.
Status DecodeColumnOrder(ThriftCompactReader& r, bool* type_defined) {
  *type_defined = false;
  return r.ReadStruct("ColumnOrder", [&](const ThriftField& f) -> Status {
    if (f.id == 1 && f.type == ThriftType::kStruct) *type_defined = true;
    return r.Skip(f.type);
  });
}

Status DecodeColumnOrders(ThriftCompactReader& r, const ThriftField& f, std::vector<bool>* out) {
  ThriftList list;
  S3C_RETURN_IF_ERROR(r.ReadListHeader(f, &list, "FileMetaData.column_orders"));
  S3C_RETURN_IF_ERROR(r.ExpectElementType(list, ThriftType::kStruct, "FileMetaData.column_orders"));
  out->assign(list.size, false);  // one byte per element at least: checked by the header
  for (uint32_t i = 0; i < list.size; ++i) {
    bool type_defined = false;
    S3C_RETURN_IF_ERROR(DecodeColumnOrder(r, &type_defined));
    (*out)[i] = type_defined;
  }
  return Status::OK();
}

Status DecodeFile(ThriftCompactReader& r, const MetadataLimits& limits, FileMetaData* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("FileMetaData", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->version, "FileMetaData.version");
      case 2:
        return ReadList(
            r, f, ThriftType::kStruct, &out->schema, "FileMetaData.schema",
            [&](SchemaElement* e) { return DecodeSchemaElement(r, e); },
            limits.max_schema_elements);
      case 3:
        return r.ReadI64(f, &out->num_rows, "FileMetaData.num_rows");
      case 4:
        return ReadList(
            r, f, ThriftType::kStruct, &out->row_groups, "FileMetaData.row_groups",
            [&](RowGroup* g) { return DecodeRowGroup(r, g); }, limits.max_row_groups);
      case 5:
        return DecodeKeyValueList(r, f, &out->key_value_metadata);
      case 6:
        return ReadOptBinary(r, f, &out->created_by, "FileMetaData.created_by");
      case 7:
        if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);
        return DecodeColumnOrders(r, f, &out->column_orders_type_defined);
      case 8:  // encryption_algorithm: a plaintext footer of an encrypted file
        out->has_encryption_algorithm = true;
        return r.Skip(f.type);
      default:
        return r.Skip(f.type);  // 9 footer_signing_key_metadata, ...
    }
  }));
  return CheckRequired(r, start, seen, "FileMetaData",
                       {{1, "version"}, {2, "schema"}, {3, "num_rows"}, {4, "row_groups"}});
}

}  // namespace
}  // namespace decode

Result<FileMetaData> DecodeFileMetaData(std::string_view bytes, std::string_view name,
                                        const MetadataLimits& limits) {
  ThriftCompactReader r(bytes, name, decode::ToThriftLimits(limits));
  FileMetaData out;
  S3C_RETURN_IF_ERROR(decode::TruncationIsDataLoss(decode::DecodeFile(r, limits, &out)));
  return out;
}

}  // namespace s3c::formats::parquet
