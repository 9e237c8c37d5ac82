// bzip2 via libbz2. Concatenated bzip2 streams (as pbzip2 and `cat a.bz2 b.bz2` make) are
// all read: the decoder is restarted after each BZ_STREAM_END while input remains.
#include <bzlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"
#include "codec/decompressor_base.h"

namespace s3c::codec_internal {
namespace {

constexpr const char* kWhat = "bzip2 stream";

class Bzip2Decompressor final : public DecompressorBase {
 public:
  using DecompressorBase::DecompressorBase;
  ~Bzip2Decompressor() override {
    if (active_) BZ2_bzDecompressEnd(&bz_);
  }

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    n = std::min<size_t>(n, UINT_MAX);
    while (true) {
      if (!active_) {
        S3C_ASSIGN_OR_RETURN(bool any, in_.Ensure(1));
        if (!any && streams_ > 0) return size_t{0};
        if (!any) return Truncated(kWhat, "a bzip2 header (the stream is empty)");
        S3C_ASSIGN_OR_RETURN(bool three, in_.Ensure(3));
        if (std::memcmp(in_.data(), "BZh", std::min<size_t>(3, in_.size())) != 0) {
          return Corrupt(kWhat, streams_ > 0 ? "unexpected bytes after the last bzip2 stream"
                                             : "not bzip2 data (bad magic number)");
        }
        if (!three) return Truncated(kWhat, "a bzip2 header");
        bz_ = bz_stream{};
        if (BZ2_bzDecompressInit(&bz_, 0, 0) != BZ_OK) {
          return ResourceExhaustedError("BZ2_bzDecompressInit failed");
        }
        active_ = true;
      }
      if (in_.size() == 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        (void)more;
      }
      size_t avail = std::min<size_t>(in_.size(), UINT_MAX);
      bz_.next_in = reinterpret_cast<char*>(const_cast<uint8_t*>(in_.data()));
      bz_.avail_in = static_cast<unsigned>(avail);
      bz_.next_out = reinterpret_cast<char*>(out);
      bz_.avail_out = static_cast<unsigned>(n);
      int rc = BZ2_bzDecompress(&bz_);
      size_t used = avail - bz_.avail_in;
      size_t produced = n - bz_.avail_out;
      in_.Consume(used);
      if (rc == BZ_STREAM_END) {
        BZ2_bzDecompressEnd(&bz_);
        active_ = false;
        ++streams_;
        if (produced > 0) return produced;
        continue;
      }
      if (rc == BZ_DATA_ERROR) return Corrupt(kWhat, "data integrity (CRC) error");
      if (rc == BZ_DATA_ERROR_MAGIC) return Corrupt(kWhat, "bad bzip2 magic number");
      if (rc == BZ_MEM_ERROR) return ResourceExhaustedError("bzip2: out of memory");
      if (rc != BZ_OK) return Corrupt(kWhat, "libbz2 error " + std::to_string(rc));
      if (produced > 0) return produced;
      if (used == 0) {
        S3C_ASSIGN_OR_RETURN(bool more, in_.Fill());
        if (!more) return Truncated(kWhat, "more bzip2 data (no end-of-stream marker)");
      }
    }
  }

 private:
  bz_stream bz_{};
  bool active_ = false;
  uint64_t streams_ = 0;
};

class Bzip2Compressor final : public CompressorBase {
 public:
  explicit Bzip2Compressor(OutputPtr out) : CompressorBase(std::move(out)), obuf_(256 * 1024) {}
  ~Bzip2Compressor() override {
    if (initialized_) BZ2_bzCompressEnd(&bz_);
  }
  Status Init(int level) {
    if (BZ2_bzCompressInit(&bz_, level, 0, 0) != BZ_OK) {
      return InvalidArgumentError("BZ2_bzCompressInit failed");
    }
    initialized_ = true;
    // bzip2 manual 2.2 (memory management): compression takes 400k + 8 x the block size.
    state_bytes_ = 400'000 + 8ull * static_cast<uint64_t>(level) * 100'000 + obuf_.size();
    return Status::OK();
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override {
    while (n > 0) {
      size_t step = std::min<size_t>(n, 1u << 30);
      S3C_RETURN_IF_ERROR(Run(data, step, BZ_RUN));
      data += step;
      n -= step;
    }
    return Status::OK();
  }
  Status Finish() override { return Run(nullptr, 0, BZ_FINISH); }
  uint64_t state_bytes() const override { return state_bytes_; }

 private:
  Status Run(const uint8_t* data, size_t n, int action) {
    bz_.next_in = reinterpret_cast<char*>(const_cast<uint8_t*>(data));
    bz_.avail_in = static_cast<unsigned>(n);
    while (true) {
      bz_.next_out = reinterpret_cast<char*>(obuf_.data());
      bz_.avail_out = static_cast<unsigned>(obuf_.size());
      int rc = BZ2_bzCompress(&bz_, action);
      if (rc < 0) return InternalError("BZ2_bzCompress failed with code " + std::to_string(rc));
      S3C_RETURN_IF_ERROR(Emit(obuf_.data(), obuf_.size() - bz_.avail_out));
      if (action == BZ_FINISH ? rc == BZ_STREAM_END : bz_.avail_in == 0) return Status::OK();
    }
  }

  bz_stream bz_{};
  bool initialized_ = false;
  std::vector<uint8_t> obuf_;
  uint64_t state_bytes_ = 0;
};

}  // namespace

Result<InputPtr> MakeBzip2Decompressor(InputPtr in, const DecompressOptions& options) {
  return InputPtr(new Bzip2Decompressor(std::move(in), options.name));
}

Result<OutputPtr> MakeBzip2Compressor(OutputPtr out, const CompressOptions& options) {
  int level = options.level == CompressOptions::kDefaultLevel ? 9 : options.level;
  if (level < 1 || level > 9) {
    return InvalidArgumentError("bzip2 level must be 1-9, got " + std::to_string(options.level));
  }
  auto c = std::make_unique<Bzip2Compressor>(std::move(out));
  S3C_RETURN_IF_ERROR(c->Init(level));
  return OutputPtr(std::move(c));
}

}  // namespace s3c::codec_internal
