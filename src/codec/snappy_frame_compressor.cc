// Snappy framing format encoding (framing_format.txt): a stream identifier, then one chunk per
// 64 KiB of input, compressed unless that saves less than 1/8 (then stored uncompressed).
#include <snappy.h>

#include <cstring>
#include <string>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/compressor_base.h"
#include "codec/snappy_framing.h"
#include "s3c/common/crc32c.h"

namespace s3c::codec_internal {
namespace {

class SnappyFrameCompressor final : public CompressorBase {
 public:
  explicit SnappyFrameCompressor(OutputPtr out)
      : CompressorBase(std::move(out)),
        chunk_(4 + 4 + snappy::MaxCompressedLength(kSnappyMaxBlock)) {
    pending_.reserve(kSnappyMaxBlock);
  }

 protected:
  Status Encode(const uint8_t* data, size_t n) override {
    while (n > 0) {
      size_t step = std::min(n, kSnappyMaxBlock - pending_.size());
      pending_.append(reinterpret_cast<const char*>(data), step);
      data += step;
      n -= step;
      if (pending_.size() == kSnappyMaxBlock) S3C_RETURN_IF_ERROR(Flush());
    }
    return Status::OK();
  }
  Status Finish() override {
    if (!pending_.empty()) return Flush();
    return WriteStreamId();
  }
  uint64_t state_bytes() const override { return chunk_.size() + pending_.capacity(); }

 private:
  Status WriteStreamId() {
    if (wrote_id_) return Status::OK();
    wrote_id_ = true;
    static constexpr uint8_t kId[] = {kSnappyStreamId, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'};
    return Emit(kId, sizeof(kId));
  }

  Status Flush() {
    S3C_RETURN_IF_ERROR(WriteStreamId());
    uint32_t crc = MaskCrc32c(Crc32c(pending_.data(), pending_.size()));
    size_t clen = 0;
    snappy::RawCompress(pending_.data(), pending_.size(), chunk_.data() + 8, &clen);
    uint8_t type = kSnappyCompressed;
    if (clen >= pending_.size() - pending_.size() / 8) {
      type = kSnappyUncompressed;
      clen = pending_.size();
      std::memcpy(chunk_.data() + 8, pending_.data(), clen);
    }
    size_t len = clen + 4;
    chunk_[0] = static_cast<char>(type);
    chunk_[1] = static_cast<char>(len & 0xff);
    chunk_[2] = static_cast<char>((len >> 8) & 0xff);
    chunk_[3] = static_cast<char>((len >> 16) & 0xff);
    for (int i = 0; i < 4; ++i) chunk_[4 + i] = static_cast<char>((crc >> (8 * i)) & 0xff);
    pending_.clear();
    return Emit(chunk_.data(), 4 + len);
  }

  std::vector<char> chunk_;
  std::string pending_;
  bool wrote_id_ = false;
};

}  // namespace

Result<OutputPtr> MakeSnappyCompressor(OutputPtr out, const CompressOptions&) {
  return OutputPtr(new SnappyFrameCompressor(std::move(out)));
}

}  // namespace s3c::codec_internal
