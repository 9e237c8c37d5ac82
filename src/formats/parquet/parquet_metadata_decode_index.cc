// The page index: ColumnIndex and OffsetIndex (parquet-format, PageIndex.md, parquet.thrift).
#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet {
namespace decode {
namespace {

Status DecodePageLocation(ThriftCompactReader& r, PageLocation* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("PageLocation", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI64(f, &out->offset, "PageLocation.offset");
      case 2:
        return r.ReadI32(f, &out->compressed_page_size, "PageLocation.compressed_page_size");
      case 3:
        return r.ReadI64(f, &out->first_row_index, "PageLocation.first_row_index");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "PageLocation",
                       {{1, "offset"}, {2, "compressed_page_size"}, {3, "first_row_index"}});
}

Status DecodeOffset(ThriftCompactReader& r, OffsetIndex* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("OffsetIndex", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadList(r, f, ThriftType::kStruct, &out->page_locations,
                        "OffsetIndex.page_locations",
                        [&](PageLocation* p) { return DecodePageLocation(r, p); });
      case 2:
        if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);
        return ReadI64List(r, f, &out->unencoded_byte_array_data_bytes,
                           "OffsetIndex.unencoded_byte_array_data_bytes");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "OffsetIndex", {{1, "page_locations"}});
}

Status DecodeColumn(ThriftCompactReader& r, ColumnIndex* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("ColumnIndex", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadBoolList(r, f, &out->null_pages, "ColumnIndex.null_pages");
      case 2:
        return ReadStringList(r, f, &out->min_values, "ColumnIndex.min_values");
      case 3:
        return ReadStringList(r, f, &out->max_values, "ColumnIndex.max_values");
      case 4:
        return ReadEnum(r, f, &out->boundary_order, "ColumnIndex.boundary_order");
      case 5:
        if (!IsType(f, ThriftType::kList)) return r.Skip(f.type);
        return ReadI64List(r, f, &out->null_counts, "ColumnIndex.null_counts");
      default:
        return r.Skip(f.type);  // histograms, nan_counts
    }
  }));
  return CheckRequired(
      r, start, seen, "ColumnIndex",
      {{1, "null_pages"}, {2, "min_values"}, {3, "max_values"}, {4, "boundary_order"}});
}

}  // namespace
}  // namespace decode

Result<ColumnIndex> DecodeColumnIndex(std::string_view bytes, std::string_view name,
                                      const MetadataLimits& limits) {
  ThriftCompactReader r(bytes, name, decode::ToThriftLimits(limits));
  ColumnIndex out;
  S3C_RETURN_IF_ERROR(decode::TruncationIsDataLoss(decode::DecodeColumn(r, &out)));
  return out;
}

Result<OffsetIndex> DecodeOffsetIndex(std::string_view bytes, std::string_view name,
                                      const MetadataLimits& limits) {
  ThriftCompactReader r(bytes, name, decode::ToThriftLimits(limits));
  OffsetIndex out;
  S3C_RETURN_IF_ERROR(decode::TruncationIsDataLoss(decode::DecodeOffset(r, &out)));
  return out;
}

}  // namespace s3c::formats::parquet
