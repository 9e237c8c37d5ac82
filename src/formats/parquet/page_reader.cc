#include "formats/parquet/page_reader.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <optional>

#include "s3c/codec/block_codec.h"

namespace s3c::formats::parquet {
namespace {

uint32_t LoadBigEndian32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (uint32_t{u[0]} << 24) | (uint32_t{u[1]} << 16) | (uint32_t{u[2]} << 8) | u[3];
}

// nullopt for codecs the block codec library does not handle itself.
std::optional<BlockCodec> ToBlockCodec(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return BlockCodec::kNone;
    case CompressionCodec::kSnappy:
      return BlockCodec::kSnappy;
    case CompressionCodec::kGzip:
      return BlockCodec::kGzip;
    case CompressionCodec::kBrotli:
      return BlockCodec::kBrotli;
    case CompressionCodec::kZstd:
      return BlockCodec::kZstd;
    case CompressionCodec::kLz4Raw:
      return BlockCodec::kLz4Raw;
    case CompressionCodec::kLzo:
    case CompressionCodec::kLz4:
      break;
  }
  return std::nullopt;
}

uint32_t Crc32(std::string_view bytes) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (!bytes.empty()) {
    uInt n = static_cast<uInt>(std::min<size_t>(bytes.size(), 1u << 30));
    crc = crc32(crc, reinterpret_cast<const Bytef*>(bytes.data()), n);
    bytes.remove_prefix(n);
  }
  return static_cast<uint32_t>(crc);
}

}  // namespace

Result<std::string> DecompressLz4Hadoop(std::string_view in, size_t expected) {
  std::string out;
  bool framed = !in.empty();
  size_t pos = 0;
  while (framed && pos < in.size()) {
    if (in.size() - pos < 8) {
      framed = false;
      break;
    }
    size_t block_size = LoadBigEndian32(in.data() + pos);
    size_t compressed = LoadBigEndian32(in.data() + pos + 4);
    pos += 8;
    if (compressed > in.size() - pos || block_size > expected - out.size()) {
      framed = false;
      break;
    }
    Result<std::string> block =
        DecompressBlock(BlockCodec::kLz4Raw, in.substr(pos, compressed), block_size);
    if (!block.ok()) {
      framed = false;
      break;
    }
    out.append(*block);
    pos += compressed;
  }
  if (framed && out.size() == expected) return out;
  return DecompressBlock(BlockCodec::kLz4Raw, in, expected);
}

PageReader::PageReader(ChunkBytes chunk, CompressionCodec codec, const ColumnDecodeOptions& options,
                       const DecodeContext& context)
    : codec_(codec), options_(options), context_(context) {
  pieces_.push_back(BytesAt{chunk.bytes, chunk.file_offset, chunk.page_values});
  pieces_.insert(pieces_.end(), chunk.more.begin(), chunk.more.end());
}

Status PageReader::Decompress(std::string_view in, size_t expected, int64_t offset,
                              std::string_view* out) {
  if (in.empty() && expected == 0) {  // an empty body is never a valid stream: do not decode it
    *out = {};
    return Status::OK();
  }
  if (codec_ == CompressionCodec::kUncompressed) {
    if (in.size() != expected) {
      return context_.Error(offset, fmt::format("uncompressed page body of {} bytes, header "
                                                "says {}",
                                                in.size(), expected));
    }
    *out = in;
    return Status::OK();
  }
  std::optional<BlockCodec> block = ToBlockCodec(codec_);
  if (codec_ == CompressionCodec::kLzo) {
    return context_.Wrap(offset, UnimplementedError("LZO-compressed pages are not supported"));
  }
  if (!block && codec_ != CompressionCodec::kLz4) {
    return context_.Wrap(offset, UnimplementedError(fmt::format("unknown compression codec {}",
                                                                static_cast<int>(codec_))));
  }
  Result<std::string> decoded = block ? DecompressBlock(*block, in, expected, options_.object_name)
                                      : DecompressLz4Hadoop(in, expected);
  if (!decoded.ok()) return context_.Wrap(offset, decoded.status());
  storage_ = std::move(*decoded);
  *out = storage_;
  return Status::OK();
}

Result<bool> PageReader::Next(Page* page) {
  for (;;) {
    while (piece_ < pieces_.size() && pos_ >= pieces_[piece_].bytes.size()) {
      ++piece_;
      pos_ = 0;
    }
    if (piece_ == pieces_.size()) return false;
    const BytesAt& chunk = pieces_[piece_];
    const int64_t offset = chunk.file_offset + static_cast<int64_t>(pos_);
    size_t header_size = 0;
    Result<PageHeader> header =
        DecodePageHeader(chunk.bytes.substr(pos_), &header_size, "page header", options_.limits);
    if (!header.ok()) return context_.Wrap(offset, header.status());
    page->header = std::move(*header);
    const PageHeader& h = page->header;
    const size_t left = chunk.bytes.size() - pos_ - header_size;
    if (h.uncompressed_page_size > options_.max_page_bytes) {
      return context_.Error(offset, fmt::format("page of {} bytes uncompressed is over the "
                                                "{}-byte limit",
                                                h.uncompressed_page_size, options_.max_page_bytes));
    }
    if (h.compressed_page_size < 0 || h.uncompressed_page_size < 0 ||
        static_cast<size_t>(h.compressed_page_size) > left) {
      return context_.Error(offset,
                            fmt::format("page sizes out of range (compressed {}, "
                                        "uncompressed {}, {} bytes left in the chunk)",
                                        h.compressed_page_size, h.uncompressed_page_size, left));
    }
    std::string_view stored =
        chunk.bytes.substr(pos_ + header_size, static_cast<size_t>(h.compressed_page_size));
    pos_ += header_size + stored.size();
    const bool data_v1 = h.type == PageType::kDataPage;
    const bool data_v2 = h.type == PageType::kDataPageV2;
    const bool dictionary = h.type == PageType::kDictionaryPage;
    if (!data_v1 && !data_v2 && !dictionary) continue;  // index pages, unknown page types
    if ((data_v1 && !h.data_page_header) || (data_v2 && !h.data_page_header_v2) ||
        (dictionary && !h.dictionary_page_header)) {
      return context_.Error(offset, "page header without the header of its page type");
    }
    if (h.crc && options_.verify_page_crc) {
      uint32_t computed = Crc32(stored);
      if (computed != static_cast<uint32_t>(*h.crc)) {
        return context_.Error(offset, fmt::format("page CRC mismatch (stored {:08x}, computed "
                                                  "{:08x})",
                                                  static_cast<uint32_t>(*h.crc), computed));
      }
    }
    page->file_offset = offset;
    page->expected_values = chunk.page_values;
    page->levels = {};
    const size_t expected = static_cast<size_t>(h.uncompressed_page_size);
    if (!data_v2) {
      S3C_RETURN_IF_ERROR(Decompress(stored, expected, offset, &page->body));
      return true;
    }
    const DataPageHeaderV2& v2 = *h.data_page_header_v2;
    int64_t level_bytes =
        int64_t{v2.repetition_levels_byte_length} + v2.definition_levels_byte_length;
    if (v2.repetition_levels_byte_length < 0 || v2.definition_levels_byte_length < 0 ||
        level_bytes > static_cast<int64_t>(stored.size()) ||
        level_bytes > h.uncompressed_page_size) {
      return context_.Error(
          offset, fmt::format("v2 level lengths ({} + {}) exceed the page",
                              v2.repetition_levels_byte_length, v2.definition_levels_byte_length));
    }
    page->levels = stored.substr(0, static_cast<size_t>(level_bytes));
    std::string_view values = stored.substr(static_cast<size_t>(level_bytes));
    size_t values_expected = expected - static_cast<size_t>(level_bytes);
    if (v2.is_compressed) {
      S3C_RETURN_IF_ERROR(Decompress(values, values_expected, offset, &page->body));
    } else {
      page->body = values;
    }
    return true;
  }
}

}  // namespace s3c::formats::parquet
