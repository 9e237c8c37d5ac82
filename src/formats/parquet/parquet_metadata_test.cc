// Parquet metadata encode/decode (parquet-format parquet.thrift) and the file tail.
#include "formats/parquet/parquet_metadata.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "formats/parquet/thrift_compact_writer.h"

namespace s3c::formats::parquet {
namespace {

using Kind = LogicalType::Kind;

Statistics FullStatistics(const std::string& tag) {
  Statistics s;
  s.max = "max" + tag;
  s.min = std::string("\0min", 4) + tag;
  s.null_count = 3;
  s.distinct_count = 1LL << 40;
  s.max_value = "mv" + tag;
  s.min_value = "";
  s.is_max_value_exact = true;
  s.is_min_value_exact = false;
  return s;
}

SchemaElement Leaf(const std::string& name, PhysicalType type, std::optional<LogicalType> lt) {
  SchemaElement e;
  e.type = type;
  e.repetition = Repetition::kOptional;
  e.name = name;
  e.logical_type = std::move(lt);
  return e;
}

LogicalType Logical(Kind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

// Every LogicalType member, every SchemaElement field, every ColumnChunk/ColumnMetaData field.
FileMetaData FullMetadata() {
  FileMetaData md;
  md.version = 2;
  SchemaElement root;
  root.name = "schema";
  md.schema.push_back(root);
  std::vector<LogicalType> types;
  for (Kind k : {Kind::kString, Kind::kMap, Kind::kList, Kind::kEnum, Kind::kDate, Kind::kUnknown,
                 Kind::kJson, Kind::kBson, Kind::kUuid, Kind::kFloat16, Kind::kVariant}) {
    types.push_back(Logical(k));
  }
  LogicalType dec = Logical(Kind::kDecimal);
  dec.decimal_scale = 2;
  dec.decimal_precision = 38;
  types.push_back(dec);
  for (TimeUnitKind u : {TimeUnitKind::kMillis, TimeUnitKind::kMicros, TimeUnitKind::kNanos}) {
    LogicalType t = Logical(Kind::kTime);
    t.unit = u;
    t.is_adjusted_to_utc = u == TimeUnitKind::kMicros;
    types.push_back(t);
    t.kind = Kind::kTimestamp;
    t.is_adjusted_to_utc = !t.is_adjusted_to_utc;
    types.push_back(t);
  }
  LogicalType integer = Logical(Kind::kInteger);
  integer.bit_width = 16;
  integer.is_signed = false;
  types.push_back(integer);
  LogicalType geometry = Logical(Kind::kGeometry);
  geometry.crs = "srid:4326";
  types.push_back(geometry);
  types.push_back(Logical(Kind::kGeometry));
  LogicalType geography = Logical(Kind::kGeography);
  geography.crs = "OGC:CRS83";
  geography.edge_algorithm = 4;
  types.push_back(geography);

  for (size_t i = 0; i < types.size(); ++i) {
    md.schema.push_back(Leaf("c" + std::to_string(i), PhysicalType::kByteArray, types[i]));
  }
  SchemaElement full = Leaf("full", PhysicalType::kFixedLenByteArray, std::nullopt);
  full.type_length = 16;
  full.repetition = Repetition::kRepeated;
  full.converted_type = ConvertedType::kDecimal;
  full.scale = 3;
  full.precision = 30;
  full.field_id = -7;
  md.schema.push_back(full);
  SchemaElement group;
  group.name = "g";
  group.repetition = Repetition::kRequired;
  group.num_children = 0;
  md.schema.push_back(group);
  md.schema[0].num_children = static_cast<int32_t>(md.schema.size() - 1);

  for (int g = 0; g < 2; ++g) {
    RowGroup rg;
    rg.total_byte_size = 1000 + g;
    rg.num_rows = 50 + g;
    rg.sorting_columns = {{0, true, false}, {3, false, true}};
    rg.file_offset = 4;
    rg.total_compressed_size = 900;
    rg.ordinal = static_cast<int16_t>(g);
    for (int c = 0; c < 3; ++c) {
      ColumnChunk cc;
      cc.file_path = c == 0 ? std::optional<std::string>("other.parquet") : std::nullopt;
      cc.file_offset = 4 + c;
      ColumnMetaData m;
      m.type = PhysicalType::kInt96;
      m.encodings = {Encoding::kPlain, Encoding::kRleDictionary, Encoding::kByteStreamSplit};
      m.path_in_schema = {"a", "b" + std::to_string(c)};
      m.codec = CompressionCodec::kLz4Raw;
      m.num_values = 1LL << 33;
      m.total_uncompressed_size = 123456789012LL;
      m.total_compressed_size = 12345;
      m.key_value_metadata = {{"k", "v"}, {"only_key", std::nullopt}};
      m.data_page_offset = 4000000000LL;
      m.index_page_offset = 17;
      m.dictionary_page_offset = 18;
      m.statistics = FullStatistics(std::to_string(c));
      m.encoding_stats = {{PageType::kDictionaryPage, Encoding::kPlain, 1},
                          {PageType::kDataPageV2, Encoding::kRleDictionary, 20}};
      m.bloom_filter_offset = 99;
      m.bloom_filter_length = 128;
      cc.meta_data = m;
      cc.offset_index_offset = 1000;
      cc.offset_index_length = 20;
      cc.column_index_offset = 1020;
      cc.column_index_length = 30;
      cc.has_crypto_metadata = c == 2;
      rg.columns.push_back(cc);
    }
    md.row_groups.push_back(rg);
  }
  md.num_rows = 101;
  md.key_value_metadata = {{"ARROW:schema", std::string("\x01\x00\xff", 3)}, {"x", ""}};
  md.created_by = "s3c version 0.1.0";
  md.column_orders_type_defined = {true, false, true};
  md.has_encryption_algorithm = true;
  return md;
}

TEST(ParquetMetadataTest, FileMetaDataRoundTripsEveryField) {
  const FileMetaData md = FullMetadata();
  const std::string bytes = EncodeFileMetaData(md);
  auto back = DecodeFileMetaData(bytes, "full.parquet");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(*back == md);
  EXPECT_EQ(back->schema.size(), md.schema.size());
  EXPECT_EQ(back->schema[12].logical_type->decimal_precision, 38);
  EXPECT_EQ(back->schema.back().num_children, 0);
  EXPECT_EQ(back->row_groups[1].columns[2].meta_data->statistics->min, std::string("\0min2", 5));
  EXPECT_TRUE(back->row_groups[0].columns[2].has_crypto_metadata);
  EXPECT_FALSE(back->row_groups[0].columns[1].has_crypto_metadata);
  EXPECT_EQ(back->row_groups[1].ordinal, 1);
  // Encoding is deterministic.
  EXPECT_EQ(EncodeFileMetaData(*back), bytes);
}

TEST(ParquetMetadataTest, PageHeadersRoundTrip) {
  PageHeader v1;
  v1.type = PageType::kDataPage;
  v1.uncompressed_page_size = 1 << 20;
  v1.compressed_page_size = 4321;
  v1.crc = -123456789;
  v1.data_page_header = DataPageHeader{77, Encoding::kRleDictionary, Encoding::kRle,
                                       Encoding::kBitPacked, FullStatistics("p")};
  PageHeader dict;
  dict.type = PageType::kDictionaryPage;
  dict.uncompressed_page_size = 10;
  dict.compressed_page_size = 9;
  dict.dictionary_page_header = DictionaryPageHeader{5, Encoding::kPlainDictionary, true};
  PageHeader v2;
  v2.type = PageType::kDataPageV2;
  v2.uncompressed_page_size = 0;
  v2.compressed_page_size = 0;
  v2.data_page_header_v2 =
      DataPageHeaderV2{100, 4, 90, Encoding::kDeltaByteArray, 12, 7, false, Statistics{}};
  for (const PageHeader& h : {v1, dict, v2}) {
    std::string bytes = EncodePageHeader(h);
    const size_t encoded = bytes.size();
    bytes += "page body follows";
    size_t header_size = 0;
    auto back = DecodePageHeader(bytes, &header_size, "p.parquet");
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE(*back == h);
    EXPECT_EQ(header_size, encoded);
    // Every prefix is OutOfRange: the caller can fetch more and retry.
    for (size_t n = 0; n < encoded; ++n) {
      auto cut = DecodePageHeader(std::string_view(bytes).substr(0, n), &header_size, "p");
      ASSERT_FALSE(cut.ok());
      EXPECT_EQ(cut.status().code(), StatusCode::kOutOfRange)
          << n << " " << cut.status().ToString();
    }
  }
}

TEST(ParquetMetadataTest, PageIndexRoundTrips) {
  ColumnIndex ci;
  OffsetIndex oi;
  for (int i = 0; i < 40; ++i) {  // more than 14 entries: long-form list headers
    ci.null_pages.push_back(i % 3 == 0);
    ci.min_values.push_back(i % 3 == 0 ? "" : "min" + std::to_string(i));
    ci.max_values.push_back(i % 3 == 0 ? "" : std::string(300, static_cast<char>('a' + i % 26)));
    ci.null_counts.push_back(i * 7);
    oi.page_locations.push_back({4 + i * 1000LL, 990 + i, i * 250LL});
    oi.unencoded_byte_array_data_bytes.push_back(i * 11);
  }
  ci.boundary_order = BoundaryOrder::kDescending;
  auto ci_back = DecodeColumnIndex(EncodeColumnIndex(ci), "ci");
  ASSERT_TRUE(ci_back.ok()) << ci_back.status().ToString();
  EXPECT_TRUE(*ci_back == ci);
  auto oi_back = DecodeOffsetIndex(EncodeOffsetIndex(oi), "oi");
  ASSERT_TRUE(oi_back.ok()) << oi_back.status().ToString();
  EXPECT_TRUE(*oi_back == oi);
  // Optional lists absent.
  ci.null_counts.clear();
  oi.unencoded_byte_array_data_bytes.clear();
  EXPECT_TRUE(*DecodeColumnIndex(EncodeColumnIndex(ci), "ci") == ci);
  EXPECT_TRUE(*DecodeOffsetIndex(EncodeOffsetIndex(oi), "oi") == oi);
  // Truncated: DataLoss naming the offset.
  const std::string bytes = EncodeOffsetIndex(oi);
  auto cut = DecodeOffsetIndex(std::string_view(bytes).substr(0, bytes.size() - 3), "x.parquet");
  EXPECT_EQ(cut.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(cut.status().message().find("x.parquet: Thrift metadata truncated at byte offset "),
            std::string::npos);
}

TEST(ParquetMetadataTest, SkipsUnknownFieldsAndNewerStructs) {
  // A PageHeader with index_page_header (6), a future field 30 (map) and, inside the data page
  // header, Statistics.nan_count (9) and a future list field.
  std::string bytes;
  ThriftCompactWriter w(&bytes);
  w.BeginStruct();
  w.I32Field(1, 0);
  w.I32Field(2, 10);
  w.I32Field(3, 8);
  w.StructField(5);
  w.I32Field(1, 3);
  w.I32Field(2, 0);
  w.I32Field(3, 3);
  w.I32Field(4, 3);
  w.StructField(5);
  w.I64Field(3, 0);
  w.I64Field(9, 2);  // nan_count
  w.EndStruct();
  w.ListField(12, ThriftType::kStruct, 1);
  w.BeginStruct();
  w.BinaryField(1, "x");
  w.EndStruct();
  w.EndStruct();
  w.StructField(6);
  w.EndStruct();
  w.FieldHeader(30, ThriftType::kMap);
  w.MapHeader(ThriftType::kI32, ThriftType::kBinary, 1);
  w.Zigzag32(1);
  w.BinaryValue("future");
  w.EndStruct();
  size_t n = 0;
  auto h = DecodePageHeader(bytes, &n, "u.parquet");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(n, bytes.size());
  EXPECT_EQ(h->data_page_header->num_values, 3);
  EXPECT_EQ(h->data_page_header->statistics->null_count, 0);
  EXPECT_FALSE(h->data_page_header->statistics->max.has_value());
}

TEST(ParquetMetadataTest, UnknownLogicalTypeIsAbsentAndBadPhysicalTypeFails) {
  FileMetaData md;
  md.schema = {SchemaElement{}, Leaf("a", PhysicalType::kInt32, Logical(Kind::kDate))};
  md.schema[0].name = "root";
  md.schema[0].num_children = 1;
  std::string bytes = EncodeFileMetaData(md);
  // LogicalType member 6 (DATE) is "0x6C 0x00": turn it into member 19 (VECTOR, unknown).
  const std::string date_member("\x6C\x00\x00", 3);
  size_t at = bytes.find(date_member);
  ASSERT_NE(at, std::string::npos);
  std::string unknown = bytes;
  unknown.replace(at, 2, std::string("\x0C\x26\x00", 3));  // long form: field 19, struct
  auto back = DecodeFileMetaData(unknown, "u.parquet");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->schema[1].logical_type.has_value());

  md.schema[1].type = static_cast<PhysicalType>(8);
  auto bad = DecodeFileMetaData(EncodeFileMetaData(md), "b.parquet");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "b.parquet: invalid Thrift metadata at byte offset 14: unsupported SchemaElement.type "
            "8");
}

TEST(ParquetMetadataTest, MissingRequiredFieldNamesIt) {
  std::string bytes;
  ThriftCompactWriter w(&bytes);
  w.BeginStruct();
  w.I32Field(1, 1);
  w.ListField(2, ThriftType::kStruct, 0);
  w.ListField(4, ThriftType::kStruct, 0);
  w.EndStruct();
  auto md = DecodeFileMetaData(bytes, "m.parquet");
  EXPECT_EQ(md.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(md.status().message(),
            "m.parquet: invalid Thrift metadata at byte offset 0: FileMetaData: required field 3 "
            "(num_rows) is missing");
}

TEST(ParquetMetadataTest, HostileCountsFailFast) {
  // FileMetaData.schema claiming 2^31 - 1 elements in a 10-byte footer.
  const std::string huge("\x15\x02\x19\xFC\xFF\xFF\xFF\xFF\x07\x00", 10);
  MetadataLimits limits;
  auto md = DecodeFileMetaData(huge, "h.parquet", limits);
  EXPECT_EQ(md.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(md.status().message(),
            "h.parquet: invalid Thrift metadata at byte offset 3: FileMetaData.schema of "
            "2147483647 elements exceeds the limit of 10000000 elements");
  limits.max_list_elements = INT64_MAX;
  limits.max_schema_elements = INT64_MAX;
  md = DecodeFileMetaData(huge, "h.parquet", limits);
  EXPECT_EQ(md.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(md.status().message(),
            "h.parquet: Thrift metadata truncated at byte offset 3: FileMetaData.schema of "
            "2147483647 elements needs 2147483653 bytes but 7 remain");
  // The schema limit of its own.
  limits = MetadataLimits{};
  limits.max_schema_elements = 2;
  FileMetaData three;
  three.schema.resize(3);
  md = DecodeFileMetaData(EncodeFileMetaData(three), "s.parquet", limits);
  EXPECT_EQ(md.status().message(),
            "s.parquet: invalid Thrift metadata at byte offset 3: FileMetaData.schema has 3 "
            "elements, more than the limit of 2");
  // Strings.
  limits = MetadataLimits{};
  limits.max_string_bytes = 10;
  three.schema[1].name = std::string(11, 'n');
  md = DecodeFileMetaData(EncodeFileMetaData(three), "s.parquet", limits);
  EXPECT_NE(md.status().message().find("SchemaElement.name of 11 bytes exceeds the limit of 10"),
            std::string::npos);
}

TEST(ParquetMetadataTest, TenThousandColumnChunks) {
  FileMetaData md;
  md.schema.resize(1);
  md.schema[0].name = "root";
  RowGroup rg;
  for (int i = 0; i < 10000; ++i) {
    ColumnChunk cc;
    cc.file_offset = i;
    ColumnMetaData m;
    m.type = PhysicalType::kInt64;
    m.encodings = {Encoding::kPlain, Encoding::kRle};
    m.path_in_schema = {"column_" + std::to_string(i)};
    m.num_values = 1000;
    m.data_page_offset = 4 + i * 100LL;
    m.statistics = Statistics{};
    m.statistics->min_value = std::string(8, 'a');
    m.statistics->max_value = std::string(8, 'z');
    m.statistics->null_count = 0;
    cc.meta_data = std::move(m);
    rg.columns.push_back(std::move(cc));
  }
  md.row_groups.push_back(std::move(rg));
  const std::string bytes = EncodeFileMetaData(md);
  long long best_us = -1;
  for (int run = 0; run < 5; ++run) {
    const auto start = std::chrono::steady_clock::now();
    auto back = DecodeFileMetaData(bytes, "wide.parquet");
    const long long us = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - start)
                             .count();
    if (best_us < 0 || us < best_us) best_us = us;
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    if (run == 0) {
      EXPECT_TRUE(*back == md);
    }
  }
  std::printf("decoded %zu bytes, 10000 column chunks, best of 5: %lld us (informational)\n",
              bytes.size(), best_us);
}

TEST(ParquetMetadataTest, FooterTail) {
  auto tail = [](uint32_t len, const char* magic) {
    std::string s;
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>(len >> (8 * i)));
    return s + magic;
  };
  auto ok = ParseFooterTail(tail(300, "PAR1"), 1000, "a.parquet");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, 300u);
  EXPECT_EQ(*ParseFooterTail(tail(988, "PAR1"), 1000, "a.parquet"), 988u);
  auto enc = ParseFooterTail(tail(300, "PARE"), 1000, "s3://b/enc.parquet");
  EXPECT_EQ(enc.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(enc.status().message(), "encrypted Parquet is not supported: s3://b/enc.parquet");
  auto csv = ParseFooterTail(std::string("a,b\n1,2\n"), 1000, "data.csv");
  EXPECT_EQ(csv.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(csv.status().message(),
            "not a Parquet file: data.csv ends with \"1,2\\x0a\" instead of the magic bytes "
            "\"PAR1\"");
  auto big = ParseFooterTail(tail(989, "PAR1"), 1000, "a.parquet");
  EXPECT_EQ(big.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(big.status().message(),
            "corrupt Parquet footer in a.parquet: metadata length 989 does not fit in a file of "
            "1000 bytes (at most 988 bytes between the magic bytes)");
  EXPECT_FALSE(ParseFooterTail(tail(0xFFFFFFFF, "PAR1"), 1000, "a").ok());
  EXPECT_FALSE(ParseFooterTail(tail(0, "PAR1"), 1000, "a").ok());
  auto tiny = ParseFooterTail(tail(1, "PAR1"), 11, "t.parquet");
  EXPECT_EQ(tiny.status().message(),
            "not a Parquet file: t.parquet (11 bytes) is too short to hold the leading and "
            "trailing magic bytes and the footer length");
}

}  // namespace
}  // namespace s3c::formats::parquet
