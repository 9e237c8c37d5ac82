// Snappy framing format decoding (framing_format.txt): every data chunk's masked CRC-32C of
// its uncompressed bytes is verified; reserved unskippable chunks (0x02-0x7f) are DataLoss,
// skippable ones (0x80-0xfe) are skipped. Concatenated framed streams are read as one.
#include <snappy.h>

#include <cstring>
#include <vector>

#include "codec/codec_streams.h"
#include "codec/decompressor_base.h"
#include "codec/snappy_framing.h"
#include "s3c/common/crc32c.h"

namespace s3c::codec_internal {
namespace {

constexpr const char* kWhat = "snappy frame";

class SnappyFrameDecompressor final : public DecompressorBase {
 public:
  SnappyFrameDecompressor(InputPtr in, std::string name)
      : DecompressorBase(std::move(in), std::move(name)), block_(kSnappyMaxBlock) {}

 protected:
  Result<size_t> ReadSome(uint8_t* out, size_t n) override {
    while (pos_ == len_) {
      S3C_ASSIGN_OR_RETURN(bool more, NextChunk());
      if (!more) return size_t{0};
    }
    size_t step = std::min(n, len_ - pos_);
    std::memcpy(out, block_.data() + pos_, step);
    pos_ += step;
    return step;
  }

 private:
  // Decodes chunks until one holds data; false at the clean end of the stream.
  Result<bool> NextChunk() {
    pos_ = len_ = 0;
    while (true) {
      S3C_ASSIGN_OR_RETURN(bool any, in_.Ensure(1));
      if (!any) {
        if (seen_id_) return false;
        return Truncated(kWhat, "a snappy stream identifier (the stream is empty)");
      }
      S3C_ASSIGN_OR_RETURN(bool head, in_.Ensure(4));
      if (!head) return Truncated(kWhat, "a 4-byte chunk header");
      const uint8_t* h = in_.data();
      uint8_t type = h[0];
      size_t len = h[1] | size_t{h[2]} << 8 | size_t{h[3]} << 16;
      if (!seen_id_ && type != kSnappyStreamId) {
        return Corrupt(kWhat, "not snappy framed data (no stream identifier)");
      }
      S3C_ASSIGN_OR_RETURN(bool body, in_.Ensure(4 + len));
      if (!body)
        return Truncated(kWhat, "the rest of a chunk of " + std::to_string(len) + " bytes");
      const uint8_t* p = in_.data() + 4;
      if (type == kSnappyStreamId) {
        if (len != 6 || std::memcmp(p, kSnappyStreamIdBody, 6) != 0) {
          return Corrupt(kWhat, "bad stream identifier");
        }
        seen_id_ = true;
      } else if (type == kSnappyCompressed || type == kSnappyUncompressed) {
        S3C_RETURN_IF_ERROR(DecodeData(type, p, len));
        in_.Consume(4 + len);
        if (len_ > 0) return true;
        continue;
      } else if (type < 0x80) {
        return Corrupt(kWhat, "reserved unskippable chunk type " + std::to_string(type));
      }
      in_.Consume(4 + len);
    }
  }

  Status DecodeData(uint8_t type, const uint8_t* p, size_t len) {
    if (len < 4) return Corrupt(kWhat, "data chunk shorter than its CRC");
    uint32_t want = p[0] | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
    const char* data = reinterpret_cast<const char*>(p + 4);
    size_t data_len = len - 4;
    if (type == kSnappyUncompressed) {
      if (data_len > kSnappyMaxBlock) return Corrupt(kWhat, "uncompressed chunk over 65536 bytes");
      std::memcpy(block_.data(), data, data_len);
      len_ = data_len;
    } else {
      size_t ulen = 0;
      if (!snappy::GetUncompressedLength(data, data_len, &ulen) || ulen > kSnappyMaxBlock) {
        return Corrupt(kWhat, "bad snappy block length");
      }
      if (!snappy::RawUncompress(data, data_len, reinterpret_cast<char*>(block_.data()))) {
        return Corrupt(kWhat, "invalid snappy block");
      }
      len_ = ulen;
    }
    if (MaskCrc32c(Crc32c(block_.data(), len_)) != want) {
      len_ = 0;
      return Corrupt(kWhat, "CRC-32C of the uncompressed data does not match");
    }
    return Status::OK();
  }

  std::vector<uint8_t> block_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool seen_id_ = false;
};

}  // namespace

Result<InputPtr> MakeSnappyDecompressor(InputPtr in, const DecompressOptions& options) {
  return InputPtr(new SnappyFrameDecompressor(std::move(in), options.name));
}

}  // namespace s3c::codec_internal
