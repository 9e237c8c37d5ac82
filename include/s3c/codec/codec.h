// Streaming compression codecs and their detection (docs/architecture.md: codec).
//
// Decompressors are InputStreams that read a compressed InputStream; compressors are
// OutputStreams that write into another OutputStream and keep its commit-on-Close contract:
// Close() finishes the compressed stream and then closes the inner stream; destroying or
// aborting a compressor before Close() returned OK aborts the inner stream.
//
// Errors: a truncated or corrupt compressed stream gives DataLoss naming the object
// (DecompressOptions::name), the compressed byte offset and what was expected. A decompressor
// never returns short data as success. Errors of the inner stream pass through unchanged.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c {

enum class Codec { kNone, kGzip, kBzip2, kXz, kZstd, kLz4, kSnappy, kZip };

// "none", "gzip", "bzip2", "xz", "zstd", "lz4", "snappy", "zip".
const char* CodecName(Codec codec);
// Accepts the names above plus "gz", "bz2", "zst", "sz", "uncompressed" (case-insensitive).
Result<Codec> ParseCodecName(std::string_view name);
// The usual file extension with its dot (".gz", ...); "" for kNone.
const char* CodecExtension(Codec codec);

// Bytes DetectCodec wants to see; fewer work (a short object), but may miss a magic number.
inline constexpr size_t kCodecSniffBytes = 16;

// Magic bytes first: a recognised magic number wins. Otherwise, when first_bytes is too short
// to tell (fewer than 4 bytes), the extension of name decides (.gz .gzip .bz2 .xz .zst .zstd
// .lz4 .sz .snappy .zip, case-insensitive). Bytes that are long enough and match no magic are
// not compressed, whatever the name says (a ".gz" object holding plain text is plain text).
Codec DetectCodec(std::string_view first_bytes, std::string_view name);
// The codec named by the extension of name alone (kNone when none matches).
Codec CodecFromExtension(std::string_view name);

struct DecompressOptions {
  std::string name;       // object key or path, used in error messages
  bool use_zlib = false;  // gzip: inflate with zlib instead of ISA-L
};

struct CompressOptions {
  // Codec-specific; kDefaultLevel picks the codec's default. gzip: 0-3 use ISA-L (its levels),
  // 4-9 use zlib; default is ISA-L level 1. bzip2 1-9 (default 9), xz 0-9 (6), zstd 1-22 (3),
  // lz4 0-12 (0 = fast), snappy ignores it.
  static constexpr int kDefaultLevel = -1;
  int level = kDefaultLevel;
  std::string name;  // object key or path, used in error messages
};

// Wraps in with a decompressor for codec (kNone passes bytes through; kZip concatenates the
// file members of the archive, read in order through their local headers).
Result<std::unique_ptr<InputStream>> OpenDecompressor(std::unique_ptr<InputStream> in, Codec codec,
                                                      DecompressOptions options = {});

// Peeks the first bytes of in (without losing them), picks the codec with DetectCodec(peek,
// name) unless explicit_codec is set, and opens the decompressor.
Result<std::unique_ptr<InputStream>> OpenAutoDecompressor(
    std::unique_ptr<InputStream> in, std::string name,
    std::optional<Codec> explicit_codec = std::nullopt);
// Same, also reporting the codec chosen.
Result<std::unique_ptr<InputStream>> OpenAutoDecompressor(std::unique_ptr<InputStream> in,
                                                          std::string name,
                                                          std::optional<Codec> explicit_codec,
                                                          Codec* chosen);

// Wraps out with a compressor for codec (kNone passes bytes through). kZip is not supported
// for writing (InvalidArgument).
Result<std::unique_ptr<OutputStream>> OpenCompressor(std::unique_ptr<OutputStream> out, Codec codec,
                                                     CompressOptions options = {});

// Whole-buffer forms of the streaming codecs (same formats, same errors).
Result<std::string> Compress(Codec codec, std::string_view data, CompressOptions options = {});
Result<std::string> Decompress(Codec codec, std::string_view data, DecompressOptions options = {});

}  // namespace s3c
