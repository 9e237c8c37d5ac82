// Dispatch from Codec to the per-codec streams, automatic detection and whole-buffer helpers.
#include "codec/codec_streams.h"
#include "codec/prefixed_input_stream.h"
#include "s3c/codec/codec.h"
#include "s3c/io/local_file.h"

namespace s3c {

using codec_internal::InputPtr;
using codec_internal::OutputPtr;

Result<std::unique_ptr<InputStream>> OpenDecompressor(std::unique_ptr<InputStream> in, Codec codec,
                                                      DecompressOptions options) {
  namespace ci = codec_internal;
  switch (codec) {
    case Codec::kNone:
      return in;
    case Codec::kGzip:
      return ci::MakeGzipDecompressor(std::move(in), options);
    case Codec::kBzip2:
      return ci::MakeBzip2Decompressor(std::move(in), options);
    case Codec::kXz:
      return ci::MakeXzDecompressor(std::move(in), options);
    case Codec::kZstd:
      return ci::MakeZstdDecompressor(std::move(in), options);
    case Codec::kLz4:
      return ci::MakeLz4Decompressor(std::move(in), options);
    case Codec::kSnappy:
      return ci::MakeSnappyDecompressor(std::move(in), options);
    case Codec::kZip:
      return ci::MakeZipStreamDecompressor(std::move(in), options);
  }
  return InvalidArgumentError("unknown codec");
}

Result<std::unique_ptr<InputStream>> OpenAutoDecompressor(std::unique_ptr<InputStream> in,
                                                          std::string name,
                                                          std::optional<Codec> explicit_codec,
                                                          Codec* chosen) {
  S3C_ASSIGN_OR_RETURN(std::string head, codec_internal::ReadPrefix(*in, kCodecSniffBytes));
  // An empty stream is empty data whatever its name says; an explicit codec still applies.
  Codec codec =
      explicit_codec ? *explicit_codec : (head.empty() ? Codec::kNone : DetectCodec(head, name));
  if (chosen != nullptr) *chosen = codec;
  auto whole =
      std::make_unique<codec_internal::PrefixedInputStream>(std::move(head), std::move(in));
  DecompressOptions options;
  options.name = std::move(name);
  return OpenDecompressor(std::move(whole), codec, std::move(options));
}

Result<std::unique_ptr<InputStream>> OpenAutoDecompressor(std::unique_ptr<InputStream> in,
                                                          std::string name,
                                                          std::optional<Codec> explicit_codec) {
  return OpenAutoDecompressor(std::move(in), std::move(name), explicit_codec, nullptr);
}

Result<std::unique_ptr<OutputStream>> OpenCompressor(std::unique_ptr<OutputStream> out, Codec codec,
                                                     CompressOptions options) {
  namespace ci = codec_internal;
  switch (codec) {
    case Codec::kNone:
      return out;
    case Codec::kGzip:
      return ci::MakeGzipCompressor(std::move(out), options);
    case Codec::kBzip2:
      return ci::MakeBzip2Compressor(std::move(out), options);
    case Codec::kXz:
      return ci::MakeXzCompressor(std::move(out), options);
    case Codec::kZstd:
      return ci::MakeZstdCompressor(std::move(out), options);
    case Codec::kLz4:
      return ci::MakeLz4Compressor(std::move(out), options);
    case Codec::kSnappy:
      return ci::MakeSnappyCompressor(std::move(out), options);
    case Codec::kZip:
      out->Abort();
      return InvalidArgumentError("writing zip archives is not supported");
  }
  return InvalidArgumentError("unknown codec");
}

Result<std::string> Compress(Codec codec, std::string_view data, CompressOptions options) {
  std::string result;
  S3C_ASSIGN_OR_RETURN(
      auto c, OpenCompressor(MakeStringOutput(&result), codec,
                             std::move(options)));
  S3C_RETURN_IF_ERROR(c->Write(data.data(), data.size()));
  S3C_RETURN_IF_ERROR(c->Close());
  return result;
}

Result<std::string> Decompress(Codec codec, std::string_view data, DecompressOptions options) {
  S3C_ASSIGN_OR_RETURN(
      auto d, OpenDecompressor(MakeStringInput(std::string(data)), codec, std::move(options)));
  return d->ReadAll();
}

}  // namespace s3c
