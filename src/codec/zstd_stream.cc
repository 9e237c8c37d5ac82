// zstd via libzstd's streaming API (RFC 8878). ZSTD_decompressStream starts the next frame by
// itself after one ends, so multi-frame files and skippable frames need no special handling;
// it returns 0 exactly when a frame is complete and flushed, which is how the end is checked.
#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_estimateCStreamSize (exported by the shared library)
#include <zstd.h>

#include <algorithm>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"
#include "codec/decompressor_base.h"

namespace s3c::codec_internal {
namespace {

constexpr const char* kWhat = "zstd frame";

class ZstdDecompressor final : public DecompressorBase {
 public:
  using DecompressorBase::DecompressorBase;
  ~ZstdDecompressor() override { ZSTD_freeDStream(ds_); }

  Status Init() {
    ds_ = ZSTD_createDStream();
    if (ds_ == nullptr) return ResourceExhaustedError("ZSTD_createDStream failed");
    return Status::OK();
  }

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    while (true) {
      if (in_.size() == 0 && !in_.eof()) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        (void)more;
      }
      if (in_.size() == 0 && in_.eof() && last_ == 0) return size_t{0};
      ZSTD_inBuffer ib{in_.data(), in_.size(), 0};
      ZSTD_outBuffer ob{out, n, 0};
      size_t rc = ZSTD_decompressStream(ds_, &ob, &ib);
      in_.Consume(ib.pos);
      if (ZSTD_isError(rc)) return Corrupt(kWhat, ZSTD_getErrorName(rc));
      last_ = rc;
      if (ob.pos > 0) return ob.pos;
      if (ib.pos == 0 && rc != 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        if (!more) return Truncated(kWhat, "more zstd data (the frame is incomplete)");
      }
    }
  }

 private:
  ZSTD_DStream* ds_ = nullptr;
  size_t last_ = 1;  // ZSTD_decompressStream's last hint; 0 = at a frame boundary
};

class ZstdCompressor final : public CompressorBase {
 public:
  explicit ZstdCompressor(OutputPtr out)
      : CompressorBase(std::move(out)), obuf_(ZSTD_CStreamOutSize()) {}
  ~ZstdCompressor() override { ZSTD_freeCCtx(cc_); }

  Status Init(int level) {
    cc_ = ZSTD_createCCtx();
    if (cc_ == nullptr) return ResourceExhaustedError("ZSTD_createCCtx failed");
    if (ZSTD_isError(ZSTD_CCtx_setParameter(cc_, ZSTD_c_compressionLevel, level)) ||
        ZSTD_isError(ZSTD_CCtx_setParameter(cc_, ZSTD_c_checksumFlag, 1))) {
      return InvalidArgumentError("zstd: bad compression level " + std::to_string(level));
    }
    // The context grows on first use: count what it will be (zstd.h, ZSTD_estimateCStreamSize).
    state_bytes_ = ZSTD_estimateCStreamSize(level) + obuf_.size();
    return Status::OK();
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override { return Run(data, n, ZSTD_e_continue); }
  Status Finish() override { return Run(nullptr, 0, ZSTD_e_end); }
  uint64_t state_bytes() const override { return state_bytes_; }

 private:
  Status Run(const uint8_t* data, size_t n, ZSTD_EndDirective mode) {
    ZSTD_inBuffer ib{data, n, 0};
    while (true) {
      ZSTD_outBuffer ob{obuf_.data(), obuf_.size(), 0};
      size_t rc = ZSTD_compressStream2(cc_, &ob, &ib, mode);
      if (ZSTD_isError(rc)) return InternalError(std::string("zstd: ") + ZSTD_getErrorName(rc));
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), ob.pos));
      if (mode == ZSTD_e_end ? rc == 0 : ib.pos == ib.size) return Status::OK();
    }
  }

  ZSTD_CCtx* cc_ = nullptr;
  std::vector<uint8_t> obuf_;
  uint64_t state_bytes_ = 0;
};

}  // namespace

Result<InputPtr> MakeZstdDecompressor(InputPtr in, const DecompressOptions& options) {
  auto d = std::make_unique<ZstdDecompressor>(std::move(in), options.name);
  S3C_RETURN_IF_ERROR(d->Init());
  return InputPtr(std::move(d));
}

Result<OutputPtr> MakeZstdCompressor(OutputPtr out, const CompressOptions& options) {
  int level = options.level == CompressOptions::kDefaultLevel ? 3 : options.level;
  if (level < 1 || level > ZSTD_maxCLevel()) {
    return InvalidArgumentError("zstd level must be 1-" + std::to_string(ZSTD_maxCLevel()) +
                                ", got " + std::to_string(options.level));
  }
  auto c = std::make_unique<ZstdCompressor>(std::move(out));
  S3C_RETURN_IF_ERROR(c->Init(level));
  return OutputPtr(std::move(c));
}

}  // namespace s3c::codec_internal
