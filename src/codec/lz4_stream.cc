// LZ4 frame format via liblz4's lz4frame.h. LZ4F_decompress returns 0 exactly when a frame is
// fully decoded and then accepts the next frame (concatenated and skippable frames work).
#include <lz4frame.h>

#include <algorithm>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"
#include "codec/decompressor_base.h"

namespace s3c::codec_internal {
namespace {

constexpr const char* kWhat = "lz4 frame";
constexpr size_t kInChunk = 256 * 1024;

class Lz4Decompressor final : public DecompressorBase {
 public:
  using DecompressorBase::DecompressorBase;
  ~Lz4Decompressor() override { LZ4F_freeDecompressionContext(dctx_); }

  Status Init() {
    if (LZ4F_isError(LZ4F_createDecompressionContext(&dctx_, LZ4F_VERSION))) {
      return ResourceExhaustedError("LZ4F_createDecompressionContext failed");
    }
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
      size_t src_size = in_.size();
      size_t dst_size = n;
      size_t rc = LZ4F_decompress(dctx_, out, &dst_size, in_.data(), &src_size, nullptr);
      in_.Consume(src_size);
      if (LZ4F_isError(rc)) return Corrupt(kWhat, LZ4F_getErrorName(rc));
      last_ = rc;
      if (dst_size > 0) return dst_size;
      if (src_size == 0 && rc != 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        if (!more) return Truncated(kWhat, "more lz4 data (the frame is incomplete)");
      }
    }
  }

 private:
  LZ4F_dctx* dctx_ = nullptr;
  size_t last_ = 1;  // LZ4F_decompress's last hint; 0 = at a frame boundary
};

class Lz4Compressor final : public CompressorBase {
 public:
  explicit Lz4Compressor(OutputPtr out) : CompressorBase(std::move(out)) {}
  ~Lz4Compressor() override { LZ4F_freeCompressionContext(cctx_); }

  Status Init(int level) {
    if (LZ4F_isError(LZ4F_createCompressionContext(&cctx_, LZ4F_VERSION))) {
      return ResourceExhaustedError("LZ4F_createCompressionContext failed");
    }
    prefs_.compressionLevel = level;
    prefs_.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    obuf_.resize(LZ4F_compressBound(kInChunk, &prefs_));
    size_t rc = LZ4F_compressBegin(cctx_, obuf_.data(), obuf_.size(), &prefs_);
    if (LZ4F_isError(rc)) return InternalError(std::string("lz4: ") + LZ4F_getErrorName(rc));
    header_ = std::string(reinterpret_cast<char*>(obuf_.data()), rc);
    return Status::OK();
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override {
    S3C_RETURN_IF_ERROR(EmitHeader());
    while (n > 0) {
      size_t step = std::min(n, kInChunk);
      size_t rc = LZ4F_compressUpdate(cctx_, obuf_.data(), obuf_.size(), data, step, nullptr);
      if (LZ4F_isError(rc)) return InternalError(std::string("lz4: ") + LZ4F_getErrorName(rc));
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), rc));
      data += step;
      n -= step;
    }
    return Status::OK();
  }
  Status Finish() override {
    S3C_RETURN_IF_ERROR(EmitHeader());
    size_t rc = LZ4F_compressEnd(cctx_, obuf_.data(), obuf_.size(), nullptr);
    if (LZ4F_isError(rc)) return InternalError(std::string("lz4: ") + LZ4F_getErrorName(rc));
    return Emit(obuf_.data(), rc);
  }
  // LZ4F keeps at most one block (<= kInChunk, which compressUpdate is given at a time) and the
  // 64 KiB window of linked blocks beside its output buffer.
  uint64_t state_bytes() const override { return obuf_.size() + kInChunk + (64u << 10); }

 private:
  // The frame header is made in Init() (which cannot write) and written before any block.
  Status EmitHeader() {
    if (header_.empty()) return Status::OK();
    Status s = Emit(header_.data(), header_.size());
    header_.clear();
    return s;
  }

  LZ4F_cctx* cctx_ = nullptr;
  LZ4F_preferences_t prefs_{};
  std::vector<uint8_t> obuf_;
  std::string header_;
};

}  // namespace

Result<InputPtr> MakeLz4Decompressor(InputPtr in, const DecompressOptions& options) {
  auto d = std::make_unique<Lz4Decompressor>(std::move(in), options.name);
  S3C_RETURN_IF_ERROR(d->Init());
  return InputPtr(std::move(d));
}

Result<OutputPtr> MakeLz4Compressor(OutputPtr out, const CompressOptions& options) {
  int level = options.level == CompressOptions::kDefaultLevel ? 0 : options.level;
  if (level < 0 || level > LZ4F_compressionLevel_max()) {
    return InvalidArgumentError("lz4 level must be 0-12, got " + std::to_string(options.level));
  }
  auto c = std::make_unique<Lz4Compressor>(std::move(out));
  S3C_RETURN_IF_ERROR(c->Init(level));
  return OutputPtr(std::move(c));
}

}  // namespace s3c::codec_internal
