// Factories of the per-codec streams, one codec per file; registry.cc dispatches to them.
#pragma once

#include <memory>

#include "s3c/codec/codec.h"

namespace s3c::codec_internal {

using InputPtr = std::unique_ptr<InputStream>;
using OutputPtr = std::unique_ptr<OutputStream>;

Result<InputPtr> MakeGzipDecompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeBzip2Decompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeXzDecompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeZstdDecompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeLz4Decompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeSnappyDecompressor(InputPtr in, const DecompressOptions& options);
Result<InputPtr> MakeZipStreamDecompressor(InputPtr in, const DecompressOptions& options);

Result<OutputPtr> MakeGzipCompressor(OutputPtr out, const CompressOptions& options);
Result<OutputPtr> MakeBzip2Compressor(OutputPtr out, const CompressOptions& options);
Result<OutputPtr> MakeXzCompressor(OutputPtr out, const CompressOptions& options);
Result<OutputPtr> MakeZstdCompressor(OutputPtr out, const CompressOptions& options);
Result<OutputPtr> MakeLz4Compressor(OutputPtr out, const CompressOptions& options);
Result<OutputPtr> MakeSnappyCompressor(OutputPtr out, const CompressOptions& options);

}  // namespace s3c::codec_internal
