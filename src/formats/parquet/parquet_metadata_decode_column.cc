// ColumnMetaData, ColumnChunk and RowGroup (parquet-format, parquet.thrift).
#include <fmt/format.h>

#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet::decode {
namespace {

Status DecodePageEncodingStats(ThriftCompactReader& r, PageEncodingStats* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("PageEncodingStats", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadEnum(r, f, &out->page_type, "PageEncodingStats.page_type");
      case 2:
        return ReadEnum(r, f, &out->encoding, "PageEncodingStats.encoding");
      case 3:
        return r.ReadI32(f, &out->count, "PageEncodingStats.count");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "PageEncodingStats",
                       {{1, "page_type"}, {2, "encoding"}, {3, "count"}});
}

Status DecodeSortingColumn(ThriftCompactReader& r, SortingColumn* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("SortingColumn", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->column_idx, "SortingColumn.column_idx");
      case 2:
        return r.ReadBool(f, &out->descending, "SortingColumn.descending");
      case 3:
        return r.ReadBool(f, &out->nulls_first, "SortingColumn.nulls_first");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "SortingColumn",
                       {{1, "column_idx"}, {2, "descending"}, {3, "nulls_first"}});
}

Status ReadPhysicalType(ThriftCompactReader& r, const ThriftField& f, PhysicalType* out) {
  const size_t at = r.position();
  int32_t v = 0;
  S3C_RETURN_IF_ERROR(r.ReadI32(f, &v, "ColumnMetaData.type"));
  if (v < 0 || v > 7) return r.Malformed(at, fmt::format("unsupported ColumnMetaData.type {}", v));
  *out = static_cast<PhysicalType>(v);
  return Status::OK();
}

Status DecodeColumnChunk(ThriftCompactReader& r, ColumnChunk* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("ColumnChunk", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadOptBinary(r, f, &out->file_path, "ColumnChunk.file_path");
      case 2:
        return r.ReadI64(f, &out->file_offset, "ColumnChunk.file_offset");
      case 3:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        if (!out->meta_data) out->meta_data.emplace();
        return DecodeColumnMetaData(r, &*out->meta_data);
      case 4:
        return ReadOptI64(r, f, &out->offset_index_offset, "ColumnChunk.offset_index_offset");
      case 5:
        return ReadOptI32(r, f, &out->offset_index_length, "ColumnChunk.offset_index_length");
      case 6:
        return ReadOptI64(r, f, &out->column_index_offset, "ColumnChunk.column_index_offset");
      case 7:
        return ReadOptI32(r, f, &out->column_index_length, "ColumnChunk.column_index_length");
      case 8:  // crypto_metadata (ColumnCryptoMetaData)
      case 9:  // encrypted_column_metadata
        out->has_crypto_metadata = true;
        return r.Skip(f.type);
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "ColumnChunk", {{2, "file_offset"}});
}

}  // namespace

Status DecodeColumnMetaData(ThriftCompactReader& r, ColumnMetaData* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("ColumnMetaData", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadPhysicalType(r, f, &out->type);
      case 2:
        return ReadList(r, f, ThriftType::kI32, &out->encodings, "ColumnMetaData.encodings",
                        [&](Encoding* e) {
                          int32_t v = 0;
                          S3C_RETURN_IF_ERROR(r.ReadZigzag32(&v, "ColumnMetaData.encodings"));
                          *e = static_cast<Encoding>(v);
                          return Status::OK();
                        });
      case 3:
        return ReadStringList(r, f, &out->path_in_schema, "ColumnMetaData.path_in_schema");
      case 4:
        return ReadEnum(r, f, &out->codec, "ColumnMetaData.codec");
      case 5:
        return r.ReadI64(f, &out->num_values, "ColumnMetaData.num_values");
      case 6:
        return r.ReadI64(f, &out->total_uncompressed_size,
                         "ColumnMetaData.total_uncompressed_size");
      case 7:
        return r.ReadI64(f, &out->total_compressed_size, "ColumnMetaData.total_compressed_size");
      case 8:
        return DecodeKeyValueList(r, f, &out->key_value_metadata);
      case 9:
        return r.ReadI64(f, &out->data_page_offset, "ColumnMetaData.data_page_offset");
      case 10:
        return ReadOptI64(r, f, &out->index_page_offset, "ColumnMetaData.index_page_offset");
      case 11:
        return ReadOptI64(r, f, &out->dictionary_page_offset,
                          "ColumnMetaData.dictionary_page_offset");
      case 12:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        out->statistics.emplace();
        return DecodeStatistics(r, &*out->statistics);
      case 13:
        if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);
        return ReadList(r, f, ThriftType::kStruct, &out->encoding_stats,
                        "ColumnMetaData.encoding_stats",
                        [&](PageEncodingStats* s) { return DecodePageEncodingStats(r, s); });
      case 14:
        return ReadOptI64(r, f, &out->bloom_filter_offset, "ColumnMetaData.bloom_filter_offset");
      case 15:
        return ReadOptI32(r, f, &out->bloom_filter_length, "ColumnMetaData.bloom_filter_length");
      default:
        return r.Skip(f.type);  // 16 size_statistics, 17 geospatial_statistics, ...
    }
  }));
  return CheckRequired(r, start, seen, "ColumnMetaData",
                       {{1, "type"},
                        {2, "encodings"},
                        {3, "path_in_schema"},
                        {4, "codec"},
                        {5, "num_values"},
                        {6, "total_uncompressed_size"},
                        {7, "total_compressed_size"},
                        {9, "data_page_offset"}});
}

Status DecodeRowGroup(ThriftCompactReader& r, RowGroup* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("RowGroup", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadList(r, f, ThriftType::kStruct, &out->columns, "RowGroup.columns",
                        [&](ColumnChunk* c) { return DecodeColumnChunk(r, c); });
      case 2:
        return r.ReadI64(f, &out->total_byte_size, "RowGroup.total_byte_size");
      case 3:
        return r.ReadI64(f, &out->num_rows, "RowGroup.num_rows");
      case 4:
        if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);
        return ReadList(r, f, ThriftType::kStruct, &out->sorting_columns,
                        "RowGroup.sorting_columns",
                        [&](SortingColumn* c) { return DecodeSortingColumn(r, c); });
      case 5:
        return ReadOptI64(r, f, &out->file_offset, "RowGroup.file_offset");
      case 6:
        return ReadOptI64(r, f, &out->total_compressed_size, "RowGroup.total_compressed_size");
      case 7: {
        if (!IsType(f, ThriftType::kI16)) return r.Skip(f.type);
        int16_t v = 0;
        S3C_RETURN_IF_ERROR(r.ReadI16(f, &v, "RowGroup.ordinal"));
        out->ordinal = v;
        return Status::OK();
      }
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "RowGroup",
                       {{1, "columns"}, {2, "total_byte_size"}, {3, "num_rows"}});
}

}  // namespace s3c::formats::parquet::decode
