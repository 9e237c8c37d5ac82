// ParquetFileReader::Describe(): the footer in words, for `s3c schema --verbose`.
#include <fmt/format.h>

#include <string>

#include "formats/parquet/parquet_names.h"
#include "formats/parquet/parquet_reader_state.h"
#include "s3c/common/strings.h"

namespace s3c::formats::parquet {
namespace {




const char* UnitName(TimeUnitKind u) {
  switch (u) {
    case TimeUnitKind::kMillis:
      return "MILLIS";
    case TimeUnitKind::kMicros:
      return "MICROS";
    case TimeUnitKind::kNanos:
      return "NANOS";
  }
  return "?";
}

std::string LogicalName(const LogicalType& l) {
  using K = LogicalType::Kind;
  switch (l.kind) {
    case K::kString:
      return "STRING";
    case K::kMap:
      return "MAP";
    case K::kList:
      return "LIST";
    case K::kEnum:
      return "ENUM";
    case K::kDecimal:
      return fmt::format("DECIMAL({}, {})", l.decimal_precision, l.decimal_scale);
    case K::kDate:
      return "DATE";
    case K::kTime:
      return fmt::format("TIME({}, utc={})", UnitName(l.unit), l.is_adjusted_to_utc);
    case K::kTimestamp:
      return fmt::format("TIMESTAMP({}, utc={})", UnitName(l.unit), l.is_adjusted_to_utc);
    case K::kInteger:
      return fmt::format("INTEGER({}, {})", l.bit_width, l.is_signed ? "signed" : "unsigned");
    case K::kUnknown:
      return "UNKNOWN";
    case K::kJson:
      return "JSON";
    case K::kBson:
      return "BSON";
    case K::kUuid:
      return "UUID";
    case K::kFloat16:
      return "FLOAT16";
    case K::kVariant:
      return "VARIANT";
    case K::kGeometry:
      return "GEOMETRY";
    case K::kGeography:
      return "GEOGRAPHY";
  }
  return "?";
}

const char* ConvertedName(ConvertedType c) {
  static const char* const kNames[] = {"UTF8",
                                       "MAP",
                                       "MAP_KEY_VALUE",
                                       "LIST",
                                       "ENUM",
                                       "DECIMAL",
                                       "DATE",
                                       "TIME_MILLIS",
                                       "TIME_MICROS",
                                       "TIMESTAMP_MILLIS",
                                       "TIMESTAMP_MICROS",
                                       "UINT_8",
                                       "UINT_16",
                                       "UINT_32",
                                       "UINT_64",
                                       "INT_8",
                                       "INT_16",
                                       "INT_32",
                                       "INT_64",
                                       "JSON",
                                       "BSON",
                                       "INTERVAL"};
  const auto i = static_cast<size_t>(c);
  return i < sizeof(kNames) / sizeof(kNames[0]) ? kNames[i] : "?";
}

std::string LeafTypeText(const LeafColumn& leaf) {
  std::string out = PhysicalTypeName(leaf.physical_type);
  if (leaf.physical_type == PhysicalType::kFixedLenByteArray) {
    out += fmt::format("({})", leaf.type_length);
  }
  if (leaf.element.logical_type) {
    out += " " + LogicalName(*leaf.element.logical_type);
  } else if (leaf.element.converted_type) {
    out += fmt::format(" {}", ConvertedName(*leaf.element.converted_type));
  }
  return out;
}

}  // namespace

std::string DescribeParquetFile(const ReaderState& state) {
  const FileMetaData& md = state.metadata();
  const FileSchema& schema = state.schema();
  std::string out = fmt::format("file: {} ({} bytes)\n", state.name(), state.file_size());
  out += fmt::format("created_by: {}\n", md.created_by.value_or("(not recorded)"));
  out += fmt::format("format version: {}\nrows: {}\nrow groups: {}\n", md.version, md.num_rows,
                     md.row_groups.size());
  out += "schema:\n";
  for (const LeafColumn& leaf : schema.leaves) {
    out += fmt::format("  {}: {} -> {} (max definition level {}, max repetition level {})\n",
                       Join(leaf.path, "."), LeafTypeText(leaf), leaf.type.ToString(),
                       leaf.max_def_level, leaf.max_rep_level);
  }
  for (size_t g = 0; g < md.row_groups.size(); ++g) {
    const RowGroup& rg = md.row_groups[g];
    out += fmt::format("row group {}: {} rows, {} bytes uncompressed\n", g, rg.num_rows,
                       rg.total_byte_size);
    for (size_t c = 0; c < rg.columns.size() && c < schema.leaves.size(); ++c) {
      const ColumnMetaData& cm = *rg.columns[c].meta_data;
      std::vector<std::string> encodings;
      for (Encoding e : cm.encodings) encodings.emplace_back(EncodingName(e));
      out += fmt::format(
          "  {}: {}, encodings {}, {} values, {} bytes compressed, {} bytes uncompressed\n",
          Join(schema.leaves[c].path, "."), CompressionCodecName(cm.codec), Join(encodings, ","),
          cm.num_values, cm.total_compressed_size, cm.total_uncompressed_size);
    }
  }
  return out;
}

}  // namespace s3c::formats::parquet
