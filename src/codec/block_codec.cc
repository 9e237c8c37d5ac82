// Whole-buffer codecs for Parquet pages (parquet-format Compression.md): SNAPPY is a raw
// snappy block, GZIP a gzip stream, ZSTD a zstd frame, LZ4_RAW a raw LZ4 block, BROTLI a raw
// brotli stream. Every decoder checks the decoded size against the size the caller expects.
#include "s3c/codec/block_codec.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <fmt/format.h>
#include <lz4.h>
#include <lz4hc.h>
#include <snappy.h>
#include <zstd.h>

#include <climits>

#include "s3c/codec/codec.h"

namespace s3c {
namespace {

Status BlockError(BlockCodec codec, std::string_view name, std::string_view detail) {
  return DataLossError(fmt::format("{} block of {} is corrupt: {}", BlockCodecName(codec),
                                   name.empty() ? "<unnamed buffer>" : name, detail));
}

Status SizeMismatch(BlockCodec codec, std::string_view name, size_t got, size_t want) {
  return BlockError(codec, name, fmt::format("decoded {} bytes, expected {}", got, want));
}

}  // namespace

const char* BlockCodecName(BlockCodec codec) {
  switch (codec) {
    case BlockCodec::kNone:
      return "uncompressed";
    case BlockCodec::kSnappy:
      return "snappy";
    case BlockCodec::kGzip:
      return "gzip";
    case BlockCodec::kZstd:
      return "zstd";
    case BlockCodec::kLz4Raw:
      return "lz4_raw";
    case BlockCodec::kBrotli:
      return "brotli";
  }
  return "unknown";
}

Result<std::string> CompressBlock(BlockCodec codec, std::string_view data, int level) {
  std::string out;
  switch (codec) {
    case BlockCodec::kNone:
      return std::string(data);
    case BlockCodec::kSnappy:
      snappy::Compress(data.data(), data.size(), &out);
      return out;
    case BlockCodec::kGzip: {
      CompressOptions options;
      options.level = level == kDefaultBlockLevel ? 6 : level;
      return Compress(Codec::kGzip, data, options);
    }
    case BlockCodec::kZstd: {
      out.resize(ZSTD_compressBound(data.size()));
      size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(),
                               level == kDefaultBlockLevel ? 3 : level);
      if (ZSTD_isError(n))
        return InvalidArgumentError(std::string("zstd: ") + ZSTD_getErrorName(n));
      out.resize(n);
      return out;
    }
    case BlockCodec::kLz4Raw: {
      if (data.size() > LZ4_MAX_INPUT_SIZE) return InvalidArgumentError("lz4 block over 2 GB");
      int src = static_cast<int>(data.size());
      out.resize(LZ4_compressBound(src));
      int n =
          level > 0
              ? LZ4_compress_HC(data.data(), out.data(), src, static_cast<int>(out.size()), level)
              : LZ4_compress_default(data.data(), out.data(), src, static_cast<int>(out.size()));
      if (n <= 0) return InternalError("lz4 block compression failed");
      out.resize(n);
      return out;
    }
    case BlockCodec::kBrotli: {
      int quality = level == kDefaultBlockLevel ? 5 : level;
      if (quality < BROTLI_MIN_QUALITY || quality > BROTLI_MAX_QUALITY) {
        return InvalidArgumentError("brotli quality must be 0-11");
      }
      out.resize(BrotliEncoderMaxCompressedSize(data.size()));
      size_t n = out.size();
      if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, data.size(),
                                 reinterpret_cast<const uint8_t*>(data.data()), &n,
                                 reinterpret_cast<uint8_t*>(out.data()))) {
        return InternalError("brotli compression failed");
      }
      out.resize(n);
      return out;
    }
  }
  return InvalidArgumentError("unknown block codec");
}

Result<std::string> DecompressBlock(BlockCodec codec, std::string_view data,
                                    size_t uncompressed_size, std::string_view name) {
  std::string out;
  switch (codec) {
    case BlockCodec::kNone:
      if (data.size() != uncompressed_size) {
        return SizeMismatch(codec, name, data.size(), uncompressed_size);
      }
      return std::string(data);
    case BlockCodec::kSnappy: {
      size_t n = 0;
      if (!snappy::GetUncompressedLength(data.data(), data.size(), &n)) {
        return BlockError(codec, name, "bad length prefix");
      }
      if (n != uncompressed_size) return SizeMismatch(codec, name, n, uncompressed_size);
      out.resize(n);
      if (!snappy::RawUncompress(data.data(), data.size(), out.data())) {
        return BlockError(codec, name, "invalid snappy data");
      }
      return out;
    }
    case BlockCodec::kGzip: {
      DecompressOptions options;
      options.name = std::string(name);
      S3C_ASSIGN_OR_RETURN(out, Decompress(Codec::kGzip, data, options));
      if (out.size() != uncompressed_size) {
        return SizeMismatch(codec, name, out.size(), uncompressed_size);
      }
      return out;
    }
    case BlockCodec::kZstd: {
      out.resize(uncompressed_size);
      size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
      if (ZSTD_isError(n)) return BlockError(codec, name, ZSTD_getErrorName(n));
      if (n != uncompressed_size) return SizeMismatch(codec, name, n, uncompressed_size);
      return out;
    }
    case BlockCodec::kLz4Raw: {
      if (data.size() > INT_MAX || uncompressed_size > INT_MAX) {
        return BlockError(codec, name, "block over 2 GB");
      }
      out.resize(uncompressed_size);
      int n = LZ4_decompress_safe(data.data(), out.data(), static_cast<int>(data.size()),
                                  static_cast<int>(out.size()));
      if (n < 0) return BlockError(codec, name, "invalid lz4 block");
      if (static_cast<size_t>(n) != uncompressed_size) {
        return SizeMismatch(codec, name, n, uncompressed_size);
      }
      return out;
    }
    case BlockCodec::kBrotli: {
      out.resize(uncompressed_size);
      size_t n = out.size();
      BrotliDecoderResult rc =
          BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &n,
                                  reinterpret_cast<uint8_t*>(out.data()));
      if (rc != BROTLI_DECODER_RESULT_SUCCESS) {
        return BlockError(codec, name,
                          rc == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
                              ? "decodes to more than the expected size"
                              : "invalid or truncated brotli data");
      }
      if (n != uncompressed_size) return SizeMismatch(codec, name, n, uncompressed_size);
      return out;
    }
  }
  return InvalidArgumentError("unknown block codec");
}

}  // namespace s3c
