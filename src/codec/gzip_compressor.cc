// gzip (RFC 1952) encoding: ISA-L's isal_deflate for levels 0-3 (its whole range) and the
// default, zlib's deflate for levels 4-9. Both write one member with a minimal header.
#include <isa-l/igzip_lib.h>
#include <zlib.h>

#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"

namespace s3c::codec_internal {
namespace {

constexpr size_t kOutChunk = 256 * 1024;

class IsalGzipCompressor final : public CompressorBase {
 public:
  IsalGzipCompressor(OutputPtr out, int level)
      : CompressorBase(std::move(out)), stream_(new isal_zstream), obuf_(kOutChunk) {
    isal_deflate_init(stream_.get());
    stream_->level = level;
    stream_->gzip_flag = IGZIP_GZIP;
    static constexpr size_t kLevelBuf[] = {ISAL_DEF_LVL0_DEFAULT, ISAL_DEF_LVL1_DEFAULT,
                                           ISAL_DEF_LVL2_DEFAULT, ISAL_DEF_LVL3_DEFAULT};
    level_buf_.resize(kLevelBuf[level]);
    stream_->level_buf = level_buf_.empty() ? nullptr : level_buf_.data();
    stream_->level_buf_size = static_cast<uint32_t>(level_buf_.size());
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override {
    while (n > 0) {
      size_t step = n < (1u << 30) ? n : (1u << 30);
      S3C_RETURN_IF_ERROR(Run(data, step, false));
      data += step;
      n -= step;
    }
    return Status::OK();
  }
  Status Finish() override { return Run(nullptr, 0, true); }
  uint64_t state_bytes() const override {
    return sizeof(isal_zstream) + level_buf_.size() + obuf_.size();
  }

 private:
  Status Run(const uint8_t* data, size_t n, bool end) {
    stream_->next_in = const_cast<uint8_t*>(data);
    stream_->avail_in = static_cast<uint32_t>(n);
    stream_->end_of_stream = end ? 1 : 0;
    do {
      stream_->next_out = obuf_.data();
      stream_->avail_out = static_cast<uint32_t>(obuf_.size());
      int rc = isal_deflate(stream_.get());
      if (rc != COMP_OK)
        return InternalError("isal_deflate failed with code " + std::to_string(rc));
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), obuf_.size() - stream_->avail_out));
    } while (stream_->avail_in > 0 || stream_->avail_out == 0 ||
             (end && stream_->internal_state.state != ZSTATE_END));
    return Status::OK();
  }

  std::unique_ptr<isal_zstream> stream_;
  std::vector<uint8_t> level_buf_;
  std::vector<uint8_t> obuf_;
};

class ZlibGzipCompressor final : public CompressorBase {
 public:
  ZlibGzipCompressor(OutputPtr out) : CompressorBase(std::move(out)), obuf_(kOutChunk) {}
  ~ZlibGzipCompressor() override {
    if (initialized_) deflateEnd(&z_);
  }

  Status Init(int level) {
    // windowBits 15 + 16 asks zlib for the gzip wrapper.
    if (deflateInit2(&z_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      return InvalidArgumentError("zlib deflateInit2 failed (level " + std::to_string(level) + ")");
    }
    initialized_ = true;
    return Status::OK();
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override {
    while (n > 0) {
      size_t step = n < (1u << 30) ? n : (1u << 30);
      S3C_RETURN_IF_ERROR(Run(data, step, Z_NO_FLUSH));
      data += step;
      n -= step;
    }
    return Status::OK();
  }
  Status Finish() override { return Run(nullptr, 0, Z_FINISH); }
  // zlib.h (deflateInit2): (1 << (windowBits + 2)) + (1 << (memLevel + 9)) bytes, windowBits
  // 15 and memLevel 8 here, plus the z_stream and the output buffer.
  uint64_t state_bytes() const override {
    return (1u << 17) + (1u << 17) + sizeof(z_stream) + obuf_.size();
  }

 private:
  Status Run(const uint8_t* data, size_t n, int flush) {
    z_.next_in = const_cast<Bytef*>(data);
    z_.avail_in = static_cast<uInt>(n);
    int rc;
    do {
      z_.next_out = obuf_.data();
      z_.avail_out = static_cast<uInt>(obuf_.size());
      rc = deflate(&z_, flush);
      if (rc == Z_STREAM_ERROR) return InternalError("zlib deflate failed");
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), obuf_.size() - z_.avail_out));
    } while (z_.avail_in > 0 || z_.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    return Status::OK();
  }

  z_stream z_{};
  bool initialized_ = false;
  std::vector<uint8_t> obuf_;
};

}  // namespace

Result<OutputPtr> MakeGzipCompressor(OutputPtr out, const CompressOptions& options) {
  int level = options.level == CompressOptions::kDefaultLevel ? 1 : options.level;
  if (level < 0 || level > 9) {
    return InvalidArgumentError("gzip level must be 0-9, got " + std::to_string(options.level));
  }
  if (level <= ISAL_DEF_MAX_LEVEL) return OutputPtr(new IsalGzipCompressor(std::move(out), level));
  auto zlib = std::make_unique<ZlibGzipCompressor>(std::move(out));
  S3C_RETURN_IF_ERROR(zlib->Init(level));
  return OutputPtr(std::move(zlib));
}

}  // namespace s3c::codec_internal
