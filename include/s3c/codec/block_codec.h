// One-shot block codecs for whole buffers, as Parquet uses them for pages
// (parquet-format Compression.md): raw snappy, gzip, zstd frame, raw LZ4 block, raw brotli.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c {

enum class BlockCodec { kNone, kSnappy, kGzip, kZstd, kLz4Raw, kBrotli };

const char* BlockCodecName(BlockCodec codec);

// level: kDefaultBlockLevel picks the codec default (gzip 6 via zlib, zstd 3, brotli 5 ... ;
// snappy and lz4 ignore it).
inline constexpr int kDefaultBlockLevel = -1;
Result<std::string> CompressBlock(BlockCodec codec, std::string_view data,
                                  int level = kDefaultBlockLevel);

// uncompressed_size is the size the caller expects (Parquet stores it in the page header);
// output of any other size is DataLoss. name is used in error messages.
Result<std::string> DecompressBlock(BlockCodec codec, std::string_view data,
                                    size_t uncompressed_size, std::string_view name = {});

}  // namespace s3c
