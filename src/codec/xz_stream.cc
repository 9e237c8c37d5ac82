// xz via liblzma. LZMA_CONCATENATED reads concatenated .xz streams (xz file format 1.0.4,
// section 2); at the end of the input LZMA_FINISH makes liblzma report a missing end.
#include <lzma.h>

#include <algorithm>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"
#include "codec/decompressor_base.h"

namespace s3c::codec_internal {
namespace {

constexpr const char* kWhat = "xz stream";

const char* LzmaErrorText(lzma_ret rc) {
  switch (rc) {
    case LZMA_FORMAT_ERROR:
      return "not xz data (bad magic number)";
    case LZMA_OPTIONS_ERROR:
      return "unsupported xz options";
    case LZMA_DATA_ERROR:
      return "corrupt compressed data";
    case LZMA_UNSUPPORTED_CHECK:
      return "unsupported integrity check";
    default:
      return "liblzma error";
  }
}

class XzDecompressor final : public DecompressorBase {
 public:
  using DecompressorBase::DecompressorBase;
  ~XzDecompressor() override { lzma_end(&lz_); }

  Status Init() {
    if (lzma_stream_decoder(&lz_, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
      return ResourceExhaustedError("lzma_stream_decoder failed");
    }
    return Status::OK();
  }

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    if (finished_) return size_t{0};
    while (true) {
      if (in_.size() == 0 && !in_.eof()) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        (void)more;
      }
      lz_.next_in = in_.data();
      lz_.avail_in = in_.size();
      lz_.next_out = out;
      lz_.avail_out = n;
      lzma_ret rc = lzma_code(&lz_, in_.eof() ? LZMA_FINISH : LZMA_RUN);
      size_t used = in_.size() - lz_.avail_in;
      size_t produced = n - lz_.avail_out;
      in_.Consume(used);
      if (rc == LZMA_STREAM_END) {
        finished_ = true;
        return produced;
      }
      if (rc == LZMA_MEM_ERROR) return ResourceExhaustedError("liblzma: out of memory");
      if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) return Corrupt(kWhat, LzmaErrorText(rc));
      if (produced > 0) return produced;
      if (rc == LZMA_BUF_ERROR && in_.eof()) {
        return Truncated(kWhat, "more xz data (the stream is incomplete)");
      }
      if (used == 0 && !in_.eof()) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        (void)more;
      }
    }
  }

 private:
  lzma_stream lz_ = LZMA_STREAM_INIT;
  bool finished_ = false;
};

class XzCompressor final : public CompressorBase {
 public:
  explicit XzCompressor(OutputPtr out) : CompressorBase(std::move(out)), obuf_(256 * 1024) {}
  ~XzCompressor() override { lzma_end(&lz_); }
  Status Init(int level) {
    if (lzma_easy_encoder(&lz_, static_cast<uint32_t>(level), LZMA_CHECK_CRC64) != LZMA_OK) {
      return InvalidArgumentError("lzma_easy_encoder failed");
    }
    state_bytes_ = lzma_easy_encoder_memusage(static_cast<uint32_t>(level)) + obuf_.size();
    return Status::OK();
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override { return Run(data, n, LZMA_RUN); }
  Status Finish() override { return Run(nullptr, 0, LZMA_FINISH); }
  uint64_t state_bytes() const override { return state_bytes_; }

 private:
  Status Run(const uint8_t* data, size_t n, lzma_action action) {
    lz_.next_in = data;
    lz_.avail_in = n;
    while (true) {
      lz_.next_out = obuf_.data();
      lz_.avail_out = obuf_.size();
      lzma_ret rc = lzma_code(&lz_, action);
      if (rc != LZMA_OK && rc != LZMA_STREAM_END) {
        return InternalError("lzma_code failed with code " + std::to_string(rc));
      }
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), obuf_.size() - lz_.avail_out));
      if (action == LZMA_FINISH ? rc == LZMA_STREAM_END : lz_.avail_in == 0) return Status::OK();
    }
  }

  lzma_stream lz_ = LZMA_STREAM_INIT;
  std::vector<uint8_t> obuf_;
  uint64_t state_bytes_ = 0;
};

}  // namespace

Result<InputPtr> MakeXzDecompressor(InputPtr in, const DecompressOptions& options) {
  auto d = std::make_unique<XzDecompressor>(std::move(in), options.name);
  S3C_RETURN_IF_ERROR(d->Init());
  return InputPtr(std::move(d));
}

Result<OutputPtr> MakeXzCompressor(OutputPtr out, const CompressOptions& options) {
  int level = options.level == CompressOptions::kDefaultLevel ? 6 : options.level;
  if (level < 0 || level > 9) {
    return InvalidArgumentError("xz level must be 0-9, got " + std::to_string(options.level));
  }
  auto c = std::make_unique<XzCompressor>(std::move(out));
  S3C_RETURN_IF_ERROR(c->Init(level));
  return OutputPtr(std::move(c));
}

}  // namespace s3c::codec_internal
