#include "formats/parquet/column_writer.h"

#include <fmt/format.h>

#include "formats/parquet/parquet_names.h"
#include "formats/parquet/typed_column_writer.h"
#include "s3c/common/strings.h"

namespace s3c::formats::parquet {

namespace {

template <typename T>
std::unique_ptr<ColumnWriter> MakeTyped(const ParquetLeaf& leaf, const ColumnWriterOptions& o,
                                        SortOrder order, bool dictionary, Encoding fallback) {
  return std::make_unique<TypedColumnWriter<T>>(leaf, o, order, dictionary, fallback);
}

}  // namespace


Result<Encoding> ParseValueEncoding(std::string_view name) {
  for (Encoding e :
       {Encoding::kPlain, Encoding::kDeltaBinaryPacked, Encoding::kDeltaLengthByteArray,
        Encoding::kDeltaByteArray, Encoding::kByteStreamSplit}) {
    if (IEquals(name, EncodingName(e))) return e;
  }
  return InvalidArgumentError(fmt::format(
      "unknown Parquet encoding '{}' (PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, "
      "DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT)",
      name));
}

bool EncodingSupports(Encoding encoding, PhysicalType type) {
  switch (encoding) {
    case Encoding::kPlain:
      return true;
    case Encoding::kRle:
      return type == PhysicalType::kBoolean;
    case Encoding::kDeltaBinaryPacked:
      return type == PhysicalType::kInt32 || type == PhysicalType::kInt64;
    case Encoding::kDeltaLengthByteArray:
    case Encoding::kDeltaByteArray:
      return type == PhysicalType::kByteArray;
    case Encoding::kByteStreamSplit:
      return type == PhysicalType::kFloat || type == PhysicalType::kDouble ||
             type == PhysicalType::kInt32 || type == PhysicalType::kInt64 ||
             type == PhysicalType::kFixedLenByteArray;
    default:
      return false;
  }
}

CompressionCodec ParquetCodec(BlockCodec codec) {
  switch (codec) {
    case BlockCodec::kNone:
      return CompressionCodec::kUncompressed;
    case BlockCodec::kSnappy:
      return CompressionCodec::kSnappy;
    case BlockCodec::kGzip:
      return CompressionCodec::kGzip;
    case BlockCodec::kZstd:
      return CompressionCodec::kZstd;
    case BlockCodec::kLz4Raw:
      return CompressionCodec::kLz4Raw;
    case BlockCodec::kBrotli:
      return CompressionCodec::kBrotli;
  }
  return CompressionCodec::kUncompressed;
}

Result<std::unique_ptr<ColumnWriter>> ColumnWriter::Make(const ParquetLeaf& leaf,
                                                         const ColumnWriterOptions& options) {
  PhysicalType pt = leaf.physical_type;
  Encoding fallback = options.encoding;
  if (!EncodingSupports(fallback, pt)) {
    return InvalidArgumentError(fmt::format("column '{}': encoding {} does not apply to {} values",
                                            leaf.dotted_path(), EncodingName(fallback),
                                            PhysicalTypeName(pt)));
  }
  if (pt == PhysicalType::kBoolean && options.data_page_v2 && fallback == Encoding::kPlain) {
    fallback = Encoding::kRle;  // Encodings.md: booleans in v2 data pages are RLE
  }
  columnar::TypeId id = leaf.type.id();
  bool unsigned_int = columnar::IsInteger(id) && !columnar::IsSignedInteger(id);
  bool decimal = id == columnar::TypeId::kDecimal128;
  SortOrder order = SortOrderFor(pt, unsigned_int, decimal);
  bool dictionary = id != columnar::TypeId::kNull && pt != PhysicalType::kBoolean;
  switch (pt) {
    case PhysicalType::kBoolean:
      return MakeTyped<uint8_t>(leaf, options, order, false, fallback);
    case PhysicalType::kInt32:
      return MakeTyped<int32_t>(leaf, options, order, dictionary, fallback);
    case PhysicalType::kInt64:
      return MakeTyped<int64_t>(leaf, options, order, dictionary, fallback);
    case PhysicalType::kFloat:
      return MakeTyped<float>(leaf, options, order, dictionary, fallback);
    case PhysicalType::kDouble:
      return MakeTyped<double>(leaf, options, order, dictionary, fallback);
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return MakeTyped<std::string_view>(leaf, options, order, dictionary, fallback);
    default:
      return InvalidArgumentError(
          fmt::format("column '{}': cannot write INT96", leaf.dotted_path()));
  }
}

}  // namespace s3c::formats::parquet
