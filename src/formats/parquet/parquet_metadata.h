// The Parquet file metadata as plain C++ values (parquet-format, src/main/thrift/parquet.thrift),
// and its Thrift compact-protocol decoding and encoding (parquet_metadata_decode.cc,
// parquet_metadata_encode.cc). Only the fields s3c reads or writes are kept; decoding skips the
// others. Optional Thrift fields are std::optional (or an empty container where absence and
// emptiness mean the same).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// Physical types (parquet.thrift: Type).
enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

// Legacy converted types (parquet.thrift: ConvertedType).
enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// parquet.thrift: Encoding (2 = GROUP_VAR_INT is unused and rejected).
enum class Encoding : int32_t {
  kPlain = 0,
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

// parquet.thrift: CompressionCodec.
enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // deprecated: Hadoop-framed LZ4 (or raw LZ4 from some writers)
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

enum class BoundaryOrder : int32_t { kUnordered = 0, kAscending = 1, kDescending = 2 };

enum class TimeUnitKind : int32_t { kMillis, kMicros, kNanos };

// parquet.thrift: LogicalType (a union). kind says which member is set; the parameters that
// member carries are in the fields below it.
struct LogicalType {
  enum class Kind : int32_t {
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kUnknown = 11,  // always-null column
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
    kVariant = 16,
    kGeometry = 17,
    kGeography = 18,
  };
  Kind kind = Kind::kString;
  int32_t decimal_scale = 0;       // kDecimal
  int32_t decimal_precision = 0;   // kDecimal
  bool is_adjusted_to_utc = false; // kTime, kTimestamp
  TimeUnitKind unit = TimeUnitKind::kMillis;  // kTime, kTimestamp
  int8_t bit_width = 0;            // kInteger: 8, 16, 32, 64
  bool is_signed = true;           // kInteger
  std::optional<std::string> crs;  // kGeometry, kGeography (absent: OGC:CRS84)
  std::optional<int32_t> edge_algorithm;  // kGeography: EdgeInterpolationAlgorithm

  bool operator==(const LogicalType&) const = default;
};

// One node of the flattened schema tree (depth-first; a group lists num_children).
struct SchemaElement {
  std::optional<PhysicalType> type;  // absent for groups
  std::optional<int32_t> type_length;  // FIXED_LEN_BYTE_ARRAY width
  std::optional<Repetition> repetition;  // absent only for the root
  std::string name;
  std::optional<int32_t> num_children;  // set for groups (the root included)
  std::optional<ConvertedType> converted_type;
  std::optional<int32_t> scale;
  std::optional<int32_t> precision;
  std::optional<int32_t> field_id;
  std::optional<LogicalType> logical_type;

  bool operator==(const SchemaElement&) const = default;
};

// parquet.thrift: Statistics. min_value/max_value (new, ordered by the logical type) are
// preferred over the deprecated min/max (signed byte order); both are the PLAIN encoding of a
// value, without the length prefix for BYTE_ARRAY.
struct Statistics {
  std::optional<std::string> max;        // deprecated field 1
  std::optional<std::string> min;        // deprecated field 2
  std::optional<int64_t> null_count;
  std::optional<int64_t> distinct_count;
  std::optional<std::string> max_value;  // field 5
  std::optional<std::string> min_value;  // field 6
  std::optional<bool> is_max_value_exact;
  std::optional<bool> is_min_value_exact;

  bool operator==(const Statistics&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;  // values including nulls
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted;

  bool operator==(const DictionaryPageHeader&) const = default;
};

// Levels are not compressed in v2 pages: the page body is
// [repetition levels][definition levels][values, compressed if is_compressed].
struct DataPageHeaderV2 {
  int32_t num_values = 0;
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  bool is_compressed = true;  // Thrift default
  std::optional<Statistics> statistics;

  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  std::optional<int32_t> crc;  // CRC-32 (zlib polynomial) of the compressed page body
  std::optional<DataPageHeader> data_page_header;
  std::optional<DictionaryPageHeader> dictionary_page_header;
  std::optional<DataPageHeaderV2> data_page_header_v2;

  bool operator==(const PageHeader&) const = default;
};

struct KeyValue {
  std::string key;
  std::optional<std::string> value;

  bool operator==(const KeyValue&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;

  bool operator==(const SortingColumn&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;

  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  PhysicalType type = PhysicalType::kBoolean;
  std::vector<Encoding> encodings;
  std::vector<std::string> path_in_schema;
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;
  int64_t total_compressed_size = 0;
  std::vector<KeyValue> key_value_metadata;
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset;
  std::optional<int64_t> dictionary_page_offset;
  std::optional<Statistics> statistics;
  std::vector<PageEncodingStats> encoding_stats;
  std::optional<int64_t> bloom_filter_offset;
  std::optional<int32_t> bloom_filter_length;

  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path;  // chunks in another file are not supported
  int64_t file_offset = 0;               // deprecated; writers set it to the chunk start
  std::optional<ColumnMetaData> meta_data;
  std::optional<int64_t> offset_index_offset;
  std::optional<int32_t> offset_index_length;
  std::optional<int64_t> column_index_offset;
  std::optional<int32_t> column_index_length;
  bool has_crypto_metadata = false;  // field 8 present: the column is encrypted

  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns;
  int64_t total_byte_size = 0;
  int64_t num_rows = 0;
  std::vector<SortingColumn> sorting_columns;
  std::optional<int64_t> file_offset;
  std::optional<int64_t> total_compressed_size;
  std::optional<int16_t> ordinal;

  bool operator==(const RowGroup&) const = default;
};

struct FileMetaData {
  int32_t version = 0;
  std::vector<SchemaElement> schema;
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups;
  std::vector<KeyValue> key_value_metadata;
  std::optional<std::string> created_by;
  // column_orders: true when present and TYPE_ORDER for that column (min_value/max_value
  // then follow the logical type's order).
  std::vector<bool> column_orders_type_defined;
  bool has_encryption_algorithm = false;  // field 8: plaintext footer of an encrypted file

  bool operator==(const FileMetaData&) const = default;
};

struct PageLocation {
  int64_t offset = 0;
  int32_t compressed_page_size = 0;
  int64_t first_row_index = 0;

  bool operator==(const PageLocation&) const = default;
};

struct OffsetIndex {
  std::vector<PageLocation> page_locations;
  std::vector<int64_t> unencoded_byte_array_data_bytes;

  bool operator==(const OffsetIndex&) const = default;
};

struct ColumnIndex {
  std::vector<bool> null_pages;
  std::vector<std::string> min_values;
  std::vector<std::string> max_values;
  BoundaryOrder boundary_order = BoundaryOrder::kUnordered;
  std::vector<int64_t> null_counts;

  bool operator==(const ColumnIndex&) const = default;
};

// Limits that reject a hostile or corrupt footer before it allocates: absurd sizes and counts
// fail as DataLoss instead of reserving memory. Every count is also checked against the bytes
// left.
struct MetadataLimits {
  int64_t max_string_bytes = 64 << 20;
  int64_t max_list_elements = 10'000'000;
  int32_t max_nesting_depth = 64;
  int64_t max_schema_elements = 100'000;
  int64_t max_row_groups = 1'000'000;
};

// The 8-byte file tail: metadata length (little-endian uint32) and magic. "PAR1" is a plain
// file; "PARE" (encrypted footer) is InvalidArgument "encrypted Parquet is not supported".
// name is the object key or path for messages.
Result<uint32_t> ParseFooterTail(std::string_view last8, uint64_t file_size, std::string_view name);

// Decoders: InvalidArgument/DataLoss with `name` and the byte offset inside `bytes` of the
// problem; never read past `bytes`; never allocate more than the limits allow.
// Details (parquet_metadata_decode*.cc):
// - Missing required fields and wire types other than parquet.thrift's are InvalidArgument;
//   data ending inside a value is DataLoss (OutOfRange for DecodePageHeader).
// - PhysicalType and Repetition values outside the enums are InvalidArgument (VECTOR included);
//   other enum values (Encoding, CompressionCodec, ConvertedType, PageType, BoundaryOrder) are
//   kept as read, so a consumer must treat unknown values as unsupported.
// - A LogicalType union member s3c does not know (VECTOR, future ones), an empty union or an
//   unknown time unit leaves logical_type absent: the spec's rule for unknown annotations.
// - column_orders: TYPE_ORDER is true; any other member (or none) is false.
// - ColumnChunk field 8 or 9 sets has_crypto_metadata; FileMetaData field 8 sets
//   has_encryption_algorithm. Their contents are skipped, as are fields s3c does not keep
//   (SizeStatistics, GeospatialStatistics, nan_count, histograms, index_page_header, ...).
Result<FileMetaData> DecodeFileMetaData(std::string_view bytes, std::string_view name,
                                        const MetadataLimits& limits = {});
// Decodes the header at the start of `bytes`; *header_size receives its length in bytes.
// OutOfRange when `bytes` ends inside the header (the caller may fetch more and try again).
Result<PageHeader> DecodePageHeader(std::string_view bytes, size_t* header_size,
                                    std::string_view name, const MetadataLimits& limits = {});
Result<ColumnIndex> DecodeColumnIndex(std::string_view bytes, std::string_view name,
                                      const MetadataLimits& limits = {});
Result<OffsetIndex> DecodeOffsetIndex(std::string_view bytes, std::string_view name,
                                      const MetadataLimits& limits = {});

// Encoders (Thrift compact protocol); Decode(Encode(x)) == x for every field kept above.
// has_crypto_metadata is written as ENCRYPTION_WITH_FOOTER_KEY, has_encryption_algorithm as an
// empty AES_GCM_V1, a false column order as an empty ColumnOrder union.
std::string EncodeFileMetaData(const FileMetaData& metadata);
std::string EncodePageHeader(const PageHeader& header);
std::string EncodeColumnIndex(const ColumnIndex& index);
std::string EncodeOffsetIndex(const OffsetIndex& index);

}  // namespace s3c::formats::parquet
