// Builds column chunks page by page for the decoder tests, with the encoders of encodings.h,
// EncodePageHeader and CompressBlock.
#pragma once

#include <zlib.h>

#include <cstring>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"
#include "formats/parquet/parquet_metadata.h"
#include "s3c/codec/block_codec.h"

namespace s3c::formats::parquet::testing {

template <typename T>
std::string PlainFixed(const std::vector<T>& values) {
  std::string out(values.size() * sizeof(T), '\0');
  if (!values.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

inline std::string PlainStrings(const std::vector<std::string>& values) {
  ByteArrayValues v;
  for (const std::string& s : values) v.Append(s);
  return EncodePlainByteArray(v);
}

inline std::string Le32(uint32_t v) {
  std::string out(4, '\0');
  std::memcpy(out.data(), &v, 4);
  return out;
}

inline std::string Be32(uint32_t v) {
  std::string out(4, '\0');
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>(v >> (24 - 8 * i));
  return out;
}

inline uint32_t Crc(std::string_view bytes) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

class ChunkWriter {
 public:
  explicit ChunkWriter(CompressionCodec codec, bool with_crc = false)
      : codec_(codec), with_crc_(with_crc) {}

  std::string Compress(std::string_view raw) const {
    switch (codec_) {
      case CompressionCodec::kUncompressed:
        return std::string(raw);
      case CompressionCodec::kSnappy:
        return *CompressBlock(BlockCodec::kSnappy, raw);
      case CompressionCodec::kGzip:
        return *CompressBlock(BlockCodec::kGzip, raw);
      case CompressionCodec::kBrotli:
        return *CompressBlock(BlockCodec::kBrotli, raw);
      case CompressionCodec::kZstd:
        return *CompressBlock(BlockCodec::kZstd, raw);
      case CompressionCodec::kLz4Raw:
        return *CompressBlock(BlockCodec::kLz4Raw, raw);
      case CompressionCodec::kLz4: {  // Hadoop framing, one block
        std::string block = *CompressBlock(BlockCodec::kLz4Raw, raw);
        return Be32(static_cast<uint32_t>(raw.size())) + Be32(static_cast<uint32_t>(block.size())) +
               block;
      }
      case CompressionCodec::kLzo:
        break;
    }
    return std::string(raw);
  }

  void Add(PageHeader header, const std::string& stored) {
    header.compressed_page_size = static_cast<int32_t>(stored.size());
    if (with_crc_) header.crc = static_cast<int32_t>(Crc(stored));
    offsets.push_back(static_cast<int64_t>(bytes.size()));
    bytes += EncodePageHeader(header) + stored;
  }

  void Dictionary(const std::string& plain, int32_t n) {
    PageHeader h;
    h.type = PageType::kDictionaryPage;
    h.uncompressed_page_size = static_cast<int32_t>(plain.size());
    h.dictionary_page_header = DictionaryPageHeader{n, Encoding::kPlain, std::nullopt};
    Add(h, Compress(plain));
  }

  // Levels are RLE with a 4-byte length prefix (only when the max level is above 0).
  void V1(int32_t n, const std::vector<int16_t>& def, int16_t max_def,
          const std::vector<int16_t>& rep, int16_t max_rep, Encoding encoding,
          const std::string& values) {
    std::string body;
    if (max_rep > 0) {
      std::string r = EncodeLevels(rep.data(), rep.size(), max_rep);
      body += Le32(static_cast<uint32_t>(r.size())) + r;
    }
    if (max_def > 0) {
      std::string d = EncodeLevels(def.data(), def.size(), max_def);
      body += Le32(static_cast<uint32_t>(d.size())) + d;
    }
    body += values;
    PageHeader h;
    h.type = PageType::kDataPage;
    h.uncompressed_page_size = static_cast<int32_t>(body.size());
    DataPageHeader dp;
    dp.num_values = n;
    dp.encoding = encoding;
    h.data_page_header = dp;
    Add(h, Compress(body));
  }

  void V2(int32_t n, const std::vector<int16_t>& def, int16_t max_def,
          const std::vector<int16_t>& rep, int16_t max_rep, Encoding encoding,
          const std::string& values, bool compressed = true) {
    std::string r = EncodeLevels(rep.data(), rep.size(), max_rep);
    std::string d = EncodeLevels(def.data(), def.size(), max_def);
    int32_t nulls = 0;
    for (int16_t level : def) nulls += level < max_def;
    PageHeader h;
    h.type = PageType::kDataPageV2;
    h.uncompressed_page_size = static_cast<int32_t>(r.size() + d.size() + values.size());
    DataPageHeaderV2 v2;
    v2.num_values = n;
    v2.num_nulls = nulls;
    v2.num_rows = n;
    v2.encoding = encoding;
    v2.definition_levels_byte_length = static_cast<int32_t>(d.size());
    v2.repetition_levels_byte_length = static_cast<int32_t>(r.size());
    v2.is_compressed = compressed;
    h.data_page_header_v2 = v2;
    Add(h, r + d + (compressed ? Compress(values) : values));
  }

  std::string bytes;
  std::vector<int64_t> offsets;  // of each page header inside bytes

 private:
  CompressionCodec codec_;
  bool with_crc_;
};

}  // namespace s3c::formats::parquet::testing
