#include "formats/parquet/page_assembly.h"

#include <zlib.h>

#include <cstring>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {

namespace {

void AppendLength(std::string* out, size_t n) {
  auto len = static_cast<uint32_t>(n);
  char b[4];
  std::memcpy(b, &len, 4);
  out->append(b, 4);
}

Result<std::string> Compress(const ColumnWriterOptions& options, std::string data) {
  if (options.codec == BlockCodec::kNone) return data;
  return CompressBlock(options.codec, data, options.compression_level);
}

AssembledPage Finish(PageHeader header, const std::string& body, int64_t uncompressed_body,
                     const ColumnWriterOptions& options) {
  header.uncompressed_page_size = static_cast<int32_t>(uncompressed_body);
  header.compressed_page_size = static_cast<int32_t>(body.size());
  if (options.page_crc) {
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    header.crc = static_cast<int32_t>(static_cast<uint32_t>(crc));
  }
  AssembledPage page;
  page.bytes = EncodePageHeader(header);
  page.uncompressed_size = static_cast<int64_t>(page.bytes.size()) + uncompressed_body;
  page.bytes += body;
  return page;
}

}  // namespace

Result<AssembledPage> AssembleDataPage(const DataPageInput& in,
                                       const ColumnWriterOptions& options) {
  std::string rep;
  std::string def;
  auto n = static_cast<size_t>(in.num_levels);
  if (in.max_rep_level > 0) rep = EncodeLevels(in.rep_levels, n, in.max_rep_level);
  if (in.max_def_level > 0) def = EncodeLevels(in.def_levels, n, in.max_def_level);

  PageHeader header;
  std::string body;
  int64_t uncompressed = 0;
  if (!options.data_page_v2) {
    std::string raw;
    raw.reserve(rep.size() + def.size() + in.values.size() + 8);
    if (in.max_rep_level > 0) {
      AppendLength(&raw, rep.size());
      raw += rep;
    }
    if (in.max_def_level > 0) {
      AppendLength(&raw, def.size());
      raw += def;
    }
    raw += in.values;
    uncompressed = static_cast<int64_t>(raw.size());
    S3C_ASSIGN_OR_RETURN(body, Compress(options, std::move(raw)));
    header.type = PageType::kDataPage;
    DataPageHeader dp;
    dp.num_values = static_cast<int32_t>(in.num_levels);
    dp.encoding = in.encoding;
    dp.definition_level_encoding = Encoding::kRle;
    dp.repetition_level_encoding = Encoding::kRle;
    dp.statistics = in.statistics;
    header.data_page_header = std::move(dp);
  } else {
    S3C_ASSIGN_OR_RETURN(std::string values, Compress(options, in.values));
    uncompressed = static_cast<int64_t>(rep.size() + def.size() + in.values.size());
    body.reserve(rep.size() + def.size() + values.size());
    body += rep;
    body += def;
    body += values;
    header.type = PageType::kDataPageV2;
    DataPageHeaderV2 dp;
    dp.num_values = static_cast<int32_t>(in.num_levels);
    dp.num_nulls = static_cast<int32_t>(in.num_nulls);
    dp.num_rows = static_cast<int32_t>(in.num_rows);
    dp.encoding = in.encoding;
    dp.definition_levels_byte_length = static_cast<int32_t>(def.size());
    dp.repetition_levels_byte_length = static_cast<int32_t>(rep.size());
    dp.is_compressed = options.codec != BlockCodec::kNone;
    dp.statistics = in.statistics;
    header.data_page_header_v2 = std::move(dp);
  }
  return Finish(std::move(header), body, uncompressed, options);
}

Result<AssembledPage> AssembleDictionaryPage(const std::string& plain_values, int32_t num_values,
                                             const ColumnWriterOptions& options) {
  S3C_ASSIGN_OR_RETURN(std::string body, Compress(options, plain_values));
  PageHeader header;
  header.type = PageType::kDictionaryPage;
  DictionaryPageHeader dp;
  dp.num_values = num_values;
  dp.encoding = Encoding::kPlain;
  header.dictionary_page_header = dp;
  return Finish(std::move(header), body, static_cast<int64_t>(plain_values.size()), options);
}

}  // namespace s3c::formats::parquet
