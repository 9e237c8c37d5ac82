// Thrift compact-protocol encoding of the Parquet metadata (parquet-format, parquet.thrift);
// the mirror of parquet_metadata_decode_*.cc. Field ids are written in increasing order so the
// short field header applies.
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/thrift_compact_writer.h"

namespace s3c::formats::parquet {
namespace {

using W = ThriftCompactWriter;
using T = ThriftType;

template <typename E>
int32_t I32(E e) {
  return static_cast<int32_t>(e);
}

void EmptyStructField(W& w, int16_t id) {
  w.StructField(id);
  w.EndStruct();
}

void OptI32(W& w, int16_t id, const std::optional<int32_t>& v) {
  if (v) w.I32Field(id, *v);
}
void OptI64(W& w, int16_t id, const std::optional<int64_t>& v) {
  if (v) w.I64Field(id, *v);
}
void OptBinary(W& w, int16_t id, const std::optional<std::string>& v) {
  if (v) w.BinaryField(id, *v);
}

void StringList(W& w, int16_t id, const std::vector<std::string>& values) {
  w.ListField(id, T::kBinary, static_cast<uint32_t>(values.size()));
  for (const std::string& v : values) w.BinaryValue(v);
}

void I64List(W& w, int16_t id, const std::vector<int64_t>& values) {
  w.ListField(id, T::kI64, static_cast<uint32_t>(values.size()));
  for (int64_t v : values) w.Zigzag64(v);
}

void StatisticsField(W& w, int16_t id, const Statistics& s) {
  w.StructField(id);
  OptBinary(w, 1, s.max);
  OptBinary(w, 2, s.min);
  OptI64(w, 3, s.null_count);
  OptI64(w, 4, s.distinct_count);
  OptBinary(w, 5, s.max_value);
  OptBinary(w, 6, s.min_value);
  if (s.is_max_value_exact) w.BoolField(7, *s.is_max_value_exact);
  if (s.is_min_value_exact) w.BoolField(8, *s.is_min_value_exact);
  w.EndStruct();
}

void KeyValueList(W& w, int16_t id, const std::vector<KeyValue>& kvs) {
  w.ListField(id, T::kStruct, static_cast<uint32_t>(kvs.size()));
  for (const KeyValue& kv : kvs) {
    w.BeginStruct();
    w.BinaryField(1, kv.key);
    OptBinary(w, 2, kv.value);
    w.EndStruct();
  }
}

void LogicalTypeField(W& w, int16_t id, const LogicalType& t) {
  using Kind = LogicalType::Kind;
  w.StructField(id);
  w.StructField(static_cast<int16_t>(t.kind));
  switch (t.kind) {
    case Kind::kDecimal:
      w.I32Field(1, t.decimal_scale);
      w.I32Field(2, t.decimal_precision);
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      w.BoolField(1, t.is_adjusted_to_utc);
      w.StructField(2);  // TimeUnit union: MILLIS = 1, MICROS = 2, NANOS = 3
      EmptyStructField(w, t.unit == TimeUnitKind::kMillis   ? 1
                          : t.unit == TimeUnitKind::kMicros ? 2
                                                            : 3);
      w.EndStruct();
      break;
    case Kind::kInteger:
      w.I8Field(1, t.bit_width);
      w.BoolField(2, t.is_signed);
      break;
    case Kind::kGeometry:
    case Kind::kGeography:
      OptBinary(w, 1, t.crs);
      if (t.kind == Kind::kGeography) OptI32(w, 2, t.edge_algorithm);
      break;
    default:
      break;  // the other members are empty structs
  }
  w.EndStruct();
  w.EndStruct();
}

void SchemaElementValue(W& w, const SchemaElement& e) {
  w.BeginStruct();
  if (e.type) w.I32Field(1, I32(*e.type));
  OptI32(w, 2, e.type_length);
  if (e.repetition) w.I32Field(3, I32(*e.repetition));
  w.BinaryField(4, e.name);
  OptI32(w, 5, e.num_children);
  if (e.converted_type) w.I32Field(6, I32(*e.converted_type));
  OptI32(w, 7, e.scale);
  OptI32(w, 8, e.precision);
  OptI32(w, 9, e.field_id);
  if (e.logical_type) LogicalTypeField(w, 10, *e.logical_type);
  w.EndStruct();
}

void ColumnMetaDataField(W& w, int16_t id, const ColumnMetaData& m) {
  w.StructField(id);
  w.I32Field(1, I32(m.type));
  w.ListField(2, T::kI32, static_cast<uint32_t>(m.encodings.size()));
  for (Encoding e : m.encodings) w.Zigzag32(I32(e));
  StringList(w, 3, m.path_in_schema);
  w.I32Field(4, I32(m.codec));
  w.I64Field(5, m.num_values);
  w.I64Field(6, m.total_uncompressed_size);
  w.I64Field(7, m.total_compressed_size);
  if (!m.key_value_metadata.empty()) KeyValueList(w, 8, m.key_value_metadata);
  w.I64Field(9, m.data_page_offset);
  OptI64(w, 10, m.index_page_offset);
  OptI64(w, 11, m.dictionary_page_offset);
  if (m.statistics) StatisticsField(w, 12, *m.statistics);
  if (!m.encoding_stats.empty()) {
    w.ListField(13, T::kStruct, static_cast<uint32_t>(m.encoding_stats.size()));
    for (const PageEncodingStats& s : m.encoding_stats) {
      w.BeginStruct();
      w.I32Field(1, I32(s.page_type));
      w.I32Field(2, I32(s.encoding));
      w.I32Field(3, s.count);
      w.EndStruct();
    }
  }
  OptI64(w, 14, m.bloom_filter_offset);
  OptI32(w, 15, m.bloom_filter_length);
  w.EndStruct();
}

void ColumnChunkValue(W& w, const ColumnChunk& c) {
  w.BeginStruct();
  OptBinary(w, 1, c.file_path);
  w.I64Field(2, c.file_offset);
  if (c.meta_data) ColumnMetaDataField(w, 3, *c.meta_data);
  OptI64(w, 4, c.offset_index_offset);
  OptI32(w, 5, c.offset_index_length);
  OptI64(w, 6, c.column_index_offset);
  OptI32(w, 7, c.column_index_length);
  if (c.has_crypto_metadata) {
    w.StructField(8);  // ColumnCryptoMetaData: ENCRYPTION_WITH_FOOTER_KEY
    EmptyStructField(w, 1);
    w.EndStruct();
  }
  w.EndStruct();
}

void RowGroupValue(W& w, const RowGroup& g) {
  w.BeginStruct();
  w.ListField(1, T::kStruct, static_cast<uint32_t>(g.columns.size()));
  for (const ColumnChunk& c : g.columns) ColumnChunkValue(w, c);
  w.I64Field(2, g.total_byte_size);
  w.I64Field(3, g.num_rows);
  if (!g.sorting_columns.empty()) {
    w.ListField(4, T::kStruct, static_cast<uint32_t>(g.sorting_columns.size()));
    for (const SortingColumn& s : g.sorting_columns) {
      w.BeginStruct();
      w.I32Field(1, s.column_idx);
      w.BoolField(2, s.descending);
      w.BoolField(3, s.nulls_first);
      w.EndStruct();
    }
  }
  OptI64(w, 5, g.file_offset);
  OptI64(w, 6, g.total_compressed_size);
  if (g.ordinal) w.I16Field(7, *g.ordinal);
  w.EndStruct();
}

}  // namespace

std::string EncodeFileMetaData(const FileMetaData& md) {
  std::string out;
  out.reserve(256 + 128 * md.schema.size());
  W w(&out);
  w.BeginStruct();
  w.I32Field(1, md.version);
  w.ListField(2, T::kStruct, static_cast<uint32_t>(md.schema.size()));
  for (const SchemaElement& e : md.schema) SchemaElementValue(w, e);
  w.I64Field(3, md.num_rows);
  w.ListField(4, T::kStruct, static_cast<uint32_t>(md.row_groups.size()));
  for (const RowGroup& g : md.row_groups) RowGroupValue(w, g);
  if (!md.key_value_metadata.empty()) KeyValueList(w, 5, md.key_value_metadata);
  OptBinary(w, 6, md.created_by);
  if (!md.column_orders_type_defined.empty()) {
    w.ListField(7, T::kStruct, static_cast<uint32_t>(md.column_orders_type_defined.size()));
    for (bool type_defined : md.column_orders_type_defined) {
      w.BeginStruct();                           // ColumnOrder union
      if (type_defined) EmptyStructField(w, 1);  // TYPE_ORDER
      w.EndStruct();
    }
  }
  if (md.has_encryption_algorithm) {
    w.StructField(8);  // EncryptionAlgorithm: AES_GCM_V1 with no fields set
    EmptyStructField(w, 1);
    w.EndStruct();
  }
  w.EndStruct();
  return out;
}

std::string EncodePageHeader(const PageHeader& h) {
  std::string out;
  W w(&out);
  w.BeginStruct();
  w.I32Field(1, I32(h.type));
  w.I32Field(2, h.uncompressed_page_size);
  w.I32Field(3, h.compressed_page_size);
  OptI32(w, 4, h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.StructField(5);
    w.I32Field(1, d.num_values);
    w.I32Field(2, I32(d.encoding));
    w.I32Field(3, I32(d.definition_level_encoding));
    w.I32Field(4, I32(d.repetition_level_encoding));
    if (d.statistics) StatisticsField(w, 5, *d.statistics);
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.StructField(7);
    w.I32Field(1, d.num_values);
    w.I32Field(2, I32(d.encoding));
    if (d.is_sorted) w.BoolField(3, *d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.StructField(8);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.num_nulls);
    w.I32Field(3, d.num_rows);
    w.I32Field(4, I32(d.encoding));
    w.I32Field(5, d.definition_levels_byte_length);
    w.I32Field(6, d.repetition_levels_byte_length);
    w.BoolField(7, d.is_compressed);
    if (d.statistics) StatisticsField(w, 8, *d.statistics);
    w.EndStruct();
  }
  w.EndStruct();
  return out;
}

std::string EncodeColumnIndex(const ColumnIndex& index) {
  std::string out;
  W w(&out);
  w.BeginStruct();
  w.ListField(1, T::kBoolTrue, static_cast<uint32_t>(index.null_pages.size()));
  for (bool b : index.null_pages) w.BoolValue(b);
  StringList(w, 2, index.min_values);
  StringList(w, 3, index.max_values);
  w.I32Field(4, I32(index.boundary_order));
  if (!index.null_counts.empty()) I64List(w, 5, index.null_counts);
  w.EndStruct();
  return out;
}

std::string EncodeOffsetIndex(const OffsetIndex& index) {
  std::string out;
  W w(&out);
  w.BeginStruct();
  w.ListField(1, T::kStruct, static_cast<uint32_t>(index.page_locations.size()));
  for (const PageLocation& p : index.page_locations) {
    w.BeginStruct();
    w.I64Field(1, p.offset);
    w.I32Field(2, p.compressed_page_size);
    w.I64Field(3, p.first_row_index);
    w.EndStruct();
  }
  if (!index.unencoded_byte_array_data_bytes.empty()) {
    I64List(w, 2, index.unencoded_byte_array_data_bytes);
  }
  w.EndStruct();
  return out;
}

}  // namespace s3c::formats::parquet
