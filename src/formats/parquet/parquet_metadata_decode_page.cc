// PageHeader and its per-type headers (parquet-format, parquet.thrift).
#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet {
namespace decode {
namespace {

Status ReadStatisticsField(ThriftCompactReader& r, const ThriftField& f,
                           std::optional<Statistics>* out) {
  if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);  // optional everywhere
  out->emplace();
  return DecodeStatistics(r, &**out);
}

Status DecodeDataPageHeader(ThriftCompactReader& r, DataPageHeader* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("DataPageHeader", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->num_values, "DataPageHeader.num_values");
      case 2:
        return ReadEnum(r, f, &out->encoding, "DataPageHeader.encoding");
      case 3:
        return ReadEnum(r, f, &out->definition_level_encoding,
                        "DataPageHeader.definition_level_encoding");
      case 4:
        return ReadEnum(r, f, &out->repetition_level_encoding,
                        "DataPageHeader.repetition_level_encoding");
      case 5:
        return ReadStatisticsField(r, f, &out->statistics);
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "DataPageHeader",
                       {{1, "num_values"},
                        {2, "encoding"},
                        {3, "definition_level_encoding"},
                        {4, "repetition_level_encoding"}});
}

Status DecodeDictionaryPageHeader(ThriftCompactReader& r, DictionaryPageHeader* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("DictionaryPageHeader", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->num_values, "DictionaryPageHeader.num_values");
      case 2:
        return ReadEnum(r, f, &out->encoding, "DictionaryPageHeader.encoding");
      case 3:
        return ReadOptBool(r, f, &out->is_sorted, "DictionaryPageHeader.is_sorted");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "DictionaryPageHeader",
                       {{1, "num_values"}, {2, "encoding"}});
}

Status DecodeDataPageHeaderV2(ThriftCompactReader& r, DataPageHeaderV2* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("DataPageHeaderV2", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->num_values, "DataPageHeaderV2.num_values");
      case 2:
        return r.ReadI32(f, &out->num_nulls, "DataPageHeaderV2.num_nulls");
      case 3:
        return r.ReadI32(f, &out->num_rows, "DataPageHeaderV2.num_rows");
      case 4:
        return ReadEnum(r, f, &out->encoding, "DataPageHeaderV2.encoding");
      case 5:
        return r.ReadI32(f, &out->definition_levels_byte_length,
                         "DataPageHeaderV2.definition_levels_byte_length");
      case 6:
        return r.ReadI32(f, &out->repetition_levels_byte_length,
                         "DataPageHeaderV2.repetition_levels_byte_length");
      case 7:
        if (!IsType(f, ThriftType::kBoolTrue)) return r.Skip(f.type);
        return r.ReadBool(f, &out->is_compressed, "DataPageHeaderV2.is_compressed");
      case 8:
        return ReadStatisticsField(r, f, &out->statistics);
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "DataPageHeaderV2",
                       {{1, "num_values"},
                        {2, "num_nulls"},
                        {3, "num_rows"},
                        {4, "encoding"},
                        {5, "definition_levels_byte_length"},
                        {6, "repetition_levels_byte_length"}});
}

Status DecodePage(ThriftCompactReader& r, PageHeader* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("PageHeader", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadEnum(r, f, &out->type, "PageHeader.type");
      case 2:
        return r.ReadI32(f, &out->uncompressed_page_size, "PageHeader.uncompressed_page_size");
      case 3:
        return r.ReadI32(f, &out->compressed_page_size, "PageHeader.compressed_page_size");
      case 4:
        return ReadOptI32(r, f, &out->crc, "PageHeader.crc");
      case 5:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        out->data_page_header.emplace();
        return DecodeDataPageHeader(r, &*out->data_page_header);
      case 7:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        out->dictionary_page_header.emplace();
        return DecodeDictionaryPageHeader(r, &*out->dictionary_page_header);
      case 8:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        out->data_page_header_v2.emplace();
        return DecodeDataPageHeaderV2(r, &*out->data_page_header_v2);
      default:
        return r.Skip(f.type);  // 6 index_page_header, ...
    }
  }));
  return CheckRequired(r, start, seen, "PageHeader",
                       {{1, "type"}, {2, "uncompressed_page_size"}, {3, "compressed_page_size"}});
}

}  // namespace
}  // namespace decode

Result<PageHeader> DecodePageHeader(std::string_view bytes, size_t* header_size,
                                    std::string_view name, const MetadataLimits& limits) {
  ThriftCompactReader r(bytes, name, decode::ToThriftLimits(limits));
  PageHeader out;
  S3C_RETURN_IF_ERROR(decode::DecodePage(r, &out));
  *header_size = r.position();
  return out;
}

}  // namespace s3c::formats::parquet
